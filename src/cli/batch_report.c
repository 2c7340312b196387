/*
 * batch_report.c - what `yibao batch` says on stderr about the batch as a whole: the progress
 * line a long batch redraws on a terminal, and the summary it ends with.
 *
 *   yibao: batch: 120000 lines, 241503 lines/s, 2 errors        (progress)
 *   yibao: batch: 998 answered, 2 errors, 3 skipped, 0.41 s     (summary)
 *
 * Plain functions of the counts and the time, so that the wording is tested without a terminal
 * and without a clock.
 */
#include <stdio.h>

#include "cli.h"

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void cli_batch_summary(char *out, size_t size, const yb_batch_stats *stats, double seconds)
{
	snprintf(out, size, "yibao: batch: %zu answered, %zu %s, %zu skipped, %.2f s",
		 stats->answered, stats->failed, plural(stats->failed, "error", "errors"),
		 stats->skipped, seconds);
}

void cli_batch_progress(char *out, size_t size, const yb_batch_stats *stats, double seconds)
{
	double rate = seconds > 0 ? (double)stats->lines / seconds : 0;
	snprintf(out, size, "yibao: batch: %zu %s, %.0f lines/s, %zu %s", stats->lines,
		 plural(stats->lines, "line", "lines"), rate, stats->failed,
		 plural(stats->failed, "error", "errors"));
}
