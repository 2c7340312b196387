/*
 * utf8.h - reading UTF-8, in one place: the decoder every module uses (JSON input and output,
 * messages, edit distances, columns), which accepts exactly the well-formed sequences of
 * RFC 3629 (no overlong forms, no surrogates, nothing past U+10FFFF).
 */
#ifndef YB_UTF8_H
#define YB_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Whether byte c continues a character (10xxxxxx) rather than starting one. */
static inline bool yb_utf8_continues(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/*
 * The character at s, of the `avail` bytes there: returns its length (1-4) and sets *cp to its
 * code point. Returns 0 when the bytes there are not a well-formed character (a continuation
 * byte first, an overlong form, a surrogate, past U+10FFFF, cut short); then *bad is how many
 * bytes make up the bad sequence, up to and including the first wrong one, at least 1. cp and
 * bad may be NULL. The bytes are read in order up to the first wrong one, so in a NUL-terminated
 * string avail may be 4 whatever is left: the NUL stops it.
 * Inline: rendering decodes every character of every answer.
 */
static inline size_t yb_utf8_decode(const unsigned char *s, size_t avail, unsigned *cp,
				    size_t *bad)
{
	unsigned c = s[0], lo = 0x80, hi = 0xBF, value;
	size_t n;

	if (c < 0x80) {
		n = 1;
		value = c;
	} else if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		value = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		value = c & 0x0F;
		lo = c == 0xE0 ? 0xA0 : 0x80; /* E0 80..9F would be overlong */
		hi = c == 0xED ? 0x9F : 0xBF; /* ED A0..BF would be a surrogate */
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		value = c & 0x07;
		lo = c == 0xF0 ? 0x90 : 0x80; /* F0 80..8F would be overlong */
		hi = c == 0xF4 ? 0x8F : 0xBF; /* F4 90 and up is past U+10FFFF */
	} else {
		if (bad)
			*bad = 1;
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if (i >= avail || s[i] < lo || s[i] > hi) {
			if (bad)
				*bad = i < avail ? i + 1 : i;
			return 0;
		}
		value = value << 6 | (s[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	if (cp)
		*cp = value;
	return n;
}

/* Characters in s[0..n) as an editor counts columns: every byte that does not continue a
 * character starts one. */
size_t yb_utf8_count(const char *s, size_t n);

/* The longest prefix of s[0..n), at most max bytes, that does not end inside a character. */
size_t yb_utf8_cut(const char *s, size_t n, size_t max);

#endif
