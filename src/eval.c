/*
 * eval.c - queries: setting facts, and walking a procedure's layers and decision trees.
 *
 * The walk for one world is simple: visit the applicable layers in order, take each node's
 * items (a later layer's item with the same id replaces the earlier one in place; `remove`
 * drops), and follow the one case that matches the fact tested.
 *
 * Note that the evaluator never guesses a fact. When a node tests a fact the user did not give,
 * the walk stops and is run again once for each value the fact can take, each run a "world".
 * The answer is the merge of all worlds, every item tagged with the worlds it holds in (see
 * answer.h). Facts a tree tests are few and walks are cheap, so re-walking from the root is
 * simpler and no slower in practice than forking mid-tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "calendar.h"
#include "date.h"
#include "gazetteer.h"
#include "mem.h"

struct yb_query {
	const yb_corpus *corpus;
	const yb_procedure *proc;
	const yb_city *place[PLACE_COUNT];
	yb_given *given; /* indexed by fact index; fact NULL when not given */
	char **owned;    /* copies of typed strings, freed with the query */
	size_t nowned;
	double *numbers; /* number facts, by fact index */
	int *dates;      /* date facts, by fact index */
	int date;
	bool date_given;
};

/* ---- Queries --------------------------------------------------------------------------------- */

static bool takes_place(const yb_procedure *p, yb_place place)
{
	return (p->places & (1u << place)) != 0;
}

/* "--from, --to" or "--city", for messages. */
static void place_flags(const yb_procedure *p, char *out, size_t size)
{
	out[0] = '\0';
	for (int pl = 0; pl < PLACE_COUNT; pl++) {
		if (!takes_place(p, (yb_place)pl))
			continue;
		size_t len = strlen(out);
		snprintf(out + len, size - len, "%s--%s", len ? ", " : "", yb_place_name((yb_place)pl));
	}
}

yb_status yb_query_new(const yb_corpus *c, const char *procedure, yb_query **out, yb_error *err)
{
	*out = NULL;
	const yb_procedure *p = yb_corpus_procedure(c, procedure);
	if (!p) {
		char list[400] = "", list_en[400] = "";
		for (size_t i = 0; i < c->nprocedure_names; i++) {
			const char *name = yb_str(c, c->procedure_names[i]);
			size_t len = strlen(list), len_en = strlen(list_en);
			snprintf(list + len, sizeof(list) - len, "%s%s", i ? "、" : "", name);
			snprintf(list_en + len_en, sizeof(list_en) - len_en, "%s%s", i ? ", " : "",
				 name);
		}
		return yb_fail(err, YB_ENOTFOUND, "未知命令 \"%s\"；可选：%s%.0s",
			       "unknown command \"%s\"; valid: %.0s%s", procedure, list, list_en);
	}
	yb_query *q = yb_malloc(sizeof(*q));
	if (!q)
		return yb_err_nomem(err);
	memset(q, 0, sizeof(*q));
	q->corpus = c;
	q->proc = p;
	q->date = yb_date_today();
	q->given = yb_malloc(sizeof(*q->given) * c->nfacts);
	q->numbers = yb_malloc(sizeof(*q->numbers) * c->nfacts);
	q->dates = yb_malloc(sizeof(*q->dates) * c->nfacts);
	q->owned = yb_malloc(sizeof(*q->owned) * c->nfacts);
	if (!q->given || !q->numbers || !q->dates || !q->owned) {
		yb_query_free(q);
		return yb_err_nomem(err);
	}
	memset(q->given, 0, sizeof(*q->given) * c->nfacts);
	*out = q;
	return YB_OK;
}

void yb_query_free(yb_query *q)
{
	if (!q)
		return;
	for (size_t i = 0; i < q->nowned; i++)
		yb_free(q->owned[i]);
	yb_free(q->owned);
	yb_free(q->given);
	yb_free(q->numbers);
	yb_free(q->dates);
	yb_free(q);
}

