/*
 * procedure.c - what every procedure command shares: picking the corpus, reading the options
 * that corpus gives the procedure (yb_procedure_inputs) plus the common ones, running the query
 * and rendering the answer.
 *
 * The options are the corpus's, not a table of the command's: a fact a rule update adds to a
 * procedure is a flag of its command as soon as the update is installed, with its kind, its
 * choices and its range, just as it is a key of `yibao batch`.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

yb_status cli_open_corpus_from(const char *rules_dir, const char *procedure, yb_corpus **out,
			       yb_corpus_origin *origin, yb_error *err)
{
	yb_status st = yb_corpus_open_auto(rules_dir, procedure, out, origin, err);
	cli_warn_origin(origin);
	return st;
}

void cli_warn_origin(const yb_corpus_origin *origin)
{
	if (origin->warning[0])
		cli_warn("%s", "%s",
			 cli_in_english() && origin->warning_en[0] ? origin->warning_en
								   : origin->warning);
}

yb_status cli_open_corpus(const char *rules_dir, const char *procedure, yb_corpus **out,
			  yb_error *err)
{
	yb_corpus_origin origin;
	return cli_open_corpus_from(rules_dir, procedure, out, &origin, err);
}

/* The common options' slots; the procedure's inputs take the slots after them. */
enum {
	SLOT_DATE,
	SLOT_FORMAT,
	SLOT_EXPLAIN,
	SLOT_NO_COLOR,
	SLOT_RULES,
	SLOT_LANG,
	SLOT_LIST,
	SLOT_INPUT
};
enum { MAX_INPUTS = CLI_MAX_SLOTS - SLOT_INPUT, MAX_OPTS = 2 * CLI_MAX_SLOTS };

static const char *const formats[] = {"text", "json", NULL};
/* A procedure's options, from the corpus. */
typedef struct {
	yb_input in[MAX_INPUTS]; /* input i has slot SLOT_INPUT + i */
	size_t nin;
	cli_opt opts[MAX_OPTS];
	size_t nopts;
	const yb_input *list; /* what --list lists: the enum the procedure cannot answer without */
} options;

static const char *const common[] = {"--date",  "--format", "--explain", "--no-color",
				     "--rules", "--lang",   "--list"};

