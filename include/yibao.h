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
 *    What an answer says is read through read-only structs that it owns ("Reading an answer").
 *  - Strings returned by the library are owned by the object they came from and stay valid until
 *    that object is freed. An answer borrows from its corpus: free answers and queries before
 *    closing the corpus.
 *  - The library never prints and never exits; output goes through a caller's write callback.
 *  - Objects are not thread-safe, but distinct objects may be used from distinct threads; a
 *    corpus may be shared read-only by queries in several threads.
 */
#ifndef YIBAO_H
#define YIBAO_H

#include <stdbool.h>
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

/* What an exit code means, in Chinese or (`english`) in English, as `yibao --help` lists it;
 * NULL for a code the command never gives. */
const char *yb_exit_meaning(int code, bool english);

/*
 * What went wrong, and where. `file` is empty and `line`/`column` are 0 when the error is not
 * about a corpus file. `excerpt` holds the offending source line (for a caret under `column`).
 * `message` is in Chinese; `message_en` says the same in English, or is empty for the messages
 * that are Chinese only (those about a corpus's own files, read by the people who write it).
 * yb_error_text() picks one.
 */
typedef struct yb_error {
	yb_status code;
	char file[256];
	int line;   /* 1-based */
	int column; /* 1-based, in characters (as an editor counts them) */
	char message[1024];
	char message_en[1024];
	char excerpt[256];
} yb_error;

/* The message in English when `english` and the library has one, else in Chinese. */
const char *yb_error_text(const yb_error *err, bool english);

typedef struct yb_corpus yb_corpus;
typedef struct yb_query yb_query;
typedef struct yb_answer yb_answer;

/* ---- The corpus ---------------------------------------------------------------------------- */

/*
 * Opens the corpus built into the library: rules/ compiled at build time into a corpus image, so
 * nothing is parsed; the handle is the only allocation. `procedure` names the procedure the
 * caller needs (an unknown one is YB_ENOTFOUND); NULL or "" asks for none in particular. Every
 * procedure is always there. On success *out is the corpus, to be passed to yb_corpus_close()
 * like any other (which frees the handle and leaves the built-in image alone); on failure *out
 * is NULL.
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
	const char *province_slug; /* pinyin, e.g. hunan: with slug, a place's name in English
				    * (Changsha, Hunan) */
} yb_city_info;

/*
 * Resolves a city from its slug, short or full Chinese name, or adcode. YB_ENOTFOUND names the
 * closest matches in err->message; YB_EAMBIGUOUS names every candidate and how to pick one.
 * The strings in *out belong to the corpus.
 */
yb_status yb_city_lookup(const yb_corpus *corpus, const char *name, yb_city_info *out,
			 yb_error *err);

/*
 * The i-th city of the gazetteer (0-based, in adcode order), for listing them all (shell
 * completion, a form's menu): 1 and *out filled, or 0 past the last. Not every name in *out
 * resolves alone: a slug two cities share (fuzhou) is refused by yb_city_lookup(). The strings
 * belong to the corpus.
 */
int yb_city_at(const yb_corpus *corpus, size_t i, yb_city_info *out);

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

/* ---- A procedure's inputs ------------------------------------------------------------------ */

/*
 * What a procedure takes, as the corpus states it (its places, and the facts it asks with their
 * flags, kinds, choices and ranges), so that a front end — the yibao command's options, shell
 * completion, a form — offers exactly what the loaded corpus answers, including facts a rule
 * update added. The common settings every procedure takes (the date, the output format) are not
 * inputs of the corpus and are not listed.
 */
typedef enum yb_input_kind {
	YB_INPUT_PLACE = 0,  /* a city: any name yb_city_lookup() accepts */
	YB_INPUT_ENUM = 1,   /* one of its choices: the id, the Chinese label or an alias */
	YB_INPUT_BOOL = 2,   /* yes or no; on the command line a switch, present meaning yes */
	YB_INPUT_NUMBER = 3, /* a decimal number from min to max (yb_number_read()) */
	YB_INPUT_DATE = 4    /* YYYY-MM-DD */
} yb_input_kind;

typedef struct yb_input {
	const char *name;     /* what yb_query_set() takes: "from", "type", "cost" */
	const char *flag;     /* its command-line flag: "--from", "--type" */
	yb_input_kind kind;
	const char *label;    /* Chinese: 转出地, 参保类型 */
	const char *question; /* Chinese, as an answer asks for it; "" when the corpus has none */
	int required;         /* a query without it is refused (a refund's case, a place) */
	const char *default_value; /* used when not given: an enum's choice id, a switch's "false";
				    * NULL when the answer lists the alternatives instead */
	const char *follows;  /* enum: when not given, takes the value of this input ("type" for
			       * "to-type"), whose choices it shares; NULL */
	size_t nchoices;      /* enum: how many choices (yb_input_choice_at()) */
	double min, max;      /* number: the values accepted, inclusive */
	/* Number inputs that state one quantity in two units (gap-months and gap-years, the one
	 * gap in cover): for the larger unit, the input in the smaller one and how many of those
	 * one of these is (gap-years: "gap-months", 12). NULL and 0 otherwise. */
	const char *unit_of;
	double unit_factor;
	const char *label_en; /* its label in English (Type of insurance); NULL when the corpus
			       * has none */
} yb_input;

