/* date.h - calendar dates as YYYYMMDD integers, which compare as dates. */
#ifndef YB_DATE_H
#define YB_DATE_H

#include <stdbool.h>

/* The dates yibao reads and writes: 1900-01-01 to 9999-12-31. A date given outside is refused,
 * and so is an answer whose date (a due date, a working day) would fall outside. */
enum { YB_YEAR_MIN = 1900, YB_YEAR_MAX = 9999 };
#define YB_DATE_RANGE "1900-01-01 到 9999-12-31"
#define YB_DATE_RANGE_EN "1900-01-01 to 9999-12-31"
static inline bool yb_date_supported(int yyyymmdd)
{
	return yyyymmdd / 10000 >= YB_YEAR_MIN && yyyymmdd / 10000 <= YB_YEAR_MAX;
}

/* Parses exactly YYYY-MM-DD of a real calendar day; returns 0 when s is not one. */
int yb_date_parse(const char *s);
/* Formats d as YYYY-MM-DD into out (11 bytes). */
void yb_date_format(int d, char out[11]);
/* Days since 1970-01-01 for a YYYYMMDD date, and back. */
long yb_days_from_date(int yyyymmdd);
int yb_date_from_days(long days);
/* The number of days in `month` (1-12) of `year`, leap years counted. */
int yb_days_in_month(int year, int month);
/* The day of the week of a day counted as yb_days_from_date() counts: 0 Monday … 6 Sunday. */
int yb_weekday_of_day(long days);
/* Today in China (UTC+8, no daylight saving), as YYYYMMDD. */
int yb_date_today(void);

#endif
