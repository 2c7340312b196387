/*
 * batch.c - many queries in one process: one JSON object per input line, one JSON answer per
 * output line, in order.
 *
 *   {"command":"transfer","from":"changde","to":"changsha","type":"employee"}
 *
 * The keys are the command and the flags of the single command without their dashes, so a
 * line says exactly what a command line would, and its answer is byte for byte what
 * `--format json` prints. A line that cannot be answered gives an error object on its own
 * line and the batch goes on, so output line N always answers input line N.
 *
 * Or, with options, only some fields of each answer out, as compact JSON or CSV
 * (batch_fields.c).
 *
 * Note that memory stays flat however long the input: the line buffer and the parsed line are
 * reused, and each query and answer is freed before the next line is read. A line is read into
 * a buffer of at most YB_BATCH_MAX_LINE bytes; the rest of a longer one is read past, not kept.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_fields.h"
#include "error.h"
#include "jsonq.h"
#include "mem.h"
#include "render.h"
#include "status.h"

typedef struct {
	yb_write_fn write;
	void *ctx;
	yb_buf out; /* answers are rendered straight into this and written in large blocks */
	int failed; /* the writer failed */
	yb_json_cache *cache; /* the items' JSON, laid out once for the whole batch */
	const yb_corpus_origin *origin; /* which rules answer: a fallback is said in each answer */
	const yb_fields *fields; /* only these fields of each answer; NULL: the whole answer */
	bool header; /* CSV output: its header row is written */
} sink;

static void flush(sink *s)
{
	if (s->out.len && !s->failed && s->write(s->ctx, s->out.data, s->out.len) != 0)
		s->failed = 1;
	s->out.len = 0;
}

/* {"schema":1,"line":N,"error":{"code":"not-found","exit":2,"message":"…","column":C}} */
static void error_line(sink *s, size_t line, const yb_error *err)
{
	yb_buf *b = &s->out;
	yb_buf_printf(b, "{\"schema\":1,\"line\":%zu,\"error\":{\"code\":\"%s\",\"exit\":%d,", line,
		      yb_status_code(err->code), yb_exit_code(err->code));
	if (err->column && !err->file[0])
		yb_buf_printf(b, "\"column\":%d,", err->column);
	yb_buf_puts(b, "\"message\":");
	yb_json_string(b, err->message);
	yb_buf_puts(b, "}}\n");
}

/* The output for a line that cannot be answered: a CSV row, or the error object. */
static void refused(sink *s, size_t line, const yb_error *err)
{
	if (s->fields && s->fields->csv)
		yb_fields_error(s->fields, line, err, &s->out);
	else
		error_line(s, line, err);
}

/* CSV output: the header row, once, before the first row (and for an empty input, alone). */
static void start_output(sink *s)
{
	if (s->fields && s->fields->csv && !s->header) {
		yb_fields_header(s->fields, &s->out);
		s->header = true;
	}
}

typedef struct {
	char *data;
	size_t len, cap;
	bool too_long; /* the line went past YB_BATCH_MAX_LINE; data holds its start only */
} line_buf;

/*
 * Reads one line, without its newline, into b. Returns 1 for a line, 0 at the end of the
 * input, -1 when the input could not be read (errno says why), -2 out of memory. Reading by
 * hand rather than with getline(): getline() reports running out of memory as the end of the
 * input, and would hold a line of any length.
 */
static int read_line(FILE *in, line_buf *b)
{
	int ch = EOF;
	bool any = false;
	b->len = 0;
	b->too_long = false;
	while ((ch = getc_unlocked(in)) != EOF) {
		any = true;
		if (ch == '\n')
			break;
		if (b->len == YB_BATCH_MAX_LINE) {
			b->too_long = true;
			continue;
		}
		if (b->len == b->cap) {
			size_t cap = b->cap ? b->cap * 2 : 4096;
			if (cap > YB_BATCH_MAX_LINE)
				cap = YB_BATCH_MAX_LINE;
			char *p = yb_realloc(b->data, cap);
			if (!p)
				return -2;
			b->data = p;
			b->cap = cap;
		}
		b->data[b->len++] = (char)ch;
	}
	if (ch == EOF && ferror(in))
		return -1;
	return any;
}

