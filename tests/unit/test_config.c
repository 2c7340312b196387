/*
 * test_config.c - the user's configuration file: known keys are read, an unknown or misspelt
 * key is refused with its file:line:column (and the key meant, when one is close), and a
 * value of the wrong shape is refused rather than ignored.
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

#include "config.h"

static char dir[64], file[128];

static int setup(void **state)
{
	(void)state;
	char sub[96];
	snprintf(dir, sizeof(dir), "/tmp/yibao-config-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(sub, sizeof(sub), "%s/yibao", dir);
	snprintf(file, sizeof(file), "%s/config.yaml", sub);
	setenv("XDG_CONFIG_HOME", dir, 1);
	return mkdir(sub, 0755) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char sub[96];
	unlink(file);
	snprintf(sub, sizeof(sub), "%s/yibao", dir);
	rmdir(sub);
	rmdir(dir);
	return 0;
}

static void write_config(const char *text)
{
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void known_keys_are_read(void **state)
{
	(void)state;
	yb_config cfg;
	yb_error err;
	write_config("url: https://example.org/r.bundle\nkeys:\n  - "
		     "3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29\n");
	assert_int_equal(yb_config_load(&cfg, &err), YB_OK);
	assert_string_equal(cfg.url, "https://example.org/r.bundle");
	assert_int_equal(cfg.nkeys, 1);
	write_config("");
	assert_int_equal(yb_config_load(&cfg, &err), YB_OK);
	assert_string_equal(cfg.url, "");
}

static void a_misspelt_key_is_refused_with_the_key_meant(void **state)
{
	(void)state;
	yb_config cfg;
	yb_error err;
	write_config("keys: []\nulr: https://example.org/r.bundle\n");
	assert_int_equal(yb_config_load(&cfg, &err), YB_EUSAGE);
	assert_string_equal(err.file, file);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 1);
	assert_non_null(strstr(err.message, "未知的键 \"ulr\""));
	assert_non_null(strstr(err.message, "是不是 \"url\""));
	assert_string_equal(err.message_en,
			    "unknown key \"ulr\"; did you mean \"url\"? (valid keys: url, keys)");
	assert_string_equal(err.excerpt, "ulr: https://example.org/r.bundle");
}

static void an_unknown_key_far_from_any_is_refused(void **state)
{
	(void)state;
	yb_config cfg;
	yb_error err;
	write_config("url: https://example.org/r.bundle\n  # note\nmirror: https://example.net/\n");
	assert_int_equal(yb_config_load(&cfg, &err), YB_EUSAGE);
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.message, "未知的键 \"mirror\""));
	assert_null(strstr(err.message, "是不是"));
	assert_string_equal(err.message_en, "unknown key \"mirror\" (valid keys: url, keys)");
}

static void values_of_the_wrong_shape_are_refused(void **state)
{
	(void)state;
	yb_config cfg;
	yb_error err;
	write_config("keys: 3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29\n");
	assert_int_equal(yb_config_load(&cfg, &err), YB_EUSAGE);
	assert_int_equal(err.line, 1);
	write_config("- url\n");
	assert_int_equal(yb_config_load(&cfg, &err), YB_EUSAGE);
	char text[1100] = "url: https://example.org/";
	memset(text + strlen(text), 'a', 1030);
	strcat(text, "\n");
	write_config(text);
	assert_int_equal(yb_config_load(&cfg, &err), YB_EUSAGE);
	assert_non_null(strstr(err.message, "超过了 1023 字节的上限"));
	assert_string_equal(err.message_en, "url is 1050 bytes, over the limit of 1023 bytes");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known_keys_are_read),
		cmocka_unit_test(a_misspelt_key_is_refused_with_the_key_meant),
		cmocka_unit_test(an_unknown_key_far_from_any_is_refused),
		cmocka_unit_test(values_of_the_wrong_shape_are_refused),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
