/*
 * test_batch_csv.c - CSV for batches: cells written quoted exactly where RFC 4180 needs it (and
 * read back as written), and records read line by line through libcsv: quoted commas, quotes
 * and newlines, CR LF, blank lines, the line a record starts on, misused quotes, an open quote
 * at the end, text that is not UTF-8, records over the size limit, and running out of memory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "batch_csv.h"
#include "mem.h"

/* One cell as written, NUL-terminated in a static buffer. */
static const char *cell(const char *s)
{
	static char out[256];
	yb_buf b = {0};
	yb_csv_cell_write(&b, s, strlen(s));
	assert_false(b.failed);
	assert_true(b.len < sizeof(out));
	memcpy(out, b.data ? b.data : "", b.len);
	out[b.len] = '\0';
	yb_buf_free(&b);
	return out;
}

static void cells_are_quoted_where_they_must_be(void **state)
{
	(void)state;
	assert_string_equal(cell(""), "");
	assert_string_equal(cell("intra-province"), "intra-province");
	assert_string_equal(cell("省内跨市；2026-12-14"), "省内跨市；2026-12-14");
	assert_string_equal(cell("a b"), "a b");         /* an inner space needs nothing */
	assert_string_equal(cell("1,500"), "\"1,500\""); /* a comma */
	assert_string_equal(cell("say \"hi\""), "\"say \"\"hi\"\"\""); /* quotes, doubled */
	assert_string_equal(cell("\""), "\"\"\"\"");
	assert_string_equal(cell("two\nlines"), "\"two\nlines\"");
	assert_string_equal(cell("cr\r"), "\"cr\r\"");
	assert_string_equal(cell(" lead"), "\" lead\""); /* a reader would trim these */
	assert_string_equal(cell("trail\t"), "\"trail\t\"");
	assert_string_equal(cell("未找到城市 \"a,b\""), "\"未找到城市 \"\"a,b\"\"\"");
}

/* Quoting in place touches only what was appended since the mark. */
static void quoting_keeps_what_came_before(void **state)
{
	(void)state;
	yb_buf b = {0};
	yb_buf_puts(&b, "x,\"y\",");
	size_t mark = b.len;
	yb_buf_puts(&b, "\"\"\"\"");
	yb_csv_quote_from(&b, mark);
	assert_string_equal(b.data, "x,\"y\",\"\"\"\"\"\"\"\"\"\"");
	mark = b.len;
	yb_csv_quote_from(&b, mark); /* nothing appended: nothing to quote */
	assert_int_equal(b.len, mark);
	yb_buf_free(&b);

	/* Long enough that the buffer has to grow while quoting. */
	char many[9000];
	memset(many, '"', sizeof(many) - 1);
	many[sizeof(many) - 1] = '\0';
	yb_buf_puts(&b, "ok,");
	yb_csv_cell_write(&b, many, strlen(many));
	assert_int_equal(b.len, 3 + 2 * strlen(many) + 2);
	assert_memory_equal(b.data, "ok,\"\"\"", 6);
	assert_int_equal(b.data[b.len - 1], '"');
	for (size_t i = 4; i < b.len - 1; i++)
		assert_int_equal(b.data[i], '"');
	yb_buf_free(&b);
}

static void out_of_memory_while_quoting(void **state)
{
	(void)state;
	for (long n = 0;; n++) {
		yb_buf b = {0};
		yb_mem_fail_after(n);
		yb_buf_puts(&b, "short");
		yb_csv_cell_write(&b, "a \"quoted\", value", 17);
		yb_mem_fail_after(-1);
		bool failed = b.failed;
		if (!failed)
			assert_string_equal(b.data, "short\"a \"\"quoted\"\", value\"");
		yb_buf_free(&b);
		if (!failed)
			break;
	}
}

/* Feeds text line by line as the batch does; returns the records as "line:cell|cell|…"
 * joined by "\n", or "line!message" for a refused one. */
