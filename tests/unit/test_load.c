/*
 * test_load.c - the loader: the real corpus loads; broken corpora are refused with
 * YB_ECORPUS and the exact file:line:column of the problem; running out of memory at any
 * allocation is reported, never a crash or a leak.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "fixture.h"
#include "load.h"
#include "mem.h"

/* A small valid procedure; tests replace one line of it to break it. */
#define PROC_HEAD                                                                                  \
	"procedure: transfer\n"                                                                    \
	"title: 测试\n"                                                                            \
	"places: [from, to]\n"                                                                     \
	"sides:\n"                                                                                 \
	"  out: {place: from, label: 转出地}\n"                                                    \
	"  in: {place: to, label: 转入地}\n"                                                       \
	"asks: [type]\n"                                                                           \
	"layers:\n"                                                                                \
	"  - level: national\n"                                                                    \
	"    tree:\n"

/* Loads a fixture made of `files`: it must fail in files[0] at line:column with `message`. */
static void expect_load_error(const fixture_file *files, int line, int column,
			      const char *message)
{
	yb_corpus *c = (yb_corpus *)1;
	yb_error err;
	yb_status st = fixture_load(files, 1, NULL, &c, &err);
	if (st != YB_ECORPUS || err.line != line || err.column != column ||
	    !strstr(err.message, message))
		print_error("got status %d at %d:%d: %s\n", st, err.line, err.column, err.message);
	assert_int_equal(st, YB_ECORPUS);
	assert_null(c);
	assert_non_null(strstr(err.file, files[0].path));
	assert_int_equal(err.line, line);
	assert_int_equal(err.column, column);
	assert_non_null(strstr(err.message, message));
	assert_true(err.excerpt[0] != '\0');
}

static void expect_error(const char *proc, int line, int column, const char *message)
{
	fixture_file files[] = {{"procedures/transfer.yaml", proc}};
	expect_load_error(files, line, column, message);
}

static void real_corpus_loads(void **state)
{
	(void)state;
	yb_corpus *image = NULL, *yaml = NULL, *dir = NULL;
	yb_error err;
	/* The compiled image holds every procedure; the YAML loaders load the one asked for. */
	assert_int_equal(yb_corpus_open_embedded("transfer", &image, &err), YB_OK);
	assert_int_equal(yb_corpus_open_embedded_yaml("transfer", &yaml, &err), YB_OK);
	assert_int_equal(yb_corpus_open_dir(YIBAO_SOURCE_DIR "/rules", NULL, &dir, &err), YB_OK);
	assert_int_equal(image->owner, IMAGE_STATIC);
	assert_int_equal(yaml->owner, IMAGE_BUILT);
	assert_int_equal(image->nprocedures, dir->nprocedures);
	assert_int_equal(yaml->nprocedures, 1);
	assert_string_equal(yb_str(yaml, yaml->procedures[0].id), "transfer");
	/* 337 prefecture-level cities and the 32 county-level units that report to a province. */
	assert_int_equal(image->ncities, 337 + 32);
	assert_int_equal(yaml->ncities, 337 + 32);
	assert_int_equal(dir->ncities, 337 + 32);
	assert_int_equal(image->nsources, dir->nsources);
	assert_int_equal(yaml->nsources, dir->nsources);
	assert_string_equal(yb_corpus_version(image), yb_corpus_version(dir));
	assert_string_equal(yb_corpus_version(yaml), yb_corpus_version(dir));
	yb_corpus_close(image); /* frees the handle, leaves the static image alone */
	yb_corpus_close(yaml);
	yb_corpus_close(dir);
	yb_corpus_close(NULL); /* harmless */
	/* Still usable after a close. */
	assert_int_equal(yb_corpus_open_embedded(NULL, &image, &err), YB_OK);
	assert_int_equal(image->ncities, 337 + 32);
	yb_corpus_close(image);
}

static void valid_fixture_loads(void **state)
{
	(void)state;
	fixture_file files[] = {{"procedures/transfer.yaml",
				 PROC_HEAD "      steps:\n"
					   "        - id: s1\n"
					   "          side: out\n"
					   "          title: 第一步\n"
					   "          channels: [counter]\n"
					   "          deadline: {working_days: 10}\n"
					   "          sources: [nhsa-2021-43]\n"}};
	yb_corpus *c = NULL;
	yb_error err;
	assert_int_equal(fixture_load(files, 1, "transfer", &c, &err), YB_OK);
	const yb_layer *layer = YB_AT(c, yb_layer, c->procedures[0].layers);
	const yb_node *tree = YB_AT(c, yb_node, layer->tree);
	assert_int_equal(tree->nitems, 1);
	const yb_item *step = YB_NTH(c, yb_item, tree->items, 0);
	assert_int_equal(step->deadline.working_days, 10);
	assert_string_equal(yb_str(c, YB_NTH(c, yb_channel, step->channels, 0)->id), "counter");
	assert_int_equal(step->pos.line, 12);
	yb_corpus_close(c);
}

