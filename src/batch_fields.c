/*
 * batch_fields.c - the fields of an answer a batch was asked for (batch_fields.h).
 *
 * Each field is a row of one table: a function that says its value, or, for a list field, a
 * function that says the value of one entry. They say it through a small writer, which spells
 * it as JSON or as the text of a CSV cell; so the two outputs cannot disagree about what a field
 * holds.
 */
#include "batch_fields.h"

#include <stdio.h>
#include <string.h>

#include "batch_csv.h"
#include "error.h"
#include "render.h"

/* Writes values as JSON or as CSV cell text, and counts a list's items for the separators. */
typedef struct {
	yb_buf *b;
	bool csv;
	size_t items;
	bool en; /* texts in English, as the whole answer has them with YB_RENDER_LANG_EN */
} writer;

typedef struct {
	const yb_answer *a;
	const yb_summary *s;
	size_t line;
	const yb_jsonq_pair *id; /* the line's "id", or NULL */
} view;

static void put_null(writer *w)
{
	if (!w->csv)
		yb_buf_puts(w->b, "null");
}

static void put_str(writer *w, const char *s)
{
	if (!s)
		put_null(w);
	else if (w->csv)
		yb_buf_puts(w->b, s);
	else
		yb_json_string(w->b, s);
}

/* A number, true or false: the same text in both. */
static void put_bare(writer *w, const char *text)
{
	yb_buf_puts(w->b, text);
}

static void put_number(writer *w, double v)
{
	char text[32];
	yb_format_number(text, sizeof(text), v);
	put_bare(w, text);
}

static void list_open(writer *w)
{
	w->items = 0;
	if (!w->csv)
		yb_buf_putc(w->b, '[');
}

/* Before each item of a list. */
static void item(writer *w)
{
	if (w->items++)
		yb_buf_puts(w->b, w->csv ? "；" : ",");
}

static void list_close(writer *w)
{
	if (!w->csv)
		yb_buf_putc(w->b, ']');
}

/* ---- The fields ---------------------------------------------------------------------------- */

static void f_line(writer *w, const view *v)
{
	char text[24];
	size_t len = sizeof(text), n = v->line;
	do
		text[--len] = (char)('0' + n % 10);
	while (n /= 10);
	yb_buf_append(w->b, text + len, sizeof(text) - len);
}

/* As the line gave it: a string as a string, a number as the number. */
static void f_id(writer *w, const view *v)
{
	if (v->id && !v->id->is_string)
		put_bare(w, v->id->value);
	else
		put_str(w, v->id ? v->id->value : NULL);
}

static void f_procedure(writer *w, const view *v)
{
	put_str(w, v->s->procedure);
}

static void f_title(writer *w, const view *v)
{
	put_str(w, yb_in(v->s->title, w->en));
}

static void f_date(writer *w, const view *v)
{
	put_str(w, v->s->date);
}

static void f_corpus_version(writer *w, const view *v)
{
	put_str(w, v->s->corpus_version);
}

static void f_corpus_date(writer *w, const view *v)
{
	put_str(w, v->s->corpus_date);
}

static void f_from(writer *w, const view *v)
{
	put_str(w, v->s->from ? v->s->from->adcode : NULL);
}

static void f_from_name(writer *w, const view *v)
{
	put_str(w, v->s->from ? v->s->from->name : NULL);
}

static void f_to(writer *w, const view *v)
{
	put_str(w, v->s->to ? v->s->to->adcode : NULL);
}

static void f_to_name(writer *w, const view *v)
{
	put_str(w, v->s->to ? v->s->to->name : NULL);
}

static void f_city(writer *w, const view *v)
{
	put_str(w, v->s->city ? v->s->city->adcode : NULL);
}

static void f_city_name(writer *w, const view *v)
{
	put_str(w, v->s->city ? v->s->city->name : NULL);
}

static void f_route(writer *w, const view *v)
{
	put_str(w, v->s->route);
}

static void f_route_label(writer *w, const view *v)
{
	put_str(w, yb_in(v->s->route_label, w->en));
}

static void f_verdict(writer *w, const view *v)
{
	put_str(w, v->s->verdict);
}

/* As the whole answer writes it: true and false bare, "partial" and "depends" as strings. */
static void f_verdict_value(writer *w, const view *v)
{
	const char *value = v->s->verdict ? v->s->verdict_value : NULL;
	if (value && (!strcmp(value, "true") || !strcmp(value, "false")))
		put_bare(w, value);
	else
		put_str(w, value);
}

static void f_due(writer *w, const view *v)
{
	put_str(w, v->s->due);
}

static void f_questions(writer *w, const view *v)
{
	list_open(w);
	for (size_t i = 0; i < yb_answer_count(v->a, YB_LIST_QUESTIONS); i++) {
		item(w);
		put_str(w, yb_answer_question(v->a, i)->fact);
	}
	list_close(w);
}

