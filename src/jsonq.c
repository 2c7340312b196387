/*
 * jsonq.c - a flat JSON object per line (see jsonq.h).
 *
 * Note that storage is sized once per call, before parsing, to len + 1 bytes, and never grows
 * mid-parse, so pairs can point straight into it. That is enough because no token's text is
 * longer unescaped than escaped: a string of k input bytes stores at most k - 2 bytes and a
 * NUL; a number or a literal of k bytes stores k + 1, the extra byte paid for by the ':' in
 * front of it, which is consumed and never stored.
 *
 * Errors are found at a byte offset; the column (in characters, as an editor counts them) is
 * worked out only then, from the bytes before it, all of which have been checked to be valid
 * UTF-8 by that time.
 */
#include "jsonq.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "mem.h"
#include "utf8.h"

typedef struct {
	const unsigned char *in;
	size_t len, pos;
	char *out; /* the next free byte of storage */
	yb_error *err;
} parser;

/* "E4 41": the bytes of a bad UTF-8 sequence, for a message. */
static void hex_bytes(char *out, size_t size, const unsigned char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k + 4 <= size; i++)
		k += (size_t)snprintf(out + k, size - k, i ? " %02X" : "%02X", s[i]);
}

/*
 * What is at `at`, for "实际是…" / "found …": the character itself (with its code point when it
 * is not ASCII, since U+3000 or a BOM would otherwise be invisible), or a description. In
 * Chinese, starts with a space when it is a character, so that it reads "实际是 x" but
 * "实际是行尾".
 */
static void describe(const parser *p, size_t at, bool en, char *out, size_t size)
{
	if (at >= p->len) {
		snprintf(out, size, en ? "the end of the line" : "行尾");
		return;
	}
	unsigned c = p->in[at];
	if (c == ' ') {
		snprintf(out, size, en ? "a space" : "空格");
	} else if (c < 0x20 || c == 0x7F) {
		snprintf(out, size, en ? "control character U+%04X" : "控制字符 U+%04X", c);
	} else if (c < 0x80) {
		snprintf(out, size, en ? "%c" : " %c", (char)c);
	} else {
		unsigned cp;
		size_t shown, n = yb_utf8_decode(p->in + at, p->len - at, &cp, &shown);
		if (n) {
			snprintf(out, size, en ? "%.*s (U+%04X)" : " %.*s（U+%04X）", (int)n,
				 (const char *)p->in + at, cp);
		} else {
			char hex[16];
			hex_bytes(hex, sizeof(hex), p->in + at, shown);
			snprintf(out, size,
				 en ? "invalid UTF-8 byte sequence %s" : "无效的 UTF-8 字节序列 %s", hex);
		}
	}
}

/* The same in both languages. */
typedef struct {
	char zh[64], en[64];
} found_text;

static void describe_both(const parser *p, size_t at, found_text *f)
{
	describe(p, at, false, f->zh, sizeof(f->zh));
	describe(p, at, true, f->en, sizeof(f->en));
}

/* The line for a caret under the column: one output character per input character, so that
 * the column still fits, but nothing a terminal would act on. */
static void fill_excerpt(char *out, size_t size, const unsigned char *in, size_t len)
{
	size_t k = 0, shown;
	for (size_t i = 0; i < len;) {
		size_t n = yb_utf8_decode(in + i, len - i, NULL, &shown);
		if (k + (n ? n : 1) >= size)
			break;
		if (n == 1) {
			out[k++] = in[i] < 0x20 || in[i] == 0x7F ? ' ' : (char)in[i];
		} else if (n == 0) {
			out[k++] = '?';
			n = 1;
		} else {
			memcpy(out + k, in + i, n);
			k += n;
		}
		i += n;
	}
	out[k] = '\0';
}

/* The refusal at byte `at`, in Chinese (zh) and English (en) over the same arguments. */
static YB_PRINTF(3, 5) YB_PRINTF(4, 5) yb_status
	fail(parser *p, size_t at, const char *zh, const char *en, ...)
{
	if (!p->err)
		return YB_EUSAGE;
	char msg[sizeof(p->err->message)], msg_en[sizeof(p->err->message_en)];
	va_list ap, again;
	va_start(ap, en);
	va_copy(again, ap);
	vsnprintf(msg, sizeof(msg), zh, ap);
	vsnprintf(msg_en, sizeof(msg_en), en, again);
	va_end(again);
	va_end(ap);

	size_t chars = yb_utf8_count((const char *)p->in, at < p->len ? at : p->len);
	long column = chars < INT_MAX ? (long)chars + 1 : INT_MAX;
	yb_fail(p->err, YB_EUSAGE, "%s%.0s", "%.0s%s", msg, msg_en);
	p->err->column = (int)column;
	fill_excerpt(p->err->excerpt, sizeof(p->err->excerpt), p->in, p->len);
	return YB_EUSAGE;
}