static void syntax_error(void **state)
{
	(void)state;
	expect_error(PROC_HEAD "      steps:\n"
			       "        - id: s1\n"
			       "         title: 缩进错了\n",
		     13, 10, "did not find expected '-' indicator");
}

static void wrong_type(void **state)
{
	(void)state;
	expect_error("procedure: transfer\ntitle: 测试\nplaces: from\n", 3, 9,
		     "places 应是列表");
}

static void dangling_material(void **state)
{
	(void)state;
	expect_error(PROC_HEAD "      materials:\n"
			       "        - ref: shenfenzheng\n"
			       "          sources: [nhsa-2021-43]\n",
		     12, 16, "未知的材料 \"shenfenzheng\"");
}

static void dangling_channel(void **state)
{
	(void)state;
	expect_error(PROC_HEAD "      steps:\n"
			       "        - id: s1\n"
			       "          title: 第一步\n"
			       "          channels: [counter, fax]\n"
			       "          sources: [nhsa-2021-43]\n",
		     14, 31, "未知的渠道 \"fax\"");
}

static void dangling_source(void **state)
{
	(void)state;
	expect_error(PROC_HEAD "      notes:\n"
			       "        - id: n1\n"
			       "          text: 说明\n"
			       "          sources: [nhsa-2021-43, no-such-doc]\n",
		     14, 35, "未知的来源 \"no-such-doc\"");
}

static void item_without_source(void **state)
{
	(void)state;
	expect_error(PROC_HEAD "      notes:\n"
			       "        - id: n1\n"
			       "          text: 说明\n",
		     12, 11, "缺少必需的键 \"sources\"");
}

static void unknown_key(void **state)
{
	(void)state;
	expect_error(PROC_HEAD "      notes:\n"
			       "        - id: n1\n"
			       "          txet: 说明\n"
			       "          sources: [nhsa-2021-43]\n",
		     13, 11, "未知的键 \"txet\"");
}

static void unconfirmed_source_needs_flag(void **state)
{
	(void)state;
	expect_error(PROC_HEAD "      notes:\n"
			       "        - id: n1\n"
			       "          text: 广东省内个人账户不划转\n"
			       "          sources: [seed-003-guangdong-account]\n",
		     12, 11, "未经确认的来源");
}

static void bad_case_value(void **state)
{
	(void)state;
	expect_error(PROC_HEAD "      test: type\n"
			       "      cases:\n"
			       "        - when: retired\n",
		     13, 17, "\"retired\" 不是 type 的取值");
}

static void untestable_fact(void **state)
{
	(void)state;
	expect_error(PROC_HEAD "      test: age\n"
			       "      cases:\n"
			       "        - when: 50\n",
		     11, 13, "不能判断 \"age\"");
}

static void unknown_area(void **state)
{
	(void)state;
	expect_error(PROC_HEAD "      notes: []\n"
			       "  - level: province\n"
			       "    area: 火星\n"
			       "    tree: {}\n",
		     13, 11, "未知的省份");
}

static void alias_refused(void **state)
{
	(void)state;
	expect_error(PROC_HEAD "      notes:\n"
			       "        - &n id: n1\n",
		     12, 11, "锚点");
}

static void duplicate_catalogue_id(void **state)
{
	(void)state;
	fixture_file files[] = {{"catalog/materials.yaml", "materials:\n"
							   "  - id: id-card\n"
							   "    name: 居民身份证\n"
							   "  - id: id-card\n"
							   "    name: 身份证\n"}};
	yb_corpus *c = NULL;
	yb_error err;
	assert_int_equal(fixture_load(files, 1, "transfer", &c, &err), YB_ECORPUS);
	assert_non_null(strstr(err.file, "catalog/materials.yaml"));
	assert_int_equal(err.line, 4);
	assert_int_equal(err.column, 9);
	assert_non_null(strstr(err.message, "材料 id \"id-card\" 重复"));
}

/* Loads the real corpus with the first `from` in rules/`path` replaced by `to`; it must fail
 * at line:column with `message`. */
static void expect_error_in_real(const char *path, const char *from, const char *to, int line,
				 int column, const char *message)
{
	char name[256], *text = NULL, *changed;
	snprintf(name, sizeof(name), "%s/rules/%s", YIBAO_SOURCE_DIR, path);
	FILE *f = fopen(name, "rb");
	assert_non_null(f);
	size_t len = 0, got;
	text = malloc(1 << 20);
	assert_non_null(text);
	while ((got = fread(text + len, 1, (1 << 20) - 1 - len, f)) > 0)
		len += got;
	text[len] = '\0';
	fclose(f);
	char *at = strstr(text, from);
	assert_non_null(at);
	changed = malloc(len + strlen(to) + 1);
	assert_non_null(changed);
	snprintf(changed, len + strlen(to) + 1, "%.*s%s%s", (int)(at - text), text, to,
		 at + strlen(from));
	fixture_file files[] = {{path, changed}};
	expect_load_error(files, line, column, message);
	free(changed);
	free(text);
}

