/* number.c - strict decimal numbers (see number.h). */
#include "number.h"

#include "error.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static int digits(const char **p)
{
	int n = 0;
	while (**p >= '0' && **p <= '9')
		(*p)++, n++;
	return n;
}

/* True when s is all of: [+-] digits [. digits] [(e|E) [+-] digits], with a digit somewhere in
 * the mantissa. strtod() alone would take "nan", "inf", "0x1p3" and leading spaces. */
static int decimal(const char *s, int whole)
{
	const char *p = s;
	if (*p == '+' || *p == '-')
		p++;
	int n = digits(&p);
	if (whole)
		return n > 0 && !*p;
	if (*p == '.') {
		p++;
		n += digits(&p);
	}
	if (!n)
		return 0;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!digits(&p))
			return 0;
	}
	return !*p;
}

yb_number_status yb_number_parse(const char *s, double min, double max, double *out)
{
	if (!s || !decimal(s, 0))
		return YB_NUMBER_SYNTAX;
	double v = strtod(s, NULL);
	if (!isfinite(v) || v < min || v > max)
		return YB_NUMBER_RANGE;
	*out = v == 0 ? 0 : v; /* -0 reads as 0 */
	return YB_NUMBER_OK;
}

yb_number_status yb_integer_parse(const char *s, long min, long max, long *out)
{
	if (!s || !decimal(s, 1))
		return YB_NUMBER_SYNTAX;
	errno = 0;
	long v = strtol(s, NULL, 10);
	if (errno == ERANGE || v < min || v > max)
		return YB_NUMBER_RANGE;
	*out = v;
	return YB_NUMBER_OK;
}

void yb_number_format(double v, char out[32])
{
	if (fabs(v) < 1e15 && v == (double)(long long)v) {
		snprintf(out, 32, "%lld", (long long)v);
		return;
	}
	for (int precision = 1; precision <= 17; precision++) {
		snprintf(out, 32, "%.*g", precision, v);
		if (strtod(out, NULL) == v)
			break;
	}
}

/* "--cost 的值 "abc" 不是数字；可用 0 到 10000000 之间的数",
 * "--cost: "abc" is not a number; give a number from 0 to 10000000" */
static yb_status refuse(const char *what, const char *text, yb_number_status ns, const char *lo,
			const char *hi, int whole, yb_error *err)
{
	bool syntax = ns == YB_NUMBER_SYNTAX;
	const char *zh = syntax ? (whole ? "不是整数" : "不是数字") : "超出范围";
	const char *en = syntax ? (whole ? "is not a whole number" : "is not a number")
				: "is out of range";
	if (whole)
		return yb_fail(err, YB_EUSAGE, "%s 的值 \"%s\" %s%.0s；可用 %s 到 %s 之间的整数",
			       "%s: \"%s\" %.0s%s; give a whole number from %s to %s", what, text, zh,
			       en, lo, hi);
	return yb_fail(err, YB_EUSAGE, "%s 的值 \"%s\" %s%.0s；可用 %s 到 %s 之间的数",
		       "%s: \"%s\" %.0s%s; give a number from %s to %s", what, text, zh, en, lo, hi);
}

yb_status yb_number_read(const char *what, const char *text, double min, double max, double *out,
			 yb_error *err)
{
	yb_number_status ns = yb_number_parse(text, min, max, out);
	if (!ns)
		return YB_OK;
	char lo[32], hi[32];
	yb_number_format(min, lo);
	yb_number_format(max, hi);
	return refuse(what, text, ns, lo, hi, 0, err);
}

yb_status yb_integer_read(const char *what, const char *text, long min, long max, long *out,
			  yb_error *err)
{
	yb_number_status ns = yb_integer_parse(text, min, max, out);
	if (!ns)
		return YB_OK;
	char lo[32], hi[32];
	snprintf(lo, sizeof(lo), "%ld", min);
	snprintf(hi, sizeof(hi), "%ld", max);
	return refuse(what, text, ns, lo, hi, 1, err);
}
