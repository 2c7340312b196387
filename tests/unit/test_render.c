/*
 * test_render.c - an answer rendered in English (YB_RENDER_LANG_EN) and in Chinese: official
 * names keep their Chinese with the corpus's English beside them, the Chinese renderings know
 * nothing of English, and the JSON cache of a batch keeps the two languages apart.
 *
 * The corpus is the real one, but for one source given an English title (none has one yet).
 */
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
#include "render.h"

static const char title_zh[] = "基本医疗保险关系转移接续暂行办法";
static const char title_en[] = "Interim Measures for Transferring Basic Medical Insurance";

/* rules/catalog/sources.yaml with the English title above for its source nhsa-2021-43. */
static char *sources_with_english(void)
{
	char path[512], line[256], *text;
	snprintf(path, sizeof(path), "%s/rules/catalog/sources.yaml", YIBAO_SOURCE_DIR);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	long size = ftell(f);
	rewind(f);
	assert_non_null(text = malloc((size_t)size + 512));
	text[0] = '\0';
	snprintf(line, sizeof(line), "    title: %s\n", title_zh);
	size_t len = 0, changed = 0;
	char buf[4096];
	while (fgets(buf, sizeof(buf), f)) {
		if (!strcmp(buf, line) && !changed++)
			len += (size_t)sprintf(text + len, "    title: {zh: %s, en: '%s'}\n", title_zh,
					       title_en);
		else
			len += (size_t)sprintf(text + len, "%s", buf);
	}
	fclose(f);
	assert_int_equal(changed, 1);
	return text;
}

static int open_corpus(void **state)
{
	char *sources = sources_with_english();
	const fixture_file files[] = {{"catalog/sources.yaml", sources}};
	yb_corpus *c = NULL;
	yb_error err;
	yb_status st = fixture_load(files, 1, "transfer", &c, &err);
	free(sources);
	if (st)
		print_error("%s:%d: %s\n", err.file, err.line, err.message);
	*state = c;
	return st ? -1 : 0;
}

static yb_answer *ask(void **state, const char *type)
{
	const char *facts[][2] = {{"from", "changde"}, {"to", "changsha"}, {"date", "2026-11-23"},
				  {"type", type}};
	yb_query *q = NULL;
	yb_answer *a = NULL;
	yb_error err;
	assert_int_equal(yb_query_new(*state, "transfer", &q, &err), YB_OK);
	for (size_t i = 0; i < 4 && facts[i][1]; i++)
		assert_int_equal(yb_query_set(q, facts[i][0], facts[i][1], &err), YB_OK);
	assert_int_equal(yb_query_run(q, &a, &err), YB_OK);
	yb_query_free(q);
	return a;
}

static int collect(void *ctx, const char *data, size_t len)
{
	yb_buf_append(ctx, data, len);
	return 0;
}

static char *render(const yb_answer *a, unsigned flags, bool json)
{
	yb_buf b = {0};
	yb_error err;
	yb_status st = json ? yb_answer_render_json(a, flags, collect, &b, &err)
			    : yb_answer_render_text(a, flags, collect, &b, &err);
	assert_int_equal(st, YB_OK);
	assert_false(b.failed);
	char *copy = strdup(b.data);
	yb_buf_free(&b);
	assert_non_null(copy);
	return copy;
}

static void contains(const char *text, const char *part)
{
	if (!strstr(text, part))
		print_error("no \"%s\" in:\n%s\n", part, text);
	assert_non_null(strstr(text, part));
}

/* A document's title keeps its Chinese, its English beside it; in Chinese, no English. */
static void official_titles(void **state)
{
	char want[512];
	yb_answer *a = ask(state, "employee");

	char *text = render(a, YB_RENDER_LANG_EN, false);
	snprintf(want, sizeof(want), "《%s》 (%s) 医保办发〔2021〕43号, ", title_zh, title_en);
	contains(text, want);
	contains(text, "\nSources\n");
	free(text);

	text = render(a, 0, false);
	snprintf(want, sizeof(want), "《%s》医保办发〔2021〕43号，", title_zh);
	contains(text, want);
	assert_null(strstr(text, title_en));
	free(text);

	char *json = render(a, YB_RENDER_LANG_EN, true);
	assert_int_equal(strncmp(json, "{\"schema\":1,\"lang\":\"en\",", 24), 0);
	snprintf(want, sizeof(want), "\"title\":\"%s\",\"title_en\":\"%s\",", title_zh, title_en);
	contains(json, want);
	free(json);

	json = render(a, 0, true);
	assert_int_equal(strncmp(json, "{\"schema\":1,\"procedure\"", 23), 0);
	assert_null(strstr(json, "title_en"));
	assert_null(strstr(json, "name_en"));
	free(json);
	yb_answer_free(a);
}

/* A batch renders its answers through one cache of the items' JSON: answers in one language
 * and the other, one after the other, each read as it does on its own. */
static void cache_keeps_languages_apart(void **state)
{
	yb_answer *a[2] = {ask(state, "employee"), ask(state, NULL)};
	unsigned langs[] = {0, YB_RENDER_LANG_EN, YB_RENDER_LANG_EN, 0, 0, YB_RENDER_LANG_EN};
	yb_json_cache *cache = yb_json_cache_new();
	assert_non_null(cache);
	for (size_t i = 0; i < sizeof(langs) / sizeof(langs[0]); i++) {
		const yb_answer *x = a[i % 2];
		char *alone = render(x, langs[i], true);
		yb_buf b = {0};
		yb_error err;
		assert_int_equal(yb_render_json_to(x, langs[i], &b, cache, &err), YB_OK);
		assert_false(b.failed);
		assert_string_equal(b.data, alone);
		yb_buf_free(&b);
		free(alone);
	}
	yb_json_cache_free(cache);
	yb_answer_free(a[0]);
	yb_answer_free(a[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(official_titles),
		cmocka_unit_test(cache_keeps_languages_apart),
	};
	return cmocka_run_group_tests(tests, open_corpus, fixture_close);
}
