/* suggest.c - edit distance and nearest candidates (see suggest.h). */
#include "suggest.h"

#include <string.h>

#include "utf8.h"

enum { MAXCP = 64 };

/* The characters of s, up to MAXCP + 1 of them. A byte that is not UTF-8 is a character of
 * its own, unequal to any real one (0xDC00 + the byte, a surrogate). */
static size_t decode(const char *s, unsigned out[MAXCP + 1])
{
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p && n <= MAXCP) {
		unsigned c;
		size_t len = yb_utf8_decode(p, 4, &c, NULL);
		if (!len)
			c = 0xDC00 + *p, len = 1;
		out[n++] = c;
		p += len;
	}
	return n;
}

int yb_edit_distance(const char *a, const char *b)
{
	unsigned ca[MAXCP + 1], cb[MAXCP + 1];
	int row[MAXCP + 2];
	size_t na = decode(a, ca), nb = decode(b, cb);
	if (na > MAXCP || nb > MAXCP)
		return 1 << 20;
	for (size_t j = 0; j <= nb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= na; i++) {
		int diag = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= nb; j++) {
			int up = row[j];
			int best = diag + (ca[i - 1] != cb[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[nb];
}

size_t yb_char_count(const char *s)
{
	return yb_utf8_count(s, strlen(s));
}

void yb_suggest_init(yb_suggest *s, int limit)
{
	memset(s, 0, sizeof(*s));
	s->limit = limit;
}

void yb_suggest_offer(yb_suggest *s, const void *item, int d)
{
	if (d > s->limit)
		return;
	for (size_t i = 0; i < s->n; i++)
		if (s->items[i] == item)
			return;
	size_t at = s->n;
	while (at > 0 && s->dist[at - 1] > d)
		at--;
	if (at >= YB_SUGGEST_MAX)
		return;
	size_t last = s->n < YB_SUGGEST_MAX ? s->n : YB_SUGGEST_MAX - 1;
	memmove(&s->items[at + 1], &s->items[at], (last - at) * sizeof(s->items[0]));
	memmove(&s->dist[at + 1], &s->dist[at], (last - at) * sizeof(s->dist[0]));
	s->items[at] = item;
	s->dist[at] = d;
	if (s->n < YB_SUGGEST_MAX)
		s->n++;
}