/* Numbers in the corpus are read strictly and within their ranges: nan compares false with
 * every bound, so a range check alone lets it through. */
static void corpus_numbers_are_strict(void **state)
{
	(void)state;
	expect_error_in_real("procedures/dental.yaml", "ratio: 0.80", "ratio: nan", 251, 34,
			     "应为 0 到 1 之间的数");
	expect_error_in_real("procedures/dental.yaml", "ratio: 0.80", "ratio: 1.5", 251, 34,
			     "应为 0 到 1 之间的数");
	expect_error_in_real("procedures/dental.yaml", "ratio: 0.80", "ratio: 0", 251, 34,
			     "ratio 是大于 0、不超过 1 的比例");
	expect_error_in_real("procedures/dental.yaml", "deductible: 500", "deductible: -inf", 259,
			     39, "应为 0 到 10000000 之间的数");
	expect_error_in_real("procedures/dental.yaml", "deductible: 500", "deductible: 0x1F4",
			     259, 39, "应为 0 到 10000000 之间的数");
	/* A number fact states its range: min and max, finite, in order. */
	expect_error_in_real("facts/dental.yaml", "    max: 10000000\n", "", 55, 5,
			     "缺少必需的键 \"max\"");
	expect_error_in_real("facts/dental.yaml", "max: 10000000", "max: nan", 61, 10,
			     "应为 -10000000 到 10000000 之间的数");
	expect_error_in_real("facts/dental.yaml", "max: 10000000", "max: -1", 61, 10,
			     "max 小于 min");
}

static void missing_file(void **state)
{
	(void)state;
	yb_corpus *c = NULL;
	yb_error err;
	assert_int_equal(yb_corpus_open_dir("/nonexistent/rules", NULL, &c, &err), YB_ECORPUS);
	assert_non_null(strstr(err.message, "corpus.yaml"));
	assert_null(c);

	/* A folder written with a trailing slash is named once, with one slash. */
	fixture_file bad[] = {{"corpus.yaml", "version: [\n"}};
	char dir[512];
	snprintf(dir, sizeof(dir), "%s/", fixture_make(bad, 1));
	assert_int_equal(yb_corpus_open_dir(dir, NULL, &c, &err), YB_ECORPUS);
	fixture_remove();
	assert_null(strstr(err.file, "//"));
	assert_int_equal(strlen(err.file), strlen(dir) + strlen("corpus.yaml"));
}

static void unknown_procedure(void **state)
{
	(void)state;
	yb_corpus *c = NULL;
	yb_error err;
	assert_int_equal(yb_corpus_open_embedded("teleport", &c, &err), YB_ENOTFOUND);
	assert_null(c);
	assert_string_equal(err.message, "未知的事项 \"teleport\"");
	assert_string_equal(err.message_en, "unknown procedure \"teleport\"");
	assert_int_equal(yb_corpus_open_dir(YIBAO_SOURCE_DIR "/rules", "teleport", &c, &err), YB_ENOTFOUND);
	assert_null(c);
	assert_string_equal(err.message_en, "unknown procedure \"teleport\"");
}

/* Fails each allocation of a full load in turn: every failure is YB_ENOMEM, and ASan's leak
 * check proves nothing is left behind. */
static void out_of_memory_at_every_allocation(void **state)
{
	(void)state;
	long n;
	for (n = 0;; n++) {
		yb_corpus *c = NULL;
		yb_error err;
		yb_mem_fail_after(n);
		yb_status st = yb_corpus_open_embedded_yaml("transfer", &c, &err);
		yb_mem_fail_after(-1);
		if (st == YB_OK) {
			yb_corpus_close(c);
			break;
		}
		assert_int_equal(st, YB_ENOMEM);
		assert_null(c);
	}
	assert_true(n > 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(real_corpus_loads),
		cmocka_unit_test(valid_fixture_loads),
		cmocka_unit_test(syntax_error),
		cmocka_unit_test(wrong_type),
		cmocka_unit_test(dangling_material),
		cmocka_unit_test(dangling_channel),
		cmocka_unit_test(dangling_source),
		cmocka_unit_test(item_without_source),
		cmocka_unit_test(unknown_key),
		cmocka_unit_test(unconfirmed_source_needs_flag),
		cmocka_unit_test(bad_case_value),
		cmocka_unit_test(untestable_fact),
		cmocka_unit_test(unknown_area),
		cmocka_unit_test(alias_refused),
		cmocka_unit_test(duplicate_catalogue_id),
		cmocka_unit_test(corpus_numbers_are_strict),
		cmocka_unit_test(missing_file),
		cmocka_unit_test(unknown_procedure),
		cmocka_unit_test(out_of_memory_at_every_allocation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
