/*
 * test_inputs.c - a procedure's inputs as the corpus states them (yb_procedure_inputs and the
 * functions after it in yibao.h): places and asked facts with their flags, kinds, choices,
 * aliases, defaults and ranges, the same from the compiled corpus and from the folder; a fact a
 * rule update adds; the nearest choices to a value that is none; the list with aliases; and the
 * procedures in order, with whether each takes an input (what a batch's defaults rest on).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "yibao.h"

static yb_corpus *embedded, *folder;

static int setup(void **state)
{
	(void)state;
	yb_error err;
	if (yb_corpus_open_embedded(NULL, &embedded, &err) ||
	    yb_corpus_open_dir(YIBAO_SOURCE_DIR "/rules", NULL, &folder, &err)) {
		fprintf(stderr, "%s\n", err.message);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	yb_corpus_close(embedded);
	yb_corpus_close(folder);
	return 0;
}

static const yb_input *find(const yb_input *in, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(in[i].name, name))
			return &in[i];
	fail_msg("no input \"%s\"", name);
	return NULL;
}

static void places_then_asked_facts_in_order(void **state)
{
	(void)state;
	yb_input in[16];
	size_t n = yb_procedure_inputs(embedded, "transfer", in, 16);
	assert_int_equal(n, 4);
	static const char *const names[] = {"from", "to", "type", "to-type"};
	static const char *const flags[] = {"--from", "--to", "--type", "--to-type"};
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(in[i].name, names[i]);
		assert_string_equal(in[i].flag, flags[i]);
	}
	assert_int_equal(in[0].kind, YB_INPUT_PLACE);
	assert_string_equal(in[0].label, "转出地");
	assert_true(in[0].required && in[1].required);
	assert_int_equal(in[2].kind, YB_INPUT_ENUM);
	assert_string_equal(in[2].label, "参保类型");
	assert_string_equal(in[2].label_en, "Type of insurance");
	assert_string_equal(in[2].question, "您参加的是哪一种基本医疗保险？");
	assert_false(in[2].required);
	assert_null(in[2].default_value);
	assert_int_equal(in[2].nchoices, 3);
	/* --to-type follows --type and shares its choices. */
	assert_string_equal(in[3].follows, "type");
	assert_int_equal(in[3].nchoices, 3);

	/* A refund: the city may be left out, the case may not. */
	n = yb_procedure_inputs(embedded, "refund", in, 16);
	assert_int_equal(n, 4);
	assert_string_equal(in[0].name, "city");
	assert_false(in[0].required);
	assert_string_equal(find(in, n, "case")->flag, "--case");
	assert_true(find(in, n, "case")->required);
	assert_int_equal(find(in, n, "case")->nchoices, 21);
}

static void kinds_defaults_and_ranges(void **state)
{
	(void)state;
	yb_input in[16];
	size_t n = yb_procedure_inputs(embedded, "activate", in, 16);
	assert_string_equal(find(in, n, "holder")->default_value, "self");
	assert_int_equal(find(in, n, "remote")->kind, YB_INPUT_BOOL);
	assert_string_equal(find(in, n, "remote")->default_value, "false");

	n = yb_procedure_inputs(embedded, "dental", in, 16);
	const yb_input *cost = find(in, n, "cost");
	assert_int_equal(cost->kind, YB_INPUT_NUMBER);
	assert_true(cost->min == 0 && cost->max == 10000000);
	assert_null(cost->unit_of);
}

/* The waiting rules read --gap-years as twelve months each: one quantity, two units. */
static void gap_years_are_twelve_gap_months(void **state)
{
	(void)state;
	yb_input in[16];
	size_t n = yb_procedure_inputs(embedded, "waiting", in, 16);
	const yb_input *years = find(in, n, "gap-years"), *months = find(in, n, "gap-months");
	assert_string_equal(years->unit_of, "gap-months");
	assert_true(years->unit_factor == 12);
	assert_null(months->unit_of);
	assert_null(find(in, n, "back-paid-years")->unit_of);
}

