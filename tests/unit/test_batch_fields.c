/*
 * test_batch_fields.c - `yibao batch --fields`: choosing fields (names, spaces, errors), and
 * what each field holds, checked against the whole JSON answer for queries of every procedure:
 * each field must say what the whole answer says (null exactly where it has no such key), and
 * its CSV cell must be the same value, quoted as RFC 4180 requires.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_csv.h"
#include "batch_fields.h"
#include "buf.h"
#include "fixture.h"
#include "mem.h"
#include "render.h"

/* ---- Choosing ------------------------------------------------------------------------------ */

static size_t nfields(void)
{
	size_t n = 0;
	while (yb_field_name(n))
		n++;
	return n;
}

static void fields_are_chosen_by_name(void **state)
{
	(void)state;
	yb_fields f;
	yb_error err;
	assert_int_equal(yb_fields_parse(&f, "route,due", false, &err), YB_OK);
	assert_int_equal(f.n, 2);
	assert_string_equal(yb_field_name(f.id[0]), "route");
	assert_string_equal(yb_field_name(f.id[1]), "due");
	/* Spaces around names are fine; CSV adds the error column at the end. */
	assert_int_equal(yb_fields_parse(&f, " steps.due ,\troute", true, &err), YB_OK);
	assert_int_equal(f.n, 3);
	assert_string_equal(yb_field_name(f.id[0]), "steps.due");
	assert_string_equal(yb_field_name(f.id[1]), "route");
	assert_string_equal(yb_field_name(f.id[2]), "error");
	/* … or keeps it where it was asked for. */
	assert_int_equal(yb_fields_parse(&f, "error,line", true, &err), YB_OK);
	assert_int_equal(f.n, 2);
	assert_string_equal(yb_field_name(f.id[0]), "error");
	/* Every field at once. */
	yb_buf all = {0};
	for (size_t i = 0; yb_field_name(i); i++) {
		yb_buf_puts(&all, i ? "," : "");
		yb_buf_puts(&all, yb_field_name(i));
	}
	assert_int_equal(yb_fields_parse(&f, all.data, true, &err), YB_OK);
	assert_int_equal(f.n, nfields());
	yb_buf_free(&all);
}

static void bad_field_lists_are_refused(void **state)
{
	(void)state;
	yb_fields f;
	yb_error err;
	assert_int_equal(yb_fields_parse(&f, "route,dues", false, &err), YB_EUSAGE);
	assert_non_null(strstr(err.message, "\"dues\""));
	for (size_t i = 0; yb_field_name(i); i++) /* the message names every valid field */
		assert_non_null(strstr(err.message, yb_field_name(i)));
	assert_memory_equal(err.message_en, "--fields: no field named \"dues\"; valid fields: ",
			    strlen("--fields: no field named \"dues\"; valid fields: "));
	for (size_t i = 0; yb_field_name(i); i++)
		assert_non_null(strstr(err.message_en, yb_field_name(i)));
	assert_int_equal(yb_fields_parse(&f, "Route", false, &err), YB_EUSAGE);
	assert_int_equal(yb_fields_parse(&f, "route,due,route", false, &err), YB_EUSAGE);
	assert_non_null(strstr(err.message, "route 写了两次"));
	assert_string_equal(err.message_en, "--fields names route twice");
	assert_int_equal(yb_fields_parse(&f, "route,", false, &err), YB_EUSAGE);
	assert_non_null(strstr(err.message, "空的字段名"));
	assert_string_equal(err.message_en, "--fields has an empty field name (one comma too many?)");
	assert_int_equal(yb_fields_parse(&f, "route,,due", false, &err), YB_EUSAGE);
	assert_int_equal(yb_fields_parse(&f, "", true, &err), YB_EUSAGE);
	assert_non_null(strstr(err.message, "没有给出字段"));
	assert_string_equal(err.message_en, "--fields names no field, e.g. --fields route,due");
	assert_int_equal(yb_fields_parse(&f, " ", true, &err), YB_EUSAGE);
}

/* ---- A small reader of the whole answer's JSON, the oracle ------------------------------ */

typedef struct {
	const char *p;
	size_t n;
} span;

