/*
 * test_answer.c - reading an answer through the public API (yibao.h, "Reading an answer"):
 * real queries on the embedded corpus, and what the walked data says — the route, the steps in
 * order with their due dates (checked against yb_workday()), the sources, an estimate, a
 * waiting period, the questions and alternatives when a fact is missing, the decisions, and
 * that nothing in the answer depends on the query that made it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "mem.h"
#include "yibao.h"

/* Runs `procedure` with facts "name=value" (NULL-terminated); the query is freed before the
 * answer is returned, so every test also checks that the answer stands on its own. */
static yb_answer *ask(void **state, const char *procedure, const char *const *facts)
{
	yb_query *q = NULL;
	yb_answer *a = NULL;
	yb_error err;
	assert_int_equal(yb_query_new(*state, procedure, &q, &err), YB_OK);
	for (size_t i = 0; facts[i]; i++) {
		char name[64];
		const char *eq = strchr(facts[i], '=');
		assert_non_null(eq);
		snprintf(name, sizeof(name), "%.*s", (int)(eq - facts[i]), facts[i]);
		assert_int_equal(yb_query_set(q, name, eq + 1, &err), YB_OK);
	}
	yb_status st = yb_query_run(q, &a, &err);
	if (st)
		print_error("%s\n", err.message);
	assert_int_equal(st, YB_OK);
	yb_query_free(q);
	return a;
}

static const yb_entry *entry(const yb_answer *a, yb_answer_list list, const char *id)
{
	for (size_t i = 0; i < yb_answer_count(a, list); i++)
		if (!strcmp(yb_answer_entry(a, list, i)->id, id))
			return yb_answer_entry(a, list, i);
	return NULL;
}

/* The day n working days after `from`, as yb_workday() counts it. */
static void workday(void **state, const char *from, int n, char out[11])
{
	yb_error err;
	assert_int_equal(yb_workday(*state, from, n, out, NULL, &err), YB_OK);
}

static const char *const changde_changsha[] = {"from=changde", "to=changsha", "type=employee",
					       "date=2026-11-22", NULL};

static void transfer_route_and_steps(void **state)
{
	yb_answer *a = ask(state, "transfer", changde_changsha);
	const yb_summary *s = yb_answer_summary(a);
	char day[11];

	assert_string_equal(s->procedure, "transfer");
	assert_string_equal(s->date, "2026-11-22");
	assert_true(s->date_given);
	assert_string_equal(s->route, "intra-province");
	assert_string_equal(s->route_label.zh, "省内跨市");
	assert_string_equal(s->from->name, "常德市");
	assert_string_equal(s->to->province, "湖南省");
	assert_null(s->city);
	assert_null(s->verdict);
	assert_int_equal(s->uncovered_year, 0);
	assert_null(s->caveat.zh);
	assert_null(s->fallback);

	/* The steps in order: both paths first (the old office's transfer-out, then the new
	 * office's transfer-in), then online, then offline. */
	size_t n = yb_answer_count(a, YB_LIST_STEPS);
	assert_true(n >= 3);
	const yb_entry *out = yb_answer_entry(a, YB_LIST_STEPS, 0),
		       *in = yb_answer_entry(a, YB_LIST_STEPS, 1);
	assert_int_equal(out->kind, YB_ENTRY_STEP);
	assert_int_equal(out->path, YB_PATH_ANY);
	assert_string_equal(out->side->id, "out");
	assert_string_equal(out->side->city->name, "常德市");
	assert_string_equal(in->side->id, "in");
	assert_string_equal(in->side->city->name, "长沙市");
	for (size_t i = 1; i < n; i++)
		assert_true(yb_answer_entry(a, YB_LIST_STEPS, i - 1)->path <=
			    yb_answer_entry(a, YB_LIST_STEPS, i)->path);

	/* Due dates: transfer-out counts its working days from the date, transfer-in from
	 * transfer-out's due date. */
	assert_non_null(out->deadline);
	assert_null(out->deadline->after);
	workday(state, s->date, out->deadline->working_days, day);
	assert_string_equal(out->deadline->due, day);
	assert_true(in->deadline->after == out);
	workday(state, out->deadline->due, in->deadline->working_days, day);
	assert_string_equal(in->deadline->due, day);

	/* The whole process is due with its last step. */
	const char *last = NULL;
	for (yb_answer_list l = YB_LIST_STEPS; l <= YB_LIST_DEADLINES; l++)
		for (size_t i = 0; i < yb_answer_count(a, l); i++) {
			const yb_entry *e = yb_answer_entry(a, l, i);
			if (e->deadline && e->deadline->due &&
			    (!last || strcmp(e->deadline->due, last) > 0))
				last = e->deadline->due;
		}
	assert_non_null(s->due);
	assert_string_equal(s->due, last);
	assert_string_equal(s->due, in->deadline->due);

	yb_answer_free(a);
}