/*
 * The inputs of `procedure`: its places (from, to, city, in that order), then the facts it asks
 * in the order its file lists them. Writes up to `max` to out and returns how many there are
 * in all; 0 for a procedure the corpus does not have. The strings belong to the corpus.
 */
size_t yb_procedure_inputs(const yb_corpus *corpus, const char *procedure, yb_input *out,
			   size_t max);

/* The id of the i-th procedure the corpus has loaded ("transfer"), 0-based in corpus order;
 * NULL past the last. */
const char *yb_procedure_at(const yb_corpus *corpus, size_t i);

/* Whether `procedure` takes the input `name` (a place or a fact it asks, as yb_query_set()
 * names it; "date" is taken by every procedure): 1 or 0, and 0 for an unknown procedure. */
int yb_procedure_takes(const yb_corpus *corpus, const char *procedure, const char *name);

/* One choice of an enum input: its id, Chinese label, how many aliases it has, and its label in
 * English (NULL when the corpus has none). */
typedef struct yb_input_choice {
	const char *value;
	const char *label;
	size_t naliases;
	const char *label_en;
} yb_input_choice;

/*
 * The i-th choice (0-based, corpus order) of the enum input `name` ("type"): 1 and *out filled,
 * or 0 when there is none. yb_input_alias() gives its k-th alias (an accepted other name:
 * 职工, or an old name such as 新农合), or NULL past the last.
 */
int yb_input_choice_at(const yb_corpus *corpus, const char *name, size_t i, yb_input_choice *out);
const char *yb_input_alias(const yb_corpus *corpus, const char *name, size_t i, size_t k);

/*
 * The choices of the enum input `name` nearest to `typed`, a value it does not accept, for
 * "did you mean": compared with each choice's id, Chinese label and aliases, by edit distance in
 * characters (ASCII case folded) or by one containing the other (退休 in 退休后多缴). Writes the
 * ids of the closest, best first, up to `max`, and returns how many; 0 when none is close.
 */
size_t yb_input_nearest(const yb_corpus *corpus, const char *name, const char *typed,
			const char **out, size_t max);

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

/* ---- Reading an answer --------------------------------------------------------------------- */

/*
 * An answer is data. Everything yb_answer_render_text() and yb_answer_render_json() print comes
 * from what the functions below return, so a program can show an answer its own way: walk the
 * steps, read a due date, list the sources. docs/library.md shows a walk.
 *
 *   printf("%s\n", yb_answer_summary(a)->title.zh);
 *   for (size_t i = 0; i < yb_answer_count(a, YB_LIST_STEPS); i++) {
 *       const yb_entry *e = yb_answer_entry(a, YB_LIST_STEPS, i);
 *       printf("%s %s\n", e->title.zh, e->deadline && e->deadline->due ? e->deadline->due : "");
 *   }
 *
 * Lifetime: every struct and string reached from an answer — returned here, or pointed to by a
 * field — belongs to the answer (or to its corpus, which outlives it) and stays valid, unchanged,
 * until yb_answer_free(). The caller never frees or writes any of it.
 *
 * Compatibility: the caller never allocates these structs, so new fields are only ever added at
 * their end, and new entry kinds, lists and enum values at the end of their enums; nothing is
 * renumbered or removed.
 *
 * Texts come as a yb_zh_en: Chinese, and English where the corpus has it. A field that may be
 * absent says "zh NULL when none"; otherwise zh is never NULL. en is NULL where the corpus has
 * no English for a text (show its Chinese then). The texts the library composes (a condition,
 * a decision's value, an alternative's label, yes and no, the summary's sentences) have both,
 * built from the English of what they name; an area's name in English is its pinyin,
 * capitalised (Hunan, Changsha), and national rules' is "national".
 *
 * Dates are strings, YYYY-MM-DD. Flags ("int") are 0 or 1.
 */

/* A text in Chinese and, when the corpus has it, English. */
typedef struct yb_zh_en {
	const char *zh;
	const char *en;
} yb_zh_en;

