/*
 * yamlread.h - reading typed values out of a corpus file's YAML tree, for every part of the
 * loader (load.c, load_tree.c, gazetteer_load.c, calendar_load.c).
 *
 * Each helper checks one shape (a map with known keys, an id, a text, a date) and on failure
 * fills the error with the node's file:line:column and returns non-zero; callers just
 * propagate. The first problem stops the load, unless linting (L->lint), when it is reported
 * and the caller may go on past it (yb_recover).
 */
#ifndef YB_YAMLREAD_H
#define YB_YAMLREAD_H

#include "corpus.h"
#include "error.h"
#include "lint_sink.h"
#include "yamltree.h"

typedef struct yb_loader {
	yb_corpus *c;
	const char *file; /* interned path of the file being read, relative to the corpus root */
	const char *root; /* how errors name the corpus root: the --rules folder or "rules" */
	char shown[512];  /* root/file, as errors show it */
	const char *text; /* its bytes, for error excerpts */
	size_t len;
	yb_error *err;
	yb_lint_sink *lint; /* NULL unless linting */
	yb_arena trees;     /* the files' YAML trees: read while loading, freed when it ends */
} yb_loader;

/* After a failed check: true when linting and the failure was the corpus's (already
 * reported), so the caller skips the bad part and goes on. */
bool yb_recover(yb_loader *L);

/* Reports a problem at node n (or at the file start when n is NULL). Returns YB_ECORPUS. */
yb_status yb_bad(yb_loader *L, const ynode *n, const char *fmt, ...) YB_PRINTF(3, 4);
/* The same for a place recorded earlier, once the file's text is gone (no excerpt). */
yb_status yb_bad_at(yb_loader *L, yb_pos pos, const char *fmt, ...) YB_PRINTF(3, 4);
yb_status yb_nomem(yb_loader *L);

yb_status yb_expect(yb_loader *L, const ynode *n, yn_kind kind, const char *what);
/* Refuses any key of map n not in the NULL-terminated list `allowed`. */
yb_status yb_check_keys(yb_loader *L, const ynode *map, const char *const *allowed);
/* The value of a required key; NULL (error set) when it is missing. */
const ynode *yb_require(yb_loader *L, const ynode *map, const char *key);

/*
 * Strings the corpus keeps are copied into its image, interned (one copy of each text, so an
 * id is equal to another exactly when their references are): yb_keep() keeps s[0..n).
 * yb_get_string() and yb_get_id() keep a scalar, yb_get_text() a text.
 */
yb_status yb_keep(yb_loader *L, const char *s, size_t n, yb_ref *out);
yb_status yb_get_string(yb_loader *L, const ynode *n, yb_ref *out);
yb_status yb_get_id(yb_loader *L, const ynode *n, yb_ref *out);
yb_status yb_get_text(yb_loader *L, const ynode *n, yb_text *out);
yb_status yb_get_bool(yb_loader *L, const ynode *n, bool *out);
yb_status yb_get_int(yb_loader *L, const ynode *n, long min, long max, long *out);

/* The widest range a number fact, a deductible or a bound may have: estimates, counted in fen,
 * stay exact within it. Each fact's own min and max are narrower and are what users see. */
#define YB_FACT_NUMBER_LIMIT 1e7
/* A number, strictly (number.h), from min to max. */
yb_status yb_get_number(yb_loader *L, const ynode *n, double min, double max, double *out);
yb_status yb_get_date(yb_loader *L, const ynode *n, int *yyyymmdd);

/* Where node n is, in the file being read. */
yb_pos yb_pos_of(const yb_loader *L, const ynode *n);

#endif