static void unknown_procedure_and_short_room(void **state)
{
	(void)state;
	yb_input in[2] = {{0}, {0}};
	assert_int_equal(yb_procedure_inputs(embedded, "no-such", in, 2), 0);
	assert_int_equal(yb_procedure_inputs(embedded, NULL, in, 2), 0);
	/* The count is all of them; only `max` are written. */
	yb_input one[1];
	assert_int_equal(yb_procedure_inputs(embedded, "dental", one, 1), 6);
	assert_string_equal(one[0].name, "city");
	assert_int_equal(yb_procedure_inputs(embedded, "dental", NULL, 0), 6);
}

static void choices_and_aliases(void **state)
{
	(void)state;
	yb_input_choice ch;
	assert_true(yb_input_choice_at(embedded, "type", 1, &ch));
	assert_string_equal(ch.value, "resident");
	assert_string_equal(ch.label, "城乡居民医保");
	assert_string_equal(ch.label_en, "Urban and rural resident medical insurance");
	assert_int_equal(ch.naliases, 5);
	assert_string_equal(yb_input_alias(embedded, "type", 1, 0), "居民");
	assert_string_equal(yb_input_alias(embedded, "type", 1, 3), "新农合"); /* an old name */
	assert_null(yb_input_alias(embedded, "type", 1, 5));
	assert_false(yb_input_choice_at(embedded, "type", 3, &ch));
	/* --to-type's are --type's. */
	assert_true(yb_input_choice_at(embedded, "to-type", 0, &ch));
	assert_string_equal(ch.value, "employee");
	/* Not enum inputs: a number, a place, the derived route, nothing. */
	assert_false(yb_input_choice_at(embedded, "cost", 0, &ch));
	assert_false(yb_input_choice_at(embedded, "from", 0, &ch));
	assert_false(yb_input_choice_at(embedded, "route", 0, &ch));
	assert_false(yb_input_choice_at(embedded, "nothing", 0, &ch));
	assert_null(yb_input_alias(embedded, "nothing", 0, 0));
}

/* Every field the same, whichever form the corpus is in. */
static void compiled_and_folder_corpus_agree(void **state)
{
	(void)state;
	static const char *const procs[] = {"transfer", "region-change", "activate",
					    "refund",   "dental",        "waiting"};
	for (size_t p = 0; p < sizeof(procs) / sizeof(procs[0]); p++) {
		yb_input a[16], b[16];
		size_t n = yb_procedure_inputs(embedded, procs[p], a, 16);
		assert_int_equal(n, yb_procedure_inputs(folder, procs[p], b, 16));
		for (size_t i = 0; i < n; i++) {
			assert_string_equal(a[i].name, b[i].name);
			assert_string_equal(a[i].flag, b[i].flag);
			assert_int_equal(a[i].kind, b[i].kind);
			assert_string_equal(a[i].label, b[i].label);
			assert_string_equal(a[i].question, b[i].question);
			assert_int_equal(a[i].required, b[i].required);
			assert_int_equal(a[i].nchoices, b[i].nchoices);
			assert_true(a[i].min == b[i].min && a[i].max == b[i].max);
			assert_true((a[i].unit_of == NULL) == (b[i].unit_of == NULL));
			for (size_t k = 0; k < a[i].nchoices; k++) {
				yb_input_choice x, y;
				assert_true(yb_input_choice_at(embedded, a[i].name, k, &x));
				assert_true(yb_input_choice_at(folder, b[i].name, k, &y));
				assert_string_equal(x.value, y.value);
				assert_int_equal(x.naliases, y.naliases);
			}
		}
	}
}

