/*
 * lint.c - checking a corpus for what the loader refuses and what loads but is wrong.
 *
 * The loader, in its linting mode, reports every problem it meets and goes on past the bad
 * item, entry, case, layer or file. The checks here then walk the model it built: for each
 * node, the values a fact can still have there (narrowed by the enclosing branches of the same
 * layer) show which cases can never be reached, which overlap, and which values fall through
 * with no default; items that share an id at one node must be versions with dates that neither
 * overlap nor leave a gap; every source should be cited.
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
		snprintf(out + len, size - len, "%s%s", len ? ", " : "", name);
	}
}

typedef struct {
	yb_lint_sink *sink;
	const yb_corpus *c;
	value_set *allowed; /* by fact index: what the enclosing branches leave possible */
	bool *cited;        /* by source index */
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
				       "\"%s\" is defined twice here for the same dates (line %d); give "
				       "each version in_force dates that do not overlap",
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
			report(k, next->pos, 0, "no version of \"%s\" applies from %s to %s",
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
				       "this branch can never be reached: its range lies inside the "
				       "case at line %d",
				       b->pos.line);
				break;
			}
			bool apart = (a->has_max && b->has_min && a->max < b->min) ||
				     (b->has_max && a->has_min && b->max < a->min);
			if (!apart)
				report(k, a->pos, 0, "overlapping conditions: this range overlaps the "
						     "case at line %d",
				       b->pos.line);
		}
		check_node(k, YB_AT(c, yb_node, a->body));
	}
	if (n->otherwise)
		check_node(k, YB_AT(c, yb_node, n->otherwise));
	else
		report(k, n->pos, 0,
		       "values of \"%s\" outside the cases are left unhandled; add a case or "
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
						       "overlapping conditions: %s is also in the case at "
						       "line %d",
						       value, b->pos.line);
			}
		}
		check_node(k, YB_AT(c, yb_node, a->body));
	}
	if (n->otherwise)
		check_node(k, YB_AT(c, yb_node, n->otherwise));
	else
		report(k, n->pos, 0,
		       "other values of \"%s\" are left unhandled; add \"default: {}\" if nothing "
		       "applies to them",
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
			       "this branch can never be reached: %s %s already taken by an earlier "
			       "case or ruled out by an enclosing branch",
			       names, (v & (v - 1)) ? "are" : "is");
		} else {
			if (v & claimed) {
				name_values(c, f, v & claimed, names, sizeof(names));
				report(k, cs->pos, 0,
				       "overlapping conditions: %s also matched by an earlier case at "
				       "this node",
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
			       "the default can never be reached: the cases take every value of "
			       "\"%s\" possible here",
			       yb_str(c, f->id));
		else
			check_branch(k, f, rest, otherwise);
	} else if (rest) {
		name_values(c, f, rest, names, sizeof(names));
		report(k, n->pos, 0,
		       "values of \"%s\" left unhandled without a default: %s; add a case, or "
		       "\"default: {}\" if nothing applies to them",
		       yb_str(c, f->id), names);
	}
}

/* ---- Deadlines against the whole process ---------------------------------------------------- */

/*
 * No step may fall due after the deadline of the whole process (a deadline item with the id
 * "whole-process"), in any world of any answer. The check asks the real evaluator, so that
 * replaced items, `after:` chains and the calendar count as they do for a user: for places in
 * and around every layer's area, and on each side of every date a rule starts or ends.
 */
enum { MAX_PROBE_CITIES = 48, MAX_PROBE_DATES = 96 };

typedef struct {
	checker *k;
	const yb_procedure *p;
	const yb_city *cities[MAX_PROBE_CITIES];
	size_t ncities;
	int dates[MAX_PROBE_DATES];
	size_t ndates;
	const yb_item **reported; /* each late step once */
	size_t nreported, capreported;
	yb_query *q;
} deadline_probe;

static void add_city(deadline_probe *dp, const yb_city *city)
{
	for (size_t i = 0; i < dp->ncities; i++)
		if (dp->cities[i] == city)
			return;
	if (dp->ncities < MAX_PROBE_CITIES)
		dp->cities[dp->ncities++] = city;
}

/* Two cities of a province (a move inside it), or the city itself. */
static void add_area(deadline_probe *dp, const char *area)
{
	const yb_corpus *c = dp->k->c;
	int found = 0;
	for (size_t i = 0; i < c->ncities && found < 2; i++) {
		const yb_city *city = &c->cities[i];
		const yb_province *p = YB_AT(c, yb_province, city->province);
		if (!strcmp(yb_str(c, city->adcode), area) || !strcmp(yb_str(c, p->adcode), area))
			add_city(dp, city), found++;
	}
}

static void add_date(deadline_probe *dp, int d)
{
	for (size_t i = 0; i < dp->ndates; i++)
		if (dp->dates[i] == d)
			return;
	if (d && dp->ndates < MAX_PROBE_DATES)
		dp->dates[dp->ndates++] = d;
}

/* The days on each side of every date an item of the tree starts or stops applying. */
static void add_boundaries(deadline_probe *dp, const yb_node *n)
{
	const yb_corpus *c = dp->k->c;
	if (!n)
		return;
	for (size_t i = 0; i < n->nitems; i++) {
		const yb_item *it = YB_NTH(c, yb_item, n->items, i);
		if (it->in_force_from) {
			add_date(dp, it->in_force_from);
			add_date(dp, yb_date_from_days(yb_days_from_date(it->in_force_from) - 1));
		}
		if (it->in_force_until) {
			add_date(dp, it->in_force_until);
			add_date(dp, yb_date_from_days(yb_days_from_date(it->in_force_until) + 1));
		}
	}
	for (size_t i = 0; i < n->nthen; i++)
		add_boundaries(dp, YB_NTH(c, yb_node, n->then, i));
	const yb_case *cases = YB_AT(c, yb_case, n->cases);
	for (size_t i = 0; i < n->ncases; i++)
		add_boundaries(dp, YB_AT(c, yb_node, cases[i].body));
	add_boundaries(dp, YB_AT(c, yb_node, n->otherwise));
}