/* A step's channels say where to tap: the step's own directions, else the channel's. */
static void channels_say_where(void **state)
{
	const char *facts[] = {"city=shantou", "holder=minor", "date=2026-11-22", NULL};
	yb_answer *a = ask(state, "activate", facts);
	bool tap = false;
	for (size_t i = 0; i < yb_answer_count(a, YB_LIST_STEPS); i++) {
		const yb_entry *e = yb_answer_entry(a, YB_LIST_STEPS, i);
		for (size_t k = 0; k < e->nchannels; k++) {
			assert_non_null(e->channels[k].id);
			assert_non_null(e->channels[k].name.zh);
			if (!strcmp(e->channels[k].id, "hotline")) {
				assert_int_equal(e->channels[k].kind, YB_CHANNEL_PHONE);
				assert_non_null(strstr(e->channels[k].where.zh, "12393"));
				tap = true;
			}
		}
	}
	assert_true(tap);
	yb_answer_free(a);
}

/* Every entry cites at least one source; every source is in the answer's numbered list and
 * has a title (a seed article: its file and heading). */
static void every_entry_has_a_source(void **state)
{
	yb_answer *a = ask(state, "transfer", changde_changsha);
	size_t nsources = yb_answer_count(a, YB_LIST_SOURCES), entries = 0;
	assert_true(nsources > 0);
	for (size_t i = 0; i < nsources; i++) {
		const yb_source_info *src = yb_answer_source(a, i);
		assert_int_equal(src->n, i + 1);
		assert_non_null(src->id);
		if (src->kind == YB_SOURCE_SEED) {
			assert_non_null(src->file);
			assert_non_null(src->heading);
		} else {
			assert_non_null(src->title.zh);
			assert_true(src->title.zh[0] != '\0');
		}
	}
	for (yb_answer_list l = YB_LIST_VERDICTS; l <= YB_LIST_NOTES; l++)
		for (size_t i = 0; i < yb_answer_count(a, l); i++, entries++) {
			const yb_entry *e = yb_answer_entry(a, l, i);
			assert_true(e->nsources >= 1);
			for (size_t k = 0; k < e->nsources; k++)
				assert_ptr_equal(yb_answer_source(a, e->sources[k]->n - 1),
						 e->sources[k]);
			assert_non_null(e->rule);
			assert_true(e->line > 0);
			/* Everything holds: one alternative, nothing assumed. */
			assert_int_equal(e->alternatives, 0);
			assert_null(e->condition.zh);
		}
	assert_true(entries > 10);
	/* The first source cited in reading order is footnote [1]: the first precondition's. */
	const yb_entry *first = yb_answer_entry(a, YB_LIST_NOTES, 0);
	assert_int_equal(first->kind, YB_ENTRY_PRECONDITION);
	assert_int_equal(first->sources[0]->n, 1);
	assert_int_equal(yb_answer_count(a, YB_LIST_ALTERNATIVES), 1);
	assert_int_equal(yb_answer_alternative(a, 0)->nassumed, 0);
	assert_int_equal(yb_answer_count(a, YB_LIST_QUESTIONS), 0);
	yb_answer_free(a);
}