static bool has_option(const options *o, const char *name)
{
	for (size_t i = 0; i < o->nopts; i++)
		if (!strcmp(o->opts[i].name, name))
			return true;
	for (size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		if (!strcmp(common[i], name))
			return true;
	return false;
}

static void add(options *o, const char *name, bool takes_value, int slot,
		const char *const *choices)
{
	if (o->nopts < MAX_OPTS)
		o->opts[o->nopts++] = (cli_opt){name, takes_value, slot, choices};
}

/* A flag two facts claim is the first one's, and one that would hide a common option is not
 * a flag: lint's business, not the command line's. */
static void add_input(options *o, const char *name, const yb_input *in, int slot)
{
	if (*name && !has_option(o, name))
		add(o, name, in->kind != YB_INPUT_BOOL, slot, NULL);
}

static int read_options(const cli_procedure *proc, const yb_corpus *c, options *o)
{
	size_t total = yb_procedure_inputs(c, proc->name, o->in, MAX_INPUTS);
	if (total > MAX_INPUTS) {
		cli_fail("%s: 规则库给这项手续的条件有 %zu 个，超过命令行能接受的 %d 个",
			 "%s: the rules give this procedure %zu facts, more than the %d the command "
			 "line takes",
			 proc->name, total, MAX_INPUTS);
		return EXIT_CORPUS;
	}
	o->nin = total;
	o->nopts = 0;
	o->list = NULL;
	for (size_t i = 0; i < o->nin; i++) {
		const yb_input *in = &o->in[i];
		add_input(o, in->flag, in, SLOT_INPUT + (int)i);
		for (size_t k = 0; proc->synonyms && proc->synonyms[k][0]; k++)
			if (!strcmp(proc->synonyms[k][1], in->flag))
				add_input(o, proc->synonyms[k][0], in, SLOT_INPUT + (int)i);
		if (!o->list && in->required && in->kind == YB_INPUT_ENUM)
			o->list = in;
	}
	for (int i = 0; i <= SLOT_LIST; i++)
		if (i != SLOT_LIST || o->list)
			add(o, common[i], i != SLOT_EXPLAIN && i != SLOT_NO_COLOR && i != SLOT_LIST, i,
			    i == SLOT_FORMAT ? formats : i == SLOT_LANG ? cli_langs : NULL);
	return EXIT_ANSWERED;
}

/* ---- Help ---------------------------------------------------------------------------------- */

/* Whether the help text names the flag (--to, but not as the start of --to-type). */
static bool mentions(const char *help, const char *flag)
{
	size_t len = strlen(flag);
	for (const char *p = help; (p = strstr(p, flag)); p += len) {
		char next = p[len];
		if (!(next == '-' || (next >= 'a' && next <= 'z') || (next >= '0' && next <= '9')))
			return true;
	}
	return false;
}

/* Terminal columns of s: two for each character outside ASCII (these are all CJK). */
static int columns(const char *s)
{
	int n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		n += *p < 0x80 ? 1 : (*p & 0xC0) == 0xC0 ? 2 : 0;
	return n;
}

/* One line of help for an option the help text does not name. */
static void describe(const yb_corpus *c, const yb_input *in)
{
	static const char *const what[][5] = {{"城市", "值", "", "N", "日期"},
					       {"CITY", "VALUE", "", "N", "DATE"}};
	bool en = cli_in_english();
	const char *word = what[en][in->kind];
	char head[128], more[1024] = "";
	snprintf(head, sizeof(head), "%s%s%s", in->flag, *word ? " " : "", word);
	if (in->kind == YB_INPUT_ENUM) {
		yb_input_choice ch;
		for (size_t i = 0; yb_input_choice_at(c, in->name, i, &ch); i++) {
			size_t len = strlen(more);
			if (en)
				snprintf(more + len, sizeof(more) - len, "%s%s (%s)", i ? " | " : ": ",
					 ch.value, cli_choice_label(&ch));
			else
				snprintf(more + len, sizeof(more) - len, "%s%s %s", i ? " | " : "：",
					 ch.value, ch.label);
		}
	} else if (in->kind == YB_INPUT_NUMBER) {
		snprintf(more, sizeof(more), en ? " (%g to %g)" : "（%g 到 %g）", in->min, in->max);
	}
	int pad = 16 - columns(head);
	printf("  %s%*s%s%s\n", head, pad > 1 ? pad : 1, "", cli_input_label(in), more);
}

/* The help text, then the options the corpus gives the procedure that it does not name (a fact
 * a rule update added). Help never fails: without a corpus it is the text alone. */
static int help(const cli_procedure *proc, int argc, char **argv)
{
	yb_corpus *c = NULL;
	yb_corpus_origin origin;
	yb_error err;
	cli_pager_start();
	fputs(cli_text_of(proc->help), stdout);
	if (yb_corpus_open_auto(cli_peek(argc, argv, "--rules"), proc->name, &c, &origin, &err) ==
	    YB_OK) {
		yb_input in[MAX_INPUTS];
		size_t n = yb_procedure_inputs(c, proc->name, in, MAX_INPUTS), shown = 0;
		for (size_t i = 0; i < n && i < MAX_INPUTS; i++) {
			if (!*in[i].flag || mentions(proc->help->zh, in[i].flag))
				continue;
			if (!shown++)
				fputs(cli_in_english() ? "\nOther options of the rules:\n" : "\n规则库中的其他选项：\n",
				      stdout);
			describe(c, &in[i]);
		}
	}
	yb_corpus_close(c);
	return cli_finish(EXIT_ANSWERED);
}

/* ---- Values -------------------------------------------------------------------------------- */

/* A choice as a message shows it, after `sep`: its id, then its label. */
static void show_choice(char *out, size_t size, const char *sep, const yb_input_choice *ch)
{
	if (cli_in_english())
		snprintf(out, size, "%s%s (%s)", sep, ch->value, cli_choice_label(ch));
	else
		snprintf(out, size, "%s%s（%s）", sep, ch->value, ch->label);
}

/* A value an enum input does not take, with the nearest choices when some are near (when none
 * is, the library's message, which lists them all, stands). Returns the exit code. */
static int bad_enum(const cli_procedure *proc, const yb_corpus *c, const options *o,
		    const yb_input *in, const char *typed, const yb_error *err)
{
	const char *ids[5], *near[5];
	char shown[5][512], said[1024], all[1024];
	size_t n = yb_input_nearest(c, in->name, typed, ids, 5);
	if (!n)
		return cli_report(err);
	bool en = cli_in_english();
	yb_input_choice ch;
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; yb_input_choice_at(c, in->name, k, &ch); k++)
			if (!strcmp(ch.value, ids[i]))
				show_choice(shown[i], sizeof(shown[i]), "", &ch);
		near[i] = shown[i];
	}
	if (en)
		cli_join_or(said, sizeof(said), near, n);
	else
		cli_join(said, sizeof(said), near, n, "、", "或 ");
	if (in == o->list || in->nchoices > 6) {
		snprintf(all, sizeof(all), en ? "all values: yibao %s %s" : "全部可选值：yibao %s %s",
			 proc->name, in == o->list ? "--list" : "--help");
	} else {
		snprintf(all, sizeof(all), en ? "valid: " : "可选：");
		for (size_t k = 0; yb_input_choice_at(c, in->name, k, &ch); k++) {
			size_t len = strlen(all);
			show_choice(all + len, sizeof(all) - len, !k ? "" : en ? ", " : "、", &ch);
		}
	}
	cli_bad_value(in->flag, typed, said, all);
	return EXIT_USAGE;
}

