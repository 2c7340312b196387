/*
 * lint.c - checking a corpus for what the loader refuses and what loads but is wrong.
 *
 * The loader, in its linting mode, reports every problem it meets and goes on past the bad
 * item, entry, case, layer or file. The checks here then walk the model it built: for each
 * node, the values a fact can still have there (narrowed by the enclosing branches of the same
 * layer) show which cases can never be reached, which overlap, and which values fall through
 * with no default; items that share an id at one node must be versions with dates that neither
 * overlap nor leave a gap; every source should be cited. Last, each procedure is run for sampled
 * places and dates, and its answers are checked: deadlines, `after:` chains, and the items a
 * province or city means as replacements, which must never be added where nothing is replaced.
 *
 * Findings are collected, sorted by file, line and column, and only then handed to the caller.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "date.h"
#include "answer.h"
#include "load.h"
#include "mem.h"
#include "yibao.h"

typedef struct {
	yb_diag *diags; /* each owns one heap block holding its file name and message */
	size_t n, cap;
	int failed;     /* out of memory while collecting */
} collected;

static void collect(void *ctx, const yb_diag *d)
{
	collected *c = ctx;
	if (c->failed)
		return;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 32;
		yb_diag *p = yb_realloc(c->diags, cap * sizeof(*p));
		if (!p) {
			c->failed = 1;
			return;
		}
		c->diags = p;
		c->cap = cap;
	}
	size_t fl = strlen(d->file), ml = strlen(d->message);
	char *copy = yb_malloc(fl + ml + 2);
	if (!copy) {
		c->failed = 1;
		return;
	}
	memcpy(copy, d->file, fl + 1);
	memcpy(copy + fl + 1, d->message, ml + 1);
	c->diags[c->n] = *d;
	c->diags[c->n].file = copy;
	c->diags[c->n].message = copy + fl + 1;
	c->n++;
}

static int by_position(const void *x, const void *y)
{
	const yb_diag *a = x, *b = y;
	int f = strcmp(a->file, b->file);
	if (f)
		return f;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	return strcmp(a->message, b->message);
}

/* ---- Reachability ---------------------------------------------------------------------------- */

typedef uint64_t value_set; /* bit k: value k of the fact (bool: 0 true, 1 false) */

/* Facts whose values can be listed: enum facts (route included) and bool facts. */
static int nvalues(const yb_fact *f)
{
	if (f->kind == FACT_BOOL)
		return 2;
	if (f->kind == FACT_ENUM && f->nvalues <= 64)
		return (int)f->nvalues;
	return 0;
}

static value_set all_values(const yb_fact *f)
{
	int n = nvalues(f);
	return n == 64 ? ~0ull : (1ull << n) - 1;
}

static value_set case_values(const yb_corpus *c, const yb_fact *f, const yb_case *cs)
{
	const yb_fact_value *values = YB_AT(c, yb_fact_value, f->values);
	value_set v = 0;
	for (size_t i = 0; i < cs->nvalues; i++) {
		yb_ref matched = yb_ref_at(c, cs->values, i);
		if (f->kind == FACT_BOOL) {
			v |= strcmp(yb_str(c, matched), "true") == 0 ? 1u : 2u;
			continue;
		}
		for (size_t k = 0; k < f->nvalues; k++)
			if (values[k].id == matched ||
			    !strcmp(yb_str(c, values[k].id), yb_str(c, matched)))
				v |= 1ull << k;
	}
	return v;
}

static void name_values(const yb_corpus *c, const yb_fact *f, value_set v, char *out,
			size_t size)
{
	const yb_fact_value *values = YB_AT(c, yb_fact_value, f->values);
	out[0] = '\0';
	for (int k = 0; k < nvalues(f); k++) {
		if (!((v >> k) & 1))
			continue;
		size_t len = strlen(out);
		const char *name =
			f->kind == FACT_BOOL ? (k ? "false" : "true") : yb_str(c, values[k].id);
		snprintf(out + len, size - len, "%s%s", len ? "、" : "", name);
	}
}

typedef struct {
	yb_lint_sink *sink;
	const yb_corpus *c;
	value_set *allowed; /* by fact index: what the enclosing branches leave possible */
	bool *cited;        /* by source index */
	bool failed;        /* out of memory: some check could not run */
} checker;

static void report(checker *k, yb_pos pos, int is_error, const char *fmt, ...) YB_PRINTF(4, 5);

static void report(checker *k, yb_pos pos, int is_error, const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	yb_lint_report(k->sink, yb_str(k->c, pos.file), pos.line, pos.column, is_error, "%s", msg);
}

/* Marks the sources of an array of references (an item's, a deadline's) as cited. */
/* ---- English ------------------------------------------------------------------------------- */

