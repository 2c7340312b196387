/*
 * test_args.c - the command line's one option parser (src/cli/args.c): exact names only, with
 * the nearest suggested; --name value and --name=value alike; values trimmed; switches; fixed
 * choices with the nearest suggested; a flag given twice; --help or -h anywhere; --no-pager; "--";
 * positionals kept in order. What the parser says goes to stderr, captured here, in Chinese and,
 * when the run speaks English, in English.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

enum { FROM, TO, TYPE, FORMAT, RETIRED, RULES, OUT };

static const char *const formats[] = {"text", "json", NULL};
static const cli_opt opts[] = {
	{"--from", true, FROM, NULL},		{"--to", true, TO, NULL},
	{"--type", true, TYPE, NULL},		{"--from-type", true, TYPE, NULL},
	{"--format", true, FORMAT, formats},	{"--retired", false, RETIRED, NULL},
	{"--rules", true, RULES, NULL},		{"-o", true, OUT, NULL},
};
enum { NOPTS = sizeof(opts) / sizeof(opts[0]) };

/* ---- Running the parser on a command line, stderr captured ---------------------------------- */

static char said[4096]; /* what the last parse wrote to stderr */
static char line[64][256];
static char *argv[65];

/* Splits `cmd` on "|" into argv (argv[0] is the command), parses it, keeps stderr. */
static int parse_in(const char *command, const cli_opt *table, size_t ntable, const char *cmd,
		    cli_args *a)
{
	int argc = 0;
	for (const char *p = cmd;; p++) {
		size_t n = strcspn(p, "|");
		snprintf(line[argc], sizeof(line[argc]), "%.*s", (int)n, p);
		argv[argc] = line[argc];
		argc++;
		p += n;
		if (!*p)
			break;
	}
	argv[argc] = NULL;

	fflush(stderr);
	FILE *tmp = tmpfile();
	int saved = dup(2);
	assert_non_null(tmp);
	dup2(fileno(tmp), 2);
	int code = cli_parse(command, NULL, table, ntable, argc, argv, a);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	size_t len = fread(said, 1, sizeof(said) - 1, tmp);
	said[len] = '\0';
	fclose(tmp);
	return code;
}

/* cmd, its arguments separated by "|", read against this file's table as command "test". */
static int parse(const char *cmd, cli_args *a)
{
	return parse_in("test", opts, NOPTS, cmd, a);
}

#define assert_said(text) assert_string_equal(said, text)

/* ---- Tests ------------------------------------------------------------------------------------ */

static void exact_options_values_and_positionals(void **state)
{
	(void)state;
	cli_args a;
	assert_int_equal(parse("t|one|--from|changde|--retired|two|--to=changsha|-o|out.key", &a),
			 EXIT_ANSWERED);
	assert_said("");
	assert_string_equal(a.value[FROM], "changde");
	assert_string_equal(a.value[TO], "changsha");
	assert_string_equal(a.value[RETIRED], "");
	assert_string_equal(a.value[OUT], "out.key");
	assert_null(a.value[TYPE]);
	assert_null(a.value[FORMAT]);
	assert_false(a.help);
	assert_int_equal(a.npositional, 2);
	assert_string_equal(a.positional[0], "one");
	assert_string_equal(a.positional[1], "two");
	/* The name it was given under. */
	assert_string_equal(a.name[FROM], "--from");
}

static void a_value_may_hold_an_equals_sign(void **state)
{
	(void)state;
	cli_args a;
	assert_int_equal(parse("t|--rules=a=b|--from|x=y", &a), EXIT_ANSWERED);
	assert_string_equal(a.value[RULES], "a=b");
	assert_string_equal(a.value[FROM], "x=y");
}