/* Answers one parsed line (input line `line`) into s, or fills err. */
static yb_status answer(const yb_corpus *c, const yb_jsonq *q, size_t line, sink *s,
			yb_error *err)
{
	const char *command = yb_jsonq_get(q, "command");
	unsigned flags = 0;
	yb_query *query = NULL;
	yb_answer *a = NULL;
	yb_status st;

	if (!command)
		return yb_err(err, YB_EUSAGE, "缺少 \"command\"（如 \"transfer\"、\"refund\"）");
	if ((st = yb_query_new(c, command, &query, err)))
		return st;
	for (size_t i = 0; i < q->n; i++) {
		const yb_jsonq_pair *p = &q->pairs[i];
		if (!strcmp(p->key, "command"))
			continue;
		if (!strcmp(p->key, "explain")) {
			if (strcmp(p->value, "true") == 0)
				flags |= YB_RENDER_EXPLAIN;
			continue;
		}
		if (!strcmp(p->key, "format") || !strcmp(p->key, "rules")) {
			st = yb_err(err, YB_EUSAGE, "batch 里不能写 \"%s\"：答案总是 JSON，规则库由命令行决定",
				    p->key);
			goto cleanup;
		}
		if ((st = yb_query_set(query, p->key, p->value, err)))
			goto cleanup;
	}
	if ((st = yb_query_run(query, &a, err)))
		goto cleanup;
	if (s->fields)
		yb_fields_answer(s->fields, a, line, &s->out);
	else if (!(st = s->origin ? yb_answer_note_fallback(a, s->origin, err) : YB_OK))
		st = yb_render_json_to(a, flags, &s->out, s->cache, err);
cleanup:
	yb_answer_free(a);
	yb_query_free(query);
	return st;
}

yb_status yb_batch(const yb_corpus *c, FILE *in, yb_write_fn write, void *ctx,
		   yb_batch_stats *stats, yb_error *err)
{
	return yb_batch_from(c, NULL, in, write, ctx, stats, err);
}

yb_status yb_batch_from(const yb_corpus *c, const yb_corpus_origin *origin, FILE *in,
			yb_write_fn write, void *ctx, yb_batch_stats *stats, yb_error *err)
{
	yb_batch_options o = {0};
	o.origin = origin;
	return yb_batch_run(c, &o, in, write, ctx, stats, err);
}

yb_status yb_batch_run(const yb_corpus *c, const yb_batch_options *options, FILE *in,
		       yb_write_fn write, void *ctx, yb_batch_stats *stats, yb_error *err)
{
	static const yb_batch_options defaults = {0};
	const yb_batch_options *o = options ? options : &defaults;
	yb_fields fields;
	sink s = {write, ctx, {0}, 0, NULL, o->origin, NULL, false};
	yb_jsonq q = {0};
	line_buf line = {0};
	size_t number = 0;
	yb_status st = YB_OK;
	yb_error e;

	memset(stats, 0, sizeof(*stats));
	if (o->output == YB_BATCH_CSV && !o->fields)
		return yb_err(err, YB_EUSAGE,
			      "CSV 输出要选定字段：加上 --fields，如 --fields route,due（字段见 "
			      "docs/json.md）");
	if (o->fields) {
		if ((st = yb_fields_parse(&fields, o->fields, o->output == YB_BATCH_CSV, err)))
			return st;
		s.fields = &fields;
	} else if (!(s.cache = yb_json_cache_new())) {
		return yb_err_nomem(err);
	}
	for (;;) {
		int got = read_line(in, &line);
		if (got == -2) {
			st = yb_err_nomem(err);
			goto cleanup;
		}
		if (got == -1) {
			/* Not the end of the input: say so, after the answers to the lines before. */
			st = yb_err(err, YB_EINPUT, "无法读取输入的第 %zu 行：%s", number + 1,
				    strerror(errno));
			flush(&s);
			goto cleanup;
		}
		if (!got)
			break;
		number++;
		const char *text = line.data;
		size_t len = line.len;
		if (number == 1 && len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
			text += 3, len -= 3; /* a byte-order mark some editors write */
		yb_status line_st =
			line.too_long
				? yb_err(&e, YB_EUSAGE, "这一行超过 %d 字节（1 MiB）的上限，没有读入",
					 YB_BATCH_MAX_LINE)
				: yb_jsonq_parse(&q, text, len, &e);
		start_output(&s);
		size_t mark = s.out.len;
		if (!line_st)
			line_st = answer(c, &q, number, &s, &e);
		if (line_st == YB_ENOMEM) {
			st = yb_err_nomem(err);
			goto cleanup;
		}
		if (line_st) {
			s.out.len = mark; /* drop any part of an answer that failed mid-way */
			refused(&s, number, &e);
			stats->failed++;
			if (yb_exit_code(line_st) > stats->worst_exit)
				stats->worst_exit = yb_exit_code(line_st);
		} else {
			stats->answered++;
		}
		if (s.out.failed) {
			st = yb_err_nomem(err);
			goto cleanup;
		}
		if (s.out.len >= 1 << 16)
			flush(&s);
		if (s.failed)
			break;
	}
	start_output(&s);
	if (s.out.failed) {
		st = yb_err_nomem(err);
		goto cleanup;
	}
	flush(&s);
	if (s.failed)
		st = yb_err(err, YB_EIO, "could not write the output");
cleanup:
	stats->lines = number;
	yb_free(line.data);
	yb_jsonq_free(&q);
	yb_buf_free(&s.out);
	yb_json_cache_free(s.cache);
	return st;
}
