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
#include "utf8.h"

typedef struct {
	yb_write_fn write;
	void *ctx;
	yb_buf out; /* answers are rendered straight into this and written in large blocks */
	int failed; /* the writer failed */
	yb_json_cache *cache; /* the items' JSON, laid out once for the whole batch */
	const yb_batch_options *opts;
	yb_buf id; /* the line's "id" as JSON, `"id":…,`; empty when it has none */
	const yb_jsonq_pair *id_pair; /* the line's "id" as given, or NULL */
	const yb_fields *fields; /* only these fields of each answer; NULL: the whole answer */
	bool header; /* CSV output: its header row is written */
} sink;

static void flush(sink *s)
{
	if (s->out.len && !s->failed && s->write(s->ctx, s->out.data, s->out.len) != 0)
		s->failed = 1;
	s->out.len = 0;
}

/* The start of every answer and error object; the id goes right after it. */
static const char head[] = "{\"schema\":1,";

/* {"schema":1,"id":…,"line":N,"error":{"code":"not-found","exit":2,"message":"…","column":C}},
 * the message in English when `en`. */
static void error_line(sink *s, size_t line, const yb_error *err, bool en)
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
	yb_json_string(b, yb_error_text(err, en));
	yb_buf_puts(b, "}}\n");
}

/* The output for a line that cannot be answered: a CSV row, or the error object. */
static void refused(sink *s, size_t line, const yb_error *err, bool en)
{
	if (s->fields && s->fields->csv)
		yb_fields_error(s->fields, line, s->id_pair, err, en, &s->out);
	else
		error_line(s, line, err, en);
}

/* Rewrites a message as before + message + after, cut at a whole character where it must be. */
static void reword(char *msg, size_t size, const char *before, const char *after)
{
	char old[sizeof(((yb_error *)0)->message)];
	snprintf(old, sizeof(old), "%s", msg);
	const char *parts[] = {before, old, after};
	size_t n = 0;
	for (size_t i = 0; i < 3; i++) {
		size_t k = yb_utf8_cut(parts[i], strlen(parts[i]), size - 1 - n);
		memcpy(msg + n, parts[i], k);
		n += k;
	}
	msg[n] = '\0';
}

/* Adds words before and after both of err's messages: zh to the Chinese, en to the English (if
 * the message has one). */
static void reword_both(yb_error *err, const char *zh_before, const char *zh_after,
			const char *en_before, const char *en_after)
{
	reword(err->message, sizeof(err->message), zh_before, zh_after);
	if (err->message_en[0])
		reword(err->message_en, sizeof(err->message_en), en_before, en_after);
}

/* CSV output: the header row, once, before the first row (and for an empty input, alone). */
static void start_output(sink *s)
{
	if (s->fields && s->fields->csv && !s->header) {
		yb_fields_header(s->fields, &s->out);
		s->header = true;
	}
}

/* Takes the line's "id" into s->id: a string or a number, written back as it was given (a
 * string re-escaped, a number as written); true and false are refused. */