static char *read_source(const char *path)
{
	char name[1024];
	snprintf(name, sizeof(name), "%s/%s", YIBAO_SOURCE_DIR, path);
	FILE *f = fopen(name, "rb");
	assert_non_null(f);
	static char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *copy = strdup(buf);
	assert_non_null(copy);
	return copy;
}

/* A fact a rule update adds to a procedure is one of its inputs, with all it states. */
static void added_fact_is_an_input(void **state)
{
	(void)state;
	char *facts = read_source("tests/cli/corpora/added-fact/facts/waiting.yaml");
	char *proc = read_source("tests/cli/corpora/added-fact/procedures/waiting.yaml");
	fixture_file files[] = {{"facts/waiting.yaml", facts}, {"procedures/waiting.yaml", proc}};
	yb_corpus *c = NULL;
	yb_error err;
	assert_int_equal(fixture_load(files, 2, "waiting", &c, &err), YB_OK);
	yb_input in[16];
	size_t n = yb_procedure_inputs(c, "waiting", in, 16);
	assert_int_equal(n, 7);
	const yb_input *cause = &in[6];
	assert_string_equal(cause->name, "gap-cause");
	assert_string_equal(cause->flag, "--gap-cause");
	assert_int_equal(cause->kind, YB_INPUT_ENUM);
	assert_string_equal(cause->label, "中断原因");
	assert_int_equal(cause->nchoices, 2);
	yb_input_choice ch;
	assert_true(yb_input_choice_at(c, "gap-cause", 0, &ch));
	assert_string_equal(ch.value, "job-change");
	assert_string_equal(yb_input_alias(c, "gap-cause", 0, 1), "跳槽");
	const char *near[5];
	assert_int_equal(yb_input_nearest(c, "gap-cause", "jobchange", near, 5), 1);
	assert_string_equal(near[0], "job-change");
	yb_corpus_close(c);
	free(facts);
	free(proc);
}

static void nearest(const char *input, const char *typed, const char *const *want, size_t nwant)
{
	const char *got[5];
	size_t n = yb_input_nearest(embedded, input, typed, got, 5);
	if (n != nwant)
		fail_msg("%s %s: %zu near, want %zu", input, typed, n, nwant);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(got[i], want[i]);
}

static void nearest_choices(void **state)
{
	(void)state;
	/* A Chinese word found in labels and aliases: those choices, not 退保 one slip away. */
	static const char *const retired[] = {"retired-overpay", "retired-makeup-overpay",
					      "late-retirement-or-death"};
	nearest("case", "退休", retired, 3);
	static const char *const minor[] = {"minor"}, *const employee[] = {"employee"},
				 *const implant[] = {"implant"}, *const root[] = {"root-canal"};
	nearest("holder", "minr", minor, 1);          /* a slip in an id */
	nearest("type", "Employe", employee, 1);      /* case folded */
	nearest("type", "职员", employee, 1);         /* a slip in an alias (职工) */
	nearest("item", "种牙齿", implant, 1);        /* near the label 种植牙 and alias 种牙 */
	nearest("item", "rootcanal", root, 1);
	nearest("item", "根管治疗呀", root, 1);       /* holds a label */
	nearest("holder", "child", NULL, 0);          /* nothing near */
	nearest("level", "4", NULL, 0);               /* one character: nothing says it is near */
	nearest("type", "", NULL, 0);
	nearest("cost", "100", NULL, 0);              /* not an enum */
	nearest("nothing", "x", NULL, 0);
}

typedef struct {
	char data[8192];
	size_t len;
} sink;

static int collect(void *ctx, const char *data, size_t len)
{
	sink *s = ctx;
	if (s->len + len >= sizeof(s->data))
		return -1;
	memcpy(s->data + s->len, data, len);
	s->len += len;
	s->data[s->len] = '\0';
	return 0;
}

