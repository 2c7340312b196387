/*
 * cli.h - the yibao command: one command table (main.c), one file per command (cmd_*.c), and
 * the option handling, error reporting and paging they share (procedure.c, report.c, pager.c).
 *
 * To add a command: write cmd_NAME.c with `int cmd_NAME(int argc, char **argv)` and its help
 * text, declare it here, and add a row to the table in main.c.
 *
 * The CLI is a thin client of include/yibao.h: it parses flags, picks the corpus, calls the
 * library and maps its status codes to exit codes.
 */
#ifndef YB_CLI_H
#define YB_CLI_H

#include <stdarg.h>
#include <stdbool.h>

#include "yibao.h"

/* Exit codes: the library's table (yibao.h, enum yb_exit), which README.md documents. */
enum {
	EXIT_ANSWERED = YB_EXIT_OK,
	EXIT_CHECK_FAILED = YB_EXIT_CHECK,
	EXIT_USAGE = YB_EXIT_USAGE,
	EXIT_CORPUS = YB_EXIT_CORPUS,
	EXIT_NETWORK = YB_EXIT_NETWORK,
	EXIT_SYSTEM = YB_EXIT_SYSTEM,
	EXIT_INPUT = YB_EXIT_INPUT
};

/* A text a person reads, in Chinese and in English (NULL: not written yet; the Chinese is shown).
 * cli_text_of() gives the one in the language of this run. */
typedef struct cli_text {
	const char *zh;
	const char *en;
} cli_text;

typedef struct cli_command {
	const char *name;
	cli_text summary;        /* one line */
	int (*run)(int argc, char **argv);
	const cli_text *help;    /* its help text, as `yibao COMMAND --help` starts */
	bool net;            /* it loads libcurl or libcrypto: the static yibao has yibao-net run
			      * it (net.c), all but its --help */
} cli_command;

extern const cli_command cli_commands[];

const cli_command *cli_find_command(const char *name);

/* The whole command: argv[1] names the command, the rest are its options. Returns the exit
 * code. main() (yibao.c) is just this. */
int cli_main(int argc, char **argv);

/* ---- lang.c: the language yibao speaks to a person ---- */

/*
 * Chooses the language of this run's help and messages from the values of --lang and --format
 * it was given (NULL when not): --lang when given (zh or en; any other value is left for the
 * parser to refuse), otherwise, unless --format is json, the locale as cli_english() reads it.
 * cli_main() calls it before running a command, with the values cli_peek() reads, so that even
 * a wrong option is refused in that language.
 */
void cli_lang_choose(const char *lang, const char *format);
/* Whether this run speaks English (Chinese until cli_lang_choose() says otherwise). */
bool cli_in_english(void);
/* The text in this run's language. */
const char *cli_text_of(const cli_text *t);
/* What errno value e means, in this run's language (yb_strerror(), yb_strerror_en()). */
const char *cli_strerror(int e);

/* The values of --lang, NULL-terminated: zh, en. */
extern const char *const cli_langs[];

/* Whether the answer is in English: as --lang says when it is given (`lang`, NULL when not),
 * else, for text a person reads (not `json`), as the locale says: the first of LC_ALL,
 * LC_MESSAGES and LANG that is set and not empty, English when it starts with "en". Chinese
 * otherwise. JSON is read by programs, which must not get another language because the
 * machine they run on is set to English: it is English only when asked. */
bool cli_english(const char *lang, bool json);

/* ---- net.c: yibao-net ---- */

/* Whether this program has yibao-net run the commands that load libcurl or libcrypto: the
 * static yibao (YIBAO_STATIC), which loads no library. */
bool cli_net_elsewhere(void);
/* Replaces this program with yibao-net, run with the command's arguments (argv[0] is the
 * command's name). Returns only when it cannot, after saying where it looked: EXIT_SYSTEM. */
int cli_exec_net(int argc, char **argv);

/* ---- pager.c: long answers through a pager on a terminal (see the top of pager.c) ---- */

