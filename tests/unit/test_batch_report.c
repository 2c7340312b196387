/*
 * test_batch_report.c - what `yibao batch` says about the batch as a whole
 * (src/cli/batch_report.c): the summary it ends with and the progress line of a long batch,
 * from the counts and the time.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* This run's language, as `--lang LANG` chooses it. */
static void speak(const char *lang)
{
	cli_lang_choose(lang, NULL);
}

typedef void (*format_fn)(char *out, size_t size, const yb_batch_stats *stats, double seconds);

/* One line: the counts, the time, the room given and the line wanted. */
typedef struct {
	format_fn format;
	size_t lines, answered, failed, skipped;
	double seconds;
	size_t room;
	const char *want;
} line_case;

static void check(const line_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const line_case *c = &cases[i];
		yb_batch_stats s = {0};
		s.lines = c->lines, s.answered = c->answered, s.failed = c->failed;
		s.skipped = c->skipped;
		char out[160];
		c->format(out, c->room, &s, c->seconds);
		assert_string_equal(out, c->want);
	}
}

static void lines_say_what_the_counts_are(void **state)
{
	(void)state;
	speak("zh");
	static const line_case zh[] = {
		{cli_batch_summary, 1003, 998, 2, 3, 0.4123, 160,
		 "yibao: batch: 已作答 998 行，出错 2 行，跳过 3 行，用时 0.41 s"},
		{cli_batch_summary, 0, 0, 0, 0, 0, 160,
		 "yibao: batch: 已作答 0 行，出错 0 行，跳过 0 行，用时 0.00 s"},
		{cli_batch_progress, 120000, 119990, 7, 3, 0.5, 160,
		 "yibao: batch: 已读 120000 行，每秒 240000 行，出错 7 行"},
		{cli_batch_progress, 1, 0, 1, 0, 0, 160, "yibao: batch: 已读 1 行，每秒 0 行，出错 1 行"},
		/* Cut to the room given, a whole character at a time: 已 is three bytes. */
		{cli_batch_progress, 1, 0, 0, 0, 1, 18, "yibao: batch: 已"},
		{cli_batch_progress, 1, 0, 0, 0, 1, 17, "yibao: batch: "},
	};
	check(zh, sizeof(zh) / sizeof(zh[0]));
	speak("en");
	static const line_case cases[] = {
		{cli_batch_summary, 1003, 998, 2, 3, 0.4123, 160,
		 "yibao: batch: 998 answered, 2 errors, 3 skipped, 0.41 s"},
		{cli_batch_summary, 2, 1, 1, 0, 12.345, 160,
		 "yibao: batch: 1 answered, 1 error, 0 skipped, 12.35 s"},
		{cli_batch_summary, 0, 0, 0, 0, 0, 160,
		 "yibao: batch: 0 answered, 0 errors, 0 skipped, 0.00 s"},
		{cli_batch_progress, 120000, 119990, 7, 3, 0.5, 160,
		 "yibao: batch: 120000 lines, 240000 lines/s, 7 errors"},
		{cli_batch_progress, 1, 0, 1, 0, 0.75, 160, "yibao: batch: 1 line, 1 lines/s, 1 error"},
		/* No time yet: no rate to divide by. */
		{cli_batch_progress, 1, 0, 1, 0, 0, 160, "yibao: batch: 1 line, 0 lines/s, 1 error"},
		/* Cut to the room given, never past it. */
		{cli_batch_progress, 123456789, 0, 0, 0, 1, 20, "yibao: batch: 12345"},
	};
	check(cases, sizeof(cases) / sizeof(cases[0]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lines_say_what_the_counts_are),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