static void list_shows_aliases(void **state)
{
	(void)state;
	sink s = {.len = 0};
	yb_error err;
	assert_int_equal(yb_render_input_choices(embedded, "holder", 0, collect, &s, &err), YB_OK);
	assert_string_equal(s.data, "self   本人\n"
				    "proxy  他人代办（别名：代办、代理）\n"
				    "minor  为新生儿或未成年人办理（别名：新生儿、未成年人、儿童）\n");
	s.len = 0;
	assert_int_equal(yb_render_input_choices(embedded, "holder", 1, collect, &s, &err), YB_OK);
	assert_string_equal(s.data,
			    "[{\"value\":\"self\",\"label\":\"本人\",\"aliases\":[]},"
			    "{\"value\":\"proxy\",\"label\":\"他人代办\",\"aliases\":[\"代办\",\"代理\"]},"
			    "{\"value\":\"minor\",\"label\":\"为新生儿或未成年人办理\",\"aliases\":"
			    "[\"新生儿\",\"未成年人\",\"儿童\"]}]\n");
	assert_int_equal(yb_render_input_choices(embedded, "cost", 0, collect, &s, &err),
			 YB_ENOTFOUND);
	assert_string_equal(err.message, "\"cost\" 没有取值列表");
	assert_string_equal(err.message_en, "\"cost\" has no list of values");
	/* A writer that fails: the render says so. */
	sink full = {.len = sizeof(full.data) - 1};
	assert_int_equal(yb_render_input_choices(embedded, "case", 0, collect, &full, &err), YB_EIO);
}

/* The procedures in corpus order, and each one's inputs exactly as yb_procedure_inputs()
 * lists them, "date" besides. */
static void procedures_and_what_each_takes(void **state)
{
	(void)state;
	static const char *const procs[] = {"transfer", "region-change", "activate",
					    "refund",   "dental",        "waiting"};
	size_t n = 0;
	for (const char *p; (p = yb_procedure_at(embedded, n)); n++) {
		assert_true(n < 6);
		assert_string_equal(p, procs[n]);
		yb_input in[16];
		size_t nin = yb_procedure_inputs(embedded, p, in, 16);
		for (size_t i = 0; i < nin; i++)
			assert_true(yb_procedure_takes(embedded, p, in[i].name));
		assert_true(yb_procedure_takes(embedded, p, "date"));
		assert_false(yb_procedure_takes(embedded, p, "id"));
		assert_false(yb_procedure_takes(embedded, p, "command"));
	}
	assert_int_equal(n, 6);
	assert_true(yb_procedure_takes(embedded, "transfer", "to-type"));
	assert_false(yb_procedure_takes(embedded, "transfer", "city"));
	assert_false(yb_procedure_takes(embedded, "activate", "from"));
	assert_true(yb_procedure_takes(embedded, "activate", "city"));
	assert_false(yb_procedure_takes(embedded, "waiting", "holder"));
	assert_false(yb_procedure_takes(embedded, "teleport", "date"));
	assert_null(yb_procedure_at(embedded, 6));
	/* A corpus loaded for one procedure has that one. */
	yb_corpus *one = NULL;
	yb_error err;
	assert_int_equal(yb_corpus_open_dir(YIBAO_SOURCE_DIR "/rules", "refund", &one, &err),
			 YB_OK);
	assert_string_equal(yb_procedure_at(one, 0), "refund");
	assert_null(yb_procedure_at(one, 1));
	yb_corpus_close(one);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(places_then_asked_facts_in_order),
		cmocka_unit_test(kinds_defaults_and_ranges),
		cmocka_unit_test(gap_years_are_twelve_gap_months),
		cmocka_unit_test(unknown_procedure_and_short_room),
		cmocka_unit_test(choices_and_aliases),
		cmocka_unit_test(compiled_and_folder_corpus_agree),
		cmocka_unit_test(added_fact_is_an_input),
		cmocka_unit_test(nearest_choices),
		cmocka_unit_test(list_shows_aliases),
		cmocka_unit_test(procedures_and_what_each_takes),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
