/*
 * cmd_serve.c - yibao serve: the rules as an HTTP JSON API (src/serve/serve.c, docs/serve.md).
 *
 * The server links libmicrohttpd, which the static yibao does not load: that one hands serve
 * to yibao-net (net.c), as it hands over update. A build of the command without the server
 * (YIBAO_SERVE undefined: the static yibao, the fuzz target) only reads the options.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#ifdef YIBAO_SERVE
#include "serve/serve.h"
#endif

const cli_text cmd_serve_help = {
	.zh = "用法：yibao serve [--listen 地址:端口] [--max-connections N] [--timeout 秒] [--rules 目录]\n"
	      "\n"
	      "以 HTTP JSON 接口回答查询（docs/serve.md，docs/openapi.yaml）：\n"
	      "  POST /v1/answer           一个查询（同 yibao batch 的一行），答案同 --format json\n"
	      "  GET  /v1/手续?from=…&to=…  同上，条件写在查询串里\n"
	      "  POST /v1/batch            JSON Lines，每行一个查询，每行一个答案\n"
	      "  GET  /v1/cities?q=地名     解析地名（拼音、汉字、行政区划代码），给出相近的地名\n"
	      "  GET  /v1/procedures       各项手续要填的条件（名称、种类、选项）\n"
	      "  GET  /v1/corpus           规则库的版本、日期和来源\n"
	      "  GET  /                    给办事大厅和 12393 热线人员用的查询页面\n"
	      "  GET  /healthz，/readyz，/metrics（Prometheus 文本格式）\n"
	      "每个请求在 stderr 写一行访问日志（JSON）。SIGTERM 或 SIGINT：不再接受连接，\n"
	      "处理完进行中的请求后退出（退出码 0）。SIGHUP，或 yibao update 装了新的更新：\n"
	      "换用新的规则库，进行中的请求仍用旧的（新的打不开或校验不过则不换）。\n"
	      "\n"
	      "  --listen           监听地址，默认 127.0.0.1:8080（只接受本机连接）；端口 0：任选空闲端口\n"
	      "  --max-connections  同时最多的连接数，默认 64\n"
	      "  --timeout          连接空闲多少秒后关闭，默认 30；也是停止时等待请求完成的上限\n"
	      "  --rules            规则库目录（默认：已安装的更新或内置规则库）\n",
	.en = "Usage: yibao serve [--listen ADDRESS:PORT] [--max-connections N] [--timeout SECONDS]\n"
	      "                   [--rules DIR]\n"
	      "\n"
	      "Answers queries as an HTTP JSON API (docs/serve.md, docs/openapi.yaml):\n"
	      "  POST /v1/answer           one query (as a line of yibao batch), answered as --format json\n"
	      "  GET  /v1/PROCEDURE?from=…&to=…\n"
	      "                            the same, the conditions in the query string\n"
	      "  POST /v1/batch            JSON Lines, one query a line, one answer a line\n"
	      "  GET  /v1/cities?q=NAME    resolves a place name (pinyin, Chinese, administrative division\n"
	      "                            code) and gives the names near it\n"
	      "  GET  /v1/procedures       the conditions each procedure asks for (name, kind, choices)\n"
	      "  GET  /v1/corpus           the rules' version, date and origin\n"
	      "  GET  /                    a query page for service-hall and 12393 hotline staff\n"
	      "  GET  /healthz, /readyz, /metrics (Prometheus text format)\n"
	      "Each request writes one access-log line (JSON) to stderr. SIGTERM or SIGINT: no new\n"
	      "connections are taken, and it exits (exit code 0) once the requests under way are done.\n"
	      "SIGHUP, or yibao update installing a new update: it switches to the new rules, while the\n"
	      "requests under way keep the old ones (it does not switch when the new ones cannot be opened\n"
	      "or fail their check).\n"
	      "\n"
	      "  --listen           the address to listen on, default 127.0.0.1:8080 (connections from this\n"
	      "                     machine only); port 0: any free port\n"
	      "  --max-connections  the most connections at once, default 64\n"
	      "  --timeout          seconds a connection may stay idle before it is closed, default 30;\n"
	      "                     also the longest wait for requests to finish when stopping\n"
	      "  --rules            the rules' folder (default: the installed update or the built-in rules)\n",
};

int cmd_serve(int argc, char **argv)
{
	enum { LISTEN, CONNECTIONS, TIMEOUT, RULES };
	static const cli_opt opts[] = {{"--listen", true, LISTEN, NULL},
				       {"--max-connections", true, CONNECTIONS, NULL},
				       {"--timeout", true, TIMEOUT, NULL},
				       {"--rules", true, RULES, NULL}};
	cli_args a;
	int code;
	if ((code = cli_parse("serve", &cmd_serve_help, opts, 4, argc, argv, &a)) || a.help)
		return code;
	if (a.npositional) {
		cli_fail("serve: 多余的参数 \"%s\"（用法：yibao serve [--listen 地址:端口]）",
			 "serve: unexpected argument \"%s\" (usage: yibao serve [--listen "
			 "ADDRESS:PORT])",
			 a.positional[0]);
		return EXIT_USAGE;
	}
	long connections = 64, timeout = 30;
	yb_error err;
	if ((a.value[CONNECTIONS] && yb_integer_read("--max-connections", a.value[CONNECTIONS], 1,
						     10000, &connections, &err)) ||
	    (a.value[TIMEOUT] &&
	     yb_integer_read("--timeout", a.value[TIMEOUT], 1, 3600, &timeout, &err))) {
		cli_fail("serve: %s", "serve: %s", yb_error_text(&err, cli_in_english()));
		return EXIT_USAGE;
	}
#ifdef YIBAO_SERVE
	yb_corpus *corpus = NULL;
	yb_corpus_origin origin;
	if (cli_open_corpus_from(a.value[RULES], NULL, &corpus, &origin, &err))
		return cli_report(&err);
	serve_options o = {a.value[LISTEN] ? a.value[LISTEN] : "127.0.0.1:8080",
			   (unsigned)connections, (unsigned)timeout, 1024 * 1024,
			   64 * 1024 * 1024, a.value[RULES]};
	return serve_run(corpus, &origin, &o);
#else
	cli_fail("serve: 这个 yibao 构建没有 HTTP 服务（libmicrohttpd）：由 yibao-net 运行",
		 "serve: this build of yibao has no HTTP server (libmicrohttpd): yibao-net runs it");
	return EXIT_SYSTEM;
#endif
}