/*
 * Every text a person reads has an English version, for `--lang en`. A text whose Chinese is
 * there and whose English is not is reported, as a warning: the answer still reads, in Chinese
 * for that text.
 */
static void need_english(checker *k, yb_pos pos, yb_text t, const char *what, const char *id,
			 const char *field)
{
	if (t.zh && !t.en)
		report(k, pos, 0, "%s \"%s\"：%s 没有英文（en）", what, id, field);
}

static const char *const item_kinds[] = {"步骤", "材料", "期限", "提示", "结论", "估算", "等待期"};

static void check_item_english(checker *k, const yb_item *it)
{
	const yb_corpus *c = k->c;
	const char *kind = item_kinds[it->kind], *id = yb_str(c, it->id);
	if (it->kind == ITEM_MATERIAL)
		id = yb_str(c, YB_AT(c, yb_material, it->material)->id);
	need_english(k, it->pos, it->title, kind, id, "title");
	need_english(k, it->pos, it->text, kind, id,
		     it->kind == ITEM_STEP ? "detail" : it->kind == ITEM_MATERIAL ? "note" : "text");
	need_english(k, it->pos, it->deadline.from, kind, id, "deadline 的 from");
	need_english(k, it->pos, it->deadline.text, kind, id, "deadline 的 text");
	const yb_text *paths = YB_AT(c, yb_text, it->channel_paths); /* NULL: the channels' own */
	for (size_t i = 0; paths && i < it->nchannels; i++)
		need_english(k, it->pos, paths[i], kind, id, "channels 的 path");
}

/* The catalogues, the facts and the procedures' own labels. */
static void check_catalogue_english(checker *k)
{
	const yb_corpus *c = k->c;
	for (size_t i = 0; i < c->nmaterials; i++) {
		const yb_material *m = &c->materials[i];
		need_english(k, m->pos, m->name, "材料", yb_str(c, m->id), "name");
		need_english(k, m->pos, m->issued_by, "材料", yb_str(c, m->id), "issued_by");
	}
	for (size_t i = 0; i < c->nchannels; i++) {
		const yb_channel *ch = &c->channels[i];
		need_english(k, ch->pos, ch->name, "渠道", yb_str(c, ch->id), "name");
		need_english(k, ch->pos, ch->path, "渠道", yb_str(c, ch->id), "path");
	}
	for (size_t i = 0; i < c->nfacts; i++) {
		const yb_fact *f = &c->facts[i];
		const char *id = yb_str(c, f->id);
		if (f->derived)
			continue;
		need_english(k, f->pos, f->label, "事实", id, "label");
		need_english(k, f->pos, f->question, "事实", id, "question");
		for (size_t v = 0; v < f->nvalues; v++) {
			const yb_fact_value *fv = &YB_AT(c, yb_fact_value, f->values)[v];
			char field[96];
			snprintf(field, sizeof(field), "取值 \"%s\" 的 label", yb_str(c, fv->id));
			need_english(k, f->pos, fv->label, "事实", id, field);
		}
	}
	for (size_t p = 0; p < c->nprocedures; p++) {
		const yb_procedure *pr = &c->procedures[p];
		const yb_layer *first = YB_AT(c, yb_layer, pr->layers);
		if (!pr->nlayers)
			continue;
		need_english(k, first->pos, pr->title, "事项", yb_str(c, pr->id), "title");
		for (size_t s = 0; s < pr->nsides; s++) {
			char field[64];
			snprintf(field, sizeof(field), "一方 \"%s\" 的 label",
				 yb_str(c, pr->sides[s].id));
			need_english(k, first->pos, pr->sides[s].label, "事项", yb_str(c, pr->id),
				     field);
		}
	}
}

static void cite(checker *k, yb_ref sources, size_t n)
{
	const yb_corpus *c = k->c;
	for (size_t i = 0; i < n; i++) {
		const yb_source *s = YB_NTH(c, yb_source, sources, i);
		if (s >= c->sources && s < c->sources + c->nsources)
			k->cited[s - c->sources] = true;
	}
}

static bool overlap(int a_from, int a_until, int b_from, int b_until)
{
	int af = a_from ? a_from : 0, au = a_until ? a_until : 99999999;
	int bf = b_from ? b_from : 0, bu = b_until ? b_until : 99999999;
	return af <= bu && bf <= au;
}

/* Items sharing a kind and id at one node are versions: their dates must not overlap, and a
 * gap between two of them is a span of days no version covers. */