/* The lists of an answer, for yb_answer_count(). The first seven hold entries. */
typedef enum yb_answer_list {
	YB_LIST_VERDICTS = 0,     /* entries: the verdict (refunds, dental), one per alternative
				   * when they differ */
	YB_LIST_ESTIMATES = 1,    /* entries: what the fund would pay */
	YB_LIST_WAITS = 2,        /* entries: waiting periods after a gap in cover */
	YB_LIST_STEPS = 3,        /* entries: what to do, in order — those for both paths first,
				   * then the online ones, then the offline ones */
	YB_LIST_MATERIALS = 4,    /* entries: what to bring, ordered as steps are */
	YB_LIST_DEADLINES = 5,    /* entries: time limits that belong to no single step */
	YB_LIST_NOTES = 6,        /* entries: preconditions, then warnings, then other notes */
	YB_LIST_QUESTIONS = 7,    /* yb_answer_question(): facts the answer still needs */
	YB_LIST_SOURCES = 8,      /* yb_answer_source(): every source cited, numbered */
	YB_LIST_FACTS = 9,        /* yb_answer_fact(): the facts as given, or taken by default */
	YB_LIST_ALTERNATIVES = 10, /* yb_answer_alternative(): the combinations of facts not given
				    * that the answer covers; one (with nothing assumed) when every
				    * fact it needed was given */
	YB_LIST_DECISIONS = 11    /* yb_answer_decision(): the path through the decision trees */
} yb_answer_list;

/* What an entry is. The three kinds of note share YB_LIST_NOTES. */
typedef enum yb_entry_kind {
	YB_ENTRY_VERDICT = 0,
	YB_ENTRY_ESTIMATE = 1,
	YB_ENTRY_WAIT = 2,
	YB_ENTRY_STEP = 3,
	YB_ENTRY_MATERIAL = 4,
	YB_ENTRY_DEADLINE = 5,
	YB_ENTRY_PRECONDITION = 6, /* a note: what must hold before starting */
	YB_ENTRY_WARNING = 7,      /* a note: what can go wrong */
	YB_ENTRY_INFO = 8          /* a note: anything else worth knowing */
} yb_entry_kind;

/* The way a step is taken (or a material handed in). */
typedef enum yb_path_kind {
	YB_PATH_ANY = 0,    /* either way: online or at a counter */
	YB_PATH_ONLINE = 1,
	YB_PATH_OFFLINE = 2
} yb_path_kind;

typedef enum yb_channel_type {
	YB_CHANNEL_APP = 0,
	YB_CHANNEL_WEB = 1,
	YB_CHANNEL_MINI_PROGRAM = 2,
	YB_CHANNEL_COUNTER = 3,
	YB_CHANNEL_PHONE = 4
} yb_channel_type;

typedef enum yb_source_type {
	YB_SOURCE_OFFICIAL = 0, /* a government document or page */
	YB_SOURCE_SEED = 1,     /* one of the articles the corpus started from */
	YB_SOURCE_WEB = 2       /* another public page, never more than a pointer: unconfirmed */
} yb_source_type;

/* Who made a rule. */
typedef enum yb_layer_level {
	YB_LEVEL_NATIONAL = 0,
	YB_LEVEL_PROVINCE = 1,
	YB_LEVEL_CITY = 2
} yb_layer_level;

/* What a fact holds. Derived facts (the route, a place's province) have kinds too. */
typedef enum yb_fact_type {
	YB_FACT_ENUM = 0,   /* one of a list of values (--type employee) */
	YB_FACT_BOOL = 1,   /* a switch (--retired): "true" or "false" */
	YB_FACT_NUMBER = 2, /* --cost 1500 */
	YB_FACT_DATE = 3,
	YB_FACT_CITY = 4,
	YB_FACT_PROVINCE = 5
} yb_fact_type;

/* Where the value a decision tested came from. */
typedef enum yb_value_origin {
	YB_VALUE_GIVEN = 0,   /* the query set it (a command-line flag) */
	YB_VALUE_DERIVED = 1, /* worked out from the places: the route, a city, its province */
	YB_VALUE_DEFAULT = 2, /* not given: the fact's default */
	YB_VALUE_ASSUMED = 3  /* not given: each alternative takes one value */
} yb_value_origin;

/* The rules an entry or decision came from. */
typedef struct yb_layer_info {
	yb_layer_level level;
	const char *adcode; /* the province's or city's code; NULL for national rules */
	yb_zh_en name;      /* 湖南省, 长沙市; 全国 for national rules (en: Hunan, Changsha;
			     * national) */
} yb_layer_info;

/* One side of a two-place procedure: the office at one end. */
typedef struct yb_side_info {
	const char *id;           /* "out", "in" */
	yb_zh_en label;           /* 转出地 */
	const yb_city_info *city; /* the place on that side; NULL when the query left it out */
} yb_side_info;

