/*
 * test_check.c - case files: passing and failing cases with the exact line each failure
 * prints, the refusal of unknown keys and wrong shapes, unreadable files, folders run in name
 * order, and the branch coverage counts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "yibao.h"

typedef struct {
	char lines[32][512];
	int n;
} output;

static void keep(void *ctx, const char *line)
{
	output *o = ctx;
	if (o->n < 32)
		snprintf(o->lines[o->n++], sizeof(o->lines[0]), "%s", line);
}

static char dir[64];

static int setup(void **state)
{
	yb_corpus *c = NULL;
	yb_error err;
	strcpy(dir, "/tmp/yibao-check-XXXXXX");
	if (!mkdtemp(dir) || yb_corpus_open_embedded(NULL, &c, &err))
		return -1;
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];
	yb_corpus_close(*state);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

static const char *write_case_file(const char *name, const char *text)
{
	static char path[128];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static yb_check_report run(void **state, const char *path, int coverage, output *out)
{
	yb_check_report rep;
	yb_error err;
	memset(out, 0, sizeof(*out));
	assert_int_equal(yb_check(*state, &path, 1, coverage, keep, out, &rep, &err), YB_OK);
	return rep;
}

static void passing_cases_print_nothing(void **state)
{
	const char *path = write_case_file("pass.yaml",
					   "cases:\n"
					   "  - name: 常德到长沙\n"
					   "    command: transfer\n"
					   "    args: {from: changde, to: changsha, type: employee, date: 2026-11-23}\n"
					   "    expect:\n"
					   "      route: intra-province\n"
					   "      steps: [transfer-out]\n"
					   "      due: {transfer-out: 2026-12-07}\n"
					   "  - name: unknown city\n"
					   "    command: transfer\n"
					   "    args: {from: nowhere, to: changsha}\n"
					   "    expect: {exit: 2}\n");
	output out;
	yb_check_report rep = run(state, path, 0, &out);
	assert_int_equal(rep.passed, 2);
	assert_int_equal(rep.failed, 0);
	assert_int_equal(out.n, 0);
}

static void a_wrong_expectation_says_what_differed(void **state)
{
	const char *path = write_case_file("fail.yaml",
					   "cases:\n"
					   "  - name: 退休多缴\n"
					   "    command: refund\n"
					   "    args: {case: retired-overpay, date: 2026-11-23}\n"
					   "    expect:\n"
					   "      refundable: false\n"
					   "      no_steps: [apply-online]\n"
					   "      due: {whole-process: 2026-12-14}\n");
	output out;
	yb_check_report rep = run(state, path, 0, &out);
	assert_int_equal(rep.failed, 1);
	assert_int_equal(rep.passed, 0);
	char want[256];
	snprintf(want, sizeof(want), "%s:6:19: 退休多缴: refundable：应为 false，实际为 true", path);
	assert_string_equal(out.lines[0], want);
	assert_non_null(strstr(out.lines[1], ":7:18: 退休多缴: 步骤 \"apply-online\" 不应出现在"
					     "答案中"));
	assert_non_null(strstr(out.lines[2], ":8:13: 退休多缴: 应有 "
					     "\"whole-process\" 的截止日期"));
}

static void wrong_exit_code_names_the_error(void **state)
{
	const char *path = write_case_file("exit.yaml", "cases:\n"
							"  - name: fuzhou\n"
							"    command: transfer\n"
							"    args: {from: fuzhou, to: changsha}\n"
							"    expect: {route: cross-province}\n");
	output out;
	yb_check_report rep = run(state, path, 0, &out);
	assert_int_equal(rep.failed, 1);
	assert_non_null(strstr(out.lines[0], "fuzhou: exit：应为 0，实际为 2 — "));
	assert_non_null(strstr(out.lines[0], "福州市"));
}

static void typos_fail_instead_of_passing(void **state)
{
	const char *path = write_case_file("typo.yaml", "cases:\n"
							"  - name: typo\n"
							"    command: transfer\n"
							"    args: {from: changde, to: changsha}\n"
							"    expect:\n"
							"      stpes: [out-counter]\n"
							"  - name: shape\n"
							"    command: transfer\n"
							"    args: {from: changde, to: changsha}\n"
							"    expect:\n"
							"      steps: out-counter\n"
							"    notes: x\n");
	output out;
	yb_check_report rep = run(state, path, 0, &out);
	assert_int_equal(rep.failed, 2);
	assert_non_null(strstr(out.lines[0], ":6:7: typo: 未知的期望 \"stpes\""));
	assert_non_null(strstr(out.lines[1], ":12:5: shape: 未知的键 \"notes\""));
	assert_non_null(strstr(out.lines[2], ":11:14: shape: 期望 \"steps\" 的形式不对"));
}

/* A key that is a list or a mapping, in each of the four mappings a case holds: refused at its
 * place, never read as a string. */
