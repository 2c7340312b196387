/*
 * calendar.c - working-day arithmetic over the official holiday calendar (see calendar.h).
 */
#include "calendar.h"

#include <stdio.h>
#include <string.h>

#include "date.h"
#include "error.h"

int yb_weekday(int date)
{
	return yb_weekday_of_day(yb_days_from_date(date));
}

int yb_date_add_days(int date, long n)
{
	return yb_date_from_days(yb_days_from_date(date) + n);
}

int yb_date_add_months(int date, int n)
{
	int y = date / 10000, m = (date / 100) % 100 - 1 + n, d = date % 100;
	y += m >= 0 ? m / 12 : (m - 11) / 12;
	m = ((m % 12) + 12) % 12;
	int last = yb_days_in_month(y, m + 1);
	return y * 10000 + (m + 1) * 100 + (d < last ? d : last);
}

const yb_calendar_year *yb_calendar_year_of(const yb_corpus *c, int year)
{
	for (size_t i = 0; i < c->nyears; i++)
		if (c->years[i].year == year)
			return &c->years[i];
	return NULL;
}

int yb_day_of_year(int date)
{
	return (int)(yb_days_from_date(date) - yb_days_from_date((date / 10000) * 10000 + 101));
}

/* Whether day number `day` (of YYYYMMDD `date`, in `year`, day `doy` of it) is a working day. */
static bool workday_at(const yb_calendar_year *y, int year, int doy, long day, int *uncovered)
{
	if (y) {
		int kind = y->kind[doy];
		if (kind != DAY_PLAIN)
			return kind == DAY_WORK;
	} else if (uncovered) {
		*uncovered = year;
	}
	return yb_weekday_of_day(day) < 5;
}

bool yb_is_workday(const yb_corpus *c, int date, int *uncovered)
{
	return workday_at(yb_calendar_year_of(c, date / 10000), date / 10000, yb_day_of_year(date),
			  yb_days_from_date(date), uncovered);
}

/* Steps a day at a time, keeping the year and the day of the year as it goes rather than
 * working them out from the date each day: due dates are counted for every step of every
 * answer. */
int yb_add_workdays(const yb_corpus *c, int date, int n, int *uncovered)
{
	long day = yb_days_from_date(date);
	int year = date / 10000, doy = yb_day_of_year(date);
	long year_start = day - doy;
	long year_end = yb_days_from_date((year + 1) * 10000 + 101); /* first day of next year */
	const yb_calendar_year *y = yb_calendar_year_of(c, year);
	int step = n > 0 ? 1 : -1;
	for (int left = n > 0 ? n : -n; left > 0;) {
		day += step;
		if (day >= year_end || day < year_start) {
			year += step;
			year_start = yb_days_from_date(year * 10000 + 101);
			year_end = yb_days_from_date((year + 1) * 10000 + 101);
			y = yb_calendar_year_of(c, year);
		}
		if (workday_at(y, year, (int)(day - year_start), day, uncovered))
			left--;
	}
	return yb_date_from_days(day);
}

yb_status yb_workday(const yb_corpus *c, const char *date, int n, char out[11],
		     int *uncovered_year, yb_error *err)
{
	int d = yb_date_parse(date), uncovered = 0;
	if (!d)
		return yb_fail(err, YB_EUSAGE, "日期 \"%s\" 无效；格式为 YYYY-MM-DD，如 2026-09-25",
			       "invalid date \"%s\"; write it as YYYY-MM-DD, e.g. 2026-09-25", date);
	if (n > YB_WORKDAY_MAX || n < -YB_WORKDAY_MAX)
		return yb_fail(err, YB_EUSAGE, "工作日数 %d 超出范围（%d 到 %d）",
			       "the number of working days, %d, is out of range (%d to %d)", n, -YB_WORKDAY_MAX,
			       YB_WORKDAY_MAX);
	int day = yb_add_workdays(c, d, n, &uncovered);
	if (!yb_date_supported(day))
		return yb_fail(err, YB_EUSAGE, "%s 的第 %d 个工作日超出支持的日期范围（%s%.0s）",
			       "%s plus %d working days falls outside the supported dates (%.0s%s)",
			       date, n, YB_DATE_RANGE, YB_DATE_RANGE_EN);
	yb_date_format(day, out);
	if (uncovered_year)
		*uncovered_year = uncovered;
	return YB_OK;
}
