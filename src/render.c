/* render.c - JSON strings, numbers and output shared by the renderers (render.h). */
#include "render.h"

#include <stdio.h>
#include <string.h>

#include "error.h"
#include "mem.h"
#include "utf8.h"

void yb_json_string(yb_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	yb_buf_putc(b, '"');
	while (*p) {
		const unsigned char *run = p;
		/* Copy plain runs, valid UTF-8 included, in one append. */
		for (;;) {
			if (*p >= 0x20 && *p != '"' && *p != '\\' && *p < 0x80) {
				p++;
				continue;
			}
			size_t n = *p >= 0x80 ? yb_utf8_decode(p, 4, NULL, NULL) : 0;
			if (!n)
				break;
			p += n;
		}
		if (p > run)
			yb_buf_append(b, (const char *)run, (size_t)(p - run));
		if (!*p)
			break;
		if (*p == '"' || *p == '\\') {
			yb_buf_putc(b, '\\');
			yb_buf_putc(b, (char)*p++);
		} else if (*p < 0x20) {
			static const char *const esc[] = {[8] = "\\b", [9] = "\\t", [10] = "\\n",
							  [12] = "\\f", [13] = "\\r"};
			if (*p < 14 && esc[*p])
				yb_buf_puts(b, esc[*p]);
			else
				yb_buf_printf(b, "\\u%04x", *p);
			p++;
		} else { /* a byte that does not start valid UTF-8 */
			yb_buf_puts(b, "\\ufffd");
			p++;
		}
	}
	yb_buf_putc(b, '"');
}

const char *yb_capitalised(const char *slug, char *out, size_t size)
{
	/* Every answer names its places: a copy, not a format. */
	size_t n = strlen(slug);
	if (n > size - 1)
		n = size - 1;
	memcpy(out, slug, n);
	out[n] = '\0';
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	return out;
}

void yb_format_number(char *out, size_t size, double v)
{
	snprintf(out, size, "%.2f", v);
	char *dot = strchr(out, '.');
	if (dot) {
		char *end = out + strlen(out) - 1;
		while (end > dot && *end == '0')
			*end-- = '\0';
		if (end == dot)
			*end = '\0';
	}
}

yb_status yb_render_finish(yb_buf *b, yb_write_fn write, void *ctx, yb_error *err)
{
	yb_status st = YB_OK;
	if (b->failed)
		st = yb_err_nomem(err);
	else if (write(ctx, b->data ? b->data : "", b->len) != 0)
		st = yb_fail(err, YB_EIO, "无法写出输出", "could not write the output");
	yb_buf_free(b);
	return st;
}

yb_status yb_render_choices(const yb_corpus *c, const char *fact, int json, yb_write_fn write,
			    void *ctx, yb_error *err)
{
	size_t n = yb_fact_choices(c, fact, NULL, 0);
	yb_choice *choices = n ? yb_malloc(n * sizeof(*choices)) : NULL;
	yb_buf b = {0};
	size_t width = 0;
	if (!n)
		return yb_fail(err, YB_ENOTFOUND, "\"%s\" 没有取值列表", "\"%s\" has no list of values",
			       fact);
	if (!choices)
		return yb_err_nomem(err);
	yb_fact_choices(c, fact, choices, n);
	for (size_t i = 0; i < n; i++)
		if (strlen(choices[i].value) > width)
			width = strlen(choices[i].value);
	if (json)
		yb_buf_putc(&b, '[');
	for (size_t i = 0; i < n; i++) {
		if (json) {
			yb_buf_puts(&b, i ? ",{\"value\":" : "{\"value\":");
			yb_json_string(&b, choices[i].value);
			yb_buf_puts(&b, ",\"label\":");
			yb_json_string(&b, choices[i].label);
			yb_buf_putc(&b, '}');
		} else {
			yb_buf_printf(&b, "%-*s  %s\n", (int)width, choices[i].value,
				      choices[i].label);
		}
	}
	if (json)
		yb_buf_puts(&b, "]\n");
	yb_free(choices);
	return yb_render_finish(&b, write, ctx, err);
}
