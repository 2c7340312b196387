/*
 * load_tree.c - reading a procedure file: its header, its layers and their decision trees.
 *
 * A node is a map that may carry items and may test one fact (see docs/rules.md). Every
 * reference (fact, channel, material, source, side, city) is resolved here, and every item must
 * cite a source, so a loaded tree can be walked without a single failure path.
 */
#include <stddef.h>
#include <string.h>

#include "date.h"
#include "gazetteer.h"
#include "load.h"

typedef struct {
	yb_loader *L;
	yb_procedure *proc;
} tree_ctx;

static const char *const common_item_keys[] = {"sources", "in_force", "unconfirmed"};

/* Builds the allowed-key list for an item: its own keys plus the common ones. */
static yb_status check_item_keys(yb_loader *L, const ynode *m, const char *const *own)
{
	const char *keys[24];
	size_t n = 0;
	while (own[n] && n < 20) {
		keys[n] = own[n];
		n++;
	}
	for (size_t i = 0; i < 3; i++)
		keys[n++] = common_item_keys[i];
	keys[n] = NULL;
	return yb_check_keys(L, m, keys);
}

static yb_status load_source_refs(yb_loader *L, const ynode *list, yb_ref *out, size_t *nout)
{
	yb_corpus *c = L->c;
	if (yb_expect(L, list, YN_SEQ, "sources"))
		return YB_ECORPUS;
	if (list->n == 0)
		return yb_bad(L, list, "sources 至少要列出一个来源");
	yb_ref *refs = yb_arena_alloc(&c->arena, sizeof(*refs) * list->n);
	if (!refs)
		return yb_nomem(L);
	for (size_t i = 0; i < list->n; i++) {
		yb_ref id;
		if (yb_get_id(L, list->kids[i], &id))
			return YB_ECORPUS;
		for (size_t j = 0; j < c->nsources && !refs[i]; j++)
			if (c->sources[j].id == id)
				refs[i] = yb_ref_of(c, &c->sources[j]);
		if (!refs[i])
			return yb_bad(L, list->kids[i],
				      "未知的来源 \"%s\"（不在来源目录 sources 中）",
				      yb_str(c, id));
	}
	*out = yb_ref_of(c, refs);
	*nout = list->n;
	return YB_OK;
}

/* A step's channels: ids, or {id, path} where this step is reached by its own path in the app. */
static yb_status load_channel_refs(yb_loader *L, const ynode *list, yb_item *it)
{
	static const char *const keys[] = {"id", "path", NULL};
	yb_corpus *c = L->c;
	if (yb_expect(L, list, YN_SEQ, "channels"))
		return YB_ECORPUS;
	yb_ref *refs = yb_arena_alloc(&c->arena, sizeof(*refs) * (list->n + 1));
	yb_text *paths = yb_arena_alloc(&c->arena, sizeof(*paths) * (list->n + 1));
	if (!refs || !paths)
		return yb_nomem(L);
	for (size_t i = 0; i < list->n; i++) {
		const ynode *ref = list->kids[i], *v;
		yb_ref id;
		if (ref->kind == YN_MAP) {
			if (yb_check_keys(L, ref, keys) || !(v = yb_require(L, ref, "id")) ||
			    !(v = yn_get(ref, "path")) || yb_get_text(L, v, &paths[i]))
				return YB_ECORPUS;
			ref = yn_get(ref, "id");
		}
		if (yb_get_id(L, ref, &id))
			return YB_ECORPUS;
		for (size_t j = 0; j < c->nchannels && !refs[i]; j++)
			if (c->channels[j].id == id)
				refs[i] = yb_ref_of(c, &c->channels[j]);
		if (!refs[i])
			return yb_bad(L, ref,
				      "未知的渠道 \"%s\"（不在渠道目录 channels 中）",
				      yb_str(c, id));
	}
	it->channels = yb_ref_of(c, refs);
	it->channel_paths = yb_ref_of(c, paths);
	it->nchannels = list->n;
	return YB_OK;
}

static yb_status load_path(yb_loader *L, const ynode *v, yb_path *out)
{
	if (yb_expect(L, v, YN_SCALAR, "path"))
		return YB_ECORPUS;
	if (!strcmp(v->str, "online"))
		*out = PATH_ONLINE;
	else if (!strcmp(v->str, "offline"))
		*out = PATH_OFFLINE;
	else
		return yb_bad(L, v, "path 应是 online 或 offline，而不是 \"%s\"", v->str);
	return YB_OK;
}

static yb_status load_side(tree_ctx *t, const ynode *v, int *out)
{
	if (yb_expect(t->L, v, YN_SCALAR, "side"))
		return YB_ECORPUS;
	/* A counter step either side may take (the 2021 transfer: apply at either office). */
	if (!strcmp(v->str, "either") && t->proc->nsides) {
		*out = YB_SIDE_EITHER;
		return YB_OK;
	}
	for (size_t i = 0; i < t->proc->nsides; i++)
		if (!strcmp(yb_str(t->L->c, t->proc->sides[i].id), v->str)) {
			*out = (int)i;
			return YB_OK;
		}
	return yb_bad(t->L, v, "未知的一方 \"%s\"（%s）", v->str,
		      t->proc->nsides ? "本事项的各方见 \"sides\"" : "本事项没有声明各方");
}

/* working_days or text; used by step deadlines and deadline items. */
/*
 * How long: working_days, or calendar days, or months (each optionally with a text), or only a
 * text; `after: STEP` counts from that step's due date instead of the start date. Used by step
 * deadlines and deadline items.
 */