static bool already_reported(deadline_probe *dp, const yb_item *it)
{
	for (size_t i = 0; i < dp->nreported; i++)
		if (dp->reported[i] == it)
			return true;
	if (dp->nreported == dp->capreported) {
		size_t cap = dp->capreported ? dp->capreported * 2 : 8;
		const yb_item **p = yb_realloc(dp->reported, cap * sizeof(*p));
		if (!p)
			return true; /* out of memory: report nothing more rather than repeat */
		dp->reported = p;
		dp->capreported = cap;
	}
	dp->reported[dp->nreported++] = it;
	return false;
}

static void check_answer_deadlines(deadline_probe *dp, const yb_answer *a)
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
			    already_reported(dp, ai->item))
				continue;
			char due[11], limit[11], date[11];
			yb_date_format(ai->due, due);
			yb_date_format(whole->due, limit);
			yb_date_format(a->date, date);
			char where[256] = "";
			for (int pl = 0; pl < PLACE_COUNT; pl++)
				if (a->place[pl]) {
					size_t len = strlen(where);
					snprintf(where + len, sizeof(where) - len, "%s%s",
						 len ? " → " : "", yb_str(c, a->place[pl]->name));
				}
			report(dp->k, ai->item->pos, 1,
			       "step \"%s\" falls due on %s, after the whole process (due %s, %s:%d) "
			       "in the answer for %s on %s",
			       yb_str(c, ai->item->id), due, limit,
			       yb_str(c, whole->item->pos.file), whole->item->pos.line, where,
			       date);
		}
	}
}

/* Runs one query per value of each fact the procedure requires, then checks the answers. */
static void probe_required(deadline_probe *dp, size_t r)
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
	if (yb_query_run(dp->q, &a, NULL) == YB_OK)
		check_answer_deadlines(dp, a);
	yb_answer_free(a);
}

static const char *probe_adcode(const deadline_probe *dp, size_t i)
{
	return yb_str(dp->k->c, dp->cities[i]->adcode);
}

static void probe_places(deadline_probe *dp, int date)
{
	const yb_corpus *c = dp->k->c;
	const yb_procedure *p = dp->p;
	char day[11];
	yb_date_format(date, day);
	bool two = (p->places & (1u << PLACE_FROM)) && (p->places & (1u << PLACE_TO));
	bool one = p->places & (1u << PLACE_CITY);
	for (size_t i = 0; i < (two || one ? dp->ncities : 1); i++)
		for (size_t j = 0; j < (two ? dp->ncities : 1); j++) {
			yb_query_free(dp->q);
			dp->q = NULL;
			if (yb_query_new(c, yb_str(c, p->id), &dp->q, NULL) != YB_OK ||
			    yb_query_set(dp->q, "date", day, NULL) != YB_OK)
				continue;
			if (two && (yb_query_set(dp->q, "from", probe_adcode(dp, i), NULL) ||
				    yb_query_set(dp->q, "to", probe_adcode(dp, j), NULL)))
				continue;
			if (one && yb_query_set(dp->q, "city", probe_adcode(dp, i), NULL))
				continue;
			probe_required(dp, 0);
		}
}

static void check_deadlines(checker *k, const yb_procedure *p)
{
	const yb_corpus *c = k->c;
	deadline_probe dp = {.k = k, .p = p};
	/* Places: a pair inside one province, one in another, and two in each layer's area. */
	if (c->ncities) {
		add_area(&dp, yb_str(c, YB_AT(c, yb_province, c->cities[0].province)->adcode));
		add_city(&dp, &c->cities[c->ncities - 1]);
	}
	const yb_layer *layers = YB_AT(c, yb_layer, p->layers);
	for (size_t l = 0; l < p->nlayers; l++) {
		add_boundaries(&dp, YB_AT(c, yb_node, layers[l].tree));
		if (layers[l].area)
			add_area(&dp, yb_str(c, layers[l].area));
	}
	if (c->date)
		add_date(&dp, yb_date_parse(c->date));
	for (size_t d = 0; d < dp.ndates; d++)
		probe_places(&dp, dp.dates[d]);
	yb_query_free(dp.q);
	yb_free(dp.reported);
}

static void check_corpus(checker *k)
{
	const yb_corpus *c = k->c;
	for (size_t p = 0; p < c->nprocedures; p++)
	{
		const yb_layer *layers = YB_AT(c, yb_layer, c->procedures[p].layers);
		for (size_t l = 0; l < c->procedures[p].nlayers; l++)
			check_node(k, YB_AT(c, yb_node, layers[l].tree));
		check_deadlines(k, &c->procedures[p]);
	}
	for (size_t i = 0; i < c->nsources; i++)
		if (!k->cited[i])
			report(k, c->sources[i].pos, 0, "source \"%s\" is cited by no rule",
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
		checker k = {&sink, c, NULL, NULL};
		k.allowed = yb_malloc(sizeof(*k.allowed) * (c->nfacts + 1));
		k.cited = yb_malloc(sizeof(*k.cited) * (c->nsources + 1));
		if (!k.allowed || !k.cited) {
			found.failed = 1;
		} else {
			for (size_t i = 0; i < c->nfacts; i++)
				k.allowed[i] = all_values(&c->facts[i]);
			memset(k.cited, 0, sizeof(*k.cited) * c->nsources);
			check_corpus(&k);
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
