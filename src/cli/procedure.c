/*
 * procedure.c - what every procedure command shares: the common flags, picking the corpus,
 * running the query and rendering the answer.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

enum { OPT_FORMAT = 1000, OPT_RULES, OPT_DATE, OPT_HELP, OPT_EXPLAIN, OPT_LIST, OPT_FACT };

static const struct {
	const char *name;
	int has_arg;
	int val;
} common[] = {
	{"format", required_argument, OPT_FORMAT},
	{"rules", required_argument, OPT_RULES},
	{"date", required_argument, OPT_DATE},
	{"help", no_argument, OPT_HELP},
	{"explain", no_argument, OPT_EXPLAIN},
};
enum { NCOMMON = sizeof(common) / sizeof(common[0]), MAX_FLAGS = 16 };

yb_status cli_open_corpus_from(const char *rules_dir, const char *procedure, yb_corpus **out,
			       yb_corpus_origin *origin, yb_error *err)
{
	yb_status st = yb_corpus_open_auto(rules_dir, procedure, out, origin, err);
	if (origin->warning[0])
		fprintf(stderr, "yibao: warning: %s\n", origin->warning);
	return st;
}

yb_status cli_open_corpus(const char *rules_dir, const char *procedure, yb_corpus **out,
			  yb_error *err)
{
	yb_corpus_origin origin;
	return cli_open_corpus_from(rules_dir, procedure, out, &origin, err);
}

/* "did you mean" for an unknown --flag: the closest known flag, if it is close. */
static void unknown_flag(const char *command, const char *arg, const struct option *opts)
{
	const char *name = arg;
	while (*name == '-')
		name++;
	char word[64];
	snprintf(word, sizeof(word), "%.*s", (int)strcspn(name, "="), name);
	const char *best = NULL;
	int best_d = 3;
	char list[400] = "";
	for (size_t i = 0; opts[i].name; i++) {
		int d = yb_edit_distance(word, opts[i].name);
		if (d < best_d)
			best = opts[i].name, best_d = d;
		size_t len = strlen(list);
		snprintf(list + len, sizeof(list) - len, "%s--%s", i ? ", " : "", opts[i].name);
	}
	if (best)
		cli_error("%s: 未知选项 %s；是不是 --%s？（可用：%s）", command, arg, best, list);
	else
		cli_error("%s: 未知选项 %s（可用：%s）", command, arg, list);
}

/* `yibao refund --list`: every value of the listed fact, id and Chinese description. */
static int list_choices(const cli_procedure *proc, const char *rules, bool json)
{
	yb_corpus *corpus = NULL;
	yb_error err;
	int code;
	if (cli_open_corpus(rules, proc->name, &corpus, &err) ||
	    yb_render_choices(corpus, proc->list_fact, json, cli_write_stdout, NULL, &err))
		code = cli_report(&err);
	else
		code = cli_finish(EXIT_ANSWERED);
	yb_corpus_close(corpus);
	return code;
}

int cli_run_procedure(int argc, char **argv, const cli_procedure *proc)
{
	struct option opts[NCOMMON + MAX_FLAGS + 2];
	const char *values[MAX_FLAGS] = {0};
	const char *format = "text", *rules = NULL, *date = NULL;
	const char *name = proc->name;
	const cli_flag *flags = proc->flags;
	size_t nflags = 0, n = 0;
	bool list = false, explain = false;
	yb_corpus *corpus = NULL;
	yb_query *query = NULL;
	yb_answer *answer = NULL;
	yb_corpus_origin origin;
	yb_error err;
	yb_status st;
	int code = EXIT_ANSWERED;

	while (flags[nflags].name && nflags < MAX_FLAGS)
		nflags++;
	for (size_t i = 0; i < nflags; i++)
		opts[n++] = (struct option){flags[i].name,
					    flags[i].is_switch ? no_argument : required_argument,
					    NULL, OPT_FACT + (int)i};
	for (size_t i = 0; i < NCOMMON; i++)
		opts[n++] = (struct option){common[i].name, common[i].has_arg, NULL, common[i].val};
	if (proc->list_fact)
		opts[n++] = (struct option){"list", no_argument, NULL, OPT_LIST};
	opts[n] = (struct option){0, 0, 0, 0};

	opterr = 0;
	optind = 1;
	for (;;) {
		int c = getopt_long(argc, argv, ":", opts, NULL);
		if (c == -1)
			break;
		switch (c) {
		case OPT_FORMAT:
			format = optarg;
			if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
				cli_error("--format 的值 \"%s\" 无效；可选：text、json", format);
				return EXIT_USAGE;
			}
			break;
		case OPT_RULES: rules = optarg; break;
		case OPT_DATE: date = optarg; break;
		case OPT_LIST: list = true; break;
		case OPT_EXPLAIN: explain = true; break;
		case OPT_HELP:
			fputs(proc->help, stdout);
			return cli_finish(EXIT_ANSWERED);
		case ':':
			cli_error("%s: 选项 %s 需要一个值（见 yibao %s --help）", name,
				  argv[optind - 1], name);
			return EXIT_USAGE;
		case '?':
			unknown_flag(name, argv[optind - 1], opts);
			return EXIT_USAGE;
		default:
			values[c - OPT_FACT] = flags[c - OPT_FACT].is_switch ? "yes" : optarg;
			break;
		}
	}
	if (optind < argc) {
		cli_error("%s: 多余的参数 \"%s\"（选项写作 --名称 值，见 yibao %s --help）", name,
			  argv[optind], name);
		return EXIT_USAGE;
	}
	if (list)
		return list_choices(proc, rules, !strcmp(format, "json"));

	if ((st = cli_open_corpus_from(rules, name, &corpus, &origin, &err)) ||
	    (st = yb_query_new(corpus, name, &query, &err)))
		goto fail;
	/* A switch left out is not set: its fact's default (false) says what that means. */
	for (size_t i = 0; i < nflags; i++)
		if (values[i] && (st = yb_query_set(query, flags[i].fact, values[i], &err)))
			goto fail;
	if (date && (st = yb_query_set(query, "date", date, &err)))
		goto fail;
	/* An answer from other rules than the installed ones says so itself. */
	if ((st = yb_query_run(query, &answer, &err)) ||
	    (st = yb_answer_note_fallback(answer, &origin, &err)))
		goto fail;

	unsigned rflags = 0;
	const char *no_color = getenv("NO_COLOR");
	if (isatty(STDOUT_FILENO) && !(no_color && *no_color))
		rflags |= YB_RENDER_COLOR;
	if (explain)
		rflags |= YB_RENDER_EXPLAIN;
	st = strcmp(format, "json") == 0
		     ? yb_answer_render_json(answer, rflags, cli_write_stdout, NULL, &err)
		     : yb_answer_render_text(answer, rflags, cli_write_stdout, NULL, &err);
	if (st)
		goto fail;
	code = cli_finish(EXIT_ANSWERED);
	goto cleanup;

fail:
	code = cli_report(&err);
cleanup:
	yb_answer_free(answer);
	yb_query_free(query);
	yb_corpus_close(corpus);
	return code;
}