static yb_status load_deadline_value(yb_loader *L, const ynode *m, yb_deadline *d)
{
	const ynode *wd = yn_get(m, "working_days"), *days = yn_get(m, "days"),
		    *months = yn_get(m, "months"), *text = yn_get(m, "text"),
		    *after = yn_get(m, "after"), *from = yn_get(m, "from");
	long n;
	d->present = true;
	d->working_days = -1;
	if (!wd && !days && !months && !text)
		return yb_bad(L, m, "期限需要 working_days、days、months 或 text");
	if ((wd != NULL) + (days != NULL) + (months != NULL) > 1)
		return yb_bad(L, m, "期限只能用一种单位计算：working_days、days 或 months");
	if (wd) {
		if (yb_get_int(L, wd, 0, 3650, &n))
			return YB_ECORPUS;
		d->working_days = (int)n;
	}
	if (days) {
		if (yb_get_int(L, days, 1, 3650, &n))
			return YB_ECORPUS;
		d->days = (int)n;
	}
	if (months) {
		if (yb_get_int(L, months, 1, 120, &n))
			return YB_ECORPUS;
		d->months = (int)n;
	}
	if (after) {
		if (!wd && !days && !months)
			return yb_bad(L, after, "after 需要按 days 或 months 计算的期限");
		if (yb_get_id(L, after, &d->after))
			return YB_ECORPUS;
	}
	if (from) {
		if (after || (!wd && !days && !months))
			return yb_bad(L, from, "from 指明计算期限的起点事件，"
					       "不能与 after 同时使用");
		if (yb_get_text(L, from, &d->from))
			return YB_ECORPUS;
	}
	if (text && yb_get_text(L, text, &d->text))
		return YB_ECORPUS;
	return YB_OK;
}

static yb_status load_common(yb_loader *L, const ynode *m, yb_item *it)
{
	const yb_corpus *c = L->c;
	const ynode *v;
	it->pos = yb_pos_of(L, m);
	if (!(v = yb_require(L, m, "sources")) ||
	    load_source_refs(L, v, &it->sources, &it->nsources))
		return YB_ECORPUS;
	if ((v = yn_get(m, "unconfirmed")) && yb_get_bool(L, v, &it->unconfirmed))
		return YB_ECORPUS;
	if ((v = yn_get(m, "in_force"))) {
		static const char *const keys[] = {"from", "until", NULL};
		const ynode *d;
		if (yb_expect(L, v, YN_MAP, "in_force") || yb_check_keys(L, v, keys))
			return YB_ECORPUS;
		if ((d = yn_get(v, "from")) && yb_get_date(L, d, &it->in_force_from))
			return YB_ECORPUS;
		if ((d = yn_get(v, "until")) && yb_get_date(L, d, &it->in_force_until))
			return YB_ECORPUS;
		if (it->in_force_from && it->in_force_until &&
		    it->in_force_from > it->in_force_until)
			return yb_bad(L, v, "in_force 的结束日期早于开始日期");
	}
	/* An item resting on an unconfirmed source must say so itself. */
	for (size_t i = 0; i < it->nsources; i++) {
		const yb_source *s = YB_NTH(c, yb_source, it->sources, i);
		if (s->unconfirmed && !it->unconfirmed)
			return yb_bad(L, m,
				      "此条目引用了未经确认的来源 \"%s\"；请标注 "
				      "\"unconfirmed: true\"",
				      yb_str(c, s->id));
	}
	return YB_OK;
}

static yb_status load_step(tree_ctx *t, const ynode *m, yb_item *it)
{
	static const char *const keys[] = {"id", "side", "path", "title", "detail", "channels",
					   "deadline", NULL};
	yb_loader *L = t->L;
	const ynode *v;
	it->kind = ITEM_STEP;
	it->side = -1;
	if (check_item_keys(L, m, keys) || load_common(L, m, it) ||
	    !(v = yb_require(L, m, "id")) || yb_get_id(L, v, &it->id) ||
	    !(v = yb_require(L, m, "title")) || yb_get_text(L, v, &it->title))
		return YB_ECORPUS;
	if ((v = yn_get(m, "detail")) && yb_get_text(L, v, &it->text))
		return YB_ECORPUS;
	if ((v = yn_get(m, "side")) && load_side(t, v, &it->side))
		return YB_ECORPUS;
	if ((v = yn_get(m, "path")) && load_path(L, v, &it->path))
		return YB_ECORPUS;
	if ((v = yn_get(m, "channels")) && load_channel_refs(L, v, it))
		return YB_ECORPUS;
	if ((v = yn_get(m, "deadline"))) {
		static const char *const dkeys[] = {"working_days", "days", "months", "after",
						    "from", "text", "sources", NULL};
		const ynode *s;
		if (yb_expect(L, v, YN_MAP, "deadline") || yb_check_keys(L, v, dkeys) ||
		    load_deadline_value(L, v, &it->deadline))
			return YB_ECORPUS;
		if ((s = yn_get(v, "sources")) &&
		    load_source_refs(L, s, &it->deadline.sources, &it->deadline.nsources))
			return YB_ECORPUS;
	}
	if (t->proc->nsides && it->side == -1 && it->path != PATH_ANY && it->nchannels &&
	    YB_NTH(L->c, yb_channel, it->channels, 0)->kind == CHANNEL_COUNTER)
		return yb_bad(L, m, "双方事项的窗口（counter）步骤需要指明 side"
				     "（或 \"side: either\"）");
	return YB_OK;
}

