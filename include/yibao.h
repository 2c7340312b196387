/*
 * yibao.h - the public API of libyibao.
 *
 * libyibao loads a rule corpus (YAML files, or the copy embedded in the library at build time)
 * and answers medical-insurance procedure questions for Chinese cities: the steps, materials,
 * deadlines and notes that apply, each with the layer (national, province, city) that supplied
 * it and the sources it cites.
 *
 * Conventions, for every function here:
 *  - Functions that can fail return a yb_status and, when given a non-NULL yb_error, fill it with
 *    the code, a message and (for corpus problems) the file, line and column. The error lives in
 *    caller storage, so even out-of-memory can be reported.
 *  - Objects are opaque. Each yb_*_new / yb_*_open has one destructor; destructors accept NULL.
 *  - Strings returned by the library are owned by the object they came from and stay valid until
 *    that object is freed. An answer borrows from its corpus: free answers and queries before
 *    closing the corpus.
 *  - The library never prints and never exits; output goes through a caller's write callback.
 *  - Objects are not thread-safe, but distinct objects may be used from distinct threads; a
 *    corpus may be shared read-only by queries in several threads.
 */
#ifndef YIBAO_H
#define YIBAO_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define YB_VERSION "0.1.0"

/*
 * Status codes. The numbers are stable: new codes are added at the end, none is renumbered.
 */
typedef enum yb_status {
	YB_OK = 0,
	YB_EUSAGE = 1,     /* a malformed argument: a bad date, a fact the procedure does not take */
	YB_ENOTFOUND = 2,  /* unknown input: a city, a procedure, a fact value */
	YB_EAMBIGUOUS = 3, /* a name that fits several cities */
	YB_ECORPUS = 4,    /* the corpus is invalid: syntax, type, dangling id, limit */
	YB_ENOMEM = 5,     /* out of memory */
	YB_EIO = 6,        /* a file could not be read, or the output could not be written */
	YB_ENETWORK = 7,   /* a download failed: connection, timeout, HTTP error, size */
	YB_EINPUT = 8      /* the input of a batch could not be read (exit code 6) */
} yb_status;

/*
 * Copies s to out (of `size` bytes, always NUL-terminated) with every control character
 * written out as an escape: newline as \n, tab as \t, carriage return as \r, any other C0
 * control or DEL as \xHH, a C1 control (U+0080 to U+009F) as \uHHHH. A name a user typed is
 * quoted in messages through this, so an escape sequence or a newline in it cannot drive the
 * terminal or forge a line of output. Every yb_error message goes through it, and so does
 * every diagnostic the command prints. Returns out.
 */
char *yb_escape_controls(char *out, size_t size, const char *s);

/* A short English name for a status ("corpus error"); never NULL. */
const char *yb_status_name(yb_status status);

/*
 * The exit codes of the yibao command (README, "Exit codes"), never renumbered. yb_exit_code()
 * gives the one for a status; YB_EXIT_CHECK is no status's: `yibao check` gives it when a case
 * fails.
 */
enum yb_exit {
	YB_EXIT_OK = 0,      /* answered */
	YB_EXIT_CHECK = 1,   /* a case failed, or coverage is below the threshold */
	YB_EXIT_USAGE = 2,   /* YB_EUSAGE, YB_ENOTFOUND, YB_EAMBIGUOUS */
	YB_EXIT_CORPUS = 3,  /* YB_ECORPUS */
	YB_EXIT_NETWORK = 4, /* YB_ENETWORK */
	YB_EXIT_SYSTEM = 5,  /* YB_ENOMEM, YB_EIO */
	YB_EXIT_INPUT = 6    /* YB_EINPUT */
};

/* The exit code the yibao command uses for a status. */
int yb_exit_code(yb_status status);

/* What an exit code means, in Chinese, as `yibao --help` lists it; NULL for a code the command
 * never gives. */
const char *yb_exit_meaning(int code);

/*
 * What went wrong, and where. `file` is empty and `line`/`column` are 0 when the error is not
 * about a corpus file. `excerpt` holds the offending source line (for a caret under `column`).
 */
