/*
 * test_calendar.c - working days by the official calendar: every public holiday and adjusted
 * working weekend of 2025 and 2026 in the shipped corpus, counting across them and across year
 * boundaries, N = 0, negative N, years the corpus does not cover, and the date arithmetic
 * underneath.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <string.h>

#include "calendar.h"
#include "date.h"

static int setup(void **state)
{
	yb_corpus *c = NULL;
	yb_error err;
	if (yb_corpus_open_embedded("", &c, &err) != YB_OK)
		return -1;
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	yb_corpus_close(*state);
	return 0;
}

/* The arrangements as the State Council published them (国办发明电〔2024〕12号 and the notice
 * of 2025-11-04), written out independently of the data files: first and last day off of
 * each period, and the adjusted working days. */
static const struct {
	int first, last;
} days_off[] = {
	{20250101, 20250101}, {20250128, 20250204}, {20250404, 20250406}, {20250501, 20250505},
	{20250531, 20250602}, {20251001, 20251008}, {20260101, 20260103}, {20260215, 20260223},
	{20260404, 20260406}, {20260501, 20260505}, {20260619, 20260621}, {20260925, 20260927},
	{20261001, 20261007},
};
static const int adjusted_workdays[] = {20250126, 20250208, 20250427, 20250928, 20251011,
					20260104, 20260214, 20260228, 20260509, 20260920,
					20261010};

static bool is_off(int d)
{
	for (size_t i = 0; i < sizeof(days_off) / sizeof(days_off[0]); i++)
		if (d >= days_off[i].first && d <= days_off[i].last)
			return true;
	return false;
}

static bool is_adjusted(int d)
{
	for (size_t i = 0; i < sizeof(adjusted_workdays) / sizeof(adjusted_workdays[0]); i++)
		if (adjusted_workdays[i] == d)
			return true;
	return false;
}

/* Every day of 2025 and 2026 is a working day exactly when the notices say so. */
static void every_day_of_2025_and_2026(void **state)
{
	const yb_corpus *c = *state;
	int off = 0, work = 0;
	for (int d = 20250101; d <= 20261231; d = yb_date_add_days(d, 1)) {
		int uncovered = 0;
		bool want = is_adjusted(d) || (!is_off(d) && yb_weekday(d) < 5);
		bool got = yb_is_workday(c, d, &uncovered);
		if (got != want)
			print_error("%d: want %s, got %s\n", d, want ? "working" : "off",
				    got ? "working" : "off");
		assert_int_equal(got, want);
		assert_int_equal(uncovered, 0);
		off += !got;
		work += got;
	}
	/* 248 working days in each year (the generator's count, from the same notices). */
	assert_int_equal(work, 248 * 2);
	assert_int_equal(off, 365 * 2 - 248 * 2);
}

static void adjusted_weekends_are_working_days(void **state)
{
	const yb_corpus *c = *state;
	for (size_t i = 0; i < sizeof(adjusted_workdays) / sizeof(adjusted_workdays[0]); i++) {
		assert_true(yb_weekday(adjusted_workdays[i]) >= 5);
		assert_true(yb_is_workday(c, adjusted_workdays[i], NULL));
	}
}

static int add(void **state, int date, int n, int *uncovered)
{
	*uncovered = 0;
	return yb_add_workdays(*state, date, n, uncovered);
}

/* Counting forward or back from any day of 2024-2027 (both calendar years, a year either side
 * with none, and the turns of the years) agrees with stepping one day at a time. */
static void counting_agrees_with_day_by_day(void **state)
{
	for (long start = yb_days_from_date(20240101); start <= yb_days_from_date(20271231);
	     start += 3) {
		int date = yb_date_from_days(start);
		for (int n = -40; n <= 40; n += 7) {
			int u = 0, naive_u = 0, left = n < 0 ? -n : n;
			long day = start;
			while (left > 0) {
				day += n < 0 ? -1 : 1;
				if (yb_is_workday(*state, yb_date_from_days(day), &naive_u))
					left--;
			}
			assert_int_equal(add(state, date, n, &u), yb_date_from_days(day));
			assert_int_equal(u, naive_u);
		}
	}
}

static void counting_across_holidays(void **state)
{
	int u;
	/* National Day 2025: the week off is skipped and Saturday 10-11 counts. */
	assert_int_equal(add(state, 20250926, 15, &u), 20251023);
	assert_int_equal(add(state, 20250926, 1, &u), 20250928); /* Sunday 09-28 is a working day */
	assert_int_equal(add(state, 20251010, 1, &u), 20251011);
	/* 2026-02-13 (Friday) + 1 is Saturday 02-14, an adjusted working day. */
	assert_int_equal(add(state, 20260213, 1, &u), 20260214);
	/* Spring Festival 2026: 02-15 … 02-23 off. */
	assert_int_equal(add(state, 20260214, 1, &u), 20260224);
	/* From a holiday itself: the first working day after it is day 1. */
	assert_int_equal(add(state, 20261001, 1, &u), 20261008);
	/* National Day 2026 and the Mid-Autumn festival before it. */
	assert_int_equal(add(state, 20260925, 10, &u), 20261015);
	assert_int_equal(u, 0);
}

