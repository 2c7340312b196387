/*
 * test_bundle.c - the pieces of signed updates: manifests (parsed, refused), signatures (good,
 * bad, unknown key, missing), bundles read from bytes (every truncation refused cleanly),
 * version order, and which URLs may be fetched.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "bundle.h"
#include "buf.h"
#include "fetch.h"
#include "fixture.h"
#include "mem.h"

static unsigned char seed[32], pub[32];
static yb_keyring ring;

static int setup(void **state)
{
	(void)state;
	yb_error err;
	memset(&ring, 0, sizeof(ring));
	if (yb_ed25519_keygen(seed, pub, &err) || yb_key_id(pub, ring.keys[0].id, &err))
		return -1;
	memcpy(ring.keys[0].pub, pub, 32);
	ring.n = 1;
	return 0;
}

/* A manifest for one file with this content, signed by the test key. */
static void manifest_for(const char *content, yb_buf *m, char sig_hex[129])
{
	unsigned char h[32], sig[64];
	char hex[65];
	yb_error err;
	assert_int_equal(yb_sha256(content, strlen(content), h, &err), YB_OK);
	yb_hex(h, 32, hex);
	memset(m, 0, sizeof(*m));
	yb_buf_printf(m, "format: 1\nversion: \"2030.1.1\"\ndate: 2030-01-01\nkey: %s\nfiles:\n"
			 "  - {path: corpus.yaml, size: %zu, sha256: %s}\n",
		      ring.keys[0].id, strlen(content), hex);
	assert_int_equal(yb_ed25519_sign(seed, m->data, m->len, sig, &err), YB_OK);
	yb_hex(sig, 64, sig_hex);
}

