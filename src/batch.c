/*
 * batch.c - many queries in one process: one JSON object per input line, one JSON answer per
 * output line, in order.
 *
 *   {"command":"transfer","from":"changde","to":"changsha","type":"employee","id":"E001"}
 *
 * The keys are the command and the flags of the single command without their dashes, so a
 * line says exactly what a command line would, and its answer is byte for byte what
 * `--format json` prints; the one key that is no flag, "id", is the caller's own name for the
 * line, written back into its answer. A line that cannot be answered gives an error object on
 * its own line and the batch goes on, so every query line gets exactly one output line, in
 * order. Blank lines and comment lines (#…) are skipped and give none: they hold no query.
 *
 * Defaults (yb_batch_options) fill in what a line leaves out, for the procedures that take
 * them; they are checked once, before the first line, so that a wrong one is one error, not
 * one on every line.
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
	const yb_batch_options *opts;
	yb_buf id; /* the line's "id" as JSON, `"id":…,`; empty when it has none */
} sink;

static void flush(sink *s)
{
	if (s->out.len && !s->failed && s->write(s->ctx, s->out.data, s->out.len) != 0)
		s->failed = 1;
	s->out.len = 0;
}

/* The start of every answer and error object; the id goes right after it. */
static const char head[] = "{\"schema\":1,";

/* {"schema":1,"id":…,"line":N,"error":{"code":"not-found","exit":2,"message":"…","column":C}} */
static void error_line(sink *s, size_t line, const yb_error *err)
{
	yb_buf *b = &s->out;
	yb_buf_puts(b, head);
	if (s->id.len)
		yb_buf_append(b, s->id.data, s->id.len);
	yb_buf_printf(b, "\"line\":%zu,\"error\":{\"code\":\"%s\",\"exit\":%d,", line,
		      yb_status_code(err->code), yb_exit_code(err->code));
	if (err->column && !err->file[0])
		yb_buf_printf(b, "\"column\":%d,", err->column);
	yb_buf_puts(b, "\"message\":");
	yb_json_string(b, err->message);
	yb_buf_puts(b, "}}\n");
}

/* Takes the line's "id" into s->id: a string or a number, written back as it was given (a
 * string re-escaped, a number as written); true and false are refused. */
static yb_status take_id(sink *s, const yb_jsonq *q, yb_error *err)
{
	s->id.len = 0;
	for (size_t i = 0; i < q->n; i++) {
		const yb_jsonq_pair *p = &q->pairs[i];
		if (strcmp(p->key, "id") != 0)
			continue;
		if (!p->is_string && (!strcmp(p->value, "true") || !strcmp(p->value, "false")))
			return yb_err(err, YB_EUSAGE,
				      "\"id\" 应为字符串或数字（如 \"E001\" 或 17），实际是 %s",
				      p->value);
		yb_buf_puts(&s->id, "\"id\":");
		if (p->is_string)
			yb_json_string(&s->id, p->value);
		else
			yb_buf_puts(&s->id, p->value);
		yb_buf_putc(&s->id, ',');
		return s->id.failed ? yb_err_nomem(err) : YB_OK;
	}
	return YB_OK;
}