static void check_versions(checker *k, const yb_node *n)
{
	const yb_corpus *c = k->c;
	for (size_t i = 0; i < n->nitems; i++) {
		const yb_item *a = YB_NTH(c, yb_item, n->items, i);
		const yb_item *next = NULL;
		for (size_t j = 0; j < n->nitems; j++) {
			const yb_item *b = YB_NTH(c, yb_item, n->items, j);
			if (i == j || b->kind != a->kind || b->id != a->id)
				continue;
			if (j > i && overlap(a->in_force_from, a->in_force_until, b->in_force_from,
					     b->in_force_until))
				report(k, b->pos, 1,
				       "\"%s\" 在这里对同一时段定义了两次（另一次在第 %d 行）；"
				       "请给每个版本互不重叠的 in_force 日期",
				       yb_str(c, b->id), a->pos.line);
			/* The version that starts next after a ends. */
			if (a->in_force_until && b->in_force_from > a->in_force_until &&
			    (!next || b->in_force_from < next->in_force_from))
				next = b;
		}
		if (next && yb_date_add_days(a->in_force_until, 1) != next->in_force_from) {
			char from[11], until[11];
			yb_date_format(yb_date_add_days(a->in_force_until, 1), from);
			yb_date_format(yb_date_add_days(next->in_force_from, -1), until);
			report(k, next->pos, 0, "\"%s\" 在 %s 至 %s 期间没有适用的版本",
			       yb_str(c, a->id), from, until);
		}
	}
}

static void check_node(checker *k, const yb_node *n);

static void check_branch(checker *k, const yb_fact *f, value_set narrowed, const yb_node *body)
{
	value_set saved = k->allowed[f->index];
	k->allowed[f->index] = narrowed;
	check_node(k, body);
	k->allowed[f->index] = saved;
}

static void check_ranges(checker *k, const yb_node *n)
{
	const yb_corpus *c = k->c;
	const yb_case *cases = YB_AT(c, yb_case, n->cases);
	for (size_t i = 0; i < n->ncases; i++) {
		const yb_case *a = &cases[i];
		for (size_t j = 0; j < i; j++) {
			const yb_case *b = &cases[j];
			bool lo = !b->has_min || (a->has_min && a->min >= b->min);
			bool hi = !b->has_max || (a->has_max && a->max <= b->max);
			if (lo && hi) {
				report(k, a->pos, 1,
				       "这个分支永远不会被执行：它的范围完全落在"
				       "第 %d 行的 case 之内",
				       b->pos.line);
				break;
			}
			bool apart = (a->has_max && b->has_min && a->max < b->min) ||
				     (b->has_max && a->has_min && b->max < a->min);
			if (!apart)
				report(k, a->pos, 0, "条件重叠：这个范围与第 %d 行的 case "
						     "重叠",
				       b->pos.line);
		}
		check_node(k, YB_AT(c, yb_node, a->body));
	}
	if (n->otherwise)
		check_node(k, YB_AT(c, yb_node, n->otherwise));
	else
		report(k, n->pos, 0,
		       "\"%s\" 在各 case 之外的取值没有处理；请添加一个 case 或 "
		       "\"default: {}\"",
		       yb_str(c, YB_AT(c, yb_fact, n->test)->id));
}

static void check_places(checker *k, const yb_node *n)
{
	const yb_corpus *c = k->c;
	const yb_case *cases = YB_AT(c, yb_case, n->cases);
	for (size_t i = 0; i < n->ncases; i++) {
		const yb_case *a = &cases[i];
		for (size_t j = 0; j < i; j++) {
			const yb_case *b = &cases[j];
			for (size_t x = 0; x < a->nvalues; x++) {
				const char *value = yb_str(c, yb_ref_at(c, a->values, x));
				for (size_t y = 0; y < b->nvalues; y++)
					if (!strcmp(value, yb_str(c, yb_ref_at(c, b->values, y))))
						report(k, a->pos, 0,
						       "条件重叠：%s 也在第 %d 行的 "
						       "case 中",
						       value, b->pos.line);
			}
		}
		check_node(k, YB_AT(c, yb_node, a->body));
	}
	if (n->otherwise)
		check_node(k, YB_AT(c, yb_node, n->otherwise));
	else
		report(k, n->pos, 0,
		       "\"%s\" 的其他取值没有处理；若对它们没有任何规定，"
		       "请添加 \"default: {}\"",
		       yb_str(c, YB_AT(c, yb_fact, n->test)->id));
}