static void manifests_parse_and_refuse(void **state)
{
	(void)state;
	yb_manifest *m = malloc(sizeof(*m));
	yb_error err;
	const char *good = "format: 1\nversion: \"1.2\"\ndate: 2030-01-01\nkey: abcdef0123456789\n"
			   "files:\n  - {path: procedures/a.yaml, size: 3, sha256: "
			   "0000000000000000000000000000000000000000000000000000000000000000}\n";
	assert_int_equal(yb_manifest_parse(good, strlen(good), m, &err), YB_OK);
	assert_string_equal(m->version, "1.2");
	assert_int_equal(m->nfiles, 1);
	assert_int_equal(m->files[0].size, 3);
	static const char *const bad[] = {
		"format: 2\nversion: 1\ndate: 2030-01-01\nkey: k\nfiles: []\n",
		"format: 1\ndate: 2030-01-01\nkey: k\nfiles: [{path: a.yaml, size: 1, sha256: 00}]\n",
		"format: 1\nversion: 1\ndate: 2030-01-01\nkey: k\nfiles:\n  - {path: ../etc/passwd, "
		"size: 1, sha256: 0000000000000000000000000000000000000000000000000000000000000000}\n",
		"format: 1\nversion: 1\ndate: 2030-01-01\nkey: k\nfiles:\n  - {path: /abs.yaml, size: "
		"1, sha256: 0000000000000000000000000000000000000000000000000000000000000000}\n",
		"format: 1\nversion: 1\ndate: 2030-01-01\nkey: k\nfiles:\n  - {path: a.yaml, size: "
		"x, sha256: 0000000000000000000000000000000000000000000000000000000000000000}\n",
		"format: 1\nversion: 1\ndate: 2030-01-01\nkey: k\nfiles:\n  - {path: a.yaml, size: "
		"1, sha256: 00zz}\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(yb_manifest_parse(bad[i], strlen(bad[i]), m, &err), YB_ECORPUS);
	free(m);
}

static void signatures(void **state)
{
	(void)state;
	yb_buf m;
	char sig[129];
	yb_manifest *out = malloc(sizeof(*out));
	yb_error err;
	manifest_for("version: 2030.1.1\n", &m, sig);
	assert_int_equal(yb_manifest_verify(m.data, m.len, sig, &ring, out, &err), YB_OK);
	/* One bit of the manifest changed. */
	m.data[20] ^= 1;
	assert_int_equal(yb_manifest_verify(m.data, m.len, sig, &ring, out, &err), YB_ECORPUS);
	m.data[20] ^= 1;
	/* One digit of the signature changed. */
	sig[10] = sig[10] == '0' ? '1' : '0';
	assert_int_equal(yb_manifest_verify(m.data, m.len, sig, &ring, out, &err), YB_ECORPUS);
	assert_non_null(strstr(err.message, "签名无效"));
	assert_non_null(strstr(err.message_en, "invalid signature: the manifest was not signed"));
	assert_int_equal(yb_manifest_verify(m.data, m.len, "", &ring, out, &err), YB_ECORPUS);
	assert_non_null(strstr(err.message, "没有签名"));
	assert_string_equal(err.message_en, "the bundle is not signed");
	assert_int_equal(yb_manifest_verify(m.data, m.len, "abc", &ring, out, &err), YB_ECORPUS);
	/* A ring without the key. */
	yb_keyring empty = {0};
	yb_buf_free(&m);
	manifest_for("version: 2030.1.1\n", &m, sig);
	assert_int_equal(yb_manifest_verify(m.data, m.len, sig, &empty, out, &err), YB_ECORPUS);
	assert_non_null(strstr(err.message, "不受信任"));
	assert_non_null(strstr(err.message_en, "is not trusted"));
	yb_buf_free(&m);
	free(out);
}

static void bundles_and_every_truncation(void **state)
{
	(void)state;
	const char *content = "version: 2030.1.1\n";
	yb_buf m, b = {0};
	char sig[129];
	yb_bundle *bundle = malloc(sizeof(*bundle));
	yb_error err;
	manifest_for(content, &m, sig);
	yb_buf_printf(&b, "yibao-bundle 1\nmanifest %zu\n", m.len);
	yb_buf_append(&b, m.data, m.len);
	yb_buf_printf(&b, "\nsignature %s\nfile corpus.yaml %zu\n%s\nend\n", sig, strlen(content),
		      content);
	assert_int_equal(yb_bundle_read(b.data, b.len, bundle, &err), YB_OK);
	assert_int_equal(bundle->nfiles, 1);
	assert_int_equal(yb_bundle_verify(bundle, &ring, &err), YB_OK);

	/* Every prefix of the bundle is refused as truncated, never read past its end. */
	for (size_t len = 0; len < b.len; len++) {
		char *copy = malloc(len + 1);
		memcpy(copy, b.data, len);
		assert_int_equal(yb_bundle_read(copy, len, bundle, &err), YB_ECORPUS);
		free(copy);
	}
	assert_string_equal(err.message_en, "the bundle is incomplete or malformed");
	/* A file whose bytes differ from the manifest. */
	char *flip = strstr(b.data, "file corpus.yaml");
	flip = strchr(flip, '\n') + 1;
	flip[0] = 'V';
	assert_int_equal(yb_bundle_read(b.data, b.len, bundle, &err), YB_OK);
	assert_int_equal(yb_bundle_verify(bundle, &ring, &err), YB_ECORPUS);
	assert_non_null(strstr(err.message, "SHA-256 不符"));
	assert_string_equal(err.message_en,
			    "corpus.yaml does not match the SHA-256 recorded in the manifest");
	yb_buf_free(&m);
	yb_buf_free(&b);
	free(bundle);
}

/* A bundle of one corpus.yaml with this content, its manifest saying version 2030.1.1. */
static void bundle_of(const char *content, yb_buf *b)
{
	yb_buf m;
	char sig[129];
	manifest_for(content, &m, sig);
	memset(b, 0, sizeof(*b));
	yb_buf_printf(b, "yibao-bundle 1\nmanifest %zu\n", m.len);
	yb_buf_append(b, m.data, m.len);
	yb_buf_printf(b, "\nsignature %s\nfile corpus.yaml %zu\n%s\nend\n", sig, strlen(content),
		      content);
	yb_buf_free(&m);
}

static void the_manifest_version_is_the_corpus_version(void **state)
{
	(void)state;
	yb_bundle *bundle = malloc(sizeof(*bundle));
	yb_buf b;
	yb_error err;
	bundle_of("version: 2031.1.1\n", &b);
	assert_int_equal(yb_bundle_read(b.data, b.len, bundle, &err), YB_OK);
	assert_int_equal(yb_bundle_verify(bundle, &ring, &err), YB_ECORPUS);
	assert_non_null(strstr(err.message, "corpus.yaml 写的是 2031.1.1"));
	assert_string_equal(err.message_en, "the manifest says version 2030.1.1, the bundle's "
					    "corpus.yaml says 2031.1.1: not installed");
	yb_buf_free(&b);
	bundle_of("date: 2030-01-01\n", &b);
	assert_int_equal(yb_bundle_read(b.data, b.len, bundle, &err), YB_OK);
	assert_int_equal(yb_bundle_verify(bundle, &ring, &err), YB_ECORPUS);
	assert_non_null(strstr(err.message, "没有 version"));
	assert_string_equal(err.message_en, "the bundle's corpus.yaml has no version");
	yb_buf_free(&b);
	free(bundle);
}

static void version_order(void **state)
{
	(void)state;
	assert_true(yb_version_compare("2026.11.1", "2026.11.1") == 0);
	assert_true(yb_version_compare("2026.12.1", "2026.11.1") > 0);
	assert_true(yb_version_compare("2026.9.1", "2026.11.1") < 0); /* numbers, not text */
	assert_true(yb_version_compare("2027.1", "2026.12.30") > 0);
	assert_true(yb_version_compare("2026.11.1.1", "2026.11.1") > 0);
	assert_true(yb_version_compare("2026.011.1", "2026.11.1") == 0);
	/* No part overflows: a 20-digit part is larger than any shorter one. */
	assert_true(yb_version_compare("99999999999999999999.1", "2030.1") > 0);
	assert_true(yb_version_compare("2030.1", "99999999999999999999.1") < 0);
}

static void versions_are_numbers_only(void **state)
{
	(void)state;
	yb_error err;
	static const char *const good[] = {"2026.11.1", "1", "0.0.1", "999999999.1",
					   "1.2.3.4.5.6.7.8"};
	static const char *const bad[] = {"2030.2.1a", "2030..1", ".1", "1.", "", "v1", "1.-2",
					  "1234567890.1", "99999999999999999999",
					  "1.2.3.4.5.6.7.8.9", "2030.2.1 "};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_int_equal(yb_version_check(good[i], &err), YB_OK);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(yb_version_check(bad[i], &err), YB_ECORPUS);
		assert_non_null(strstr(err.message, "每个数 1 到 9 位"));
		assert_non_null(strstr(err.message_en, "each of 1 to 9 digits"));
	}
	/* A manifest with such a version is refused. */
	yb_manifest *m = malloc(sizeof(*m));
	const char *text = "format: 1\nversion: \"2030.2.1a\"\ndate: 2030-01-01\nkey: k\nfiles:\n"
			   "  - {path: corpus.yaml, size: 1, sha256: "
			   "0000000000000000000000000000000000000000000000000000000000000000}\n";
	assert_int_equal(yb_manifest_parse(text, strlen(text), m, &err), YB_ECORPUS);
	assert_non_null(strstr(err.message, "2030.2.1a"));
	assert_non_null(strstr(err.message_en, "malformed version \"2030.2.1a\""));
	free(m);
}

