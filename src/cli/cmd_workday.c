/* cmd_workday.c - yibao workday DATE N: the N-th working day after DATE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char cmd_workday_help[] =
	"用法：yibao workday 日期 N [--rules 目录]\n"
	"\n"
	"按国务院公布的节假日安排（含调休上班日）数工作日：打印 日期 之后第 N 个工作日\n"
	"（YYYY-MM-DD）。日期当天不算，之后的第一个工作日是第 1 天；N 为负数时往前数；N 为 0\n"
	"时就是该日期本身；N 为 -3650 到 3650 之间的整数，日期和结果都在 1900-01-01 到\n"
	"9999-12-31 之间。规则库没有收录某年的安排时，那一年只按周末计算，并在 stderr 说明。\n"
	"\n"
	"例：yibao workday 2025-09-26 15\n"
	"    yibao workday 2026-02-13 1\n";

int cmd_workday(int argc, char **argv)
{
	const char *rules = NULL;
	int nargs = 0;
	const char *args[2] = {NULL, NULL};
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help")) {
			fputs(cmd_workday_help, stdout);
			return cli_finish(EXIT_ANSWERED);
		}
		if (!strcmp(argv[i], "--rules") && i + 1 < argc) {
			rules = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1] == '-') {
			cli_error("workday: 未知选项 %s（可用：--rules, --help）", argv[i]);
			return EXIT_USAGE;
		} else if (nargs < 2) {
			args[nargs++] = argv[i];
		} else {
			cli_error("workday: 多余的参数 \"%s\"（用法：yibao workday 日期 N）", argv[i]);
			return EXIT_USAGE;
		}
	}
	if (nargs != 2) {
		cli_error("workday: 需要两个参数：日期和工作日数，如 yibao workday 2025-09-26 15");
		return EXIT_USAGE;
	}
	yb_error err;
	long n;
	if (yb_integer_read("N", args[1], -YB_WORKDAY_MAX, YB_WORKDAY_MAX, &n, &err)) {
		cli_error("workday: %s", err.message);
		return EXIT_USAGE;
	}

	yb_corpus *corpus = NULL;
	char out[11];
	int uncovered = 0, code;
	if (cli_open_corpus(rules, "", &corpus, &err) ||
	    yb_workday(corpus, args[0], (int)n, out, &uncovered, &err)) {
		code = cli_report(&err);
	} else {
		printf("%s\n", out);
		if (uncovered)
			fprintf(stderr,
				"yibao: warning: 规则库未收录 %d 年的节假日安排，该年只按周末计算\n",
				uncovered);
		code = cli_finish(EXIT_ANSWERED);
	}
	yb_corpus_close(corpus);
	return code;
}