static yb_status take_id(sink *s, const yb_jsonq *q, yb_error *err)
{
	s->id.len = 0;
	s->id_pair = NULL;
	for (size_t i = 0; i < q->n; i++) {
		const yb_jsonq_pair *p = &q->pairs[i];
		if (strcmp(p->key, "id") != 0)
			continue;
		if (!p->is_string && (!strcmp(p->value, "true") || !strcmp(p->value, "false")))
			return yb_fail(err, YB_EUSAGE,
				       "\"id\" 应为字符串或数字（如 \"E001\" 或 17），实际是 %s",
				       "\"id\" should be a string or a number (e.g. \"E001\" or 17), not %s",
				       p->value);
		yb_buf_puts(&s->id, "\"id\":");
		if (p->is_string)
			yb_json_string(&s->id, p->value);
		else
			yb_buf_puts(&s->id, p->value);
		yb_buf_putc(&s->id, ',');
		s->id_pair = p;
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
	if (st == YB_EUSAGE && err && !taker(c, key))
		reword_both(err, "",
			    "；要让答案带上自己的编号（工号、表格行号），写在 \"id\" 里，它原样写回答案",
			    "", "; to have your own number in the answer (an employee number, a row "
				"number), put it in \"id\": it is written back into the answer as it is");
	return st;
}

/* The language a line's "lang" names: YB_RENDER_LANG_EN for en, 0 for zh; YB_EUSAGE else. */
static yb_status read_lang(const char *lang, unsigned *flags, yb_error *err)
{
	if (!strcmp(lang, "en"))
		*flags |= YB_RENDER_LANG_EN;
	else if (strcmp(lang, "zh") != 0)
		return yb_fail(err, YB_EUSAGE, "lang 应为 zh 或 en，实际是 \"%s\"",
			       "lang should be zh or en, not \"%s\"", lang);
	return YB_OK;
}

/* Answers one parsed line (input line `line`) into s, or fills err. */
static yb_status answer(const yb_corpus *c, const yb_jsonq *q, size_t line, sink *s,
			yb_error *err)
{
	const yb_batch_options *o = s->opts;
	const char *command = yb_jsonq_get(q, "command");
	const char *explain = yb_jsonq_get(q, "explain");
	const char *lang = yb_jsonq_get(q, "lang");
	unsigned flags = 0;
	yb_query *query = NULL;
	yb_answer *a = NULL;
	yb_status st;

	if (!command)
		command = default_of(o, "command");
	if (!command)
		return yb_fail(err, YB_EUSAGE, "缺少 \"command\"（如 \"transfer\"、\"refund\"）",
			       "\"command\" is missing (e.g. \"transfer\", \"refund\")");
	if (!explain)
		explain = default_of(o, "explain");
	if (explain && strcmp(explain, "true") != 0 && strcmp(explain, "false") != 0)
		return yb_fail(err, YB_EUSAGE, "\"explain\" 应为 true 或 false，实际是 \"%s\"",
			       "\"explain\" should be true or false, not \"%s\"", explain);
	if (explain && !strcmp(explain, "true"))
		flags |= YB_RENDER_EXPLAIN;
	if (!lang)
		lang = default_of(o, "lang");
	if ((lang && (st = read_lang(lang, &flags, err))) ||
	    (st = yb_query_new(c, command, &query, err)))
		return st;
	for (size_t i = 0; i < q->n; i++) {
		const yb_jsonq_pair *p = &q->pairs[i];
		if (!strcmp(p->key, "command") || !strcmp(p->key, "explain") ||
		    !strcmp(p->key, "lang") || !strcmp(p->key, "id"))
			continue;
		if (!strcmp(p->key, "format") || !strcmp(p->key, "rules")) {
			st = yb_fail(err, YB_EUSAGE,
				     "batch 里不能写 \"%s\"：答案总是 JSON，规则库由命令行决定",
				     "a batch line cannot give \"%s\": the answers are always JSON, and "
				     "the command line decides the rules",
				     p->key);
			goto cleanup;
		}
		if ((st = set_key(c, query, p->key, p->value, err)))
			goto cleanup;
	}
	for (size_t i = 0; i < o->ndefaults; i++) {
		const yb_batch_default *d = &o->defaults[i];
		/* The line's own value wins; "command", "explain" and "lang" are no procedure's
		 * input. */
		if (yb_jsonq_get(q, d->key) || !yb_procedure_takes(c, command, d->key))
			continue;
		if ((st = yb_query_set(query, d->key, d->value, err)))
			goto cleanup; /* checked before the first line: only out of memory */
	}
	size_t at = s->out.len;
	if ((st = yb_query_run(query, &a, err)))
		goto cleanup;
	if (s->fields)
		yb_fields_answer(s->fields, a, flags, line, s->id_pair, &s->out);
	else if (!(st = o->origin ? yb_answer_note_fallback(a, o->origin, err) : YB_OK) &&
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
		return yb_fail(err, YB_EUSAGE, "批量默认值缺少键或值",
			       "a batch default has no key or no value");
	for (size_t i = 0; i < k; i++)
		if (!strcmp(o->defaults[i].key, d->key))
			return yb_fail(err, YB_EUSAGE, "批量默认值 \"%s\" 给了两次",
				       "batch default \"%s\" given twice", d->key);
	if (!strcmp(d->key, "id") || !strcmp(d->key, "format") || !strcmp(d->key, "rules"))
		return yb_fail(err, YB_EUSAGE, "\"%s\" 不能作为整批的默认值",
			       "\"%s\" cannot be a default for the whole batch", d->key);
	if (!strcmp(d->key, "command")) {
		if (!(st = yb_query_new(c, d->value, &query, err)))
			yb_query_free(query);
		return st;
	}
	if (!strcmp(d->key, "explain"))
		return !strcmp(d->value, "true") || !strcmp(d->value, "false")
			   ? YB_OK
			   : yb_fail(err, YB_EUSAGE,
				     "explain 的默认值应为 true 或 false，实际是 \"%s\"",
				     "the default for explain should be true or false, not \"%s\"",
				     d->value);
	if (!strcmp(d->key, "lang")) {
		unsigned flags = 0;
		return read_lang(d->value, &flags, err);
	}
	/* A fact's values are the fact's, whichever procedure asks it: one procedure that takes
	 * the key says whether the value is one. */
	const char *p = taker(c, d->key);
	if (!p)
		return yb_fail(err, YB_EUSAGE,
			       "没有哪项手续有名为 \"%s\" 的条件，不能作为整批的默认值",
			       "no procedure has a condition named \"%s\", so it cannot be a default "
			       "for the whole batch",
			       d->key);
	if ((st = yb_query_new(c, p, &query, err)))
		return st;
	st = yb_query_set(query, d->key, d->value, err);
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
static const char *const batch_keys[] = {"command", "date", "explain", "lang", "id"};
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
		return yb_fail(err, YB_EUSAGE, "CSV 表头（第 %zu 行）有 %zu 列，最多 %d 列",
			       "the CSV header (line %zu) has %zu columns, at most %d", line, n,
			       YB_JSONQ_MAX_PAIRS);
	for (size_t i = 0; i < n; i++) {
		const char *name = yb_csv_cell(r, i);
		if (!*name)
			return yb_fail(err, YB_EUSAGE, "CSV 表头（第 %zu 行）第 %zu 列没有列名",
				       "the CSV header (line %zu): column %zu has no name", line, i + 1);
		for (size_t k = 0; k < i; k++)
			if (!strcmp(ci->names.data + ci->name_at[k], name))
				return yb_fail(err, YB_EUSAGE,
					       "CSV 表头（第 %zu 行）第 %zu 列 \"%s\" 和第 %zu 列重复",
					       "the CSV header (line %zu): column %zu \"%s\" repeats "
					       "column %zu",
					       line, i + 1, name, k + 1);
		if (!each_key(c, same_key, (void *)name)) {
			key_list all = {{NULL}, 0};
			char text[900] = "", text_en[900] = "";
			each_key(c, list_key, &all);
			for (size_t k = 0; k < all.n; k++) {
				size_t used = strlen(text), used_en = strlen(text_en);
				snprintf(text + used, sizeof(text) - used, "%s%s", k ? "、" : "",
					 all.keys[k]);
				snprintf(text_en + used_en, sizeof(text_en) - used_en, "%s%s",
					 k ? ", " : "", all.keys[k]);
			}
			return yb_fail(err, YB_EUSAGE,
				       "CSV 表头（第 %zu 行）第 %zu 列 \"%s\" 不是查询的键（id、command、date "
				       "或某个命令的选项名）；可用的列：%s%.0s",
				       "the CSV header (line %zu): column %zu \"%s\" is not a key of a "
				       "query (id, command, date or an option of a command); valid "
				       "columns: %.0s%s",
				       line, i + 1, name, text, text_en);
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
		return yb_fail(err, YB_EUSAGE, "这一行有 %zu 个值，表头有 %zu 列",
			       "this row has %zu values, the header %zu columns", n, ci->ncolumns);
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

/* Whether a line's error is said in English: its "lang", when it names a language; else (a
 * line that could not be read, or whose "lang" is missing or wrong) the batch's default. */
static bool line_in_english(const yb_batch_options *o, const yb_jsonq *q, bool read)
{
	const char *lang = read ? yb_jsonq_get(q, "lang") : NULL;
	if (!lang || (strcmp(lang, "en") != 0 && strcmp(lang, "zh") != 0))
		lang = default_of(o, "lang");
	return lang && !strcmp(lang, "en");
}

/* Answers the query q read from input line `number` into s, or writes its error object: st
 * is how reading it went (not YB_OK: e says why, and q is not looked at). YB_ENOMEM or
 * YB_OK. */
static yb_status query_line(const yb_corpus *c, sink *s, const yb_jsonq *q, yb_status st,
			    yb_error *e, size_t number, yb_batch_stats *stats)
{
	start_output(s);
	size_t mark = s->out.len;
	bool read = st == YB_OK;
	s->id.len = 0;
	s->id_pair = NULL;
	if (!st && !(st = take_id(s, q, e)))
		st = answer(c, q, number, s, e);
	if (st == YB_ENOMEM)
		return st;
	if (st) {
		s->out.len = mark; /* drop any part of an answer that failed mid-way */
		refused(s, number, e, line_in_english(s->opts, q, read));
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

/*
 * Feeds one CSV line (or, at the end of the input, `end`) to the reader and answers the
 * record it completes. The header row is read, not answered. YB_OK, YB_ENOMEM, or the
 * header's error (YB_EUSAGE, in err: the batch stops before any answer).
 */
static yb_status csv_line(const yb_corpus *c, sink *s, csv_input *ci, const line_buf *line,
			  const char *text, size_t len, size_t number, bool end,
			  yb_batch_stats *stats, yb_error *err)
{
	yb_error e;
	int r = end ? yb_csv_finish(ci->reader, &e)
		    : yb_csv_feed(ci->reader, number, text, len, line->too_long, &e);
	if (r == -2)
		return yb_err_nomem(err);
	if (r == 0)
		return YB_OK;
	size_t at = yb_csv_line(ci->reader);
	if (!ci->have_header) {
		if (r != -1)
			return read_header(c, ci, err);
		char zh[64], en[64];
		snprintf(zh, sizeof(zh), "CSV 表头（第 %zu 行）：", at);
		snprintf(en, sizeof(en), "the CSV header (line %zu): ", at);
		reword_both(&e, zh, "", en, "");
		e.column = 0; /* a column of the header's, not of a query line */
		if (err)
			*err = e;
		return e.code;
	}
	yb_status st = r == -1 ? e.code : read_row(ci, &e);
	if (query_line(c, s, &ci->row, st, &e, at, stats))
		return yb_err_nomem(err);
	return YB_OK;
}

/* The error of a line over YB_BATCH_MAX_LINE bytes. */
static yb_status too_long(yb_error *e)
{
	return yb_fail(e, YB_EUSAGE, "这一行超过 %d 字节（1 MiB）的上限，没有读入",
		       "this line is over the limit of %d bytes (1 MiB) and was not read",
		       YB_BATCH_MAX_LINE);
}

/*
 * Checks the options (the defaults, the fields) and sets s up to answer: the fields parsed into
 * *fields, or the JSON cache. Nothing to free on failure; yb_buf_free() and
 * yb_json_cache_free() of s's members otherwise (sink_close()).
 */
static yb_status sink_open(const yb_corpus *c, sink *s, yb_fields *fields, yb_error *err)
{
	const yb_batch_options *o = s->opts;
	yb_status st;
	for (size_t k = 0; k < o->ndefaults; k++)
		if ((st = check_default(c, o, k, err))) {
			/* Say it is a default: it reads like a line's error otherwise. */
			if (err && st != YB_ENOMEM)
				reword_both(err, "默认值有误：", "", "bad default: ", "");
			return st;
		}
	if (o->output == YB_BATCH_CSV && !o->fields)
		return yb_fail(err, YB_EUSAGE,
			       "CSV 输出要选定字段：加上 --fields，如 --fields id,route,due（字段见 "
			       "docs/json.md）",
			       "CSV output needs fields: add --fields, e.g. --fields id,route,due (the "
			       "fields are in docs/json.md)");
	if (o->fields) {
		if ((st = yb_fields_parse(fields, o->fields, o->output == YB_BATCH_CSV, err)))
			return st;
		s->fields = fields;
	} else if (!(s->cache = yb_json_cache_new())) {
		return yb_err_nomem(err);
	}
	return YB_OK;
}

static void sink_close(sink *s)
{
	yb_buf_free(&s->out);
	yb_buf_free(&s->id);
	yb_json_cache_free(s->cache);
}

yb_status yb_batch_line(const yb_corpus *c, const char *text, size_t len, yb_write_fn write,
			void *ctx, const yb_batch_options *opts, yb_batch_stats *stats,
			yb_error *err)
{
	static const yb_batch_options none = {0};
	yb_fields fields;
	sink s = {write, ctx, {0}, 0, NULL, opts ? opts : &none, {0}, NULL, NULL, false};
	yb_jsonq q = {0};
	yb_status st;

	memset(stats, 0, sizeof(*stats));
	if ((st = sink_open(c, &s, &fields, err)))
		return st;
	stats->lines = 1;
	if (len > YB_BATCH_MAX_LINE) {
		yb_error e;
		st = query_line(c, &s, &q, too_long(&e), &e, 1, stats);
	} else if (holds_no_query(text, len, false)) {
		stats->skipped++;
		start_output(&s);
	} else {
		yb_error e;
		yb_status line_st = yb_jsonq_parse(&q, text, len, &e);
		st = line_st == YB_ENOMEM ? YB_ENOMEM : query_line(c, &s, &q, line_st, &e, 1, stats);
	}
	if (st || s.out.failed) {
		st = yb_err_nomem(err);
	} else {
		flush(&s);
		if (s.failed)
			st = yb_fail(err, YB_EIO, "无法写出输出", "could not write the output");
	}
	yb_jsonq_free(&q);
	sink_close(&s);
	return st;
}

yb_status yb_batch_run(const yb_corpus *c, FILE *in, yb_write_fn write, void *ctx,
		       const yb_batch_options *opts, yb_batch_stats *stats, yb_error *err)
{
	static const yb_batch_options none = {0};
	yb_fields fields;
	sink s = {write, ctx, {0}, 0, NULL, opts ? opts : &none, {0}, NULL, NULL, false};
	const yb_batch_options *o = s.opts;
	csv_input ci = {0};
	yb_jsonq q = {0};
	line_buf line = {0};
	size_t number = 0;
	yb_status st = YB_OK;

	memset(stats, 0, sizeof(*stats));
	if ((st = sink_open(c, &s, &fields, err)))
		return st;
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
			st = yb_fail_errno(err, YB_EINPUT, errno, "无法读取输入的第 %zu 行",
					   "could not read line %zu of the input", number + 1);
			flush(&s);
			goto cleanup;
		}
		if (!got) {
			/* CSV: a record may still be open at the end of the input. */
			if (ci.reader && (st = csv_line(c, &s, &ci, &line, NULL, 0, number, true,
							stats, err)))
				goto cleanup;
			break;
		}
		stats->lines = ++number;
		const char *text = line.data;
		size_t len = line.len;
		if (number == 1 && len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
			text += 3, len -= 3; /* a byte-order mark some editors write */
		if (ci.reader) {
			if ((st = csv_line(c, &s, &ci, &line, text, len, number, false, stats, err)))
				goto cleanup;
		} else if (holds_no_query(text, len, line.too_long)) {
			stats->skipped++;
		} else {
			yb_error e;
			yb_status line_st =
				line.too_long ? too_long(&e) : yb_jsonq_parse(&q, text, len, &e);
			if (line_st == YB_ENOMEM ||
			    query_line(c, &s, &q, line_st, &e, number, stats)) {
				st = yb_err_nomem(err);
				goto cleanup;
			}
		}
		if (s.out.len >= 1 << 16)
			flush(&s);
		if (o->progress)
			o->progress(o->progress_ctx, stats);
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
		st = yb_fail(err, YB_EIO, "无法写出输出", "could not write the output");
cleanup:
	yb_free(line.data);
	yb_jsonq_free(&q);
	yb_csv_reader_free(ci.reader);
	yb_buf_free(&ci.names);
	sink_close(&s);
	return st;
}
