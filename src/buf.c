/* buf.c - growable byte buffer (see buf.h). */
#include "buf.h"

#include <stdio.h>
#include <string.h>

#include "mem.h"

static int reserve(yb_buf *b, size_t extra)
{
	if (b->failed)
		return -1;
	if (b->len + extra + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap < b->len + extra + 1)
		cap *= 2;
	char *p = yb_realloc(b->data, cap);
	if (!p) {
		b->failed = 1;
		b->cap = 0; /* keeps the inline appends off the buffer from now on */
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

void yb_buf_append_slow(yb_buf *b, const char *s, size_t n)
{
	if (reserve(b, n) != 0)
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static void put_long(yb_buf *b, long long v, int is_signed)
{
	char digits[24], *end = digits + sizeof(digits), *p = end;
	/* -(v + 1) + 1 rather than -v: the most negative value has no positive counterpart */
	unsigned long long u = is_signed && v < 0 ? (unsigned long long)-(v + 1) + 1
						 : (unsigned long long)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (is_signed && v < 0)
		*--p = '-';
	yb_buf_append(b, p, (size_t)(end - p));
}

/*
 * The renderers format thousands of short pieces per answer, nearly all plain strings and
 * counts. Formatting those here, without vsnprintf()'s per-call set-up, is most of the cost of
 * rendering an answer. Returns 0, or -1 at the first conversion it does not handle (a width, a
 * precision, a float), for the caller to start again with vsnprintf().
 */
static int format_simple(yb_buf *b, const char *fmt, va_list ap)
{
	const char *p = fmt;
	for (;;) {
		const char *pct = strchr(p, '%');
		if (!pct) {
			yb_buf_puts(b, p);
			return 0;
		}
		yb_buf_append(b, p, (size_t)(pct - p));
		switch (pct[1]) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			yb_buf_puts(b, s ? s : "(null)");
			break;
		}
		case 'd':
			put_long(b, va_arg(ap, int), 1);
			break;
		case 'c':
			yb_buf_putc(b, (char)va_arg(ap, int));
			break;
		case '%':
			yb_buf_putc(b, '%');
			break;
		case 'z':
			if (pct[2] != 'u')
				return -1;
			put_long(b, (long long)va_arg(ap, size_t), 0);
			pct++;
			break;
		default:
			return -1;
		}
		p = pct + 2;
	}
}

void yb_buf_printf(yb_buf *b, const char *fmt, ...)
{
	va_list ap;
	char small[256];
	size_t start = b->len;

	va_start(ap, fmt);
	int simple = format_simple(b, fmt, ap);
	va_end(ap);
	if (simple == 0)
		return;
	if (!b->failed && b->data) {
		b->len = start; /* drop what the simple pass wrote */
		b->data[start] = '\0';
	}
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		yb_buf_append(b, small, (size_t)n);
		return;
	}
	if (reserve(b, (size_t)n) != 0)
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void yb_buf_free(yb_buf *b)
{
	yb_free(b->data);
	memset(b, 0, sizeof(*b));
}
