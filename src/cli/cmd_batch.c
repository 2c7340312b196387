/* cmd_batch.c - yibao batch [FILE]: JSON Lines or CSV in, one answer per query out. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

const char cmd_batch_help[] =
	"用法：yibao batch [文件] [--input json|csv] [--fields 字段,…] [--output json|csv]\n"
	"                  [--rules 目录]\n"
	"\n"
	"一次回答很多个查询：从文件（不给或给 - 时从标准输入）逐行读 JSON，每行一个查询，\n"
	"键是命令和它的选项名（不带 --），例如\n"
	"  {\"command\":\"transfer\",\"from\":\"changde\",\"to\":\"changsha\",\"type\":\"employee\"}\n"
	"  {\"command\":\"refund\",\"case\":\"retired-overpay\",\"date\":\"2026-11-22\"}\n"
	"  {\"command\":\"dental\",\"item\":\"root-canal\",\"city\":\"qingdao\",\"cost\":1500,\"level\":\"2\"}\n"
	"开关写成 true，如 \"retired\":true；\"explain\":true 加上判断过程。\n"
	"\n"
	"输出第 N 行回答输入第 N 行，和单个命令 --format json 的输出逐字节相同。无法回答的行\n"
	"输出错误对象 {\"schema\":1,\"line\":N,\"error\":{\"code\",\"exit\",\"message\"}}，其余行照常回答。\n"
	"全部回答时退出码为 0；有行出错时为出错行中最大的退出码（通常是 2）。\n"
	"一行最长 1 MiB（1048576 字节）；更长的行输出错误对象，其余行照常回答。\n"
	"读输入出错时停下，退出码为 6（之前各行的答案已写出）；内存不足时退出码为 5。\n"
	"\n"
	"  --input csv     读 CSV（RFC 4180）：第一行是表头，列名就是上面的键（command,from,to,\n"
	"                  type,date,…），以后每行一个查询；空格子等于不给这个键\n"
	"  --fields 字段   每个答案只输出这些字段（逗号分隔），一行一个紧凑的 JSON 对象，如\n"
	"                  --fields route,due；字段：line procedure title date corpus.version\n"
	"                  corpus.date from from.name to to.name city city.name route\n"
	"                  route_label verdict verdict_value due questions steps.id steps.title\n"
	"                  steps.due materials.name deadlines.title deadlines.due\n"
	"                  estimates.paid waits.months waits.start warnings error\n"
	"                  （含义见 docs/json.md）\n"
	"  --output csv    把 --fields 选的字段写成 CSV：先是表头，再每个查询一行；列表用“；”\n"
	"                  连接；总有 error 列，无法回答的行在这里写原因\n"
	"  --rules 目录    使用该目录下的规则库，而非内置规则库（也可设 YIBAO_RULES）\n";

int cmd_batch(int argc, char **argv)
{
	enum { RULES, INPUT, OUTPUT, FIELDS };
	static const char *const formats[] = {"json", "csv", NULL};
	static const cli_opt opts[] = {{"--rules", true, RULES, NULL},
				       {"--input", true, INPUT, formats},
				       {"--output", true, OUTPUT, formats},
				       {"--fields", true, FIELDS, NULL}};
	cli_args a;
	int code;
	if ((code = cli_parse("batch", cmd_batch_help, opts, sizeof(opts) / sizeof(opts[0]), argc,
			      argv, &a)) ||
	    a.help)
		return code;
	if (a.npositional > 1) {
		cli_error("batch: 多余的参数 \"%s\"（用法：yibao batch [文件] [--input json|csv] "
			  "[--fields 字段,…] [--output json|csv] [--rules 目录]）",
			  a.positional[1]);
		return EXIT_USAGE;
	}
	yb_batch_options options = {0};
	options.input = a.value[INPUT] && !strcmp(a.value[INPUT], "csv") ? YB_BATCH_CSV
									  : YB_BATCH_JSON;
	options.output = a.value[OUTPUT] && !strcmp(a.value[OUTPUT], "csv") ? YB_BATCH_CSV
									    : YB_BATCH_JSON;
	options.fields = a.value[FIELDS];
	const char *rules = a.value[RULES], *path = a.npositional ? a.positional[0] : NULL;
	FILE *in = stdin;
	if (path && strcmp(path, "-") != 0 && !(in = fopen(path, "r"))) {
		cli_error("batch: 无法打开 %s：%s", path, strerror(errno));
		return EXIT_USAGE;
	}
	yb_corpus *corpus = NULL;
	yb_error err;
	yb_batch_stats stats;
	yb_corpus_origin origin;
	options.origin = &origin;
	if (cli_open_corpus_from(rules, NULL, &corpus, &origin, &err) ||
	    yb_batch_run(corpus, &options, in, cli_write_stdout, NULL, &stats, &err))
		code = cli_report(&err);
	else
		code = cli_finish(stats.worst_exit);
	if (in != stdin)
		fclose(in);
	yb_corpus_close(corpus);
	return code;
}