typedef void (*entry_fn)(writer *w, const yb_entry *e);

static void e_id(writer *w, const yb_entry *e)
{
	put_str(w, e->id);
}

static void e_title(writer *w, const yb_entry *e)
{
	put_str(w, yb_in(e->title, w->en));
}

/* An official name keeps its Chinese, as "name" does in the whole answer. */
static void e_name(writer *w, const yb_entry *e)
{
	put_str(w, e->title.zh);
}

static void e_due(writer *w, const yb_entry *e)
{
	put_str(w, e->deadline ? e->deadline->due : NULL);
}

static void e_paid(writer *w, const yb_entry *e)
{
	if (e->estimate->known)
		put_number(w, e->estimate->paid);
	else
		put_null(w);
}

static void e_months(writer *w, const yb_entry *e)
{
	if (e->wait->known)
		put_number(w, e->wait->months);
	else
		put_null(w);
}

static void e_start(writer *w, const yb_entry *e)
{
	put_str(w, e->wait->known ? e->wait->start : NULL);
}

/* As the whole answer's `warnings`: null when there are none. */
static void f_warnings(writer *w, const view *v)
{
	const char *said[2] = {yb_in(v->s->caveat, w->en), yb_in(v->s->no_local, w->en)};
	if (!said[0] && !said[1]) {
		put_null(w);
		return;
	}
	list_open(w);
	for (size_t i = 0; i < 2; i++) {
		if (said[i]) {
			item(w);
			put_str(w, said[i]);
		}
	}
	list_close(w);
}

/* An answered line has no error; an error line is written by yb_fields_error(). */
static void f_error(writer *w, const view *v)
{
	(void)v;
	put_null(w);
}

/* A field: a function of the answer, or one value of each entry of one of its lists. */
typedef struct {
	const char *name;
	void (*write)(writer *w, const view *v);
	entry_fn each;        /* when write is NULL */
	yb_answer_list list;
	bool optional;        /* null when the list is empty (the whole answer leaves it out) */
} field;

/* In the order docs/json.md lists them. */
static const field fields[] = {
	{"line", f_line},
	{"id", f_id},
	{"procedure", f_procedure},
	{"title", f_title},
	{"date", f_date},
	{"corpus.version", f_corpus_version},
	{"corpus.date", f_corpus_date},
	{"from", f_from},
	{"from.name", f_from_name},
	{"to", f_to},
	{"to.name", f_to_name},
	{"city", f_city},
	{"city.name", f_city_name},
	{"route", f_route},
	{"route_label", f_route_label},
	{"verdict", f_verdict},
	{"verdict_value", f_verdict_value},
	{"due", f_due},
	{"questions", f_questions},
	{"steps.id", NULL, e_id, YB_LIST_STEPS, false},
	{"steps.title", NULL, e_title, YB_LIST_STEPS, false},
	{"steps.due", NULL, e_due, YB_LIST_STEPS, false},
	{"materials.name", NULL, e_name, YB_LIST_MATERIALS, false},
	{"deadlines.title", NULL, e_title, YB_LIST_DEADLINES, false},
	{"deadlines.due", NULL, e_due, YB_LIST_DEADLINES, false},
	{"estimates.paid", NULL, e_paid, YB_LIST_ESTIMATES, true},
	{"waits.months", NULL, e_months, YB_LIST_WAITS, true},
	{"waits.start", NULL, e_start, YB_LIST_WAITS, true},
	{"warnings", f_warnings},
	{"error", f_error},
};
enum { NFIELDS = sizeof(fields) / sizeof(fields[0]) };
_Static_assert((int)NFIELDS <= (int)YB_FIELDS_MAX, "yb_fields holds every field at most once");

static const size_t FIELD_LINE = 0, FIELD_ID = 1, FIELD_ERROR = NFIELDS - 1;

static void write_field(writer *w, const view *v, const field *f)
{
	if (f->write) {
		f->write(w, v);
		return;
	}
	size_t n = yb_answer_count(v->a, f->list);
	if (!n && f->optional) {
		put_null(w);
		return;
	}
	list_open(w);
	for (size_t i = 0; i < n; i++) {
		item(w);
		f->each(w, yb_answer_entry(v->a, f->list, i));
	}
	list_close(w);
}

const char *yb_field_name(size_t i)
{
	return i < NFIELDS ? fields[i].name : NULL;
}

/* ---- Choosing ------------------------------------------------------------------------------ */

