/* date.h - calendar dates as YYYYMMDD integers, which compare as dates. */
#ifndef YB_DATE_H
#define YB_DATE_H

#include <stdbool.h>

/* Parses exactly YYYY-MM-DD of a real calendar day; returns 0 when s is not one. */
int yb_date_parse(const char *s);
/* Formats d as YYYY-MM-DD into out (11 bytes). */
void yb_date_format(int d, char out[11]);
/* Today in China (UTC+8, no daylight saving), as YYYYMMDD. */
int yb_date_today(void);

#endif
