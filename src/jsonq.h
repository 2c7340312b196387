/*
 * jsonq.h - one line of `yibao batch` input, a flat JSON object, parsed into key/value text.
 *
 *   {"command":"transfer","from":"changde","to":"changsha","type":"employee"}
 *
 * A query is flat: keys are strings, values are strings, numbers, true, false or null. Arrays
 * and objects are refused, since no query has a use for them, and that keeps the parser a loop
 * with no recursion. The input is held to RFC 8259 (strings, escapes, numbers, whitespace) and
 * must be valid UTF-8; duplicate keys are refused rather than resolved, since either choice
 * would silently drop part of what the user wrote.
 *
 * Note that one yb_jsonq is meant to be reused for every line of a batch: its storage grows to
 * the longest line seen and is then reused, so a million lines cost one allocation, not one
 * per line or per key.
 */
#ifndef YB_JSONQ_H
#define YB_JSONQ_H

#include <stdbool.h>
#include <stddef.h>

#include "yibao.h"

enum { YB_JSONQ_MAX_PAIRS = 32 };

/* One key and its value as text: strings unescaped (UTF-8), numbers as written, true/false
 * as "true"/"false"; null values are skipped (the key counts as absent). Both point into the
 * owning yb_jsonq's storage and are NUL-terminated. */
typedef struct yb_jsonq_pair {
	const char *key;
	const char *value;
	bool is_string; /* the value was a JSON string, not a number or true/false */
} yb_jsonq_pair;

/* Start from `yb_jsonq q = {0};` and release with yb_jsonq_free(). */
typedef struct yb_jsonq {
	yb_jsonq_pair pairs[YB_JSONQ_MAX_PAIRS]; /* in input order; at most 32 */
	size_t n;
	char *storage; /* unescaped text, owned; reused across calls */
	size_t cap;
} yb_jsonq;

/*
 * Parses one line (len bytes, no NUL or trailing newline required; trailing \r, \n and spaces
 * are fine) into q, reusing q's storage; the pairs of the previous call are gone. Never
 * allocates once storage has room for len + 1 bytes.
 *
 * On failure q->n is 0 and the result is YB_EUSAGE, with err->message (Chinese, without the
 * position) saying what was expected and what was found, err->column the 1-based character
 * column of the problem, and err->excerpt the line, control characters shown as spaces and
 * invalid bytes as '?'; err->line is left 0 and err->file empty for the caller to fill. Or
 * YB_ENOMEM when out of memory, q's storage left as it was. err may be NULL.
 */
yb_status yb_jsonq_parse(yb_jsonq *q, const char *line, size_t len, yb_error *err);

/* The value of key, or NULL when the key is absent or was null. */
const char *yb_jsonq_get(const yb_jsonq *q, const char *key);

/* Frees the storage and empties q, which may be parsed into again; q may be NULL. */
void yb_jsonq_free(yb_jsonq *q);

#endif