/* "what was expected, what was found" at the current position, the common case. */
static yb_status expected(parser *p, const char *what, const char *what_en)
{
	found_text found;
	describe_both(p, p->pos, &found);
	return fail(p, p->pos, "%s%.0s，实际是%s%.0s", "%.0s%s, found %.0s%s", what, what_en,
		    found.zh, found.en);
}

static void skip_space(parser *p)
{
	while (p->pos < p->len) {
		unsigned char c = p->in[p->pos];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		p->pos++;
	}
}

static int at(const parser *p, unsigned char c)
{
	return p->pos < p->len && p->in[p->pos] == c;
}

static int digit_at(const parser *p)
{
	return p->pos < p->len && p->in[p->pos] >= '0' && p->in[p->pos] <= '9';
}

/* The 4 hex digits at i, or -1. */
static long hex4(const parser *p, size_t i)
{
	long v = 0;
	if (i > p->len || p->len - i < 4)
		return -1;
	for (size_t k = i; k < i + 4; k++) {
		unsigned c = p->in[k];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			v |= (c | 0x20) - 'a' + 10;
		else
			return -1;
	}
	return v;
}

static void put_utf8(parser *p, unsigned long cp)
{
	unsigned char *o = (unsigned char *)p->out;
	if (cp < 0x80) {
		*o++ = (unsigned char)cp;
	} else if (cp < 0x800) {
		*o++ = (unsigned char)(0xC0 | cp >> 6);
		*o++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*o++ = (unsigned char)(0xE0 | cp >> 12);
		*o++ = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		*o++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else {
		*o++ = (unsigned char)(0xF0 | cp >> 18);
		*o++ = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
		*o++ = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		*o++ = (unsigned char)(0x80 | (cp & 0x3F));
	}
	p->out = (char *)o;
}

/* The escape at the backslash at p->pos, written out as UTF-8. Note that \u0000 is refused
 * although JSON allows it: the value is handed on as a C string, which it would cut short. */
static yb_status unescape(parser *p, size_t open)
{
	size_t esc = p->pos;
	if (esc + 1 >= p->len)
		return fail(p, open, "字符串缺少结尾的 \"", "string has no closing \"");
	unsigned char c = p->in[esc + 1];
	char simple = 0;
	switch (c) {
	case '"':
	case '\\':
	case '/': simple = (char)c; break;
	case 'b': simple = '\b'; break;
	case 'f': simple = '\f'; break;
	case 'n': simple = '\n'; break;
	case 'r': simple = '\r'; break;
	case 't': simple = '\t'; break;
	}
	if (simple) {
		*p->out++ = simple;
		p->pos += 2;
		return YB_OK;
	}
	if (c != 'u') {
		if (c > 0x20 && c < 0x7F)
			return fail(p, esc, "无效的转义 \\%c", "invalid escape \\%c", (char)c);
		found_text found;
		describe_both(p, esc + 1, &found);
		return fail(p, esc, "\\ 之后应为转义字符，实际是%s%.0s",
			    "expected an escape character after \\, found %.0s%s", found.zh, found.en);
	}
	long cp = hex4(p, esc + 2);
	if (cp < 0)
		return fail(p, esc, "\\u 之后应为 4 位十六进制数字", "expected 4 hex digits after \\u");
	p->pos += 6;
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		long low = -1;
		if (at(p, '\\') && p->pos + 1 < p->len && p->in[p->pos + 1] == 'u') {
			low = hex4(p, p->pos + 2);
			if (low < 0)
				return fail(p, p->pos, "\\u 之后应为 4 位十六进制数字",
					    "expected 4 hex digits after \\u");
		}
		if (low < 0xDC00 || low > 0xDFFF)
			return fail(p, esc, "\\u%04lX 是不成对的代理项", "\\u%04lX is an unpaired surrogate", cp);
		cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
		p->pos += 6;
	} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
		return fail(p, esc, "\\u%04lX 是不成对的代理项", "\\u%04lX is an unpaired surrogate", cp);
	} else if (cp == 0) {
		return fail(p, esc, "不支持 \\u0000", "\\u0000 is not supported");
	}
	put_utf8(p, (unsigned long)cp);
	return YB_OK;
}

