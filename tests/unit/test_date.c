/*
 * test_date.c - dates as YYYYMMDD: yb_date_parse() takes exactly YYYY-MM-DD of a real
 * calendar day, yb_date_format() writes it back, yb_date_today() is today in China.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <time.h>

#include "date.h"

static void parses_ordinary_dates(void **state)
{
	(void)state;
	assert_int_equal(yb_date_parse("2024-01-01"), 20240101);
	assert_int_equal(yb_date_parse("2025-07-15"), 20250715);
	assert_int_equal(yb_date_parse("2025-12-31"), 20251231);
	assert_int_equal(yb_date_parse("1999-09-09"), 19990909);
	/* Last day of every month in a common year. */
	static const char *const last[] = {"2023-01-31", "2023-02-28", "2023-03-31", "2023-04-30",
					   "2023-05-31", "2023-06-30", "2023-07-31", "2023-08-31",
					   "2023-09-30", "2023-10-31", "2023-11-30", "2023-12-31"};
	for (int m = 0; m < 12; m++)
		assert_int_equal(yb_date_parse(last[m]), 20230000 + (m + 1) * 100 +
								 (last[m][8] - '0') * 10 + (last[m][9] - '0'));
}

static void dates_compare_as_integers(void **state)
{
	(void)state;
	assert_true(yb_date_parse("2024-12-31") < yb_date_parse("2025-01-01"));
	assert_true(yb_date_parse("2025-01-31") < yb_date_parse("2025-02-01"));
	assert_true(yb_date_parse("2025-02-09") < yb_date_parse("2025-02-10"));
}

static void leap_years(void **state)
{
	(void)state;
	assert_int_equal(yb_date_parse("2024-02-29"), 20240229); /* divisible by 4 */
	assert_int_equal(yb_date_parse("2000-02-29"), 20000229); /* divisible by 400 */
	assert_int_equal(yb_date_parse("2025-02-29"), 0);        /* common year */
	assert_int_equal(yb_date_parse("1900-02-29"), 0);        /* by 100, not by 400 */
	assert_int_equal(yb_date_parse("2100-02-29"), 0);
	assert_int_equal(yb_date_parse("2024-02-30"), 0);        /* never */
	assert_int_equal(yb_date_parse("1900-02-28"), 19000228);
}

static void days_past_the_end_of_the_month(void **state)
{
	(void)state;
	assert_int_equal(yb_date_parse("2025-04-31"), 0);
	assert_int_equal(yb_date_parse("2025-06-31"), 0);
	assert_int_equal(yb_date_parse("2025-09-31"), 0);
	assert_int_equal(yb_date_parse("2025-11-31"), 0);
	assert_int_equal(yb_date_parse("2025-01-32"), 0);
	assert_int_equal(yb_date_parse("2025-12-32"), 0);
	assert_int_equal(yb_date_parse("2025-01-99"), 0);
}

static void bad_month_or_day(void **state)
{
	(void)state;
	assert_int_equal(yb_date_parse("2025-13-01"), 0);
	assert_int_equal(yb_date_parse("2025-00-10"), 0);
	assert_int_equal(yb_date_parse("2025-99-10"), 0);
	assert_int_equal(yb_date_parse("2025-01-00"), 0);
	assert_int_equal(yb_date_parse("2025-00-00"), 0);
}

static void wrong_shape(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"2025/01/15", "2025.01.15", "2025_01_15", "20250115",   "2025-1-15",  "2025-01-5",
		"25-01-15",   "2025-01-15 ", " 2025-01-15", "2025-01-15x", "2025-01-150", "2025-01",
		"2025",       "",           "2025-01-1x", "2025-0a-15", "20x5-01-15", "2025--01-15",
		"+025-01-15", "-025-01-15", "2025-+1-15", "2025-01--5", "2025 01 15", "2025-01-15\n",
		"２０２５-01-15", "2025年1月15日", "today",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (yb_date_parse(bad[i]) != 0) {
			print_error("accepted \"%s\"\n", bad[i]);
			fail();
		}
	assert_int_equal(yb_date_parse(NULL), 0);
}