static const char *keep(yb_query *q, const char *s)
{
	size_t n = strlen(s);
	char *copy = yb_malloc(n + 1);
	if (!copy)
		return NULL;
	memcpy(copy, s, n + 1);
	/* One slot per fact is enough: a fact set again replaces its string. */
	if (q->nowned >= q->corpus->nfacts) {
		yb_free(copy);
		return NULL;
	}
	q->owned[q->nowned++] = copy;
	return copy;
}

/* ASCII case-insensitive equality, for values typed as Employee. */
static bool same_word(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
		if (x != y)
			return false;
	}
	return *a == *b;
}

static yb_status set_enum(yb_query *q, const yb_fact *f, const char *value, yb_error *err)
{
	const yb_corpus *c = q->corpus;
	const yb_fact_value *values = YB_AT(c, yb_fact_value, f->values);
	yb_given *g = &q->given[f->index];
	for (size_t i = 0; i < f->nvalues; i++) {
		const yb_fact_value *v = &values[i];
		const yb_alias *aliases = YB_AT(c, yb_alias, v->aliases), *alias = NULL;
		bool hit = same_word(value, yb_str(c, v->id)) ||
			   !strcmp(value, yb_text_zh(c, v->label));
		for (size_t k = 0; !hit && k < v->naliases; k++)
			if (same_word(value, yb_str(c, aliases[k].name)))
				alias = &aliases[k], hit = true;
		if (!hit)
			continue;
		memset(g, 0, sizeof(*g));
		g->fact = f;
		g->value = yb_str(c, v->id);
		g->enum_value = v;
		if (alias) {
			if (!(g->typed = keep(q, value)))
				return yb_err_nomem(err);
			g->note = alias->note;
		}
		return YB_OK;
	}
	/* Every valid value, with its label while the list stays short; a long list (twenty
	 * refund cases) gives the ids and points to --list for the descriptions. */
	char list[900] = "", list_en[900] = "";
	bool labels = f->nvalues <= 6;
	for (size_t i = 0; i < f->nvalues; i++) {
		const yb_text label = values[i].label;
		const char *id = yb_str(c, values[i].id);
		size_t len = strlen(list), len_en = strlen(list_en);
		if (labels) {
			snprintf(list + len, sizeof(list) - len, "%s%s（%s）", i ? "、" : "", id,
				 yb_text_zh(c, label));
			snprintf(list_en + len_en, sizeof(list_en) - len_en, "%s%s (%s)",
				 i ? ", " : "", id, label.en ? yb_str(c, label.en) : yb_text_zh(c, label));
		} else {
			snprintf(list + len, sizeof(list) - len, "%s%s", i ? "、" : "", id);
			snprintf(list_en + len_en, sizeof(list_en) - len_en, "%s%s", i ? ", " : "", id);
		}
	}
	return yb_fail(err, YB_ENOTFOUND, "%s 的值 \"%s\" 无效；可选：%s%.0s%s%.0s",
		       "%s: invalid value \"%s\"; valid: %.0s%s%.0s%s", yb_str(c, f->flag), value,
		       list, list_en, labels ? "" : "（说明见 --list）",
		       labels ? "" : " (see --list for what each means)");
}

