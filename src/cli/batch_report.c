/*
 * batch_report.c - what `yibao batch` says on stderr about the batch as a whole: the progress
 * line a long batch redraws on a terminal, and the summary it ends with.
 *
 *   yibao: batch: 已读 120000 行，每秒 241503 行，出错 2 行             (progress)
 *   yibao: batch: 已作答 998 行，出错 2 行，跳过 3 行，用时 0.41 s       (summary)
 *
 * or in English, when the run speaks English (lang.c):
 *
 *   yibao: batch: 120000 lines, 241503 lines/s, 2 errors
 *   yibao: batch: 998 answered, 2 errors, 3 skipped, 0.41 s
 *
 * Plain functions of the counts and the time, so that the wording is tested without a terminal
 * and without a clock.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "utf8.h"

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* line into out, cut to its size a whole character at a time. */
static void put(char *out, size_t size, const char *line)
{
	if (!size)
		return;
	size_t n = yb_utf8_cut(line, strlen(line), size - 1);
	memcpy(out, line, n);
	out[n] = '\0';
}

void cli_batch_summary(char *out, size_t size, const yb_batch_stats *stats, double seconds)
{
	char line[256];
	if (cli_in_english())
		snprintf(line, sizeof(line), "yibao: batch: %zu answered, %zu %s, %zu skipped, %.2f s",
			 stats->answered, stats->failed, plural(stats->failed, "error", "errors"),
			 stats->skipped, seconds);
	else
		snprintf(line, sizeof(line),
			 "yibao: batch: 已作答 %zu 行，出错 %zu 行，跳过 %zu 行，用时 %.2f s",
			 stats->answered, stats->failed, stats->skipped, seconds);
	put(out, size, line);
}

void cli_batch_progress(char *out, size_t size, const yb_batch_stats *stats, double seconds)
{
	char line[256];
	double rate = seconds > 0 ? (double)stats->lines / seconds : 0;
	if (cli_in_english())
		snprintf(line, sizeof(line), "yibao: batch: %zu %s, %.0f lines/s, %zu %s",
			 stats->lines, plural(stats->lines, "line", "lines"), rate, stats->failed,
			 plural(stats->failed, "error", "errors"));
	else
		snprintf(line, sizeof(line), "yibao: batch: 已读 %zu 行，每秒 %.0f 行，出错 %zu 行",
			 stats->lines, rate, stats->failed);
	put(out, size, line);
}