static yb_status load_material(tree_ctx *t, const ynode *m, yb_item *it)
{
	static const char *const keys[] = {"ref", "path", "side", "note", NULL};
	yb_loader *L = t->L;
	yb_corpus *c = L->c;
	const ynode *v;
	it->kind = ITEM_MATERIAL;
	it->side = -1;
	if (check_item_keys(L, m, keys) || load_common(L, m, it) ||
	    !(v = yb_require(L, m, "ref")) || yb_get_id(L, v, &it->id))
		return YB_ECORPUS;
	for (size_t j = 0; j < c->nmaterials && !it->material; j++)
		if (c->materials[j].id == it->id)
			it->material = yb_ref_of(c, &c->materials[j]);
	if (!it->material)
		return yb_bad(L, v, "未知的材料 \"%s\"（不在材料目录 materials 中）",
			      yb_str(c, it->id));
	if ((v = yn_get(m, "path")) && load_path(L, v, &it->path))
		return YB_ECORPUS;
	if ((v = yn_get(m, "side")) && load_side(t, v, &it->side))
		return YB_ECORPUS;
	if ((v = yn_get(m, "note")) && yb_get_text(L, v, &it->text))
		return YB_ECORPUS;
	return YB_OK;
}

static yb_status load_deadline(tree_ctx *t, const ynode *m, yb_item *it)
{
	static const char *const keys[] = {"id", "title", "working_days", "days", "months",
					   "after", "from", "text", "side", NULL};
	yb_loader *L = t->L;
	const ynode *v;
	it->kind = ITEM_DEADLINE;
	it->side = -1;
	if (check_item_keys(L, m, keys) || load_common(L, m, it) ||
	    !(v = yb_require(L, m, "id")) || yb_get_id(L, v, &it->id) ||
	    !(v = yb_require(L, m, "title")) || yb_get_text(L, v, &it->title) ||
	    load_deadline_value(L, m, &it->deadline))
		return YB_ECORPUS;
	if ((v = yn_get(m, "side")) && load_side(t, v, &it->side))
		return YB_ECORPUS;
	return YB_OK;
}

static yb_status load_note(tree_ctx *t, const ynode *m, yb_item *it)
{
	static const char *const keys[] = {"id", "kind", "title", "text", NULL};
	yb_loader *L = t->L;
	const ynode *v;
	it->kind = ITEM_NOTE;
	it->side = -1;
	if (check_item_keys(L, m, keys) || load_common(L, m, it) ||
	    !(v = yb_require(L, m, "id")) || yb_get_id(L, v, &it->id) ||
	    !(v = yb_require(L, m, "text")) || yb_get_text(L, v, &it->text))
		return YB_ECORPUS;
	if ((v = yn_get(m, "title")) && yb_get_text(L, v, &it->title))
		return YB_ECORPUS;
	it->note_kind = NOTE_INFO;
	if ((v = yn_get(m, "kind"))) {
		if (yb_expect(L, v, YN_SCALAR, "kind"))
			return YB_ECORPUS;
		if (!strcmp(v->str, "precondition"))
			it->note_kind = NOTE_PRECONDITION;
		else if (!strcmp(v->str, "warning"))
			it->note_kind = NOTE_WARNING;
		else if (strcmp(v->str, "info") != 0)
			return yb_bad(L, v,
				      "note 的 kind 应是 precondition、warning 或 info，而不是 \"%s\"",
				      v->str);
	}
	return YB_OK;
}

static yb_status load_verdict(tree_ctx *t, const ynode *m, yb_item *it)
{
	static const char *const keys[] = {"key", "value", "reason", NULL};
	static const char *const values[] = {"true", "false", "partial", "depends", NULL};
	yb_loader *L = t->L;
	const ynode *v;
	it->kind = ITEM_VERDICT;
	it->side = -1;
	if (yb_expect(L, m, YN_MAP, "verdict") || check_item_keys(L, m, keys) ||
	    load_common(L, m, it) || !(v = yb_require(L, m, "key")) ||
	    yb_get_id(L, v, &it->verdict_key) || !(v = yb_require(L, m, "value")) ||
	    yb_get_string(L, v, &it->verdict_value) || !(v = yb_require(L, m, "reason")) ||
	    yb_get_text(L, v, &it->text))
		return YB_ECORPUS;
	it->id = it->verdict_key;
	v = yn_get(m, "value");
	const char *value = yb_str(L->c, it->verdict_value);
	size_t k = 0;
	while (values[k] && strcmp(values[k], value) != 0)
		k++;
	if (!values[k])
		return yb_bad(L, v, "verdict 应是 true、false、partial 或 depends，而不是 \"%s\"",
			      value);
	return YB_OK;
}

/* The fact the procedure asks whose id is `id`, or NULL. */
static const yb_fact *asked_fact(const yb_corpus *c, const yb_procedure *p, const char *id)
{
	for (size_t i = 0; i < p->nasks; i++) {
		const yb_fact *f = YB_NTH(c, yb_fact, p->asks, i);
		if (!strcmp(yb_str(c, f->id), id))
			return f;
	}
	return NULL;
}

