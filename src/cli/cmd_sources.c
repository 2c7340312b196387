/* cmd_sources.c - yibao sources: every source the corpus cites, to check each against its page. */
#include <stdio.h>

#include "cli.h"

const cli_text cmd_sources_help = {
	.zh = "用法：yibao sources [--unlinked] [--format text|json] [--rules 目录]\n"
	      "\n"
	      "列出规则库的全部来源，每条一行：编号、类别（官方、文章、网页）、标题、文号、发布者、\n"
	      "日期、网址和查阅日期，便于逐条核对规则与来源是否一致。\n"
	      "\n"
	      "  --unlinked  只列出既没有网址也没有文号的来源（即原始文章，按标题和日期列出）\n"
	      "  --format    text（默认）或 json：JSON 数组，字段同答案的 sources（docs/json.md），没有 n\n",
	.en = "Usage: yibao sources [--unlinked] [--format text|json] [--rules DIR]\n"
	      "\n"
	      "Lists every source of the rules, one a line: number, kind (official, article, web page),\n"
	      "title, document number, publisher, date, URL and the date it was read, to check one by one\n"
	      "that the rules agree with their sources.\n"
	      "\n"
	      "  --unlinked  only the sources with neither a URL nor a document number (the original\n"
	      "              articles, listed by title and date)\n"
	      "  --format    text (default) or json: a JSON array, with the fields of an answer's sources\n"
	      "              (docs/json.md), without n\n",
};

int cmd_sources(int argc, char **argv)
{
	enum { UNLINKED, FORMAT, RULES };
	static const char *const formats[] = {"text", "json", NULL};
	static const cli_opt opts[] = {{"--unlinked", false, UNLINKED, NULL},
				       {"--format", true, FORMAT, formats},
				       {"--rules", true, RULES, NULL}};
	cli_args a;
	int code;
	if ((code = cli_parse("sources", &cmd_sources_help, opts, 3, argc, argv, &a)) || a.help)
		return code;
	if (a.npositional) {
		cli_fail("sources: 多余的参数 \"%s\"（用法：yibao sources [--unlinked]）",
			 "sources: unexpected argument \"%s\" (usage: yibao sources [--unlinked])",
			 a.positional[0]);
		return EXIT_USAGE;
	}
	yb_corpus *corpus = NULL;
	yb_error err;
	bool json = a.value[FORMAT] && a.value[FORMAT][0] == 'j';
	if (cli_open_corpus(a.value[RULES], "", &corpus, &err)) {
		code = cli_report(&err);
	} else {
		if (!json)
			cli_pager_start();
		code = yb_render_sources(corpus, json, a.value[UNLINKED] != NULL, cli_write_stdout,
					 NULL, &err)
			       ? cli_report(&err)
			       : cli_finish(EXIT_ANSWERED);
	}
	yb_corpus_close(corpus);
	return code;
}