/*
 * Two inputs that state one quantity in two units (--gap-months and --gap-years, the one gap in
 * cover) must agree: the answer counts from one of them, so a query where they differ cannot be
 * answered without guessing which is right. Returns the exit code.
 */
static int check_units(const cli_procedure *proc, const options *o, const cli_args *a)
{
	for (size_t i = 0; i < o->nin; i++) {
		const yb_input *big = &o->in[i];
		const char *bv = a->value[SLOT_INPUT + i];
		if (!big->unit_of || !bv)
			continue;
		for (size_t j = 0; j < o->nin; j++) {
			const yb_input *small = &o->in[j];
			const char *sv = a->value[SLOT_INPUT + j];
			double b, s;
			if (strcmp(small->name, big->unit_of) != 0 || !sv ||
			    yb_number_read(big->flag, bv, big->min, big->max, &b, NULL) ||
			    yb_number_read(small->flag, sv, small->min, small->max, &s, NULL) ||
			    fabs(b * big->unit_factor - s) < 1e-9)
				continue;
			cli_fail("%s: %s %s 和 %s %s 不一致：两者是同一个量的两种单位（%s %s 即 %s "
				 "%g）；只写一个，或写一致的值",
				 "%s: %s %s and %s %s disagree: they are one quantity in two units "
				 "(%s %s is %s %g); give one of them, or values that agree",
				 proc->name, small->flag, sv, big->flag, bv, big->flag, bv, small->flag,
				 b * big->unit_factor);
			return EXIT_USAGE;
		}
	}
	return EXIT_ANSWERED;
}

/* ---- The command --------------------------------------------------------------------------- */

/*
 * Whether a text answer is coloured: only on a terminal that can show it (stdout a terminal, TERM
 * set and not "dumb"), and not when the user said no (--no-color, or NO_COLOR set and not empty,
 * https://no-color.org).
 */
static bool color(const cli_args *a)
{
	const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
	return isatty(STDOUT_FILENO) && term && *term && strcmp(term, "dumb") != 0 &&
	       !(no_color && *no_color) && !a->value[SLOT_NO_COLOR];
}

