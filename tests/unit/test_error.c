/*
 * test_error.c - messages: control characters in what a user typed are escaped wherever it is
 * quoted (yb_err, yb_err_at, yb_escape_controls), and a message cut short never ends in half
 * a character or half an escape.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "yibao.h"

/* The common errno values read in Chinese whatever the locale; the others as the C library
 * says them. */
static void errno_texts_in_chinese(void **state)
{
	(void)state;
	assert_string_equal(yb_strerror(ENOENT), "没有那个文件或目录");
	assert_string_equal(yb_strerror(EACCES), "权限不够");
	assert_string_equal(yb_strerror(EEXIST), "文件已存在");
	assert_string_equal(yb_strerror(EISDIR), "是一个目录");
	assert_string_equal(yb_strerror(ENOSPC), "磁盘空间不足");
	assert_string_equal(yb_strerror(EIO), "输入/输出错误");
	assert_string_equal(yb_strerror(EPIPE), "管道已断开");
	assert_string_equal(yb_strerror(EXDEV), strerror(EXDEV));
}

static void out_of_memory_in_chinese(void **state)
{
	(void)state;
	yb_error err;
	assert_int_equal(yb_err_nomem(&err), YB_ENOMEM);
	assert_string_equal(err.message, "内存不足");
	assert_string_equal(err.message_en, "out of memory");
}

/* A message in both languages, its arguments in either order; what typed input they quote is
 * escaped in both; yb_error_text() picks one, and the Chinese where there is no English. */
static void messages_in_two_languages(void **state)
{
	(void)state;
	yb_error err;
	assert_int_equal(yb_fail(&err, YB_ENOTFOUND, "%s 没有 \"%s\"", "no \"%2$s\" in %1$s", "常德",
				 "a\nb"),
			 YB_ENOTFOUND);
	assert_int_equal(err.code, YB_ENOTFOUND);
	assert_string_equal(err.message, "常德 没有 \"a\\nb\"");
	assert_string_equal(err.message_en, "no \"a\\nb\" in 常德");
	assert_string_equal(yb_error_text(&err, true), err.message_en);
	assert_string_equal(yb_error_text(&err, false), err.message);
	assert_int_equal(yb_err(&err, YB_ECORPUS, "只有中文"), YB_ECORPUS);
	assert_string_equal(err.message_en, "");
	assert_string_equal(yb_error_text(&err, true), "只有中文");
	assert_int_equal(yb_fail(NULL, YB_EIO, "x", "y"), YB_EIO);
}

/* An errno text ends each message, in its own language. */
static void errno_in_each_language(void **state)
{
	(void)state;
	yb_error err;
	assert_int_equal(yb_fail_errno(&err, YB_EIO, EACCES, "无法打开 %s", "could not open %s", "x"),
			 YB_EIO);
	assert_string_equal(err.message, "无法打开 x：权限不够");
	char want[256];
	snprintf(want, sizeof(want), "could not open x: %s", strerror(EACCES));
	assert_string_equal(err.message_en, want);
	assert_int_equal(yb_fail_errno(NULL, YB_EIO, EIO, "a", "b"), YB_EIO);
}

/* A step that failed because another did: each language ends with the other's own message,
 * whole, even when the two are the same yb_error; the Chinese where the other has no English. */
static void a_reason_in_each_language(void **state)
{
	(void)state;
	yb_error err;
	yb_fail(&err, YB_EUSAGE, "不是 http(s) URL：%s", "not an http(s) URL: %s", "ftp://x");
	assert_int_equal(yb_fail_because(&err, YB_ENETWORK, &err, "重定向到 %s", "redirected to %s",
					 "ftp://x"),
			 YB_ENETWORK);
	assert_string_equal(err.message, "重定向到 ftp://x：不是 http(s) URL：ftp://x");
	assert_string_equal(err.message_en, "redirected to ftp://x: not an http(s) URL: ftp://x");
	yb_error why;
	yb_err(&why, YB_ECORPUS, "只有中文");
	yb_fail_because(&err, YB_ECORPUS, &why, "甲", "a");
	assert_string_equal(err.message_en, "a: 只有中文");
	/* A long reason is kept whole up to the message's size, cut at a whole character. */
	char long_zh[1300] = "";
	for (size_t i = 0; i < 400; i++)
		strcat(long_zh, "长");
	yb_fail(&why, YB_EIO, "%s", "%s", long_zh);
	yb_fail_because(&err, YB_EIO, &why, "甲", "a");
	assert_true(strlen(err.message) > 1000 && strlen(err.message) < sizeof(err.message));
	assert_int_equal((strlen(err.message) - strlen("甲：")) % 3, 0);
	assert_int_equal(yb_fail_because(NULL, YB_EIO, &why, "a", "b"), YB_EIO);
}