static void check_node(checker *k, const yb_node *n)
{
	const yb_corpus *c = k->c;
	if (!n)
		return;
	for (size_t i = 0; i < n->nitems; i++) {
		const yb_item *it = YB_NTH(c, yb_item, n->items, i);
		cite(k, it->sources, it->nsources);
		cite(k, it->deadline.sources, it->deadline.nsources);
		check_item_english(k, it);
	}
	check_versions(k, n);
	for (size_t i = 0; i < n->nthen; i++)
		check_node(k, YB_NTH(c, yb_node, n->then, i));
	if (!n->test)
		return;

	const yb_fact *f = YB_AT(c, yb_fact, n->test);
	const yb_case *cases = YB_AT(c, yb_case, n->cases);
	const yb_node *otherwise = YB_AT(c, yb_node, n->otherwise);
	if (!nvalues(f)) {
		if (f->kind == FACT_NUMBER || f->kind == FACT_DATE)
			check_ranges(k, n);
		else
			check_places(k, n);
		return;
	}
	value_set allowed = k->allowed[f->index], claimed = 0;
	char names[256];
	for (size_t i = 0; i < n->ncases; i++) {
		const yb_case *cs = &cases[i];
		value_set v = case_values(c, f, cs), fresh = v & allowed & ~claimed;
		if (!fresh) {
			name_values(c, f, v, names, sizeof(names));
			report(k, cs->pos, 1,
			       "这个分支永远不会被执行：%s %s被前面的 case 占用，"
			       "或已被外层分支排除",
			       names, (v & (v - 1)) ? "都已" : "已");
		} else {
			if (v & claimed) {
				name_values(c, f, v & claimed, names, sizeof(names));
				report(k, cs->pos, 0,
				       "条件重叠：%s 也被这个节点上前面的 case "
				       "匹配",
				       names);
			}
			check_branch(k, f, fresh, YB_AT(c, yb_node, cs->body));
		}
		claimed |= v;
	}
	value_set rest = allowed & ~claimed;
	if (otherwise) {
		if (!rest)
			report(k, otherwise->pos, 1,
			       "default 永远不会被执行：\"%s\" 在这里可能的取值"
			       "都已被各 case 占用",
			       yb_str(c, f->id));
		else
			check_branch(k, f, rest, otherwise);
	} else if (rest) {
		name_values(c, f, rest, names, sizeof(names));
		report(k, n->pos, 0,
		       "\"%s\" 的取值 %s 没有处理，也没有 default；请添加一个 case，"
		       "若对它们没有任何规定，请添加 \"default: {}\"",
		       yb_str(c, f->id), names);
	}
}

/* ---- Answers: the evaluator run over sampled places and dates ------------------------------- */

/*
 * Three checks ask the real evaluator, so that replaced items, `after:` chains and the calendar
 * count as they do for a user: for places in and around every layer's area, and on each side of
 * every date a rule starts or ends, in every world of every answer.
 *
 * - No step may fall due after the deadline of the whole process (a deadline item with the id
 *   "whole-process").
 * - An item of a province or city layer with the kind and id of an item of a lower layer (one
 *   whose area holds its own) is that item's replacement, and must only ever replace it. Where
 *   it is added instead, the lower item was not in the answer: the layer's conditions are wider
 *   than the item's. A city's limit for transfer-out, written at the top of its layer rather
 *   than under the routes that have the step, shows in a same-city answer with no transfer-out.
 * - A deadline counted `after:` a step needs that step in the same world; without it the count
 *   starts from the start date instead, and the due date shown is wrong.
 */
enum { MAX_PROBE_CITIES = 48, MAX_PROBE_DATES = 96 };

typedef struct {
	const yb_item **items;
	size_t n, cap;
} item_set;

/* A province's or city's item, and the lower layer whose item of that kind and id it replaces. */
typedef struct {
	const yb_item *item;
	const yb_layer *lower;
} override;

typedef struct {
	checker *k;
	const yb_procedure *p;
	const yb_city *cities[MAX_PROBE_CITIES];
	size_t ncities;
	int dates[MAX_PROBE_DATES];
	const char *date_area[MAX_PROBE_DATES]; /* where a date matters: the area (adcode) of the
						 * layer whose rule starts or ends then, NULL for
						 * everywhere (a national rule, or several layers) */
	size_t ndates;
	override *overrides;
	size_t noverrides, capoverrides;
	item_set late, leaked, unchained; /* what each check reported: each item once */
	yb_query *q;
	bool failed; /* out of memory */
} probe;

static void add_city(probe *dp, const yb_city *city)
{
	for (size_t i = 0; i < dp->ncities; i++)
		if (dp->cities[i] == city)
			return;
	if (dp->ncities < MAX_PROBE_CITIES)
		dp->cities[dp->ncities++] = city;
}

/* Two cities of a province (a move inside it); a city and another of its province. */
static void add_area(probe *dp, const char *area)
{
	const yb_corpus *c = dp->k->c;
	const yb_city *city = NULL;
	for (size_t i = 0; i < c->ncities && !city; i++)
		if (!strcmp(yb_str(c, c->cities[i].adcode), area))
			city = &c->cities[i];
	if (city) {
		add_city(dp, city);
		area = yb_str(c, YB_AT(c, yb_province, city->province)->adcode);
	}
	int found = city ? 1 : 0;
	for (size_t i = 0; i < c->ncities && found < 2; i++) {
		const yb_province *p = YB_AT(c, yb_province, c->cities[i].province);
		if (&c->cities[i] != city && !strcmp(yb_str(c, p->adcode), area))
			add_city(dp, &c->cities[i]), found++;
	}
}

