/*
 * lint_sink.h - where findings go while linting.
 *
 * The loader, given a sink, reports every problem it can and goes on past the item, entry,
 * case, layer or file that has it, instead of stopping at the first; lint.c's checks on the
 * loaded model report to the same sink.
 */
#ifndef YB_LINT_SINK_H
#define YB_LINT_SINK_H

#include <stddef.h>

#include "error.h"
#include "yibao.h"

typedef struct yb_lint_sink {
	yb_diag_fn fn;
	void *ctx;
	size_t errors, warnings;
} yb_lint_sink;

/* Reports one finding to the sink (file relative to the corpus root). */
void yb_lint_report(yb_lint_sink *sink, const char *file, int line, int column, int is_error,
		    const char *fmt, ...) YB_PRINTF(6, 7);

#endif
