/*
 * cli.h - the yibao command: one command table (main.c), one file per command (cmd_*.c), and
 * the option handling and error reporting they share (procedure.c, report.c).
 *
 * To add a command: write cmd_NAME.c with `int cmd_NAME(int argc, char **argv)` and its help
 * text, declare it here, and add a row to the table in main.c.
 *
 * The CLI is a thin client of include/yibao.h: it parses flags, picks the corpus, calls the
 * library and maps its status codes to exit codes.
 */
#ifndef YB_CLI_H
#define YB_CLI_H

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

typedef struct cli_command {
	const char *name;
	const char *summary; /* one line, Chinese */
	int (*run)(int argc, char **argv);
	const char *help;    /* full help text, or NULL */
} cli_command;

extern const cli_command cli_commands[];
extern const char cli_main_help[];

const cli_command *cli_find_command(const char *name);

/* The whole command: argv[1] names the command, the rest are its options. Returns the exit
 * code. main() (yibao.c) is just this. */
int cli_main(int argc, char **argv);

/* ---- report.c ---- */

/* yibao: error: MESSAGE (printf-style), to stderr. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
/* Reports a library error (with file:line:column, the line and a caret for corpus errors) and
 * returns the exit code for it. */
int cli_report(const yb_error *err);
int cli_exit_code(yb_status st);
/* Flushes stdout; EXIT_SYSTEM with a message when it could not be written. */
int cli_finish(int code);
/* A yb_write_fn that writes to stdout. */
int cli_write_stdout(void *ctx, const char *data, size_t len);

/* ---- procedure.c ---- */

/* A command-line flag of a procedure command, mapped to the fact it sets. */
typedef struct cli_flag {
	const char *name; /* "from" (used as --from) */
	const char *fact; /* "from" */
	bool is_switch;   /* takes no value: present means "yes" (--retired) */
} cli_flag;

typedef struct cli_procedure {
	const char *name;      /* the command and procedure: "refund" */
	const cli_flag *flags; /* ends with a {NULL} row */
	const char *help;
	const char *list_fact; /* the fact `--list` lists ("case"), or NULL for no --list */
} cli_procedure;

/*
 * Runs a procedure command: parses its flags plus the common ones (--format, --rules, --date,
 * --help, and --list where it has one), loads the corpus, queries and renders. Returns the
 * exit code.
 */
int cli_run_procedure(int argc, char **argv, const cli_procedure *proc);

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
	"  --rules 目录    使用该目录下的规则库，而非内置规则库（也可设 YIBAO_RULES）\n"              \
	"  --help          显示本帮助\n"

/* ---- commands ---- */
int cmd_transfer(int argc, char **argv);
int cmd_region_change(int argc, char **argv);
int cmd_activate(int argc, char **argv);
int cmd_refund(int argc, char **argv);
int cmd_dental(int argc, char **argv);
int cmd_workday(int argc, char **argv);
int cmd_waiting(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_update(int argc, char **argv);
int cmd_corpus(int argc, char **argv);
int cmd_bundle(int argc, char **argv);
int cmd_keygen(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_help(int argc, char **argv);
extern const char cmd_transfer_help[], cmd_region_change_help[], cmd_activate_help[],
	cmd_refund_help[], cmd_dental_help[], cmd_workday_help[], cmd_waiting_help[], cmd_lint_help[], cmd_batch_help[], cmd_check_help[],
	cmd_update_help[], cmd_corpus_help[], cmd_bundle_help[], cmd_keygen_help[];

#endif