/* A date to probe, where it matters: `area`, or everywhere when NULL. A date that matters in
 * two areas is probed everywhere. */
static void add_date(probe *dp, int d, const char *area)
{
	for (size_t i = 0; i < dp->ndates; i++)
		if (dp->dates[i] == d) {
			if (dp->date_area[i] && (!area || strcmp(dp->date_area[i], area) != 0))
				dp->date_area[i] = NULL;
			return;
		}
	if (d && dp->ndates < MAX_PROBE_DATES) {
		dp->date_area[dp->ndates] = area;
		dp->dates[dp->ndates++] = d;
	}
}

/* The days on each side of every date an item of the tree starts or stops applying. A layer
 * applies only where one of the places lies in its area, so its dates are probed only there
 * (`area`; NULL for the national layer): the places probed are up to 48, their pairs up to
 * 2,304, and probing each pair on every layer's every date grew with each province added. */
static void add_boundaries(probe *dp, const yb_node *n, const char *area)
{
	const yb_corpus *c = dp->k->c;
	if (!n)
		return;
	for (size_t i = 0; i < n->nitems; i++) {
		const yb_item *it = YB_NTH(c, yb_item, n->items, i);
		if (it->in_force_from) {
			add_date(dp, it->in_force_from, area);
			add_date(dp, yb_date_from_days(yb_days_from_date(it->in_force_from) - 1), area);
		}
		if (it->in_force_until) {
			add_date(dp, it->in_force_until, area);
			add_date(dp, yb_date_from_days(yb_days_from_date(it->in_force_until) + 1), area);
		}
	}
	for (size_t i = 0; i < n->nthen; i++)
		add_boundaries(dp, YB_NTH(c, yb_node, n->then, i), area);
	const yb_case *cases = YB_AT(c, yb_case, n->cases);
	for (size_t i = 0; i < n->ncases; i++)
		add_boundaries(dp, YB_AT(c, yb_node, cases[i].body), area);
	add_boundaries(dp, YB_AT(c, yb_node, n->otherwise), area);
}

/* Whether `it` was reported already; if not, it is now counted as reported. */
static bool already_reported(probe *dp, item_set *s, const yb_item *it)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->items[i] == it)
			return true;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;
		const yb_item **p = yb_realloc(s->items, cap * sizeof(*p));
		if (!p) {
			dp->failed = true;
			return true;
		}
		s->items = p;
		s->cap = cap;
	}
	s->items[s->n++] = it;
	return false;
}

/* "长沙市 → 长沙市" */
static void name_places(const yb_answer *a, char *out, size_t size)
{
	const yb_corpus *c = a->corpus;
	out[0] = '\0';
	for (int pl = 0; pl < PLACE_COUNT; pl++)
		if (a->place[pl]) {
			size_t len = strlen(out);
			snprintf(out + len, size - len, "%s%s", len ? " → " : "",
				 yb_str(c, a->place[pl]->name));
		}
}

/* One world of an answer, for a rule author: "长沙市 → 长沙市 (route intra-city), type
 * employee, on 2026-11-22". */
static void name_world(const yb_answer *a, size_t w, char *out, size_t size)
{
	const yb_corpus *c = a->corpus;
	size_t len;
	name_places(a, out, size);
	if (a->route) {
		len = strlen(out);
		snprintf(out + len, size - len, "（route %s）", yb_str(c, a->route->id));
	}
	for (size_t i = 0; i < a->worlds[w].n; i++) {
		const yb_assumption *as = &a->worlds[w].a[i];
		const yb_fact *f = as->fact;
		char value[160];
		if (f->kind == FACT_ENUM)
			snprintf(value, sizeof(value), "%s",
				 yb_str(c, YB_AT(c, yb_fact_value, f->values)[as->choice].id));
		else if (f->kind == FACT_BOOL)
			snprintf(value, sizeof(value), "%s", as->choice ? "false" : "true");
		else
			yb_assumption_label(a, as, false, value, sizeof(value));
		len = strlen(out);
		snprintf(out + len, size - len, "，%s %s", yb_str(c, f->id), value);
	}
	char day[11];
	yb_date_format(a->date, day);
	len = strlen(out);
	snprintf(out + len, size - len, "，日期 %s", day);
}

static size_t first_world(uint64_t worlds)
{
	size_t w = 0;
	while (!((worlds >> w) & 1))
		w++;
	return w;
}