yb_status yb_query_set(yb_query *q, const char *fact, const char *value, yb_error *err)
{
	const yb_corpus *c = q->corpus;

	if (!strcmp(fact, "date")) {
		int d = yb_date_parse(value);
		if (!d)
			return yb_fail(err, YB_EUSAGE,
				       "--date 的值 \"%s\" 不是有效日期；格式为 YYYY-MM-DD，如 2026-09-25",
				       "--date: \"%s\" is not a valid date; write it as YYYY-MM-DD, "
				       "e.g. 2026-09-25",
				       value);
		q->date = d;
		q->date_given = true;
		return YB_OK;
	}
	for (int pl = 0; pl < PLACE_COUNT; pl++) {
		if (strcmp(fact, yb_place_name((yb_place)pl)) != 0)
			continue;
		if (!takes_place(q->proc, (yb_place)pl)) {
			char flags[64];
			place_flags(q->proc, flags, sizeof(flags));
			return yb_fail(err, YB_EUSAGE, "%s 不接受 --%s；它需要 %s",
				       "%s does not take --%s; it takes %s", yb_str(c, q->proc->id),
				       fact, flags);
		}
		yb_error local;
		const yb_city *city = yb_gazetteer_find(c, value, err ? err : &local);
		if (!city)
			return err ? err->code : local.code;
		q->place[pl] = city;
		return YB_OK;
	}
	for (size_t i = 0; i < q->proc->nasks; i++) {
		const yb_fact *f = YB_NTH(c, yb_fact, q->proc->asks, i);
		if (strcmp(yb_str(c, f->id), fact) != 0)
			continue;
		yb_given *g = &q->given[f->index];
		switch (f->kind) {
		case FACT_ENUM:
			return set_enum(q, f, value, err);
		case FACT_BOOL:
			if (same_word(value, "yes") || same_word(value, "true") || !strcmp(value, "是"))
				g->value = "true";
			else if (same_word(value, "no") || same_word(value, "false") ||
				 !strcmp(value, "否"))
				g->value = "false";
			else
				return yb_fail(err, YB_EUSAGE, "%s 的值 \"%s\" 无效；可选：yes、no",
					       "%s: invalid value \"%s\"; valid: yes, no",
					       yb_str(c, f->flag), value);
			g->fact = f;
			return YB_OK;
		case FACT_NUMBER: {
			double v;
			yb_status st = yb_number_read(yb_str(c, f->flag), value, f->min, f->max, &v,
						      err);
			if (st)
				return st;
			q->numbers[f->index] = v;
			g->number = v;
			break;
		}
		case FACT_DATE: {
			int d = yb_date_parse(value);
			if (!d)
				return yb_fail(err, YB_EUSAGE,
					       "%s 的值 \"%s\" 不是有效日期；格式为 YYYY-MM-DD",
					       "%s: \"%s\" is not a valid date; write it as YYYY-MM-DD",
					       yb_str(c, f->flag), value);
			q->dates[f->index] = d;
			break;
		}
		default:
			break;
		}
		if (!(g->value = keep(q, value)))
			return yb_err_nomem(err);
		g->fact = f;
		return YB_OK;
	}
	return yb_fail(err, YB_EUSAGE, "%s 没有名为 \"%s\" 的条件",
		       "%s has no condition named \"%s\"", yb_str(c, q->proc->id), fact);
}

/* ---- The walk -------------------------------------------------------------------------------- */

typedef struct {
	yb_answer_item *items;
	size_t n, cap;
} item_list;

typedef struct {
	yb_trace_step *steps;
	size_t n, cap;
} trace_list;

typedef struct {
	const yb_query *q;
	yb_answer *a;
	const yb_world *world;
	item_list list;       /* this world's items */
	trace_list trace;     /* this world's decisions */
	const yb_fact *need;  /* set when the walk stopped on an unknown fact */
	const yb_node *need_node;
} walk_ctx;

static int list_add(item_list *l, const yb_item *it, const yb_layer *ly)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->items[i].item->kind == it->kind && l->items[i].item->id == it->id) {
			if (l->items[i].layer != ly)
				l->items[i].replacing = 1; /* in this world; merge() says which */
			l->items[i].item = it; /* a later layer replaces in place */
			l->items[i].layer = ly;
			return 0;
		}
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		yb_answer_item *p = yb_realloc(l->items, cap * sizeof(*p));
		if (!p)
			return -1;
		l->items = p;
		l->cap = cap;
	}
	l->items[l->n++] = (yb_answer_item){it, ly, 0, 0, -1, 0};
	return 0;
}

static void list_remove(item_list *l, yb_ref id)
{
	size_t w = 0;
	for (size_t r = 0; r < l->n; r++)
		if (l->items[r].item->id != id)
			l->items[w++] = l->items[r];
	l->n = w;
}

static bool in_force(const yb_item *it, int date)
{
	return (!it->in_force_from || date >= it->in_force_from) &&
	       (!it->in_force_until || date <= it->in_force_until);
}

static bool enumerable(const yb_fact *f)
{
	return f->kind == FACT_ENUM || f->kind == FACT_BOOL;
}

