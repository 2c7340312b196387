/*
 * suggest.h - "did you mean": edit distance between two UTF-8 strings, counted in characters
 * (so 长沙 and 长春 are one edit apart, as a person sees them), and a small top-k collector.
 */
#ifndef YB_SUGGEST_H
#define YB_SUGGEST_H

#include <stddef.h>

#include "yibao.h" /* yb_edit_distance() */

enum { YB_SUGGEST_MAX = 5 };

typedef struct yb_suggest {
	const void *items[YB_SUGGEST_MAX];
	int dist[YB_SUGGEST_MAX];
	size_t n;
	int limit; /* only candidates at most this far away */
} yb_suggest;

/* Number of characters (UTF-8 code points) in s, the unit yb_edit_distance() counts in. */
size_t yb_char_count(const char *s);

void yb_suggest_init(yb_suggest *s, int limit);
/* Offers a candidate at distance d; keeps the closest, first offered first on ties. */
void yb_suggest_offer(yb_suggest *s, const void *item, int d);

#endif