static void keys_that_are_not_words_are_refused(void **state)
{
	const char *path = write_case_file("keys.yaml",
					   "cases:\n"
					   "  - {? [name] : a, command: refund, args: {case: retired-overpay}, expect: {}}\n"
					   "  - {name: b, command: refund, args: {? [case] : retired-overpay}, expect: {}}\n"
					   "  - {name: c, command: refund, args: {case: retired-overpay}, expect: {? [a] : 1}}\n"
					   "  - {name: d, command: refund, args: {case: retired-overpay}, expect: {due: {? {a: 1} : 2}}}\n"
					   "  - {name: e, command: refund, args: {case: [retired-overpay]}, expect: {}}\n");
	output out;
	yb_check_report rep = run(state, path, 0, &out);
	assert_int_equal(rep.failed, 5);
	assert_int_equal(rep.passed, 0);
	assert_int_equal(out.n, 5);
	assert_non_null(strstr(out.lines[0], "keys.yaml:2:8: （未命名的用例）: 键必须是普通的词"));
	assert_non_null(strstr(out.lines[1], "keys.yaml:3:41: b: 键必须是普通的词"));
	assert_non_null(strstr(out.lines[2], "keys.yaml:4:74: c: 键必须是普通的词"));
	assert_non_null(strstr(out.lines[3], "keys.yaml:5:80: d: 键必须是普通的词"));
	assert_non_null(strstr(out.lines[4], "keys.yaml:6:45: e: args：\"case\" 只取一个值，"
					     "而不是列表"));
}

/* The first of two contradictory expectations must not decide alone: a repeated key fails. */
static void duplicate_keys_are_refused(void **state)
{
	static const char two_cases[] = "cases:\n"
					"  - name: x\n"
					"    command: refund\n"
					"    args: {case: retired-overpay, date: 2026-11-23}\n"
					"    expect:\n"
					"      refundable: \"true\"\n"
					"      refundable: \"false\"\n"
					"  - name: y\n"
					"    command: refund\n"
					"    args: {case: retired-overpay, case: two-employers}\n"
					"    expect: {}\n";
	const char *path = write_case_file("dup.yaml", two_cases);
	output out;
	yb_check_report rep = run(state, path, 0, &out);
	assert_int_equal(rep.failed, 2);
	assert_int_equal(rep.passed, 0);
	assert_non_null(strstr(out.lines[0], "dup.yaml:7:7: x: 键 \"refundable\" 重复"));
	assert_non_null(strstr(out.lines[1], "dup.yaml:10:35: y: 键 \"case\" 重复"));

	/* A second list of cases: the file fails as a whole. */
	char twice[512];
	snprintf(twice, sizeof(twice), "%scases: []\n", two_cases);
	path = write_case_file("dup2.yaml", twice);
	rep = run(state, path, 0, &out);
	assert_int_equal(rep.failed, 1);
	assert_int_equal(rep.passed, 0);
	assert_int_equal(out.n, 1);
	assert_non_null(strstr(out.lines[0], "dup2.yaml:12:1: 键 \"cases\" 重复"));
}