static void check_answer_deadlines(probe *dp, const yb_answer *a)
{
	const yb_corpus *c = dp->k->c;
	for (size_t w = 0; w < a->nworlds; w++) {
		uint64_t bit = (uint64_t)1 << w;
		const yb_answer_item *whole = NULL;
		for (size_t i = 0; i < a->nitems; i++) {
			const yb_answer_item *ai = &a->items[i];
			if (ai->item->kind == ITEM_DEADLINE && (ai->worlds & bit) && ai->due &&
			    !strcmp(yb_str(c, ai->item->id), "whole-process") &&
			    (!whole || ai->due < whole->due))
				whole = ai;
		}
		if (!whole)
			continue;
		for (size_t i = 0; i < a->nitems; i++) {
			const yb_answer_item *ai = &a->items[i];
			if (ai->item->kind != ITEM_STEP || !(ai->worlds & bit) || ai->due <= whole->due ||
			    already_reported(dp, &dp->late, ai->item))
				continue;
			char due[11], limit[11], date[11];
			yb_date_format(ai->due, due);
			yb_date_format(whole->due, limit);
			yb_date_format(a->date, date);
			char where[256];
			name_places(a, where, sizeof(where));
			report(dp->k, ai->item->pos, 1,
			       "步骤 \"%s\" 于 %s 到期，晚于整个流程的期限（%s 到期，%s:%d）；"
			       "见 %s 在 %s 的答案",
			       yb_str(c, ai->item->id), due, limit,
			       yb_str(c, whole->item->pos.file), whole->item->pos.line, where,
			       date);
		}
	}
}

static void check_answer_overrides(probe *dp, const yb_answer *a)
{
	const yb_corpus *c = dp->k->c;
	for (size_t i = 0; i < a->nitems; i++) {
		const yb_answer_item *ai = &a->items[i];
		uint64_t added = ai->worlds & ~ai->replacing;
		if (ai->layer->level == LEVEL_NATIONAL || !added)
			continue;
		const override *o = NULL;
		for (size_t k = 0; k < dp->noverrides && !o; k++)
			if (dp->overrides[k].item == ai->item)
				o = &dp->overrides[k];
		if (!o || already_reported(dp, &dp->leaked, ai->item))
			continue;
		const char *kind = item_kinds[ai->item->kind];
		const char *lower = o->lower->level == LEVEL_NATIONAL ? "全国"
								      : yb_str(c, o->lower->area_name);
		char sample[512];
		name_world(a, first_world(added), sample, sizeof(sample));
		report(dp->k, ai->item->pos, 1,
		       "\"%s\" 替换%s同一 id 的%s，但在被替换的%s不在答案中的地方它会被新增，"
		       "例如：%s；请给它加上所替换%s的条件",
		       yb_str(c, ai->item->id), lower, kind, kind, sample, kind);
	}
}

static void check_answer_chains(probe *dp, const yb_answer *a)
{
	const yb_corpus *c = dp->k->c;
	for (size_t i = 0; i < a->nitems; i++) {
		const yb_answer_item *ai = &a->items[i];
		yb_ref after = ai->item->deadline.after;
		if (!after)
			continue;
		uint64_t missing = ai->worlds;
		for (size_t j = 0; j < a->nitems; j++)
			if (a->items[j].item->kind == ITEM_STEP && a->items[j].item->id == after)
				missing &= ~a->items[j].worlds;
		if (!missing || already_reported(dp, &dp->unchained, ai->item))
			continue;
		char sample[512];
		name_world(a, first_world(missing), sample, sizeof(sample));
		report(dp->k, ai->item->pos, 1,
		       "\"%s\" 的期限从步骤 \"%s\" 起算，但该步骤不在答案中，"
		       "例如：%s",
		       yb_str(c, ai->item->id), yb_str(c, after), sample);
	}
}

/* Runs one query per value of each fact the procedure requires, then checks the answers. */
static void probe_required(probe *dp, size_t r)
{
	const yb_corpus *c = dp->k->c;
	const yb_procedure *p = dp->p;
	if (r < p->nrequires) {
		const yb_fact *f = YB_NTH(c, yb_fact, p->requires, r);
		const yb_fact_value *values = YB_AT(c, yb_fact_value, f->values);
		for (size_t v = 0; v < f->nvalues; v++)
			if (yb_query_set(dp->q, yb_str(c, f->id), yb_str(c, values[v].id), NULL) ==
			    YB_OK)
				probe_required(dp, r + 1);
		return;
	}
	yb_answer *a = NULL;
	yb_status st = yb_query_run(dp->q, &a, NULL);
	if (st == YB_ENOMEM)
		dp->failed = true;
	if (st == YB_OK) {
		check_answer_deadlines(dp, a);
		check_answer_overrides(dp, a);
		check_answer_chains(dp, a);
	}
	yb_answer_free(a);
}

