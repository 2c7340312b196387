/*
 * calendar.c - working-day arithmetic over the official holiday calendar (see calendar.h),
 * and loading rules/calendar/YEAR.yaml.
 */
#include "calendar.h"

#include <stdio.h>
#include <string.h>

#include "date.h"
#include "error.h"
#include "load.h"

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

static const yb_calendar_year *year_of(const yb_corpus *c, int year)
{
	for (size_t i = 0; i < c->nyears; i++)
		if (c->years[i].year == year)
			return &c->years[i];
	return NULL;
}

static int day_of_year(int date)
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
	return workday_at(year_of(c, date / 10000), date / 10000, day_of_year(date),
			  yb_days_from_date(date), uncovered);
}

/* Steps a day at a time, keeping the year and the day of the year as it goes rather than
 * working them out from the date each day: due dates are counted for every step of every
 * answer. */
int yb_add_workdays(const yb_corpus *c, int date, int n, int *uncovered)
{
	long day = yb_days_from_date(date);
	int year = date / 10000, doy = day_of_year(date);
	long year_start = day - doy;
	long year_end = yb_days_from_date((year + 1) * 10000 + 101); /* first day of next year */
	const yb_calendar_year *y = year_of(c, year);
	int step = n > 0 ? 1 : -1;
	for (int left = n > 0 ? n : -n; left > 0;) {
		day += step;
		if (day >= year_end || day < year_start) {
			year += step;
			year_start = yb_days_from_date(year * 10000 + 101);
			year_end = yb_days_from_date((year + 1) * 10000 + 101);
			y = year_of(c, year);
		}
		if (workday_at(y, year, (int)(day - year_start), day, uncovered))
			left--;
	}
	return yb_date_from_days(day);
}

/* ---- Loading ------------------------------------------------------------------------------- */

/* holidays: or workdays: — each entry {date, name}, inside the file's year. */
static yb_status load_days(yb_loader *L, const ynode *list, yb_calendar_year *y, int kind)
{
	static const char *const keys[] = {"date", "name", NULL};
	if (yb_expect(L, list, YN_SEQ, kind == DAY_OFF ? "holidays" : "workdays"))
		return YB_ECORPUS;
	for (size_t i = 0; i < list->n; i++) {
		const ynode *m = list->kids[i], *v;
		int date;
		const char *name;
		if (yb_expect(L, m, YN_MAP, "a day") || yb_check_keys(L, m, keys) ||
		    !(v = yb_require(L, m, "date")) || yb_get_date(L, v, &date))
			return YB_ECORPUS;
		if (date / 10000 != y->year)
			return yb_bad(L, v, "%d is not in the file's year %d", date / 10000, y->year);
		int doy = day_of_year(date);
		if (y->kind[doy] != DAY_PLAIN)
			return yb_bad(L, v, "this day is listed twice");
		bool weekend = yb_weekday(date) >= 5;
		if (kind == DAY_WORK && !weekend)
			return yb_bad(L, v, "an adjusted working day (调休上班) must be a Saturday or Sunday");
		if (!(v = yb_require(L, m, "name")) || yb_get_string(L, v, &name))
			return YB_ECORPUS;
		y->kind[doy] = (unsigned char)kind;
		y->name[doy] = name;
	}
	return YB_OK;
}

yb_status yb_calendar_load(yb_loader *L, const ynode *root)
{
	static const char *const keys[] = {"year", "source", "holidays", "workdays", NULL};
	static const char *const source_keys[] = {"title", "number", "issuer", "date", NULL};
	yb_corpus *c = L->c;
	const ynode *v, *src;
	long year;

	if (yb_check_keys(L, root, keys) || !(v = yb_require(L, root, "year")) ||
	    yb_get_int(L, v, 1949, 2200, &year))
		return YB_ECORPUS;
	if (year_of(c, (int)year))
		return yb_bad(L, v, "the calendar of %ld is loaded twice", year);
	yb_calendar_year *years = yb_arena_alloc(&c->arena, sizeof(*years) * (c->nyears + 1));
	yb_source *s = yb_arena_alloc(&c->arena, sizeof(*s));
	if (!years || !s)
		return yb_nomem(L);
	if (c->nyears)
		memcpy(years, c->years, sizeof(*years) * c->nyears);
	yb_calendar_year *y = &years[c->nyears];
	y->year = (int)year;

	/* The notice is a source like any other, kept with its year. */
	if (!(src = yb_require(L, root, "source")) || yb_expect(L, src, YN_MAP, "source") ||
	    yb_check_keys(L, src, source_keys) || !(v = yb_require(L, src, "title")) ||
	    yb_get_text(L, v, &s->title))
		return YB_ECORPUS;
	s->kind = SOURCE_OFFICIAL;
	s->pos = yb_pos_of(L, src);
	char id[32];
	snprintf(id, sizeof(id), "calendar-%ld", year);
	if (!(s->id = yb_intern(&c->ids, id, strlen(id))))
		return yb_nomem(L);
	if ((v = yn_get(src, "number")) && yb_get_string(L, v, &s->number))
		return YB_ECORPUS;
	if ((v = yn_get(src, "issuer")) && yb_get_string(L, v, &s->issuer))
		return YB_ECORPUS;
	if ((v = yn_get(src, "date"))) {
		int d;
		if (yb_get_date(L, v, &d))
			return YB_ECORPUS;
		s->date = v->str;
	}
	y->source = s;
	if (!(v = yb_require(L, root, "holidays")) || load_days(L, v, y, DAY_OFF) ||
	    !(v = yb_require(L, root, "workdays")) || load_days(L, v, y, DAY_WORK))
		return YB_ECORPUS;
	c->years = years;
	c->nyears++;
	return YB_OK;
}

yb_status yb_workday(const yb_corpus *c, const char *date, int n, char out[11],
		     int *uncovered_year, yb_error *err)
{
	int d = yb_date_parse(date), uncovered = 0;
	if (!d)
		return yb_err(err, YB_EUSAGE, "日期 \"%s\" 无效；格式为 YYYY-MM-DD，如 2026-09-25", date);
	if (n > YB_WORKDAY_MAX || n < -YB_WORKDAY_MAX)
		return yb_err(err, YB_EUSAGE, "工作日数 %d 超出范围（%d 到 %d）", n, -YB_WORKDAY_MAX,
			      YB_WORKDAY_MAX);
	int day = yb_add_workdays(c, d, n, &uncovered);
	if (!yb_date_supported(day))
		return yb_err(err, YB_EUSAGE, "%s 的第 %d 个工作日超出支持的日期范围（%s）", date, n,
			      YB_DATE_RANGE);
	yb_date_format(day, out);
	if (uncovered_year)
		*uncovered_year = uncovered;
	return YB_OK;
}
