/*
 * cmd_batch.c - yibao batch [FILE] [--KEY VALUE…]: JSON Lines or CSV in, one answer per query
 * out (the whole JSON answer, or the fields asked for as JSON or CSV); a summary on stderr at
 * the end, and a progress line on a terminal while a long batch runs.
 *
 * --input, --output and --fields say how it reads and writes.
 * Its flags, besides --rules, are defaults for every line: --command, --date, --explain, --lang
 * and the flag of every input of every procedure the corpus has (yb_procedure_inputs), so that a
 * fact a rule update adds can be a default at once, as it is a key of a line. Without --lang, the
 * answers are in Chinese whatever the locale, as --format json is (cli_english()).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "error.h"

const cli_text cmd_batch_help = {
	.zh = "用法：yibao batch [文件] [--input json|csv] [--fields 字段,…] [--output json|csv]\n"
	      "                  [--rules 目录] [--command 命令] [--date 日期] [--选项 值…]\n"
	      "\n"
	      "一次回答很多个查询：从文件（不给或给 - 时从标准输入）逐行读 JSON，每行一个查询，\n"
	      "键是命令和它的选项名（不带 --），例如\n"
	      "  {\"command\":\"transfer\",\"from\":\"changde\",\"to\":\"changsha\",\"type\":\"employee\"}\n"
	      "  {\"command\":\"refund\",\"case\":\"retired-overpay\",\"date\":\"2026-11-22\"}\n"
	      "  {\"command\":\"dental\",\"item\":\"root-canal\",\"city\":\"qingdao\",\"cost\":1500,\"level\":\"2\"}\n"
	      "开关写成 true，如 \"retired\":true；\"explain\":true 加上判断过程；\"lang\":\"en\" 用英文作答\n"
	      "（\"zh\" 用中文）。\n"
	      "\"id\"（字符串或数字，如工号 \"E001\"）不是条件：它原样写回这一行的答案或错误对象，\n"
	      "紧跟在 \"schema\" 之后，便于把答案对回表格的行。其他不认识的键照样报错。\n"
	      "空行和以 # 开头的注释行跳过，不输出；行尾的 \\r（CRLF）、行首行尾的空白和文件开头的\n"
	      "UTF-8 BOM 都可以有。\n"
	      "\n"
	      "整批的默认值：--command、--date、--explain、--lang 和任何手续的选项（--type、--from、\n"
	      "--city …）对没有写这个键的每一行生效，行里写的值优先；某行的手续不接受的默认值对该行不用。\n"
	      "不给 --lang 时用中文作答，不看环境变量（和 --format json 一样）。\n"
	      "默认值在读第一行之前检查，写错时什么也不输出，退出码为 2。\n"
	      "\n"
	      "每个查询行输出一行，顺序不变，和单个命令 --format json 的输出逐字节相同（带 id 时多一个\n"
	      "\"id\" 键）。无法回答的行输出错误对象\n"
	      "{\"schema\":1,\"line\":N,\"error\":{\"code\",\"exit\",\"message\"}}（N 是输入的行号），\n"
	      "其余行照常回答。\n"
	      "结束时在标准错误输出上写一行小结：\n"
	      "  yibao: batch: 998 answered, 2 errors, 3 skipped, 0.41 s\n"
	      "标准错误输出是终端（而答案不输出到终端）时，长的批次每秒几次刷新一行进度。\n"
	      "全部回答时退出码为 0；有行出错时为出错行中最大的退出码（通常是 2）。\n"
	      "一行最长 1 MiB（1048576 字节）；更长的行输出错误对象，其余行照常回答。\n"
	      "读输入出错时停下，退出码为 6（之前各行的答案已写出）；内存不足时退出码为 5。\n"
	      "\n"
	      "  --input csv     读 CSV（RFC 4180）：第一行是表头，列名就是上面的键（id,command,from,\n"
	      "                  to,type,date,…），以后每行一个查询；空格子等于不给这个键；没有注释行\n"
	      "  --fields 字段   每个答案只输出这些字段（逗号分隔），一行一个紧凑的 JSON 对象，如\n"
	      "                  --fields id,route,due；字段：line id procedure title date\n"
	      "                  corpus.version corpus.date from from.name to to.name city city.name\n"
	      "                  route route_label verdict verdict_value due questions steps.id\n"
	      "                  steps.title steps.due materials.name deadlines.title deadlines.due\n"
	      "                  estimates.paid waits.months waits.start warnings error\n"
	      "                  （含义见 docs/json.md）\n"
	      "  --output csv    把 --fields 选的字段写成 CSV：先是表头，再每个查询一行；列表用“；”\n"
	      "                  连接；总有 error 列，无法回答的行在这里写原因\n"
	      "  --rules 目录    使用该目录下的规则库，而非内置规则库（也可设 YIBAO_RULES）\n",
	.en = "Usage: yibao batch [FILE] [--input json|csv] [--fields FIELD,…] [--output json|csv]\n"
	      "                   [--rules DIR] [--command COMMAND] [--date DATE] [--OPTION VALUE…]\n"
	      "\n"
	      "Answers many queries at once: reads JSON from FILE (standard input without it, or with -),\n"
	      "one query a line, whose keys are the command and its option names (without --), such as\n"
	      "  {\"command\":\"transfer\",\"from\":\"changde\",\"to\":\"changsha\",\"type\":\"employee\"}\n"
	      "  {\"command\":\"refund\",\"case\":\"retired-overpay\",\"date\":\"2026-11-22\"}\n"
	      "  {\"command\":\"dental\",\"item\":\"root-canal\",\"city\":\"qingdao\",\"cost\":1500,\"level\":\"2\"}\n"
	      "A switch is written true, such as \"retired\":true; \"explain\":true adds the reasoning;\n"
	      "\"lang\":\"en\" answers in English (\"zh\" in Chinese).\n"
	      "\"id\" (a string or a number, such as the staff number \"E001\") is not a condition: it is\n"
	      "written back as it is into that line's answer or error object, right after \"schema\", to\n"
	      "match answers to the rows of a table. Any other unknown key is refused as usual.\n"
	      "Blank lines and comment lines starting with # are skipped, with no output; a \\r at the end\n"
	      "of a line (CRLF), white space around a line and a UTF-8 BOM at the start of the file are all\n"
	      "allowed.\n"
	      "\n"
	      "Defaults for the whole batch: --command, --date, --explain, --lang and any procedure's\n"
	      "options (--type, --from, --city …) hold for each line that does not give that key, and a\n"
	      "value in the line wins; a default the line's procedure does not take is not used for it.\n"
	      "Without --lang the answers are in Chinese, whatever the environment variables say (as with\n"
	      "--format json).\n"
	      "The defaults are checked before the first line is read: when one is wrong, nothing is\n"
	      "written, and the exit code is 2.\n"
	      "\n"
	      "Each query line gives one line of output, in the same order, byte for byte the same as the\n"
	      "single command's --format json (with an \"id\" key more where the line has one). A line that\n"
	      "cannot be answered gives an error object\n"
	      "{\"schema\":1,\"line\":N,\"error\":{\"code\",\"exit\",\"message\"}} (N is the input's line number);\n"
	      "the other lines are answered as usual.\n"
	      "At the end, one summary line goes to standard error:\n"
	      "  yibao: batch: 998 answered, 2 errors, 3 skipped, 0.41 s\n"
	      "When standard error is a terminal (and the answers do not go to a terminal), a long batch\n"
	      "redraws a progress line a few times a second.\n"
	      "The exit code is 0 when every line is answered; otherwise the largest exit code of the lines\n"
	      "in error (usually 2).\n"
	      "A line is at most 1 MiB (1048576 bytes); a longer line gives an error object, and the other\n"
	      "lines are answered as usual.\n"
	      "An error reading the input stops the batch, with exit code 6 (the answers to the lines before\n"
	      "are written); when memory runs out, the exit code is 5.\n"
	      "\n"
	      "  --input csv     read CSV (RFC 4180): the first line is the header, whose column names are\n"
	      "                  the keys above (id,command,from,to,type,date,…), then one query a line; an\n"
	      "                  empty cell is the same as not giving the key; no comment lines\n"
	      "  --fields FIELD  write only these fields of each answer (comma-separated), one compact JSON\n"
	      "                  object a line, such as --fields id,route,due; fields: line id procedure\n"
	      "                  title date corpus.version corpus.date from from.name to to.name city\n"
	      "                  city.name route route_label verdict verdict_value due questions steps.id\n"
	      "                  steps.title steps.due materials.name deadlines.title deadlines.due\n"
	      "                  estimates.paid waits.months waits.start warnings error\n"
	      "                  (what they mean: docs/json.md)\n"
	      "  --output csv    write the fields --fields chooses as CSV: the header, then one line a\n"
	      "                  query; lists are joined with \"；\"; there is always an error column, where\n"
	      "                  a line that cannot be answered gives the reason\n"
	      "  --rules DIR     use the rules in this folder instead of the built-in rules (or set\n"
	      "                  YIBAO_RULES)\n",
};

enum { MAX_PROCEDURES = 32 };

/* The slots of the options every corpus gives batch, in the order read_options() adds them. */
enum { RULES, INPUT, OUTPUT, FIELDS, COMMAND, DATE, EXPLAIN, LANG };