/* A channel a step can be taken through. */
typedef struct yb_channel_info {
	const char *id;
	yb_zh_en name;        /* 国家医保服务平台 App */
	yb_channel_type kind;
	yb_zh_en where;       /* where to tap or go for this step (the step's own directions, else
			       * the channel's); zh NULL when the corpus does not say */
} yb_channel_info;

/* A source, numbered in order of first citation: the n-th is footnote [n] in text output. */
typedef struct yb_source_info {
	const char *id;
	size_t n;             /* 1-based: yb_answer_source(a, n - 1) is this source */
	yb_source_type kind;
	yb_zh_en title;       /* the document's or article's title (seeds: zh NULL when none) */
	const char *number;   /* document number, 医保办发〔2021〕43号; NULL when none */
	const char *issuer;   /* NULL when none */
	const char *date;     /* the document's date; NULL when none */
	const char *file;     /* seeds: the article's file; NULL otherwise */
	const char *heading;  /* seeds: the heading the fact sits under; NULL otherwise */
	const char *url;      /* NULL when none */
	const char *read;     /* the day the page at url was read; NULL when not recorded */
	int unconfirmed;      /* no official text confirms it */
} yb_source_info;

/*
 * The corpus's sources, every one, in catalogue order: fills *out (when not NULL) with source i
 * (its n is i + 1) and returns how many there are. The strings belong to the corpus.
 */
size_t yb_corpus_source(const yb_corpus *corpus, size_t i, yb_source_info *out);

typedef struct yb_entry yb_entry;

/* A time limit: a step's, or a deadline entry's. */
typedef struct yb_deadline_info {
	int working_days;       /* counted in working days by the official calendar; -1 when not */
	int days, months;       /* counted in calendar days or months; 0 when not */
	yb_zh_en from;          /* an event it counts from that the answer cannot date (审核通过之日):
				 * then due is NULL; zh NULL when none */
	yb_zh_en text;          /* the limit in words; zh NULL when none */
	const char *due;        /* the day it falls on; NULL when it has no date */
	const yb_entry *after;  /* the step whose due date it counts from; NULL when it counts
				 * from the answer's date (or from `from`) */
	const yb_source_info *const *sources; /* its own sources; none: the entry's apply */
	size_t nsources;
} yb_deadline_info;

/* A verdict: the answer to the procedure's yes-or-no question. */
typedef struct yb_verdict_info {
	const char *key;   /* what it decides: "refundable", "covered" */
	const char *value; /* "true", "false", "partial" or "depends" */
} yb_verdict_info;

/* What the fund would pay: paid = (cost − deductible) × ratio, 0 under the deductible. */
typedef struct yb_estimate_info {
	const char *of;      /* the fact estimated: "cost" */
	const char *of_flag; /* its flag, "--cost" */
	double deductible;   /* yuan */
	double ratio;        /* 0 to 1 */
	int known;           /* the cost was given: cost and paid are set */
	double cost, paid;   /* yuan; paid is rounded to the fen */
} yb_estimate_info;

/*
 * A waiting period after a gap in cover. A grace rule: a gap up to grace_months is back-paid
 * with nothing lost, a longer one may cost up to max_months. A counted rule: fixed_months, plus
 * per_gap_year for each year of gap after the first, less back_pay_credit for each year
 * back-paid, at least floor_months once the gap reaches floor_gap_years.
 */
typedef struct yb_wait_info {
	int grace;                /* 1: a grace rule; 0: a counted rule */
	int grace_months, max_months;
	int fixed_months, per_gap_year, back_pay_credit, floor_gap_years, floor_months;
	const char *gap_months_flag, *gap_years_flag; /* the flags that give the gap */
	int known;                /* a gap was given: the fields below are set */
	double gap_months;        /* the gap (years given count 12 months each) */
	int within_grace;         /* grace: the gap is within grace_months */
	int gap_years;            /* counted: the gap in whole years, rounded up */
	int back_paid_years;      /* counted: years back-paid */
	int extra_years;          /* counted: years of gap after the first */
	int added_months;         /* counted: extra_years × per_gap_year */
	int credit_months;        /* counted: back_paid_years × back_pay_credit */
	int variable_months;      /* counted: added_months − credit_months, at least 0 */
	int counted_months;       /* counted: fixed_months + variable_months */
	int floored;              /* counted: raised to floor_months */
	int months;               /* the wait: counted, or 0 within grace, or max_months over it */
	const char *start;        /* the day benefits start (for a grace rule's maximum: at the
				   * latest) */
} yb_wait_info;