/* A cost estimate: paid = (cost - deductible) x ratio, for the number fact `of`. */
static yb_status load_estimate(tree_ctx *t, const ynode *m, yb_item *it)
{
	static const char *const keys[] = {"id", "title", "of", "deductible", "ratio", NULL};
	yb_loader *L = t->L;
	const ynode *v;
	it->kind = ITEM_ESTIMATE;
	it->side = -1;
	if (check_item_keys(L, m, keys) || load_common(L, m, it) ||
	    !(v = yb_require(L, m, "id")) || yb_get_id(L, v, &it->id) ||
	    !(v = yb_require(L, m, "title")) || yb_get_text(L, v, &it->title) ||
	    !(v = yb_require(L, m, "of")) || yb_expect(L, v, YN_SCALAR, "of"))
		return YB_ECORPUS;
	const yb_fact *of = asked_fact(L->c, t->proc, v->str);
	if (!of || of->kind != FACT_NUMBER)
		return yb_bad(L, v, "\"%s\" 不是本事项询问的 number 事实", v->str);
	it->of = yb_ref_of(L->c, of);
	if ((v = yn_get(m, "deductible")) &&
	    yb_get_number(L, v, 0, YB_FACT_NUMBER_LIMIT, &it->deductible))
		return YB_ECORPUS;
	if (!(v = yb_require(L, m, "ratio")) || yb_get_number(L, v, 0, 1, &it->ratio))
		return YB_ECORPUS;
	if (it->ratio == 0)
		return yb_bad(L, v, "ratio 是大于 0、不超过 1 的比例，如 0.7");
	return YB_OK;
}

/* A number fact the procedure asks, named by the item (for estimates and waits). */
static yb_status asked_number(tree_ctx *t, const ynode *v, yb_ref *out)
{
	*out = 0;
	if (yb_expect(t->L, v, YN_SCALAR, "事实 id"))
		return YB_ECORPUS;
	const yb_fact *f = asked_fact(t->L->c, t->proc, v->str);
	if (!f || f->kind != FACT_NUMBER)
		return yb_bad(t->L, v, "\"%s\" 不是本事项询问的 number 事实", v->str);
	*out = yb_ref_of(t->L->c, f);
	return YB_OK;
}

/* A waiting period: a grace rule or a counted rule (see yb_wait_rule). */
static yb_status load_wait(tree_ctx *t, const ynode *m, yb_item *it)
{
	static const char *const keys[] = {
		"id",		 "title",	"gap_months",	   "gap_years",	  "back_paid",
		"grace_months", "max_months",	"fixed_months",	   "per_gap_year", "back_pay_credit",
		"floor_gap_years", "floor_months", NULL};
	static const struct {
		const char *key;
		size_t offset;
	} numbers[] = {
		{"grace_months", offsetof(yb_wait_rule, grace_months)},
		{"max_months", offsetof(yb_wait_rule, max_months)},
		{"fixed_months", offsetof(yb_wait_rule, fixed_months)},
		{"per_gap_year", offsetof(yb_wait_rule, per_gap_year)},
		{"back_pay_credit", offsetof(yb_wait_rule, back_pay_credit)},
		{"floor_gap_years", offsetof(yb_wait_rule, floor_gap_years)},
		{"floor_months", offsetof(yb_wait_rule, floor_months)},
	};
	yb_loader *L = t->L;
	yb_wait_rule *w = &it->wait;
	const ynode *v;
	it->kind = ITEM_WAIT;
	it->side = -1;
	if (check_item_keys(L, m, keys) || load_common(L, m, it) ||
	    !(v = yb_require(L, m, "id")) || yb_get_id(L, v, &it->id) ||
	    !(v = yb_require(L, m, "title")) || yb_get_text(L, v, &it->title) ||
	    !(v = yb_require(L, m, "gap_months")) || asked_number(t, v, &w->gap_months) ||
	    !(v = yb_require(L, m, "gap_years")) || asked_number(t, v, &w->gap_years))
		return YB_ECORPUS;
	if ((v = yn_get(m, "back_paid")) && asked_number(t, v, &w->back_paid))
		return YB_ECORPUS;
	for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		long n;
		if ((v = yn_get(m, numbers[i].key))) {
			if (yb_get_int(L, v, 0, 120, &n))
				return YB_ECORPUS;
			*(int *)((char *)w + numbers[i].offset) = (int)n;
		}
	}
	bool grace = yn_get(m, "grace_months") != NULL, counted = yn_get(m, "fixed_months") != NULL;
	if (grace == counted)
		return yb_bad(L, m, "等待期应是宽限规则（grace_months、max_months）"
				    "或计数规则（fixed_months …）二者之一");
	return YB_OK;
}

typedef yb_status (*item_loader)(tree_ctx *t, const ynode *m, yb_item *it);

static const struct {
	const char *key;
	item_loader load;
} item_lists[] = {
	{"steps", load_step},
	{"materials", load_material},
	{"deadlines", load_deadline},
	{"notes", load_note},
	{"estimates", load_estimate},
	{"waits", load_wait},
};
enum { NITEM_LISTS = sizeof(item_lists) / sizeof(item_lists[0]) };

static yb_status load_node(tree_ctx *t, const ynode *m, yb_ref *out, int depth);

/* One end of a number or date range; dates are kept as YYYYMMDD numbers. */
static yb_status load_bound(yb_loader *L, const yb_fact *f, const ynode *n, double *out)
{
	int d;
	if (f->kind == FACT_NUMBER)
		return yb_get_number(L, n, -YB_FACT_NUMBER_LIMIT, YB_FACT_NUMBER_LIMIT, out);
	if (yb_get_date(L, n, &d))
		return YB_ECORPUS;
	*out = d;
	return YB_OK;
}

