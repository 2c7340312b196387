/*
 * test_lint.c - every lint finding, each from a small broken corpus, with its exact position;
 * several problems in one corpus all reported; the shipped corpus clean.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "fixture.h"

typedef struct {
	char text[64][320]; /* "file:line:col: error|warning: message" */
	int n;
} findings;

static void keep(void *ctx, const yb_diag *d)
{
	findings *f = ctx;
	if (f->n < 64)
		snprintf(f->text[f->n++], sizeof(f->text[0]), "%s:%d:%d: %s: %s", d->file, d->line,
			 d->column, d->is_error ? "error" : "warning", d->message);
}

/* Lints the real corpus with `files` laid over it; returns the status. */
static yb_status lint(const fixture_file *files, int n, findings *out, size_t *errors,
		      size_t *warnings)
{
	const char *dir = fixture_make(files, n);
	yb_error err;
	memset(out, 0, sizeof(*out));
	yb_status st = yb_lint(dir, keep, out, errors, warnings, &err);
	fixture_remove();
	return st;
}

/* Asserts that one finding starts with `where` (file:line:col: kind) and contains `what`. */
static void expect(const findings *f, const char *where, const char *what)
{
	for (int i = 0; i < f->n; i++)
		if (!strncmp(f->text[i], where, strlen(where)) && strstr(f->text[i], what))
			return;
	print_error("no finding \"%s … %s\" among:\n", where, what);
	for (int i = 0; i < f->n; i++)
		print_error("  %s\n", f->text[i]);
	fail();
}

#define HEAD                                                                                       \
	"procedure: transfer\n"                                                                    \
	"title: 测试\n"                                                                            \
	"places: [from, to]\n"                                                                     \
	"sides: {out: {place: from, label: 转出地}, in: {place: to, label: 转入地}}\n"             \
	"asks: [type]\n"                                                                           \
	"layers:\n"                                                                                \
	"  - level: national\n"                                                                    \
	"    tree:\n"

static void shipped_corpus_is_clean(void **state)
{
	(void)state;
	findings f;
	size_t errors, warnings;
	assert_int_equal(lint(NULL, 0, &f, &errors, &warnings), YB_OK);
	for (int i = 0; i < f.n; i++)
		print_error("%s\n", f.text[i]);
	assert_int_equal(f.n, 0);
	assert_int_equal(errors + warnings, 0);
}

/* A text a person reads with Chinese only: a warning naming the item and the text, at the
 * item; its English given, none. */
static void text_without_english(void **state)
{
	(void)state;
	fixture_file files[] = {{"procedures/transfer.yaml",
				 HEAD "      notes:\n"
				      "        - id: half\n" /* 10 */
				      "          title: {zh: 甲, en: 'A'}\n"
				      "          text: 乙\n"
				      "          sources: [nhsa-2021-43]\n"
				      "        - id: whole\n" /* 14 */
				      "          title: {zh: 丙, en: 'C'}\n"
				      "          text: {zh: 丁, en: 'D'}\n"
				      "          sources: [nhsa-2021-43]\n"}};
	findings f;
	size_t errors, warnings;
	assert_int_equal(lint(files, 1, &f, &errors, &warnings), YB_OK);
	expect(&f, "procedures/transfer.yaml:10:11: warning",
	       "提示 \"half\"：text 没有英文（en）");
	expect(&f, "procedures/transfer.yaml:7:5: warning",
	       "事项 \"transfer\"：title 没有英文（en）");
	expect(&f, "procedures/transfer.yaml:7:5: warning",
	       "事项 \"transfer\"：一方 \"out\" 的 label 没有英文（en）");
	/* The note's text, the procedure's title, the two sides' labels; the rest of the
	 * warnings are the sources the replaced file no longer cites. */
	int english = 0;
	for (int i = 0; i < f.n; i++) {
		assert_null(strstr(f.text[i], "\"half\": title"));
		assert_null(strstr(f.text[i], "\"whole\""));
		english += strstr(f.text[i], "没有英文（en）") != NULL;
	}
	assert_int_equal(errors, 0);
	assert_int_equal(english, 4);
}