static const char *read_all(const char *text)
{
	static char out[4096];
	yb_csv_reader *r = yb_csv_reader_new();
	assert_non_null(r);
	out[0] = '\0';
	size_t number = 0;
	for (const char *p = text; *p;) {
		size_t len = strcspn(p, "\n");
		yb_error err;
		int got = yb_csv_feed(r, ++number, p, len, false, &err);
		assert_true(got >= -1);
		size_t used = strlen(out);
		if (got == 1) {
			snprintf(out + used, sizeof(out) - used, "%zu:", yb_csv_line(r));
			for (size_t i = 0; i < yb_csv_count(r); i++) {
				used = strlen(out);
				snprintf(out + used, sizeof(out) - used, "%s%s", i ? "|" : "",
					 yb_csv_cell(r, i));
			}
			used = strlen(out);
			snprintf(out + used, sizeof(out) - used, "\n");
		} else if (got == -1) {
			snprintf(out + used, sizeof(out) - used, "%zu!%d:%s\n", yb_csv_line(r),
				 err.column, err.message);
		}
		p += len + (p[len] == '\n');
	}
	yb_error err;
	if (yb_csv_finish(r, &err)) {
		size_t used = strlen(out);
		snprintf(out + used, sizeof(out) - used, "%zu!end:%s\n", yb_csv_line(r), err.message);
	}
	yb_csv_reader_free(r);
	return out;
}

static void records_are_read_as_rfc_4180_says(void **state)
{
	(void)state;
	assert_string_equal(read_all("a,b,c\n1,2,3\n"), "1:a|b|c\n2:1|2|3\n");
	/* No newline at the end; CR LF; blank lines (spaces, a lone CR) between records. */
	assert_string_equal(read_all("a,b\r\n\r\n  \n1,2"), "1:a|b\n4:1|2\n");
	/* Quoted: a comma, doubled quotes, a newline (the record is where it starts). */
	assert_string_equal(read_all("\"x,y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\nnext,1\n"),
			    "1:x,y|say \"hi\"\n2:two\nlines|z\n4:next|1\n");
	/* A quoted CR LF stays in the value; spaces around an unquoted value go, quoted stay. */
	assert_string_equal(read_all("\"a\r\nb\",  c  ,\" d \"\r\n"), "1:a\r\nb|c| d \n");
	/* Empty cells, and a trailing comma: one more empty cell. */
	assert_string_equal(read_all(",\n\"\",x,\n"), "1:|\n2:|x|\n");
}

static void misused_quotes_refuse_one_record(void **state)
{
	(void)state;
	/* A quote inside an unquoted value; text after a closing quote. Reading goes on. */
	const char *got = read_all("ab\"c,d\n\"ab\"c,d\nok,1\n");
	assert_non_null(strstr(got, "1!3:第 3 个字符处引号用法不对"));
	assert_non_null(strstr(got, "2!5:第 5 个字符处引号用法不对"));
	assert_non_null(strstr(got, "3:ok|1\n"));
	/* Inside a record that spans lines, the column is in the line where it went wrong. */
	got = read_all("\"a\nb\"x\nok\n");
	assert_non_null(strstr(got, "1!3:"));
	assert_non_null(strstr(got, "3:ok\n"));
	/* A quote never closed: the record from its line to the end. */
	got = read_all("ok\n\"open,\nstill\n");
	assert_string_equal(got, "1:ok\n2!end:引号没有结束：从这一行开始的值，到输入结束也没有结束的"
				 "引号\n");
}

static void text_must_be_utf8(void **state)
{
	(void)state;
	/* 常德 in GBK, as Excel's plain "CSV" writes it on a Chinese Windows. */
	const char *got = read_all("transfer,\xB3\xA3\xB5\xC2\nok\n");
	assert_non_null(strstr(got, "1!0:第 2 个值不是 UTF-8 文本"));
	assert_non_null(strstr(got, "2:ok\n"));
	/* A NUL byte would cut the value short. */
	yb_csv_reader *r = yb_csv_reader_new();
	yb_error err;
	assert_int_equal(yb_csv_feed(r, 1, "a\0b,c", 5, false, &err), -1);
	assert_non_null(strstr(err.message, "第 1 个值不是 UTF-8 文本"));
	assert_non_null(strstr(err.message_en, "value 1 is not UTF-8 text"));
	assert_int_equal(yb_csv_feed(r, 2, "c", 1, false, &err), 1);
	assert_int_equal(yb_csv_count(r), 1);
	yb_csv_reader_free(r);
}