/* The string value of a known symbolic fact, or NULL when unknown. */
static const char *known_symbol(const walk_ctx *w, const yb_fact *f)
{
	const yb_answer *a = w->a;
	const yb_corpus *c = w->q->corpus;
	const yb_city *city = f->kind == FACT_CITY || f->kind == FACT_PROVINCE ? a->place[f->place]
									       : NULL;
	if (f == c->route)
		return a->route ? yb_str(c, a->route->id) : NULL;
	if (f->kind == FACT_CITY)
		return city ? yb_str(c, city->adcode) : NULL;
	if (f->kind == FACT_PROVINCE)
		return city ? yb_str(c, YB_AT(c, yb_province, city->province)->adcode) : NULL;
	if (w->q->given[f->index].fact)
		return w->q->given[f->index].value;
	if (f->same_as)
		return known_symbol(w, YB_AT(c, yb_fact, f->same_as));
	return f->default_value ? yb_str(c, YB_AT(c, yb_fact_value, f->default_value)->id)
				: yb_str(c, f->default_bool);
}

/* Case values are interned ids: the same string is the same pointer, but a value the user
 * gave (a text) is compared as a string. */
static bool case_has(const yb_corpus *c, const yb_case *cs, const char *value)
{
	for (size_t i = 0; i < cs->nvalues; i++) {
		const char *v = yb_str(c, yb_ref_at(c, cs->values, i));
		if (v == value || !strcmp(v, value))
			return true;
	}
	return false;
}

static bool in_range(const yb_case *cs, double v)
{
	return (!cs->has_min || v >= cs->min) && (!cs->has_max || v <= cs->max);
}

/*
 * Which branch of node n to follow: a case index, n->ncases for the default, -1 when the walk
 * must stop because the fact is unknown, -2 when no case matches and there is no default.
 */
static int choose(walk_ctx *w, const yb_node *n, yb_origin *origin)
{
	const yb_corpus *c = w->q->corpus;
	const yb_fact *f = YB_AT(c, yb_fact, n->test);
	const yb_given *g = &w->q->given[f->index];
	const yb_case *cases = YB_AT(c, yb_case, n->cases);
	/* A fact that follows another, not given itself, stands for that fact: its value, its
	 * assumed alternatives, and the question when neither is known. */
	if (!g->fact && f->same_as) {
		f = YB_AT(c, yb_fact, f->same_as);
		g = &w->q->given[f->index];
	}
	bool given = f->derived || f->default_value || f->default_bool ? known_symbol(w, f) != NULL
								       : g->fact != NULL;

	*origin = f->derived ? ORIGIN_GAZETTEER : g->fact ? ORIGIN_FLAG : ORIGIN_DEFAULT;
	if (!given) {
		*origin = ORIGIN_ASSUMED;
		for (size_t i = 0; i < w->world->n; i++) {
			const yb_assumption *as = &w->world->a[i];
			if (as->fact != f)
				continue;
			if (!enumerable(f)) {
				if (as->node == n)
					return as->choice;
				continue;
			}
			/* Enumerable: the assumed value picks the case as a given one would. */
			const char *value =
				f->kind == FACT_BOOL
					? (as->choice ? "false" : "true")
					: yb_str(c, YB_AT(c, yb_fact_value, f->values)[as->choice].id);
			for (size_t k = 0; k < n->ncases; k++)
				if (case_has(c, &cases[k], value))
					return (int)k;
			return (int)n->ncases;
		}
		w->need = f;
		w->need_node = n;
		return -1;
	}
	for (size_t k = 0; k < n->ncases; k++) {
		const yb_case *cs = &cases[k];
		bool hit = f->kind == FACT_NUMBER ? in_range(cs, w->q->numbers[f->index])
			   : f->kind == FACT_DATE ? in_range(cs, w->q->dates[f->index])
						  : case_has(c, cs, known_symbol(w, f));
		if (hit)
			return (int)k;
	}
	return (int)n->ncases;
}

