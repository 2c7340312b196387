/* cmd_lint.c - yibao lint: check a rule corpus and report every finding with its place. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const cli_text cmd_lint_help = {
	.zh = "用法：yibao lint [--rules 目录]\n"
	      "\n"
	      "检查规则库，每个问题一行：文件:行:列: error|warning: 说明。\n"
	      "error（错误）：语法、未知的键、类型不对、引用了不存在或重复的编号、条目没有来源、\n"
	      "引用未证实来源却没有标注、永远走不到的分支、有效日期重叠的同一规则的几个版本；\n"
	      "按抽样的城市和日期运行办理流程时：步骤的到期日晚于全流程时限、时限接续的步骤不在答案里、\n"
	      "省市替换上级条目的条目出现在没有该上级条目的答案里（条件比被替换的条目宽）。\n"
	      "warning（提醒）：同一节点上条件重叠、某些取值既无分支也无 default、没有规则引用的来源、\n"
	      "同一规则的几个版本之间有日期空档。\n"
	      "有错误时退出码为 3，只有提醒或没有问题时为 0。不给 --rules 时检查 YIBAO_RULES 指定的\n"
	      "目录，再没有就检查内置规则库。\n",
	.en = "Usage: yibao lint [--rules DIR]\n"
	      "\n"
	      "Checks the rules, one line a finding: FILE:LINE:COLUMN: error|warning: what.\n"
	      "error: syntax, an unknown key, a wrong type, a reference to an id that does not exist or is\n"
	      "used twice, an item without a source, a reference to an unconfirmed source that is not\n"
	      "marked so, a branch that can never be reached, versions of one rule in force on overlapping\n"
	      "dates; and, running the procedures for sampled cities and dates: a step due later than the\n"
	      "whole procedure's time limit, a step whose time limit follows a step that is not in the\n"
	      "answer, an item of a province or city that replaces a higher level's item shown in an answer\n"
	      "without that item (its condition is wider than the replaced item's).\n"
	      "warning: overlapping conditions on one node, values with neither a branch nor a default, a\n"
	      "source no rule cites, a gap in dates between versions of one rule.\n"
	      "The exit code is 3 with errors, 0 with only warnings or none. Without --rules, checks the\n"
	      "folder YIBAO_RULES names, or else the built-in rules.\n",
};

typedef struct {
	const char *root;
} lint_ctx;

static void print_finding(void *ctx, const yb_diag *d)
{
	const lint_ctx *l = ctx;
	char raw[2048], shown[4096];
	int root = (int)strlen(l->root);
	while (root > 1 && l->root[root - 1] == '/')
		root--; /* as the loader names files: rules/x.yaml, not rules//x.yaml */
	snprintf(raw, sizeof(raw), "%.*s/%s:%d:%d: %s: %s", root, l->root, d->file, d->line,
		 d->column, d->is_error ? "error" : "warning", d->message);
	cli_pager_start();
	printf("%s\n", yb_escape_controls(shown, sizeof(shown), raw));
}

int cmd_lint(int argc, char **argv)
{
	enum { RULES };
	static const cli_opt opts[] = {{"--rules", true, RULES, NULL}};
	cli_args a;
	int code;
	if ((code = cli_parse("lint", &cmd_lint_help, opts, 1, argc, argv, &a)) || a.help)
		return code;
	if (a.npositional) {
		cli_fail("lint: 多余的参数 \"%s\"（用法：yibao lint [--rules 目录]）",
			 "lint: unexpected argument \"%s\" (usage: yibao lint [--rules DIR])",
			 a.positional[0]);
		return EXIT_USAGE;
	}
	const char *rules = a.value[RULES];
	if (!rules) {
		const char *env = getenv("YIBAO_RULES");
		if (env && *env)
			rules = env;
	}
	lint_ctx ctx = {rules ? rules : "rules"};
	size_t errors, warnings;
	yb_error err;
	yb_status st = yb_lint(rules, print_finding, &ctx, &errors, &warnings, &err);
	if (st != YB_OK && st != YB_ECORPUS)
		return cli_report(&err);
	code = cli_finish(errors ? EXIT_CORPUS : EXIT_ANSWERED);
	if ((errors || warnings) && cli_in_english())
		fprintf(stderr, "yibao: %zu %s, %zu %s\n", errors, errors == 1 ? "error" : "errors",
			warnings, warnings == 1 ? "warning" : "warnings");
	else if (errors || warnings)
		fprintf(stderr, "yibao: %zu 个错误，%zu 个提醒\n", errors, warnings);
	return code;
}
