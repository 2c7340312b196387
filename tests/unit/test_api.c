/*
 * test_api.c - the contract of include/yibao.h as a caller sees it: every public function that
 * can fail does so cleanly when its yb_error is NULL (the header allows it everywhere), and the
 * other arguments the header says may be NULL are accepted.
 *
 * Each call below fails on purpose, with err == NULL; it must return the documented status and
 * neither crash nor leak (the suite runs under AddressSanitizer too).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle.h"
#include "corpus.h"
#include "fixture.h"
#include "mem.h"
#include "yibao.h"

static int setup(void **state)
{
	yb_corpus *c = NULL;
	if (yb_corpus_open_embedded(NULL, &c, NULL))
		return -1;
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	yb_corpus_close(*state);
	return 0;
}

static int refuse(void *ctx, const char *data, size_t len)
{
	(void)ctx, (void)data, (void)len;
	return -1;
}

static int discard(void *ctx, const char *data, size_t len)
{
	(void)ctx, (void)data, (void)len;
	return 0;
}

static void no_diag(void *ctx, const yb_diag *d)
{
	(void)ctx, (void)d;
}

/* Keeps the last report line. */
static void last_line(void *ctx, const char *line)
{
	snprintf(ctx, 512, "%s", line);
}

/* A temporary folder for the configuration and data of the update functions. */
static char home[64];

static void home_make(void)
{
	char path[128];
	strcpy(home, "/tmp/yibao-api-XXXXXX");
	assert_non_null(mkdtemp(home));
	snprintf(path, sizeof(path), "%s/config", home);
	setenv("XDG_CONFIG_HOME", path, 1);
	snprintf(path, sizeof(path), "%s/data", home);
	setenv("XDG_DATA_HOME", path, 1);
	unsetenv("YIBAO_RULES");
}

static void home_remove(void)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", home);
	assert_int_equal(system(cmd), 0);
}