/* The options: --rules, --input, --output, --fields, --command, --date, --explain, --lang, then
 * every procedure's inputs, each flag once; option i has slot i. */
typedef struct {
	cli_opt opts[CLI_MAX_SLOTS];
	size_t nopts;
	const char *key[CLI_MAX_SLOTS]; /* the key of a line that each slot is the default for */
	bool is_switch[CLI_MAX_SLOTS];
	const char *commands[MAX_PROCEDURES + 1]; /* --command's choices, NULL-terminated */
} options;

static bool has_flag(const options *o, const char *flag)
{
	for (size_t i = 0; i < o->nopts; i++)
		if (!strcmp(o->opts[i].name, flag))
			return true;
	return false;
}

static void add(options *o, const char *flag, bool takes_value, const char *key,
		const char *const *choices)
{
	int slot = (int)o->nopts;
	o->opts[o->nopts++] = (cli_opt){flag, takes_value, slot, choices};
	o->key[slot] = key;
	o->is_switch[slot] = !takes_value;
}

static int read_options(const yb_corpus *c, options *o)
{
	size_t n = 0;
	for (const char *p; n < MAX_PROCEDURES && (p = yb_procedure_at(c, n)); n++)
		o->commands[n] = p;
	o->commands[n] = NULL;
	o->nopts = 0;
	static const char *const formats[] = {"json", "csv", NULL};
	add(o, "--rules", true, NULL, NULL);
	add(o, "--input", true, NULL, formats);
	add(o, "--output", true, NULL, formats);
	add(o, "--fields", true, NULL, NULL);
	add(o, "--command", true, "command", o->commands);
	add(o, "--date", true, "date", NULL);
	add(o, "--explain", false, "explain", NULL);
	add(o, "--lang", true, "lang", cli_langs);
	for (size_t k = 0; k < n; k++) {
		yb_input in[CLI_MAX_SLOTS];
		size_t total = yb_procedure_inputs(c, o->commands[k], in, CLI_MAX_SLOTS);
		for (size_t i = 0; i < total && i < CLI_MAX_SLOTS; i++) {
			/* A flag two facts claim is the first one's (lint's business, as on a
			 * procedure's command line). */
			if (!*in[i].flag || has_flag(o, in[i].flag))
				continue;
			if (o->nopts == CLI_MAX_SLOTS) {
				cli_fail("batch: 规则库各项手续的选项超过命令行能接受的 %d 个",
					 "batch: the rules' procedures have more options than the %d "
					 "the command line takes",
					 CLI_MAX_SLOTS - (LANG + 1));
				return EXIT_CORPUS;
			}
			add(o, in[i].flag, in[i].kind != YB_INPUT_BOOL, in[i].name, NULL);
		}
	}
	return EXIT_ANSWERED;
}