static void abbreviations_are_refused_with_the_nearest(void **state)
{
	(void)state;
	cli_args a;
	static const char all[] = "（可用：--from, --to, --type, --from-type, --format, --retired, "
				  "--rules, -o, --no-pager, --lang, --help）\n";
	char want[512];
	assert_int_equal(parse("t|--typ|employee", &a), EXIT_USAGE);
	snprintf(want, sizeof(want), "yibao: error: test: 未知选项 --typ；是不是 --type？%s", all);
	assert_said(want);
	/* Two at the same distance: both. */
	assert_int_equal(parse("t|--form|changde", &a), EXIT_USAGE);
	snprintf(want, sizeof(want), "yibao: error: test: 未知选项 --form；是不是 --from 或 --format？%s",
		 all);
	assert_said(want);
	/* The start of a name, however short of it. */
	assert_int_equal(parse("t|--ret", &a), EXIT_USAGE);
	snprintf(want, sizeof(want), "yibao: error: test: 未知选项 --ret；是不是 --retired？%s", all);
	assert_said(want);
	/* With its value after "=", only the name is quoted. */
	assert_int_equal(parse("t|--frm=changde", &a), EXIT_USAGE);
	snprintf(want, sizeof(want), "yibao: error: test: 未知选项 --frm；是不是 --from？%s", all);
	assert_said(want);
	/* Nothing near. */
	assert_int_equal(parse("t|--verbose", &a), EXIT_USAGE);
	snprintf(want, sizeof(want), "yibao: error: test: 未知选项 --verbose%s", all);
	assert_said(want);
	/* A one-letter option the table lacks. */
	assert_int_equal(parse("t|-x", &a), EXIT_USAGE);
	assert_non_null(strstr(said, "未知选项 -x"));
	/* Every command's --no-pager is near too. */
	assert_int_equal(parse("t|--no-pagr", &a), EXIT_USAGE);
	snprintf(want, sizeof(want), "yibao: error: test: 未知选项 --no-pagr；是不是 --no-pager？%s",
		 all);
	assert_said(want);
}

static void no_pager_is_every_commands(void **state)
{
	(void)state;
	cli_args a;
	/* Taken wherever it is before "--", a switch that fills no slot of the command's. */
	assert_int_equal(parse("t|--from|x|--no-pager|y|--no-pager", &a), EXIT_ANSWERED);
	assert_said("");
	assert_string_equal(a.value[FROM], "x");
	for (int s = 0; s < CLI_MAX_SLOTS; s++)
		if (s != FROM)
			assert_null(a.value[s]);
	assert_int_equal(a.npositional, 1);
	assert_string_equal(a.positional[0], "y");
	assert_int_equal(parse("t|--no-pager=yes", &a), EXIT_USAGE);
	assert_said("yibao: error: test: 选项 --no-pager 不带值（见 yibao test --help）\n");
	/* After "--" it is an argument. */
	assert_int_equal(parse("t|--|--no-pager", &a), EXIT_ANSWERED);
	assert_string_equal(a.positional[0], "--no-pager");
}

/* --lang is every command's too: checked against zh and en, then passed over (lang.c reads it
 * before the command runs). A table with its own --lang keeps it, listed once. */
static void lang_is_every_commands(void **state)
{
	(void)state;
	cli_args a;
	assert_int_equal(parse("t|--lang|en|x|--lang=zh", &a), EXIT_ANSWERED);
	assert_said("");
	for (int s = 0; s < CLI_MAX_SLOTS; s++)
		assert_null(a.value[s]);
	assert_int_equal(a.npositional, 1);
	assert_int_equal(parse("t|--lang|fr", &a), EXIT_USAGE);
	assert_said("yibao: error: --lang 的值 \"fr\" 无效；可选：zh、en\n");
	assert_int_equal(parse("t|--lang", &a), EXIT_USAGE);
	assert_said("yibao: error: test: 选项 --lang 需要一个值（见 yibao test --help）\n");

	static const cli_opt own[] = {{"--lang", true, 0, NULL}};
	assert_int_equal(parse_in("own", own, 1, "t|--lang|en", &a), EXIT_ANSWERED);
	assert_string_equal(a.value[0], "en");
	assert_int_equal(parse_in("own", own, 1, "t|--lagn", &a), EXIT_USAGE);
	assert_said("yibao: error: own: 未知选项 --lagn；是不是 --lang？（可用：--lang, --no-pager, "
		    "--help）\n");
}