/* A layer's rules say where they come from; a dated rule says from when. */
static void layers_and_dates(void **state)
{
	yb_answer *a = ask(state, "transfer", changde_changsha);
	bool province = false, national = false;
	for (yb_answer_list l = YB_LIST_VERDICTS; l <= YB_LIST_NOTES; l++)
		for (size_t i = 0; i < yb_answer_count(a, l); i++) {
			const yb_entry *e = yb_answer_entry(a, l, i);
			if (e->layer.level == YB_LEVEL_PROVINCE) {
				province = true;
				assert_string_equal(e->layer.adcode, "430000");
				assert_string_equal(e->layer.name.zh, "湖南省");
			} else if (e->layer.level == YB_LEVEL_NATIONAL) {
				national = true;
				assert_null(e->layer.adcode);
			}
		}
	assert_true(province && national);
	const yb_entry *out = yb_answer_entry(a, YB_LIST_STEPS, 0);
	assert_string_equal(out->in_force_from, "2021-11-01");
	assert_null(out->in_force_until);
	yb_answer_free(a);
}

/* Dental, in Qingdao with a cost: the verdict, and what the fund pays in yuan. */
static void dental_estimate(void **state)
{
	const char *facts[] = {"city=qingdao", "item=filling", "type=employee", "level=1",
			       "cost=1500", "date=2026-11-22", NULL};
	yb_answer *a = ask(state, "dental", facts);
	const yb_summary *s = yb_answer_summary(a);
	assert_string_equal(s->verdict, "covered");
	assert_string_equal(s->verdict_value, "true");
	assert_int_equal(yb_answer_count(a, YB_LIST_VERDICTS), 1);
	const yb_entry *v = yb_answer_entry(a, YB_LIST_VERDICTS, 0);
	assert_string_equal(v->verdict->key, "covered");
	assert_non_null(v->text.zh);

	assert_true(yb_answer_count(a, YB_LIST_ESTIMATES) >= 1);
	const yb_estimate_info *e = yb_answer_entry(a, YB_LIST_ESTIMATES, 0)->estimate;
	assert_string_equal(e->of, "cost");
	assert_string_equal(e->of_flag, "--cost");
	assert_true(e->known);
	assert_true(e->cost == 1500);
	assert_true(e->ratio > 0 && e->ratio <= 1);
	assert_true(e->deductible < 1500);
	double paid = (1500 - e->deductible) * e->ratio;
	assert_true(e->paid > paid - 0.006 && e->paid < paid + 0.006); /* rounded to the fen */
	assert_true(e->paid * 100 == (double)(long long)(e->paid * 100));
	yb_answer_free(a);

	/* Without a cost: the rule, and no sum. */
	const char *no_cost[] = {"city=qingdao", "item=filling", "type=employee", "level=1", NULL};
	a = ask(state, "dental", no_cost);
	e = yb_answer_entry(a, YB_LIST_ESTIMATES, 0)->estimate;
	assert_false(e->known);
	assert_true(e->paid == 0);
	yb_answer_free(a);
}

/* A counted waiting period: 3 months, +1 for each year of gap after the first, -1 for each
 * year back-paid; benefits start that many months after the date. */
static void waiting_months(void **state)
{
	const char *facts[] = {"type=resident", "gap-years=3", "back-paid-years=1",
			       "date=2026-03-01", NULL};
	yb_answer *a = ask(state, "waiting", facts);
	assert_int_equal(yb_answer_count(a, YB_LIST_WAITS), 1);
	const yb_wait_info *w = yb_answer_entry(a, YB_LIST_WAITS, 0)->wait;
	assert_false(w->grace);
	assert_true(w->known);
	assert_int_equal(w->gap_years, 3);
	assert_int_equal(w->back_paid_years, 1);
	assert_int_equal(w->extra_years, 2);
	assert_int_equal(w->added_months, 2 * w->per_gap_year);
	assert_int_equal(w->credit_months, 1 * w->back_pay_credit);
	assert_int_equal(w->counted_months, w->fixed_months + w->variable_months);
	assert_int_equal(w->months, 4);
	assert_string_equal(w->start, "2026-07-01");
	assert_string_equal(w->gap_years_flag, "--gap-years");
	yb_answer_free(a);
}