/* A record over YB_BATCH_MAX_LINE bytes, in one line or many, is refused and not kept. */
static void records_have_a_limit(void **state)
{
	(void)state;
	yb_csv_reader *r = yb_csv_reader_new();
	yb_error err;
	char *big = malloc(YB_BATCH_MAX_LINE);
	assert_non_null(big);
	memset(big, 'x', YB_BATCH_MAX_LINE);
	assert_int_equal(yb_csv_feed(r, 1, big, YB_BATCH_MAX_LINE, true, &err), -1);
	assert_non_null(strstr(err.message, "超过 1048576 字节"));
	assert_non_null(strstr(err.message_en, "over the limit of 1048576 bytes"));
	assert_int_equal(yb_csv_line(r), 1);
	/* An open quote that runs on: refused once it passes the limit, line by line. */
	assert_int_equal(yb_csv_feed(r, 2, "\"", 1, false, &err), 0);
	size_t line = 3;
	int got;
	while ((got = yb_csv_feed(r, line, big, 1000, false, &err)) == 0)
		line++;
	assert_int_equal(got, -1);
	assert_int_equal(yb_csv_line(r), 2);
	assert_true(line > YB_BATCH_MAX_LINE / 1001);
	assert_int_equal(yb_csv_feed(r, line + 1, "fine,1", 6, false, &err), 1);
	assert_int_equal(yb_csv_line(r), line + 1);
	assert_int_equal(yb_csv_finish(r, &err), 0);
	free(big);
	yb_csv_reader_free(r);
}

/* Every cell written reads back as itself, whatever it holds. */
static void written_cells_read_back(void **state)
{
	(void)state;
	static const char *const values[] = {"",   " ",  "a",  ",",	"\"",	"\"\"", "a,b",
					     "\n", "\r\n", " x", "x\t", "长沙", "；",   "a\"b\"c"};
	enum { N = sizeof(values) / sizeof(values[0]) };
	yb_csv_reader *r = yb_csv_reader_new();
	size_t number = 0;
	for (size_t i = 0; i < N; i++) {
		yb_buf row = {0};
		for (size_t k = 0; k < N; k++) {
			yb_csv_cell_write(&row, values[(i + k) % N], strlen(values[(i + k) % N]));
			yb_buf_putc(&row, k + 1 < N ? ',' : '\n');
		}
		/* Fed line by line, as a batch reads it. */
		int got = 0;
		for (const char *p = row.data; *p;) {
			size_t len = strcspn(p, "\n");
			yb_error err;
			got = yb_csv_feed(r, ++number, p, len, false, &err);
			assert_true(got == 0 || got == 1);
			p += len + 1;
		}
		assert_int_equal(got, 1);
		assert_int_equal(yb_csv_count(r), N);
		for (size_t k = 0; k < N; k++)
			assert_string_equal(yb_csv_cell(r, k), values[(i + k) % N]);
		yb_buf_free(&row);
	}
	yb_csv_reader_free(r);
}

/* Each allocation failing in turn: -2 (out of memory) or the record, never a wrong one. */
static void out_of_memory_while_reading(void **state)
{
	(void)state;
	char line[6000];
	memset(line, 'v', sizeof(line));
	memcpy(line, "a,\"b\nc\",", 8);
	for (long n = 0;; n++) {
		yb_mem_fail_after(n);
		yb_csv_reader *r = yb_csv_reader_new();
		int got = -2;
		yb_error err;
		if (r && (got = yb_csv_feed(r, 1, line, sizeof(line), false, &err)) == 1)
			assert_int_equal(yb_csv_count(r), 3);
		yb_mem_fail_after(-1);
		yb_csv_reader_free(r);
		if (got == 1)
			break;
		assert_int_equal(got, -2);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cells_are_quoted_where_they_must_be),
		cmocka_unit_test(quoting_keeps_what_came_before),
		cmocka_unit_test(out_of_memory_while_quoting),
		cmocka_unit_test(records_are_read_as_rfc_4180_says),
		cmocka_unit_test(misused_quotes_refuse_one_record),
		cmocka_unit_test(text_must_be_utf8),
		cmocka_unit_test(records_have_a_limit),
		cmocka_unit_test(written_cells_read_back),
		cmocka_unit_test(out_of_memory_while_reading),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