static int trace_add(trace_list *t, const yb_layer *ly, const yb_node *n, int branch,
		     yb_origin origin)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		yb_trace_step *p = yb_realloc(t->steps, cap * sizeof(*p));
		if (!p)
			return -1;
		t->steps = p;
		t->cap = cap;
	}
	t->steps[t->n++] = (yb_trace_step){ly, n, branch, origin, 0};
	return 0;
}

/* Returns 0, or -1 out of memory; sets w->need when it stopped on an unknown fact. */
static int walk(walk_ctx *w, const yb_layer *ly, const yb_node *n)
{
	const yb_corpus *c = w->q->corpus;
	while (n) {
		for (size_t i = 0; i < n->nitems; i++) {
			const yb_item *it = YB_NTH(c, yb_item, n->items, i);
			if (in_force(it, w->a->date) && list_add(&w->list, it, ly) != 0)
				return -1;
		}
		for (size_t i = 0; i < n->nremove; i++)
			list_remove(&w->list, yb_ref_at(c, n->remove, i));
		for (size_t i = 0; i < n->nthen && !w->need; i++)
			if (walk(w, ly, YB_NTH(c, yb_node, n->then, i)) != 0)
				return -1;
		if (!n->test || w->need)
			return 0;
		yb_origin origin;
		int k = choose(w, n, &origin);
		if (k == -1)
			return 0;
		if (trace_add(&w->trace, ly, n, k, origin))
			return -1;
		n = YB_AT(c, yb_node, k < (int)n->ncases ? YB_AT(c, yb_case, n->cases)[k].body
							  : n->otherwise);
	}
	return 0;
}

/* Whether the layer's area holds every place of its applies_to, or with `match: any` one. */
static bool layer_applies(const yb_answer *a, const yb_layer *ly)
{
	const yb_corpus *c = a->corpus;
	bool some = false;
	if (ly->level == LEVEL_NATIONAL)
		return true;
	for (int pl = 0; pl < PLACE_COUNT; pl++) {
		if (!(ly->applies_to & (1u << pl)))
			continue;
		const yb_city *city = a->place[pl];
		yb_ref code = !city ? 0
			      : ly->level == LEVEL_PROVINCE
				      ? YB_AT(c, yb_province, city->province)->adcode
				      : city->adcode;
		bool in = code && strcmp(yb_str(c, code), yb_str(c, ly->area)) == 0;
		if (!in && !ly->any)
			return false;
		some |= in;
	}
	return ly->any ? some : true;
}

/* Whether answer item e comes later in this world's list than position i. */
static bool later_in(const item_list *l, size_t i, const yb_answer_item *e)
{
	for (size_t k = i + 1; k < l->n; k++)
		if (l->items[k].item == e->item && l->items[k].layer == e->layer)
			return true;
	return false;
}

/* Folds one world's items into the answer, keeping every world's order. */
static int merge(yb_answer *a, const item_list *l, size_t world, size_t *cap)
{
	size_t after = 0; /* insert position: just past the previous item of this world */
	for (size_t i = 0; i < l->n; i++) {
		const yb_answer_item *e = &l->items[i];
		size_t j = 0;
		while (j < a->nitems && !(a->items[j].item == e->item && a->items[j].layer == e->layer))
			j++;
		if (j == a->nitems) {
			/* Insert after the previous item of this world, but past items that only
			 * earlier worlds have (their alternatives to this one), so that alternatives
			 * keep the order of the worlds: level 1, 2, 3 rather than 3, 2, 1. */
			j = after;
			while (j < a->nitems && !(a->items[j].worlds & (1ull << world)) &&
			       !later_in(l, i, &a->items[j]))
				j++;
			if (a->nitems == *cap) {
				size_t nc = *cap ? *cap * 2 : 32;
				yb_answer_item *p = yb_arena_alloc(&a->arena, nc * sizeof(*p));
				if (!p)
					return -1;
				if (a->nitems)
					memcpy(p, a->items, a->nitems * sizeof(*p));
				a->items = p;
				*cap = nc;
			}
			memmove(&a->items[j + 1], &a->items[j], (a->nitems - j) * sizeof(*a->items));
			a->items[j] = (yb_answer_item){e->item, e->layer, 0, 0, -1, 0};
			a->nitems++;
		}
		a->items[j].worlds |= 1ull << world;
		if (e->replacing)
			a->items[j].replacing |= 1ull << world;
		after = j + 1;
	}
	return 0;
}