/* ---- Progress ------------------------------------------------------------------------------ */

typedef struct {
	struct timespec start;
	double drawn; /* when the line was last drawn, in seconds from the start */
	bool shown;   /* a line is on the screen */
} progress;

static double seconds_since(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Redraws the progress line once the batch has run half a second, four times a second. */
static void show_progress(void *ctx, const yb_batch_stats *stats)
{
	progress *p = ctx;
	double now = seconds_since(&p->start);
	if (now < 0.5 || now - p->drawn < 0.25)
		return;
	char line[160];
	cli_batch_progress(line, sizeof(line), stats, now);
	fprintf(stderr, "\r%s\033[K", line);
	fflush(stderr);
	p->drawn = now;
	p->shown = true;
}

/* ---- The command --------------------------------------------------------------------------- */

static int run(const yb_corpus *corpus, const yb_corpus_origin *origin, const options *o,
	       const cli_args *a, FILE *in)
{
	yb_batch_default defaults[CLI_MAX_SLOTS];
	yb_batch_options opts = {0};
	opts.origin = origin;
	opts.input = a->value[INPUT] && !strcmp(a->value[INPUT], "csv") ? YB_BATCH_CSV
									  : YB_BATCH_JSON;
	opts.output = a->value[OUTPUT] && !strcmp(a->value[OUTPUT], "csv") ? YB_BATCH_CSV
									    : YB_BATCH_JSON;
	opts.fields = a->value[FIELDS];
	opts.defaults = defaults;
	for (size_t s = 0; s < o->nopts; s++)
		if (o->key[s] && a->value[s])
			defaults[opts.ndefaults++] =
			    (yb_batch_default){o->key[s], o->is_switch[s] ? "true" : a->value[s]};
	progress p = {0};
	clock_gettime(CLOCK_MONOTONIC, &p.start);
	/* Answers on the terminal too would run into the line being redrawn: none then. */
	if (isatty(STDERR_FILENO) && !isatty(STDOUT_FILENO)) {
		opts.progress = show_progress;
		opts.progress_ctx = &p;
	}

	yb_batch_stats stats;
	yb_error err;
	yb_status st = yb_batch_run(corpus, in, cli_write_stdout, NULL, &opts, &stats, &err);
	if (p.shown)
		fputs("\r\033[K", stderr);
	/* A default, a field or the CSV header refused: the batch never started, and there is
	 * nothing to sum up. */
	if (st && yb_exit_code(st) == EXIT_USAGE) {
		cli_fail("batch: %s", "batch: %s", yb_error_text(&err, cli_in_english()));
		return EXIT_USAGE;
	}
	int code = st ? cli_report(&err) : cli_finish(stats.worst_exit);
	char summary[160];
	cli_batch_summary(summary, sizeof(summary), &stats, seconds_since(&p.start));
	fprintf(stderr, "%s\n", summary);
	return code;
}

/* Opens the input the arguments name, runs the batch on it and closes it. */
static int read_input(const yb_corpus *corpus, const yb_corpus_origin *origin, const options *o,
		      const cli_args *a)
{
	if (a->npositional > 1) {
		cli_fail("batch: 多余的参数 \"%s\"（用法：yibao batch [文件] [--input json|csv] "
			 "[--fields 字段,…] [--output json|csv] [--选项 值…]）",
			 "batch: unexpected argument \"%s\" (usage: yibao batch [FILE] [--input "
			 "json|csv] [--fields FIELD,…] [--output json|csv] [--OPTION VALUE…])",
			 a->positional[1]);
		return EXIT_USAGE;
	}
	const char *path = a->npositional ? a->positional[0] : NULL;
	FILE *in = stdin;
	if (path && strcmp(path, "-") != 0 && !(in = fopen(path, "r"))) {
		int e = errno;
		cli_fail("batch: 无法打开 %s：%s", "batch: cannot open %s: %s", path,
			 cli_strerror(e));
		return EXIT_USAGE;
	}
	int code = run(corpus, origin, o, a, in);
	if (in != stdin)
		fclose(in);
	return code;
}

int cmd_batch(int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		cli_pager_start();
		fputs(cli_text_of(&cmd_batch_help), stdout);
		return cli_finish(EXIT_ANSWERED);
	}
	/* The options are the corpus's, so the corpus comes first: the one --rules names. */
	yb_corpus *corpus = NULL;
	yb_corpus_origin origin;
	yb_error err;
	options o; /* a few KB */
	cli_args a;
	int code;
	if (cli_open_corpus_from(cli_peek(argc, argv, "--rules"), NULL, &corpus, &origin, &err))
		code = cli_report(&err);
	else if (!(code = read_options(corpus, &o)) &&
		 !(code = cli_parse("batch", NULL, o.opts, o.nopts, argc, argv, &a)))
		code = read_input(corpus, &origin, &o, &a);
	yb_corpus_close(corpus);
	return code;
}