typedef struct yb_error {
	yb_status code;
	char file[256];
	int line;   /* 1-based */
	int column; /* 1-based, in characters (as an editor counts them) */
	char message[1024];
	char excerpt[256];
} yb_error;

typedef struct yb_corpus yb_corpus;
typedef struct yb_query yb_query;
typedef struct yb_answer yb_answer;

/* ---- The corpus ---------------------------------------------------------------------------- */

/*
 * Opens the corpus built into the library: rules/ compiled at build time into static data, so
 * nothing is parsed or allocated. `procedure` names the procedure the caller needs (an unknown
 * one is YB_ENOTFOUND); NULL or "" asks for none in particular. Every procedure is always
 * there. On success *out is the corpus, to be passed to yb_corpus_close() like any other (which
 * leaves the built-in one alone); on failure *out is NULL.
 */
yb_status yb_corpus_open_embedded(const char *procedure, yb_corpus **out, yb_error *err);

/*
 * Loads a corpus from a folder laid out like rules/ (its corpus.yaml first), parsing and
 * checking its YAML. `procedure` names the one procedure to load (the shared catalogues always
 * load); NULL loads all of them, "" none. On success *out owns a corpus that the caller frees
 * with yb_corpus_close(); on failure *out is NULL and nothing leaks.
 */
yb_status yb_corpus_open_dir(const char *dir, const char *procedure, yb_corpus **out,
			     yb_error *err);

/* Frees a corpus and everything it owns. NULL is harmless. */
void yb_corpus_close(yb_corpus *corpus);

/* The corpus version and publication date (YYYY-MM-DD) from its corpus.yaml. */
const char *yb_corpus_version(const yb_corpus *corpus);
const char *yb_corpus_date(const yb_corpus *corpus);

/* ---- Cities -------------------------------------------------------------------------------- */

typedef struct yb_city_info {
	const char *adcode;     /* GB/T 2260 code, e.g. "430100" */
	const char *name;       /* full name, e.g. 长沙市 */
	const char *short_name; /* e.g. 长沙 */
	const char *slug;       /* pinyin, e.g. changsha */
	const char *kind;       /* 地级市, 地区, 自治州, 盟 or 直辖市; a county-level unit reporting to
				 * its province: 县级市, 县, 自治县 or 林区 */
	const char *province_adcode;
	const char *province;   /* e.g. 湖南省 */
} yb_city_info;

/*
 * Resolves a city from its slug, short or full Chinese name, or adcode. YB_ENOTFOUND names the
 * closest matches in err->message; YB_EAMBIGUOUS names every candidate and how to pick one.
 * The strings in *out belong to the corpus.
 */
yb_status yb_city_lookup(const yb_corpus *corpus, const char *name, yb_city_info *out,
			 yb_error *err);

/* ---- Facts --------------------------------------------------------------------------------- */

/* One value an enum fact can take: its id ("retired-overpay") and Chinese label. */
typedef struct yb_choice {
	const char *value;
	const char *label;
} yb_choice;

/*
 * The values of the enum fact `fact` ("case", "item", "type"), in corpus order: writes up to
 * `max` of them to out and returns how many there are in all (0 for an unknown or non-enum
 * fact). The strings belong to the corpus.
 */
size_t yb_fact_choices(const yb_corpus *corpus, const char *fact, yb_choice *out, size_t max);

/* ---- Queries and answers ------------------------------------------------------------------- */

/* Starts a query for one procedure ("transfer"). *out is freed with yb_query_free(). */
yb_status yb_query_new(const yb_corpus *corpus, const char *procedure, yb_query **out,
		       yb_error *err);

/*
 * Sets a fact: a place the procedure takes ("from", "to", "city": any name yb_city_lookup()
 * accepts), a fact it asks ("type": a value id, its Chinese label or an alias), or "date"
 * (YYYY-MM-DD, the day the user starts; default: today in China). Errors name the valid choices.
 * Setting a fact twice keeps the last value.
 */
yb_status yb_query_set(yb_query *query, const char *fact, const char *value, yb_error *err);

/*
 * Walks the procedure's decision tree for the facts set so far. A fact the tree needs but the
 * query lacks is not guessed: the answer holds every alternative under its condition and asks
 * for the fact. *out is freed with yb_answer_free(); it borrows from the corpus.
 */