static const char *skip_string(const char *p)
{
	for (p++; *p != '"'; p++)
		if (*p == '\\')
			p++;
	return p + 1;
}

/* The end of the JSON value at p. */
static const char *skip_value(const char *p)
{
	if (*p == '"')
		return skip_string(p);
	if (*p == '{' || *p == '[') {
		int depth = 0;
		do {
			if (*p == '"') {
				p = skip_string(p);
				continue;
			}
			depth += (*p == '{' || *p == '[') - (*p == '}' || *p == ']');
			p++;
		} while (depth);
		return p;
	}
	while (*p != ',' && *p != '}' && *p != ']')
		p++;
	return p;
}

/* Member `key` of the object obj; p NULL when there is none (or obj is not an object). */
static span member(span obj, const char *key)
{
	span none = {NULL, 0};
	if (!obj.p || *obj.p != '{')
		return none;
	size_t klen = strlen(key);
	for (const char *p = obj.p + 1; *p == '"';) {
		const char *k = p + 1, *v = skip_string(p) + 1; /* past the colon */
		const char *end = skip_value(v);
		if ((size_t)(v - 2 - k) == klen && !memcmp(k, key, klen))
			return (span){v, (size_t)(end - v)};
		p = *end == ',' ? end + 1 : end;
	}
	return none;
}

/* The elements of the array arr (none when arr is absent). */
static size_t elements(span arr, span *out, size_t max)
{
	size_t n = 0;
	if (!arr.p || *arr.p != '[')
		return 0;
	for (const char *p = arr.p + 1; *p != ']';) {
		const char *end = skip_value(p);
		assert_true(n < max);
		out[n++] = (span){p, (size_t)(end - p)};
		p = *end == ',' ? end + 1 : end;
	}
	return n;
}

static void put_span(yb_buf *b, span s)
{
	if (s.p)
		yb_buf_append(b, s.p, s.n);
	else
		yb_buf_puts(b, "null");
}

/* Field `name` as the whole answer says it, in JSON. */
static void expected(span answer, const char *name, size_t line, yb_buf *b)
{
	char key[64];
	const char *dot = strchr(name, '.');
	snprintf(key, sizeof(key), "%.*s", (int)(dot ? (size_t)(dot - name) : strlen(name)), name);
	span top = member(answer, key), items[64];
	if (!strcmp(name, "line")) {
		yb_buf_printf(b, "%zu", line);
	} else if (!strcmp(name, "from") || !strcmp(name, "to") || !strcmp(name, "city")) {
		put_span(b, member(top, "adcode"));
	} else if (dot && (!strcmp(dot, ".name") && strcmp(key, "materials") != 0)) {
		put_span(b, member(top, "name"));
	} else if (!strcmp(name, "corpus.version") || !strcmp(name, "corpus.date")) {
		put_span(b, member(top, dot + 1));
	} else if (!strcmp(name, "verdict") || !strcmp(name, "verdict_value")) {
		span k = member(member(answer, "verdict"), "key");
		if (!k.p) {
			span v[8];
			if (elements(member(answer, "verdicts"), v, 8))
				k = member(v[0], "key");
		}
		if (!strcmp(name, "verdict")) {
			put_span(b, k);
		} else {
			char verdict[64] = "";
			if (k.p)
				snprintf(verdict, sizeof(verdict), "%.*s", (int)k.n - 2, k.p + 1);
			put_span(b, k.p ? member(answer, verdict) : (span){NULL, 0});
		}
	} else if (!strcmp(name, "due")) {
		/* The latest due date anywhere in the answer. */
		span last = {NULL, 0}, s[64];
		size_t n = elements(member(answer, "steps"), s, 64);
		span d[64];
		size_t nd = elements(member(answer, "deadlines"), d, 64);
		for (size_t i = 0; i < n + nd; i++) {
			span due = i < n ? member(member(s[i], "deadline"), "due")
					 : member(d[i - n], "due");
			if (due.p && (!last.p || memcmp(due.p, last.p, due.n) > 0))
				last = due;
		}
		put_span(b, last);
	} else if (dot || !strcmp(name, "questions")) {
		/* A list: one value of each item, null where the item has none. */
		static const char *const optional[] = {"estimates", "waits"};
		const char *of = dot ? dot + 1 : "fact";
		bool opt = false;
		for (size_t i = 0; i < 2; i++)
			opt |= !strcmp(key, optional[i]);
		if (!top.p && opt) {
			yb_buf_puts(b, "null");
			return;
		}
		assert_non_null(top.p);
		size_t n = elements(top, items, 64);
		yb_buf_putc(b, '[');
		for (size_t i = 0; i < n; i++) {
			yb_buf_puts(b, i ? "," : "");
			span v = member(items[i], of);
			if (!strcmp(name, "steps.due"))
				v = member(member(items[i], "deadline"), "due");
			put_span(b, v);
		}
		yb_buf_putc(b, ']');
	} else if (!strcmp(name, "error")) {
		yb_buf_puts(b, "null");
	} else {
		put_span(b, top); /* id, procedure, title, date, route, route_label, warnings */
	}
}

