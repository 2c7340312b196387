/* date.h - calendar dates as YYYYMMDD integers, which compare as dates. */
#ifndef YB_DATE_H
#define YB_DATE_H

#include <stdbool.h>

/* Parses exactly YYYY-MM-DD of a real calendar day; returns 0 when s is not one. */
int yb_date_parse(const char *s);
/* Formats d as YYYY-MM-DD into out (11 bytes). */
void yb_date_format(int d, char out[11]);
/* Days since 1970-01-01 for a YYYYMMDD date, and back. */
long yb_days_from_date(int yyyymmdd);
int yb_date_from_days(long days);
/* Today in China (UTC+8, no daylight saving), as YYYYMMDD. */
int yb_date_today(void);

#endif