static int answer(const cli_procedure *proc, const yb_corpus *c, const yb_corpus_origin *origin,
		  const options *o, const cli_args *a)
{
	const char *format = a->value[SLOT_FORMAT] ? a->value[SLOT_FORMAT] : "text";
	yb_query *query = NULL;
	yb_answer *ans = NULL;
	yb_error err;
	yb_status st;
	int code;

	if ((st = yb_query_new(c, proc->name, &query, &err)))
		goto fail;
	/* A switch left out is not set: its fact's default (false) says what that means. */
	for (size_t i = 0; i < o->nin; i++) {
		const yb_input *in = &o->in[i];
		const char *v = a->value[SLOT_INPUT + i];
		if (!v)
			continue;
		if ((st = yb_query_set(query, in->name, in->kind == YB_INPUT_BOOL ? "yes" : v, &err))) {
			code = st == YB_ENOTFOUND && in->kind == YB_INPUT_ENUM
				       ? bad_enum(proc, c, o, in, v, &err)
				       : cli_report(&err);
			goto done;
		}
	}
	if ((code = check_units(proc, o, a)))
		goto done;
	if (a->value[SLOT_DATE] && (st = yb_query_set(query, "date", a->value[SLOT_DATE], &err)))
		goto fail;
	/* An answer from other rules than the installed ones says so itself. */
	if ((st = yb_query_run(query, &ans, &err)) ||
	    (st = yb_answer_note_fallback(ans, origin, &err)))
		goto fail;

	unsigned rflags = 0;
	if (color(a))
		rflags |= YB_RENDER_COLOR;
	if (a->value[SLOT_EXPLAIN])
		rflags |= YB_RENDER_EXPLAIN;
	bool json = strcmp(format, "json") == 0;
	if (cli_english(a->value[SLOT_LANG], json))
		rflags |= YB_RENDER_LANG_EN;
	if (!json)
		cli_pager_start(); /* after color(): the terminal is the pager's from here */
	st = json ? yb_answer_render_json(ans, rflags, cli_write_stdout, NULL, &err)
		  : yb_answer_render_text(ans, rflags, cli_write_stdout, NULL, &err);
	if (st)
		goto fail;
	code = cli_finish(EXIT_ANSWERED);
	goto done;
fail:
	code = cli_report(&err);
done:
	yb_answer_free(ans);
	yb_query_free(query);
	return code;
}

int cli_run_procedure(int argc, char **argv, const cli_procedure *proc)
{
	if (cli_wants_help(argc, argv))
		return help(proc, argc, argv);

	/* The options are the corpus's, so the corpus comes first: the one --rules names. */
	yb_corpus *c = NULL;
	yb_corpus_origin origin;
	yb_error err;
	options *o = NULL;
	cli_args a;
	int code;
	if (cli_open_corpus_from(cli_peek(argc, argv, "--rules"), proc->name, &c, &origin, &err)) {
		code = cli_report(&err);
		goto done;
	}
	if (!(o = malloc(sizeof(*o)))) {
		cli_fail("内存不足", "out of memory");
		code = EXIT_SYSTEM;
		goto done;
	}
	if ((code = read_options(proc, c, o)) ||
	    (code = cli_parse(proc->name, NULL, o->opts, o->nopts, argc, argv, &a)))
		goto done;
	if (a.npositional) {
		cli_fail("%s: 多余的参数 \"%s\"（选项写作 --名称 值，见 yibao %s --help）",
			 "%s: unexpected argument \"%s\" (options are written --name value; see "
			 "yibao %s --help)",
			 proc->name, a.positional[0], proc->name);
		code = EXIT_USAGE;
	} else if (a.value[SLOT_LIST]) {
		bool json = a.value[SLOT_FORMAT] && !strcmp(a.value[SLOT_FORMAT], "json");
		if (!json)
			cli_pager_start();
		code = yb_render_input_choices(c, o->list->name, json, cli_write_stdout, NULL, &err)
			       ? cli_report(&err)
			       : cli_finish(EXIT_ANSWERED);
	} else {
		code = answer(proc, c, &origin, o, &a);
	}
done:
	free(o);
	yb_corpus_close(c);
	return code;
}