/* A step, material, deadline, note, verdict, estimate or wait. */
struct yb_entry {
	yb_entry_kind kind;
	const char *id;           /* the rule item's id, stable across versions (materials: the
				   * material's id) */
	yb_zh_en title;           /* steps, deadlines, estimates, waits: the title; materials: the
				   * official name; notes: zh NULL when untitled; verdicts: zh NULL */
	yb_zh_en text;            /* steps: the detail; notes: the text; materials: a remark
				   * (原件及复印件); verdicts: the reason; zh NULL when none */
	yb_zh_en issued_by;       /* materials: who issues it; zh NULL when none */
	const yb_side_info *side; /* the side whose office takes it; NULL when none or either */
	int either_side;          /* steps: either side's office takes it */
	yb_path_kind path;
	const yb_channel_info *channels; /* steps: where it can be done */
	size_t nchannels;
	const yb_deadline_info *deadline; /* steps with a time limit, and deadlines; else NULL */
	const yb_verdict_info *verdict;   /* verdicts; else NULL */
	const yb_estimate_info *estimate; /* estimates; else NULL */
	const yb_wait_info *wait;         /* waits; else NULL */
	const yb_source_info *const *sources; /* what it cites, in the corpus's order */
	size_t nsources;
	yb_layer_info layer;      /* the rules it came from */
	const char *rule;         /* the corpus file that writes it, procedures/transfer.yaml */
	int line;                 /* and the line */
	const char *in_force_from, *in_force_until; /* the dates the rule applies between (the
						     * answer has the version in force on its
						     * date); NULL when open */
	int unconfirmed;          /* no official text confirms it */
	unsigned long long alternatives; /* bit k: it holds in alternative k; 0: in every one */
	yb_zh_en condition;       /* when it holds only in some alternatives, which, as a person
				   * reads it: 职工医保 / 灵活就业人员参加职工医保 (en: Employee medical
				   * insurance / …); zh NULL otherwise */
};

/* A fact as the query gave it (or the default taken for it). */
typedef struct yb_given_fact {
	const char *fact;     /* "type" */
	const char *flag;     /* "--type" */
	yb_fact_type kind;
	yb_zh_en label;       /* 参保类型 */
	const char *value;    /* enum: the value id; switches: "true" or "false"; else as given */
	yb_zh_en value_label; /* enum: the value's label (城乡居民医保); switches: 是 or 否; zh NULL
			       * otherwise */
	const char *typed;    /* what was typed, when it was another name for the value (新农合);
			       * NULL otherwise */
	yb_zh_en note;        /* why that name means the value; zh NULL when none */
	int by_default;       /* not given: the fact's default was taken */
} yb_given_fact;

typedef struct yb_question_choice {
	const char *value; /* what to pass: "employee", "yes" */
	yb_zh_en label;    /* 职工医保, 是 */
} yb_question_choice;

/* A fact the answer depends on and the query did not give. */
typedef struct yb_question {
	const char *fact;     /* "type", "city" */
	const char *flag;     /* "--type"; NULL for a fact no flag sets */
	yb_fact_type kind;
	yb_zh_en label;       /* 参保类型 */
	yb_zh_en question;    /* 您参加的是哪一种基本医疗保险？; zh NULL when none */
	const yb_question_choice *choices; /* enum values, or yes and no for a switch; none for a
					    * place (any city will do) or a number */
	size_t nchoices;
} yb_question;

/* One value an alternative takes for a fact that was not given. */
typedef struct yb_assumed {
	const char *fact;   /* "type" */
	yb_fact_type kind;
	const char *value;  /* enum: the value id; switches: "true" or "false"; any other fact:
			     * the branch taken, "case 2 at procedures/dental.yaml:40" */
	yb_zh_en label;     /* 职工医保, 退休人员：是, 费用（元）：0～500 */
} yb_assumed;

/* One combination of values for the facts not given; entries say which ones they hold in. */
typedef struct yb_alternative {
	const yb_assumed *assumed; /* in the order the facts were met; none when nothing was */
	size_t nassumed;
	yb_zh_en label;            /* all of them: 职工医保，退休人员：是 */
} yb_alternative;

/* One decision of the walk through the rules: a test, the value it saw, the branch taken. */
typedef struct yb_decision {
	yb_layer_info layer;    /* whose rules decided */
	const char *rule;       /* where the test is written: file */
	int line;               /* and line */
	const char *fact;       /* the fact tested: "route", "type", "to.province" */
	yb_zh_en fact_label;    /* 转移类型 */
	yb_zh_en value;         /* the value and where it came from: 省内跨市（由城市推出：…） */
	yb_value_origin origin;
	int branch;             /* the case taken, 1-based; 0: the default branch; -1: no case
				 * matched and there is no default, so that tree ends here */
	const char *branch_rule; /* where the branch taken is written; NULL when branch is -1 */
	int branch_line;
	unsigned long long alternatives; /* as in yb_entry */
	yb_zh_en condition;     /* as in yb_entry */
} yb_decision;

