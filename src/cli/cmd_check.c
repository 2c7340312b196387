/* cmd_check.c - yibao check FILE|DIR…: run case files, and report branch coverage. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

const cli_text cmd_check_help = {
	.zh = "用法：yibao check 文件或目录… [--coverage] [--threshold 百分比] [--rules 目录]\n"
	      "\n"
	      "运行用例文件（YAML，格式见 docs/check.md）：每个用例是一条命令和它的参数，以及答案\n"
	      "必须满足的条件（退出码、路线、结论、必须有或不能有的步骤和材料、到期日……）。\n"
	      "文件写作 - 时从标准输入读一个用例文件（报告里称 <stdin>）。\n"
	      "每个不通过的用例打印一行：文件:行:列: 用例名: 哪里不同；最后一行是“N passed, N failed”。\n"
	      "有用例不通过时退出码为 1。\n"
	      "\n"
	      "  --coverage        列出没有任何用例走到的决策树分支（文件:行:列），以及覆盖率\n"
	      "  --threshold 百分比 覆盖率低于它时退出码为 1（隐含 --coverage）\n"
	      "  --rules 目录      用该目录下的规则库（也可设 YIBAO_RULES）\n",
	.en = "Usage: yibao check FILE-OR-DIR… [--coverage] [--threshold PERCENT] [--rules DIR]\n"
	      "\n"
	      "Runs case files (YAML, format in docs/check.md): each case is a command with its arguments,\n"
	      "and what the answer must satisfy (exit code, route, conclusion, steps and materials it must\n"
	      "or must not have, due dates…).\n"
	      "A file written - is one case file read from standard input (called <stdin> in the report).\n"
	      "Each case that fails prints one line: FILE:LINE:COLUMN: CASE: what differs; the last line is\n"
	      "\"N passed, N failed\".\n"
	      "The exit code is 1 when a case fails.\n"
	      "\n"
	      "  --coverage           list the decision-tree branches no case reached (FILE:LINE:COLUMN),\n"
	      "                       and the coverage\n"
	      "  --threshold PERCENT  exit code 1 when the coverage is below it (implies --coverage)\n"
	      "  --rules DIR          use the rules in this folder (or set YIBAO_RULES)\n",
};

static void print_line(void *ctx, const char *line)
{
	(void)ctx;
	cli_pager_start();
	printf("%s\n", line);
}

int cmd_check(int argc, char **argv)
{
	enum { COVERAGE, THRESHOLD, RULES };
	static const cli_opt opts[] = {
		{"--coverage", false, COVERAGE, NULL},
		{"--threshold", true, THRESHOLD, NULL},
		{"--rules", true, RULES, NULL},
	};
	cli_args a;
	double threshold = -1;
	int code;
	if ((code = cli_parse("check", &cmd_check_help, opts, 3, argc, argv, &a)) || a.help)
		return code;
	if (a.value[THRESHOLD]) {
		yb_error err;
		if (yb_number_read("--threshold", a.value[THRESHOLD], 0, 100, &threshold, &err)) {
			cli_fail("check: %s", "check: %s", yb_error_text(&err, cli_in_english()));
			return EXIT_USAGE;
		}
	}
	int coverage = a.value[COVERAGE] || a.value[THRESHOLD];
	if (!a.npositional) {
		cli_fail("check: 要给出用例文件或目录，如 yibao check tests/cases",
			 "check: name the case files or folders, as in yibao check tests/cases");
		return EXIT_USAGE;
	}
	for (int i = 0, stdins = 0; i < a.npositional; i++)
		if (!strcmp(a.positional[i], "-") && ++stdins > 1) {
			cli_fail("check: \"-\"（标准输入）只能给一次",
				 "check: \"-\" (standard input) can be given only once");
			return EXIT_USAGE;
		}
	yb_corpus *corpus = NULL;
	yb_error err;
	yb_check_report rep;
	if (cli_open_corpus(a.value[RULES], NULL, &corpus, &err) ||
	    yb_check(corpus, (const char *const *)a.positional, (size_t)a.npositional, coverage,
		     print_line, NULL, &rep, &err)) {
		code = cli_report(&err);
	} else {
		bool low = false;
		cli_pager_start();
		if (coverage) {
			double share = rep.branches ? 100.0 * (double)rep.reached / (double)rep.branches
						    : 100.0;
			low = threshold >= 0 && share + 1e-9 < threshold;
			printf("coverage: %.1f%% (%zu of %zu branches)%s\n", share, rep.reached,
			       rep.branches, low ? ", below the threshold" : "");
		}
		printf("%zu passed, %zu failed\n", rep.passed, rep.failed);
		code = cli_finish(rep.failed || low ? EXIT_CHECK_FAILED : EXIT_ANSWERED);
	}
	yb_corpus_close(corpus);
	return code;
}