/* A JSON value (from `expected`) as the text of a CSV cell, before quoting. */
static void as_cell(span v, yb_buf *b)
{
	if (*v.p == '[') {
		span items[64];
		size_t n = elements(v, items, 64);
		for (size_t i = 0; i < n; i++) {
			yb_buf_puts(b, i ? "；" : "");
			as_cell(items[i], b);
		}
	} else if (*v.p == '"') {
		for (const char *p = v.p + 1; p < v.p + v.n - 1; p++) {
			if (*p == '\\') {
				p++;
				assert_non_null(strchr("\"\\/n", *p)); /* the escapes answers hold */
				yb_buf_putc(b, *p == 'n' ? '\n' : *p);
			} else {
				yb_buf_putc(b, *p);
			}
		}
	} else if (strncmp(v.p, "null", 4) != 0) {
		yb_buf_append(b, v.p, v.n);
	}
}

/* ---- Every field of every procedure's answers ---------------------------------------------- */

static const char *const queries[][14] = {
	{"transfer", "from", "changde", "to", "changsha", "type", "employee", "date", "2026-11-23"},
	{"transfer", "from", "xiamen", "to", "430100", "date", "2026-11-23"},
	{"transfer", "from", "beijing", "to", "tianjin", "type", "resident"},
	{"transfer", "from", "guangzhou", "to", "guangzhou", "date", "2026-11-23"},
	{"transfer", "from", "kunming", "to", "hangzhou", "type", "employee", "to-type",
	 "resident", "date", "2031-12-20"},
	{"region-change", "from", "shantou", "to", "guangzhou", "reason", "work", "date",
	 "2026-11-23"},
	{"region-change", "from", "changde", "to", "changsha"},
	{"activate", "city", "shantou", "holder", "minor", "remote", "true"},
	{"activate", "city", "changde", "holder", "proxy"},
	{"refund", "case", "retired-overpay", "date", "2026-11-23"},
	{"refund", "case", "two-employers"},
	{"refund", "case", "tier-change", "type", "resident"},
	{"dental", "item", "root-canal", "city", "qingdao", "type", "employee", "level", "2",
	 "cost", "1500"},
	{"dental", "item", "root-canal", "city", "qingdao"},
	{"dental", "item", "whitening"},
	{"dental", "item", "implant", "city", "qingdao", "type", "resident", "cost", "100"},
	{"waiting", "type", "resident", "gap-years", "2", "date", "2026-03-01"},
	{"waiting", "type", "employee", "gap-months", "2", "date", "2026-03-01"},
	{"waiting", "date", "2026-03-01"},
	{"waiting", "type", "resident", "newborn", "true", "gap-months", "7"},
};

static yb_answer *run(const yb_corpus *c, const char *const *q)
{
	yb_query *query;
	yb_answer *a;
	yb_error err;
	assert_int_equal(yb_query_new(c, q[0], &query, &err), YB_OK);
	for (size_t i = 1; i + 1 < 14 && q[i]; i += 2)
		if (yb_query_set(query, q[i], q[i + 1], &err))
			fail_msg("%s %s: %s", q[i], q[i + 1], err.message);
	assert_int_equal(yb_query_run(query, &a, &err), YB_OK);
	yb_query_free(query);
	return a;
}

