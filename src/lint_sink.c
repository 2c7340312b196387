/*
 * lint_sink.c - reporting one lint finding (see lint_sink.h).
 */
#include "lint_sink.h"

#include <stdarg.h>
#include <stdio.h>

void yb_lint_report(yb_lint_sink *sink, const char *file, int line, int column, int is_error,
		    const char *fmt, ...)
{
	char raw[1024], msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	yb_escape_controls(msg, sizeof(msg), raw);
	yb_diag d = {file, line, column, is_error, msg};
	if (is_error)
		sink->errors++;
	else
		sink->warnings++;
	sink->fn(sink->ctx, &d);
}
