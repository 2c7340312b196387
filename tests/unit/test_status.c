/*
 * test_status.c - the one table of statuses and exit codes (src/status.c): every status has a
 * name, a batch code and a documented exit code, and README's table of exit codes lists exactly
 * the codes the library knows, in order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "status.h"
#include "yibao.h"

enum { STATUS_COUNT = YB_EINPUT + 1 };

static void every_status_is_in_the_table(void **state)
{
	(void)state;
	for (int s = 0; s < STATUS_COUNT; s++) {
		assert_string_not_equal(yb_status_name((yb_status)s), "unknown status");
		assert_non_null(yb_status_code((yb_status)s));
		assert_non_null(yb_exit_meaning(yb_exit_code((yb_status)s), false));
		assert_non_null(yb_exit_meaning(yb_exit_code((yb_status)s), true));
	}
	assert_int_equal(yb_exit_code(YB_OK), YB_EXIT_OK);
	assert_int_equal(yb_exit_code(YB_EAMBIGUOUS), YB_EXIT_USAGE);
	assert_int_equal(yb_exit_code(YB_EIO), YB_EXIT_SYSTEM);
	assert_int_equal(yb_exit_code(YB_EINPUT), YB_EXIT_INPUT);
	assert_string_equal(yb_status_code(YB_ENOTFOUND), "not-found");
	/* Out of range: a name that says so, and the exit code of a system error. */
	assert_string_equal(yb_status_name((yb_status)STATUS_COUNT), "unknown status");
	assert_int_equal(yb_exit_code((yb_status)STATUS_COUNT), YB_EXIT_SYSTEM);
	assert_null(yb_exit_meaning(-1, false));
}

/* The codes of README's "## Exit codes" table, in order; returns how many. */
static int readme_exit_codes(int *codes, int max)
{
	char path[512], line[4096];
	snprintf(path, sizeof(path), "%s/README.md", YIBAO_SOURCE_DIR);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	int n = 0, in_section = 0;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "## ", 3)) {
			in_section = !strcmp(line, "## Exit codes\n");
			continue;
		}
		int code, used = 0;
		if (in_section && sscanf(line, "| %d |%n", &code, &used) == 1 && used > 0) {
			assert_true(n < max);
			codes[n++] = code;
		}
	}
	fclose(f);
	return n;
}

static void readme_lists_the_exit_codes(void **state)
{
	(void)state;
	int codes[32];
	int n = readme_exit_codes(codes, 32);
	int known = 0;
	while (yb_exit_meaning(known, false))
		known++;
	assert_true(known > 0);
	assert_int_equal(n, known);
	for (int i = 0; i < n; i++)
		assert_int_equal(codes[i], i);
	assert_null(yb_exit_meaning(known + 1, false));
	assert_null(yb_exit_meaning(known + 1, true));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_status_is_in_the_table),
		cmocka_unit_test(readme_lists_the_exit_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