/* The string whose opening quote is at p->pos, unescaped into storage; *s is its text. */
static yb_status parse_string(parser *p, const char **s, size_t *n)
{
	size_t open = p->pos++;
	char *start = p->out;
	for (;;) {
		if (p->pos >= p->len)
			return fail(p, open, "字符串缺少结尾的 \"", "string has no closing \"");
		unsigned c = p->in[p->pos];
		if (c == '"')
			break;
		if (c >= 0x20 && c < 0x80 && c != '\\') {
			*p->out++ = (char)c;
			p->pos++;
		} else if (c == '\\') {
			yb_status st = unescape(p, open);
			if (st != YB_OK)
				return st;
		} else if (c < 0x20) {
			return fail(p, p->pos, "字符串中有未转义的控制字符 U+%04X",
				    "unescaped control character U+%04X in a string", c);
		} else {
			size_t shown;
			size_t len = yb_utf8_decode(p->in + p->pos, p->len - p->pos, NULL, &shown);
			if (!len) {
				char hex[16];
				hex_bytes(hex, sizeof(hex), p->in + p->pos, shown);
				return fail(p, p->pos, "无效的 UTF-8 字节序列 %s",
					    "invalid UTF-8 byte sequence %s", hex);
			}
			memcpy(p->out, p->in + p->pos, len);
			p->out += len;
			p->pos += len;
		}
	}
	p->pos++;
	*n = (size_t)(p->out - start);
	*p->out++ = '\0';
	*s = start;
	return YB_OK;
}

/* A number per the JSON grammar, -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, kept as
 * written. */
static yb_status parse_number(parser *p, const char **s)
{
	size_t start = p->pos;
	if (at(p, '-')) {
		p->pos++;
		if (!digit_at(p))
			return expected(p, "- 之后应为数字", "expected a digit after -");
	}
	if (at(p, '0')) {
		p->pos++;
		if (digit_at(p))
			return fail(p, p->pos - 1, "数字不能有前导 0",
				    "a number cannot have a leading 0");
	} else {
		while (digit_at(p))
			p->pos++;
	}
	if (at(p, '.')) {
		p->pos++;
		if (!digit_at(p))
			return expected(p, "小数点之后应为数字", "expected a digit after the decimal point");
		while (digit_at(p))
			p->pos++;
	}
	if (at(p, 'e') || at(p, 'E')) {
		p->pos++;
		if (at(p, '+') || at(p, '-'))
			p->pos++;
		if (!digit_at(p))
			return expected(p, "指数应为数字", "expected a digit in the exponent");
		while (digit_at(p))
			p->pos++;
	}
	*s = p->out;
	memcpy(p->out, p->in + start, p->pos - start);
	p->out += p->pos - start;
	*p->out++ = '\0';
	return YB_OK;
}