/* Values a case matches, checked against what the tested fact can be. */
static yb_status load_when(tree_ctx *t, const yb_fact *f, const ynode *w, yb_case *cs)
{
	yb_loader *L = t->L;
	yb_corpus *c = L->c;

	if (f->kind == FACT_NUMBER || f->kind == FACT_DATE) {
		const char *lo = f->kind == FACT_NUMBER ? "min" : "from";
		const char *hi = f->kind == FACT_NUMBER ? "max" : "until";
		const char *const keys[] = {lo, hi, NULL};
		const ynode *a, *b;
		if (yb_expect(L, w, YN_MAP, "when") || yb_check_keys(L, w, keys))
			return YB_ECORPUS;
		a = yn_get(w, lo);
		b = yn_get(w, hi);
		if (!a && !b)
			return yb_bad(L, w, "范围需要 %s 或 %s", lo, hi);
		if (a && load_bound(L, f, a, &cs->min))
			return YB_ECORPUS;
		if (b && load_bound(L, f, b, &cs->max))
			return YB_ECORPUS;
		cs->has_min = a != NULL;
		cs->has_max = b != NULL;
		return YB_OK;
	}

	size_t n = w->kind == YN_SEQ ? w->n : 1;
	const ynode *const *vals = w->kind == YN_SEQ ? (const ynode *const *)w->kids : &w;
	const yb_fact_value *values = YB_AT(c, yb_fact_value, f->values);
	yb_ref *out = yb_arena_alloc(&c->arena, sizeof(*out) * (n + 1));
	if (!out)
		return yb_nomem(L);
	if (n == 0)
		return yb_bad(L, w, "when 至少需要一个值");
	for (size_t i = 0; i < n; i++) {
		const ynode *v = vals[i];
		if (yb_expect(L, v, YN_SCALAR, "when 的值"))
			return YB_ECORPUS;
		if (f->kind == FACT_BOOL) {
			bool b;
			if (yb_get_bool(L, v, &b) ||
			    yb_keep(L, b ? "true" : "false", b ? 4 : 5, &out[i]))
				return YB_ECORPUS;
		} else if (f->kind == FACT_ENUM) {
			for (size_t k = 0; k < f->nvalues && !out[i]; k++)
				if (!strcmp(yb_str(c, values[k].id), v->str))
					out[i] = values[k].id;
			if (!out[i]) {
				char list[300] = "";
				for (size_t k = 0; k < f->nvalues; k++) {
					strncat(list, k ? ", " : "", sizeof(list) - strlen(list) - 1);
					strncat(list, yb_str(c, values[k].id),
						sizeof(list) - strlen(list) - 1);
				}
				return yb_bad(L, v, "\"%s\" 不是 %s 的取值（可选值：%s）",
					      v->str, yb_str(c, f->id), list);
			}
		} else if (f->kind == FACT_CITY) {
			yb_error e;
			const yb_city *city = yb_gazetteer_find(c, v->str, &e);
			if (!city)
				return yb_bad(L, v, "%s", e.message);
			out[i] = city->adcode;
		} else {
			const yb_province *p = yb_gazetteer_find_province(c, v->str);
			if (!p)
				return yb_bad(L, v, "未知的省份 \"%s\"", v->str);
			out[i] = p->adcode;
		}
	}
	cs->values = yb_ref_of(c, out);
	cs->nvalues = n;
	return YB_OK;
}

/* The fact a node tests must be one the procedure asks, or a derived fact of its places. */
static const yb_fact *testable_fact(tree_ctx *t, const ynode *v)
{
	yb_corpus *c = t->L->c;
	const yb_procedure *p = t->proc;
	const yb_fact *f = asked_fact(c, p, v->str);
	if (f)
		return f;
	if (!strcmp(v->str, "route") && (p->places & (1u << PLACE_FROM)) &&
	    (p->places & (1u << PLACE_TO)))
		return c->route;
	for (int pl = 0; pl < PLACE_COUNT; pl++) {
		if (!(p->places & (1u << pl)))
			continue;
		if (!strcmp(yb_str(c, c->place[pl]->id), v->str))
			return c->place[pl];
		if (!strcmp(yb_str(c, c->province_of[pl]->id), v->str))
			return c->province_of[pl];
	}
	return NULL;
}