static void write_file(const char *path, const char *data, size_t len)
{
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s')\"", path);
	assert_int_equal(system(cmd), 0);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void corpus_functions(void **state)
{
	yb_corpus *c = (void *)1;
	assert_int_equal(yb_corpus_open_embedded("no-such-procedure", &c, NULL), YB_ENOTFOUND);
	assert_null(c);

	c = (void *)1;
	assert_int_equal(yb_corpus_open_dir("/nonexistent/yibao-rules", NULL, &c, NULL),
			 YB_ECORPUS);
	assert_null(c);
	/* A corpus file that does not parse: the loader reads back the error it filled in. */
	static const fixture_file broken[] = {{"facts.yaml", "facts: [\n"}};
	c = (void *)1;
	assert_int_equal(fixture_load(broken, 1, NULL, &c, NULL), YB_ECORPUS);
	assert_null(c);

	yb_city_info info;
	assert_int_equal(yb_city_lookup(*state, "no-such-city", &info, NULL), YB_ENOTFOUND);
	assert_int_equal(yb_city_lookup(*state, "fuzhou", &info, NULL), YB_EAMBIGUOUS);

	/* NULL arguments the header allows. */
	yb_corpus_close(NULL);
	yb_query_free(NULL);
	yb_answer_free(NULL);
	assert_int_equal(yb_corpus_open_embedded(NULL, &c, NULL), YB_OK);
	yb_corpus_close(c);
}

static void query_functions(void **state)
{
	yb_query *q = (void *)1;
	assert_int_equal(yb_query_new(*state, "no-such-procedure", &q, NULL), YB_ENOTFOUND);
	assert_int_equal(yb_query_new(*state, "transfer", &q, NULL), YB_OK);
	assert_int_equal(yb_query_set(q, "date", "2026-02-30", NULL), YB_EUSAGE);
	assert_int_equal(yb_query_set(q, "from", "no-such-city", NULL), YB_ENOTFOUND);
	assert_int_equal(yb_query_set(q, "from", "fuzhou", NULL), YB_EAMBIGUOUS);
	assert_int_equal(yb_query_set(q, "type", "no-such-type", NULL), YB_ENOTFOUND);
	assert_int_equal(yb_query_set(q, "no-such-fact", "x", NULL), YB_EUSAGE);
	yb_answer *a = (void *)1;
	assert_int_equal(yb_query_run(q, &a, NULL), YB_EUSAGE); /* no --from */
	assert_null(a);

	assert_int_equal(yb_query_set(q, "from", "changde", NULL), YB_OK);
	assert_int_equal(yb_query_set(q, "to", "changsha", NULL), YB_OK);
	assert_int_equal(yb_query_set(q, "date", "2026-11-30", NULL), YB_OK);
	assert_int_equal(yb_query_run(q, &a, NULL), YB_OK);
	assert_int_equal(yb_answer_render_text(a, 0, refuse, NULL, NULL), YB_EIO);
	assert_int_equal(yb_answer_render_json(a, 0, refuse, NULL, NULL), YB_EIO);
	yb_corpus_origin o = {0};
	o.fallback = YB_FALLBACK_REJECTED;
	snprintf(o.warning, sizeof(o.warning), "rejected");
	/* Out of memory at each allocation in turn, until it succeeds. */
	yb_status st = YB_ENOMEM;
	for (long n = 0; st == YB_ENOMEM; n++) {
		yb_mem_fail_after(n);
		st = yb_answer_note_fallback(a, &o, NULL);
		yb_mem_fail_after(-1);
		assert_true(st == YB_OK || st == YB_ENOMEM);
	}
	yb_answer_free(a);
	yb_query_free(q);

	assert_int_equal(yb_render_choices(*state, "type", 0, refuse, NULL, NULL), YB_EIO);
	assert_int_equal(yb_render_sources(*state, 0, 0, refuse, NULL, NULL), YB_EIO);
	assert_int_equal(yb_render_sources(*state, 1, 1, refuse, NULL, NULL), YB_EIO);
	assert_int_equal(yb_render_choices(*state, "type", 1, refuse, NULL, NULL), YB_EIO);
	assert_int_equal(yb_render_choices(*state, "no-such-fact", 0, discard, NULL, NULL),
			 YB_ENOTFOUND);
	yb_error err;
	assert_int_equal(yb_render_choices(*state, "no-such-fact", 0, discard, NULL, &err),
			 YB_ENOTFOUND);
	assert_string_equal(err.message, "\"no-such-fact\" 没有取值列表");
	assert_string_equal(err.message_en, "\"no-such-fact\" has no list of values");
}

static void batch_functions(void **state)
{
	yb_batch_stats stats;
	FILE *in = fmemopen((char *)"{\"command\":\"transfer\"}\n", 23, "r");
	assert_non_null(in);
	assert_int_equal(yb_batch(*state, in, refuse, NULL, &stats, NULL), YB_EIO);
	fclose(in);
	/* A folder opens for reading but cannot be read: the input fails (origin may be NULL). */
	in = fopen("/", "r");
	assert_non_null(in);
	assert_int_equal(yb_batch_from(*state, NULL, in, discard, NULL, &stats, NULL), YB_EINPUT);
	fclose(in);
}

static void check_and_lint(void **state)
{
	char line[512] = "";
	yb_check_report rep;
	const char *missing[] = {"/nonexistent/cases"};
	assert_int_equal(yb_check(*state, missing, 1, 0, last_line, line, &rep, NULL), YB_EUSAGE);

	/* A case file that does not parse is reported with its position, err or no err. */
	char dir[] = "/tmp/yibao-api-XXXXXX", path[64];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/bad.yaml", dir);
	write_file(path, "cases:\n  - [\n", 13);
	const char *paths[] = {path};
	assert_int_equal(yb_check(*state, paths, 1, 0, last_line, line, &rep, NULL), YB_OK);
	assert_int_equal(rep.failed, 1);
	assert_non_null(strstr(line, "bad.yaml:2:6: YAML 语法错误"));
	unlink(path);
	rmdir(dir);

	size_t errors, warnings;
	assert_int_equal(yb_lint("/nonexistent/yibao-rules", no_diag, NULL, &errors, &warnings,
				 NULL),
			 YB_ECORPUS);
	assert_int_equal(yb_lint(NULL, no_diag, NULL, &errors, &warnings, NULL), YB_OK);
}

static void numbers_and_days(void **state)
{
	double d;
	long l;
	assert_int_equal(yb_number_read("--cost", "abc", 0, 10, &d, NULL), YB_EUSAGE);
	assert_int_equal(yb_integer_read("--n", "1.5", 0, 10, &l, NULL), YB_EUSAGE);
	char out[11];
	assert_int_equal(yb_workday(*state, "2026-13-01", 1, out, NULL, NULL), YB_EUSAGE);
	assert_int_equal(yb_workday(*state, "2026-11-30", YB_WORKDAY_MAX + 1, out, NULL, NULL),
			 YB_EUSAGE);
	assert_int_equal(yb_workday(*state, "2026-11-30", 1, out, NULL, NULL), YB_OK);
}

static void keys_and_bundles(void **state)
{
	(void)state;
	char pub[65], id[17], key[128], out[128];
	yb_bundle_info info;
	home_make();
	snprintf(key, sizeof(key), "%s/key", home);
	assert_int_equal(yb_keygen(key, pub, id, NULL), YB_OK);
	assert_int_equal(yb_keygen(key, pub, id, NULL), YB_EUSAGE); /* never overwritten */
	snprintf(out, sizeof(out), "%s/b.bundle", home);
	assert_int_equal(yb_bundle_make("/nonexistent/yibao-rules", key, out, &info, NULL),
			 YB_ECORPUS);
	home_remove();
}

/* yb_update() and yb_update_rollback() read back the error of what they called. */
static void updates(void **state)
{
	(void)state;
	char path[256];
	yb_update_result r;
	yb_update_options opts = {0};

	home_make();
	/* A configuration that does not parse. */
	snprintf(path, sizeof(path), "%s/config/yibao/config.yaml", home);
	write_file(path, "url: [\n", 7);
	assert_int_equal(yb_update(&opts, &r, NULL), YB_EUSAGE);
	/* The data folder cannot be locked (its lock file is a folder). */
	write_file(path, "url: http://127.0.0.1:1/rules.bundle\n", 37);
	snprintf(path, sizeof(path), "%s/data/yibao/lock/x", home);
	write_file(path, "", 0);
	assert_int_equal(yb_update(&opts, &r, NULL), YB_EIO);

	/* Nothing installed: nothing to roll back to. */
	assert_int_equal(yb_update_rollback(&r, NULL), YB_EUSAGE);
	snprintf(path, sizeof(path), "%s/data/yibao/current", home);
	assert_int_equal(symlink("corpora/none", path), 0);
	assert_int_equal(yb_update_rollback(&r, NULL), YB_EIO);

	yb_corpus *c = (void *)1;
	yb_corpus_origin o;
	assert_int_equal(yb_corpus_open_auto("/nonexistent/yibao-rules", NULL, &c, &o, NULL),
			 YB_ECORPUS);
	assert_null(c);
	home_remove();
}

/* Reads a whole file into memory (the caller frees it). */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	long n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	char *data = malloc((size_t)n + 1);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	data[n] = '\0';
	*len = (size_t)n;
	return data;
}