static void three_problems_in_one_file(void **state)
{
	(void)state;
	fixture_file files[] = {{"procedures/transfer.yaml",
				 HEAD "      steps:\n"
				      "        - id: unsourced\n"                      /* 10 */
				      "          title: 没有来源的步骤\n"
				      "      materials:\n"
				      "        - ref: shenfenzheng\n"                  /* 13 */
				      "          sources: [nhsa-2021-43]\n"
				      "      test: route\n"
				      "      cases:\n"
				      "        - when: [intra-city, intra-province]\n"
				      "          notes: [{id: a, text: 甲, sources: [nhsa-2021-43]}]\n"
				      "        - when: intra-province\n"              /* 19 */
				      "          notes: [{id: b, text: 乙, sources: [nhsa-2021-43]}]\n"
				      "      default: {}\n"}};
	findings f;
	size_t errors, warnings;
	assert_int_equal(lint(files, 1, &f, &errors, &warnings), YB_ECORPUS);
	expect(&f, "procedures/transfer.yaml:10:11: error", "缺少必需的键 \"sources\"");
	expect(&f, "procedures/transfer.yaml:13:16: error", "未知的材料 \"shenfenzheng\"");
	expect(&f, "procedures/transfer.yaml:19:11: error", "永远不会被执行");
	assert_int_equal(errors, 3);
	/* In file and line order (the shared sources this file no longer cites come first). */
	int first = -1, last = -1;
	for (int i = 0; i < f.n; i++)
		if (strstr(f.text[i], "error")) {
			if (first < 0)
				first = i;
			last = i;
		}
	assert_non_null(strstr(f.text[first], ":10:"));
	assert_non_null(strstr(f.text[last], ":19:"));
}

static void unknown_key_and_wrong_type(void **state)
{
	(void)state;
	fixture_file files[] = {{"procedures/transfer.yaml",
				 HEAD "      notes:\n"
				      "        - id: a\n"
				      "          txet: 拼错的键\n"                  /* 11 */
				      "          sources: [nhsa-2021-43]\n"
				      "        - id: b\n"
				      "          text: [不是文字]\n"                /* 14 */
				      "          sources: [nhsa-2021-43]\n"}};
	findings f;
	size_t errors, warnings;
	assert_int_equal(lint(files, 1, &f, &errors, &warnings), YB_ECORPUS);
	expect(&f, "procedures/transfer.yaml:11:11: error", "未知的键 \"txet\"");
	expect(&f, "procedures/transfer.yaml:14:17: error", "文本应是一个字符串");
}

static void duplicate_and_dangling_ids(void **state)
{
	(void)state;
	fixture_file files[] = {
		{"catalog/region-change/materials.yaml", "materials:\n"
							 "  - id: id-card\n" /* duplicate */
							 "    name: 身份证\n"},
		{"procedures/transfer.yaml", HEAD "      steps:\n"
						  "        - id: s\n"
						  "          title: 步骤\n"
						  "          channels: [fax]\n" /* 12 */
						  "          sources: [nhsa-2021-43]\n"
						  "        - id: t\n"
						  "          title: 步骤\n"
						  "          sources: [no-such-source]\n"}};
	findings f;
	size_t errors, warnings;
	assert_int_equal(lint(files, 2, &f, &errors, &warnings), YB_ECORPUS);
	expect(&f, "catalog/region-change/materials.yaml:2:9: error",
	       "材料 id \"id-card\" 重复");
	expect(&f, "procedures/transfer.yaml:12:22: error", "未知的渠道 \"fax\"");
	expect(&f, "procedures/transfer.yaml:16:21: error", "未知的来源 \"no-such-source\"");
}

static void unconfirmed_source_without_flag(void **state)
{
	(void)state;
	fixture_file files[] = {{"procedures/transfer.yaml",
				 HEAD "      notes:\n"
				      "        - id: gd\n" /* 10 */
				      "          text: 广东账户不划转\n"
				      "          sources: [seed-003-guangdong-account]\n"}};
	findings f;
	size_t errors, warnings;
	assert_int_equal(lint(files, 1, &f, &errors, &warnings), YB_ECORPUS);
	expect(&f, "procedures/transfer.yaml:10:11: error", "未经确认的来源");
}

