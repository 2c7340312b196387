/* error.c - the error struct (see yibao.h). */
#include "error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"

char *yb_escape_controls(char *out, size_t size, const char *s)
{
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)s;
	for (; *p; p++) {
		char esc[8];
		size_t len;
		if (*p == '\n' || *p == '\t' || *p == '\r') {
			len = (size_t)snprintf(esc, sizeof(esc), "\\%c",
					       *p == '\n' ? 'n' : *p == '\t' ? 't' : 'r');
		} else if (*p < 0x20 || *p == 0x7f) {
			len = (size_t)snprintf(esc, sizeof(esc), "\\x%02x", *p);
		} else {
			/* A character whole: a message cut short never ends in half of one. A byte
			 * that is not UTF-8 is copied as it is, alone. */
			unsigned cp = 0;
			size_t whole = yb_utf8_decode(p, 4, &cp, NULL);
			if (whole && cp >= 0x80 && cp <= 0x9F) { /* a C1 control */
				len = (size_t)snprintf(esc, sizeof(esc), "\\u%04x", cp);
			} else {
				len = whole ? whole : 1;
				memcpy(esc, p, len);
			}
			p += (whole ? whole : 1) - 1;
		}
		if (n + len >= size)
			break; /* nor in half an escape */
		memcpy(out + n, esc, len);
		n += len;
	}
	if (size)
		out[n] = '\0';
	return out;
}

/* Formats into out (one of err's messages), control characters escaped. */
static void vput(char *out, size_t size, const char *fmt, va_list ap) YB_PRINTF(3, 0);
static void vput(char *out, size_t size, const char *fmt, va_list ap)
{
	char raw[sizeof(((yb_error *)0)->message)];
	vsnprintf(raw, sizeof(raw), fmt, ap);
	yb_escape_controls(out, size, raw);
}

static void vset(yb_error *err, yb_status code, const char *fmt, va_list ap) YB_PRINTF(3, 0);
static void vset(yb_error *err, yb_status code, const char *fmt, va_list ap)
{
	err->code = code;
	vput(err->message, sizeof(err->message), fmt, ap);
}

/* Both messages from their formats over the same arguments. */
static void vset_both(yb_error *err, yb_status code, const char *zh, const char *en, va_list ap)
	YB_PRINTF(3, 0) YB_PRINTF(4, 0);
static void vset_both(yb_error *err, yb_status code, const char *zh, const char *en, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	memset(err, 0, sizeof(*err));
	err->code = code;
	vput(err->message, sizeof(err->message), zh, ap);
	vput(err->message_en, sizeof(err->message_en), en, again);
	va_end(again);
}

yb_status yb_fail(yb_error *err, yb_status code, const char *zh, const char *en, ...)
{
	if (!err)
		return code;
	va_list ap;
	va_start(ap, en);
	vset_both(err, code, zh, en, ap);
	va_end(ap);
	return code;
}

/* Appends text to a message, cut where it must be (a whole character at a time). */
static void append(char *out, size_t size, const char *text)
{
	size_t n = strlen(out);
	char esc[sizeof(((yb_error *)0)->message)];
	yb_escape_controls(esc, sizeof(esc), text);
	size_t k = yb_utf8_cut(esc, strlen(esc), size - n - 1);
	memcpy(out + n, esc, k);
	out[n + k] = '\0';
}

/* Ends both messages with the reason, each in its own language. */
static yb_status because(yb_error *err, yb_status code, const char *zh, const char *en)
{
	append(err->message, sizeof(err->message), "：");
	append(err->message, sizeof(err->message), zh);
	append(err->message_en, sizeof(err->message_en), ": ");
	append(err->message_en, sizeof(err->message_en), en);
	return code;
}

yb_status yb_fail_errno(yb_error *err, yb_status code, int e, const char *zh, const char *en, ...)
{
	if (!err)
		return code;
	va_list ap;
	va_start(ap, en);
	vset_both(err, code, zh, en, ap);
	va_end(ap);
	return because(err, code, yb_strerror(e), yb_strerror_en(e));
}

