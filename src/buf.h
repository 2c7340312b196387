/*
 * buf.h - a growable byte buffer. Renderers write a whole answer here and hand it to the
 * caller's write callback in one piece, so a failure never leaves half an answer behind.
 */
#ifndef YB_BUF_H
#define YB_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

typedef struct yb_buf {
	char *data;
	size_t len, cap;
	int failed; /* sticky: set when an allocation failed; later appends do nothing */
} yb_buf;

/* Appends n bytes; the buffer stays NUL-terminated. The common case, when they fit, is inline:
 * renderers append a few bytes at a time, hundreds of thousands of times a second. */
void yb_buf_append_slow(yb_buf *b, const char *s, size_t n);

static inline void yb_buf_append(yb_buf *b, const char *s, size_t n)
{
	if (b->len + n < b->cap) { /* cap is 0 once an allocation has failed */
		memcpy(b->data + b->len, s, n);
		b->len += n;
		b->data[b->len] = '\0';
		return;
	}
	yb_buf_append_slow(b, s, n);
}

static inline void yb_buf_puts(yb_buf *b, const char *s)
{
	yb_buf_append(b, s, strlen(s));
}

static inline void yb_buf_putc(yb_buf *b, char c)
{
	yb_buf_append(b, &c, 1);
}
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void yb_buf_printf(yb_buf *b, const char *fmt, ...);
void yb_buf_free(yb_buf *b);

#endif