static void overlapping_conditions(void **state)
{
	(void)state;
	fixture_file files[] = {{"procedures/transfer.yaml",
				 HEAD "      test: type\n"
				      "      cases:\n"
				      "        - when: [employee, flexible]\n"
				      "          notes: [{id: a, text: 甲, sources: [nhsa-2021-43]}]\n"
				      "        - when: [flexible, resident]\n" /* 13 */
				      "          notes: [{id: b, text: 乙, sources: [nhsa-2021-43]}]\n"}};
	findings f;
	size_t errors, warnings;
	assert_int_equal(lint(files, 1, &f, &errors, &warnings), YB_OK);
	expect(&f, "procedures/transfer.yaml:13:11: warning", "条件重叠：flexible");
	assert_int_equal(errors, 0);
}

static void values_left_unhandled(void **state)
{
	(void)state;
	fixture_file files[] = {{"procedures/transfer.yaml",
				 HEAD "      test: type\n" /* 9 */
				      "      cases:\n"
				      "        - when: employee\n"
				      "          notes: [{id: a, text: 甲, sources: [nhsa-2021-43]}]\n"}};
	findings f;
	size_t errors, warnings;
	assert_int_equal(lint(files, 1, &f, &errors, &warnings), YB_OK);
	expect(&f, "procedures/transfer.yaml:9:7: warning",
	       "的取值 resident、flexible 没有处理，也没有 default");
}

static void unreachable_default_and_nested_branch(void **state)
{
	(void)state;
	fixture_file files[] = {{"procedures/transfer.yaml",
				 HEAD "      test: route\n"
				      "      cases:\n"
				      "        - when: [intra-city, intra-province, cross-province]\n"
				      "          test: route\n"
				      "          cases:\n"
				      "            - when: cross-province\n"
				      "              notes: [{id: a, text: 甲, sources: [nhsa-2021-43]}]\n"
				      "          default: {}\n"
				      "      default:\n" /* 17 */
				      "        notes: [{id: b, text: 乙, sources: [nhsa-2021-43]}]\n"}};
	findings f;
	size_t errors, warnings;
	assert_int_equal(lint(files, 1, &f, &errors, &warnings), YB_ECORPUS);
	expect(&f, "procedures/transfer.yaml:18:9: error", "default 永远不会被执行");
}

static void ruled_out_by_an_enclosing_branch(void **state)
{
	(void)state;
	fixture_file files[] = {{"procedures/transfer.yaml",
				 HEAD "      test: route\n"
				      "      cases:\n"
				      "        - when: intra-city\n"
				      "          test: route\n"
				      "          cases:\n"
				      "            - when: cross-province\n" /* 14 */
				      "              notes: [{id: a, text: 甲, sources: [nhsa-2021-43]}]\n"
				      "          default: {}\n"
				      "      default: {}\n"}};
	findings f;
	size_t errors, warnings;
	assert_int_equal(lint(files, 1, &f, &errors, &warnings), YB_ECORPUS);
	expect(&f, "procedures/transfer.yaml:14:15: error", "已被外层分支排除");
}

static void versions_overlap_or_leave_a_gap(void **state)
{
	(void)state;
	fixture_file files[] = {
		{"procedures/transfer.yaml",
		 HEAD "      notes:\n"
		      "        - {id: v, text: 一, in_force: {until: 2020-12-31}, sources: [nhsa-2021-43]}\n"
		      "        - {id: v, text: 二, in_force: {from: 2021-03-01}, sources: [nhsa-2021-43]}\n"
		      "        - {id: w, text: 三, in_force: {from: 2020-01-01}, sources: [nhsa-2021-43]}\n"
		      "        - {id: w, text: 四, in_force: {from: 2022-01-01}, sources: [nhsa-2021-43]}\n"}};
	findings f;
	size_t errors, warnings;
	assert_int_equal(lint(files, 1, &f, &errors, &warnings), YB_ECORPUS);
	expect(&f, "procedures/transfer.yaml:11:11: warning",
	       "\"v\" 在 2021-01-01 至 2021-02-28 期间没有适用的版本");
	expect(&f, "procedures/transfer.yaml:13:11: error", "对同一时段定义了两次");
}