static void values_are_trimmed(void **state)
{
	(void)state;
	cli_args a;
	assert_int_equal(parse("t|--from| changde\t|--to=\xE3\x80\x80长沙\xE3\x80\x80 |--type=  a b  ",
			       &a),
			 EXIT_ANSWERED);
	assert_string_equal(a.value[FROM], "changde");
	assert_string_equal(a.value[TO], "长沙");
	assert_string_equal(a.value[TYPE], "a b"); /* inside, spaces stay */
	/* Nothing but spaces is no value. */
	assert_int_equal(parse("t|--from|   ", &a), EXIT_USAGE);
	assert_said("yibao: error: test: 选项 --from 需要一个值（见 yibao test --help）\n");
	assert_int_equal(parse("t|--from=", &a), EXIT_USAGE);
	assert_said("yibao: error: test: 选项 --from 需要一个值（见 yibao test --help）\n");
}

static void a_value_never_starts_with_two_dashes(void **state)
{
	(void)state;
	cli_args a;
	assert_int_equal(parse("t|--to|--type|employee", &a), EXIT_USAGE);
	assert_said("yibao: error: test: 选项 --to 需要一个值（见 yibao test --help）\n");
	assert_int_equal(parse("t|--to", &a), EXIT_USAGE);
	assert_said("yibao: error: test: 选项 --to 需要一个值（见 yibao test --help）\n");
	/* One dash and a digit is a value (a negative number), and so is "-". */
	assert_int_equal(parse("t|--from|-5|--to|-", &a), EXIT_ANSWERED);
	assert_string_equal(a.value[FROM], "-5");
	assert_string_equal(a.value[TO], "-");
}

static void a_switch_takes_no_value(void **state)
{
	(void)state;
	cli_args a;
	assert_int_equal(parse("t|--retired=yes", &a), EXIT_USAGE);
	assert_said("yibao: error: test: 选项 --retired 不带值（见 yibao test --help）\n");
	/* What follows a switch is not its value. */
	assert_int_equal(parse("t|--retired|yes", &a), EXIT_ANSWERED);
	assert_int_equal(a.npositional, 1);
	assert_string_equal(a.positional[0], "yes");
}

static void fixed_choices(void **state)
{
	(void)state;
	cli_args a;
	assert_int_equal(parse("t|--format=json", &a), EXIT_ANSWERED);
	assert_string_equal(a.value[FORMAT], "json");
	assert_int_equal(parse("t|--format|jsn", &a), EXIT_USAGE);
	assert_said("yibao: error: --format 的值 \"jsn\" 无效；是不是 json？（可选：text、json）\n");
	assert_int_equal(parse("t|--format|xml", &a), EXIT_USAGE);
	assert_said("yibao: error: --format 的值 \"xml\" 无效；可选：text、json\n");
	/* Trimmed before it is checked. */
	assert_int_equal(parse("t|--format| text ", &a), EXIT_ANSWERED);
	assert_string_equal(a.value[FORMAT], "text");
}

static void given_twice_the_last_counts(void **state)
{
	(void)state;
	cli_args a;
	assert_int_equal(parse("t|--type|employee|--type=resident", &a), EXIT_ANSWERED);
	assert_string_equal(a.value[TYPE], "resident");
	assert_said("yibao: warning: test: --type 给了不止一次，以最后一次为准：\"employee\" 改为 "
		    "\"resident\"\n");
	/* Two names of one option. */
	assert_int_equal(parse("t|--type|employee|--from-type|resident", &a), EXIT_ANSWERED);
	assert_string_equal(a.value[TYPE], "resident");
	assert_string_equal(a.name[TYPE], "--from-type");
	assert_said("yibao: warning: test: --type 和 --from-type 是同一个选项，给了不止一次，"
		    "以最后一次为准：\"employee\" 改为 \"resident\"\n");
	/* The same value again, or a switch again, changes nothing: nothing to say. */
	assert_int_equal(parse("t|--type|employee|--type| employee|--retired|--retired", &a),
			 EXIT_ANSWERED);
	assert_said("");
}

