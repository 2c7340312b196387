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
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "answer.h"
#include "render.h"
#include "fixture.h"
#include "mem.h"

static const char transfer_fixture[] =
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

/* Only the shared catalogues, the facts below and the two fixture procedures. */
static const char manifest[] = "version: test\n"
			       "date: 2026-01-01\n"
			       "files:\n"
			       "  facts: [facts.yaml, facts/test.yaml]\n"
			       "  sources: catalog/sources.yaml\n"
			       "  materials: catalog/materials.yaml\n"
			       "  channels: catalog/channels.yaml\n"
			       "  gazetteer: gazetteer/cities.yaml\n"
			       "procedures:\n"
			       "  transfer: procedures/transfer.yaml\n"
			       "  sample: procedures/sample.yaml\n";

static const char facts_fixture[] =
	"facts:\n"
	"  - {id: cost, flag: --cost, label: 费用, question: 多少钱？, kind: number, min: 0, max: 100000}\n"
	"  - {id: retired, flag: --retired, label: 退休, question: 退休了吗？, kind: bool}\n"
	"  - id: holder\n"
	"    flag: --holder\n"
	"    label: 办理人\n"
	"    question: 谁办？\n"
	"    kind: enum\n"
	"    default: self\n"
	"    values: [{id: self, label: 本人}, {id: proxy, label: 代办}]\n";

/* A one-city procedure whose city is optional, with a city layer, estimates, a default and
 * a per-step channel path. */
static const char sample_fixture[] =
	"procedure: sample\n"
	"title: 样例\n"
	"places: [city]\n"
	"optional: [city]\n"
	"asks: [cost, retired, holder]\n"
	"layers:\n"
	"  - level: national\n"
	"    tree:\n"
	"      steps:\n"
	"        - id: pay\n"
	"          title: 支付宝办理\n"
	"          channels: [{id: alipay, path: 市民中心 → 医保}, counter]\n"
	"          sources: [nhsa-2021-43]\n"
	"      notes: [{id: local, text: 比例各地不同, sources: [nhsa-2021-43]}]\n"
	"      test: holder\n"
	"      cases:\n"
	"        - when: proxy\n"
	"          materials: [{ref: power-of-attorney, sources: [nhsa-2021-43]}]\n"
	"  - level: city\n"
	"    area: qingdao\n"
	"    tree:\n"
	"      remove: [local]\n"
	"      test: retired\n"
	"      cases:\n"
	"        - when: false\n"
	"          estimates:\n"
	"            - {id: e, title: 在职, of: cost, deductible: 500, ratio: 0.7, sources: [nhsa-2021-43]}\n"
	"        - when: true\n"
	"          estimates:\n"
	"            - {id: e, title: 退休, of: cost, deductible: 0, ratio: 0.85, sources: [nhsa-2021-43]}\n";