static void source_nothing_cites(void **state)
{
	(void)state;
	fixture_file files[] = {{"catalog/dental/sources.yaml",
				 "sources:\n"
				 "  - id: lonely\n" /* 2 */
				 "    kind: official\n"
				 "    title: 没人引用的文件\n"
				 "    number: 测〔2026〕1号\n"}};
	findings f;
	size_t errors, warnings;
	/* The dental rules lose their own sources too: those are errors; the new one a warning. */
	lint(files, 1, &f, &errors, &warnings);
	expect(&f, "catalog/dental/sources.yaml:2:5: warning", "来源 \"lonely\" 没有被任何规则引用");
}

/* A province's counter steps of 15 + 15 working days under a whole process of 15: the second
 * step falls due after the whole process, on the day the rule starts and after. */
static void step_due_after_the_whole_process(void **state)
{
	(void)state;
	fixture_file files[] = {{"procedures/transfer.yaml",
				 HEAD "      deadlines:\n"
				      "        - id: whole-process\n"
				      "          title: 全流程\n"
				      "          working_days: 15\n"
				      "          in_force: {from: 2021-11-01}\n"
				      "          sources: [nhsa-2021-43]\n"
				      "  - level: province\n"
				      "    area: 湖南\n"
				      "    tree:\n"
				      "      steps:\n"
				      "        - id: out\n"                           /* 19 */
				      "          side: out\n"
				      "          title: 转出\n"
				      "          deadline: {working_days: 15}\n"
				      "          sources: [mohrss-2016-94]\n"
				      "        - id: in\n"                            /* 24 */
				      "          side: in\n"
				      "          title: 转入\n"
				      "          deadline: {working_days: 15, after: out}\n"
				      "          sources: [mohrss-2016-94]\n"}};
	findings f;
	size_t errors, warnings;
	assert_int_equal(lint(files, 1, &f, &errors, &warnings), YB_ECORPUS);
	expect(&f, "procedures/transfer.yaml:24:11: error",
	       "步骤 \"in\" 于 2021-12-13 到期，晚于整个流程的期限（2021-11-22 到期，"
	       "procedures/transfer.yaml:10）");
	assert_int_equal(errors, 1);
}

/* A province's note that replaces a national one for employees, written under the route but
 * not the type: for residents there is nothing to replace, and it is added. */
static void override_wider_than_the_item_it_replaces(void **state)
{
	(void)state;
	fixture_file files[] = {{"procedures/transfer.yaml",
				 HEAD "      test: type\n"
				      "      cases:\n"
				      "        - when: [employee, flexible]\n"
				      "          notes: [{id: account, text: 账户, sources: [nhsa-2021-43]}]\n"
				      "      default: {}\n"
				      "  - level: province\n"
				      "    area: 湖南\n"
				      "    tree:\n"
				      "      test: route\n"
				      "      cases:\n"
				      "        - when: intra-province\n"
				      "          notes:\n"
				      "            - id: account\n" /* 21 */
				      "              text: 湖南的账户\n"
				      "              sources: [nhsa-2021-43]\n"
				      "      default: {}\n"}};
	findings f;
	size_t errors, warnings;
	assert_int_equal(lint(files, 1, &f, &errors, &warnings), YB_ECORPUS);
	expect(&f, "procedures/transfer.yaml:21:15: error",
	       "\"account\" 替换全国同一 id 的提示，但在被替换的提示不在答案中的地方它会被新增，"
	       "例如：长沙市 → 株洲市（route intra-province），type resident，"
	       "日期 2026-11-22；请给它加上所替换提示的条件");
	assert_int_equal(errors, 1);
}

/* A city's item that replaces its province's: named after the province, and found in a move
 * that leaves the province, where the province's layer does not apply. An item of another
 * province's layer is no lower layer of the city's: sharing its id is no replacement. */