static void zero_and_negative(void **state)
{
	int u;
	assert_int_equal(add(state, 20261003, 0, &u), 20261003); /* N = 0: the date itself */
	assert_int_equal(add(state, 20260224, -1, &u), 20260214);
	assert_int_equal(add(state, 20251023, -15, &u), 20250926);
	assert_int_equal(add(state, 20250105, -1, &u), 20250103); /* Sunday back to Friday */
	assert_int_equal(u, 0);
}

static void year_boundaries(void **state)
{
	int u;
	/* 2025-12-31 (Wednesday) + 1: 2026-01-01 … 01-03 off, Sunday 01-04 is a working day. */
	assert_int_equal(add(state, 20251231, 1, &u), 20260104);
	assert_int_equal(add(state, 20260104, -1, &u), 20251231);
	assert_int_equal(u, 0);
	/* Counting back from early 2025 enters 2024, which the corpus does not cover. */
	assert_int_equal(add(state, 20250102, -1, &u), 20241231);
	assert_int_equal(u, 2024);
}

static void uncovered_years_count_weekends_only(void **state)
{
	int u;
	/* 2027-02-12 is a Friday: Monday 02-15 is next, whatever the festival that year. */
	assert_int_equal(add(state, 20270212, 1, &u), 20270215);
	assert_int_equal(u, 2027);
	/* 2026-12-31 + 2 runs into 2027. */
	assert_int_equal(add(state, 20261231, 2, &u), 20270104);
	assert_int_equal(u, 2027);
	/* Inside covered years nothing is reported. */
	assert_int_equal(add(state, 20260601, 5, &u), 20260608);
	assert_int_equal(u, 0);
}

static void public_api(void **state)
{
	char out[11];
	int u = -1;
	yb_error err;
	assert_int_equal(yb_workday(*state, "2025-09-26", 15, out, &u, &err), YB_OK);
	assert_string_equal(out, "2025-10-23");
	assert_int_equal(u, 0);
	assert_int_equal(yb_workday(*state, "2026-13-01", 1, out, &u, &err), YB_EUSAGE);
	assert_string_equal(err.message_en,
			    "invalid date \"2026-13-01\"; write it as YYYY-MM-DD, e.g. 2026-09-25");
	assert_int_equal(yb_workday(*state, "2026-01-01", 4000, out, &u, &err), YB_EUSAGE);
	assert_string_equal(err.message, "工作日数 4000 超出范围（-3650 到 3650）");
	assert_string_equal(err.message_en, "the number of working days, 4000, is out of range (-3650 to 3650)");
	assert_int_equal(yb_workday(*state, "9999-12-30", 3, out, &u, &err), YB_EUSAGE);
	assert_string_equal(err.message,
			    "9999-12-30 的第 3 个工作日超出支持的日期范围（1900-01-01 到 9999-12-31）");
	assert_string_equal(err.message_en, "9999-12-30 plus 3 working days falls outside the "
					    "supported dates (1900-01-01 to 9999-12-31)");
}

static void date_arithmetic(void **state)
{
	(void)state;
	assert_int_equal(yb_days_from_date(19700101), 0);
	assert_int_equal(yb_date_from_days(0), 19700101);
	for (long d = -1000; d < 30000; d += 7)
		assert_int_equal(yb_days_from_date(yb_date_from_days(d)), d);
	assert_int_equal(yb_weekday(20260101), 3); /* a Thursday */
	assert_int_equal(yb_weekday(20250928), 6); /* a Sunday */
	assert_int_equal(yb_date_add_days(20240228, 1), 20240229);
	assert_int_equal(yb_date_add_days(20251231, 1), 20260101);
	assert_int_equal(yb_date_add_months(20260131, 1), 20260228);
	assert_int_equal(yb_date_add_months(20240131, 1), 20240229);
	assert_int_equal(yb_date_add_months(20261115, 3), 20270215);
	assert_int_equal(yb_date_add_months(20260315, -3), 20251215);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_day_of_2025_and_2026),
		cmocka_unit_test(adjusted_weekends_are_working_days),
		cmocka_unit_test(counting_across_holidays),
		cmocka_unit_test(zero_and_negative),
		cmocka_unit_test(year_boundaries),
		cmocka_unit_test(uncovered_years_count_weekends_only),
		cmocka_unit_test(public_api),
		cmocka_unit_test(date_arithmetic),
		cmocka_unit_test(counting_agrees_with_day_by_day),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