static int is_word_char(unsigned c)
{
	return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* true, false or null; any other bare word is most likely a string without its quotes. */
static yb_status parse_word(parser *p, const char **s, bool *is_null)
{
	size_t start = p->pos;
	while (p->pos < p->len && is_word_char(p->in[p->pos]))
		p->pos++;
	size_t n = p->pos - start;
	const char *w = (const char *)p->in + start;
	if ((n == 4 && !memcmp(w, "true", 4)) || (n == 5 && !memcmp(w, "false", 5))) {
		*s = p->out;
		memcpy(p->out, w, n);
		p->out += n;
		*p->out++ = '\0';
		return YB_OK;
	}
	if (n == 4 && !memcmp(w, "null", 4)) {
		*is_null = true;
		return YB_OK;
	}
	if (n > 40)
		return fail(p, start, "应为值，实际是 %.40s…；字符串要加双引号",
			    "expected a value, found %.40s…; put strings in double quotes", w);
	return fail(p, start, "应为值，实际是 %.*s；字符串要加双引号",
		    "expected a value, found %.*s; put strings in double quotes", (int)n, w);
}

static yb_status parse_value(parser *p, const char **s, bool *is_string, bool *is_null)
{
	size_t n;
	*is_string = *is_null = false;
	if (p->pos >= p->len)
		return expected(p, "应为值", "expected a value");
	unsigned c = p->in[p->pos];
	if (c == '"') {
		*is_string = true;
		return parse_string(p, s, &n);
	}
	if (c == '-' || (c >= '0' && c <= '9'))
		return parse_number(p, s);
	if (is_word_char(c))
		return parse_word(p, s, is_null);
	if (c == '[')
		return fail(p, p->pos, "值不能是数组", "a value cannot be an array");
	if (c == '{')
		return fail(p, p->pos, "值不能是对象", "a value cannot be an object");
	if (c == '+')
		return fail(p, p->pos, "数字前不能写 +", "a number cannot start with +");
	if (c == '.')
		return fail(p, p->pos, "小数点前应有数字，如 0.5",
			    "a digit must come before the decimal point, e.g. 0.5");
	if (c == '\'')
		return fail(p, p->pos, "字符串要用双引号 \"，实际是 '",
			    "strings take double quotes \", found '");
	size_t shown;
	if (c >= 0x80 && yb_utf8_decode(p->in + p->pos, p->len - p->pos, NULL, &shown)) {
		/* Most likely “ or a word in Chinese: say how strings are written. */
		found_text found;
		describe_both(p, p->pos, &found);
		return fail(p, p->pos, "应为值，实际是%s%.0s；字符串要用英文双引号 \"",
			    "expected a value, found %.0s%s; strings take plain double quotes \"",
			    found.zh, found.en);
	}
	return expected(p, "应为值", "expected a value");
}

/* Everything after the opening brace, into q->pairs. */
static yb_status parse_members(parser *p, yb_jsonq *q)
{
	/* Every key seen, null ones included, for the duplicate check. */
	struct {
		const char *s;
		size_t n;
	} keys[YB_JSONQ_MAX_PAIRS];
	size_t nkeys = 0;

	skip_space(p);
	if (at(p, '}'))
		return YB_OK;
	for (;;) {
		skip_space(p);
		if (!at(p, '"'))
			return expected(p, nkeys ? "应为 \"" : "应为 \" 或 }",
					nkeys ? "expected \"" : "expected \" or }");
		size_t key_at = p->pos;
		if (nkeys == YB_JSONQ_MAX_PAIRS)
			return fail(p, key_at, "键超过 %d 个", "more than %d keys", YB_JSONQ_MAX_PAIRS);
		const char *key, *value = NULL;
		size_t key_len;
		yb_status st = parse_string(p, &key, &key_len);
		if (st != YB_OK)
			return st;
		for (size_t i = 0; i < nkeys; i++) {
			if (keys[i].n == key_len && !memcmp(keys[i].s, key, key_len)) {
				/* Quoted as written: unescaped, it may hold control characters. */
				const char *raw = (const char *)p->in + key_at;
				size_t n = p->pos - key_at, cut = yb_utf8_cut(raw, n, 60);
				return fail(p, key_at, "键 %.*s%s 重复", "key %.*s%s given twice",
					    (int)cut, raw, cut < n ? "…\"" : "");
			}
		}
		keys[nkeys].s = key;
		keys[nkeys].n = key_len;
		nkeys++;

		skip_space(p);
		if (!at(p, ':'))
			return expected(p, "应为 :", "expected :");
		p->pos++;
		skip_space(p);
		bool is_string, is_null;
		if ((st = parse_value(p, &value, &is_string, &is_null)) != YB_OK)
			return st;
		if (!is_null)
			q->pairs[q->n++] = (yb_jsonq_pair){key, value, is_string};

		skip_space(p);
		if (at(p, '}'))
			return YB_OK;
		if (!at(p, ','))
			return expected(p, "应为 , 或 }", "expected , or }");
		p->pos++;
	}
}

yb_status yb_jsonq_parse(yb_jsonq *q, const char *line, size_t len, yb_error *err)
{
	q->n = 0;
	/* A newline, or the \r of one, is not part of the line: a string left open at the end
	 * is then reported as such, not as holding a control character. */
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	if (len > SIZE_MAX / 4)
		return yb_err_nomem(err); /* no line is that long; len + 1 must not wrap */
	if (q->cap < len + 1) {
		size_t cap = q->cap ? q->cap : 256;
		while (cap < len + 1)
			cap *= 2;
		/* Not realloc: nothing in the old storage is worth copying. */
		char *s = yb_malloc(cap);
		if (!s)
			return yb_err_nomem(err);
		yb_free(q->storage);
		q->storage = s;
		q->cap = cap;
	}

	parser p = {(const unsigned char *)line, len, 0, q->storage, err};
	yb_status st;
	skip_space(&p);
	if (p.pos == p.len)
		return fail(&p, 0, "空行；应为一个 JSON 对象", "empty line; expected a JSON object");
	if (!at(&p, '{'))
		return expected(&p, "应为 {", "expected {");
	p.pos++;
	if ((st = parse_members(&p, q)) != YB_OK) {
		q->n = 0;
		return st;
	}
	p.pos++; /* the closing brace */
	skip_space(&p);
	if (p.pos < p.len) {
		q->n = 0;
		return expected(&p, "} 之后应为行尾", "expected the end of the line after }");
	}
	return YB_OK;
}

const char *yb_jsonq_get(const yb_jsonq *q, const char *key)
{
	if (!q)
		return NULL;
	for (size_t i = 0; i < q->n; i++)
		if (strcmp(q->pairs[i].key, key) == 0)
			return q->pairs[i].value;
	return NULL;
}

void yb_jsonq_free(yb_jsonq *q)
{
	if (!q)
		return;
	yb_free(q->storage);
	memset(q, 0, sizeof(*q));
}
