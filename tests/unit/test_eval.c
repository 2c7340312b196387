/*
 * test_eval.c - the evaluator: layering (national, province, city; replace by id; remove),
 * unknown facts answered as alternatives, old names of values, rules in force on a date, and
 * the errors a query can give. The procedure is a small fixture written for these checks; the
 * catalogues and gazetteer are the real ones.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "answer.h"
#include "fixture.h"

static const char procedure[] =
	"procedure: transfer\n"
	"title: 测试\n"
	"places: [from, to]\n"
	"sides:\n"
	"  out: {place: from, label: 转出地}\n"
	"  in: {place: to, label: 转入地}\n"
	"asks: [type]\n"
	"layers:\n"
	"  - level: national\n"
	"    tree:\n"
	"      notes:\n"
	"        - {id: always, text: 全国都有, sources: [nhsa-2021-43]}\n"
	"      test: route\n"
	"      cases:\n"
	"        - when: intra-city\n"
	"          notes: [{id: same, text: 同城, sources: [nhsa-2021-43]}]\n"
	"      default:\n"
	"        notes: [{id: account, text: 全国账户, sources: [nhsa-2021-43]}]\n"
	"        steps:\n"
	"          - {id: old, title: 旧规, in_force: {until: 2021-10-31}, sources: [mohrss-2016-94]}\n"
	"          - {id: new, title: 新规, in_force: {from: 2021-11-01}, sources: [nhsa-2021-43]}\n"
	"        then:\n"
	"          - test: type\n"
	"            cases:\n"
	"              - when: employee\n"
	"                notes: [{id: emp, text: 职工, sources: [nhsa-2021-43]}]\n"
	"              - when: resident\n"
	"                notes: [{id: res, text: 居民, sources: [nhsa-2021-43]}]\n"
	"  - level: province\n"
	"    area: 湖南\n"
	"    tree:\n"
	"      notes: [{id: account, text: 湖南账户, sources: [seed-004-hunan-online]}]\n"
	"      remove: [always]\n"
	"  - level: city\n"
	"    area: 长沙\n"
	"    applies_to: [to]\n"
	"    tree:\n"
	"      notes: [{id: cs, text: 长沙, sources: [nhsa-2021-43]}]\n";

static int setup(void **state)
{
	fixture_file files[] = {{"procedures/transfer.yaml", procedure}};
	yb_corpus *c = NULL;
	yb_error err;
	if (fixture_load(files, 1, "transfer", &c, &err) != YB_OK) {
		print_error("fixture: %s:%d:%d: %s\n", err.file, err.line, err.column, err.message);
		return -1;
	}
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	yb_corpus_close(*state);
	return 0;
}

/* Runs a query; facts is "name=value" strings ending with NULL. */
static yb_answer *ask(void **state, const char *const *facts)
{
	yb_query *q = NULL;
	yb_answer *a = NULL;
	yb_error err;
	assert_int_equal(yb_query_new(*state, "transfer", &q, &err), YB_OK);
	for (size_t i = 0; facts[i]; i++) {
		char name[32];
		const char *eq = strchr(facts[i], '=');
		snprintf(name, sizeof(name), "%.*s", (int)(eq - facts[i]), facts[i]);
		assert_int_equal(yb_query_set(q, name, eq + 1, &err), YB_OK);
	}
	assert_int_equal(yb_query_run(q, &a, &err), YB_OK);
	yb_query_free(q);
	return a;
}

/* The item with this id, or NULL. */
static const yb_answer_item *find(const yb_answer *a, const char *id)
{
	for (size_t i = 0; i < a->nitems; i++)
		if (!strcmp(a->items[i].item->id, id))
			return &a->items[i];
	return NULL;
}

static void province_and_city_layers(void **state)
{
	const char *facts[] = {"from=changde", "to=changsha", "type=employee", "date=2026-11-22",
			       NULL};
	yb_answer *a = ask(state, facts);
	assert_string_equal(a->route->id, "intra-province");
	assert_int_equal(a->nworlds, 1);
	assert_null(find(a, "always")); /* removed by Hunan */
	const yb_answer_item *account = find(a, "account");
	assert_non_null(account);
	assert_string_equal(account->item->text.zh, "湖南账户"); /* replaced by Hunan */
	assert_int_equal(account->layer->level, LEVEL_PROVINCE);
	assert_string_equal(account->layer->area_name, "湖南省");
	assert_non_null(find(a, "emp"));
	assert_null(find(a, "res"));
	assert_int_equal(find(a, "cs")->layer->level, LEVEL_CITY);
	assert_non_null(find(a, "new"));
	assert_null(find(a, "old"));
	yb_answer_free(a);
}