/* A case's name and the values it gives are quoted escaped in the lines check prints. */
static void control_characters_are_escaped(void **state)
{
	const char *path = write_case_file("esc.yaml", "cases:\n"
						       "  - name: \"a\\e[2Jb\"\n"
						       "    command: transfer\n"
						       "    args: {from: \"x\\ny\", to: changsha}\n"
						       "    expect: {}\n");
	output out;
	yb_check_report rep = run(state, path, 0, &out);
	assert_int_equal(rep.failed, 1);
	assert_non_null(strstr(out.lines[0], ": a\\x1b[2Jb: exit：应为 0，实际为 2"));
	assert_non_null(strstr(out.lines[0], "\"x\\ny\""));
	assert_null(strchr(out.lines[0], '\x1b'));
}

/* An expected exit code is a whole number, read strictly: "2x" or "two" was read as 2 or 0. */
static void exit_codes_are_whole_numbers(void **state)
{
	const char *path = write_case_file("exitcode.yaml",
					   "cases:\n"
					   "  - {name: a, command: transfer, args: {from: x, to: y}, expect: {exit: two}}\n"
					   "  - {name: b, command: transfer, args: {from: x, to: y}, expect: {exit: 2x}}\n"
					   "  - {name: c, command: transfer, args: {from: x, to: y}, expect: {exit: 1e400}}\n"
					   "  - {name: d, command: transfer, args: {from: x, to: y}, expect: {exit: 2}}\n");
	output out;
	yb_check_report rep = run(state, path, 0, &out);
	assert_int_equal(rep.failed, 3);
	assert_int_equal(rep.passed, 1);
	assert_non_null(strstr(out.lines[0], ": a: 期望 \"exit\" 的形式不对"));
	assert_non_null(strstr(out.lines[1], ": b: 期望 \"exit\" 的形式不对"));
	assert_non_null(strstr(out.lines[2], ": c: 期望 \"exit\" 的形式不对"));
}

static void unreadable_case_files(void **state)
{
	const char *broken = write_case_file("broken.yaml", "cases:\n  - name: [\n");
	output out;
	yb_check_report rep = run(state, broken, 0, &out);
	assert_int_equal(rep.failed, 1);
	assert_non_null(strstr(out.lines[0], "YAML 语法错误"));

	const char *empty = write_case_file("empty.yaml", "tests: []\n");
	rep = run(state, empty, 0, &out);
	assert_int_equal(rep.failed, 1);
	assert_non_null(strstr(out.lines[0], "用例文件应在 \"cases\" 下列出用例"));

	yb_check_report r;
	yb_error err;
	const char *missing = "/nonexistent/cases.yaml";
	assert_int_equal(yb_check(*state, &missing, 1, 0, keep, &out, &r, &err), YB_EUSAGE);
	assert_string_equal(err.message, "没有这个文件或目录：/nonexistent/cases.yaml");
	assert_string_equal(err.message_en, "no such file or directory: /nonexistent/cases.yaml");
}

static void coverage_counts_branches(void **state)
{
	const char *path = write_case_file("cov.yaml", "cases:\n"
						       "  - name: same city\n"
						       "    command: transfer\n"
						       "    args: {from: changde, to: changde}\n"
						       "    expect: {route: intra-city}\n");
	output out;
	yb_check_report rep = run(state, path, 1, &out);
	assert_true(rep.branches > 50);
	assert_true(rep.reached >= 1 && rep.reached < rep.branches);
	assert_int_equal(out.n, 32); /* capped by the test's buffer: many branches unreached */
	assert_non_null(strstr(out.lines[0], "没有用例走到这个分支"));
	/* Without --coverage the same run prints nothing. */
	rep = run(state, path, 0, &out);
	assert_int_equal(out.n, 0);
	assert_true(rep.reached >= 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(passing_cases_print_nothing),
		cmocka_unit_test(a_wrong_expectation_says_what_differed),
		cmocka_unit_test(wrong_exit_code_names_the_error),
		cmocka_unit_test(typos_fail_instead_of_passing),
		cmocka_unit_test(keys_that_are_not_words_are_refused),
		cmocka_unit_test(duplicate_keys_are_refused),
		cmocka_unit_test(control_characters_are_escaped),
		cmocka_unit_test(exit_codes_are_whole_numbers),
		cmocka_unit_test(unreadable_case_files),
		cmocka_unit_test(coverage_counts_branches),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