static void one_rule_for_paths(void **state)
{
	(void)state;
	yb_error err;
	assert_int_equal(yb_bundle_path_check("procedures/transfer.yaml", &err), YB_OK);
	static const char *const bad[] = {"Notes.yaml", "/abs.yaml", "../x.yaml", "a//b.yaml",
					  "a b.yaml", "医保.yaml", ""};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(yb_bundle_path_check(bad[i], &err), YB_ECORPUS);
}

/* A folder with a file name clients would refuse is not bundled, and nothing is written. */
static void bundling_refuses_names_clients_refuse(void **state)
{
	(void)state;
	const fixture_file notes[] = {{"Notes.yaml", "# notes\n"}};
	const char *dir = fixture_make(notes, 1);
	char key[96], out[96], public_hex[65], id[17];
	yb_bundle_info info;
	yb_error err;
	snprintf(key, sizeof(key), "%s/test.key", dir);
	snprintf(out, sizeof(out), "%s/out.bundle", dir);
	assert_int_equal(yb_keygen(key, public_hex, id, &err), YB_OK);
	assert_int_equal(yb_bundle_make(dir, key, out, &info, &err), YB_ECORPUS);
	assert_non_null(strstr(err.message, "Notes.yaml"));
	assert_non_null(strstr(err.message, "小写 ASCII"));
	/* The reason the path is refused follows, in each language. */
	assert_non_null(strstr(err.message_en, "Notes.yaml: not bundled, clients would refuse it: "
					       "unsafe path \"Notes.yaml\""));
	assert_null(strpbrk(err.message_en, "\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xef"));
	assert_int_equal(access(out, F_OK), -1);
	unlink(key);
	fixture_remove();
}