static void layer_needs_all_places(void **state)
{
	/* Fujian to Hunan: the Hunan layer needs both places in Hunan; the Changsha layer only
	 * the destination. */
	const char *facts[] = {"from=xiamen", "to=长沙", "type=resident", NULL};
	yb_answer *a = ask(state, facts);
	assert_string_equal(a->route->id, "cross-province");
	assert_non_null(find(a, "always"));
	assert_string_equal(find(a, "account")->item->text.zh, "全国账户");
	assert_int_equal(find(a, "account")->layer->level, LEVEL_NATIONAL);
	assert_non_null(find(a, "res"));
	assert_non_null(find(a, "cs"));
	yb_answer_free(a);
}

static void same_city(void **state)
{
	const char *facts[] = {"from=420100", "to=wuhan", NULL};
	yb_answer *a = ask(state, facts);
	assert_string_equal(a->route->id, "intra-city");
	assert_non_null(find(a, "same"));
	assert_null(find(a, "account"));
	assert_int_equal(a->nquestions, 0); /* the type is never needed on this branch */
	yb_answer_free(a);

	/* A province layer applies to a same-city route inside the province too (both places
	 * lie in it): layers that must not, test the route themselves. */
	const char *hunan[] = {"from=430100", "to=changsha", NULL};
	a = ask(state, hunan);
	assert_int_equal(find(a, "account")->layer->level, LEVEL_PROVINCE);
	yb_answer_free(a);
}

static void unknown_fact_gives_alternatives(void **state)
{
	const char *facts[] = {"from=wuhan", "to=yichang", NULL};
	yb_answer *a = ask(state, facts);
	assert_int_equal(a->nquestions, 1);
	assert_string_equal(a->questions[0]->id, "type");
	assert_int_equal(a->nworlds, 3); /* employee, resident, flexible */
	const yb_answer_item *emp = find(a, "emp"), *res = find(a, "res"),
			     *account = find(a, "account");
	assert_true(yb_answer_item_always(a, account));
	assert_false(yb_answer_item_always(a, emp));
	assert_int_equal(emp->worlds, 1u << 0);
	assert_int_equal(res->worlds, 1u << 1);
	char label[64];
	yb_world_label(a, 0, label, sizeof(label));
	assert_string_equal(label, "职工医保");
	yb_answer_free(a);
}

static void old_name_is_accepted_with_a_note(void **state)
{
	const char *facts[] = {"from=wuhan", "to=yichang", "type=新农合", NULL};
	yb_answer *a = ask(state, facts);
	assert_int_equal(a->ngiven, 1);
	assert_string_equal(a->given[0].value, "resident");
	assert_string_equal(a->given[0].typed, "新农合");
	assert_non_null(a->given[0].note.zh);
	assert_non_null(find(a, "res"));
	assert_int_equal(a->nquestions, 0);
	yb_answer_free(a);
}

static void rule_in_force_on_the_date(void **state)
{
	const char *facts[] = {"from=wuhan", "to=yichang", "type=employee", "date=2020-05-01",
			       NULL};
	yb_answer *a = ask(state, facts);
	assert_non_null(find(a, "old"));
	assert_null(find(a, "new"));
	assert_int_equal(a->date, 20200501);
	yb_answer_free(a);
}

static void query_errors(void **state)
{
	yb_query *q = NULL;
	yb_answer *a = NULL;
	yb_error err;
	assert_int_equal(yb_query_new(*state, "transfer", &q, &err), YB_OK);
	assert_int_equal(yb_query_set(q, "type", "retired", &err), YB_ENOTFOUND);
	assert_non_null(strstr(err.message, "employee"));
	assert_non_null(strstr(err.message, "resident"));
	assert_int_equal(yb_query_set(q, "city", "changsha", &err), YB_EUSAGE);
	assert_int_equal(yb_query_set(q, "date", "2026-02-30", &err), YB_EUSAGE);
	assert_int_equal(yb_query_set(q, "from", "fuzhou", &err), YB_EAMBIGUOUS);
	assert_int_equal(yb_query_set(q, "colour", "red", &err), YB_EUSAGE);
	/* Places are required. */
	assert_int_equal(yb_query_run(q, &a, &err), YB_EUSAGE);
	assert_null(a);
	assert_non_null(strstr(err.message, "--from"));
	yb_query_free(q);
	assert_int_equal(yb_query_new(*state, "teleport", &q, &err), YB_ENOTFOUND);
	assert_null(q);
	yb_query_free(NULL);
	yb_answer_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(province_and_city_layers),
		cmocka_unit_test(layer_needs_all_places),
		cmocka_unit_test(same_city),
		cmocka_unit_test(unknown_fact_gives_alternatives),
		cmocka_unit_test(old_name_is_accepted_with_a_note),
		cmocka_unit_test(rule_in_force_on_the_date),
		cmocka_unit_test(query_errors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
