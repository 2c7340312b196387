/*
 * buf.h - a growable byte buffer. Renderers write a whole answer here and hand it to the
 * caller's write callback in one piece, so a failure never leaves half an answer behind.
 */
#ifndef YB_BUF_H
#define YB_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct yb_buf {
	char *data;
	size_t len, cap;
	int failed; /* sticky: set when an allocation failed; later appends do nothing */
} yb_buf;

void yb_buf_append(yb_buf *b, const char *s, size_t n);
void yb_buf_puts(yb_buf *b, const char *s);
void yb_buf_putc(yb_buf *b, char c);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void yb_buf_printf(yb_buf *b, const char *fmt, ...);
void yb_buf_free(yb_buf *b);

#endif