static yb_status unknown(yb_error *err, const char *name, size_t len)
{
	char all[600] = "", all_en[600] = "";
	for (size_t i = 0; i < NFIELDS; i++) {
		size_t used = strlen(all), used_en = strlen(all_en);
		snprintf(all + used, sizeof(all) - used, "%s%s", i ? "、" : "", fields[i].name);
		snprintf(all_en + used_en, sizeof(all_en) - used_en, "%s%s", i ? ", " : "",
			 fields[i].name);
	}
	return yb_fail(err, YB_EUSAGE, "--fields：没有名为 \"%.*s\" 的字段；可用的字段：%s%.0s",
		       "--fields: no field named \"%.*s\"; valid fields: %.0s%s", (int)len, name,
		       all, all_en);
}

yb_status yb_fields_parse(yb_fields *f, const char *list, bool csv, yb_error *err)
{
	bool seen[NFIELDS] = {false};
	const char *p = list ? list : "";
	f->n = 0;
	f->csv = csv;
	for (;;) {
		size_t len = strcspn(p, ",");
		const char *name = p;
		while (len && (*name == ' ' || *name == '\t'))
			name++, len--;
		while (len && (name[len - 1] == ' ' || name[len - 1] == '\t'))
			len--;
		if (!len)
			return list && *list
				       ? yb_fail(err, YB_EUSAGE,
						 "--fields 里有空的字段名（多了一个逗号？）",
						 "--fields has an empty field name (one comma too many?)")
				       : yb_fail(err, YB_EUSAGE,
						 "--fields 没有给出字段，如 --fields route,due",
						 "--fields names no field, e.g. --fields route,due");
		size_t i = 0;
		while (i < NFIELDS && (strlen(fields[i].name) != len ||
				       memcmp(fields[i].name, name, len) != 0))
			i++;
		if (i == NFIELDS)
			return unknown(err, name, len);
		if (seen[i])
			return yb_fail(err, YB_EUSAGE, "--fields 里 %s 写了两次",
				       "--fields names %s twice", fields[i].name);
		seen[i] = true;
		f->id[f->n++] = (unsigned char)i;
		p += strcspn(p, ",");
		if (!*p)
			break;
		p++;
	}
	if (csv && !seen[FIELD_ERROR])
		f->id[f->n++] = (unsigned char)FIELD_ERROR;
	return YB_OK;
}

/* ---- Writing ------------------------------------------------------------------------------- */

void yb_fields_header(const yb_fields *f, yb_buf *out)
{
	for (size_t i = 0; i < f->n; i++) {
		if (i)
			yb_buf_putc(out, ',');
		yb_buf_puts(out, fields[f->id[i]].name);
	}
	yb_buf_putc(out, '\n');
}

/* Starts field i of a row or object; returns where its value starts. */
static size_t open_field(const yb_fields *f, size_t i, yb_buf *out)
{
	if (i)
		yb_buf_putc(out, ',');
	if (!f->csv) {
		yb_buf_putc(out, '"');
		yb_buf_puts(out, fields[f->id[i]].name);
		yb_buf_puts(out, "\":");
	}
	return out->len;
}

/* Ends a row or object. A CSV row of one empty cell is written "" (an empty line would be read
 * as no row at all). */
static void end_row(const yb_fields *f, size_t start, yb_buf *out)
{
	if (f->csv && out->len == start)
		yb_buf_puts(out, "\"\"");
	yb_buf_puts(out, f->csv ? "\n" : "}\n");
}

void yb_fields_answer(const yb_fields *f, const yb_answer *a, unsigned flags, size_t line,
		      const yb_jsonq_pair *id, yb_buf *out)
{
	view v = {a, yb_answer_summary(a), line, id};
	writer w = {out, f->csv, 0, (flags & YB_RENDER_LANG_EN) != 0};
	size_t start = out->len;
	if (!f->csv)
		yb_buf_putc(out, '{');
	for (size_t i = 0; i < f->n; i++) {
		size_t mark = open_field(f, i, out);
		write_field(&w, &v, &fields[f->id[i]]);
		if (f->csv)
			yb_csv_quote_from(out, mark);
	}
	end_row(f, start, out);
}

void yb_fields_error(const yb_fields *f, size_t line, const yb_jsonq_pair *id, const yb_error *e,
		     bool en, yb_buf *out)
{
	view v = {NULL, NULL, line, id};
	writer w = {out, true, 0, false};
	size_t start = out->len;
	for (size_t i = 0; i < f->n; i++) {
		open_field(f, i, out);
		size_t mark = out->len;
		if (f->id[i] == FIELD_LINE) {
			f_line(&w, &v);
		} else if (f->id[i] == FIELD_ID) {
			f_id(&w, &v);
			yb_csv_quote_from(out, mark);
		} else if (f->id[i] == FIELD_ERROR) {
			const char *message = yb_error_text(e, en);
			yb_csv_cell_write(out, message, strlen(message));
		}
	}
	end_row(f, start, out);
}