/* --no-pager: no pager this run. cli_main() sees it wherever it is on the line. */
void cli_pager_off(void);
/* Before writing a long text to stdout: when stdout is a terminal, starts the pager (YIBAO_PAGER,
 * else PAGER, else less; none when "" or "cat", or after cli_pager_off()) and moves stdout onto
 * its input. Once a run at most; where it cannot be started, stdout stays as it was. */
void cli_pager_start(void);
/* Whether stdout goes to a pager now. */
bool cli_pager_running(void);
/* Flushes stdout to the pager, puts stdout back, closes the pager's input and waits for it to
 * exit. Returns whether a pager was running (what it did not read, when quit early, is dropped
 * without a word). */
bool cli_pager_end(void);

/* ---- say.c ---- */

/* yibao: KIND: MESSAGE (printf-style) to stderr as it is, control characters escaped; nothing
 * about a pager (report.c's functions end it first). */
void cli_say(const char *kind, const char *fmt, va_list ap)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 0)))
#endif
	;

#if defined(__GNUC__)
#define CLI_PRINTF2(zh, en, args) __attribute__((format(printf, zh, args), format(printf, en, args)))
#else
#define CLI_PRINTF2(zh, en, args)
#endif

/* yibao: warning: MESSAGE, `zh` or `en` as cli_warn() picks it, without touching the pager. */
void cli_say_warning(const char *zh, const char *en, ...) CLI_PRINTF2(1, 2, 3);

/* ---- report.c ---- */

/* yibao: error: MESSAGE, to stderr, after ending the pager (so that it comes after what was
 * written, not in the middle of the pager's screen). MESSAGE is `zh` or `en` (cli_in_english()),
 * two printf formats over the same arguments (`en` may number them: "%2$s … %1$s"). */
void cli_fail(const char *zh, const char *en, ...) CLI_PRINTF2(1, 2, 3);
/* yibao: warning: MESSAGE, to stderr; the command goes on. */
void cli_warn(const char *zh, const char *en, ...) CLI_PRINTF2(1, 2, 3);
/* Prints to stdout `zh` or `en`, whichever this run speaks. */
void cli_print(const char *zh, const char *en, ...) CLI_PRINTF2(1, 2, 3);
/* Reports a library error, in this run's language where the library has the message in it
 * (with file:line:column, the line and a caret for corpus errors), and returns the exit code
 * for it. */
int cli_report(const yb_error *err);
int cli_exit_code(yb_status st);
/* Flushes stdout and ends the pager; EXIT_SYSTEM with a message when stdout could not be written
 * (a pager quit early is not that: `code` then). */
int cli_finish(int code);
/* A yb_write_fn that writes to stdout (and drops what a pager quit early does not read). */
int cli_write_stdout(void *ctx, const char *data, size_t len);

/* ---- args.c: the one option parser (see the top of args.c for the syntax) ---- */

/* One option of a command. */
typedef struct cli_opt {
	const char *name;           /* as typed: "--rules", or a one-letter "-o" */
	bool takes_value;           /* false: a switch */
	int slot;                   /* where its value goes, below CLI_MAX_SLOTS; two names of one
				     * option share a slot */
	const char *const *choices; /* the values it takes, NULL-terminated; NULL: any value */
} cli_opt;

enum { CLI_MAX_SLOTS = 64 };

typedef struct cli_args {
	const char *value[CLI_MAX_SLOTS]; /* each slot's value, trimmed ("" for a switch); NULL
					   * when not given. Given twice, the last (with a warning
					   * when the two differ) */
	const char *name[CLI_MAX_SLOTS];  /* the name it was given under */
	char **positional;                /* the other arguments, in order */
	int npositional;
	bool help;                        /* --help or -h was given: nothing else was read */
} cli_args;

/*
 * Reads argv[1…] against opts. Positional arguments are moved, in order, to the front of argv
 * (out->positional is argv + 1); values are trimmed in place. With --help or -h, prints `help`
 * (when not NULL) and reads nothing else: out->help is set and the return value is the exit code.
 * Otherwise returns EXIT_ANSWERED, or EXIT_USAGE after saying what is wrong: an unknown option
 * (with the nearest ones), a value missing, given to a switch or not among the option's choices
 * (with the nearest). A value given twice warns when the two differ. `command` starts the
 * messages ("transfer"). So a command begins
 *
 *     if ((code = cli_parse("lint", cmd_lint_help, opts, n, argc, argv, &a)) || a.help)
 *             return code;
 */
