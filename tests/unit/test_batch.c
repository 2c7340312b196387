/*
 * test_batch.c - JSON Lines in, one line out per line in: answers byte-identical to the single
 * query's JSON, error objects for bad lines with their line numbers, order kept, stats.
 */
#define _GNU_SOURCE /* fopencookie() */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fixture.h"
#include "corpus.h"
#include "jsonq.h"
#include "mem.h"
#include "render.h"
#include "yibao.h"

static int collect(void *ctx, const char *data, size_t len)
{
	yb_buf_append(ctx, data, len);
	return 0;
}

static yb_batch_stats batch(void **state, const char *input, yb_buf *out)
{
	FILE *in = fmemopen((void *)input, strlen(input), "r");
	yb_batch_stats stats;
	yb_error err;
	assert_non_null(in);
	memset(out, 0, sizeof(*out));
	assert_int_equal(yb_batch(*state, in, collect, out, &stats, &err), YB_OK);
	fclose(in);
	return stats;
}

/* A batch with options; the status is expected to be YB_OK. */
static yb_batch_stats batch_with(void **state, const char *input, const yb_batch_options *opts,
				 yb_buf *out)
{
	FILE *in = fmemopen((void *)input, strlen(input), "r");
	yb_batch_stats stats;
	yb_error err;
	assert_non_null(in);
	memset(out, 0, sizeof(*out));
	assert_int_equal(yb_batch_run(*state, in, collect, out, opts, &stats, &err), YB_OK);
	fclose(in);
	return stats;
}

/* The single query's JSON, as `yibao transfer … --format json` prints it, with render flags. */
static void single_with(void **state, const char *const *facts, const char *procedure,
			unsigned flags, yb_buf *out)
{
	yb_query *q;
	yb_answer *a;
	yb_error err;
	memset(out, 0, sizeof(*out));
	assert_int_equal(yb_query_new(*state, procedure, &q, &err), YB_OK);
	for (size_t i = 0; facts[i]; i += 2)
		assert_int_equal(yb_query_set(q, facts[i], facts[i + 1], &err), YB_OK);
	assert_int_equal(yb_query_run(q, &a, &err), YB_OK);
	assert_int_equal(yb_answer_render_json(a, flags, collect, out, &err), YB_OK);
	yb_answer_free(a);
	yb_query_free(q);
}

static void single(void **state, const char *const *facts, const char *procedure, yb_buf *out)
{
	single_with(state, facts, procedure, 0, out);
}

/* The single answer to the refund query REFUND_LINE() asks, without its newline. */
static void refund_answer(void **state, const char *c, yb_buf *out)
{
	const char *r[] = {"case", c, "date", "2026-11-23", NULL};
	single(state, r, "refund", out);
	out->data[out->len - 1] = '\0';
}

static void expect_counts(const yb_batch_stats *s, size_t lines, size_t answered, size_t failed,
			  size_t skipped)
{
	assert_int_equal(s->lines, lines);
	assert_int_equal(s->answered, answered);
	assert_int_equal(s->failed, failed);
	assert_int_equal(s->skipped, skipped);
}

/* Line n (1-based) of text, NUL-terminated in a static buffer. */
static const char *line_of(const yb_buf *b, int n)
{
	static char line[65536];
	const char *p = b->data;
	for (int i = 1; i < n && p; i++)
		p = strchr(p, '\n') + 1;
	size_t len = strcspn(p, "\n");
	memcpy(line, p, len);
	line[len] = '\0';
	return line;
}

static void mixed_lines_keep_their_order(void **state)
{
	const char *input =
		"{\"command\":\"transfer\",\"from\":\"changde\",\"to\":\"changsha\",\"type\":"
		"\"employee\",\"date\":\"2026-11-23\"}\n"
		"{\"command\":\"transfer\",\"from\":\"nowhere\",\"to\":\"changsha\"}\n"
		"not json at all\n"
		"\n"
		"{\"command\":\"refund\",\"case\":\"retired-overpay\",\"date\":\"2026-11-23\"}\n"
		"{\"command\":\"teleport\"}\n"
		"{\"command\":\"dental\",\"item\":\"root-canal\",\"city\":\"qingdao\",\"type\":"
		"\"employee\",\"level\":\"2\",\"cost\":1500,\"retired\":false,\"date\":\"2026-11-23\"}\n";
	yb_buf out, want;
	yb_batch_stats stats = batch(state, input, &out);
	expect_counts(&stats, 7, 3, 3, 1); /* the blank line: no query, no output line */
	assert_int_equal(stats.worst_exit, 2);

	const char *t[] = {"from", "changde", "to", "changsha", "type", "employee", "date",
			   "2026-11-23", NULL};
	single(state, t, "transfer", &want);
	want.data[want.len - 1] = '\0'; /* the line without its newline */
	assert_string_equal(line_of(&out, 1), want.data);
	yb_buf_free(&want);

	assert_non_null(strstr(line_of(&out, 2), "{\"schema\":1,\"line\":2,\"error\":{\"code\":"
						 "\"not-found\",\"exit\":2,"));
	assert_non_null(strstr(line_of(&out, 3), "\"line\":3,\"error\":{\"code\":\"usage\",\"exit\""
						 ":2,\"column\":1,"));
	refund_answer(state, "retired-overpay", &want);
	assert_string_equal(line_of(&out, 4), want.data);
	yb_buf_free(&want);
	assert_non_null(strstr(line_of(&out, 5), "\"line\":6,"));
	assert_non_null(strstr(line_of(&out, 5), "未知命令 \\\"teleport\\\""));
	const char *d[] = {"item", "root-canal", "city",    "qingdao", "type", "employee",
			   "level", "2",	  "cost",    "1500",    "retired", "false",
			   "date", "2026-11-23", NULL};
	single(state, d, "dental", &want);
	want.data[want.len - 1] = '\0';
	assert_string_equal(line_of(&out, 6), want.data);
	assert_non_null(strstr(line_of(&out, 6), "\"paid\":700"));
	yb_buf_free(&want);
	yb_buf_free(&out);
}

/*
 * A batch writes answers from its cache of pre-rendered items; a single answer is written
 * directly. Over every procedure, cities all over the country, each value of each asked fact and
 * facts left out (so that items hold under conditions), every line must be the single answer.
 */