static yb_status load_node(tree_ctx *t, const ynode *m, yb_ref *out, int depth)
{
	static const char *const node_keys[] = {"steps",   "materials", "deadlines", "notes",
						"estimates", "waits", "verdict", "remove",
						"then",    "test",	 "cases",     "default",
						NULL};
	static const char *const case_keys[] = {"when",	 "steps",   "materials", "deadlines",
						"notes", "estimates", "waits",   "verdict",
						"remove", "then",	 "test",    "cases",
						"default", NULL};
	yb_loader *L = t->L;
	yb_corpus *c = L->c;
	const ynode *v;

	if (yb_expect(L, m, YN_MAP, "树节点") ||
	    yb_check_keys(L, m, depth < 0 ? case_keys : node_keys))
		return YB_ECORPUS;
	if (depth < 0)
		depth = -depth;
	yb_node *node = yb_arena_alloc(&c->arena, sizeof(*node));
	if (!node)
		return yb_nomem(L);
	node->pos = yb_pos_of(L, m);

	/* Items, in the order of the lists, each list in its written order. */
	size_t total = yn_get(m, "verdict") ? 1 : 0;
	for (size_t k = 0; k < NITEM_LISTS; k++) {
		v = yn_get(m, item_lists[k].key);
		if (v && yb_expect(L, v, YN_SEQ, item_lists[k].key))
			return YB_ECORPUS;
		total += v ? v->n : 0;
	}
	if (total) {
		yb_ref *items = yb_arena_alloc(&c->arena, sizeof(*items) * total);
		if (!items)
			return yb_nomem(L);
		for (size_t k = 0; k < NITEM_LISTS; k++) {
			if (!(v = yn_get(m, item_lists[k].key)))
				continue;
			for (size_t i = 0; i < v->n; i++) {
				yb_item *it = yb_arena_alloc(&c->arena, sizeof(*it));
				if (!it)
					return yb_nomem(L);
				if (yb_expect(L, v->kids[i], YN_MAP, "条目") ||
				    item_lists[k].load(t, v->kids[i], it)) {
					if (yb_recover(L))
						continue; /* linting: report it, go on */
					return YB_ECORPUS;
				}
				items[node->nitems++] = yb_ref_of(c, it);
			}
		}
		if ((v = yn_get(m, "verdict"))) {
			yb_item *it = yb_arena_alloc(&c->arena, sizeof(*it));
			if (!it)
				return yb_nomem(L);
			if (load_verdict(t, v, it) == YB_OK)
				items[node->nitems++] = yb_ref_of(c, it);
			else if (!yb_recover(L))
				return YB_ECORPUS;
		}
		node->items = yb_ref_of(c, items);
	}

	if ((v = yn_get(m, "remove"))) {
		if (yb_expect(L, v, YN_SEQ, "remove"))
			return YB_ECORPUS;
		yb_ref *ids = yb_arena_alloc(&c->arena, sizeof(*ids) * (v->n + 1));
		if (!ids)
			return yb_nomem(L);
		for (size_t i = 0; i < v->n; i++)
			if (yb_get_id(L, v->kids[i], &ids[i]))
				return YB_ECORPUS;
		node->remove = yb_ref_of(c, ids);
		node->nremove = v->n;
	}

	if ((v = yn_get(m, "then"))) {
		if (yb_expect(L, v, YN_SEQ, "then") || v->n == 0)
			return yb_bad(L, v, "then 应是非空的树节点列表");
		yb_ref *kids = yb_arena_alloc(&c->arena, sizeof(*kids) * v->n);
		if (!kids)
			return yb_nomem(L);
		for (size_t i = 0; i < v->n; i++)
			if (load_node(t, v->kids[i], &kids[i], depth + 1))
				return YB_ECORPUS;
		node->then = yb_ref_of(c, kids);
		node->nthen = v->n;
	}

	const ynode *test = yn_get(m, "test"), *cases = yn_get(m, "cases"),
		    *dflt = yn_get(m, "default");
	if (!test) {
		if (cases || dflt)
			return yb_bad(L, cases ? cases : dflt,
				      "cases 和 default 需要用 \"test\" 指明所判断的事实");
		*out = yb_ref_of(c, node);
		return YB_OK;
	}
	if (yb_expect(L, test, YN_SCALAR, "test"))
		return YB_ECORPUS;
	const yb_fact *tested = testable_fact(t, test);
	if (!tested)
		return yb_bad(L, test,
			      "本事项不能判断 \"%s\"（它既不在 \"asks\" 中，"
			      "也不是本事项地点的事实）",
			      test->str);
	node->test = yb_ref_of(c, tested);
	if (!cases)
		return yb_bad(L, m, "带 \"test\" 的节点需要 \"cases\"");
	if (yb_expect(L, cases, YN_SEQ, "cases") || cases->n == 0)
		return yb_bad(L, cases, "cases 应是非空列表");
	yb_case *cs = yb_arena_alloc(&c->arena, sizeof(*cs) * cases->n);
	if (!cs)
		return yb_nomem(L);
	size_t ncases = 0;
	for (size_t i = 0; i < cases->n; i++) {
		const ynode *cm = cases->kids[i], *w;
		memset(&cs[ncases], 0, sizeof(cs[ncases]));
		cs[ncases].pos = yb_pos_of(L, cm);
		if (yb_expect(L, cm, YN_MAP, "case") || !(w = yb_require(L, cm, "when")) ||
		    load_when(t, tested, w, &cs[ncases]) ||
		    load_node(t, cm, &cs[ncases].body, -(depth + 1))) {
			if (yb_recover(L))
				continue;
			return YB_ECORPUS;
		}
		ncases++;
	}
	node->cases = yb_ref_of(c, cs);
	node->ncases = ncases;
	if (dflt && load_node(t, dflt, &node->otherwise, depth + 1))
		return YB_ECORPUS;
	*out = yb_ref_of(c, node);
	return YB_OK;
}

static yb_status load_places(yb_loader *L, const ynode *list, unsigned allowed, unsigned *out)
{
	if (yb_expect(L, list, YN_SEQ, "places"))
		return YB_ECORPUS;
	*out = 0;
	for (size_t i = 0; i < list->n; i++) {
		const ynode *v = list->kids[i];
		int p = 0;
		if (yb_expect(L, v, YN_SCALAR, "地点"))
			return YB_ECORPUS;
		while (p < PLACE_COUNT && strcmp(yb_place_name((yb_place)p), v->str) != 0)
			p++;
		if (p == PLACE_COUNT || !(allowed & (1u << p)))
			return yb_bad(L, v, "未知的地点 \"%s\"（地点只有 from、to 和 city，"
					    "且须是本事项的地点）",
				      v->str);
		*out |= 1u << p;
	}
	return YB_OK;
}