/* Without --type: the answer asks for it, covers each type as an alternative, and says
 * under which the entries that depend on it hold. */
static void missing_type_is_asked(void **state)
{
	const char *facts[] = {"from=changde", "to=changsha", "date=2026-11-22", NULL};
	yb_answer *a = ask(state, "transfer", facts);
	assert_int_equal(yb_answer_count(a, YB_LIST_QUESTIONS), 1);
	const yb_question *q = yb_answer_question(a, 0);
	assert_string_equal(q->fact, "type");
	assert_string_equal(q->flag, "--type");
	assert_int_equal(q->kind, YB_FACT_ENUM);
	assert_non_null(q->question.zh);
	assert_int_equal(q->nchoices, 3);
	assert_string_equal(q->choices[0].value, "employee");
	assert_string_equal(q->choices[0].label.zh, "职工医保");

	size_t nalt = yb_answer_count(a, YB_LIST_ALTERNATIVES);
	assert_int_equal(nalt, 3);
	for (size_t k = 0; k < nalt; k++) {
		const yb_alternative *alt = yb_answer_alternative(a, k);
		assert_int_equal(alt->nassumed, 1);
		assert_string_equal(alt->assumed[0].fact, "type");
		assert_string_equal(alt->assumed[0].value, q->choices[k].value);
		assert_string_equal(alt->label.zh, q->choices[k].label.zh);
	}
	/* Some entry holds only for some types, and says which. */
	bool conditional = false;
	for (yb_answer_list l = YB_LIST_VERDICTS; l <= YB_LIST_NOTES; l++)
		for (size_t i = 0; i < yb_answer_count(a, l); i++) {
			const yb_entry *e = yb_answer_entry(a, l, i);
			if (!e->alternatives) {
				assert_null(e->condition.zh);
				continue;
			}
			conditional = true;
			assert_true(e->alternatives < 1u << nalt);
			assert_non_null(e->condition.zh);
			for (size_t k = 0; k < nalt; k++)
				if ((e->alternatives >> k) & 1)
					assert_non_null(strstr(e->condition.zh,
							       yb_answer_alternative(a, k)->label.zh));
		}
	assert_true(conditional);
	/* The decision on the type is an assumption in each alternative. */
	bool assumed = false;
	for (size_t i = 0; i < yb_answer_count(a, YB_LIST_DECISIONS); i++) {
		const yb_decision *d = yb_answer_decision(a, i);
		if (!strcmp(d->fact, "type")) {
			assert_int_equal(d->origin, YB_VALUE_ASSUMED);
			assumed = true;
		}
	}
	assert_true(assumed);
	yb_answer_free(a);
}

/* The decisions: the route is worked out from the cities, the type was given. */
static void decisions(void **state)
{
	yb_answer *a = ask(state, "transfer", changde_changsha);
	size_t n = yb_answer_count(a, YB_LIST_DECISIONS);
	bool route = false, type = false;
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++) {
		const yb_decision *d = yb_answer_decision(a, i);
		assert_non_null(d->rule);
		assert_true(d->line > 0);
		assert_non_null(d->fact_label.zh);
		assert_non_null(d->value.zh);
		assert_true(d->branch >= -1);
		if (d->branch >= 0)
			assert_non_null(d->branch_rule);
		if (!strcmp(d->fact, "route")) {
			route = true;
			assert_int_equal(d->origin, YB_VALUE_DERIVED);
			assert_non_null(strstr(d->value.zh, "省内跨市"));
		} else if (!strcmp(d->fact, "type")) {
			type = true;
			assert_int_equal(d->origin, YB_VALUE_GIVEN);
			assert_string_equal(d->value.zh, "职工医保");
		}
	}
	assert_true(route && type);
	yb_answer_free(a);
}

/* The facts as given: an old name keeps what was typed and why it means the value, after the
 * query that held the typed text is gone; a switch left out is taken by default. */