/* A message about a file the user wrote: both languages, the position and the line quoted. */
static void a_position_in_each_language(void **state)
{
	(void)state;
	yb_error err;
	static const char text[] = "url: x\nulr: y\n";
	assert_int_equal(yb_fail_at(&err, YB_EUSAGE, "config.yaml", 2, 1, text, strlen(text),
				    "未知的键 \"%s\"", "unknown key \"%s\"", "ulr"),
			 YB_EUSAGE);
	assert_string_equal(err.file, "config.yaml");
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 1);
	assert_string_equal(err.excerpt, "ulr: y");
	assert_string_equal(err.message, "未知的键 \"ulr\"");
	assert_string_equal(err.message_en, "unknown key \"ulr\"");
	assert_int_equal(yb_fail_at(NULL, YB_EUSAGE, "f", 1, 1, NULL, 0, "a", "b"), YB_EUSAGE);
}

static void controls_are_escaped(void **state)
{
	(void)state;
	char out[128];
	assert_string_equal(yb_escape_controls(out, sizeof(out), "\x1b[31mx\n"), "\\x1b[31mx\\n");
	assert_string_equal(yb_escape_controls(out, sizeof(out), "a\tb\rc\x7f\x01"),
			    "a\\tb\\rc\\x7f\\x01");
	/* U+009B, the one-byte CSI some terminals obey, written in UTF-8 */
	assert_string_equal(yb_escape_controls(out, sizeof(out), "\xc2\x9b" "2J"), "\\u009b2J");
	/* Printable text, Chinese included, is untouched. */
	assert_string_equal(yb_escape_controls(out, sizeof(out), "长沙 changsha «é»"),
			    "长沙 changsha «é»");
}

static void cut_short_whole(void **state)
{
	(void)state;
	char out[6];
	/* "长" is 3 bytes: the second would not fit whole. */
	assert_string_equal(yb_escape_controls(out, sizeof(out), "长沙"), "长");
	/* "\x1b" becomes 4 bytes: after "ab", it does not fit and is left out whole. */
	assert_string_equal(yb_escape_controls(out, sizeof(out), "ab\x1b"), "ab");
	char one[1];
	assert_string_equal(yb_escape_controls(one, sizeof(one), "x"), "");
}

static void messages_quote_input_escaped(void **state)
{
	(void)state;
	yb_error err;
	yb_err(&err, YB_ENOTFOUND, "未找到城市 \"%s\"", "\x1b[31mx\n");
	assert_string_equal(err.message, "未找到城市 \"\\x1b[31mx\\n\"");
	yb_err_at(&err, YB_ECORPUS, "f.yaml", 1, 1, NULL, 0, "unknown key \"%s\"", "a\x1b]0;t\x07");
	assert_string_equal(err.message, "unknown key \"a\\x1b]0;t\\x07\"");
}

/* Every place a user's text reaches a message: a city, a fact value, a procedure. */
static void every_lookup_escapes(void **state)
{
	(void)state;
	yb_corpus *c = NULL;
	yb_query *q = NULL;
	yb_error err;
	yb_city_info info;
	assert_int_equal(yb_corpus_open_embedded(NULL, &c, &err), YB_OK);
	assert_int_not_equal(yb_city_lookup(c, "\x1b[2J", &info, &err), YB_OK);
	assert_non_null(strstr(err.message, "\"\\x1b[2J\""));
	assert_int_equal(yb_query_new(c, "\x1b[2J", &q, &err), YB_ENOTFOUND);
	assert_non_null(strstr(err.message, "\"\\x1b[2J\""));
	assert_int_equal(yb_query_new(c, "transfer", &q, &err), YB_OK);
	assert_int_not_equal(yb_query_set(q, "type", "x\ny", &err), YB_OK);
	assert_non_null(strstr(err.message, "\"x\\ny\""));
	assert_int_not_equal(yb_query_set(q, "x\ny", "1", &err), YB_OK);
	assert_null(strchr(err.message, '\n'));
	yb_query_free(q);
	yb_corpus_close(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(controls_are_escaped),
		cmocka_unit_test(cut_short_whole),
		cmocka_unit_test(messages_quote_input_escaped),
		cmocka_unit_test(every_lookup_escapes),
		cmocka_unit_test(errno_texts_in_chinese),
		cmocka_unit_test(out_of_memory_in_chinese),
		cmocka_unit_test(messages_in_two_languages),
		cmocka_unit_test(errno_in_each_language),
		cmocka_unit_test(a_reason_in_each_language),
		cmocka_unit_test(a_position_in_each_language),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