yb_status yb_query_run(const yb_query *query, yb_answer **out, yb_error *err);

void yb_query_free(yb_query *query);
void yb_answer_free(yb_answer *answer);

/* ---- Rendering ----------------------------------------------------------------------------- */

/*
 * Output goes to `write`, called with the whole rendering once it is complete (never a partial
 * answer). It returns 0 on success; anything else makes the render fail with YB_EIO.
 */
typedef int (*yb_write_fn)(void *ctx, const char *data, size_t len);

enum yb_render_flags {
	YB_RENDER_COLOR = 1 << 0,  /* ANSI colour in text output */
	YB_RENDER_EXPLAIN = 1 << 1 /* add the path through the tree and each item's rule */
};

/* Chinese text for a person in a terminal. */
yb_status yb_answer_render_text(const yb_answer *answer, unsigned flags, yb_write_fn write,
				void *ctx, yb_error *err);

/* JSON, schema 1 (docs/json.md), one object followed by a newline. */
yb_status yb_answer_render_json(const yb_answer *answer, unsigned flags, yb_write_fn write,
				void *ctx, yb_error *err);

/*
 * The values of an enum fact (see yb_fact_choices()) as a list: text, one "value  label" line
 * each, or with `json` non-zero a JSON array of {"value", "label"} on one line.
 */
yb_status yb_render_choices(const yb_corpus *corpus, const char *fact, int json,
			    yb_write_fn write, void *ctx, yb_error *err);

/* ---- Batches ------------------------------------------------------------------------------- */

typedef struct yb_batch_stats {
	size_t lines;    /* input lines read */
	size_t answered; /* lines answered */
	size_t failed;   /* lines that gave an error object */
	int worst_exit;  /* the highest exit code among failed lines (0 when none failed) */
} yb_batch_stats;

/*
 * Reads JSON Lines from `in` — one query per line: {"command":"transfer","from":"changde",…},
 * the keys being the command and its flags without the dashes — and writes one line per input
 * line through `write`: the answer exactly as yb_answer_render_json() gives it, or an error
 * object {"schema":1,"line":N,"error":{"code","exit","message"}}. A bad line never stops the
 * batch. A line longer than YB_BATCH_MAX_LINE bytes gets an error object too; it is skipped,
 * never held in memory whole, so memory stays flat however many lines come in and however long.
 * Returns YB_OK unless the batch itself failed: out of memory (YB_ENOMEM), the input could not
 * be read (YB_EINPUT, naming the line; the answers before it are written), or the output could
 * not be written (YB_EIO).
 */
enum { YB_BATCH_MAX_LINE = 1024 * 1024 };
yb_status yb_batch(const yb_corpus *corpus, FILE *in, yb_write_fn write, void *ctx,
		   yb_batch_stats *stats, yb_error *err);
/*
 * The same, for a corpus that yb_corpus_open_auto() opened: when `origin` says the embedded
 * rules answer in place of an installed update, every answer says so (yb_answer_note_fallback).
 * origin may be NULL. Declared after yb_corpus_origin below.
 */
struct yb_corpus_origin;
yb_status yb_batch_from(const yb_corpus *corpus, const struct yb_corpus_origin *origin,
			FILE *in, yb_write_fn write, void *ctx, yb_batch_stats *stats,
			yb_error *err);

/* ---- Case files ---------------------------------------------------------------------------- */

/* Receives one line of a report (no newline). */
typedef void (*yb_line_fn)(void *ctx, const char *line);

typedef struct yb_check_report {
	size_t passed, failed; /* cases */
	size_t branches;       /* decision-tree branches in the corpus's loaded procedures */
	size_t reached;        /* of those, how many some case reached */
} yb_check_report;

/*
 * Runs case files (docs/check.md) against the corpus: `paths` are files or folders (a folder's
 * .yaml files, in name order). Each failing case gives one line through `out` —
 * "FILE:LINE:COLUMN: NAME: what differed" — and so does a case file that cannot be read as one.
 * With `coverage` non-zero, every branch no case reached gives a line too:
 * "procedures/transfer.yaml:50:11: branch never reached by a case (route: case)". The counts
 * go to *report. YB_OK unless the run itself failed (a path that does not exist, out of memory).
 */