/* The fields of one answer, in Chinese or in English (flags), against the whole answer. */
static void fields_match_the_answer(yb_answer *a, size_t qi, unsigned flags)
{
	yb_buf full = {0};
	yb_error err;
	assert_int_equal(yb_render_json_to(a, flags, &full, NULL, &err), YB_OK);
	/* Each line with an id, a string or a number, which the whole answer would carry
	 * after its "schema" as a batch writes it. */
	char id_text[16];
	snprintf(id_text, sizeof(id_text), qi % 2 ? "%zu" : "E%03zu", qi);
	yb_jsonq_pair id = {"id", id_text, qi % 2 == 0};
	yb_buf with_id = {0};
	static const char head[] = "{\"schema\":1,";
	size_t nhead = sizeof(head) - 1;
	assert_memory_equal(full.data, head, nhead);
	yb_buf_append(&with_id, full.data, nhead);
	yb_buf_printf(&with_id, id.is_string ? "\"id\":\"%s\"," : "\"id\":%s,", id_text);
	yb_buf_append(&with_id, full.data + nhead, full.len - nhead);
	span answer = {with_id.data, with_id.len - 1};
	for (size_t i = 0; yb_field_name(i); i++) {
		const char *name = yb_field_name(i);
		yb_fields f;
		yb_buf want = {0}, got = {0}, cell = {0}, row = {0};
		size_t line = 1000 + qi;

		/* JSON: {"name":value} */
		expected(answer, name, line, &want);
		assert_int_equal(yb_fields_parse(&f, name, false, &err), YB_OK);
		yb_fields_answer(&f, a, flags, line, &id, &got);
		yb_buf_printf(&row, "{\"%s\":%s}\n", name, want.data);
		if (strcmp(got.data, row.data) != 0)
			fail_msg("%s, query %zu: got %s want %s", name, qi, got.data, row.data);

		/* CSV: the same value as a cell, then the empty error cell. */
		as_cell((span){want.data, want.len}, &cell);
		row.len = 0;
		if (strcmp(name, "error") != 0) {
			yb_csv_cell_write(&row, cell.data ? cell.data : "", cell.len);
			yb_buf_putc(&row, ',');
		} else {
			yb_buf_puts(&row, "\"\""); /* one empty cell alone */
		}
		yb_buf_putc(&row, '\n');
		got.len = 0;
		assert_int_equal(yb_fields_parse(&f, name, true, &err), YB_OK);
		yb_fields_answer(&f, a, flags, line, &id, &got);
		if (strcmp(got.data, row.data) != 0)
			fail_msg("%s, query %zu, CSV: got %s want %s", name, qi, got.data,
				 row.data);
		yb_buf_free(&want);
		yb_buf_free(&got);
		yb_buf_free(&cell);
		yb_buf_free(&row);
	}
	yb_buf_free(&full);
	yb_buf_free(&with_id);
}

/* Each field, in either language, is what the whole answer says in that language. */
static void fields_say_what_the_answer_says(void **state)
{
	const yb_corpus *c = *state;
	for (size_t qi = 0; qi < sizeof(queries) / sizeof(queries[0]); qi++) {
		yb_answer *a = run(c, queries[qi]);
		fields_match_the_answer(a, qi, 0);
		fields_match_the_answer(a, qi, YB_RENDER_LANG_EN);
		yb_answer_free(a);
	}
}

/* The queries above reach every kind of value: null and not, lists empty, with nulls and
 * without, verdicts of each value, a warning. A change that left a field always null would
 * still pass the comparison above; this makes sure it could not. */