static void facts_outlive_the_query(void **state)
{
	const char *facts[] = {"city=qingdao", "item=filling", "type=新农合", NULL};
	yb_answer *a = ask(state, "dental", facts);
	const yb_given_fact *type = NULL, *retired = NULL;
	for (size_t i = 0; i < yb_answer_count(a, YB_LIST_FACTS); i++) {
		const yb_given_fact *f = yb_answer_fact(a, i);
		if (!strcmp(f->fact, "type"))
			type = f;
		if (!strcmp(f->fact, "retired"))
			retired = f;
	}
	assert_non_null(type);
	assert_string_equal(type->value, "resident");
	assert_string_equal(type->typed, "新农合");
	assert_non_null(type->note.zh);
	assert_false(type->by_default);
	assert_non_null(retired);
	assert_int_equal(retired->kind, YB_FACT_BOOL);
	assert_true(retired->by_default);
	assert_string_equal(retired->value, "false");
	assert_string_equal(retired->value_label.zh, "否");
	yb_answer_free(a);
}

/* A due date in a year without a holiday calendar is said, as a number and as a sentence. */
static void calendar_caveat(void **state)
{
	const char *facts[] = {"from=changde", "to=changsha", "type=employee", "date=2031-02-01",
			       NULL};
	yb_answer *a = ask(state, "transfer", facts);
	const yb_summary *s = yb_answer_summary(a);
	assert_int_equal(s->uncovered_year, 2031);
	assert_non_null(strstr(s->caveat.zh, "2031"));
	yb_answer_free(a);
}

static void fallback_is_in_the_summary(void **state)
{
	yb_answer *a = ask(state, "transfer", changde_changsha);
	yb_corpus_origin o;
	yb_error err;
	memset(&o, 0, sizeof(o));
	o.fallback = YB_FALLBACK_REJECTED;
	snprintf(o.warning, sizeof(o.warning), "签名不对");
	assert_int_equal(yb_answer_note_fallback(a, &o, &err), YB_OK);
	assert_string_equal(yb_answer_summary(a)->fallback_kind, "rejected");
	assert_string_equal(yb_answer_summary(a)->fallback, "签名不对");
	/* An origin without English: the Chinese stands in. */
	assert_string_equal(yb_answer_summary(a)->fallback_en, "签名不对");
	yb_answer_free(a);

	a = ask(state, "transfer", changde_changsha);
	snprintf(o.warning_en, sizeof(o.warning_en), "bad signature");
	assert_int_equal(yb_answer_note_fallback(a, &o, &err), YB_OK);
	assert_string_equal(yb_answer_summary(a)->fallback_en, "bad signature");
	yb_answer_free(a);
}

/* The entry of any list whose alternatives are exactly `mask`, or NULL. */
static const yb_entry *entry_under(const yb_answer *a, unsigned long long mask)
{
	for (yb_answer_list l = YB_LIST_VERDICTS; l <= YB_LIST_NOTES; l++)
		for (size_t i = 0; i < yb_answer_count(a, l); i++)
			if (yb_answer_entry(a, l, i)->alternatives == mask)
				return yb_answer_entry(a, l, i);
	return NULL;
}

/* The labels the library composes have their English, made of the corpus's English for what
 * they name: the alternatives, an entry's condition, a layer's area (its slug, capitalised),
 * and the values the decisions saw, with where each came from. */
