/*
 * calendar.h - working days by the official calendar: weekends, public holidays, and the
 * weekend days made working days (调休上班), one data file per year under rules/calendar/.
 *
 * For a year the corpus does not cover, weekends are the only days off; the functions say so
 * through *uncovered so that the caller can warn rather than present the date as certain.
 */
#ifndef YB_CALENDAR_H
#define YB_CALENDAR_H

#include <stdbool.h>

#include "corpus.h"

typedef struct yb_calendar_year {
	int year;
	yb_ref source;            /* yb_source: the State Council notice */
	unsigned char kind[366];  /* by day of the year (0-based): one of enum yb_day_kind */
	yb_ref name[366];         /* the holiday's name on special days, else 0 */
} yb_calendar_year;

enum yb_day_kind { DAY_PLAIN = 0, DAY_OFF = 1, DAY_WORK = 2 };

/* 0 = Monday … 6 = Sunday. */
int yb_weekday(int yyyymmdd);
int yb_date_add_days(int yyyymmdd, long n);
/* The same day n months later (clamped to the month's end: 01-31 + 1 month = 02-28). */
int yb_date_add_months(int yyyymmdd, int n);

/* The calendar of `year`, or NULL when the corpus has none. */
const yb_calendar_year *yb_calendar_year_of(const yb_corpus *c, int year);
/* 0 for January 1st. */
int yb_day_of_year(int yyyymmdd);

/* Whether `date` is a working day; *uncovered is set to its year when the corpus has no
 * calendar for it (and left alone otherwise). */
bool yb_is_workday(const yb_corpus *c, int date, int *uncovered);

/* The n-th working day after `date` (n > 0; the first working day strictly after it is day 1),
 * before it (n < 0), or `date` itself (n = 0). */
int yb_add_workdays(const yb_corpus *c, int date, int n, int *uncovered);

#endif