static void help_anywhere_before_the_end_of_options(void **state)
{
	(void)state;
	cli_args a;
	/* Nothing else is read: the unknown option and the missing value go unsaid. */
	assert_int_equal(parse("t|--nonsense|--help|--to", &a), EXIT_ANSWERED);
	assert_true(a.help);
	assert_said("");
	/* After "--" it is an argument. */
	assert_int_equal(parse("t|--|--help", &a), EXIT_ANSWERED);
	assert_false(a.help);
	assert_int_equal(a.npositional, 1);
	assert_string_equal(a.positional[0], "--help");
	/* --help=x is not --help. */
	assert_int_equal(parse("t|--help=x", &a), EXIT_USAGE);
	/* -h is --help, wherever --help would be. */
	assert_int_equal(parse("t|--from|x|-h|--nonsense", &a), EXIT_ANSWERED);
	assert_true(a.help);
	assert_said("");
	assert_int_equal(parse("t|--|-h", &a), EXIT_ANSWERED);
	assert_false(a.help);
	assert_string_equal(a.positional[0], "-h");
}

static void double_dash_ends_the_options(void **state)
{
	(void)state;
	cli_args a;
	assert_int_equal(parse("t|--from|x|--|--to|y|--", &a), EXIT_ANSWERED);
	assert_string_equal(a.value[FROM], "x");
	assert_null(a.value[TO]);
	assert_int_equal(a.npositional, 3);
	assert_string_equal(a.positional[0], "--to");
	assert_string_equal(a.positional[1], "y");
	assert_string_equal(a.positional[2], "--");
}

static void peek_reads_one_option_ahead(void **state)
{
	(void)state;
	char a0[] = "t", a1[] = "--from", a2[] = "--rules", a3[] = "x", a4[] = "--rules= y ",
	     a5[] = "--", a6[] = "--rules", a7[] = "z";
	char *v[] = {a0, a1, a2, a3, a4, a5, a6, a7, NULL};
	/* The last before "--", trimmed. */
	assert_string_equal(cli_peek(8, v, "--rules"), "y");
	assert_string_equal(cli_peek(4, v, "--rules"), "x");
	/* Without its value, or not there. */
	assert_null(cli_peek(3, v, "--rules"));
	assert_null(cli_peek(8, v, "--to"));
	/* Not a prefix: --rules-x is not --rules. */
	char b1[] = "--rules-x", b2[] = "w";
	char *w[] = {a0, b1, b2, NULL};
	assert_null(cli_peek(3, w, "--rules"));
	assert_true(cli_wants_help(2, (char *[]){a0, (char[]){"--help"}, NULL}));
	assert_false(cli_wants_help(3, (char *[]){a0, a5, (char[]){"--help"}, NULL}));
	assert_true(cli_wants_help(2, (char *[]){a0, (char[]){"-h"}, NULL}));
	assert_false(cli_wants_help(3, (char *[]){a0, a5, (char[]){"-h"}, NULL}));
}

/* With a describer set, the parser hands it the table and reads nothing, whatever the arguments
 * (--help and an unknown option included): no value, no message, and a code that is not 0, so
 * that the command stops there. */
typedef struct {
	const char *command;
	const cli_opt *opts;
	size_t nopts;
} described;

static void describe(void *ctx, const char *command, const cli_opt *table, size_t n)
{
	described *d = ctx;
	d->command = command;
	d->opts = table;
	d->nopts = n;
}

static void a_describer_gets_the_table(void **state)
{
	(void)state;
	described d = {0};
	cli_args a;
	cli_set_describer(describe, &d);
	assert_int_equal(parse("t|--from|changde|--nonsense|--help", &a), CLI_DESCRIBED);
	cli_set_describer(NULL, NULL);
	assert_said("");
	assert_string_equal(d.command, "test");
	assert_ptr_equal(d.opts, opts);
	assert_int_equal(d.nopts, NOPTS);
	assert_null(a.value[FROM]);
	assert_false(a.help);
	assert_int_equal(a.npositional, 0);
	/* Unset, the parser reads again. */
	assert_int_equal(parse("t|--from|changde", &a), EXIT_ANSWERED);
	assert_string_equal(a.value[FROM], "changde");
}

