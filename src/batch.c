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
 * Or, with options: CSV in (a header row naming those keys, then one query a row, read with
 * batch_csv.c), and only some fields of each answer out, as compact JSON or CSV
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

#include "batch_csv.h"
#include "batch_fields.h"
#include "corpus.h"
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

/* ---- CSV input ------------------------------------------------------------------------------ */

typedef struct {
	yb_csv_reader *reader;
	bool have_header;
	size_t ncolumns;
	yb_buf names;                         /* the header's column names, each NUL-terminated */
	size_t name_at[YB_JSONQ_MAX_PAIRS];   /* where each starts in names */
	yb_jsonq row;                         /* a row as a query: pairs into the reader's cells */
} csv_input;

/* The keys a line takes besides the procedures' inputs. */
static const char *const batch_keys[] = {"command", "date", "explain"};
enum { NBATCH_KEYS = sizeof(batch_keys) / sizeof(batch_keys[0]), MAX_INPUTS = 64 };

/*
 * Calls fn with every key a query of this corpus can take: the batch's own, then each loaded
 * procedure's inputs (a name shared by several is given once per procedure). Stops when fn
 * returns true, and returns that.
 */
static bool each_key(const yb_corpus *c, bool (*fn)(void *ctx, const char *key), void *ctx)
{
	for (size_t i = 0; i < NBATCH_KEYS; i++)
		if (fn(ctx, batch_keys[i]))
			return true;
	for (size_t p = 0; p < c->nprocedures; p++) {
		yb_input in[MAX_INPUTS];
		size_t n = yb_procedure_inputs(c, yb_str(c, c->procedures[p].id), in, MAX_INPUTS);
		for (size_t i = 0; i < n && i < MAX_INPUTS; i++)
			if (fn(ctx, in[i].name))
				return true;
	}
	return false;
}

static bool same_key(void *ctx, const char *key)
{
	return !strcmp(ctx, key);
}

typedef struct {
	const char *keys[128];
	size_t n;
} key_list;

/* Adds key to the list, once. */
static bool list_key(void *ctx, const char *key)
{
	key_list *l = ctx;
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->keys[i], key))
			return false;
	if (l->n < sizeof(l->keys) / sizeof(l->keys[0]))
		l->keys[l->n++] = key;
	return false;
}

/* Reads the header row the reader holds: the column names, each a key some query takes. */
static yb_status read_header(const yb_corpus *c, csv_input *ci, yb_error *err)
{
	const yb_csv_reader *r = ci->reader;
	size_t n = yb_csv_count(r), line = yb_csv_line(r);
	if (n > YB_JSONQ_MAX_PAIRS)
		return yb_err(err, YB_EUSAGE, "CSV 表头（第 %zu 行）有 %zu 列，最多 %d 列", line, n,
			      YB_JSONQ_MAX_PAIRS);
	for (size_t i = 0; i < n; i++) {
		const char *name = yb_csv_cell(r, i);
		if (!*name)
			return yb_err(err, YB_EUSAGE, "CSV 表头（第 %zu 行）第 %zu 列没有列名", line,
				      i + 1);
		for (size_t k = 0; k < i; k++)
			if (!strcmp(ci->names.data + ci->name_at[k], name))
				return yb_err(err, YB_EUSAGE,
					      "CSV 表头（第 %zu 行）第 %zu 列 \"%s\" 和第 %zu 列重复",
					      line, i + 1, name, k + 1);
		if (!each_key(c, same_key, (void *)name)) {
			key_list all = {{NULL}, 0};
			char text[900] = "";
			each_key(c, list_key, &all);
			for (size_t k = 0; k < all.n; k++) {
				size_t used = strlen(text);
				snprintf(text + used, sizeof(text) - used, "%s%s", k ? "、" : "",
					 all.keys[k]);
			}
			return yb_err(err, YB_EUSAGE,
				      "CSV 表头（第 %zu 行）第 %zu 列 \"%s\" 不是查询的键（command、date "
				      "或某个命令的选项名）；可用的列：%s",
				      line, i + 1, name, text);
		}
		ci->name_at[i] = ci->names.len;
		yb_buf_append(&ci->names, name, strlen(name) + 1);
		if (ci->names.failed)
			return yb_err_nomem(err);
	}
	ci->ncolumns = n;
	ci->have_header = true;
	return YB_OK;
}

/* The row the reader holds as a query: each non-empty cell under its column's name. */
static yb_status read_row(csv_input *ci, yb_error *err)
{
	const yb_csv_reader *r = ci->reader;
	size_t n = yb_csv_count(r);
	if (n != ci->ncolumns)
		return yb_err(err, YB_EUSAGE, "这一行有 %zu 个值，表头有 %zu 列", n, ci->ncolumns);
	ci->row.n = 0;
	for (size_t i = 0; i < n; i++) {
		const char *value = yb_csv_cell(r, i);
		if (*value)
			ci->row.pairs[ci->row.n++] =
				(yb_jsonq_pair){ci->names.data + ci->name_at[i], value, true};
	}
	return YB_OK;
}

/* ---- The batch ------------------------------------------------------------------------------ */

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
	csv_input ci = {0};
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
	if (o->input == YB_BATCH_CSV && !(ci.reader = yb_csv_reader_new())) {
		st = yb_err_nomem(err);
		goto cleanup;
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
		bool end = !got; /* CSV: a record may still be open at the end of the input */
		const char *text = line.data;
		size_t len = line.len;
		int r = 0;
		if (end) {
			if (!ci.reader || !yb_csv_finish(ci.reader, &e))
				break;
			r = -1;
		} else {
			number++;
			if (number == 1 && len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
				text += 3, len -= 3; /* a byte-order mark some editors write */
			if (ci.reader)
				r = yb_csv_feed(ci.reader, number, text, len, line.too_long, &e);
		}
		size_t at = number;
		yb_status line_st;
		const yb_jsonq *query = &q;
		if (ci.reader) {
			if (r == -2) {
				st = yb_err_nomem(err);
				goto cleanup;
			}
			if (r == 0)
				continue;
			at = yb_csv_line(ci.reader);
			if (!ci.have_header) {
				if (r == -1) {
					st = yb_err(err, YB_EUSAGE, "CSV 表头（第 %zu 行）：%s", at,
						    e.message);
					goto cleanup;
				}
				if ((st = read_header(c, &ci, err)))
					goto cleanup;
				continue;
			}
			line_st = r == -1 ? e.code : read_row(&ci, &e);
			query = &ci.row;
		} else {
			line_st = line.too_long
					  ? yb_err(&e, YB_EUSAGE,
						   "这一行超过 %d 字节（1 MiB）的上限，没有读入",
						   YB_BATCH_MAX_LINE)
					  : yb_jsonq_parse(&q, text, len, &e);
		}
		start_output(&s);
		size_t mark = s.out.len;
		if (!line_st)
			line_st = answer(c, query, at, &s, &e);
		if (line_st == YB_ENOMEM) {
			st = yb_err_nomem(err);
			goto cleanup;
		}
		if (line_st) {
			s.out.len = mark; /* drop any part of an answer that failed mid-way */
			refused(&s, at, &e);
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
		if (s.failed || end)
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
	yb_csv_reader_free(ci.reader);
	yb_buf_free(&ci.names);
	yb_buf_free(&s.out);
	yb_json_cache_free(s.cache);
	return st;
}