static const char *probe_adcode(const probe *dp, size_t i)
{
	return yb_str(dp->k->c, dp->cities[i]->adcode);
}

/* Whether probe city i lies in `area` (a city's or a province's adcode); every city lies in
 * NULL, everywhere. */
static bool probe_in(const probe *dp, size_t i, const char *area)
{
	const yb_corpus *c = dp->k->c;
	return !area || !strcmp(probe_adcode(dp, i), area) ||
	       !strcmp(yb_str(c, YB_AT(c, yb_province, dp->cities[i]->province)->adcode), area);
}

/* Every place (or pair of places) probed on `date`, where one of them lies in `area`. */
static void probe_places(probe *dp, int date, const char *area)
{
	const yb_corpus *c = dp->k->c;
	const yb_procedure *p = dp->p;
	char day[11];
	yb_date_format(date, day);
	bool two = (p->places & (1u << PLACE_FROM)) && (p->places & (1u << PLACE_TO));
	bool one = p->places & (1u << PLACE_CITY);
	for (size_t i = 0; i < (two || one ? dp->ncities : 1); i++)
		for (size_t j = 0; j < (two ? dp->ncities : 1); j++) {
			if ((two || one) && !probe_in(dp, i, area) && !(two && probe_in(dp, j, area)))
				continue;
			yb_query_free(dp->q);
			dp->q = NULL;
			if (yb_query_new(c, yb_str(c, p->id), &dp->q, NULL) != YB_OK ||
			    yb_query_set(dp->q, "date", day, NULL) != YB_OK) {
				dp->failed = true; /* neither fails but for memory */
				continue;
			}
			if (two && (yb_query_set(dp->q, "from", probe_adcode(dp, i), NULL) ||
				    yb_query_set(dp->q, "to", probe_adcode(dp, j), NULL)))
				continue;
			if (one && yb_query_set(dp->q, "city", probe_adcode(dp, i), NULL))
				continue;
			probe_required(dp, 0);
		}
}

static bool tree_has(const yb_corpus *c, const yb_node *n, yb_item_kind kind, yb_ref id)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n->nitems; i++) {
		const yb_item *it = YB_NTH(c, yb_item, n->items, i);
		if (it->kind == kind && it->id == id)
			return true;
	}
	for (size_t i = 0; i < n->nthen; i++)
		if (tree_has(c, YB_NTH(c, yb_node, n->then, i), kind, id))
			return true;
	const yb_case *cases = YB_AT(c, yb_case, n->cases);
	for (size_t i = 0; i < n->ncases; i++)
		if (tree_has(c, YB_AT(c, yb_node, cases[i].body), kind, id))
			return true;
	return tree_has(c, YB_AT(c, yb_node, n->otherwise), kind, id);
}

/* Whether the area of layer `lower` holds that of layer `upper`: national holds every area, a
 * province its cities. */
static bool holds(const yb_corpus *c, const yb_layer *lower, const yb_layer *upper)
{
	if (lower->level == LEVEL_NATIONAL)
		return true;
	if (upper->level == LEVEL_NATIONAL)
		return false;
	const char *area = yb_str(c, upper->area);
	if (!strcmp(area, yb_str(c, lower->area)))
		return true;
	if (lower->level != LEVEL_PROVINCE || upper->level != LEVEL_CITY)
		return false;
	for (size_t i = 0; i < c->ncities; i++)
		if (!strcmp(yb_str(c, c->cities[i].adcode), area))
			return !strcmp(yb_str(c, YB_AT(c, yb_province, c->cities[i].province)->adcode),
				       yb_str(c, lower->area));
	return false;
}

/* The items of layer l's tree (from node n down) that replace an item of a lower layer. */
static int find_overrides(probe *dp, size_t l, const yb_node *n)
{
	const yb_corpus *c = dp->k->c;
	const yb_layer *layers = YB_AT(c, yb_layer, dp->p->layers);
	if (!n)
		return 0;
	for (size_t i = 0; i < n->nitems; i++) {
		const yb_item *it = YB_NTH(c, yb_item, n->items, i);
		for (size_t m = 0; m < l; m++) {
			if (!holds(c, &layers[m], &layers[l]) ||
			    !tree_has(c, YB_AT(c, yb_node, layers[m].tree), it->kind, it->id))
				continue;
			if (dp->noverrides == dp->capoverrides) {
				size_t cap = dp->capoverrides ? dp->capoverrides * 2 : 16;
				override *p = yb_realloc(dp->overrides, cap * sizeof(*p));
				if (!p)
					return -1;
				dp->overrides = p;
				dp->capoverrides = cap;
			}
			dp->overrides[dp->noverrides++] = (override){it, &layers[m]};
			break;
		}
	}
	for (size_t i = 0; i < n->nthen; i++)
		if (find_overrides(dp, l, YB_NTH(c, yb_node, n->then, i)))
			return -1;
	const yb_case *cases = YB_AT(c, yb_case, n->cases);
	for (size_t i = 0; i < n->ncases; i++)
		if (find_overrides(dp, l, YB_AT(c, yb_node, cases[i].body)))
			return -1;
	return find_overrides(dp, l, YB_AT(c, yb_node, n->otherwise));
}