static void labels_in_english(void **state)
{
	const char *facts[] = {"from=changde", "to=changsha", "date=2026-11-22", NULL};
	yb_answer *a = ask(state, "transfer", facts);
	const yb_summary *s = yb_answer_summary(a);
	assert_string_equal(s->from->province_slug, "hunan");
	assert_string_equal(s->to->slug, "changsha");
	assert_string_equal(s->route_label.en, "between cities of one province");

	const yb_question *q = yb_answer_question(a, 0);
	assert_string_equal(q->label.en, "Type of insurance");
	assert_string_equal(q->choices[2].label.en,
			    "Employee insurance as a flexibly employed person");
	assert_string_equal(yb_answer_alternative(a, 0)->label.en, "Employee medical insurance");
	assert_string_equal(yb_answer_alternative(a, 0)->assumed[0].label.en,
			    "Employee medical insurance");
	assert_string_equal(yb_answer_alternative(a, 1)->label.zh, "城乡居民医保");

	/* Employees and the flexibly employed: both named, as in Chinese. */
	const yb_entry *e = entry_under(a, 1u << 0 | 1u << 2);
	assert_non_null(e);
	assert_string_equal(e->condition.zh, "职工医保 / 灵活就业人员参加职工医保");
	assert_string_equal(e->condition.en, "Employee medical insurance / Employee insurance as a "
					     "flexibly employed person");

	bool province = false, national = false;
	for (yb_answer_list l = YB_LIST_VERDICTS; l <= YB_LIST_NOTES; l++)
		for (size_t i = 0; i < yb_answer_count(a, l); i++) {
			const yb_layer_info *ly = &yb_answer_entry(a, l, i)->layer;
			if (ly->level == YB_LEVEL_PROVINCE) {
				province = true;
				assert_string_equal(ly->name.en, "Hunan");
			} else if (ly->level == YB_LEVEL_NATIONAL) {
				national = true;
				assert_string_equal(ly->name.zh, "全国");
				assert_string_equal(ly->name.en, "national");
			}
		}
	assert_true(province && national);

	bool route = false, type = false;
	for (size_t i = 0; i < yb_answer_count(a, YB_LIST_DECISIONS); i++) {
		const yb_decision *d = yb_answer_decision(a, i);
		if (!strcmp(d->fact, "route")) {
			route = true;
			assert_string_equal(d->fact_label.en, "Route");
			assert_string_equal(d->value.en, "between cities of one province (from the "
							 "cities: Changde is in Hunan, Changsha "
							 "is in Hunan)");
		} else if (!strcmp(d->fact, "type")) {
			/* Each alternative it holds in names its type, then that it was assumed. */
			static const char assumed[] = " (not given: answered for each case)";
			size_t len = strlen(d->value.en);
			type = true;
			assert_true(len > strlen(assumed));
			assert_string_equal(d->value.en + len - strlen(assumed), assumed);
			for (size_t k = 0; k < 3; k++)
				if (!d->alternatives || (d->alternatives >> k) & 1)
					assert_non_null(strstr(d->value.en,
							       yb_answer_alternative(a, k)->label.en));
		}
	}
	assert_true(route && type);
	yb_answer_free(a);
}

/* A switch reads yes or no; a city's own layer is named by the city; the sentences of the
 * summary say the same in English. */
static void yes_no_city_and_sentences_in_english(void **state)
{
	const char *dental[] = {"city=qingdao", "item=filling", "type=employee", NULL};
	yb_answer *a = ask(state, "dental", dental);
	bool retired = false, city = false;
	for (size_t i = 0; i < yb_answer_count(a, YB_LIST_FACTS); i++) {
		const yb_given_fact *f = yb_answer_fact(a, i);
		if (!strcmp(f->fact, "retired")) {
			retired = true;
			assert_string_equal(f->value_label.zh, "否");
			assert_string_equal(f->value_label.en, "no");
		}
	}
	for (yb_answer_list l = YB_LIST_VERDICTS; l <= YB_LIST_NOTES; l++)
		for (size_t i = 0; i < yb_answer_count(a, l); i++) {
			const yb_layer_info *ly = &yb_answer_entry(a, l, i)->layer;
			if (ly->level == YB_LEVEL_CITY) {
				city = true;
				assert_string_equal(ly->name.zh, "青岛市");
				assert_string_equal(ly->name.en, "Qingdao");
			}
		}
	assert_true(retired && city);
	yb_answer_free(a);

	const char *late[] = {"from=changde", "to=changsha", "type=employee", "date=2031-02-01",
			      NULL};
	a = ask(state, "transfer", late);
	assert_string_equal(yb_answer_summary(a)->caveat.en,
			    "The rules have no holiday calendar for 2031, so due dates in that year "
			    "skip weekends only");
	yb_answer_free(a);

	/* Two places with nothing of their own in the corpus: both named. */
	const char *plain[] = {"from=taiyuan", "to=datong", "type=employee", NULL};
	a = ask(state, "transfer", plain);
	const yb_summary *s = yb_answer_summary(a);
	if (!s->local) {
		assert_string_equal(s->no_local.en,
				    "Nothing in the rules is specific to Taiyuan (Shanxi) or Datong "
				    "(Shanxi): below is what applies nationwide, and the local "
				    "medical-insurance office has the last word on local requirements");
		assert_non_null(strstr(s->no_local.zh, "太原市（山西省）和大同市（山西省）"));
	}
	yb_answer_free(a);
}