/* Folds one world's decisions into the answer's trace, as merge() does for items. */
static int merge_trace(yb_answer *a, const trace_list *t, size_t world, size_t *cap)
{
	size_t after = 0;
	for (size_t i = 0; i < t->n; i++) {
		const yb_trace_step *e = &t->steps[i];
		size_t j = 0;
		while (j < a->ntrace && !(a->trace[j].node == e->node && a->trace[j].layer == e->layer &&
					  a->trace[j].branch == e->branch))
			j++;
		if (j == a->ntrace) {
			if (a->ntrace == *cap) {
				size_t nc = *cap ? *cap * 2 : 16;
				yb_trace_step *p = yb_arena_alloc(&a->arena, nc * sizeof(*p));
				if (!p)
					return -1;
				if (a->ntrace)
					memcpy(p, a->trace, a->ntrace * sizeof(*p));
				a->trace = p;
				*cap = nc;
			}
			j = after;
			memmove(&a->trace[j + 1], &a->trace[j], (a->ntrace - j) * sizeof(*a->trace));
			a->trace[j] = *e;
			a->trace[j].worlds = 0;
			a->ntrace++;
		}
		a->trace[j].worlds |= 1ull << world;
		after = j + 1;
	}
	return 0;
}

static int add_question(yb_answer *a, const yb_fact *f, size_t *cap)
{
	for (size_t i = 0; i < a->nquestions; i++)
		if (a->questions[i] == f)
			return 0;
	if (a->nquestions == *cap) {
		size_t nc = *cap ? *cap * 2 : 4;
		const yb_fact **p = yb_arena_alloc(&a->arena, nc * sizeof(*p));
		if (!p)
			return -1;
		if (a->nquestions)
			memcpy(p, a->questions, a->nquestions * sizeof(*p));
		a->questions = p;
		*cap = nc;
	}
	a->questions[a->nquestions++] = f;
	return 0;
}

typedef struct {
	const yb_query *q;
	yb_answer *a;
	size_t items_cap, questions_cap, trace_cap;
	yb_status st;
	yb_error *err;
} run_ctx;

static void explore(run_ctx *r, const yb_world *world)
{
	walk_ctx w = {r->q, r->a, world, {0}, {0}, NULL, NULL};
	const yb_corpus *c = r->q->corpus;
	const yb_procedure *p = r->q->proc;
	const yb_layer *layers = YB_AT(c, yb_layer, p->layers);

	for (size_t i = 0; i < p->nlayers && !w.need; i++)
		if (layer_applies(r->a, &layers[i]) &&
		    walk(&w, &layers[i], YB_AT(c, yb_node, layers[i].tree)))
			goto nomem;

	if (!w.need) {
		if (r->a->nworlds == YB_MAX_WORLDS) {
			r->st = r->a->nquestions
					? yb_fail(r->err, YB_EUSAGE,
						  "条件组合过多，无法逐一列出；请补充 %s 等条件后再查询",
						  "too many combinations of conditions to list them "
						  "all; give %s or other conditions and ask again",
						  yb_str(c, r->a->questions[0]->flag))
					: yb_fail(r->err, YB_EUSAGE,
						  "条件组合过多，无法逐一列出；请补充 更多 等条件后再查询",
						  "too many combinations of conditions to list them "
						  "all; give more conditions and ask again");
			goto done;
		}
		r->a->worlds[r->a->nworlds] = *world;
		if (merge(r->a, &w.list, r->a->nworlds, &r->items_cap) ||
		    merge_trace(r->a, &w.trace, r->a->nworlds, &r->trace_cap))
			goto nomem;
		r->a->nworlds++;
		goto done;
	}

	/* Stopped on an unknown fact: ask for it, and walk once per value it can take. */
	const yb_fact *f = w.need;
	if (add_question(r->a, f, &r->questions_cap))
		goto nomem;
	if (world->n == YB_MAX_ASSUMPTIONS) {
		r->st = yb_fail(r->err, YB_EUSAGE, "需要的条件过多；请补充 %s 后再查询",
				"too many conditions are needed; give %s and ask again",
				yb_str(c, f->flag));
		goto done;
	}
	int choices = f->kind == FACT_ENUM   ? (int)f->nvalues
		      : f->kind == FACT_BOOL ? 2
					     : (int)w.need_node->ncases + (w.need_node->otherwise != 0);
	yb_free(w.list.items);
	w.list.items = NULL;
	yb_free(w.trace.steps);
	w.trace.steps = NULL;
	for (int k = 0; k < choices && r->st == YB_OK; k++) {
		yb_world next = *world;
		next.a[next.n++] = (yb_assumption){f, enumerable(f) ? NULL : w.need_node,
						  !enumerable(f) && k == (int)w.need_node->ncases
							  ? (int)w.need_node->ncases
							  : k};
		explore(r, &next);
	}
	goto done;

nomem:
	r->st = yb_err_nomem(r->err);
done:
	yb_free(w.list.items);
	yb_free(w.trace.steps);
}

