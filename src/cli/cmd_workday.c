/* cmd_workday.c - yibao workday DATE N: the N-th working day after DATE. */
#include <stdio.h>

#include "cli.h"

const cli_text cmd_workday_help = {
	.zh = "用法：yibao workday 日期 N [--rules 目录]\n"
	      "\n"
	      "按国务院公布的节假日安排（含调休上班日）数工作日：打印 日期 之后第 N 个工作日\n"
	      "（YYYY-MM-DD）。日期当天不算，之后的第一个工作日是第 1 天；N 为负数时往前数；N 为 0\n"
	      "时就是该日期本身；N 为 -3650 到 3650 之间的整数，日期和结果都在 1900-01-01 到\n"
	      "9999-12-31 之间。规则库没有收录某年的安排时，那一年只按周末计算，并在 stderr 说明。\n"
	      "\n"
	      "例：yibao workday 2025-09-26 15\n"
	      "    yibao workday 2026-02-13 1\n",
	.en = "Usage: yibao workday DATE N [--rules DIR]\n"
	      "\n"
	      "Counts working days by the holiday schedule the State Council publishes (working days moved\n"
	      "onto weekends included): prints the N-th working day after DATE (YYYY-MM-DD). DATE itself\n"
	      "does not count: the first working day after it is day 1; a negative N counts backwards; N of\n"
	      "0 is DATE itself. N is a whole number from -3650 to 3650, and the date and the result lie\n"
	      "between 1900-01-01 and 9999-12-31. For a year whose schedule the rules do not have, only\n"
	      "weekends count, and stderr says so.\n"
	      "\n"
	      "Examples: yibao workday 2025-09-26 15\n"
	      "          yibao workday 2026-02-13 1\n",
};

int cmd_workday(int argc, char **argv)
{
	enum { RULES };
	static const cli_opt opts[] = {{"--rules", true, RULES, NULL}};
	cli_args a;
	int code;
	if ((code = cli_parse("workday", &cmd_workday_help, opts, 1, argc, argv, &a)) || a.help)
		return code;
	if (a.npositional > 2) {
		cli_fail("workday: 多余的参数 \"%s\"（用法：yibao workday 日期 N）",
			 "workday: unexpected argument \"%s\" (usage: yibao workday DATE N)",
			 a.positional[2]);
		return EXIT_USAGE;
	}
	if (a.npositional != 2) {
		cli_fail("workday: 需要两个参数：日期和工作日数，如 yibao workday 2025-09-26 15",
			 "workday: needs two arguments, a date and a number of working days, as in "
			 "yibao workday 2025-09-26 15");
		return EXIT_USAGE;
	}
	const char *const *args = (const char *const *)a.positional;
	yb_error err;
	long n;
	if (yb_integer_read("N", args[1], -YB_WORKDAY_MAX, YB_WORKDAY_MAX, &n, &err)) {
		cli_fail("workday: %s", "workday: %s", yb_error_text(&err, cli_in_english()));
		return EXIT_USAGE;
	}

	yb_corpus *corpus = NULL;
	char out[11];
	int uncovered = 0;
	if (cli_open_corpus(a.value[RULES], "", &corpus, &err) ||
	    yb_workday(corpus, args[0], (int)n, out, &uncovered, &err)) {
		code = cli_report(&err);
	} else {
		printf("%s\n", out);
		if (uncovered)
			cli_warn("规则库未收录 %d 年的节假日安排，该年只按周末计算",
				 "the rules do not have the holidays of %d: that year counts weekends "
				 "only",
				 uncovered);
		code = cli_finish(EXIT_ANSWERED);
	}
	yb_corpus_close(corpus);
	return code;
}