static void the_queries_reach_every_kind_of_value(void **state)
{
	const yb_corpus *c = *state;
	size_t n = nfields();
	bool null[64] = {false}, set[64] = {false};
	for (size_t qi = 0; qi < sizeof(queries) / sizeof(queries[0]); qi++) {
		yb_answer *a = run(c, queries[qi]);
		yb_jsonq_pair id = {"id", "E001", true};
		for (size_t i = 0; i < n; i++) {
			yb_fields f;
			yb_buf got = {0};
			yb_error err;
			assert_int_equal(yb_fields_parse(&f, yb_field_name(i), false, &err), YB_OK);
			yb_fields_answer(&f, a, 0, 1, qi % 2 ? &id : NULL, &got);
			const char *v = strchr(got.data, ':') + 1;
			if (!strncmp(v, "null", 4))
				null[i] = true;
			else if (strncmp(v, "[]", 2) != 0)
				set[i] = true;
			yb_buf_free(&got);
		}
		yb_answer_free(a);
	}
	for (size_t i = 0; i < n; i++) {
		const char *name = yb_field_name(i);
		if (!set[i] && strcmp(name, "error") != 0)
			fail_msg("%s is never set by the test queries", name);
		bool always = !strcmp(name, "line") || !strcmp(name, "procedure") ||
			      !strcmp(name, "title") || !strcmp(name, "date") ||
			      !strncmp(name, "corpus.", 7) || !strcmp(name, "questions") ||
			      !strncmp(name, "steps.", 6) || !strncmp(name, "materials.", 10) ||
			      !strncmp(name, "deadlines.", 10);
		if (always == null[i])
			fail_msg("%s: null %s", name, null[i] ? "where it never should be"
							     : "never reached by the test queries");
	}
}

/* CSV: the header, and a row for a line that could not be answered. */
static void csv_header_and_error_rows(void **state)
{
	(void)state;
	yb_fields f;
	yb_error err, e;
	yb_buf b = {0};
	assert_int_equal(yb_fields_parse(&f, "route,line,steps.due", true, &err), YB_OK);
	yb_fields_header(&f, &b);
	assert_string_equal(b.data, "route,line,steps.due,error\n");
	b.len = 0;
	memset(&e, 0, sizeof(e));
	snprintf(e.message, sizeof(e.message), "未找到城市 \"a,b\"");
	snprintf(e.message_en, sizeof(e.message_en), "unknown city \"a,b\"");
	yb_fields_error(&f, 12, NULL, &e, false, &b);
	assert_string_equal(b.data, ",12,,\"未找到城市 \"\"a,b\"\"\"\n");
	b.len = 0;
	/* A line that asked for English has its error in English. */
	yb_fields_error(&f, 12, NULL, &e, true, &b);
	assert_string_equal(b.data, ",12,,\"unknown city \"\"a,b\"\"\"\n");
	b.len = 0;
	/* The id, where asked for, as the line gave it, quoted as a cell needs. */
	yb_jsonq_pair id = {"id", "Wang, Li", true};
	assert_int_equal(yb_fields_parse(&f, "id,line", true, &err), YB_OK);
	yb_fields_error(&f, 12, &id, &e, false, &b);
	assert_string_equal(b.data, "\"Wang, Li\",12,\"未找到城市 \"\"a,b\"\"\"\n");
	b.len = 0;
	assert_int_equal(yb_fields_parse(&f, "error", true, &err), YB_OK);
	yb_fields_error(&f, 3, &id, &e, false, &b);
	assert_string_equal(b.data, "\"未找到城市 \"\"a,b\"\"\"\n");
	yb_buf_free(&b);
}

/* Out of memory: the buffer says so (the batch then stops), and nothing is written past it. */
static void out_of_memory(void **state)
{
	const yb_corpus *c = *state;
	yb_answer *a = run(c, queries[1]);
	for (int csv = 0; csv < 2; csv++)
		for (long n = 0;; n++) {
			yb_fields f;
			yb_error err;
			yb_buf b = {0};
			assert_int_equal(yb_fields_parse(&f, "steps.title,steps.due,warnings", csv,
							 &err),
					 YB_OK);
			yb_mem_fail_after(n);
			yb_fields_answer(&f, a, 0, 1, NULL, &b);
			yb_mem_fail_after(-1);
			bool failed = b.failed;
			if (!failed)
				assert_int_equal(b.data[b.len - 1], '\n');
			yb_buf_free(&b);
			if (!failed)
				break;
		}
	yb_answer_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fields_are_chosen_by_name),
		cmocka_unit_test(bad_field_lists_are_refused),
		cmocka_unit_test(fields_say_what_the_answer_says),
		cmocka_unit_test(the_queries_reach_every_kind_of_value),
		cmocka_unit_test(csv_header_and_error_rows),
		cmocka_unit_test(out_of_memory),
	};
	return cmocka_run_group_tests(tests, fixture_open_embedded, fixture_close);
}