static void join(void **state)
{
	(void)state;
	char out[64];
	const char *const words[] = {"a", "b", "c"};
	cli_join(out, sizeof(out), words, 3, "、", " 或 ");
	assert_string_equal(out, "a、b 或 c");
	cli_join(out, sizeof(out), words, 1, "、", " 或 ");
	assert_string_equal(out, "a");
	cli_join(out, sizeof(out), words, 0, "、", " 或 ");
	assert_string_equal(out, "");
	cli_join(out, 4, words, 3, ", ", " or "); /* cut to fit */
	assert_string_equal(out, "a, ");
}

/* Says the same in English once the run speaks English (cli_lang_choose(), as cli_main() calls
 * it); back in Chinese after. */
static void speak(const char *lang)
{
	cli_lang_choose(lang, NULL);
}

static void messages_in_english(void **state)
{
	(void)state;
	cli_args a;
	speak("en");
	assert_true(cli_in_english());
	assert_int_equal(parse("t|--form|changde", &a), EXIT_USAGE);
	assert_said("yibao: error: test: unknown option --form; did you mean --from or --format? "
		    "(valid: --from, --to, --type, --from-type, --format, --retired, --rules, -o, "
		    "--no-pager, --lang, --help)\n");
	assert_int_equal(parse("t|--verbose", &a), EXIT_USAGE);
	assert_said("yibao: error: test: unknown option --verbose (valid: --from, --to, --type, "
		    "--from-type, --format, --retired, --rules, -o, --no-pager, --lang, --help)\n");
	assert_int_equal(parse("t|--from", &a), EXIT_USAGE);
	assert_said("yibao: error: test: option --from needs a value (see yibao test --help)\n");
	assert_int_equal(parse("t|--retired=yes", &a), EXIT_USAGE);
	assert_said("yibao: error: test: option --retired takes no value (see yibao test --help)\n");
	assert_int_equal(parse("t|--format|jsn", &a), EXIT_USAGE);
	assert_said("yibao: error: invalid value \"jsn\" for --format; did you mean json? (valid: "
		    "text, json)\n");
	assert_int_equal(parse("t|--format|xml", &a), EXIT_USAGE);
	assert_said("yibao: error: invalid value \"xml\" for --format; valid: text, json\n");
	assert_int_equal(parse("t|--type|employee|--type=resident", &a), EXIT_ANSWERED);
	assert_said("yibao: warning: test: --type given more than once; the last one counts: "
		    "\"employee\" becomes \"resident\"\n");
	assert_int_equal(parse("t|--type|employee|--from-type|resident", &a), EXIT_ANSWERED);
	assert_said("yibao: warning: test: --type and --from-type are one option, given more than "
		    "once; the last one counts: \"employee\" becomes \"resident\"\n");
	char out[64];
	const char *const words[] = {"a", "b", "c"};
	cli_join_or(out, sizeof(out), words, 3);
	assert_string_equal(out, "a, b or c");
	speak("zh");
	assert_false(cli_in_english());
	cli_join_or(out, sizeof(out), words, 3);
	assert_string_equal(out, "a、b 或 c");
	assert_int_equal(parse("t|--format|xml", &a), EXIT_USAGE);
	assert_said("yibao: error: --format 的值 \"xml\" 无效；可选：text、json\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(exact_options_values_and_positionals),
		cmocka_unit_test(a_value_may_hold_an_equals_sign),
		cmocka_unit_test(abbreviations_are_refused_with_the_nearest),
		cmocka_unit_test(no_pager_is_every_commands),
		cmocka_unit_test(lang_is_every_commands),
		cmocka_unit_test(values_are_trimmed),
		cmocka_unit_test(a_value_never_starts_with_two_dashes),
		cmocka_unit_test(a_switch_takes_no_value),
		cmocka_unit_test(fixed_choices),
		cmocka_unit_test(given_twice_the_last_counts),
		cmocka_unit_test(help_anywhere_before_the_end_of_options),
		cmocka_unit_test(double_dash_ends_the_options),
		cmocka_unit_test(peek_reads_one_option_ahead),
		cmocka_unit_test(a_describer_gets_the_table),
		cmocka_unit_test(join),
		cmocka_unit_test(messages_in_english),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