static void format_writes_yyyy_mm_dd(void **state)
{
	(void)state;
	char out[11];
	memset(out, 'z', sizeof(out));
	yb_date_format(20250105, out);
	assert_string_equal(out, "2025-01-05");
	yb_date_format(20241231, out);
	assert_string_equal(out, "2024-12-31");
	yb_date_format(19000101, out);
	assert_string_equal(out, "1900-01-01");
}

/* Every day of 1999-2001 and of 2023-2025 survives format, then parse. */
static void format_and_parse_round_trip(void **state)
{
	(void)state;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	static const int years[] = {1999, 2000, 2001, 2023, 2024, 2025, 2099, 2100};
	int days = 0;
	for (size_t i = 0; i < sizeof(years) / sizeof(years[0]); i++) {
		int y = years[i];
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		for (int m = 1; m <= 12; m++) {
			int n = mdays[m - 1] + (m == 2 && leap);
			assert_int_equal(yb_days_in_month(y, m), n);
			for (int d = 1; d <= n; d++) {
				int date = y * 10000 + m * 100 + d;
				char out[11];
				yb_date_format(date, out);
				assert_int_equal(strlen(out), 10);
				assert_int_equal(yb_date_parse(out), date);
				days++;
			}
			/* The day after the last is refused. */
			char past[11];
			yb_date_format(y * 10000 + m * 100 + n, past);
			past[8] = (char)('0' + (n + 1) / 10);
			past[9] = (char)('0' + (n + 1) % 10);
			assert_int_equal(yb_date_parse(past), 0);
		}
	}
	assert_int_equal(days, 365 * 6 + 366 * 2);
}

/* Today in China is today's UTC date or the day after (China is UTC+8, all year). */
static void today_is_a_plausible_date(void **state)
{
	(void)state;
	time_t before = time(NULL);
	int today = yb_date_today();
	time_t after = time(NULL);

	char out[11];
	yb_date_format(today, out);
	assert_int_equal(yb_date_parse(out), today);
	assert_true(today >= 20250101);
	assert_true(today < 21000101);

	/* China's date is the UTC date eight hours later; check against both ends of the call
	 * in case the clock crossed midnight meanwhile. */
	int ok = 0;
	time_t ends[2] = {before, after};
	for (int i = 0; i < 2; i++) {
		time_t t = ends[i] + 8 * 3600;
		struct tm tm;
		assert_non_null(gmtime_r(&t, &tm));
		int want = (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
		ok |= want == today;
	}
	assert_true(ok);
}

/* The hand-written day arithmetic and weekdays agree with the C library's, every day
 * 1901-2099. */
static void days_agree_with_gmtime(void **state)
{
	(void)state;
	for (long days = -25202; days <= 47481; days++) {
		time_t t = (time_t)days * 86400 + 43200;
		struct tm tm;
		assert_non_null(gmtime_r(&t, &tm));
		int want = (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
		assert_int_equal(yb_date_from_days(days), want);
		assert_int_equal(yb_days_from_date(want), days);
		/* tm_wday counts from Sunday, yb_weekday_of_day() from Monday. */
		assert_int_equal(yb_weekday_of_day(days), (tm.tm_wday + 6) % 7);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_ordinary_dates),
		cmocka_unit_test(dates_compare_as_integers),
		cmocka_unit_test(leap_years),
		cmocka_unit_test(days_past_the_end_of_the_month),
		cmocka_unit_test(bad_month_or_day),
		cmocka_unit_test(wrong_shape),
		cmocka_unit_test(format_writes_yyyy_mm_dd),
		cmocka_unit_test(format_and_parse_round_trip),
		cmocka_unit_test(today_is_a_plausible_date),
		cmocka_unit_test(days_agree_with_gmtime),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