static void override_of_a_province_item(void **state)
{
	(void)state;
	fixture_file files[] = {
		{"procedures/transfer.yaml",
		 HEAD "      notes: [{id: base, text: 全国, sources: [nhsa-2021-43]}]\n"
		      "  - level: province\n"
		      "    area: 湖南\n"
		      "    applies_to: [from, to]\n"
		      "    tree:\n"
		      "      notes: [{id: local, text: 湖南, sources: [nhsa-2021-43]}]\n"
		      "  - level: province\n"
		      "    area: 广东\n"
		      "    tree:\n"
		      "      notes: [{id: gd, text: 广东, sources: [nhsa-2021-43]}]\n"
		      "  - level: city\n"
		      "    area: 长沙\n"
		      "    applies_to: [from]\n"
		      "    tree:\n"
		      "      notes:\n"
		      "        - {id: local, text: 长沙, sources: [nhsa-2021-43]}\n" /* 24 */
		      "        - {id: gd, text: 长沙, sources: [nhsa-2021-43]}\n"}};
	findings f;
	size_t errors, warnings;
	assert_int_equal(lint(files, 1, &f, &errors, &warnings), YB_ECORPUS);
	expect(&f, "procedures/transfer.yaml:24:11: error",
	       "\"local\" 替换湖南省同一 id 的提示，但在被替换的提示不在答案中的地方它会被新增，"
	       "例如：长沙市 → 北京市（route cross-province），日期 2026-11-22");
	assert_int_equal(errors, 1);
}

/* A national item that ends, and a province's replacement that does not: after the end there
 * is nothing to replace, found on the day after it. */
static void override_that_outlives_the_item(void **state)
{
	(void)state;
	fixture_file files[] = {{"procedures/transfer.yaml",
				 HEAD "      notes:\n"
				      "        - {id: old, text: 旧, in_force: {until: 2020-12-31},\n"
				      "           sources: [nhsa-2021-43]}\n"
				      "  - level: province\n"
				      "    area: 湖南\n"
				      "    tree:\n"
				      "      notes:\n"
				      "        - {id: old, text: 湖南, sources: [nhsa-2021-43]}\n"}}; /* 16 */
	findings f;
	size_t errors, warnings;
	assert_int_equal(lint(files, 1, &f, &errors, &warnings), YB_ECORPUS);
	expect(&f, "procedures/transfer.yaml:16:11: error",
	       "例如：长沙市 → 长沙市（route intra-city），日期 2021-01-01");
	assert_int_equal(errors, 1);
}

/* A city's own step counted after the national transfer-out, at the top of its layer: in a
 * same-city answer there is no transfer-out to count from. */
static void deadline_after_a_step_not_in_the_answer(void **state)
{
	(void)state;
	fixture_file files[] = {{"procedures/transfer.yaml",
				 HEAD "      test: route\n"
				      "      cases:\n"
				      "        - when: [intra-province, cross-province]\n"
				      "          steps:\n"
				      "            - {id: transfer-out, side: out, title: 转出,\n"
				      "               deadline: {working_days: 10}, sources: [nhsa-2021-43]}\n"
				      "      default: {}\n"
				      "  - level: city\n"
				      "    area: 长沙\n"
				      "    applies_to: [from]\n"
				      "    tree:\n"
				      "      steps:\n"
				      "        - id: notify\n" /* 21 */
				      "          side: out\n"
				      "          title: 转出后通知\n"
				      "          deadline: {working_days: 2, after: transfer-out}\n"
				      "          sources: [nhsa-2021-43]\n"}};
	findings f;
	size_t errors, warnings;
	assert_int_equal(lint(files, 1, &f, &errors, &warnings), YB_ECORPUS);
	expect(&f, "procedures/transfer.yaml:21:11: error",
	       "\"notify\" 的期限从步骤 \"transfer-out\" 起算，但该步骤不在答案中，"
	       "例如：长沙市 → 长沙市（route intra-city），日期 2026-11-22");
	assert_int_equal(errors, 1);
}

/* A fact that follows another must follow an enum fact that follows no other. */
static void same_as_names_a_fact_that_follows_none(void **state)
{
	(void)state;
	fixture_file files[] = {{"facts.yaml",
				 "facts:\n"
				 "  - id: type\n"
				 "    flag: --type\n"
				 "    label: 参保类型\n"
				 "    question: 哪一种？\n"
				 "    kind: enum\n"
				 "    values: [{id: employee, label: 职工医保}, {id: resident, label: 居民},\n"
				 "             {id: flexible, label: 灵活就业}]\n"
				 "  - id: to-type\n"
				 "    flag: --to-type\n"
				 "    label: 转入地参保类型\n"
				 "    question: 转入地哪一种？\n"
				 "    kind: enum\n"
				 "    same_as: type\n"
				 "  - id: chained\n"
				 "    flag: --chained\n"
				 "    label: 链\n"
				 "    question: 链？\n"
				 "    kind: enum\n"
				 "    same_as: to-type\n" /* 20 */}};
	findings f;
	size_t errors, warnings;
	assert_int_equal(lint(files, 1, &f, &errors, &warnings), YB_ECORPUS);
	expect(&f, "facts.yaml:20:14: error",
	       "same_as 应指向另一个本身不带 same_as 的 enum 事实（\"to-type\" 带有 same_as）");
}

