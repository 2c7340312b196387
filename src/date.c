/* date.c - dates as YYYYMMDD (see date.h). */
#include "date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int yb_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap(y) ? 29 : days[m - 1];
}

int yb_weekday_of_day(long days)
{
	/* 1970-01-01 was a Thursday (3 with Monday as 0). */
	long w = (days + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

int yb_date_parse(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < YB_YEAR_MIN || m < 1 || m > 12 || d < 1 || d > yb_days_in_month(y, m))
		return 0;
	return y * 10000 + m * 100 + d;
}

void yb_date_format(int d, char out[11])
{
	/* By hand rather than snprintf(): an answer formats dozens of dates. */
	unsigned y = (unsigned)(d / 10000) % 10000u, m = (unsigned)(d / 100) % 100u % 13u,
		 day = (unsigned)d % 100u % 32u;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + day / 10);
	out[9] = (char)('0' + day % 10);
	out[10] = '\0';
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
long yb_days_from_date(int d)
{
	long y = d / 10000, m = (d / 100) % 100, day = d % 100;
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int yb_date_from_days(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	return (int)(y * 10000 + m * 100 + d);
}

/* China keeps UTC+8 all year. Computed by hand rather than with gmtime_r(), which in glibc
 * reads the time-zone database first: a file read on every start for nothing. */
int yb_date_today(void)
{
	time_t now = time(NULL) + 8 * 3600;
	return yb_date_from_days((long)(now >= 0 ? now / 86400 : (now - 86399) / 86400));
}