static void check_answers(checker *k, const yb_procedure *p)
{
	const yb_corpus *c = k->c;
	probe dp = {.k = k, .p = p};
	/* Places: a pair inside one province, one in another, and two in or around each layer's
	 * area (a city and another of its province). */
	if (c->ncities) {
		add_area(&dp, yb_str(c, YB_AT(c, yb_province, c->cities[0].province)->adcode));
		add_city(&dp, &c->cities[c->ncities - 1]);
	}
	const yb_layer *layers = YB_AT(c, yb_layer, p->layers);
	for (size_t l = 0; l < p->nlayers; l++) {
		add_boundaries(&dp, YB_AT(c, yb_node, layers[l].tree),
			       layers[l].level == LEVEL_NATIONAL ? NULL : yb_str(c, layers[l].area));
		if (layers[l].area)
			add_area(&dp, yb_str(c, layers[l].area));
		if (layers[l].level != LEVEL_NATIONAL &&
		    find_overrides(&dp, l, YB_AT(c, yb_node, layers[l].tree)))
			dp.failed = true;
	}
	if (c->date)
		add_date(&dp, yb_date_parse(c->date), NULL);
	for (size_t d = 0; d < dp.ndates && !dp.failed; d++)
		probe_places(&dp, dp.dates[d], dp.date_area[d]);
	yb_query_free(dp.q);
	yb_free(dp.overrides);
	yb_free(dp.late.items);
	yb_free(dp.leaked.items);
	yb_free(dp.unchained.items);
	if (dp.failed)
		k->failed = true;
}

static void check_corpus(checker *k)
{
	const yb_corpus *c = k->c;
	for (size_t p = 0; p < c->nprocedures; p++)
	{
		const yb_layer *layers = YB_AT(c, yb_layer, c->procedures[p].layers);
		for (size_t l = 0; l < c->procedures[p].nlayers; l++)
			check_node(k, YB_AT(c, yb_node, layers[l].tree));
		check_answers(k, &c->procedures[p]);
	}
	check_catalogue_english(k);
	for (size_t i = 0; i < c->nsources; i++)
		if (!k->cited[i])
			report(k, c->sources[i].pos, 0, "来源 \"%s\" 没有被任何规则引用",
			       yb_str(c, c->sources[i].id));
}

yb_status yb_lint(const char *dir, yb_diag_fn fn, void *ctx, size_t *errors, size_t *warnings,
		  yb_error *err)
{
	collected found = {0};
	yb_lint_sink sink = {collect, &found, 0, 0};
	yb_corpus *c = NULL;
	yb_error scratch;
	yb_status st;

	if (!err)
		err = &scratch;
	*errors = *warnings = 0;
	st = yb_corpus_open_for_lint(dir, &sink, &c, err);
	if (st == YB_ECORPUS && sink.errors == 0) /* stopped before finding anything to say */
		yb_lint_report(&sink, err->file, err->line, err->column, 1, "%s", err->message);
	if (c) {
		checker k = {&sink, c, NULL, NULL, false};
		k.allowed = yb_malloc(sizeof(*k.allowed) * (c->nfacts + 1));
		k.cited = yb_malloc(sizeof(*k.cited) * (c->nsources + 1));
		if (!k.allowed || !k.cited) {
			found.failed = 1;
		} else {
			for (size_t i = 0; i < c->nfacts; i++)
				k.allowed[i] = all_values(&c->facts[i]);
			memset(k.cited, 0, sizeof(*k.cited) * c->nsources);
			check_corpus(&k);
			found.failed |= k.failed;
		}
		yb_free(k.allowed);
		yb_free(k.cited);
		yb_corpus_close(c);
	}
	if (found.failed || st == YB_ENOMEM) {
		st = yb_err_nomem(err);
	} else if (st == YB_OK || st == YB_ECORPUS) {
		if (found.n)
			qsort(found.diags, found.n, sizeof(*found.diags), by_position);
		for (size_t i = 0; i < found.n; i++)
			fn(ctx, &found.diags[i]);
		*errors = sink.errors;
		*warnings = sink.warnings;
		st = sink.errors ? YB_ECORPUS : YB_OK;
	}
	for (size_t i = 0; i < found.n; i++)
		yb_free((void *)found.diags[i].file);
	yb_free(found.diags);
	return st;
}
