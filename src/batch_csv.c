/*
 * batch_csv.c - CSV records in through libcsv, cells out (batch_csv.h).
 *
 * libcsv (Debian's libcsv-dev) does the parsing, in strict mode: a quote inside an unquoted
 * value, or anything but a comma or the end of the line after a closing quote, is an error
 * rather than a guess. Only LF ends a record here (CR counts as a space, which an unquoted
 * value and the end of a quoted one shed), so a CR LF file reads as an LF one and each line fed
 * ends at most one record.
 */
#include "batch_csv.h"

#include <csv.h>
#include <string.h>

#include "error.h"
#include "mem.h"
#include "utf8.h"

struct yb_csv_reader {
	struct csv_parser parser;
	yb_buf text;                    /* the record's cells, each NUL-terminated */
	size_t cell[YB_CSV_MAX_CELLS];  /* where each starts in text */
	size_t ncells;
	size_t start;                   /* the line the open record started on; 0: none open */
	size_t line;                    /* the line of the record last returned or refused */
	size_t bytes;                   /* bytes of the open record so far */
	size_t bad_cell;                /* 1-based: the first cell that is not UTF-8 text; 0 */
	bool ended;                     /* the record ended (libcsv's end-of-record callback) */
};

static int is_lf(unsigned char c)
{
	return c == '\n';
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static bool is_text(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		size_t k = p[i] ? yb_utf8_decode(p + i, n - i, NULL, NULL) : 0;
		if (!k)
			return false;
		i += k;
	}
	return true;
}

static void on_cell(void *s, size_t len, void *data)
{
	yb_csv_reader *r = data;
	if (r->ncells < YB_CSV_MAX_CELLS) {
		r->cell[r->ncells] = r->text.len;
		yb_buf_append(&r->text, s, len);
		yb_buf_putc(&r->text, '\0');
	}
	r->ncells++;
	if (!r->bad_cell && !is_text(s, len))
		r->bad_cell = r->ncells;
}

static void on_record(int c, void *data)
{
	(void)c;
	((yb_csv_reader *)data)->ended = true;
}

yb_csv_reader *yb_csv_reader_new(void)
{
	yb_csv_reader *r = yb_calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	csv_init(&r->parser, CSV_STRICT);
	csv_set_term_func(&r->parser, is_lf);
	csv_set_space_func(&r->parser, is_space);
	csv_set_realloc_func(&r->parser, yb_realloc);
	csv_set_free_func(&r->parser, yb_free);
	csv_set_blk_size(&r->parser, 4096);
	return r;
}

void yb_csv_reader_free(yb_csv_reader *r)
{
	if (!r)
		return;
	csv_free(&r->parser);
	yb_buf_free(&r->text);
	yb_free(r);
}

/* Forgets the open record: the parser starts afresh at the next line. */
static void drop(yb_csv_reader *r)
{
	csv_fini(&r->parser, NULL, NULL, NULL);
	r->start = 0;
}

int yb_csv_feed(yb_csv_reader *r, size_t number, const char *line, size_t len, bool too_long,
		yb_error *err)
{
	if (!r->start) { /* the last record was returned or refused: forget it */
		r->ended = false;
		r->ncells = 0;
		r->bad_cell = 0;
		r->text.len = 0;
	}
	if (!r->start) {
		size_t blank = 0;
		while (blank < len && is_space((unsigned char)line[blank]))
			blank++;
		if (blank == len && !too_long)
			return 0;
		r->start = number;
		r->bytes = 0;
	}
	r->line = r->start;
	r->bytes += len + 1;
	if (too_long || r->bytes > YB_BATCH_MAX_LINE) {
		drop(r);
		yb_fail(err, YB_EUSAGE, "这一条记录超过 %d 字节（1 MiB）的上限，没有读入",
			"this record is over the limit of %d bytes (1 MiB) and was not read",
			YB_BATCH_MAX_LINE);
		return -1;
	}
	size_t done = csv_parse(&r->parser, line, len, on_cell, on_record, r);
	if (done == len && csv_parse(&r->parser, "\n", 1, on_cell, on_record, r) != 1)
		done = len + 1; /* failed at the newline */
	if (r->text.failed || (done != len && csv_error(&r->parser) == CSV_ENOMEM))
		return -2;
	if (done != len) {
		int column = (int)yb_utf8_count(line, done > len ? len : done) + 1;
		drop(r);
		yb_fail(err, YB_EUSAGE,
			"第 %d 个字符处引号用法不对：值里有引号（\"）、逗号或换行时，整个值要用引号"
			"括起来，值里的引号写成两个（\"\"）",
			"wrong use of quotes at character %d: a value that holds a quote (\"), a "
			"comma or a line break is put in quotes as a whole, and a quote in it is "
			"written twice (\"\")",
			column);
		if (err)
			err->column = column;
		return -1;
	}
	if (!r->ended)
		return 0;
	r->start = 0;
	if (r->bad_cell) {
		yb_fail(err, YB_EUSAGE,
			"第 %zu 个值不是 UTF-8 文本；请把文件存为 UTF-8 编码的 CSV"
			"（Excel：另存为“CSV UTF-8”）",
			"value %zu is not UTF-8 text; save the file as CSV in UTF-8 "
			"(Excel: Save As \"CSV UTF-8\")",
			r->bad_cell);
		return -1;
	}
	return 1;
}

int yb_csv_finish(yb_csv_reader *r, yb_error *err)
{
	if (!r->start)
		return 0;
	r->line = r->start;
	drop(r);
	yb_fail(err, YB_EUSAGE, "引号没有结束：从这一行开始的值，到输入结束也没有结束的引号",
		"unclosed quote: a value that starts on this line has no closing quote by the end "
		"of the input");
	return -1;
}

size_t yb_csv_line(const yb_csv_reader *r)
{
	return r->line;
}

size_t yb_csv_count(const yb_csv_reader *r)
{
	return r->ncells;
}

const char *yb_csv_cell(const yb_csv_reader *r, size_t i)
{
	return r->text.data + r->cell[i];
}

void yb_csv_quote_from(yb_buf *b, size_t mark)
{
	if (b->failed || b->len == mark)
		return;
	size_t n = b->len - mark, quotes = 0;
	const char *s = b->data + mark;
	bool quote = s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t';
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		quotes += c == '"';
		quote |= c == '"' || c == ',' || c == '\r' || c == '\n';
	}
	if (!quote)
		return;
	for (size_t i = 0; i < quotes + 2; i++)
		yb_buf_putc(b, '"');
	if (b->failed)
		return;
	/* From the end back, so that each byte is read before anything is written over it. */
	char *d = b->data + mark;
	size_t w = n + quotes + 2;
	d[--w] = '"';
	for (size_t i = n; i > 0; i--) {
		char c = d[i - 1];
		d[--w] = c;
		if (c == '"')
			d[--w] = '"';
	}
	d[--w] = '"';
}

void yb_csv_cell_write(yb_buf *b, const char *s, size_t n)
{
	size_t mark = b->len;
	yb_buf_append(b, s, n);
	yb_csv_quote_from(b, mark);
}