int cli_parse(const char *command, const cli_text *help, const cli_opt *opts, size_t nopts, int argc,
	      char **argv, cli_args *out);

/*
 * Describing a command's options instead of reading them (shell completion, cmd_completion.c).
 * While a describer is set, cli_parse() reads nothing and prints nothing: it hands the option
 * table to it and returns CLI_DESCRIBED, which the command returns at once, as it returns any
 * non-zero code of cli_parse(). Every command reads its options with cli_parse() before it does
 * anything else, so a command run with a describer set shows exactly the table its parser reads,
 * a procedure's as the corpus gives it. The table is the command's: the describer copies what it
 * keeps. NULL unsets it.
 */
typedef void cli_describer(void *ctx, const char *command, const cli_opt *opts, size_t nopts);
void cli_set_describer(cli_describer *fn, void *ctx);
enum { CLI_DESCRIBED = -1 };

/* Whether --help or -h is among argv[1…] before any "--". */
bool cli_wants_help(int argc, char **argv);

/* The value of the option `name` ("--rules") in argv, read the way cli_parse() reads it (the
 * last one given), before the command's option table is known; NULL when not given. */
const char *cli_peek(int argc, char **argv, const char *name);

/* "FLAG 的值 "TYPED" 无效；ALL", or when NEAR is not "" (the values near it, joined)
 * "…无效；是不是 NEAR？（ALL）"; in English 'invalid value "TYPED" for FLAG; did you mean NEAR?
 * (ALL)'. NEAR and ALL are in this run's language. */
void cli_bad_value(const char *flag, const char *typed, const char *near, const char *all);

/* words[0], sep, words[1] …, last_sep, words[n-1] into out (cut to size). */
void cli_join(char *out, size_t size, const char *const *words, size_t n, const char *sep,
	      const char *last_sep);
/* The same as the alternatives of "did you mean", in this run's language: "a、b 或 c", "a, b or c". */
void cli_join_or(char *out, size_t size, const char *const *words, size_t n);

/* ---- batch_report.c: what `yibao batch` says on stderr ---- */

/* The summary a batch ends with: "yibao: batch: 998 answered, 2 errors, 3 skipped, 0.41 s". */
void cli_batch_summary(char *out, size_t size, const yb_batch_stats *stats, double seconds);
/* The progress line of a long batch, `seconds` into it:
 * "yibao: batch: 120000 lines, 241503 lines/s, 2 errors" (lines read, skipped ones included). */
void cli_batch_progress(char *out, size_t size, const yb_batch_stats *stats, double seconds);

/* ---- procedure.c ---- */

/* A procedure command. Its options are the loaded corpus's (yb_procedure_inputs): its places
 * and the facts it asks, each under the flag the corpus gives it, plus the common options. */
typedef struct cli_procedure {
	const char *name;       /* the command and procedure: "refund" */
	const cli_text *help;   /* the help text; options the corpus has and it does not mention
				 * are listed after it */
	/* Other names of a flag, as pairs {"--from-type", "--type"}, ending with {NULL}; or NULL. */
	const char *const (*synonyms)[2];
} cli_procedure;

/*
 * Runs a procedure command: opens the corpus (--rules, YIBAO_RULES, an installed update or the
 * embedded one), reads the options that corpus gives the procedure plus the common ones
 * (--date, --format, --explain, --no-color, --rules, --lang, --help, --no-pager, and --list where the
 * procedure requires an enum fact), queries and renders. Returns the exit code.
 */
int cli_run_procedure(int argc, char **argv, const cli_procedure *proc);

/* Warns, in this run's language, that an installed corpus was not used (origin->warning), if so. */
void cli_warn_origin(const yb_corpus_origin *origin);
/* A fact's label, and an enum choice's, in this run's language (the Chinese where the corpus
 * has no English). */
