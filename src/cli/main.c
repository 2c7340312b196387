/*
 * main.c - the yibao command table and dispatch.
 *
 *   yibao [--no-pager] <command> [options]
 *
 * main() itself is in yibao.c, so that the dispatch can be linked into other programs too (the
 * command-line fuzz target in tests/fuzz runs it in-process).
 * Results go to stdout, diagnostics to stderr; see cli.h for the exit codes. The commands marked
 * `net` load libcurl, libcrypto or libmicrohttpd: the static yibao has yibao-net run them (net.c).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

const cli_command cli_commands[] = {
	{"transfer", {"医保关系转移接续：转出、转入的步骤、材料、时限和依据",
	  "moving your medical insurance to another place: steps, papers, time limits, sources"}, cmd_transfer,
	 &cmd_transfer_help},
	{"region-change", {"参保地变更：线上线下办法、材料、时限，断缴和重复参保",
	  "changing where you are insured: online and at the counter, papers, gaps and double cover"}, cmd_region_change,
	 &cmd_region_change_help},
	{"activate", {"医保卡激活：金融账户和医保账户，本人、代办和未成年人",
	  "activating the medical-insurance card: the bank and insurance accounts, in person, by proxy, for minors"}, cmd_activate,
	 &cmd_activate_help},
	{"refund", {"重复缴费退费：能不能退、退多少、何时何地申请",
	  "refunds of premiums paid twice: whether, how much, when and where to apply"}, cmd_refund,
	 &cmd_refund_help},
	{"dental", {"牙科报销：哪些项目能报、条件和报销额估算",
	  "dental treatment: what the insurance pays for, on what conditions, an estimate"}, cmd_dental,
	 &cmd_dental_help},
	{"waiting", {"断保后的待遇等待期：适用规定、计算过程和待遇起始日",
	  "the waiting period after a gap in cover: which rule, the working, when benefits start"}, cmd_waiting,
	 &cmd_waiting_help},
	{"workday", {"工作日计算：某日之后第 N 个工作日（按官方节假日和调休）",
	  "working days: the N-th working day after a date (official holidays and swapped days)"}, cmd_workday,
	 &cmd_workday_help},
	{"check", {"运行用例文件：检查答案是否符合预期，并报告决策树分支覆盖率",
	  "run case files: check answers against what they expect, and report branch coverage"}, cmd_check,
	 &cmd_check_help},
	{"batch", {"批量回答：每行一个 JSON 查询，每行一个 JSON 答案",
	  "many answers: one JSON query a line in, one JSON answer a line out"}, cmd_batch,
	 &cmd_batch_help},
	{"serve", {"HTTP JSON 接口：POST /v1/answer 等，同 --format json 的答案",
	  "an HTTP JSON service: POST /v1/answer and more, answers as --format json gives them"}, cmd_serve,
	 &cmd_serve_help, true},
	{"update", {"更新规则库：下载签名的规则包，核对后原子安装；--rollback 退回",
	  "update the rules: download a signed bundle, check it and install it at once; --rollback"}, cmd_update,
	 &cmd_update_help, true},
	{"corpus", {"显示正在使用的规则库：来源、版本、签名和下载地址",
	  "the rules in use: where they come from, version, signature and download address"}, cmd_corpus,
	 &cmd_corpus_help},
	{"bundle", {"把规则库目录打成签名的规则包（维护者用）",
	  "pack a rules folder into a signed bundle (for maintainers)"}, cmd_bundle,
	 &cmd_bundle_help, true},
	{"keygen", {"生成规则包签名密钥（维护者用）",
	  "make a key for signing rule bundles (for maintainers)"}, cmd_keygen,
	 &cmd_keygen_help, true},
	{"sources", {"列出规则库的全部来源，便于逐条核对；--unlinked 只列没有网址和文号的",
	  "list every source of the rules, to check them one by one; --unlinked: those without a URL or number"}, cmd_sources,
	 &cmd_sources_help},
	{"lint", {"检查规则库：语法、引用、来源、走不到的分支、重叠和遗漏的条件",
	  "check the rules: syntax, references, sources, unreachable branches, overlapping and missing conditions"}, cmd_lint,
	 &cmd_lint_help},
	{"completion", {"打印 bash、zsh 或 fish 的补全脚本",
	  "print the completion script for bash, zsh or fish"}, cmd_completion,
	 &cmd_completion_help},
	{"list", {"列出全部命令",
	  "list every command"}, cmd_list,
	 &cmd_list_help},
	{"help", {"显示帮助：yibao help 命令",
	  "show help: yibao help COMMAND"}, cmd_help,
	 &cmd_help_help},
	{NULL, {NULL, NULL}, NULL, NULL},
};

/* `yibao --help`: the commands' list and the exit codes go between its three parts. */
static const cli_text main_help[3] = {
	{"yibao：查询医保手续（转移接续、参保地变更、医保卡激活、退费、牙科报销、断保等待期）的\n"
	 "办理步骤、所需材料、办理时限和政策依据；也能按官方节假日数工作日、批量回答、检查规则库。\n"
	 "\n"
	 "用法：yibao 命令 [选项]\n"
	 "\n"
	 "命令：\n",
	 "yibao: the steps, papers, time limits and sources of medical-insurance (医保) procedures\n"
	 "(transfer, change of where you are insured, card activation, refunds, dental treatment,\n"
	 "the waiting period after a gap); it also counts official working days, answers in batch\n"
	 "and checks the rules.\n"
	 "\n"
	 "Usage: yibao COMMAND [options]\n"
	 "\n"
	 "Commands:\n"},
	{"\n"
	 "手续类命令的通用选项：--format text|json  --rules 目录  --date YYYY-MM-DD  --explain\n"
	 "                      --lang zh|en  --no-color  --help（或 -h）\n"
	 "每个命令都接受 --no-pager：在终端里也不用分页程序（YIBAO_PAGER、PAGER，默认 less）；\n"
	 "和 --lang zh|en：帮助、提示和答案的语言（不写时按 LC_ALL、LC_MESSAGES、LANG）\n"
	 "每个命令的选项：yibao 命令 --help，或 yibao help 命令。\n"
	 "选项写作 --名称 值 或 --名称=值，名称要写全；-- 之后的都是参数，不是选项\n"
	 "\n"
	 "退出码：\n",
	 "\n"
	 "Options of the procedure commands: --format text|json  --rules DIR  --date YYYY-MM-DD\n"
	 "                                   --explain  --lang zh|en  --no-color  --help (or -h)\n"
	 "Every command takes --no-pager: no pager even in a terminal (YIBAO_PAGER, PAGER, else less);\n"
	 "and --lang zh|en: the language of help, messages and answers (else LC_ALL, LC_MESSAGES, LANG)\n"
	 "Each command's options: yibao COMMAND --help, or yibao help COMMAND.\n"
	 "Options are written --name value or --name=value, the name in full; whatever follows --\n"
	 "is an argument, not an option\n"
	 "\n"
	 "Exit codes:\n"},
	{"\n"
	 "文档：man yibao，man yibao 命令；README.md，docs/（rules.md 规则库格式，json.md JSON 输出）\n",
	 "\n"
	 "Documentation: man yibao, man yibao COMMAND; README.md, docs/ (rules.md: the rules' format,\n"
	 "json.md: the JSON output)\n"},
};