yb_status yb_fail_because(yb_error *err, yb_status code, const yb_error *why, const char *zh,
			  const char *en, ...)
{
	if (!err)
		return code;
	/* Copied first: why may be err, which is about to be written over. */
	char zh_why[sizeof(why->message)], en_why[sizeof(why->message_en)];
	snprintf(zh_why, sizeof(zh_why), "%s", why->message);
	snprintf(en_why, sizeof(en_why), "%s", yb_error_text(why, true));
	va_list ap;
	va_start(ap, en);
	vset_both(err, code, zh, en, ap);
	va_end(ap);
	return because(err, code, zh_why, en_why);
}

const char *yb_error_text(const yb_error *err, bool english)
{
	return english && err->message_en[0] ? err->message_en : err->message;
}

yb_status yb_err(yb_error *err, yb_status code, const char *fmt, ...)
{
	if (!err)
		return code;
	memset(err, 0, sizeof(*err));
	va_list ap;
	va_start(ap, fmt);
	vset(err, code, fmt, ap);
	va_end(ap);
	return code;
}

/* Copies line `line` (1-based) of text into out, without its newline. */
static void excerpt(char *out, size_t size, const char *text, size_t len, int line)
{
	size_t i = 0;
	for (int l = 1; l < line && i < len; i++)
		if (text[i] == '\n')
			l++;
	size_t end = i;
	while (end < len && text[end] != '\n' && text[end] != '\r')
		end++;
	/* At most size - 1 bytes, never cutting a UTF-8 sequence in half. */
	size_t n = yb_utf8_cut(text + i, end - i, size - 1);
	memcpy(out, text + i, n);
	out[n] = '\0';
}

/* Sets err's position, and the line it points into as the excerpt. */
static void place(yb_error *err, const char *file, int line, int column, const char *text,
		  size_t text_len)
{
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	err->line = line;
	err->column = column;
	if (text && line > 0)
		excerpt(err->excerpt, sizeof(err->excerpt), text, text_len, line);
}

yb_status yb_err_at(yb_error *err, yb_status code, const char *file, int line, int column,
		    const char *text, size_t text_len, const char *fmt, ...)
{
	if (!err)
		return code;
	memset(err, 0, sizeof(*err));
	va_list ap;
	va_start(ap, fmt);
	vset(err, code, fmt, ap);
	va_end(ap);
	place(err, file, line, column, text, text_len);
	return code;
}

yb_status yb_fail_at(yb_error *err, yb_status code, const char *file, int line, int column,
		     const char *text, size_t text_len, const char *zh, const char *en, ...)
{
	if (!err)
		return code;
	va_list ap;
	va_start(ap, en);
	vset_both(err, code, zh, en, ap);
	va_end(ap);
	place(err, file, line, column, text, text_len);
	return code;
}

yb_status yb_err_nomem(yb_error *err)
{
	return yb_fail(err, YB_ENOMEM, "内存不足", "out of memory");
}

const char *yb_strerror(int e)
{
	static const struct {
		int e;
		const char *text;
	} texts[] = {
		{ENOENT, "没有那个文件或目录"},
		{EACCES, "权限不够"},
		{EEXIST, "文件已存在"},
		{ENOTDIR, "不是目录"},
		{EISDIR, "是一个目录"},
		{ENOSPC, "磁盘空间不足"},
		{EROFS, "只读的文件系统"},
		{ENAMETOOLONG, "文件名太长"},
		{ELOOP, "符号链接的层数过多"},
		{EIO, "输入/输出错误"},
		{ENOMEM, "内存不足"},
		{EPIPE, "管道已断开"},
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (texts[i].e == e)
			return texts[i].text;
	return strerror(e);
}

const char *yb_strerror_en(int e)
{
	return strerror(e);
}