yb_status yb_check(const yb_corpus *corpus, const char *const *paths, size_t npaths,
		   int coverage, yb_line_fn out, void *ctx, yb_check_report *report,
		   yb_error *err);

/* ---- Linting ------------------------------------------------------------------------------- */

/* One finding about a corpus: where (file relative to the corpus folder, 1-based line and
 * column), how bad, and what. The strings are valid during the callback only. */
typedef struct yb_diag {
	const char *file;
	int line, column;
	int is_error; /* 1: an error (the corpus is wrong); 0: a warning (it is suspect) */
	const char *message;
} yb_diag;

typedef void (*yb_diag_fn)(void *ctx, const yb_diag *diag);

/*
 * Checks a whole corpus — the folder `dir`, or the embedded one when dir is NULL — and reports
 * every finding through fn, in file and line order: what the loader refuses (syntax, unknown
 * keys, wrong types, dangling or duplicate ids, unsourced items), and what loads but is wrong or
 * suspect (branches that can never be reached, overlapping conditions at one node, enum values
 * left unhandled without a default, sources nothing cites, rule versions whose dates overlap or
 * leave a gap). Counts go to *errors and *warnings. Returns YB_OK when there is no error,
 * YB_ECORPUS when there is; other codes when the check itself could not run.
 */
yb_status yb_lint(const char *dir, yb_diag_fn fn, void *ctx, size_t *errors, size_t *warnings,
		  yb_error *err);

/* ---- Signed rule bundles and updates (docs/updates.md) -------------------------------------- */

/* Download progress: bytes received so far and the total (0 when not known yet). */
typedef void (*yb_progress_fn)(void *ctx, long long now, long long total);

/*
 * Makes a signing key: the private key is written to `path` (created with mode 0600; an
 * existing file is never overwritten), the public key comes back as 64 hex digits, and its id
 * (the first 16 hex digits of its SHA-256) in `id`.
 */
yb_status yb_keygen(const char *path, char pub_hex[65], char id[17], yb_error *err);

typedef struct yb_bundle_info {
	char version[64], date[11], key[17];
	size_t files, bytes;
} yb_bundle_info;

/*
 * Lints the corpus folder `dir` (refused unless it lints clean), then writes to `out_path` a
 * bundle of its files with a manifest signed by the private key at `key_path`.
 */
yb_status yb_bundle_make(const char *dir, const char *key_path, const char *out_path,
			 yb_bundle_info *info, yb_error *err);

/* Where the corpus that answers came from. */
typedef enum yb_origin_kind {
	YB_ORIGIN_EMBEDDED = 0,  /* built into the binary */
	YB_ORIGIN_INSTALLED = 1, /* installed by `yibao update`, checked against its signature */
	YB_ORIGIN_FOLDER = 2     /* --rules DIR or YIBAO_RULES */
} yb_origin_kind;

/* Why the embedded corpus answers although a newer one is installed (docs/updates.md). */
typedef enum yb_fallback_kind {
	YB_FALLBACK_NONE = 0,      /* it does not: the corpus that should answer does */
	YB_FALLBACK_UNCHECKED = 1, /* the installed corpus's check could not run (no libcrypto,
				    * out of memory) */
	YB_FALLBACK_REJECTED = 2,  /* it failed its check: a file changed, missing or unreadable,
				    * a bad signature */
	YB_FALLBACK_UNLOADABLE = 3 /* it checked out but could not be loaded */
} yb_fallback_kind;

typedef struct yb_corpus_origin {
	yb_origin_kind kind;
	yb_fallback_kind fallback; /* not NONE: the embedded corpus answers instead of the
				    * installed one, and warning says why */
	char path[1024];           /* the folder (folder and installed corpora) */
	char version[64], date[11];
	char key[17];              /* installed: the key that signed it */
	char url[1024];            /* installed: where it was fetched from */
	char fetched[32];          /* installed: when (UTC, ISO 8601) */
	char warning[1024];        /* set when an installed corpus was refused and not used */
} yb_corpus_origin;