const cli_text cmd_list_help = {
	.zh = "用法：yibao list\n"
	      "\n"
	      "列出全部命令，每个一行说明。每个命令的选项：yibao 命令 --help\n",
	.en = "Usage: yibao list\n"
	      "\n"
	      "Lists every command, each with a line on what it does. Each command's options:\n"
	      "yibao COMMAND --help\n",
};

const cli_text cmd_help_help = {
	.zh = "用法：yibao help [命令]\n"
	      "\n"
	      "不给命令时显示总的帮助（命令、通用选项、退出码）；给了命令时显示该命令的帮助，\n"
	      "和 yibao 命令 --help 相同。\n",
	.en = "Usage: yibao help [COMMAND]\n"
	      "\n"
	      "Without a command, the general help (commands, common options, exit codes); with a\n"
	      "command, that command's help, the same as yibao COMMAND --help.\n",
};

const cli_command *cli_find_command(const char *name)
{
	for (const cli_command *c = cli_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static void print_main_help(FILE *out)
{
	char list[2048] = "";
	for (const cli_command *c = cli_commands; c->name; c++) {
		size_t len = strlen(list);
		snprintf(list + len, sizeof(list) - len, "  %-14s %s\n", c->name,
			 cli_text_of(&c->summary));
	}
	char codes[1024] = "";
	for (int code = 0; yb_exit_meaning(code, false); code++) {
		size_t len = strlen(codes);
		snprintf(codes + len, sizeof(codes) - len, "  %d  %s\n", code,
			 yb_exit_meaning(code, cli_in_english()));
	}
	if (out == stdout)
		cli_pager_start();
	fputs(cli_text_of(&main_help[0]), out);
	fputs(list, out);
	fputs(cli_text_of(&main_help[1]), out);
	fputs(codes, out);
	fputs(cli_text_of(&main_help[2]), out);
}

int cmd_list(int argc, char **argv)
{
	cli_args a;
	int code;
	if ((code = cli_parse("list", &cmd_list_help, NULL, 0, argc, argv, &a)) || a.help)
		return code;
	if (a.npositional) {
		cli_fail("list 不接受参数", "list takes no arguments");
		return EXIT_USAGE;
	}
	cli_pager_start();
	for (const cli_command *c = cli_commands; c->name; c++)
		printf("%-14s %s\n", c->name, cli_text_of(&c->summary));
	return cli_finish(EXIT_ANSWERED);
}

static void unknown_command(const char *name)
{
	const cli_command *best = NULL;
	int best_d = 3;
	for (const cli_command *c = cli_commands; c->name; c++) {
		int d = yb_edit_distance(name, c->name);
		if (d < best_d)
			best = c, best_d = d;
	}
	if (best)
		cli_fail("未知命令 \"%s\"；是不是 %s？（全部命令：yibao list）",
			 "unknown command \"%s\"; did you mean %s? (all commands: yibao list)", name,
			 best->name);
	else
		cli_fail("未知命令 \"%s\"（全部命令：yibao list）",
			 "unknown command \"%s\" (all commands: yibao list)", name);
}

int cmd_help(int argc, char **argv)
{
	cli_args a;
	int code;
	if ((code = cli_parse("help", &cmd_help_help, NULL, 0, argc, argv, &a)) || a.help)
		return code;
	if (!a.npositional) {
		print_main_help(stdout);
		return cli_finish(EXIT_ANSWERED);
	}
	if (a.npositional > 1) {
		cli_fail("help: 多余的参数 \"%s\"（用法：yibao help [命令]）",
			 "help: unexpected argument \"%s\" (usage: yibao help [COMMAND])",
			 a.positional[1]);
		return EXIT_USAGE;
	}
	const cli_command *c = cli_find_command(a.positional[0]);
	if (!c) {
		unknown_command(a.positional[0]);
		return EXIT_USAGE;
	}
	/* The same text as `yibao COMMAND --help`, which for a procedure also lists the options
	 * its corpus adds. */
	char name[32], flag[] = "--help";
	snprintf(name, sizeof(name), "%s", c->name);
	char *args[] = {name, flag, NULL};
	return c->run(2, args);
}

static int version(void)
{
	yb_corpus *corpus = NULL;
	yb_error err;
	printf("yibao %s\n", YB_VERSION);
	if (cli_open_corpus(NULL, "", &corpus, &err) != YB_OK) {
		cli_finish(EXIT_ANSWERED);
		return cli_report(&err);
	}
	if (cli_in_english())
		printf("rules %s (%s)\n", yb_corpus_version(corpus), yb_corpus_date(corpus));
	else
		printf("规则库 %s（%s）\n", yb_corpus_version(corpus), yb_corpus_date(corpus));
	yb_corpus_close(corpus);
	return cli_finish(EXIT_ANSWERED);
}

/* --no-pager, which every command takes, before the command or among its options before "--";
 * one before the command is taken out of argv. */
static void no_pager(int *argc, char ***argv)
{
	while (*argc > 1 && !strcmp((*argv)[1], "--no-pager")) {
		cli_pager_off();
		(*argv)[1] = (*argv)[0];
		(*argv)++, (*argc)--;
	}
	for (int i = 2; i < *argc && strcmp((*argv)[i], "--") != 0; i++)
		if (!strcmp((*argv)[i], "--no-pager"))
			cli_pager_off();
}

/* --lang zh|en (or --lang=…) before the command is moved after it, where the command's parser
 * checks it as it does any of its options: `yibao --lang en transfer …`. */
static void lang_first(int argc, char **argv)
{
	if (argc < 2 || strncmp(argv[1], "--lang", 6) != 0 || (argv[1][6] && argv[1][6] != '='))
		return;
	int n = argv[1][6] == '=' ? 1 : 2; /* the option, and its value when not joined by = */
	if (argc < 2 + n)
		return; /* no command after it: cli_main() says so */
	char *option = argv[1], *value = argv[2];
	argv[1] = argv[1 + n]; /* the command first */
	argv[2] = option;
	if (n == 2)
		argv[3] = value;
}

int cli_main(int argc, char **argv)
{
	no_pager(&argc, &argv);
	lang_first(argc, argv);
	cli_lang_choose(cli_peek(argc - 1, argv + 1, "--lang"),
			cli_peek(argc - 1, argv + 1, "--format"));
	if (argc < 2) {
		print_main_help(stderr);
		return EXIT_USAGE;
	}
	const char *name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h")) {
		print_main_help(stdout);
		return cli_finish(EXIT_ANSWERED);
	}
	if (!strcmp(name, "--version") || !strcmp(name, "-V"))
		return version();
	if (name[0] == '-') {
		cli_fail("请先写命令，再写选项，如 yibao transfer %s …（全部命令：yibao list）",
			 "write the command first, then its options, as in yibao transfer %s … (all "
			 "commands: yibao list)",
			 name);
		return EXIT_USAGE;
	}
	const cli_command *c = cli_find_command(name);
	if (!c) {
		unknown_command(name);
		return EXIT_USAGE;
	}
	if (c->net && cli_net_elsewhere() && !cli_wants_help(argc - 1, argv + 1))
		return cli_exec_net(argc - 1, argv + 1);
	int code = c->run(argc - 1, argv + 1);
	cli_pager_end(); /* never leave the pager holding the terminal */
	return code;
}
