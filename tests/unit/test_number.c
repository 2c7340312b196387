/*
 * test_number.c - the strict number reader: what is a number (decimal, whole, finite, in
 * range) and what is not (nan, inf, hex, spaces, trailing text, out of range), the messages
 * that name the range, and numbers printed back for messages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "number.h"
#include "yibao.h"

static void decimal_numbers_are_read(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		double value;
	} good[] = {{"1500", 1500}, {"0", 0},	 {"-0", 0},   {"0.7", 0.7}, {".5", 0.5},
		    {"5.", 5},	    {"+3", 3},	 {"-2.25", -2.25}, {"1e3", 1000}, {"1E+3", 1000},
		    {"25e-1", 2.5}, {"10000000", 1e7}};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		double v = -1;
		assert_int_equal(yb_number_parse(good[i].text, -1e7, 1e7, &v), YB_NUMBER_OK);
		assert_true(v == good[i].value);
	}
}

static void anything_else_is_refused(void **state)
{
	(void)state;
	static const char *const syntax[] = {"",    "nan", "NaN",  "inf",  "-inf", "infinity",
					     "0x10", " 5", "5 ",   "5abc", "1e",   "e5",
					     ".",   "-",   "1,000", "1e+", "--1",  "１２"};
	for (size_t i = 0; i < sizeof(syntax) / sizeof(syntax[0]); i++) {
		double v = 42;
		assert_int_equal(yb_number_parse(syntax[i], -1e7, 1e7, &v), YB_NUMBER_SYNTAX);
		assert_true(v == 42); /* untouched */
	}
	double v = 42;
	assert_int_equal(yb_number_parse(NULL, 0, 1, &v), YB_NUMBER_SYNTAX);
	static const char *const range[] = {"1e19", "1e400", "-1e400", "10000000.5", "-0.001"};
	for (size_t i = 0; i < sizeof(range) / sizeof(range[0]); i++)
		assert_int_equal(yb_number_parse(range[i], 0, 1e7, &v), YB_NUMBER_RANGE);
	assert_true(v == 42);
}

static void whole_numbers(void **state)
{
	(void)state;
	long n = 0;
	assert_int_equal(yb_integer_parse("-3650", -3650, 3650, &n), YB_NUMBER_OK);
	assert_int_equal(n, -3650);
	assert_int_equal(yb_integer_parse("+7", -3650, 3650, &n), YB_NUMBER_OK);
	assert_int_equal(n, 7);
	assert_int_equal(yb_integer_parse("3651", -3650, 3650, &n), YB_NUMBER_RANGE);
	assert_int_equal(yb_integer_parse("-200000", -3650, 3650, &n), YB_NUMBER_RANGE);
	assert_int_equal(yb_integer_parse("99999999999999999999999", -3650, 3650, &n),
			 YB_NUMBER_RANGE);
	assert_int_equal(yb_integer_parse("1.5", -3650, 3650, &n), YB_NUMBER_SYNTAX);
	assert_int_equal(yb_integer_parse("1e3", -3650, 3650, &n), YB_NUMBER_SYNTAX);
	assert_int_equal(yb_integer_parse(" 1", -3650, 3650, &n), YB_NUMBER_SYNTAX);
	assert_int_equal(n, 7);
}

/* The message names what, the text as given (not a clamped value) and the range. */
static void messages_give_the_range(void **state)
{
	(void)state;
	yb_error err;
	double v;
	long n;
	assert_int_equal(yb_number_read("--cost", "1e19", 0, 1e7, &v, &err), YB_EUSAGE);
	assert_string_equal(err.message, "--cost 的值 \"1e19\" 超出范围；可用 0 到 10000000 之间的数");
	assert_string_equal(err.message_en,
			    "--cost: \"1e19\" is out of range; give a number from 0 to 10000000");
	assert_int_equal(yb_number_read("--ratio", "nan", 0, 0.7, &v, &err), YB_EUSAGE);
	assert_string_equal(err.message, "--ratio 的值 \"nan\" 不是数字；可用 0 到 0.7 之间的数");
	assert_string_equal(err.message_en,
			    "--ratio: \"nan\" is not a number; give a number from 0 to 0.7");
	assert_int_equal(yb_integer_read("N", "-200000", -3650, 3650, &n, &err), YB_EUSAGE);
	assert_string_equal(err.message, "N 的值 \"-200000\" 超出范围；可用 -3650 到 3650 之间的整数");
	assert_string_equal(err.message_en,
			    "N: \"-200000\" is out of range; give a whole number from -3650 to 3650");
	assert_int_equal(yb_integer_read("N", "1.5", -3650, 3650, &n, &err), YB_EUSAGE);
	assert_string_equal(err.message, "N 的值 \"1.5\" 不是整数；可用 -3650 到 3650 之间的整数");
	assert_string_equal(err.message_en,
			    "N: \"1.5\" is not a whole number; give a whole number from -3650 to 3650");
	assert_int_equal(yb_number_read("--cost", "12.5", 0, 1e7, &v, &err), YB_OK);
	assert_true(v == 12.5);
}

static void numbers_print_plainly(void **state)
{
	(void)state;
	char out[32];
	yb_number_format(1e7, out);
	assert_string_equal(out, "10000000");
	yb_number_format(-3650, out);
	assert_string_equal(out, "-3650");
	yb_number_format(0.7, out);
	assert_string_equal(out, "0.7");
	yb_number_format(0.1 + 0.2, out);
	assert_string_equal(out, "0.30000000000000004");
	yb_number_format(1e300, out);
	assert_string_equal(out, "1e+300");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decimal_numbers_are_read),
		cmocka_unit_test(anything_else_is_refused),
		cmocka_unit_test(whole_numbers),
		cmocka_unit_test(messages_give_the_range),
		cmocka_unit_test(numbers_print_plainly),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