static int setup(void **state)
{
	fixture_file files[] = {{"corpus.yaml", manifest},
				{"facts/test.yaml", facts_fixture},
				{"procedures/transfer.yaml", transfer_fixture},
				{"procedures/sample.yaml", sample_fixture}};
	yb_corpus *c = NULL;
	yb_error err;
	if (fixture_load(files, 4, NULL, &c, &err) != YB_OK) {
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

/* Runs a query of `procedure`; given is "name=value" strings ending with NULL. */
static yb_answer *ask_about(void **state, const char *procedure, const char *const *given)
{
	yb_query *q = NULL;
	yb_answer *a = NULL;
	yb_error err;
	assert_int_equal(yb_query_new(*state, procedure, &q, &err), YB_OK);
	for (size_t i = 0; given[i]; i++) {
		char name[32];
		const char *eq = strchr(given[i], '=');
		snprintf(name, sizeof(name), "%.*s", (int)(eq - given[i]), given[i]);
		assert_int_equal(yb_query_set(q, name, eq + 1, &err), YB_OK);
	}
	assert_int_equal(yb_query_run(q, &a, &err), YB_OK);
	yb_query_free(q);
	return a;
}

static yb_answer *ask(void **state, const char *const *given)
{
	return ask_about(state, "transfer", given);
}

/* The item with this id, or NULL. */
static const yb_answer_item *find(const yb_answer *a, const char *id)
{
	for (size_t i = 0; i < a->nitems; i++)
		if (!strcmp(yb_str(a->corpus, a->items[i].item->id), id))
			return &a->items[i];
	return NULL;
}

static void province_and_city_layers(void **state)
{
	const char *facts[] = {"from=changde", "to=changsha", "type=employee", "date=2026-11-22",
			       NULL};
	yb_answer *a = ask(state, facts);
	assert_string_equal(yb_str(a->corpus, a->route->id), "intra-province");
	assert_int_equal(a->nworlds, 1);
	assert_null(find(a, "always")); /* removed by Hunan */
	const yb_answer_item *account = find(a, "account");
	assert_non_null(account);
	assert_string_equal(yb_str(a->corpus, account->item->text.zh), "湖南账户"); /* replaced by Hunan */
	assert_int_equal(account->layer->level, LEVEL_PROVINCE);
	assert_string_equal(yb_str(a->corpus, account->layer->area_name), "湖南省");
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
	assert_string_equal(yb_str(a->corpus, a->route->id), "cross-province");
	assert_non_null(find(a, "always"));
	assert_string_equal(yb_str(a->corpus, find(a, "account")->item->text.zh), "全国账户");
	assert_int_equal(find(a, "account")->layer->level, LEVEL_NATIONAL);
	assert_non_null(find(a, "res"));
	assert_non_null(find(a, "cs"));
	yb_answer_free(a);
}

static void same_city(void **state)
{
	const char *facts[] = {"from=420100", "to=wuhan", NULL};
	yb_answer *a = ask(state, facts);
	assert_string_equal(yb_str(a->corpus, a->route->id), "intra-city");
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
	assert_string_equal(yb_str(a->corpus, a->questions[0]->id), "type");
	assert_int_equal(a->nworlds, 3); /* employee, resident, flexible */
	const yb_answer_item *emp = find(a, "emp"), *res = find(a, "res"),
			     *account = find(a, "account");
	assert_true(yb_answer_item_always(a, account));
	assert_false(yb_answer_item_always(a, emp));
	assert_int_equal(emp->worlds, 1u << 0);
	assert_int_equal(res->worlds, 1u << 1);
	char label[64];
	yb_world_label(a, 0, false, label, sizeof(label));
	assert_string_equal(label, "职工医保");
	yb_world_label(a, 0, true, label, sizeof(label));
	assert_string_equal(label, "Employee medical insurance");
	yb_answer_free(a);
}

static void old_name_is_accepted_with_a_note(void **state)
{
	const char *facts[] = {"from=wuhan", "to=yichang", "type=新农合", NULL};
	yb_answer *a = ask(state, facts);
	assert_int_equal(a->ngiven, 1);
	assert_string_equal(a->given[0].value, "resident");
	assert_string_equal(a->given[0].typed, "新农合");
	assert_int_not_equal(a->given[0].note.zh, 0);
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
	/* In English, the same values with their English labels. */
	assert_non_null(strstr(err.message_en, "--type: invalid value \"retired\"; valid: "
					       "employee (Employee medical insurance), resident ("));
	assert_int_equal(yb_query_set(q, "city", "changsha", &err), YB_EUSAGE);
	assert_string_equal(err.message_en, "transfer does not take --city; it takes --from, --to");
	assert_int_equal(yb_query_set(q, "date", "2026-02-30", &err), YB_EUSAGE);
	assert_string_equal(err.message_en, "--date: \"2026-02-30\" is not a valid date; write it "
					    "as YYYY-MM-DD, e.g. 2026-09-25");
	assert_int_equal(yb_query_set(q, "from", "fuzhou", &err), YB_EAMBIGUOUS);
	assert_non_null(strstr(err.message_en, "\"fuzhou\" can mean 2 cities: "));
	assert_int_equal(yb_query_set(q, "colour", "red", &err), YB_EUSAGE);
	assert_string_equal(err.message_en, "transfer has no condition named \"colour\"");
	/* Places are required. */
	assert_int_equal(yb_query_run(q, &a, &err), YB_EUSAGE);
	assert_null(a);
	assert_non_null(strstr(err.message, "--from"));
	assert_non_null(strstr(err.message_en, "transfer: --from is missing (a city: "));
	yb_query_free(q);
	assert_int_equal(yb_query_new(*state, "teleport", &q, &err), YB_ENOTFOUND);
	assert_null(q);
	assert_non_null(strstr(err.message_en, "unknown command \"teleport\"; valid: transfer, "));
	yb_query_free(NULL);
	yb_answer_free(NULL);
}

/* A number fact takes a decimal number within the fact's min and max, nothing else. */
static void numbers_are_read_strictly(void **state)
{
	static const char *const refused[] = {"nan", "inf", "-inf", "1e19", "100000.01", "-1",
					      "0x10", " 5", "5元", ""};
	yb_query *q = NULL;
	yb_error err;
	assert_int_equal(yb_query_new(*state, "sample", &q, &err), YB_OK);
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		assert_int_equal(yb_query_set(q, "cost", refused[i], &err), YB_EUSAGE);
		assert_non_null(strstr(err.message, "--cost 的值"));
		assert_non_null(strstr(err.message, "可用 0 到 100000 之间的数"));
		assert_non_null(strstr(err.message_en, "--cost: \""));
		assert_non_null(strstr(err.message_en, "; give a number from 0 to 100000"));
	}
	assert_int_equal(yb_query_set(q, "cost", "1e5", &err), YB_OK);
	assert_int_equal(yb_query_set(q, "cost", "0", &err), YB_OK);
	yb_query_free(q);
}

static void optional_place_left_out_is_asked_for(void **state)
{
	const char *given[] = {"cost=1500", NULL};
	yb_answer *a = ask_about(state, "sample", given);
	/* The Qingdao layer cannot apply without a city: the national note stays, and the
	 * answer asks for the city instead of passing as complete. */
	assert_non_null(find(a, "local"));
	assert_null(find(a, "e"));
	assert_int_equal(a->nquestions, 1);
	assert_string_equal(yb_str(a->corpus, a->questions[0]->flag), "--city");
	yb_answer_free(a);
}

/* The estimate of the entry with this id, read through the public API. */
static const yb_estimate_info *estimate_of(const yb_answer *a, const char *id)
{
	for (size_t i = 0; i < yb_answer_count(a, YB_LIST_ESTIMATES); i++) {
		const yb_entry *e = yb_answer_entry(a, YB_LIST_ESTIMATES, i);
		if (!strcmp(e->id, id))
			return e->estimate;
	}
	return NULL;
}

static void estimate_uses_the_given_cost(void **state)
{
	const char *given[] = {"city=qingdao", "cost=1500", "retired=no", NULL};
	yb_answer *a = ask_about(state, "sample", given);
	assert_non_null(find(a, "e"));
	assert_null(find(a, "local")); /* removed by the city layer */
	const yb_estimate_info *est = estimate_of(a, "e");
	assert_non_null(est);
	assert_true(est->known);
	assert_true(est->paid > 699.99 && est->paid < 700.01); /* (1500 - 500) x 70% */
	yb_answer_free(a);

	const char *retired[] = {"city=qingdao", "cost=1500", "retired=yes", NULL};
	a = ask_about(state, "sample", retired);
	est = estimate_of(a, "e");
	assert_true(est->paid > 1274.99 && est->paid < 1275.01); /* 1500 x 85% */
	yb_answer_free(a);

	const char *below[] = {"city=qingdao", "cost=300", "retired=no", NULL};
	a = ask_about(state, "sample", below);
	est = estimate_of(a, "e");
	assert_true(est->known);
	assert_true(est->paid == 0); /* under the deductible */
	yb_answer_free(a);
}

static void default_value_is_used_and_said(void **state)
{
	const char *given[] = {"city=qingdao", "retired=no", NULL};
	yb_answer *a = ask_about(state, "sample", given);
	assert_int_equal(a->nquestions, 0);
	assert_null(find(a, "power-of-attorney")); /* holder defaults to self */
	bool said = false;
	for (size_t i = 0; i < a->ngiven; i++)
		if (!strcmp(yb_str(a->corpus, a->given[i].fact->id), "holder"))
			said = a->given[i].by_default && !strcmp(a->given[i].value, "self");
	assert_true(said);
	yb_answer_free(a);

	const char *proxy[] = {"city=qingdao", "retired=no", "holder=proxy", NULL};
	a = ask_about(state, "sample", proxy);
	assert_non_null(find(a, "power-of-attorney"));
	yb_answer_free(a);
}

static void step_channel_path_overrides_the_catalogue(void **state)
{
	const char *given[] = {"retired=no", NULL};
	yb_answer *a = ask_about(state, "sample", given);
	const yb_item *pay = find(a, "pay")->item;
	const yb_text *paths = YB_AT(a->corpus, yb_text, pay->channel_paths);
	assert_int_equal(pay->nchannels, 2);
	assert_string_equal(yb_str(a->corpus, paths[0].zh), "市民中心 → 医保");
	assert_int_equal(paths[1].zh, 0);
	yb_answer_free(a);
}

static int discard(void *ctx, const char *data, size_t len)
{
	(void)ctx, (void)data, (void)len;
	return 0;
}

/* Fails each allocation of a whole query in turn (setting facts, walking with an unknown fact,
 * rendering both formats): every failure is YB_ENOMEM, and nothing leaks. */
static void out_of_memory_at_every_allocation(void **state)
{
	long n;
	for (n = 0;; n++) {
		yb_query *q = NULL;
		yb_answer *a = NULL;
		yb_error err;
		yb_status st;
		yb_mem_fail_after(n);
		if (!(st = yb_query_new(*state, "transfer", &q, &err)) &&
		    !(st = yb_query_set(q, "from", "changde", &err)) &&
		    !(st = yb_query_set(q, "to", "changsha", &err)) &&
		    !(st = yb_query_set(q, "type", "新农合", &err)) &&
		    !(st = yb_query_run(q, &a, &err)) &&
		    !(st = yb_answer_render_text(a, YB_RENDER_COLOR, discard, NULL, &err)))
			st = yb_answer_render_json(a, 0, discard, NULL, &err);
		yb_mem_fail_after(-1);
		yb_answer_free(a);
		yb_query_free(q);
		if (st == YB_OK)
			break;
		assert_int_equal(st, YB_ENOMEM);
	}
	assert_true(n > 5);
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
		cmocka_unit_test(optional_place_left_out_is_asked_for),
		cmocka_unit_test(numbers_are_read_strictly),
		cmocka_unit_test(estimate_uses_the_given_cost),
		cmocka_unit_test(default_value_is_used_and_said),
		cmocka_unit_test(step_channel_path_overrides_the_catalogue),
		cmocka_unit_test(out_of_memory_at_every_allocation),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
