/*
 * load.h - helpers shared by the parts of the loader (load.c, load_tree.c, gazetteer.c).
 *
 * Each helper checks one shape (a map with known keys, an id, a text, a date) and on failure
 * fills the error with the node's file:line:column and returns non-zero; callers just
 * propagate. The first problem stops the load.
 */
#ifndef YB_LOAD_H
#define YB_LOAD_H

#include "corpus.h"
#include "error.h"
#include "yamltree.h"

/* Where findings go while linting: the loader then reports every problem it can and goes on
 * past the item, entry, case, layer or file that has it, instead of stopping at the first. */
typedef struct yb_lint_sink {
	yb_diag_fn fn;
	void *ctx;
	size_t errors, warnings;
} yb_lint_sink;

/* Reports one finding to the sink (file relative to the corpus root). */
void yb_lint_report(yb_lint_sink *sink, const char *file, int line, int column, int is_error,
		    const char *fmt, ...) YB_PRINTF(6, 7);

typedef struct yb_loader {
	yb_corpus *c;
	const char *file; /* interned path of the file being read, relative to the corpus root */
	const char *root; /* how errors name the corpus root: the --rules folder or "rules" */
	char shown[512];  /* root/file, as errors show it */
	const char *text; /* its bytes, for error excerpts */
	size_t len;
	yb_error *err;
	yb_lint_sink *lint; /* NULL unless linting */
} yb_loader;

/* After a failed check: true when linting and the failure was the corpus's (already
 * reported), so the caller skips the bad part and goes on. */
bool yb_recover(yb_loader *L);

/* Loads for yb_lint(): every problem goes to the sink; the corpus is returned whenever it could
 * be built at all, so that the checks on the model can run too. */
yb_status yb_corpus_open_for_lint(const char *dir, yb_lint_sink *sink, yb_corpus **out,
				  yb_error *err);

/* Loads the YAML copy of rules/ embedded in the binary, as yb_corpus_open_dir() loads a folder.
 * The compiled image answers queries; this is for comparing the two and for `yibao lint`. */
yb_status yb_corpus_open_embedded_yaml(const char *procedure, yb_corpus **out, yb_error *err);

/* Reports a problem at node n (or at the file start when n is NULL). Returns YB_ECORPUS. */
yb_status yb_bad(yb_loader *L, const ynode *n, const char *fmt, ...) YB_PRINTF(3, 4);
yb_status yb_nomem(yb_loader *L);

yb_status yb_expect(yb_loader *L, const ynode *n, yn_kind kind, const char *what);
/* Refuses any key of map n not in the NULL-terminated list `allowed`. */
yb_status yb_check_keys(yb_loader *L, const ynode *map, const char *const *allowed);
/* The value of a required key; NULL (error set) when it is missing. */
const ynode *yb_require(yb_loader *L, const ynode *map, const char *key);

yb_status yb_get_string(yb_loader *L, const ynode *n, const char **out);
yb_status yb_get_id(yb_loader *L, const ynode *n, const char **out); /* interned */
yb_status yb_get_text(yb_loader *L, const ynode *n, yb_text *out);
yb_status yb_get_bool(yb_loader *L, const ynode *n, bool *out);
yb_status yb_get_int(yb_loader *L, const ynode *n, long min, long max, long *out);

/* The widest range a number fact, a deductible or a bound may have: estimates, counted in fen,
 * stay exact within it. Each fact's own min and max are narrower and are what users see. */
#define YB_FACT_NUMBER_LIMIT 1e7
/* A number, strictly (number.h), from min to max. */
yb_status yb_get_number(yb_loader *L, const ynode *n, double min, double max, double *out);
yb_status yb_get_date(yb_loader *L, const ynode *n, int *yyyymmdd);

/* Parses one file of the corpus into a tree (text kept in L for excerpts until the next). */
yb_pos yb_pos_of(const yb_loader *L, const ynode *n);

/* gazetteer.c: loads gazetteer/cities.yaml's tree into the corpus. */
yb_status yb_gazetteer_load(yb_loader *L, const ynode *root);
/* Resolves a place name in the corpus; the error message is for a user (Chinese). */
const yb_city *yb_gazetteer_find(const yb_corpus *c, const char *name, yb_error *err);
const yb_province *yb_gazetteer_find_province(const yb_corpus *c, const char *name);

/* calendar.c: loads one calendar/YEAR.yaml. */
yb_status yb_calendar_load(yb_loader *L, const ynode *root);

/* load_tree.c: loads a procedure file's tree into the corpus. */
yb_status yb_procedure_load(yb_loader *L, const ynode *root, const char *expect_id,
			    yb_procedure *out);

#endif