/*
 * An installed update that cannot answer (it lacks the procedure asked for):
 * yb_corpus_open_auto() says why in origin->warning, and the embedded corpus is tried.
 */
static void installed_but_unloadable(void **state)
{
	(void)state;
	char key[128], pub[65], id[17], path[512], cfg[256], bundle[128];
	size_t len;
	yb_error err;

	home_make();
	snprintf(key, sizeof(key), "%s/key", home);
	assert_int_equal(yb_keygen(key, pub, id, &err), YB_OK);
	snprintf(path, sizeof(path), "%s/config/yibao/config.yaml", home);
	int n = snprintf(cfg, sizeof(cfg), "keys:\n  - %s\n", pub);
	write_file(path, cfg, (size_t)n);

	/* The shipped corpus as a newer version, signed with that key. */
	snprintf(path, sizeof(path), "%s/rules/corpus.yaml", YIBAO_SOURCE_DIR);
	char *manifest = slurp(path, &len);
	char *v = strstr(manifest, "\nversion: ");
	assert_non_null(v);
	memcpy(v + 10, "9999", 4);
	const fixture_file newer[] = {{"corpus.yaml", manifest}};
	const char *dir = fixture_make(newer, 1);
	free(manifest);
	snprintf(bundle, sizeof(bundle), "%s/b.bundle", home);
	yb_bundle_info info;
	assert_int_equal(yb_bundle_make(dir, key, bundle, &info, &err), YB_OK);
	fixture_remove();

	/* Installed by hand, as yb_update() lays it out. */
	char *data = slurp(bundle, &len);
	yb_bundle *b = malloc(sizeof(*b));
	yb_keyring kr;
	assert_non_null(b);
	assert_int_equal(yb_bundle_read(data, len, b, &err), YB_OK);
	assert_int_equal(yb_keyring_load(&kr, &err), YB_OK);
	assert_int_equal(yb_bundle_verify(b, &kr, &err), YB_OK);
	for (size_t i = 0; i < b->nfiles; i++) {
		snprintf(path, sizeof(path), "%s/data/yibao/corpora/v/rules/%.*s", home,
			 (int)b->files[i].path_len, b->files[i].path);
		write_file(path, b->files[i].data, b->files[i].len);
	}
	snprintf(path, sizeof(path), "%s/data/yibao/corpora/v/manifest.yaml", home);
	write_file(path, b->manifest, b->manifest_len);
	snprintf(path, sizeof(path), "%s/data/yibao/corpora/v/manifest.sig", home);
	write_file(path, b->signature, strlen(b->signature));
	snprintf(path, sizeof(path), "%s/data/yibao/current", home);
	assert_int_equal(symlink("corpora/v", path), 0);
	free(b);
	free(data);
	/* And compiled into the image that queries map. */
	yb_corpus *built;
	snprintf(path, sizeof(path), "%s/data/yibao/corpora/v/rules", home);
	assert_int_equal(yb_corpus_open_dir(path, NULL, &built, &err), YB_OK);
	snprintf(path, sizeof(path), "%s/data/yibao/corpora/v/corpus.img", home);
	write_file(path, (const char *)built->base, built->size);
	yb_corpus_close(built);

	yb_corpus *c = NULL;
	yb_corpus_origin o;
	assert_int_equal(yb_corpus_open_auto(NULL, NULL, &c, &o, NULL), YB_OK);
	assert_int_equal(o.kind, YB_ORIGIN_INSTALLED);
	yb_corpus_close(c);
	c = (void *)1;
	assert_int_equal(yb_corpus_open_auto(NULL, "no-such-procedure", &c, &o, NULL),
			 YB_ENOTFOUND);
	assert_null(c);
	assert_int_equal(o.fallback, YB_FALLBACK_UNLOADABLE);
	assert_non_null(strstr(o.warning, "no-such-procedure"));
	home_remove();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(corpus_functions),
		cmocka_unit_test(query_functions),
		cmocka_unit_test(batch_functions),
		cmocka_unit_test(check_and_lint),
		cmocka_unit_test(numbers_and_days),
		cmocka_unit_test(keys_and_bundles),
		cmocka_unit_test(updates),
		cmocka_unit_test(installed_but_unloadable),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