static void cached_answers_are_the_single_answers(void **state)
{
	const yb_corpus *c = *state;
	yb_buf input = {0};
	const char **facts[4096];
	size_t nqueries = 0;
	static const char *store[4096][16];
	static const char *procs[4096];
	static const char *const dates[] = {"2024-12-30", "2025-09-26", "2026-11-23", "2027-01-05"};
	for (size_t p = 0; p < c->nprocedures; p++) {
		const yb_procedure *pr = &c->procedures[p];
		for (size_t i = 0; i < c->ncities && nqueries < 4096; i += 5) {
			const char **f = store[nqueries];
			size_t n = 0;
			const yb_city *a = &c->cities[i], *b = &c->cities[(i * 7 + 3) % c->ncities];
			if (pr->places & (1u << PLACE_FROM))
				f[n++] = "from", f[n++] = yb_str(c, a->adcode);
			if (pr->places & (1u << PLACE_TO))
				f[n++] = "to", f[n++] = yb_str(c, b->adcode);
			if (pr->places & (1u << PLACE_CITY))
				f[n++] = "city", f[n++] = yb_str(c, a->adcode);
			/* One asked fact given a value in turn, the others left out. */
			if (pr->nasks) {
				const yb_fact *ask = YB_NTH(c, yb_fact, pr->asks, i % pr->nasks);
				const yb_fact_value *values = YB_AT(c, yb_fact_value, ask->values);
				if (ask->kind == FACT_ENUM)
					f[n++] = yb_str(c, ask->id),
					f[n++] = yb_str(c, values[i % ask->nvalues].id);
				else if (ask->kind == FACT_BOOL)
					f[n++] = yb_str(c, ask->id), f[n++] = i % 2 ? "true" : "false";
			}
			f[n++] = "date", f[n++] = dates[i % 4];
			f[n] = NULL;
			procs[nqueries] = yb_str(c, pr->id);
			facts[nqueries++] = f;
			yb_buf_printf(&input, "{\"command\":\"%s\"", yb_str(c, pr->id));
			for (size_t k = 0; k < n; k += 2)
				yb_buf_printf(&input, ",\"%s\":\"%s\"", f[k], f[k + 1]);
			yb_buf_puts(&input, "}\n");
		}
	}
	yb_buf out;
	yb_batch_stats stats = batch(state, input.data, &out);
	assert_int_equal(stats.lines, nqueries);
	const char *line = out.data;
	size_t compared = 0;
	for (size_t q = 0; q < nqueries; q++) {
		yb_buf want;
		size_t len = strcspn(line, "\n");
		if (strstr(line, "\"error\"") && strstr(line, "\"error\"") < line + len) {
			line += len + 1; /* a query the procedure refuses (checked elsewhere) */
			continue;
		}
		single(state, facts[q], procs[q], &want);
		if (want.len != len + 1 || memcmp(want.data, line, len + 1) != 0)
			fail_msg("line %zu (%s) differs from the single answer", q + 1, procs[q]);
		yb_buf_free(&want);
		line += len + 1;
		compared++;
	}
	assert_true(compared > 300);
	yb_buf_free(&out);
	yb_buf_free(&input);
}

static void flags_that_do_not_belong(void **state)
{
	yb_buf out;
	batch(state,
	      "{\"command\":\"transfer\",\"from\":\"changde\",\"to\":\"changsha\",\"format\":\"text\"}\n"
	      "{\"command\":\"transfer\",\"from\":\"changde\",\"to\":\"changsha\",\"colour\":\"red\"}\n"
	      "{\"from\":\"changde\"}\n"
	      "{\"command\":\"transfer\",\"from\":\"changde\",\"to\":\"changsha\","
	      "\"holder\":\"minor\"}\n",
	      &out);
	assert_non_null(strstr(line_of(&out, 1), "\"line\":1,\"error\":{\"code\":\"usage\""));
	assert_non_null(strstr(line_of(&out, 2), "\"line\":2,\"error\":{\"code\":\"usage\""));
	/* A key no procedure has: perhaps a column of the caller's own, which "id" carries. */
	assert_non_null(strstr(line_of(&out, 2), "写在 \\\"id\\\" 里"));
	assert_non_null(strstr(line_of(&out, 3), "缺少 \\\"command\\\""));
	/* Another procedure's fact: refused plainly. */
	assert_string_equal(line_of(&out, 4),
			    "{\"schema\":1,\"line\":4,\"error\":{\"code\":\"usage\",\"exit\":2,"
			    "\"message\":\"transfer 没有名为 \\\"holder\\\" 的条件\"}}");
	yb_buf_free(&out);
}

/* Numbers in a line are read as on the command line: a bad one is an error line with the
 * range, and the batch goes on. */
static void numbers_are_checked(void **state)
{
	yb_buf out;
	yb_batch_stats stats = batch(
		state,
		"{\"command\":\"dental\",\"item\":\"root-canal\",\"cost\":\"nan\"}\n"
		"{\"command\":\"dental\",\"item\":\"root-canal\",\"cost\":1e19}\n"
		"{\"command\":\"waiting\",\"type\":\"resident\",\"gap-years\":\"inf\"}\n"
		"{\"command\":\"waiting\",\"type\":\"resident\",\"gap-years\":2,\"date\":"
		"\"2026-03-01\"}\n",
		&out);
	assert_int_equal(stats.failed, 3);
	assert_int_equal(stats.answered, 1);
	assert_string_equal(line_of(&out, 1),
			    "{\"schema\":1,\"line\":1,\"error\":{\"code\":\"usage\",\"exit\":2,"
			    "\"message\":\"--cost 的值 \\\"nan\\\" 不是数字；可用 0 到 10000000 之间的数\"}}");
	assert_non_null(strstr(line_of(&out, 2), "--cost 的值 \\\"1e19\\\" 超出范围"));
	assert_non_null(strstr(line_of(&out, 3), "--gap-years 的值 \\\"inf\\\" 不是数字"));
	assert_non_null(strstr(line_of(&out, 4), "\"procedure\":\"waiting\""));
	yb_buf_free(&out);
}

/* An input that gives `text`, then `filler` bytes of 'x' (or of `fill` when set) before a
 * newline and `tail`, then fails to read with EIO when `fail` is set (a disk error, a dropped
 * pipe), or ends. */
typedef struct {
	const char *text, *tail;
	size_t filler, pos;
	int fail;
	char fill;
} source;

static ssize_t source_read(void *cookie, char *buf, size_t size)
{
	source *src = cookie;
	size_t head = strlen(src->text), tail = strlen(src->tail), n = 0;
	size_t total = head + (src->filler ? src->filler + 1 : 0) + tail;
	for (; n < size && src->pos < total; n++, src->pos++) {
		size_t at = src->pos;
		if (at < head)
			buf[n] = src->text[at];
		else if (src->filler && at < head + src->filler)
			buf[n] = src->fill ? src->fill : 'x';
		else if (src->filler && at == head + src->filler)
			buf[n] = '\n';
		else
			buf[n] = src->tail[at - head - (src->filler ? src->filler + 1 : 0)];
	}
	if (!n && src->fail) {
		errno = EIO;
		return -1;
	}
	return (ssize_t)n;
}

static FILE *open_source(source *src)
{
	cookie_io_functions_t io = {source_read, NULL, NULL, NULL};
	FILE *f = fopencookie(src, "r", io);
	assert_non_null(f);
	return f;
}

#define REFUND_LINE(c) "{\"command\":\"refund\",\"case\":\"" c "\",\"date\":\"2026-11-23\"}\n"
#define REFUND_LINE_CRLF(c)                                                                        \
	"{\"command\":\"refund\",\"case\":\"" c "\",\"date\":\"2026-11-23\"} \r\n"

/* A read that fails is not the end of the input: the batch says so, with its own status and
 * the line it could not read, after writing the answers to the lines before. */
