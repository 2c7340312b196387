/*
 * number.h - the one strict reading of a number, for every number a user, a batch line or a
 * corpus file gives.
 *
 * A number is written in decimal: an optional sign, digits with an optional fraction, and an
 * optional exponent (1500, -2, 0.7, 1e3). Nothing else is read as one: no spaces, no hex, no
 * nan or inf, nothing after it. It must be finite and within the range the caller gives, both
 * ends included; what is refused is said with the range, so that the user knows what would do.
 */
#ifndef YB_NUMBER_H
#define YB_NUMBER_H

typedef enum {
	YB_NUMBER_OK = 0,
	YB_NUMBER_SYNTAX, /* not a decimal number (or not a whole one, for yb_integer_parse) */
	YB_NUMBER_RANGE   /* a number, but outside min..max */
} yb_number_status;

yb_number_status yb_number_parse(const char *s, double min, double max, double *out);
yb_number_status yb_integer_parse(const char *s, long min, long max, long *out);

/* v as the shortest plain text that reads back as it (10000000, 0.7, -3650), for messages. */
void yb_number_format(double v, char out[32]);

#endif