/* The answer as a whole. */
typedef struct yb_summary {
	const char *procedure;       /* "transfer" */
	yb_zh_en title;              /* 基本医疗保险关系转移接续 */
	const char *date;            /* the day the answer is for */
	int date_given;              /* the query set it; else it is today in China */
	const char *corpus_version;  /* of the corpus that answered */
	const char *corpus_date;
	const yb_city_info *from, *to, *city; /* the places; NULL when not part of the query */
	const char *route;           /* two-place procedures: "intra-city", "intra-province" or
				      * "cross-province"; NULL otherwise */
	yb_zh_en route_label;        /* 省内跨市; zh NULL when no route */
	const char *verdict;         /* the verdict's key ("refundable"); NULL when none */
	const char *verdict_value;   /* "true", "false", "partial", or "depends" (also when it
				      * differs between the alternatives) */
	const char *due;             /* the last due date in the answer: when everything must be
				      * done by (with alternatives, the latest); NULL when none */
	int uncovered_year;          /* a year a due date passed through for which the corpus has no
				      * holiday calendar (only weekends were skipped), or 0 */
	yb_zh_en caveat;             /* that, as a sentence; zh NULL when uncovered_year is 0 */
	const char *fallback_kind;   /* "rejected" or "unloadable" when the embedded
				      * corpus answers in place of the installed one
				      * (yb_answer_note_fallback); NULL otherwise */
	const char *fallback;        /* why, in Chinese; NULL otherwise */
	size_t local;                /* entries from a province's or a city's own rules */
	yb_zh_en no_local;           /* when local is 0 and the places are given: that the corpus
				      * knows nothing of their own, as a sentence; zh NULL otherwise */
	const char *fallback_en;     /* fallback in English (its Chinese when the origin had no
				      * warning_en); NULL when fallback is */
} yb_summary;

/* The answer's summary; never NULL. */
const yb_summary *yb_answer_summary(const yb_answer *answer);

/* How many items `list` holds; 0 for an unknown list. */
size_t yb_answer_count(const yb_answer *answer, yb_answer_list list);

/* Item i of an entry list (YB_LIST_VERDICTS to YB_LIST_NOTES); NULL when out of range or
 * another list. The other lists have typed functions of their own: */
const yb_entry *yb_answer_entry(const yb_answer *answer, yb_answer_list list, size_t i);
const yb_source_info *yb_answer_source(const yb_answer *answer, size_t i);
const yb_question *yb_answer_question(const yb_answer *answer, size_t i);
const yb_given_fact *yb_answer_fact(const yb_answer *answer, size_t i);
const yb_alternative *yb_answer_alternative(const yb_answer *answer, size_t i);
const yb_decision *yb_answer_decision(const yb_answer *answer, size_t i);

/* ---- Rendering ----------------------------------------------------------------------------- */

/*
 * Output goes to `write`, called with the whole rendering once it is complete (never a partial
 * answer). It returns 0 on success; anything else makes the render fail with YB_EIO.
 */
typedef int (*yb_write_fn)(void *ctx, const char *data, size_t len);

enum yb_render_flags {
	YB_RENDER_COLOR = 1 << 0,   /* ANSI colour in text output */
	YB_RENDER_EXPLAIN = 1 << 1, /* add the path through the tree and each item's rule */
	/* The answer in English: every text in its English where the corpus has one (its Chinese
	 * where not), and in text output the headings, labels and phrases too. Official names
	 * keep their Chinese: a document's title and a material's name, followed by the English
	 * the corpus gives ("《中文》 (English)" in text; "title_en", "name_en" in JSON). JSON
	 * says "lang":"en" after "schema". Without it, Chinese. */
	YB_RENDER_LANG_EN = 1 << 2
};

/* Text for a person in a terminal: Chinese, or English with YB_RENDER_LANG_EN. */
yb_status yb_answer_render_text(const yb_answer *answer, unsigned flags, yb_write_fn write,
				void *ctx, yb_error *err);

/* JSON, schema 1 (docs/json.md), one object followed by a newline; its texts in English with
 * YB_RENDER_LANG_EN. */
yb_status yb_answer_render_json(const yb_answer *answer, unsigned flags, yb_write_fn write,
				void *ctx, yb_error *err);

/*
 * The values of an enum fact (see yb_fact_choices()) as a list: text, one "value  label" line
 * each, or with `json` non-zero a JSON array of {"value", "label"} on one line.
 */
yb_status yb_render_choices(const yb_corpus *corpus, const char *fact, int json,
			    yb_write_fn write, void *ctx, yb_error *err);