const char *cli_input_label(const yb_input *in);
const char *cli_choice_label(const yb_input_choice *ch);

/* Opens the corpus that --rules, then YIBAO_RULES, then the embedded copy names. */
yb_status cli_open_corpus(const char *rules_dir, const char *procedure, yb_corpus **out,
			  yb_error *err);
/* The same, keeping where the corpus came from, for the answers to say it. */
yb_status cli_open_corpus_from(const char *rules_dir, const char *procedure, yb_corpus **out,
			       yb_corpus_origin *origin, yb_error *err);

/* The options every procedure command shares, for the end of its help text. */
#define CLI_DATE_HELP                                                                              \
	"  --date 日期     办理日期 YYYY-MM-DD：到期日从这天算起，按当天有效的规定作答\n"          \
	"                  （默认：今天，北京时间）\n"
#define CLI_COMMON_HELP                                                                            \
	"  --format 格式   text（默认）或 json（见 docs/json.md）\n"                                 \
	"  --explain       说明判断过程：每一步看了什么条件、值从哪里来，每条内容出自哪条规则\n"  \
	"  --lang 语言     zh 中文或 en 英文作答；不写时按环境变量 LC_ALL、LC_MESSAGES、LANG\n"     \
	"                  （第一个非空的以 en 开头时用英文，否则用中文）\n"                       \
	"  --no-color      不用颜色（也可设 NO_COLOR）\n"                                          \
	"  --no-pager      在终端里也不用分页程序（长的答案默认经 PAGER 或 less 分页显示）\n"      \
	"  --rules 目录    使用该目录下的规则库，而非内置规则库（也可设 YIBAO_RULES）\n"              \
	"  --help, -h      显示本帮助\n"
/* The same in English. */
#define CLI_DATE_HELP_EN                                                                           \
	"  --date DATE     the day you apply, YYYY-MM-DD: time limits count from it, and the\n"      \
	"                  answer follows the rules in force that day (default: today, Beijing\n"   \
	"                  time)\n"
#define CLI_COMMON_HELP_EN                                                                         \
	"  --format FORMAT text (default) or json (see docs/json.md)\n"                             \
	"  --explain       show the reasoning: which conditions each step looked at, where each\n"   \
	"                  value came from, and which rule each item comes from\n"                  \
	"  --lang LANG     answer in zh (Chinese) or en (English); without it, as the environment\n" \
	"                  says: the first of LC_ALL, LC_MESSAGES, LANG that is not empty, English\n" \
	"                  when it starts with en, Chinese otherwise\n"                             \
	"  --no-color      no colours (NO_COLOR set does the same)\n"                                \
	"  --no-pager      no pager, even in a terminal (long answers go through PAGER or less by\n" \
	"                  default)\n"                                                              \
	"  --rules DIR     use the rules in this folder instead of the built-in rules (or set\n"     \
	"                  YIBAO_RULES)\n"                                                          \
	"  --help, -h      show this help\n"

/* ---- commands ---- */
int cmd_transfer(int argc, char **argv);
int cmd_region_change(int argc, char **argv);
int cmd_activate(int argc, char **argv);
int cmd_refund(int argc, char **argv);
int cmd_dental(int argc, char **argv);
int cmd_workday(int argc, char **argv);
int cmd_sources(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_waiting(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_update(int argc, char **argv);
int cmd_corpus(int argc, char **argv);
int cmd_bundle(int argc, char **argv);
int cmd_keygen(int argc, char **argv);
int cmd_completion(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_help(int argc, char **argv);
extern const cli_text cmd_transfer_help, cmd_region_change_help, cmd_activate_help,
	cmd_refund_help, cmd_dental_help, cmd_workday_help, cmd_sources_help, cmd_serve_help,
	cmd_waiting_help, cmd_lint_help, cmd_batch_help, cmd_check_help, cmd_update_help,
	cmd_corpus_help, cmd_bundle_help, cmd_keygen_help, cmd_list_help, cmd_help_help,
	cmd_completion_help;

#endif