static void a_read_error_is_not_the_end(void **state)
{
	source src = {REFUND_LINE("retired-overpay"), "", 0, 0, 1};
	FILE *in = open_source(&src);
	yb_buf out = {0};
	yb_batch_stats stats;
	yb_error err;
	assert_int_equal(yb_batch(*state, in, collect, &out, &stats, &err), YB_EINPUT);
	fclose(in);
	assert_int_equal(yb_exit_code(YB_EINPUT), 6);
	assert_string_equal(err.message, "无法读取输入的第 2 行：输入/输出错误");
	assert_int_equal(stats.lines, 1);
	assert_non_null(strstr(line_of(&out, 1), "\"procedure\":\"refund\""));
	assert_int_equal(out.data[out.len - 1], '\n');
	yb_buf_free(&out);
}

/* A line over YB_BATCH_MAX_LINE is an error line with its number, and the batch goes on. */
static void an_overlong_line_is_skipped(void **state)
{
	static const size_t lengths[] = {YB_BATCH_MAX_LINE, YB_BATCH_MAX_LINE + 1,
					 3 * YB_BATCH_MAX_LINE};
	for (size_t i = 0; i < 3; i++) {
		source src = {REFUND_LINE("retired-overpay"), REFUND_LINE("two-employers"), lengths[i],
			      0, 0};
		FILE *in = open_source(&src);
		yb_buf out = {0};
		yb_batch_stats stats;
		yb_error err;
		assert_int_equal(yb_batch(*state, in, collect, &out, &stats, &err), YB_OK);
		fclose(in);
		assert_int_equal(stats.lines, 3);
		assert_int_equal(stats.answered, 2);
		assert_int_equal(stats.worst_exit, 2);
		if (i == 0) /* exactly at the limit: read, and refused as JSON */
			assert_non_null(strstr(line_of(&out, 2), "\"line\":2,\"error\":{\"code\":"
								 "\"usage\",\"exit\":2,\"column\":1,"));
		else
			assert_string_equal(line_of(&out, 2),
					    "{\"schema\":1,\"line\":2,\"error\":{\"code\":\"usage\","
					    "\"exit\":2,\"message\":\"这一行超过 1048576 字节（1 MiB）"
					    "的上限，没有读入\"}}");
		assert_non_null(strstr(line_of(&out, 3), "two-employers"));
		yb_buf_free(&out);
	}
}

/* Removes the first `"id":…,` after the schema from a line, in place. */
static char *without_id(char *line)
{
	char *at = strstr(line, "{\"schema\":1,\"id\":");
	assert_ptr_equal(at, line);
	at += strlen("{\"schema\":1,");
	char *end = at + strlen("\"id\":");
	if (*end == '"') { /* a string: to its closing quote, past escaped ones */
		for (end++; *end != '"'; end++)
			if (*end == '\\')
				end++;
		end++;
	} else {
		end += strcspn(end, ",");
	}
	assert_int_equal(*end, ',');
	memmove(at, end + 1, strlen(end + 1) + 1);
	return line;
}

/* "id" is written back as given, first after "schema", in answers and in error objects; the
 * answer is otherwise the single answer, byte for byte. */
static void ids_are_written_back(void **state)
{
	const char *input =
		"{\"id\":\"E001\",\"command\":\"refund\",\"case\":\"retired-overpay\",\"date\":"
		"\"2026-11-23\"}\n"
		"{\"command\":\"refund\",\"case\":\"retired-overpay\",\"date\":\"2026-11-23\","
		"\"id\":17}\n"
		"{\"command\":\"refund\",\"case\":\"retired-overpay\",\"date\":\"2026-11-23\","
		"\"id\":-1.5e3}\n"
		"{\"command\":\"refund\",\"case\":\"retired-overpay\",\"date\":\"2026-11-23\","
		"\"id\":\"\\u5f20\\u4e09 \\\"A\\\"\\n\"}\n"
		"{\"id\":\"E005\",\"command\":\"transfer\",\"from\":\"nowhere\",\"to\":\"changsha\"}\n"
		"{\"id\":\"E006\",\"command\":\"refund\",\"case\":\"retired-overpay\",\"emp_id\":"
		"\"E006\"}\n"
		"{\"id\":true,\"command\":\"refund\",\"case\":\"retired-overpay\"}\n"
		"{\"id\":\"E008\"}\n"
		"{\"id\":null,\"command\":\"refund\",\"case\":\"retired-overpay\",\"date\":"
		"\"2026-11-23\"}\n"
		"{\"id\":\"E010\",\"command\":\"refund\",\"case\":\"retired-overpay\",\"date\":"
		"\"2026-11-23\"\n";
	yb_buf out, want;
	yb_batch_stats stats = batch(state, input, &out);
	expect_counts(&stats, 10, 5, 5, 0);
	refund_answer(state, "retired-overpay", &want);
	char line[65536];
	static const char *const ids[] = {"\"E001\"", "17", "-1.5e3", "\"张三 \\\"A\\\"\\n\""};
	for (int i = 0; i < 4; i++) {
		char head[128];
		snprintf(head, sizeof(head), "{\"schema\":1,\"id\":%s,\"procedure\":\"refund\"",
			 ids[i]);
		strcpy(line, line_of(&out, i + 1));
		assert_memory_equal(line, head, strlen(head));
		assert_string_equal(without_id(line), want.data);
	}
	assert_non_null(strstr(line_of(&out, 5),
			       "{\"schema\":1,\"id\":\"E005\",\"line\":5,\"error\":"
			       "{\"code\":\"not-found\""));
	/* An unknown key is still refused, with a word on "id". */
	assert_string_equal(
		line_of(&out, 6),
		"{\"schema\":1,\"id\":\"E006\",\"line\":6,\"error\":{\"code\":\"usage\","
		"\"exit\":2,\"message\":\"refund 没有名为 \\\"emp_id\\\" 的条件；要让答案带上"
		"自己的编号（工号、表格行号），写在 \\\"id\\\" 里，它原样写回答案\"}}");
	assert_string_equal(
		line_of(&out, 7),
		"{\"schema\":1,\"line\":7,\"error\":{\"code\":\"usage\",\"exit\":2,"
		"\"message\":\"\\\"id\\\" 应为字符串或数字（如 \\\"E001\\\" 或 17），实际是 "
		"true\"}}");
	assert_non_null(strstr(line_of(&out, 8), "{\"schema\":1,\"id\":\"E008\",\"line\":8,"));
	assert_non_null(strstr(line_of(&out, 8), "缺少 \\\"command\\\""));
	assert_string_equal(line_of(&out, 9), want.data); /* null: no id */
	/* Not JSON: no id can be read, the error has none. */
	assert_non_null(strstr(line_of(&out, 10), "{\"schema\":1,\"line\":10,\"error\":"));
	yb_buf_free(&want);
	yb_buf_free(&out);
}

/* Blank lines, comments, CRLF, white space around a line and a byte-order mark: read past,
 * counted, and no output line for the lines that hold no query. */