/*
 * Due dates. A deadline counts from the start date (--date), or with `after:` from the due date
 * of the step it follows (transfer-in's 5 working days start when transfer-out's 10 end). The
 * step followed is the one with that id in the same alternative (world) of the answer.
 */
static int due_of(yb_answer *a, size_t i, int depth)
{
	yb_answer_item *ai = &a->items[i];
	const yb_deadline *d = &ai->item->deadline;
	if (ai->due || depth > 16)
		return ai->due;
	if (!d->present || (d->working_days < 0 && !d->days && !d->months) || d->from.zh)
		return 0;
	int start = a->date;
	for (size_t j = 0; d->after && j < a->nitems; j++) {
		const yb_answer_item *prev = &a->items[j];
		if (j != i && prev->item->kind == ITEM_STEP && prev->item->id == d->after &&
		    (prev->worlds & ai->worlds)) {
			int from = due_of(a, j, depth + 1);
			if (from) {
				start = from;
				ai->after = (int)j;
			}
			break;
		}
	}
	if (d->working_days >= 0)
		ai->due = yb_add_workdays(a->corpus, start, d->working_days, &a->uncovered_year);
	else if (d->days)
		ai->due = yb_date_add_days(start, d->days);
	else
		ai->due = yb_date_add_months(start, d->months);
	return ai->due;
}