/*
 * The corpus's sources as a list for auditors: text, one line each (id, kind, title, document
 * number, publisher, date, URL and the day it was read), or with `json` non-zero a JSON array
 * of objects with the fields of an answer's `sources` (docs/json.md) but `n`. With `unlinked`
 * non-zero, only the sources with neither a URL nor a document number (the seed articles).
 */
yb_status yb_render_sources(const yb_corpus *corpus, int json, int unlinked, yb_write_fn write,
			    void *ctx, yb_error *err);

/*
 * The choices of the enum input `name` as a list (`yibao refund --list`), as
 * yb_render_choices() with the aliases too: text, one line each
 * ("id  label（别名：a、b）"), or with `json` non-zero a JSON array of
 * {"value", "label", "aliases": […]} on one line.
 */
yb_status yb_render_input_choices(const yb_corpus *corpus, const char *name, int json,
				  yb_write_fn write, void *ctx, yb_error *err);

/* ---- Batches ------------------------------------------------------------------------------- */

typedef struct yb_batch_stats {
	size_t lines;    /* input lines read: skipped ones, and for CSV the header's, included */
	size_t answered; /* query lines (CSV: rows) answered */
	size_t failed;   /* query lines (CSV: rows) that gave an error */
	int worst_exit;  /* the highest exit code among failed lines (0 when none failed) */
	size_t skipped;  /* blank lines and comment lines (#…): read, and given no output line */
} yb_batch_stats;

/* A value for every line of a batch that does not give the key itself. The key is as a line
 * writes it: "command", "date", "explain", "lang" or an input of some procedure ("type",
 * "from"). */
typedef struct yb_batch_default {
	const char *key;
	const char *value; /* as a line's value reads: "employee", "2026-11-23", "true" */
} yb_batch_default;

/* Called after each line is read and dealt with, with the counts so far. It runs once a line,
 * hundreds of thousands of times a second: keep it cheap (look at a clock, draw now and then). */
/* What a batch reads and writes (docs/check.md). */
typedef enum yb_batch_format {
	YB_BATCH_JSON = 0, /* JSON Lines */
	YB_BATCH_CSV = 1   /* CSV (RFC 4180) */
} yb_batch_format;

typedef void (*yb_batch_progress_fn)(void *ctx, const yb_batch_stats *stats);

struct yb_corpus_origin; /* below, with yb_corpus_open_auto() */

/*
 * How a batch runs. Start from `yb_batch_options opts = {0};`: every member left zero keeps the
 * plain behaviour, and members added in later versions are added at the end, zero meaning what
 * the batch did before them.
 */
typedef struct yb_batch_options {
	/* The corpus's origin from yb_corpus_open_auto(): when the embedded rules answer in place
	 * of an installed update, every answer says so (yb_answer_note_fallback). NULL: none. */
	const struct yb_corpus_origin *origin;
	/* Defaults for every line (above). A line's own value wins; a default a line's procedure
	 * does not take is not applied to that line. Checked before any line is read: a key no
	 * procedure takes, "id", "format", "rules" or a key given twice, or a value the key does
	 * not take (as yb_query_set() says it: YB_EUSAGE, YB_ENOTFOUND or YB_EAMBIGUOUS; a
	 * fact's values are the same in every procedure that asks it) refuses the batch, and
	 * nothing is read or written. */
	const yb_batch_default *defaults;
	size_t ndefaults;
	yb_batch_progress_fn progress; /* NULL: none */
	void *progress_ctx;
	/* What is read: JSON Lines, or CSV: a header row names the keys a JSON line would have
	 * (command, from, to, type, date, id, …), then one query a row; an empty cell is a key
	 * left out. Blank lines between rows are read past; no line is a comment. */
	yb_batch_format input;
	/* What is written: JSON Lines, or CSV: the fields as columns, a header row first. CSV
	 * needs fields. */
	yb_batch_format output;
	/* Comma-separated field names (docs/json.md, "Batch fields"): only these, as one compact
	 * JSON object or CSV row a query. NULL: the whole answer. */
	const char *fields;
} yb_batch_options;