static yb_status load_layer(tree_ctx *t, const ynode *m, yb_layer *ly)
{
	static const char *const keys[] = {"level", "area", "applies_to", "match", "tree", NULL};
	yb_loader *L = t->L;
	const ynode *v, *area;
	if (yb_expect(L, m, YN_MAP, "层") || yb_check_keys(L, m, keys) ||
	    !(v = yb_require(L, m, "level")) || yb_expect(L, v, YN_SCALAR, "level"))
		return YB_ECORPUS;
	ly->pos = yb_pos_of(L, m);
	area = yn_get(m, "area");
	if (!strcmp(v->str, "national")) {
		ly->level = LEVEL_NATIONAL;
		if (area)
			return yb_bad(L, area, "全国层（national）没有 area");
	} else if (!strcmp(v->str, "province") || !strcmp(v->str, "city")) {
		if (!(area = yb_require(L, m, "area")) || yb_expect(L, area, YN_SCALAR, "area"))
			return YB_ECORPUS;
		if (v->str[0] == 'p') {
			const yb_province *p = yb_gazetteer_find_province(L->c, area->str);
			if (!p)
				return yb_bad(L, area, "未知的省份 \"%s\"", area->str);
			ly->level = LEVEL_PROVINCE;
			ly->area = p->adcode;
			ly->area_name = p->name;
		} else {
			yb_error e;
			const yb_city *city = yb_gazetteer_find(L->c, area->str, &e);
			if (!city)
				return yb_bad(L, area, "%s", e.message);
			ly->level = LEVEL_CITY;
			ly->area = city->adcode;
			ly->area_name = city->name;
		}
	} else {
		return yb_bad(L, v, "level 应是 national、province 或 city，而不是 \"%s\"", v->str);
	}
	ly->applies_to = t->proc->places;
	if ((v = yn_get(m, "applies_to"))) {
		if (ly->level == LEVEL_NATIONAL)
			return yb_bad(L, v, "全国层（national）处处适用，不能限定地点");
		if (load_places(L, v, t->proc->places, &ly->applies_to))
			return YB_ECORPUS;
	}
	if ((v = yn_get(m, "match"))) {
		if (ly->level == LEVEL_NATIONAL)
			return yb_bad(L, v, "全国层（national）处处适用，不能限定地点");
		if (yb_expect(L, v, YN_SCALAR, "match"))
			return YB_ECORPUS;
		if (strcmp(v->str, "all") != 0 && strcmp(v->str, "any") != 0)
			return yb_bad(L, v, "match 应是 all（applies_to 中的每个地点都在 area 内）"
					    "或 any（其中一个在即可），而不是 \"%s\"",
				      v->str);
		ly->any = v->str[1] == 'n';
	}
	if (!(v = yb_require(L, m, "tree")))
		return YB_ECORPUS;
	return load_node(t, v, &ly->tree, 1);
}

static yb_status load_sides(tree_ctx *t, const ynode *m)
{
	static const char *const keys[] = {"place", "label", NULL};
	yb_loader *L = t->L;
	if (yb_expect(L, m, YN_MAP, "sides"))
		return YB_ECORPUS;
	if (m->n / 2 > YB_MAX_SIDES)
		return yb_bad(L, m, "最多 %d 方", YB_MAX_SIDES);
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		yb_side *s = &t->proc->sides[t->proc->nsides++];
		const ynode *v = m->kids[i + 1], *p;
		unsigned place;
		if (yb_get_id(L, m->kids[i], &s->id) || yb_expect(L, v, YN_MAP, "一方") ||
		    yb_check_keys(L, v, keys) || !(p = yb_require(L, v, "place")))
			return YB_ECORPUS;
		ynode one = *p, *kids[1] = {&one};
		ynode list = {YN_SEQ, p->line, p->column, false, NULL, 0, kids, 1};
		if (load_places(L, &list, t->proc->places, &place))
			return YB_ECORPUS;
		s->place = place == 1u << PLACE_FROM ? PLACE_FROM
			   : place == 1u << PLACE_TO ? PLACE_TO
						     : PLACE_CITY;
		if (!(p = yb_require(L, v, "label")) || yb_get_text(L, p, &s->label))
			return YB_ECORPUS;
	}
	return YB_OK;
}