/* Writes the line's id into the answer rendered at `at`, after its "schema". */
static yb_status insert_id(sink *s, size_t at, yb_error *err)
{
	yb_buf *b = &s->out;
	size_t n = s->id.len, from = at + sizeof(head) - 1, tail = b->len - from;
	if (!n)
		return YB_OK;
	yb_buf_append(b, s->id.data, n); /* makes room */
	if (b->failed)
		return yb_err_nomem(err);
	memmove(b->data + from + n, b->data + from, tail);
	memcpy(b->data + from, s->id.data, n);
	return YB_OK;
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

/* The default for key, or NULL. */
static const char *default_of(const yb_batch_options *o, const char *key)
{
	for (size_t i = 0; i < o->ndefaults; i++)
		if (!strcmp(o->defaults[i].key, key))
			return o->defaults[i].value;
	return NULL;
}

/* The first procedure that takes the input `key`, or NULL when none does. */
static const char *taker(const yb_corpus *c, const char *key)
{
	const char *p;
	for (size_t i = 0; (p = yb_procedure_at(c, i)); i++)
		if (yb_procedure_takes(c, p, key))
			return p;
	return NULL;
}

/* Sets one key of a line. A key no procedure has (a column of the caller's own, "emp_id") is
 * refused with a word on how to carry one's own name for the line. */
static yb_status set_key(const yb_corpus *c, yb_query *query, const char *key, const char *value,
			 yb_error *err)
{
	yb_status st = yb_query_set(query, key, value, err);
	if (st == YB_EUSAGE && err && !taker(c, key)) {
		size_t len = strlen(err->message);
		snprintf(err->message + len, sizeof(err->message) - len,
			 "；要让答案带上自己的编号（工号、表格行号），写在 \"id\" 里，它原样写回答案");
	}
	return st;
}

/* Answers one parsed line into s, or fills err. */
static yb_status answer(const yb_corpus *c, const yb_jsonq *q, sink *s, yb_error *err)
{
	const yb_batch_options *o = s->opts;
	const char *command = yb_jsonq_get(q, "command");
	const char *explain = yb_jsonq_get(q, "explain");
	unsigned flags = 0;
	yb_query *query = NULL;
	yb_answer *a = NULL;
	yb_status st;

	if (!command)
		command = default_of(o, "command");
	if (!command)
		return yb_err(err, YB_EUSAGE, "缺少 \"command\"（如 \"transfer\"、\"refund\"）");
	if (!explain)
		explain = default_of(o, "explain");
	if (explain && !strcmp(explain, "true"))
		flags |= YB_RENDER_EXPLAIN;
	if ((st = yb_query_new(c, command, &query, err)))
		return st;
	for (size_t i = 0; i < q->n; i++) {
		const yb_jsonq_pair *p = &q->pairs[i];
		if (!strcmp(p->key, "command") || !strcmp(p->key, "explain") ||
		    !strcmp(p->key, "id"))
			continue;
		if (!strcmp(p->key, "format") || !strcmp(p->key, "rules")) {
			st = yb_err(err, YB_EUSAGE, "batch 里不能写 \"%s\"：答案总是 JSON，规则库由命令行决定",
				    p->key);
			goto cleanup;
		}
		if ((st = set_key(c, query, p->key, p->value, err)))
			goto cleanup;
	}
	for (size_t i = 0; i < o->ndefaults; i++) {
		const yb_batch_default *d = &o->defaults[i];
		/* The line's own value wins; "command" and "explain" are no procedure's input. */
		if (yb_jsonq_get(q, d->key) || !yb_procedure_takes(c, command, d->key))
			continue;
		if ((st = yb_query_set(query, d->key, d->value, err)))
			goto cleanup; /* checked before the first line: only out of memory */
	}
	size_t at = s->out.len;
	if (!(st = yb_query_run(query, &a, err)) &&
	    !(st = o->origin ? yb_answer_note_fallback(a, o->origin, err) : YB_OK) &&
	    !(st = yb_render_json_to(a, flags, &s->out, s->cache, err)))
		st = insert_id(s, at, err);
cleanup:
	yb_answer_free(a);
	yb_query_free(query);
	return st;
}

/* Whether a key can be a default, and its value one the key takes. */
static yb_status check_default(const yb_corpus *c, const yb_batch_options *o, size_t k,
			       yb_error *err)
{
	const yb_batch_default *d = &o->defaults[k];
	yb_query *query = NULL;
	yb_status st;
	if (!d->key || !d->value)
		return yb_err(err, YB_EUSAGE, "批量默认值缺少键或值");
	for (size_t i = 0; i < k; i++)
		if (!strcmp(o->defaults[i].key, d->key))
			return yb_err(err, YB_EUSAGE, "批量默认值 \"%s\" 给了两次", d->key);
	if (!strcmp(d->key, "id") || !strcmp(d->key, "format") || !strcmp(d->key, "rules"))
		return yb_err(err, YB_EUSAGE, "\"%s\" 不能作为整批的默认值", d->key);
	if (!strcmp(d->key, "command")) {
		if (!(st = yb_query_new(c, d->value, &query, err)))
			yb_query_free(query);
		return st;
	}
	if (!strcmp(d->key, "explain"))
		return !strcmp(d->value, "true") || !strcmp(d->value, "false")
			   ? YB_OK
			   : yb_err(err, YB_EUSAGE,
				    "explain 的默认值应为 true 或 false，实际是 \"%s\"", d->value);
	/* A fact's values are the fact's, whichever procedure asks it: one procedure that takes
	 * the key says whether the value is one. */
	const char *p = taker(c, d->key);
	if (!p)
		return yb_err(err, YB_EUSAGE,
			      "没有哪项手续有名为 \"%s\" 的条件，不能作为整批的默认值", d->key);
	if ((st = yb_query_new(c, p, &query, err)))
		return st;
	st = yb_query_set(query, d->key, d->value, err);
	yb_query_free(query);
	return st;
}

/* Answers one query line (number `number`, len bytes at text; cut when it was longer than
 * YB_BATCH_MAX_LINE) into s, or writes its error object. YB_ENOMEM or YB_OK. */
static yb_status query_line(const yb_corpus *c, sink *s, yb_jsonq *q, const char *text, size_t len,
			    bool cut, size_t number, yb_batch_stats *stats)
{
	size_t mark = s->out.len;
	yb_error e;
	s->id.len = 0;
	yb_status st = cut ? yb_err(&e, YB_EUSAGE, "这一行超过 %d 字节（1 MiB）的上限，没有读入",
				    YB_BATCH_MAX_LINE)
			   : yb_jsonq_parse(q, text, len, &e);
	if (!st && !(st = take_id(s, q, &e)))
		st = answer(c, q, s, &e);
	if (st == YB_ENOMEM)
		return st;
	if (st) {
		s->out.len = mark; /* drop any part of an answer that failed mid-way */
		error_line(s, number, &e);
		stats->failed++;
		if (yb_exit_code(st) > stats->worst_exit)
			stats->worst_exit = yb_exit_code(st);
	} else {
		stats->answered++;
	}
	return s->out.failed ? YB_ENOMEM : YB_OK;
}

/* Whether a line holds no query: blank, or a comment (its first character other than white
 * space is '#'). Of a line cut at YB_BATCH_MAX_LINE only the start is known: blank so far is
 * not blank. */
static bool holds_no_query(const char *text, size_t len, bool cut)
{
	size_t i = 0;
	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r'))
		i++;
	return i < len ? text[i] == '#' : !cut;
}

yb_status yb_batch(const yb_corpus *c, FILE *in, yb_write_fn write, void *ctx,
		   yb_batch_stats *stats, yb_error *err)
{
	return yb_batch_run(c, in, write, ctx, NULL, stats, err);
}

yb_status yb_batch_from(const yb_corpus *c, const yb_corpus_origin *origin, FILE *in,
			yb_write_fn write, void *ctx, yb_batch_stats *stats, yb_error *err)
{
	yb_batch_options opts = {0};
	opts.origin = origin;
	return yb_batch_run(c, in, write, ctx, &opts, stats, err);
}

yb_status yb_batch_run(const yb_corpus *c, FILE *in, yb_write_fn write, void *ctx,
		       const yb_batch_options *opts, yb_batch_stats *stats, yb_error *err)
{
	static const yb_batch_options none = {0};
	sink s = {write, ctx, {0}, 0, NULL, opts ? opts : &none, {0}};
	yb_jsonq q = {0};
	line_buf line = {0};
	size_t number = 0;
	yb_status st = YB_OK;

	memset(stats, 0, sizeof(*stats));
	for (size_t k = 0; k < s.opts->ndefaults; k++)
		if ((st = check_default(c, s.opts, k, err)))
			return st;
	if (!(s.cache = yb_json_cache_new()))
		return yb_err_nomem(err);
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
		stats->lines = ++number;
		const char *text = line.data;
		size_t len = line.len;
		if (number == 1 && len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
			text += 3, len -= 3; /* a byte-order mark some editors write */
		if (holds_no_query(text, len, line.too_long))
			stats->skipped++;
		else if (query_line(c, &s, &q, text, len, line.too_long, number, stats)) {
			st = yb_err_nomem(err);
			goto cleanup;
		}
		if (s.out.len >= 1 << 16)
			flush(&s);
		if (s.opts->progress)
			s.opts->progress(s.opts->progress_ctx, stats);
		if (s.failed)
			break;
	}
	flush(&s);
	if (s.failed)
		st = yb_err(err, YB_EIO, "could not write the output");
cleanup:
	yb_free(line.data);
	yb_jsonq_free(&q);
	yb_buf_free(&s.out);
	yb_buf_free(&s.id);
	yb_json_cache_free(s.cache);
	return st;
}