/*
 * Reads JSON Lines from `in` — one query per line: {"command":"transfer","from":"changde",…},
 * the keys being the command and its flags without the dashes — and writes one line per query
 * line through `write`, in order: the answer exactly as yb_answer_render_json() gives it (with
 * YB_RENDER_EXPLAIN for "explain":true, YB_RENDER_LANG_EN for "lang":"en"; "lang" is "zh" or
 * "en", anything else refuses the line), or
 * an error object {"schema":1,"line":N,"error":{"code","exit","message"}} (N the input line;
 * the message in English for a line with "lang":"en", and for a line that says no language
 * or cannot be read when the default "lang" is "en"; Chinese otherwise).
 * A bad line never stops the batch. The key "id" (a string or a number) is not a fact: it is
 * written back into that line's answer or error object, as its first key after "schema".
 * Blank lines and lines whose first character other than white space is '#' are skipped and
 * counted, and give no output line; a UTF-8 byte-order mark opening the input, the \r of CRLF
 * line ends and white space around a line are read past. A line longer than
 * YB_BATCH_MAX_LINE bytes gets an error object; it is skipped, never held in memory whole, so
 * memory stays flat however many lines come in and however long. opts may be NULL.
 * With opts->fields, each answer is only those fields (a JSON error line stays the error
 * object); from CSV (opts->input), each row after the header gets one output line, in order,
 * and an error names the line its row starts on.
 * Returns YB_OK unless the batch itself failed: the options were refused (above; also an
 * unknown field or CSV output without fields, before anything is read, and a CSV header that
 * names a key no procedure takes, or one twice, with nothing written), out of
 * memory (YB_ENOMEM), the input could not be read (YB_EINPUT, naming the line; the answers
 * before it are written), or the output could not be written (YB_EIO).
 */
enum { YB_BATCH_MAX_LINE = 1024 * 1024 };
yb_status yb_batch_run(const yb_corpus *corpus, FILE *in, yb_write_fn write, void *ctx,
		       const yb_batch_options *opts, yb_batch_stats *stats, yb_error *err);

/*
 * One line of a batch, given as text (`len` bytes, no newline): its answer or its error object
 * (as line 1) written through `write` exactly as yb_batch_run() writes that line, ending in a
 * newline, and counted in *stats (answered or failed, with its exit code in worst_exit; a
 * blank or comment line is skipped and writes nothing). For a front end that takes one query
 * at a time (yibao serve). opts as for yb_batch_run(), but the line is JSON whatever
 * opts->input says. Returns YB_OK unless the options were refused, out of memory or the
 * output could not be written (YB_EIO), as yb_batch_run().
 */
yb_status yb_batch_line(const yb_corpus *corpus, const char *text, size_t len,
			yb_write_fn write, void *ctx, const yb_batch_options *opts,
			yb_batch_stats *stats, yb_error *err);

/* yb_batch_run() with no options. */
yb_status yb_batch(const yb_corpus *corpus, FILE *in, yb_write_fn write, void *ctx,
		   yb_batch_stats *stats, yb_error *err);
/* yb_batch_run() with only opts.origin set. */
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
 * .yaml files, in name order), or "-": standard input, read to its end, which the lines call
 * <stdin>. Each failing case gives one line through `out` —
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
	YB_FALLBACK_UNCHECKED = 1, /* no longer given: an installed corpus is checked when it is
				    * installed, not when it is opened */
	YB_FALLBACK_REJECTED = 2,  /* its image is missing, damaged or another version's */
	YB_FALLBACK_UNLOADABLE = 3 /* it lacks the procedure asked for */
} yb_fallback_kind;

typedef struct yb_corpus_origin {
	yb_origin_kind kind;
	yb_fallback_kind fallback; /* not NONE: the embedded corpus answers instead of the
				    * installed one, and warning says why */
	char path[1024];           /* the folder (folder and installed corpora) */
	char version[64], date[11];
	char key[17];              /* installed, after yb_corpus_verify(): the key that signed it */
	char url[1024];            /* … where it was fetched from */
	char fetched[32];          /* … when (UTC, ISO 8601) */
	char warning[1024];        /* set when an installed corpus was refused and not used */
	char warning_en[1024];     /* the same in English (an answer in English says it) */
} yb_corpus_origin;

/*
 * Opens the corpus that should answer, in this order: `rules_dir` when not NULL, then the
 * folder in YIBAO_RULES, then the corpus installed by `yibao update` when it is newer than the
 * embedded one, and otherwise the embedded corpus. An installed corpus was verified when it was
 * installed (signature, files, lint) and compiled into an image; opening it maps that image
 * and checks its header, and reads nothing else. An image that is missing, damaged or written
 * by another version is not used: origin->warning says why (YB_FALLBACK_REJECTED), and the
 * embedded corpus answers. On failure *out is NULL.
 */
yb_status yb_corpus_open_auto(const char *rules_dir, const char *procedure, yb_corpus **out,
			      yb_corpus_origin *origin, yb_error *err);

/*
 * Checks the installed corpus `origin` describes (after yb_corpus_open_auto) all over again:
 * the manifest's signature, every file against it, and the image's checksum; and fills in
 * origin's key, url and fetched. YB_OK, or YB_OK at once for a corpus that is not installed;
 * YB_ECORPUS when something changed since it was installed; YB_EIO when the check cannot run
 * (libcrypto cannot be loaded).
 */
yb_status yb_corpus_verify(yb_corpus_origin *origin, yb_error *err);

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
