/*
 * test_buf.c - the growable buffer: appends, growth past the first block, the sticky failure
 * after an allocation fails, and yb_buf_printf() writing exactly what snprintf() would, on its
 * fast path (%s %d %zu %c %%) and off it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "mem.h"

#define SAME_AS_SNPRINTF(...)                                                                    \
	do {                                                                                     \
		char want[512];                                                                  \
		yb_buf b = {0};                                                                  \
		snprintf(want, sizeof(want), __VA_ARGS__);                                       \
		yb_buf_printf(&b, __VA_ARGS__);                                                  \
		assert_non_null(b.data);                                                         \
		assert_string_equal(b.data, want);                                               \
		assert_int_equal(b.len, strlen(want));                                           \
		yb_buf_free(&b);                                                                 \
	} while (0)

static void printf_matches_snprintf(void **state)
{
	(void)state;
	SAME_AS_SNPRINTF("plain text, no conversions");
	SAME_AS_SNPRINTF("%s", "");
	SAME_AS_SNPRINTF("〔%s〕", "职工医保");
	SAME_AS_SNPRINTF("%s%s%s", "a", "长沙市", "c");
	SAME_AS_SNPRINTF("%d 个工作日内", 15);
	SAME_AS_SNPRINTF("%d|%d|%d|%d", 0, -1, INT_MAX, INT_MIN);
	SAME_AS_SNPRINTF("[%zu]", (size_t)0);
	SAME_AS_SNPRINTF("[%zu]", SIZE_MAX);
	SAME_AS_SNPRINTF("%c%c", 'x', '\n');
	SAME_AS_SNPRINTF("报销 %s%%", "70");
	SAME_AS_SNPRINTF("%%%s%%", "s");
	SAME_AS_SNPRINTF("%s:%d:%d: %s", "procedures/transfer.yaml", 152, 9, "说明");
	/* Off the fast path: vsnprintf() does these. */
	SAME_AS_SNPRINTF("%.7s（补缴当月）", "2026-11-22");
	SAME_AS_SNPRINTF("%02d-%5s|%-4d|", 7, "ab", 3);
	SAME_AS_SNPRINTF("%g %ld %x", 0.7, 123456789L, 255u);
}

static void long_output_grows(void **state)
{
	(void)state;
	char big[3000];
	memset(big, 'y', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	yb_buf b = {0};
	for (int i = 0; i < 5; i++)
		yb_buf_printf(&b, "%s%d", big, i);
	yb_buf_printf(&b, "%.2999s!", big); /* longer than the stack buffer, off the fast path */
	assert_int_equal(b.len, 5 * 3000 + 3000);
	assert_int_equal(b.data[2999], '0');
	assert_int_equal(b.data[b.len - 1], '!');
	assert_int_equal(b.data[b.len], '\0');
	yb_buf_free(&b);
	assert_null(b.data);
}

static void failure_is_sticky(void **state)
{
	(void)state;
	yb_buf b = {0};
	yb_mem_fail_after(0);
	yb_buf_puts(&b, "lost");
	yb_mem_fail_after(-1);
	assert_true(b.failed);
	yb_buf_printf(&b, "%s %d", "still lost", 1);
	yb_buf_putc(&b, 'x');
	assert_int_equal(b.len, 0);
	yb_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(printf_matches_snprintf),
		cmocka_unit_test(long_output_grows),
		cmocka_unit_test(failure_is_sticky),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