static void syntax_error_does_not_hide_the_rest(void **state)
{
	(void)state;
	fixture_file files[] = {
		{"catalog/activate/channels.yaml", "channels: [\n"},
		{"procedures/transfer.yaml", HEAD "      notes:\n"
						  "        - id: x\n" /* 10 */
						  "          text: 无来源\n"}};
	findings f;
	size_t errors, warnings;
	assert_int_equal(lint(files, 2, &f, &errors, &warnings), YB_ECORPUS);
	expect(&f, "catalog/activate/channels.yaml:1:12: error", "YAML 语法错误");
	expect(&f, "procedures/transfer.yaml:10:11: error", "缺少必需的键 \"sources\"");
}

/* corpus.yaml's own problems are named relative to the corpus, as every other file's are; a
 * file it names that is missing is found where it names it. */
static void manifest_problems_are_placed_in_it(void **state)
{
	(void)state;
	fixture_file syntax[] = {{"corpus.yaml", "version: 1\ndate: [2026-11-22\n"}};
	findings f;
	size_t errors, warnings;
	assert_int_equal(lint(syntax, 1, &f, &errors, &warnings), YB_ECORPUS);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.text[0], "corpus.yaml:2:7: error: YAML 语法错误：did not find "
				       "expected ',' or ']' while parsing a flow sequence");

	fixture_file missing[] = {{"corpus.yaml", "version: 1\n"
						  "date: 2026-11-22\n"
						  "files:\n"
						  "  facts: [facts.yaml, facts/nowhere.yaml]\n"
						  "  sources: catalog/sources.yaml\n"
						  "  materials: catalog/materials.yaml\n"
						  "  channels: catalog/channels.yaml\n"
						  "  gazetteer: gazetteer/cities.yaml\n"
						  "procedures:\n"
						  "  transfer: procedures/nowhere.yaml\n"}};
	assert_int_equal(lint(missing, 1, &f, &errors, &warnings), YB_ECORPUS);
	expect(&f, "corpus.yaml:4:23: error", "无法读取此处指定的文件：");
	expect(&f, "corpus.yaml:4:23: error", "facts/nowhere.yaml：没有那个文件或目录");
	expect(&f, "corpus.yaml:10:13: error", "procedures/nowhere.yaml：没有那个文件");
	assert_int_equal(errors, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_corpus_is_clean),
		cmocka_unit_test(text_without_english),
		cmocka_unit_test(three_problems_in_one_file),
		cmocka_unit_test(unknown_key_and_wrong_type),
		cmocka_unit_test(duplicate_and_dangling_ids),
		cmocka_unit_test(unconfirmed_source_without_flag),
		cmocka_unit_test(overlapping_conditions),
		cmocka_unit_test(values_left_unhandled),
		cmocka_unit_test(unreachable_default_and_nested_branch),
		cmocka_unit_test(ruled_out_by_an_enclosing_branch),
		cmocka_unit_test(versions_overlap_or_leave_a_gap),
		cmocka_unit_test(source_nothing_cites),
		cmocka_unit_test(syntax_error_does_not_hide_the_rest),
		cmocka_unit_test(step_due_after_the_whole_process),
		cmocka_unit_test(override_wider_than_the_item_it_replaces),
		cmocka_unit_test(override_of_a_province_item),
		cmocka_unit_test(override_that_outlives_the_item),
		cmocka_unit_test(deadline_after_a_step_not_in_the_answer),
		cmocka_unit_test(same_as_names_a_fact_that_follows_none),
		cmocka_unit_test(manifest_problems_are_placed_in_it),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