static void lines_without_a_query_are_skipped(void **state)
{
	const char *input =
		"\xEF\xBB\xBF# staff, March\r\n"
		"\n"
		"   \t \r\n"
		"  # an indented comment {\"command\":\"teleport\"}\n"
		" \t" REFUND_LINE_CRLF("retired-overpay") "#\n"
						      "{\"command\":\"teleport\"}  \r\n"
						      "\r\n";
	yb_buf out, want;
	yb_batch_stats stats = batch(state, input, &out);
	expect_counts(&stats, 8, 1, 1, 6);
	refund_answer(state, "retired-overpay", &want);
	assert_string_equal(line_of(&out, 1), want.data);
	assert_int_equal(out.len, want.len + strlen(line_of(&out, 2)) + 1); /* len counts the \n */
	assert_non_null(strstr(line_of(&out, 2), "{\"schema\":1,\"line\":7,\"error\":"));
	yb_buf_free(&want);
	yb_buf_free(&out);

	/* The mark only opens the input; a BOM alone on the first line is a blank line. */
	stats = batch(state, "\xEF\xBB\xBF\n\xEF\xBB\xBF{}\n", &out);
	assert_int_equal(stats.skipped, 1);
	assert_non_null(strstr(line_of(&out, 1), "\"line\":2,\"error\":{\"code\":\"usage\","
						 "\"exit\":2,\"column\":1,"));
	yb_buf_free(&out);
}

/* An overlong comment line is a comment; an overlong line blank as far as it was kept is not
 * known to be blank, and is the overlong line it is. */
static void overlong_lines_without_a_query(void **state)
{
	for (int comment = 0; comment < 2; comment++) {
		source src = {
		    comment ? "# " : "", REFUND_LINE("two-employers"), YB_BATCH_MAX_LINE + 10, 0, 0,
		    comment ? 'x' : ' '};
		FILE *in = open_source(&src);
		yb_buf out = {0};
		yb_batch_stats stats;
		yb_error err;
		assert_int_equal(yb_batch(*state, in, collect, &out, &stats, &err), YB_OK);
		fclose(in);
		expect_counts(&stats, 2, 1, comment ? 0 : 1, comment ? 1 : 0);
		if (!comment)
			assert_non_null(strstr(line_of(&out, 1), "超过 1048576 字节"));
		yb_buf_free(&out);
	}
}

/* Defaults fill in what a line leaves out, where its procedure takes them; the line's own
 * value wins. */
static void defaults_fill_in_what_a_line_leaves_out(void **state)
{
	const yb_batch_default d[] = {{"command", "transfer"},
				      {"type", "employee"},
				      {"date", "2026-11-23"},
				      {"holder", "minor"},
				      {"explain", "true"}};
	yb_batch_options opts = {0};
	opts.defaults = d;
	opts.ndefaults = 5;
	const char *input =
		"{\"from\":\"changde\",\"to\":\"changsha\"}\n"
		"{\"from\":\"changde\",\"to\":\"changsha\",\"type\":\"resident\",\"date\":"
		"\"2026-01-05\",\"explain\":false}\n"
		"{\"command\":\"refund\",\"case\":\"retired-overpay\",\"type\":null}\n"
		"{\"command\":\"activate\",\"city\":\"shantou\",\"id\":4}\n";
	yb_buf out, want;
	yb_batch_stats stats = batch_with(state, input, &opts, &out);
	assert_int_equal(stats.answered, 4);

	/* Each line is the single answer with the defaults it took, and explained. */
	static const char *const a[][12] = {
		{"from", "changde", "to", "changsha", "type", "employee", "date", "2026-11-23", NULL},
		{"from", "changde", "to", "changsha", "type", "resident", "date", "2026-01-05", NULL},
		{"case", "retired-overpay", "type", "employee", "date", "2026-11-23", NULL},
		{"city", "shantou", "holder", "minor", "date", "2026-11-23", NULL},
	};
	static const char *const procs[] = {"transfer", "transfer", "refund", "activate"};
	for (int i = 0; i < 4; i++) {
		yb_query *q;
		yb_answer *ans;
		yb_error err;
		memset(&want, 0, sizeof(want));
		assert_int_equal(yb_query_new(*state, procs[i], &q, &err), YB_OK);
		for (size_t k = 0; a[i][k]; k += 2)
			assert_int_equal(yb_query_set(q, a[i][k], a[i][k + 1], &err), YB_OK);
		assert_int_equal(yb_query_run(q, &ans, &err), YB_OK);
		assert_int_equal(yb_answer_render_json(ans, i == 1 ? 0 : YB_RENDER_EXPLAIN, collect,
						       &want, &err),
				 YB_OK);
		yb_answer_free(ans);
		yb_query_free(q);
		want.data[want.len - 1] = '\0';
		char line[65536];
		strcpy(line, line_of(&out, i + 1));
		assert_string_equal(i == 3 ? without_id(line) : line, want.data);
		yb_buf_free(&want);
	}
	yb_buf_free(&out);
}

/* A line's "lang" picks its language, over the batch's default: each answer is the single
 * answer in that language, an id before its "lang"; a language that is neither refuses the
 * line alone, in the default's language. */
static void lines_choose_their_language(void **state)
{
	const yb_batch_default d[] = {{"lang", "en"}};
	yb_batch_options opts = {0};
	opts.defaults = d;
	opts.ndefaults = 1;
	const char *input = "{\"command\":\"refund\",\"case\":\"retired-overpay\",\"date\":"
			    "\"2026-11-23\"}\n"
			    "{\"command\":\"refund\",\"case\":\"retired-overpay\",\"date\":"
			    "\"2026-11-23\",\"lang\":\"zh\"}\n"
			    "{\"command\":\"refund\",\"case\":\"retired-overpay\",\"lang\":\"fr\"}\n"
			    "{\"id\":\"E4\",\"command\":\"refund\",\"case\":\"retired-overpay\","
			    "\"date\":\"2026-11-23\",\"lang\":\"en\"}\n";
	const char *r[] = {"case", "retired-overpay", "date", "2026-11-23", NULL};
	yb_buf out, zh, en;
	yb_batch_stats stats = batch_with(state, input, &opts, &out);
	expect_counts(&stats, 4, 3, 1, 0);
	single_with(state, r, "refund", YB_RENDER_LANG_EN, &en);
	single(state, r, "refund", &zh);
	en.data[--en.len] = '\0';
	zh.data[--zh.len] = '\0';
	assert_string_equal(line_of(&out, 1), en.data);
	assert_string_equal(line_of(&out, 2), zh.data);
	assert_string_equal(line_of(&out, 3),
			    "{\"schema\":1,\"line\":3,\"error\":{\"code\":\"usage\",\"exit\":2,"
			    "\"message\":\"lang should be zh or en, not \\\"fr\\\"\"}}");
	char line[65536];
	strcpy(line, line_of(&out, 4));
	static const char head[] = "{\"schema\":1,\"id\":\"E4\",\"lang\":\"en\",";
	assert_memory_equal(line, head, sizeof(head) - 1);
	assert_string_equal(without_id(line), en.data);
	yb_buf_free(&out);
	yb_buf_free(&en);
	yb_buf_free(&zh);

	/* No default: Chinese, unless the line says otherwise. */
	out.len = 0;
	stats = batch(state, REFUND_LINE("retired-overpay"), &out);
	single(state, r, "refund", &zh);
	assert_string_equal(out.data, zh.data);
	yb_buf_free(&out);
	yb_buf_free(&zh);
}

