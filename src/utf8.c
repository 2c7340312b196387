/* utf8.c - reading UTF-8 (see utf8.h). */
#include "utf8.h"

size_t yb_utf8_count(const char *s, size_t n)
{
	size_t chars = 0;
	for (size_t i = 0; i < n; i++)
		chars += !yb_utf8_continues((unsigned char)s[i]);
	return chars;
}

size_t yb_utf8_cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	while (max > 0 && yb_utf8_continues((unsigned char)s[max]))
		max--;
	return max;
}