yb_status yb_procedure_load(yb_loader *L, const ynode *root, yb_ref expect_id,
			    yb_procedure *proc)
{
	static const char *const keys[] = {"procedure", "title", "places", "optional", "sides",
					   "asks", "requires", "layers", NULL};
	yb_corpus *c = L->c;
	tree_ctx t = {L, proc};
	const ynode *v;

	memset(proc, 0, sizeof(*proc));
	proc->file = yb_ref_of(c, L->file);
	if (yb_check_keys(L, root, keys) || !(v = yb_require(L, root, "procedure")) ||
	    yb_get_id(L, v, &proc->id))
		return YB_ECORPUS;
	if (proc->id != expect_id)
		return yb_bad(L, v, "此文件定义的是 \"%s\"，但 corpus.yaml 把它列为 \"%s\"",
			      yb_str(c, proc->id), yb_str(c, expect_id));
	if (!(v = yb_require(L, root, "title")) || yb_get_text(L, v, &proc->title) ||
	    !(v = yb_require(L, root, "places")) ||
	    load_places(L, v, (1u << PLACE_COUNT) - 1, &proc->places))
		return YB_ECORPUS;
	if (proc->places != (1u << PLACE_CITY) &&
	    proc->places != ((1u << PLACE_FROM) | (1u << PLACE_TO)))
		return yb_bad(L, v, "places 应是 [from, to] 或 [city]");
	if ((v = yn_get(root, "optional")) && load_places(L, v, proc->places, &proc->optional))
		return YB_ECORPUS;
	if ((v = yn_get(root, "sides")) && load_sides(&t, v))
		return YB_ECORPUS;
	if ((v = yn_get(root, "asks"))) {
		if (yb_expect(L, v, YN_SEQ, "asks"))
			return YB_ECORPUS;
		yb_ref *asks = yb_arena_alloc(&c->arena, sizeof(*asks) * (v->n + 1));
		if (!asks)
			return yb_nomem(L);
		for (size_t i = 0; i < v->n; i++) {
			const ynode *a = v->kids[i];
			if (yb_expect(L, a, YN_SCALAR, "事实 id"))
				return YB_ECORPUS;
			const yb_fact *f = yb_corpus_fact(c, a->str);
			if (!f || f->derived)
				return yb_bad(L, a, "未知的事实 \"%s\"（不在 facts.yaml 中）",
					      a->str);
			asks[i] = yb_ref_of(c, f);
		}
		proc->asks = yb_ref_of(c, asks);
		proc->nasks = v->n;
	}
	if ((v = yn_get(root, "requires"))) {
		if (yb_expect(L, v, YN_SEQ, "requires"))
			return YB_ECORPUS;
		yb_ref *req = yb_arena_alloc(&c->arena, sizeof(*req) * (v->n + 1));
		if (!req)
			return yb_nomem(L);
		for (size_t i = 0; i < v->n; i++) {
			const ynode *r = v->kids[i];
			const yb_fact *f =
				r->kind == YN_SCALAR ? asked_fact(c, proc, r->str) : NULL;
			if (!f)
				return yb_bad(L, r, "必需的事实应是本事项询问的事实");
			req[i] = yb_ref_of(c, f);
		}
		proc->requires = yb_ref_of(c, req);
		proc->nrequires = v->n;
	}
	if (!(v = yb_require(L, root, "layers")) || yb_expect(L, v, YN_SEQ, "layers"))
		return YB_ECORPUS;
	if (v->n == 0 || yn_get(v->kids[0], "level") == NULL ||
	    strcmp(yn_get(v->kids[0], "level")->str, "national") != 0)
		return yb_bad(L, v->n ? v->kids[0] : v, "第一层应是全国层（national）");
	yb_layer *layers = yb_arena_alloc(&c->arena, sizeof(*layers) * v->n);
	if (!layers)
		return yb_nomem(L);
	size_t n = 0;
	for (size_t i = 0; i < v->n; i++) {
		yb_status st = load_layer(&t, v->kids[i], &layers[n]);
		if (!st && n > 0 && layers[n].level == LEVEL_NATIONAL)
			st = yb_bad(L, v->kids[i], "只有第一层是全国层（national）");
		if (!st && n > 0 && layers[n].level < layers[n - 1].level)
			st = yb_bad(L, v->kids[i], "层的顺序应是：全国，然后省，然后市");
		if (!st)
			n++;
		else if (!yb_recover(L))
			return YB_ECORPUS;
	}
	proc->layers = yb_ref_of(c, layers);
	proc->nlayers = n;
	return YB_OK;
}

yb_status yb_layers_append(yb_loader *L, const ynode *list, const yb_province *within,
			   yb_procedure *proc)
{
	yb_corpus *c = L->c;
	tree_ctx t = {L, proc};
	if (yb_expect(L, list, YN_SEQ, "层的列表"))
		return YB_ECORPUS;
	yb_layer *layers = yb_arena_alloc(&c->arena, sizeof(*layers) * (proc->nlayers + list->n));
	if (!layers)
		return yb_nomem(L);
	memcpy(layers, yb_at(c, proc->layers), sizeof(*layers) * proc->nlayers);
	size_t n = proc->nlayers;
	for (size_t i = 0; i < list->n; i++) {
		yb_layer *ly = &layers[n];
		yb_status st = load_layer(&t, list->kids[i], ly);
		if (!st && ly->level == LEVEL_NATIONAL)
			st = yb_bad(L, list->kids[i], "省份文件中不能有全国层（national）");
		if (!st && ly->level == LEVEL_PROVINCE && ly->area != within->adcode)
			st = yb_bad(L, yn_get(list->kids[i], "area"),
				    "此文件属于%s；%s的层应放在它自己的文件中",
				    yb_str(c, within->name), yb_str(c, ly->area_name));
		if (!st && ly->level == LEVEL_CITY) {
			const yb_city *city = NULL;
			for (size_t k = 0; k < c->ncities && !city; k++)
				if (c->cities[k].adcode == ly->area)
					city = &c->cities[k];
			if (!city || city->province != yb_ref_of(c, within))
				st = yb_bad(L, yn_get(list->kids[i], "area"),
					    "%s不是%s的城市", yb_str(c, ly->area_name),
					    yb_str(c, within->name));
		}
		if (!st) {
			/* In level order, and in file order within a level: a city's rules are
			 * walked after its province's and replace them. */
			size_t at = n;
			while (at > 0 && layers[at - 1].level > ly->level)
				at--;
			yb_layer keep = *ly;
			memmove(&layers[at + 1], &layers[at], sizeof(*layers) * (n - at));
			layers[at] = keep;
			n++;
		} else if (!yb_recover(L)) {
			return YB_ECORPUS;
		}
	}
	proc->layers = yb_ref_of(c, layers);
	proc->nlayers = n;
	return YB_OK;
}