static void which_urls_may_be_fetched(void **state)
{
	(void)state;
	yb_error err;
	assert_int_equal(yb_fetch_url_allowed("https://example.org/r.bundle", &err), YB_OK);
	assert_int_equal(yb_fetch_url_allowed("http://127.0.0.1:8080/r", &err), YB_OK);
	assert_int_equal(yb_fetch_url_allowed("http://127.1.2.3/r", &err), YB_OK);
	assert_int_equal(yb_fetch_url_allowed("http://localhost/r", &err), YB_OK);
	assert_int_equal(yb_fetch_url_allowed("http://[::1]:9/r", &err), YB_OK);
	assert_int_equal(yb_fetch_url_allowed("http://example.org/r", &err), YB_ENETWORK);
	assert_int_equal(yb_fetch_url_allowed("http://127.0.0.1.example.org/r", &err), YB_ENETWORK);
	assert_int_equal(yb_fetch_url_allowed("http://user@10.0.0.1/r", &err), YB_ENETWORK);
	assert_int_equal(yb_fetch_url_allowed("ftp://127.0.0.1/r", &err), YB_EUSAGE);
	assert_int_equal(yb_fetch_url_allowed("rules.bundle", &err), YB_EUSAGE);
	/* Longer than the limit: refused, never cut short. */
	char url[1100] = "https://example.org/";
	size_t n = strlen(url);
	memset(url + n, 'a', YB_URL_MAX - n);
	url[YB_URL_MAX] = '\0';
	assert_int_equal(yb_fetch_url_allowed(url, &err), YB_OK);
	strcat(url, "a");
	assert_int_equal(yb_fetch_url_allowed(url, &err), YB_EUSAGE);
	assert_non_null(strstr(err.message, "URL 长 1024 字节，超过了 1023 字节的上限"));
	assert_non_null(
		strstr(err.message_en, "the URL is 1024 bytes, over the limit of 1023 bytes"));
	/* Spaces, control characters and bytes outside ASCII are not in a URL. */
	assert_int_equal(yb_fetch_url_allowed("https://example.org/a b", &err), YB_EUSAGE);
	assert_int_equal(yb_fetch_url_allowed("https://example.org/a\"\n", &err), YB_EUSAGE);
	assert_int_equal(yb_fetch_url_allowed("https://example.org/\xe5\x8c\xbb", &err), YB_EUSAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(manifests_parse_and_refuse),
		cmocka_unit_test(signatures),
		cmocka_unit_test(bundles_and_every_truncation),
		cmocka_unit_test(the_manifest_version_is_the_corpus_version),
		cmocka_unit_test(version_order),
		cmocka_unit_test(versions_are_numbers_only),
		cmocka_unit_test(one_rule_for_paths),
		cmocka_unit_test(bundling_refuses_names_clients_refuse),
		cmocka_unit_test(which_urls_may_be_fetched),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