/*
 * Opens the corpus that should answer, in this order: `rules_dir` when not NULL, then the
 * folder in YIBAO_RULES, then the corpus installed by `yibao update` — only when it checks out
 * against its signed manifest (every time it is loaded) and is newer than the embedded one —
 * and otherwise the embedded corpus. An installed corpus that fails its check is not used:
 * origin->warning says why, and the embedded corpus answers. On failure *out is NULL.
 */
yb_status yb_corpus_open_auto(const char *rules_dir, const char *procedure, yb_corpus **out,
			      yb_corpus_origin *origin, yb_error *err);

/* "unchecked", "rejected", "unloadable" (the names in JSON), or NULL for YB_FALLBACK_NONE. */
const char *yb_fallback_name(yb_fallback_kind kind);

/*
 * Marks an answer as coming from another corpus than the installed one when origin says so
 * (origin->fallback), so that the rendered answer says it itself: a `fallback` object in
 * JSON's `corpus`, a line at the top of the text. Nothing to do otherwise.
 */
yb_status yb_answer_note_fallback(yb_answer *answer, const yb_corpus_origin *origin,
				  yb_error *err);

typedef struct yb_update_options {
	const char *url;          /* NULL: the url in the configuration */
	long timeout;             /* seconds for the whole download; 0: 300 */
	long connect_timeout;     /* seconds; 0: 15 */
	size_t max_bytes;         /* 0: 32 MiB */
	yb_progress_fn progress;  /* NULL: none */
	void *progress_ctx;
} yb_update_options;

typedef struct yb_update_result {
	int not_modified;         /* the rules in use are already current: nothing installed */
	char version[64], date[11], key[17];
	char previous[64];        /* the version in use before */
	char url[1024];
} yb_update_result;

/*
 * Fetches a bundle (conditionally, with the validators of the installed one), verifies its
 * signature and every file, lints it, and only then installs it atomically; the corpus in use
 * before is kept for yb_update_rollback(). On any failure — network (YB_ENETWORK), signature,
 * hash or lint (YB_ECORPUS), disk (YB_EIO) — the active corpus is exactly as it was.
 */
yb_status yb_update(const yb_update_options *opts, yb_update_result *result, yb_error *err);

/* Switches back to the corpus installed before the current one (which becomes the one to roll
 * forward to). */
yb_status yb_update_rollback(yb_update_result *result, yb_error *err);

/* Compares two dotted versions ("2026.11.1"): negative, zero or positive. */
int yb_version_compare(const char *a, const char *b);

/* ---- Working days ---------------------------------------------------------------------------- */

/*
 * Reads a number the way every number given to yibao is read (flags, batch lines, the corpus):
 * decimal (1500, 0.7, -2, 1e3), the whole text, finite, from min to max inclusive; no spaces,
 * hex, nan or inf. YB_OK, or YB_EUSAGE with a message naming `what` (a flag such as --cost),
 * the text and the valid range. yb_integer_read() takes whole numbers only.
 */
yb_status yb_number_read(const char *what, const char *text, double min, double max, double *out,
			 yb_error *err);
yb_status yb_integer_read(const char *what, const char *text, long min, long max, long *out,
			  yb_error *err);

/*
 * The n-th working day after `date` (YYYY-MM-DD) by the official calendar in the corpus
 * (weekends, public holidays, adjusted working weekends): the first working day strictly after
 * `date` is day 1; a negative n counts back; n = 0 gives `date` itself. Writes YYYY-MM-DD to
 * out. *uncovered_year, when not NULL, is set to a year the count passed through that the
 * corpus has no calendar for (weekends were the only days off there), or 0.
 * YB_EUSAGE for a malformed date, |n| over YB_WORKDAY_MAX, or a day outside the supported
 * dates, 1900-01-01 to 9999-12-31.
 */
enum { YB_WORKDAY_MAX = 3650 };
yb_status yb_workday(const yb_corpus *corpus, const char *date, int n, char out[11],
		     int *uncovered_year, yb_error *err);

/* ---- Utilities ----------------------------------------------------------------------------- */

/* Edit distance between two UTF-8 strings in characters, for "did you mean" suggestions.
 * Strings over 64 characters count as very far apart. */
int yb_edit_distance(const char *a, const char *b);

#ifdef __cplusplus
}
#endif

#endif /* YIBAO_H */