static void out_of_range(void **state)
{
	yb_answer *a = ask(state, "transfer", changde_changsha);
	size_t n = yb_answer_count(a, YB_LIST_STEPS);
	assert_null(yb_answer_entry(a, YB_LIST_STEPS, n));
	assert_null(yb_answer_entry(a, YB_LIST_SOURCES, 0)); /* not an entry list */
	assert_int_equal(yb_answer_count(a, (yb_answer_list)99), 0);
	assert_null(yb_answer_entry(a, (yb_answer_list)99, 0));
	assert_null(yb_answer_source(a, yb_answer_count(a, YB_LIST_SOURCES)));
	assert_null(yb_answer_question(a, 0));
	assert_null(yb_answer_fact(a, yb_answer_count(a, YB_LIST_FACTS)));
	assert_null(yb_answer_alternative(a, 1));
	assert_null(yb_answer_decision(a, yb_answer_count(a, YB_LIST_DECISIONS)));
	assert_non_null(entry(a, YB_LIST_STEPS, yb_answer_entry(a, YB_LIST_STEPS, 0)->id));
	yb_answer_free(a);
}

/* Out of memory anywhere in building the answer: YB_ENOMEM, no answer, nothing leaked (the
 * sanitizer build checks the last). */
static void out_of_memory(void **state)
{
	const char *facts[] = {"from=changde", "to=changsha", "date=2026-11-22", NULL};
	for (long n = 0;; n++) {
		yb_query *q = NULL;
		yb_answer *a = NULL;
		yb_error err;
		assert_int_equal(yb_query_new(*state, "transfer", &q, &err), YB_OK);
		for (size_t i = 0; facts[i]; i++) {
			char name[16];
			const char *eq = strchr(facts[i], '=');
			snprintf(name, sizeof(name), "%.*s", (int)(eq - facts[i]), facts[i]);
			assert_int_equal(yb_query_set(q, name, eq + 1, &err), YB_OK);
		}
		yb_mem_fail_after(n);
		yb_status st = yb_query_run(q, &a, &err);
		yb_mem_fail_after(-1);
		yb_query_free(q);
		if (st == YB_OK) {
			assert_true(yb_answer_count(a, YB_LIST_STEPS) > 0);
			yb_answer_free(a);
			break;
		}
		assert_int_equal(st, YB_ENOMEM);
		assert_null(a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(transfer_route_and_steps),
		cmocka_unit_test(channels_say_where),
		cmocka_unit_test(every_entry_has_a_source),
		cmocka_unit_test(layers_and_dates),
		cmocka_unit_test(dental_estimate),
		cmocka_unit_test(waiting_months),
		cmocka_unit_test(missing_type_is_asked),
		cmocka_unit_test(decisions),
		cmocka_unit_test(facts_outlive_the_query),
		cmocka_unit_test(calendar_caveat),
		cmocka_unit_test(fallback_is_in_the_summary),
		cmocka_unit_test(labels_in_english),
		cmocka_unit_test(yes_no_city_and_sentences_in_english),
		cmocka_unit_test(out_of_range),
		cmocka_unit_test(out_of_memory),
	};
	return cmocka_run_group_tests(tests, fixture_open_embedded, fixture_close);
}