yb_status yb_query_run(const yb_query *q, yb_answer **out, yb_error *err)
{
	const yb_corpus *c = q->corpus;
	const yb_procedure *p = q->proc;
	yb_answer *a;

	*out = NULL;
	for (int pl = 0; pl < PLACE_COUNT; pl++)
		if (takes_place(p, (yb_place)pl) && !q->place[pl] && !(p->optional & (1u << pl)))
			return yb_fail(err, YB_EUSAGE,
				       "%s: 缺少 --%s（城市：拼音、中文名或六位行政区划代码，如 changsha、长沙 "
				       "或 430100）",
				       "%s: --%s is missing (a city: its pinyin, its Chinese name or its "
				       "six-digit administrative code, e.g. changsha, 长沙 or 430100)",
				       yb_str(c, p->id), yb_place_name((yb_place)pl));

	for (size_t i = 0; i < p->nrequires; i++) {
		const yb_fact *f = YB_NTH(c, yb_fact, p->requires, i);
		if (!q->given[f->index].fact)
			return yb_fail(err, YB_EUSAGE, "%s: 缺少 %s（%s%.0s可选值：yibao %s --list）",
				       "%s: %s is missing (%.0s%s Values: yibao %s --list)",
				       yb_str(c, p->id), yb_str(c, f->flag), yb_text_zh(c, f->question),
				       f->question.en ? yb_str(c, f->question.en)
						      : yb_text_zh(c, f->question),
				       yb_str(c, p->id));
	}
	a = yb_malloc(sizeof(*a));
	if (!a)
		return yb_err_nomem(err);
	memset(a, 0, sizeof(*a));
	a->corpus = c;
	a->proc = p;
	a->date = q->date;
	a->date_given = q->date_given;
	memcpy(a->place, q->place, sizeof(a->place));
	if (takes_place(p, PLACE_FROM) && takes_place(p, PLACE_TO)) {
		const yb_city *from = q->place[PLACE_FROM], *to = q->place[PLACE_TO];
		int r = from == to ? 0 : from->province == to->province ? 1 : 2;
		a->route = &YB_AT(c, yb_fact_value, c->route->values)[r];
	}

	/* The facts as given, for the answer (and the notes of old names). */
	yb_given *given = yb_arena_alloc(&a->arena, sizeof(*given) * (c->nfacts + 1));
	a->worlds = yb_arena_alloc(&a->arena, sizeof(*a->worlds) * YB_MAX_WORLDS);
	if (!given || !a->worlds) {
		yb_answer_free(a);
		return yb_err_nomem(err);
	}
	/* Copied into the answer: it must outlive the query. */
	for (size_t i = 0; i < p->nasks; i++) {
		const yb_fact *f = YB_NTH(c, yb_fact, p->asks, i);
		const yb_given *g = &q->given[f->index];
		if (!g->fact && (f->default_value || f->default_bool)) {
			const yb_fact_value *def = YB_AT(c, yb_fact_value, f->default_value);
			yb_given *d = &given[a->ngiven++];
			memset(d, 0, sizeof(*d));
			d->fact = f;
			d->value = def ? yb_str(c, def->id) : yb_str(c, f->default_bool);
			d->enum_value = def;
			d->by_default = true;
			continue;
		}
		if (!g->fact)
			continue;
		yb_given *copy = &given[a->ngiven++];
		*copy = *g;
		if ((g->typed && !(copy->typed = yb_arena_strdup(&a->arena, g->typed))) ||
		    (!g->enum_value && !(copy->value = yb_arena_strdup(&a->arena, g->value)))) {
			yb_answer_free(a);
			return yb_err_nomem(err);
		}
	}
	a->given = given;

	run_ctx r = {q, a, 0, 0, 0, YB_OK, err};
	/* A place left out where a province or city has rules of its own: those rules are not in
	 * the answer, so ask for the place rather than let the national answer pass as complete. */
	for (size_t i = 0; i < p->nlayers; i++) {
		const yb_layer *ly = &YB_AT(c, yb_layer, p->layers)[i];
		if (ly->level == LEVEL_NATIONAL)
			continue;
		for (int pl = 0; pl < PLACE_COUNT; pl++)
			if ((ly->applies_to & (1u << pl)) && !q->place[pl] &&
			    add_question(a, c->place[pl], &r.questions_cap)) {
				yb_answer_free(a);
				return yb_err_nomem(err);
			}
	}
	yb_world none = {{{0}}, 0};
	explore(&r, &none);
	if (r.st) {
		yb_answer_free(a);
		return r.st;
	}
	for (size_t i = 0; i < a->nitems; i++) {
		int day = a->items[i].item->kind == ITEM_WAIT ? yb_wait_start(a, a->items[i].item)
							      : due_of(a, i, 0);
		if (day && !yb_date_supported(day)) {
			yb_answer_free(a);
			return yb_fail(err, YB_EUSAGE,
				       "按办理日期推算的日期超出支持的范围（%s%.0s）；请给出更早的 --date",
				       "a date worked out from the date you apply falls outside the "
				       "supported range (%.0s%s); give an earlier --date",
				       YB_DATE_RANGE, YB_DATE_RANGE_EN);
		}
	}
	if (yb_answer_build(a)) {
		yb_answer_free(a);
		return yb_err_nomem(err);
	}
	*out = a;
	return YB_OK;
}

void yb_answer_free(yb_answer *a)
{
	if (!a)
		return;
	yb_arena_free(&a->arena);
	yb_free(a);
}