/* The error object of line n of a batch: {"schema":1,"line":n,"error":{…"message":…}} with
 * this message, as the batch writes it. */
static void expect_error_line(const yb_buf *out, int n, const char *code, const char *message)
{
	yb_buf want = {0};
	yb_buf_printf(&want, "{\"schema\":1,\"line\":%d,\"error\":{\"code\":\"%s\",\"exit\":2,", n,
		      code);
	const char *column = strstr(line_of(out, n), "\"column\":");
	if (column)
		yb_buf_append(&want, column, strcspn(column, ",") + 1);
	yb_buf_puts(&want, "\"message\":");
	yb_json_string(&want, message);
	yb_buf_puts(&want, "}}");
	assert_string_equal(line_of(out, n), want.data);
	yb_buf_free(&want);
}

/* An error object speaks the line's language: its "lang", else the batch's default (a line
 * that is not JSON, or whose "lang" is wrong, has no language of its own). The code is the
 * same in both. */
static void errors_speak_the_line_language(void **state)
{
	yb_error city, field, json;
	yb_city_info info;
	yb_jsonq q = {0};
	assert_int_equal(yb_city_lookup(*state, "nowhere", &info, &city), YB_ENOTFOUND);
	assert_int_equal(yb_jsonq_parse(&q, "not json", 8, &json), YB_EUSAGE);
	yb_jsonq_free(&q);
	assert_true(city.message_en[0] && json.message_en[0]);

	const char *input = "{\"command\":\"transfer\",\"from\":\"nowhere\",\"to\":\"changsha\","
			    "\"lang\":\"en\"}\n"
			    "{\"command\":\"transfer\",\"from\":\"nowhere\",\"to\":\"changsha\"}\n"
			    "not json\n"
			    "{\"command\":\"transfer\",\"emp_id\":\"E1\",\"lang\":\"en\"}\n";
	yb_buf out;
	yb_batch_stats stats = batch(state, input, &out);
	expect_counts(&stats, 4, 0, 4, 0);
	expect_error_line(&out, 1, "not-found", city.message_en);
	expect_error_line(&out, 2, "not-found", city.message);
	expect_error_line(&out, 3, "usage", json.message);
	assert_non_null(strstr(line_of(&out, 3), "\"column\":1,"));
	/* A key no procedure takes: the word on "id" comes in English too. */
	yb_query *query;
	assert_int_equal(yb_query_new(*state, "transfer", &query, &field), YB_OK);
	assert_int_equal(yb_query_set(query, "emp_id", "E1", &field), YB_EUSAGE);
	yb_query_free(query);
	char hint[2048];
	snprintf(hint, sizeof(hint), "%s; to have your own number in the answer (an employee "
		 "number, a row number), put it in \"id\": it is written back into the answer as "
		 "it is", field.message_en);
	expect_error_line(&out, 4, "usage", hint);
	yb_buf_free(&out);

	/* --lang en: English where the line does not say; its own "lang":"zh" still wins. */
	const yb_batch_default d[] = {{"lang", "en"}};
	yb_batch_options opts = {0};
	opts.defaults = d;
	opts.ndefaults = 1;
	input = "not json\n"
		"{\"command\":\"transfer\",\"from\":\"nowhere\",\"to\":\"changsha\",\"lang\":\"zh\"}\n";
	stats = batch_with(state, input, &opts, &out);
	expect_counts(&stats, 2, 0, 2, 0);
	expect_error_line(&out, 1, "usage", json.message_en);
	expect_error_line(&out, 2, "not-found", city.message);
	yb_buf_free(&out);

	/* CSV in and out: a row's "lang" column picks the language of its error cell. */
	opts = (yb_batch_options){0};
	opts.input = YB_BATCH_CSV;
	opts.output = YB_BATCH_CSV;
	opts.fields = "line,error";
	stats = batch_with(state, "command,from,to,lang\ntransfer,nowhere,changsha,en\n"
				  "transfer,nowhere,changsha,\n", &opts, &out);
	expect_counts(&stats, 3, 0, 2, 0);
	assert_string_equal(line_of(&out, 1), "line,error");
	assert_memory_equal(line_of(&out, 2), "2,\"unknown city \"\"nowhere\"\";",
			    strlen("2,\"unknown city \"\"nowhere\"\";"));
	assert_memory_equal(line_of(&out, 3), "3,\"未找到城市 \"\"nowhere\"\"；",
			    strlen("3,\"未找到城市 \"\"nowhere\"\"；"));
	yb_buf_free(&out);
}

/* A default that cannot be right refuses the batch before a line is read or written. */
static void wrong_defaults_refuse_the_batch(void **state)
{
	static const struct {
		yb_batch_default d[2];
		size_t n;
		yb_status st;
		const char *message;
	} cases[] = {
		{{{"emp_id", "E1"}},
	     1,
	     YB_EUSAGE,
	     "没有哪项手续有名为 \"emp_id\" 的条件，不能作为整批的默认值"},
		{{{"id", "E1"}}, 1, YB_EUSAGE, "\"id\" 不能作为整批的默认值"},
		{{{"format", "text"}}, 1, YB_EUSAGE, "\"format\" 不能作为整批的默认值"},
		{{{"type", "employee"}, {"type", "resident"}},
	     2,
	     YB_EUSAGE,
	     "批量默认值 \"type\" 给了两次"},
		{{{"command", "teleport"}}, 1, YB_ENOTFOUND, NULL},
		{{{"type", "salaried"}}, 1, YB_ENOTFOUND, NULL},
		{{{"from", "fuzhou"}}, 1, YB_EAMBIGUOUS, NULL},
		{{{"date", "2026-02-30"}}, 1, YB_EUSAGE, NULL},
		{{{"cost", "nan"}}, 1, YB_EUSAGE, NULL},
		{{{"explain", "yes"}}, 1, YB_EUSAGE, NULL},
		{{{"lang", "fr"}}, 1, YB_EUSAGE, "lang 应为 zh 或 en，实际是 \"fr\""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *input = REFUND_LINE("retired-overpay");
		FILE *in = fmemopen((void *)input, strlen(input), "r");
		yb_batch_options opts = {0};
		opts.defaults = cases[i].d;
		opts.ndefaults = cases[i].n;
		yb_buf out = {0};
		yb_batch_stats stats;
		yb_error err;
		assert_int_equal(yb_batch_run(*state, in, collect, &out, &opts, &stats, &err),
				 cases[i].st);
		if (cases[i].message) {
			char said[1100];
			snprintf(said, sizeof(said), "默认值有误：%s", cases[i].message);
			assert_string_equal(err.message, said); /* said to be a default's */
		}
		/* And in English too, whatever refused it. */
		assert_memory_equal(err.message_en, "bad default: ", strlen("bad default: "));
		assert_true(strlen(err.message_en) > strlen("bad default: "));
		assert_int_equal(stats.lines, 0);
		assert_int_equal(out.len, 0);
		assert_int_equal(ftell(in), 0); /* nothing read */
		fclose(in);
	}
}

/* The progress callback sees every line, with the counts so far. */
typedef struct {
	size_t calls;
	yb_batch_stats last;
	int in_order;
} seen;

static void count_progress(void *ctx, const yb_batch_stats *stats)
{
	seen *s = ctx;
	s->in_order &= stats->lines == s->calls + 1;
	s->calls++;
	s->last = *stats;
}

static void progress_is_called_for_every_line(void **state)
{
	seen s = {0, {0}, 1};
	yb_batch_options opts = {0};
	opts.progress = count_progress;
	opts.progress_ctx = &s;
	yb_buf out;
	yb_batch_stats stats =
		batch_with(state, REFUND_LINE("retired-overpay") "\n# x\n{}\n", &opts, &out);
	assert_int_equal(s.calls, 4);
	assert_true(s.in_order);
	assert_memory_equal(&s.last, &stats, sizeof(stats));
	expect_counts(&stats, 4, 1, 1, 2);
	yb_buf_free(&out);
}

static void empty_input(void **state)
{
	yb_buf out;
	yb_batch_stats stats = batch(state, "", &out);
	assert_int_equal(stats.lines, 0);
	assert_int_equal(out.len, 0);
	yb_buf_free(&out);
}

/* Fails each allocation in turn: every failure is YB_ENOMEM, never a short batch taken for a
 * whole one. The second input has a long line, so that reading it needs memory too. */
static void out_of_memory(void **state)
{
	const char *input = "{\"command\":\"transfer\",\"from\":\"changde\",\"to\":\"changsha\"}\n"
			    "{\"command\":\"refund\",\"case\":\"two-employers\"}\n";
	/* Ids and defaults: the id is kept and written into the answer, defaults are checked
	 * and set; each of those may fail too. */
	const char *with_ids = "{\"id\":\"E1\",\"from\":\"changde\",\"to\":\"changsha\"}\n"
			       "# a comment\n"
			       "{\"id\":2,\"command\":\"refund\",\"case\":\"nowhere\"}\n";
	const yb_batch_default d[] = {{"command", "transfer"}, {"type", "employee"}};
	for (int kind = 0; kind < 3; kind++)
		for (long n = 0;; n++) {
			source src = {REFUND_LINE("retired-overpay"),
				      REFUND_LINE("two-employers"),
				      20000,
				      0,
				      0,
				      0};
			const char *text = kind == 2 ? with_ids : input;
			FILE *in = kind == 1 ? open_source(&src)
					     : fmemopen((void *)text, strlen(text), "r");
			yb_batch_options opts = {0};
			opts.defaults = d;
			opts.ndefaults = kind == 2 ? 2 : 0;
			yb_buf out = {0};
			yb_batch_stats stats;
			yb_error err;
			yb_mem_fail_after(n);
			yb_status st = yb_batch_run(*state, in, collect, &out, &opts, &stats, &err);
			yb_mem_fail_after(-1);
			fclose(in);
			yb_buf_free(&out);
			if (st == YB_OK) {
				assert_int_equal(stats.lines, kind == 0 ? 2 : 3);
				assert_int_equal(stats.skipped, kind == 2);
				assert_int_equal(stats.answered + stats.failed + stats.skipped,
						 stats.lines);
				break;
			}
			assert_int_equal(st, YB_ENOMEM);
		}
}

/* ---- Options: fields, CSV in and out --------------------------------------------------------- */

static int refuse_writes(void *ctx, const char *data, size_t len)
{
	(void)ctx, (void)data, (void)len;
	fail_msg("nothing should be written");
	return 1;
}

/* Runs a batch with options over input; the status, with the output in *out. */
static yb_status run_with(void **state, const yb_batch_options *o, const char *input, yb_buf *out,
			  yb_batch_stats *stats, yb_error *err)
{
	FILE *in = fmemopen((void *)input, strlen(input), "r");
	assert_non_null(in);
	memset(out, 0, sizeof(*out));
	yb_status st = yb_batch_run(*state, in, collect, out, o, stats, err);
	fclose(in);
	return st;
}

/* A bad choice of fields or formats is refused before anything is read or written. */
static void options_are_checked_first(void **state)
{
	const char *input = REFUND_LINE("retired-overpay");
	yb_batch_stats stats;
	yb_error err;
	yb_batch_options o = {0};
	o.output = YB_BATCH_CSV;
	FILE *in = fmemopen((void *)input, strlen(input), "r");
	assert_int_equal(yb_batch_run(*state, in, refuse_writes, NULL, &o, &stats, &err), YB_EUSAGE);
	assert_non_null(strstr(err.message, "CSV 输出要选定字段"));
	assert_int_equal(ftell(in), 0);
	o.fields = "route,nope";
	assert_int_equal(yb_batch_run(*state, in, refuse_writes, NULL, &o, &stats, &err), YB_EUSAGE);
	assert_non_null(strstr(err.message, "\"nope\""));
	o.output = YB_BATCH_JSON;
	assert_int_equal(yb_batch_run(*state, in, refuse_writes, NULL, &o, &stats, &err), YB_EUSAGE);
	assert_int_equal(ftell(in), 0);
	fclose(in);

	/* No options, or all zero: the whole answers, as yb_batch() writes them. */
	yb_buf plain, with;
	batch(state, input, &plain);
	assert_int_equal(run_with(state, NULL, input, &with, &stats, &err), YB_OK);
	assert_int_equal(with.len, plain.len);
	assert_memory_equal(with.data, plain.data, plain.len);
	yb_buf_free(&with);
	yb_batch_options zero = {0};
	assert_int_equal(run_with(state, &zero, input, &with, &stats, &err), YB_OK);
	assert_memory_equal(with.data, plain.data, plain.len);
	yb_buf_free(&with);
	yb_buf_free(&plain);
}

/*
 * CSV rows carry ids and take defaults as JSON lines do: an "id" column is written back as the
 * id field (and kept on a row that is refused), the defaults fill the cells a row leaves empty,
 * and with --fields the JSON output gives the id as the line gave it, a number as a number.
 */
static void csv_ids_and_defaults(void **state)
{
	const char *csv = "id,from,to,type\n"
			  "E001,changde,changsha,\n"
			  "\"Wang, Li\",厦门,长沙,flexible\n"
			  "E003,nowhere,changsha,\n";
	yb_batch_default d[] = {{"command", "transfer"}, {"type", "employee"}, {"date", "2026-11-23"}};
	yb_batch_options o = {0};
	o.input = YB_BATCH_CSV;
	o.output = YB_BATCH_CSV;
	o.fields = "id,line,route,due";
	o.defaults = d;
	o.ndefaults = 3;
	yb_buf out;
	yb_batch_stats stats;
	yb_error err;
	assert_int_equal(run_with(state, &o, csv, &out, &stats, &err), YB_OK);
	assert_string_equal(out.data,
			    "id,line,route,due,error\n"
			    "E001,2,intra-province,2026-12-14,\n"
			    "\"Wang, Li\",3,cross-province,2026-12-14,\n"
			    "E003,4,,,\"未找到城市 \"\"nowhere\"\"；可用拼音、中文名或六位行政区划代码，"
			    "如 changsha、长沙 或 430100\"\n");
	assert_int_equal(stats.answered, 2);
	assert_int_equal(stats.failed, 1);
	yb_buf_free(&out);

	/* The type a row gives wins over the default: flexible has its own steps. */
	yb_batch_options whole = {0};
	whole.input = YB_BATCH_CSV;
	whole.defaults = d;
	whole.ndefaults = 3;
	assert_int_equal(run_with(state, &whole, csv, &out, &stats, &err), YB_OK);
	assert_non_null(strstr(out.data, "{\"schema\":1,\"id\":\"Wang, Li\",\"procedure\":\"transfer\""));
	assert_non_null(strstr(out.data, "\"value\":\"flexible\""));
	assert_non_null(strstr(out.data, "{\"schema\":1,\"id\":\"E003\",\"line\":4,\"error\""));
	yb_buf_free(&out);

	/* JSON fields: the id as given, a number bare; none given, null. */
	yb_batch_options fields = {0};
	fields.fields = "id,route";
	const char *lines = "{\"id\":17,\"command\":\"transfer\",\"from\":\"changde\",\"to\":\"changsha\"}\n"
			    "{\"command\":\"transfer\",\"from\":\"changde\",\"to\":\"changsha\"}\n";
	assert_int_equal(run_with(state, &fields, lines, &out, &stats, &err), YB_OK);
	assert_string_equal(out.data, "{\"id\":17,\"route\":\"intra-province\"}\n"
				      "{\"id\":null,\"route\":\"intra-province\"}\n");
	yb_buf_free(&out);
}

/*
 * Each CSV row is answered exactly as the equivalent JSON line: the same queries over every
 * procedure, cities across the country and the values of their facts, once as JSON Lines and
 * once as CSV (one header for all, empty cells for the keys a row leaves out), give the same
 * answers and the same errors, the CSV's a line further down for its header.
 */
static void csv_rows_are_their_json_lines(void **state)
{
	const yb_corpus *c = *state;
	static const char *const columns[] = {"command", "from",    "to",	"city",	"type",
					      "to-type", "reason",  "holder",	"remote", "case",
					      "timing",	 "item",    "level",	"retired", "newborn",
					      "date"};
	enum { NCOLS = sizeof(columns) / sizeof(columns[0]) };
	yb_buf json = {0}, csv = {0};
	size_t nqueries = 0;
	for (size_t k = 0; k < NCOLS; k++)
		yb_buf_printf(&csv, "%s%s", k ? "," : "", columns[k]);
	yb_buf_putc(&csv, '\n');
	for (size_t p = 0; p < c->nprocedures; p++) {
		const yb_procedure *pr = &c->procedures[p];
		for (size_t i = 0; i < c->ncities; i += 11) {
			const char *cell[NCOLS] = {yb_str(c, pr->id)};
			const yb_city *a = &c->cities[i], *b = &c->cities[(i * 7 + 3) % c->ncities];
			if (pr->places & (1u << PLACE_FROM))
				cell[1] = yb_str(c, a->adcode);
			if (pr->places & (1u << PLACE_TO))
				cell[2] = i % 3 ? yb_str(c, b->adcode) : yb_str(c, b->name);
			if (pr->places & (1u << PLACE_CITY))
				cell[3] = yb_str(c, a->adcode);
			for (size_t f = 0; f < pr->nasks; f++) {
				const yb_fact *ask = YB_NTH(c, yb_fact, pr->asks, f);
				const yb_fact_value *values = YB_AT(c, yb_fact_value, ask->values);
				for (size_t k = 4; k < NCOLS - 1; k++) {
					if (strcmp(columns[k], yb_str(c, ask->id)) != 0 || (i + f) % 3 == 0)
						continue;
					if (ask->kind == FACT_ENUM)
						cell[k] = yb_str(c, values[(i / 11 + f) % ask->nvalues].id);
					else if (ask->kind == FACT_BOOL)
						cell[k] = i % 2 ? "true" : "false";
				}
			}
			cell[NCOLS - 1] = i % 5 ? "2026-11-23" : "2026-02-30"; /* some bad dates */
			yb_buf_puts(&json, "{");
			for (size_t k = 0, n = 0; k < NCOLS; k++) {
				if (cell[k])
					yb_buf_printf(&json, "%s\"%s\":\"%s\"", n++ ? "," : "", columns[k],
						      cell[k]);
				yb_buf_printf(&csv, "%s%s", k ? "," : "", cell[k] ? cell[k] : "");
			}
			yb_buf_puts(&json, "}\n");
			yb_buf_putc(&csv, '\n');
			nqueries++;
		}
	}
	yb_batch_options o = {0};
	yb_buf from_json, from_csv;
	yb_batch_stats js, cs;
	yb_error err;
	assert_int_equal(run_with(state, &o, json.data, &from_json, &js, &err), YB_OK);
	o.input = YB_BATCH_CSV;
	assert_int_equal(run_with(state, &o, csv.data, &from_csv, &cs, &err), YB_OK);
	assert_int_equal(js.lines, nqueries);
	assert_int_equal(cs.lines, nqueries + 1);
	assert_int_equal(cs.answered, js.answered);
	assert_int_equal(cs.failed, js.failed);
	if (js.answered < 100 || js.failed < 10)
		fail_msg("%zu answered, %zu failed", js.answered, js.failed);
	const char *j = from_json.data, *k = from_csv.data;
	for (size_t q = 1; q <= nqueries; q++) {
		size_t jl = strcspn(j, "\n"), kl = strcspn(k, "\n");
		char prefix[64];
		snprintf(prefix, sizeof(prefix), "{\"schema\":1,\"line\":%zu,", q);
		if (!strncmp(j, prefix, strlen(prefix))) {
			/* The same error object, for the line one further down. */
			char want[64];
			snprintf(want, sizeof(want), "{\"schema\":1,\"line\":%zu,", q + 1);
			assert_memory_equal(k, want, strlen(want));
			assert_int_equal(kl - strlen(want), jl - strlen(prefix));
			assert_memory_equal(k + strlen(want), j + strlen(prefix), jl - strlen(prefix));
		} else if (jl != kl || memcmp(j, k, jl) != 0) {
			fail_msg("query %zu: the CSV row's answer differs from the JSON line's", q);
		}
		j += jl + 1;
		k += kl + 1;
	}
	assert_int_equal(*k, '\0');
	yb_buf_free(&from_json);
	yb_buf_free(&from_csv);
	yb_buf_free(&json);
	yb_buf_free(&csv);
}

/* A header that is not right stops the batch before anything is answered or written. */
static void csv_headers_are_checked(void **state)
{
	static const struct {
		const char *input, *message;
	} cases[] = {
		{"command,employee_id,from\ntransfer,E1,changde\n", "第 2 列 \"employee_id\" 不是查询的键"},
		{"command,from,from\n", "第 3 列 \"from\" 和第 2 列重复"},
		{"command,,from\n", "第 2 列没有列名"},
		{"\n\ncommand,\"from\n", "CSV 表头（第 3 行）：引号没有结束"},
		{"command,fr\"om\n", "CSV 表头（第 1 行）：第 11 个字符处引号用法不对"},
		{"command,\xB3\xA3\n", "第 2 个值不是 UTF-8 文本"},
		{"a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v,w,x,y,z,aa,bb,cc,dd,ee,ff,gg\n",
		 "有 33 列，最多 32 列"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		yb_batch_options o = {0};
		o.input = YB_BATCH_CSV;
		o.output = i % 2 ? YB_BATCH_CSV : YB_BATCH_JSON;
		o.fields = i % 2 ? "route" : NULL;
		FILE *in = fmemopen((void *)cases[i].input, strlen(cases[i].input), "r");
		yb_batch_stats stats;
		yb_error err;
		assert_int_equal(yb_batch_run(*state, in, refuse_writes, NULL, &o, &stats, &err),
				 YB_EUSAGE);
		fclose(in);
		if (!strstr(err.message, cases[i].message))
			fail_msg("case %zu: %s", i, err.message);
	}
}

/* Empty CSV (no header): no query; CSV output is its header alone, JSON output nothing. */
static void csv_without_rows(void **state)
{
	static const char *const inputs[] = {"", " \n\r\n", "command,case\n", "command,case\n\n"};
	for (size_t i = 0; i < 4; i++) {
		yb_batch_options o = {0};
		yb_buf out;
		yb_batch_stats stats;
		yb_error err;
		o.input = YB_BATCH_CSV;
		o.output = YB_BATCH_CSV;
		o.fields = "verdict_value,due";
		assert_int_equal(run_with(state, &o, inputs[i], &out, &stats, &err), YB_OK);
		assert_string_equal(out.data, "verdict_value,due,error\n");
		assert_int_equal(stats.answered + stats.failed, 0);
		yb_buf_free(&out);
		o.output = YB_BATCH_JSON;
		o.fields = NULL;
		assert_int_equal(run_with(state, &o, inputs[i], &out, &stats, &err), YB_OK);
		assert_int_equal(out.len, 0);
		yb_buf_free(&out);
	}
}

/* Collects output where the failing allocations cannot reach it. */
typedef struct {
	char data[8192];
	size_t len;
} fixed_buf;

static int collect_fixed(void *ctx, const char *data, size_t len)
{
	fixed_buf *b = ctx;
	assert_true(b->len + len < sizeof(b->data));
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

/* Each allocation failing in turn, CSV in and out: YB_ENOMEM, or the whole batch. */
static void csv_out_of_memory(void **state)
{
	const char *input = "command,from,to,case\n"
			    "transfer,changde,\"chang\nsha\"\n"
			    "transfer,changde,changsha,\n"
			    "refund,,,two-employers\n";
	for (long n = 0;; n++) {
		yb_batch_options o = {0};
		o.input = YB_BATCH_CSV;
		o.output = YB_BATCH_CSV;
		o.fields = "line,route,steps.due,verdict_value";
		FILE *in = fmemopen((void *)input, strlen(input), "r");
		static fixed_buf out;
		yb_batch_stats stats;
		yb_error err;
		out.len = 0;
		yb_mem_fail_after(n);
		yb_status st = yb_batch_run(*state, in, collect_fixed, &out, &o, &stats, &err);
		yb_mem_fail_after(-1);
		fclose(in);
		if (st == YB_OK) {
			assert_int_equal(stats.answered, 2);
			assert_int_equal(stats.failed, 1);
			assert_non_null(strstr(out.data, "\n2,,,,这一行有 3 个值，表头有 4 列\n"));
			break;
		}
		assert_int_equal(st, YB_ENOMEM);
		assert_int_equal(out.len, 0); /* nothing written before the failure here */
	}
}

/* One line given alone (yb_batch_line) is written exactly as that line of a batch is: answers,
 * ids, error objects (line 1), and a line with no query writes nothing. */
static void one_line_is_a_batch_of_one(void **state)
{
	static const char *const lines[] = {
		/* one element, in two pieces: clang reads it as two otherwise */
		("{\"command\":\"transfer\",\"from\":\"changde\",\"to\":\"changsha\","
		 "\"type\":\"employee\",\"date\":\"2026-11-23\",\"id\":\"E1\"}"),
		"{\"command\":\"refund\",\"case\":\"retired-overpay\",\"lang\":\"en\"}",
		"{\"command\":\"transfer\",\"from\":\"nowhere\",\"id\":3}",
		"{\"command\":\"transfer\",\"from\":\"nowhere\",\"lang\":\"en\"}",
		"{\"command\":",
		"{\"command\":\"transfer\",\"from\":\"\xff\"}",
		"# a comment",
		"   ",
	};
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		yb_buf whole, one = {0};
		yb_batch_stats all = batch(state, lines[i], &whole), stats;
		yb_error err;
		assert_int_equal(yb_batch_line(*state, lines[i], strlen(lines[i]), collect, &one, NULL,
					       &stats, &err),
				 YB_OK);
		assert_int_equal(one.len, whole.len);
		assert_memory_equal(one.data, whole.data, one.len);
		assert_int_equal(stats.answered, all.answered);
		assert_int_equal(stats.failed, all.failed);
		assert_int_equal(stats.skipped, all.skipped);
		assert_int_equal(stats.worst_exit, all.worst_exit);
		yb_buf_free(&whole);
		yb_buf_free(&one);
	}
	/* A line over the limit is refused, not read. */
	size_t n = YB_BATCH_MAX_LINE + 1;
	char *big = malloc(n);
	assert_non_null(big);
	memset(big, ' ', n);
	yb_buf out = {0};
	yb_batch_stats stats;
	yb_error err;
	assert_int_equal(yb_batch_line(*state, big, n, collect, &out, NULL, &stats, &err), YB_OK);
	assert_int_equal(stats.failed, 1);
	assert_non_null(strstr(out.data, "\"line\":1,\"error\":{\"code\":\"usage\""));
	free(big);
	yb_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mixed_lines_keep_their_order),
		cmocka_unit_test(cached_answers_are_the_single_answers),
		cmocka_unit_test(flags_that_do_not_belong),
		cmocka_unit_test(numbers_are_checked),
		cmocka_unit_test(a_read_error_is_not_the_end),
		cmocka_unit_test(an_overlong_line_is_skipped),
		cmocka_unit_test(ids_are_written_back),
		cmocka_unit_test(lines_without_a_query_are_skipped),
		cmocka_unit_test(overlong_lines_without_a_query),
		cmocka_unit_test(defaults_fill_in_what_a_line_leaves_out),
		cmocka_unit_test(lines_choose_their_language),
		cmocka_unit_test(errors_speak_the_line_language),
		cmocka_unit_test(wrong_defaults_refuse_the_batch),
		cmocka_unit_test(progress_is_called_for_every_line),
		cmocka_unit_test(empty_input),
		cmocka_unit_test(out_of_memory),
		cmocka_unit_test(options_are_checked_first),
		cmocka_unit_test(csv_rows_are_their_json_lines),
		cmocka_unit_test(csv_ids_and_defaults),
		cmocka_unit_test(csv_headers_are_checked),
		cmocka_unit_test(csv_without_rows),
		cmocka_unit_test(csv_out_of_memory),
		cmocka_unit_test(one_line_is_a_batch_of_one),
	};
	return cmocka_run_group_tests(tests, fixture_open_embedded, fixture_close);
}
