/*
 * test_jsonq.c - yb_jsonq_parse(): the flat objects it accepts (every value kind, escapes,
 * surrogate pairs, UTF-8, whitespace), every refusal with its exact column, message and
 * excerpt, one yb_jsonq reused across many lines without allocating, and out of memory.
 *
 * Every line is parsed from a heap copy of exactly its length, with no NUL after it, so that a
 * read past the end shows up under AddressSanitizer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonq.h"
#include "mem.h"

/* Parses the n bytes at s from an exact-size copy (plain malloc: not counted by the hook). */
static yb_status parse_n(yb_jsonq *q, const char *s, size_t n, yb_error *err)
{
	char *copy = malloc(n ? n : 1);
	assert_non_null(copy);
	memcpy(copy, s, n);
	memset(err, 0, sizeof(*err));
	yb_status st = yb_jsonq_parse(q, copy, n, err);
	free(copy);
	return st;
}

static void expect_ok(yb_jsonq *q, const char *s)
{
	yb_error err;
	yb_status st = parse_n(q, s, strlen(s), &err);
	if (st != YB_OK)
		print_error("%s\n  refused at column %d: %s\n", s, err.column, err.message);
	assert_int_equal(st, YB_OK);
}

static void expect_pair(const yb_jsonq *q, size_t i, const char *key, const char *value,
			bool is_string)
{
	assert_true(i < q->n);
	assert_string_equal(q->pairs[i].key, key);
	assert_string_equal(q->pairs[i].value, value);
	assert_int_equal(q->pairs[i].is_string, is_string);
}

/* The one value of {"a":<json>}. */
static void expect_single(const char *json, const char *value, bool is_string)
{
	char line[256];
	yb_jsonq q = {0};
	snprintf(line, sizeof(line), "{\"a\":%s}", json);
	expect_ok(&q, line);
	assert_int_equal(q.n, 1);
	expect_pair(&q, 0, "a", value, is_string);
	yb_jsonq_free(&q);
}

/* The n bytes at s must be refused at `column` with exactly `message`. */
static void expect_error_n(const char *s, size_t n, int column, const char *message)
{
	yb_jsonq q = {0};
	yb_error err;
	yb_status st = parse_n(&q, s, n, &err);
	if (st != YB_EUSAGE || err.column != column || strcmp(err.message, message) != 0)
		print_error("%.*s\n  got status %d at column %d: %s\n  want column %d: %s\n",
			    (int)n, s, st, err.column, err.message, column, message);
	assert_int_equal(st, YB_EUSAGE);
	assert_int_equal(err.code, YB_EUSAGE);
	assert_int_equal(err.column, column);
	assert_string_equal(err.message, message);
	assert_int_equal(err.line, 0);
	assert_string_equal(err.file, "");
	assert_int_equal(q.n, 0);
	yb_jsonq_free(&q);
}

static void expect_error(const char *s, int column, const char *message)
{
	expect_error_n(s, strlen(s), column, message);
}

/* s must be refused at `column` with exactly `message` in English. */
static void expect_english(const char *s, int column, const char *message)
{
	yb_jsonq q = {0};
	yb_error err;
	yb_status st = parse_n(&q, s, strlen(s), &err);
	if (st != YB_EUSAGE || err.column != column || strcmp(err.message_en, message) != 0)
		print_error("%s\n  got status %d at column %d: %s\n  want column %d: %s\n", s, st,
			    err.column, err.message_en, column, message);
	assert_int_equal(st, YB_EUSAGE);
	assert_int_equal(err.column, column);
	assert_string_equal(err.message_en, message);
	yb_jsonq_free(&q);
}

/* ---- What is accepted ------------------------------------------------------------------------ */

static void parses_a_batch_query(void **state)
{
	(void)state;
	yb_jsonq q = {0};
	expect_ok(&q, "{\"command\":\"transfer\",\"from\":\"changde\",\"to\":\"changsha\","
		      "\"type\":\"employee\",\"date\":\"2026-11-22\"}");
	assert_int_equal(q.n, 5);
	expect_pair(&q, 0, "command", "transfer", true);
	expect_pair(&q, 1, "from", "changde", true);
	expect_pair(&q, 2, "to", "changsha", true);
	expect_pair(&q, 3, "type", "employee", true);
	expect_pair(&q, 4, "date", "2026-11-22", true);
	assert_string_equal(yb_jsonq_get(&q, "to"), "changsha");
	assert_string_equal(yb_jsonq_get(&q, "date"), "2026-11-22");
	assert_null(yb_jsonq_get(&q, "city"));
	assert_null(yb_jsonq_get(&q, "Command"));
	yb_jsonq_free(&q);
}

static void every_value_kind(void **state)
{
	(void)state;
	yb_jsonq q = {0};
	expect_ok(&q, "{\"s\":\"x\",\"i\":42,\"neg\":-7,\"f\":3.25,\"e\":-0.5E-3,\"t\":true,"
		      "\"no\":false,\"n\":null,\"empty\":\"\",\"last\":0}");
	assert_int_equal(q.n, 9); /* the null is not a pair */
	expect_pair(&q, 0, "s", "x", true);
	expect_pair(&q, 1, "i", "42", false);
	expect_pair(&q, 2, "neg", "-7", false);
	expect_pair(&q, 3, "f", "3.25", false);
	expect_pair(&q, 4, "e", "-0.5E-3", false);
	expect_pair(&q, 5, "t", "true", false);
	expect_pair(&q, 6, "no", "false", false);
	expect_pair(&q, 7, "empty", "", true);
	expect_pair(&q, 8, "last", "0", false);
	assert_null(yb_jsonq_get(&q, "n"));
	assert_string_equal(yb_jsonq_get(&q, "empty"), "");
	yb_jsonq_free(&q);

	/* A string that looks like another kind stays a string. */
	expect_single("\"true\"", "true", true);
	expect_single("\"42\"", "42", true);
	expect_single("\"null\"", "null", true);
}

static void numbers_are_kept_as_written(void **state)
{
	(void)state;
	static const char *const numbers[] = {
		"0", "-0", "1", "-1", "10", "1234567890", "0.5", "-0.5", "1.0", "10.25",
		"1e5", "1E5", "1e+5", "1e-5", "1.5e10", "-0e0", "0E-0", "2e007",
		"123456789012345678901234567890.000000000000000000001",
	};
	for (size_t i = 0; i < sizeof(numbers) / sizeof(*numbers); i++)
		expect_single(numbers[i], numbers[i], false);
}

static void escapes_are_unescaped(void **state)
{
	(void)state;
	expect_single("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t", true);
	expect_single("\"a\\nb\"", "a\nb", true);
	expect_single("\"\\u0041\\u0062\"", "Ab", true);
	expect_single("\"\\u0001\\u001f\\u007F\"", "\x01\x1f\x7f", true); /* escaped: allowed */
	expect_single("\"\\u00e9\\u00E9\"", "éé", true);                   /* two bytes */
	expect_single("\"\\u957F\\u6c99\"", "长沙", true);                 /* three */
	expect_single("\"\\u0800\\uFFFF\\uE000\"", "\xe0\xa0\x80\xef\xbf\xbf\xee\x80\x80", true);
	expect_single("\"\\uD83D\\uDE00\"", "😀", true); /* a surrogate pair: four */
	expect_single("\"\\ud83d\\ude00!\"", "😀!", true);
	expect_single("\"\\uD800\\uDC00\"", "\xf0\x90\x80\x80", true); /* U+10000, the first */
	expect_single("\"\\uDBFF\\uDFFF\"", "\xf4\x8f\xbf\xbf", true); /* U+10FFFF, the last */
	expect_single("\"x\\uD840\\uDC00y\"", "x𠀀y", true);

	/* Keys are unescaped too. */
	yb_jsonq q = {0};
	expect_ok(&q, "{\"\\u0066rom\":\"a\",\"t\\u006f\":\"b\",\"k\\\"ey\":\"c\"}");
	assert_string_equal(yb_jsonq_get(&q, "from"), "a");
	assert_string_equal(yb_jsonq_get(&q, "to"), "b");
	assert_string_equal(yb_jsonq_get(&q, "k\"ey"), "c");
	yb_jsonq_free(&q);
}

static void utf8_passes_through(void **state)
{
	(void)state;
	yb_jsonq q = {0};
	expect_ok(&q, "{\"城市\":\"长沙\",\"备注\":\"é ß 😀 𠀀 \xf4\x8f\xbf\xbf\",\"x\":\"\x7f\"}");
	assert_int_equal(q.n, 3);
	expect_pair(&q, 0, "城市", "长沙", true);
	expect_pair(&q, 1, "备注", "é ß 😀 𠀀 \xf4\x8f\xbf\xbf", true);
	expect_pair(&q, 2, "x", "\x7f", true); /* DEL is not a control character for JSON */
	yb_jsonq_free(&q);
}

static void empty_object_and_whitespace(void **state)
{
	(void)state;
	static const char *const empty[] = {"{}", " { } ", "\t{\r\n}\r\n", "{}\n", "{}\r",
					    "{} \t ", "\n\n{}\n\n"};
	yb_jsonq q = {0};
	for (size_t i = 0; i < sizeof(empty) / sizeof(*empty); i++) {
		expect_ok(&q, empty[i]);
		assert_int_equal(q.n, 0);
		assert_null(yb_jsonq_get(&q, "a"));
	}
	static const char *const spaced[] = {
		"{\"a\":\"b c\",\"d\":1}",
		" { \"a\" : \"b c\" , \"d\" : 1 } ",
		"{\t\"a\"\t:\t\"b c\"\t,\t\"d\"\t:\t1\t}\t",
		"{\r\n\"a\"\r\n:\r\n\"b c\"\r\n,\r\n\"d\"\r\n:\r\n1\r\n}\r\n",
		"{\"a\":\"b c\",\"d\":1}   \r",
	};
	for (size_t i = 0; i < sizeof(spaced) / sizeof(*spaced); i++) {
		expect_ok(&q, spaced[i]);
		assert_int_equal(q.n, 2);
		expect_pair(&q, 0, "a", "b c", true);
		expect_pair(&q, 1, "d", "1", false);
	}
	yb_jsonq_free(&q);
}

static void get_and_key_order(void **state)
{
	(void)state;
	yb_jsonq q = {0};
	assert_null(yb_jsonq_get(&q, "a")); /* never parsed */
	assert_null(yb_jsonq_get(NULL, "a"));
	expect_ok(&q, "{\"z\":\"1\",\"\":\"empty key\",\"a\":null,\"a \":\"2\",\"m\":3}");
	assert_int_equal(q.n, 4);
	expect_pair(&q, 0, "z", "1", true);
	expect_pair(&q, 1, "", "empty key", true);
	expect_pair(&q, 2, "a ", "2", true);
	expect_pair(&q, 3, "m", "3", false);
	assert_string_equal(yb_jsonq_get(&q, ""), "empty key");
	assert_null(yb_jsonq_get(&q, "a"));
	assert_string_equal(yb_jsonq_get(&q, "a "), "2");
	yb_jsonq_free(&q);
}

/* {"k0":0,"k1":1,...} with n keys, their values null when `nulls`. */
static void many_keys(char *line, size_t size, int n, bool nulls)
{
	size_t k = (size_t)snprintf(line, size, "{");
	for (int i = 0; i < n; i++) {
		const char *comma = i ? "," : "";
		if (nulls)
			k += (size_t)snprintf(line + k, size - k, "%s\"k%d\":null", comma, i);
		else
			k += (size_t)snprintf(line + k, size - k, "%s\"k%d\":%d", comma, i, i);
	}
	snprintf(line + k, size - k, "}");
}

static void thirty_two_keys_at_most(void **state)
{
	(void)state;
	char line[1024];
	yb_jsonq q = {0};
	many_keys(line, sizeof(line), 32, false);
	expect_ok(&q, line);
	assert_int_equal(q.n, 32);
	expect_pair(&q, 0, "k0", "0", false);
	expect_pair(&q, 31, "k31", "31", false);
	assert_string_equal(yb_jsonq_get(&q, "k17"), "17");
	yb_jsonq_free(&q);

	/* The 33rd key is refused where it starts; null ones count too. */
	many_keys(line, sizeof(line), 33, false);
	int column = (int)(strrchr(line, ',') - line) + 2;
	expect_error(line, column, "键超过 32 个");
	many_keys(line, sizeof(line), 33, true);
	column = (int)(strrchr(line, ',') - line) + 2;
	expect_error(line, column, "键超过 32 个");
}

/* ---- What is refused ------------------------------------------------------------------------- */

static void not_an_object(void **state)
{
	(void)state;
	expect_error("", 1, "空行；应为一个 JSON 对象");
	expect_error("   ", 1, "空行；应为一个 JSON 对象");
	expect_error("\r\n", 1, "空行；应为一个 JSON 对象");
	expect_error("\t \n", 1, "空行；应为一个 JSON 对象");
	expect_error("[1]", 1, "应为 {，实际是 [");
	expect_error("\"a\"", 1, "应为 {，实际是 \"");
	expect_error("1", 1, "应为 {，实际是 1");
	expect_error("null", 1, "应为 {，实际是 n");
	expect_error("  x", 3, "应为 {，实际是 x");
	expect_error("\xef\xbb\xbf{}", 1, "应为 {，实际是 \xef\xbb\xbf（U+FEFF）"); /* a BOM */
	expect_error("\xe3\x80\x80{}", 1, "应为 {，实际是 \xe3\x80\x80（U+3000）");
	expect_error("\xff{}", 1, "应为 {，实际是无效的 UTF-8 字节序列 FF");
	expect_error_n("\0{}", 3, 1, "应为 {，实际是控制字符 U+0000");
}

static void bad_structure(void **state)
{
	(void)state;
	expect_error("{", 2, "应为 \" 或 }，实际是行尾");
	expect_error("{,}", 2, "应为 \" 或 }，实际是 ,");
	expect_error("{a:1}", 2, "应为 \" 或 }，实际是 a");
	expect_error("{'a':1}", 2, "应为 \" 或 }，实际是 '");
	expect_error("{“a”:1}", 2, "应为 \" 或 }，实际是 “（U+201C）");
	expect_error("{\"a\"}", 5, "应为 :，实际是 }");
	expect_error("{\"a\" 1}", 6, "应为 :，实际是 1");
	expect_error("{\"a\"：1}", 5, "应为 :，实际是 ：（U+FF1A）");
	expect_error("{\"a\"", 5, "应为 :，实际是行尾");
	expect_error("{\"a\":}", 6, "应为值，实际是 }");
	expect_error("{\"a\":", 6, "应为值，实际是行尾");
	expect_error("{\"a\":  \r\n", 8, "应为值，实际是行尾");
	expect_error("{\"a\":,\"b\":1}", 6, "应为值，实际是 ,");
	expect_error("{\"a\":1", 7, "应为 , 或 }，实际是行尾");
	expect_error("{\"a\":1   ", 10, "应为 , 或 }，实际是行尾");
	expect_error("{\"a\":1 \"b\":2}", 8, "应为 , 或 }，实际是 \"");
	expect_error("{\"a\":1;\"b\":2}", 7, "应为 , 或 }，实际是 ;");
	expect_error("{\"a\":1，\"b\":2}", 7, "应为 , 或 }，实际是 ，（U+FF0C）");
	expect_error("{\"a\":1,}", 8, "应为 \"，实际是 }");
	expect_error("{\"a\":1,,}", 8, "应为 \"，实际是 ,");
	expect_error("{\"a\":1,", 8, "应为 \"，实际是行尾");
	expect_error("{\"a\":1}x", 8, "} 之后应为行尾，实际是 x");
	expect_error("{\"a\":1} {}", 9, "} 之后应为行尾，实际是 {");
	expect_error("{\"a\":1}}", 8, "} 之后应为行尾，实际是 }");
	expect_error("{}{}", 3, "} 之后应为行尾，实际是 {");
	expect_error("{\"a\":1}\xff", 8, "} 之后应为行尾，实际是无效的 UTF-8 字节序列 FF");
	expect_error("{\"a\":1} \xc2\xa0", 9, "} 之后应为行尾，实际是 \xc2\xa0（U+00A0）");
	expect_error_n("{}\0", 3, 3, "} 之后应为行尾，实际是控制字符 U+0000");
}

static void bad_values(void **state)
{
	(void)state;
	expect_error("{\"a\":[1]}", 6, "值不能是数组");
	expect_error("{\"a\":{}}", 6, "值不能是对象");
	expect_error("{\"a\":{\"b\":1}}", 6, "值不能是对象");
	expect_error("{\"a\":tru}", 6, "应为值，实际是 tru；字符串要加双引号");
	expect_error("{\"a\":True}", 6, "应为值，实际是 True；字符串要加双引号");
	expect_error("{\"a\":NULL}", 6, "应为值，实际是 NULL；字符串要加双引号");
	expect_error("{\"a\":nullx}", 6, "应为值，实际是 nullx；字符串要加双引号");
	expect_error("{\"a\":true1}", 6, "应为值，实际是 true1；字符串要加双引号");
	expect_error("{\"command\":transfer}", 12, "应为值，实际是 transfer；字符串要加双引号");
	expect_error("{\"a\":abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz}", 6,
		     "应为值，实际是 abcdefghijklmnopqrstuvwxyzabcdefghijklmn…；字符串要加双引号");
	expect_error("{\"a\":true false}", 11, "应为 , 或 }，实际是 f");
	expect_error("{\"a\":'b'}", 6, "字符串要用双引号 \"，实际是 '");
	expect_error("{\"a\":“b”}", 6, "应为值，实际是 “（U+201C）；字符串要用英文双引号 \"");
	expect_error("{\"城市\":长沙}", 7, "应为值，实际是 长（U+957F）；字符串要用英文双引号 \"");
	expect_error("{\"a\":\xff}", 6, "应为值，实际是无效的 UTF-8 字节序列 FF");
	expect_error("{\"a\":\x01}", 6, "应为值，实际是控制字符 U+0001");
	expect_error("{\"a\":\x7f}", 6, "应为值，实际是控制字符 U+007F");
}

static void bad_numbers(void **state)
{
	(void)state;
	expect_error("{\"a\":+1}", 6, "数字前不能写 +");
	expect_error("{\"a\":.5}", 6, "小数点前应有数字，如 0.5");
	expect_error("{\"a\":1.}", 8, "小数点之后应为数字，实际是 }");
	expect_error("{\"a\":1.e5}", 8, "小数点之后应为数字，实际是 e");
	expect_error("{\"a\":1.", 8, "小数点之后应为数字，实际是行尾");
	expect_error("{\"a\":01}", 6, "数字不能有前导 0");
	expect_error("{\"a\":00}", 6, "数字不能有前导 0");
	expect_error("{\"a\":-01}", 7, "数字不能有前导 0");
	expect_error("{\"a\":-}", 7, "- 之后应为数字，实际是 }");
	expect_error("{\"a\":-x}", 7, "- 之后应为数字，实际是 x");
	expect_error("{\"a\":- 1}", 7, "- 之后应为数字，实际是空格");
	expect_error("{\"a\":--1}", 7, "- 之后应为数字，实际是 -");
	expect_error("{\"a\":-.5}", 7, "- 之后应为数字，实际是 .");
	expect_error("{\"a\":1e}", 8, "指数应为数字，实际是 }");
	expect_error("{\"a\":1e+}", 9, "指数应为数字，实际是 }");
	expect_error("{\"a\":1E-x}", 9, "指数应为数字，实际是 x");
	expect_error("{\"a\":1e1.5}", 9, "应为 , 或 }，实际是 .");
	expect_error("{\"a\":0x10}", 7, "应为 , 或 }，实际是 x");
	expect_error("{\"a\":1.5.2}", 9, "应为 , 或 }，实际是 .");
	expect_error("{\"a\":1 000}", 8, "应为 , 或 }，实际是 0");
	expect_error("{\"a\":-Infinity}", 7, "- 之后应为数字，实际是 I");
	expect_error("{\"a\":NaN}", 6, "应为值，实际是 NaN；字符串要加双引号");
}

static void bad_strings(void **state)
{
	(void)state;
	/* An unclosed string is shown where it opens. */
	expect_error("{\"a\":\"b}", 6, "字符串缺少结尾的 \"");
	expect_error("{\"a", 2, "字符串缺少结尾的 \"");
	expect_error("{\"a\":\"b\\", 6, "字符串缺少结尾的 \"");
	expect_error("{\"a\":\"b\\\"}", 6, "字符串缺少结尾的 \"");
	expect_error("{\"a\":\"b\r\n", 6, "字符串缺少结尾的 \"");
	/* Escapes are shown at their backslash. */
	expect_error("{\"a\":\"\\x\"}", 7, "无效的转义 \\x");
	expect_error("{\"a\":\"\\'\"}", 7, "无效的转义 \\'");
	expect_error("{\"a\":\"\\U0041\"}", 7, "无效的转义 \\U");
	expect_error("{\"a\":\"\\a\"}", 7, "无效的转义 \\a");
	expect_error("{\"a\":\"\\ \"}", 7, "\\ 之后应为转义字符，实际是空格");
	expect_error("{\"a\":\"\\长\"}", 7, "\\ 之后应为转义字符，实际是 长（U+957F）");
	expect_error("{\"a\":\"\\\tx\"}", 7, "\\ 之后应为转义字符，实际是控制字符 U+0009");
	expect_error("{\"a\":\"\\\xff\"}", 7, "\\ 之后应为转义字符，实际是无效的 UTF-8 字节序列 FF");
	expect_error("{\"a\":\"\\u12\"}", 7, "\\u 之后应为 4 位十六进制数字");
	expect_error("{\"a\":\"\\u12G4\"}", 7, "\\u 之后应为 4 位十六进制数字");
	expect_error("{\"a\":\"\\u\"}", 7, "\\u 之后应为 4 位十六进制数字");
	expect_error("{\"a\":\"\\u", 7, "\\u 之后应为 4 位十六进制数字");
	expect_error("{\"a\":\"\\u 123\"}", 7, "\\u 之后应为 4 位十六进制数字");
	expect_error("{\"a\":\"x\\u0000y\"}", 8, "不支持 \\u0000");
	expect_error("{\"\\u0000\":1}", 3, "不支持 \\u0000");
	/* Surrogates must come in pairs, high then low. */
	expect_error("{\"a\":\"\\uD83D\"}", 7, "\\uD83D 是不成对的代理项");
	expect_error("{\"a\":\"\\ud83dx\"}", 7, "\\uD83D 是不成对的代理项");
	expect_error("{\"a\":\"\\uD83D", 7, "\\uD83D 是不成对的代理项");
	expect_error("{\"a\":\"\\uD83D\\", 7, "\\uD83D 是不成对的代理项");
	expect_error("{\"a\":\"\\uD83D\\u0041\"}", 7, "\\uD83D 是不成对的代理项");
	expect_error("{\"a\":\"\\uD83D\\uD83D\"}", 7, "\\uD83D 是不成对的代理项");
	expect_error("{\"a\":\"\\uD83D\\n\"}", 7, "\\uD83D 是不成对的代理项");
	expect_error("{\"a\":\"\\uDE00\"}", 7, "\\uDE00 是不成对的代理项");
	expect_error("{\"a\":\"\\uDFFF\\uD83D\"}", 7, "\\uDFFF 是不成对的代理项");
	expect_error("{\"a\":\"x\\uDE00\\uD83D\"}", 8, "\\uDE00 是不成对的代理项");
	expect_error("{\"a\":\"\\uD83D\\uZZZZ\"}", 13, "\\u 之后应为 4 位十六进制数字");
	expect_error("{\"a\":\"\\uD83D\\u12\"}", 13, "\\u 之后应为 4 位十六进制数字");
}

static void control_characters_in_strings(void **state)
{
	(void)state;
	for (int c = 0; c < 0x20; c++) {
		char line[] = "{\"a\":\"x?y\"}", want[64];
		line[7] = (char)c;
		snprintf(want, sizeof(want), "字符串中有未转义的控制字符 U+%04X", c);
		expect_error_n(line, sizeof(line) - 1, 8, want);
		/* And in a key. */
		char key[] = "{\"a?\":1}";
		key[3] = (char)c;
		expect_error_n(key, sizeof(key) - 1, 4, want);
	}
}

static void invalid_utf8(void **state)
{
	(void)state;
	static const struct {
		const char *bytes, *shown;
	} bad[] = {
		{"\x80", "80"},                     /* a continuation byte alone */
		{"\xbf", "BF"},
		{"\xc0\x80", "C0"},                 /* overlong NUL */
		{"\xc1\xbf", "C1"},                 /* overlong DEL */
		{"\xe0\x80\x80", "E0 80"},          /* overlong in three bytes */
		{"\xe0\x9f\xbf", "E0 9F"},
		{"\xf0\x80\x80\x80", "F0 80"},      /* overlong in four */
		{"\xf0\x8f\xbf\xbf", "F0 8F"},
		{"\xed\xa0\x80", "ED A0"},          /* U+D800 written as a character */
		{"\xed\xbf\xbf", "ED BF"},
		{"\xf4\x90\x80\x80", "F4 90"},      /* past U+10FFFF */
		{"\xf5\x80\x80\x80", "F5"},
		{"\xf8\x88\x80\x80\x80", "F8"},
		{"\xfe", "FE"},
		{"\xff", "FF"},
		{"\xe4\x41", "E4 41"},              /* cut short by an ASCII byte */
		{"\xe4\xb8", "E4 B8 22"},           /* ... by the closing quote */
		{"\xf0\x9f\x98", "F0 9F 98 22"},
		{"\xc3\xc3\xa9", "C3 C3"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		char line[64], want[128];
		snprintf(line, sizeof(line), "{\"a\":\"%s\"}", bad[i].bytes);
		snprintf(want, sizeof(want), "无效的 UTF-8 字节序列 %s", bad[i].shown);
		expect_error(line, 7, want);
		/* In a key, after a valid character, the column counts characters. */
		snprintf(line, sizeof(line), "{\"长%s\":1}", bad[i].bytes);
		expect_error(line, 4, want);
	}
	/* Cut short by the end of the line. */
	expect_error("{\"a\":\"\xe4\xb8", 7, "无效的 UTF-8 字节序列 E4 B8");
	expect_error("{\"a\":\"\xf0", 7, "无效的 UTF-8 字节序列 F0");
}

static void duplicate_keys(void **state)
{
	(void)state;
	expect_error("{\"a\":1,\"a\":2}", 8, "键 \"a\" 重复");
	expect_error("{\"a\":1,\"a\":1}", 8, "键 \"a\" 重复");
	expect_error("{\"a\":null,\"a\":2}", 11, "键 \"a\" 重复");
	expect_error("{\"a\":1,\"a\":null}", 8, "键 \"a\" 重复");
	expect_error("{\"a\":1,\"b\":2,\"a\":3}", 14, "键 \"a\" 重复");
	expect_error("{\"a\":1,\"\\u0061\":2}", 8, "键 \"\\u0061\" 重复"); /* as written */
	expect_error("{\"\":1,\"\":2}", 7, "键 \"\" 重复");
	expect_error("{\"城市\":1,\"城市\":2}", 9, "键 \"城市\" 重复");
	expect_error("{\"\\n\":1,\"\\u000a\":2}", 9, "键 \"\\u000a\" 重复");
	/* A long key is cut, never inside a character. */
	char line[512] = "{\"";
	for (int i = 0; i < 30; i++)
		strcat(line, "长");
	strcat(line, "\":1,\"");
	for (int i = 0; i < 30; i++)
		strcat(line, "长");
	strcat(line, "\":2}");
	char want[256] = "键 \"";
	for (int i = 0; i < 19; i++) /* 1 + 19 * 3 = 58 bytes; the 20th would pass 60 */
		strcat(want, "长");
	strcat(want, "…\" 重复");
	expect_error(line, 37, want);
	/* Keys that only look alike are different keys. */
	yb_jsonq q = {0};
	expect_ok(&q, "{\"a\":1,\"A\":2,\"a \":3,\" a\":4,\"ab\":5}");
	assert_int_equal(q.n, 5);
	yb_jsonq_free(&q);
}

/* The excerpt is the line as a caret under err->column needs it: one character out for each
 * character in, nothing a terminal would act on, cut short on a character boundary. */
static void excerpt_is_safe_to_print(void **state)
{
	(void)state;
	yb_jsonq q = {0};
	yb_error err;
	const char tab[] = "{\"a\":\"x\ty\"}";
	assert_int_equal(parse_n(&q, tab, strlen(tab), &err), YB_EUSAGE);
	assert_string_equal(err.excerpt, "{\"a\":\"x y\"}");
	const char esc[] = "{\"a\":1}\x1b[31m\xff\xe4\xb8 长";
	assert_int_equal(parse_n(&q, esc, strlen(esc), &err), YB_EUSAGE);
	assert_string_equal(err.excerpt, "{\"a\":1} [31m??? 长");
	const char crlf[] = "{\"a\":x}\r\n";
	assert_int_equal(parse_n(&q, crlf, strlen(crlf), &err), YB_EUSAGE);
	assert_string_equal(err.excerpt, "{\"a\":x}");

	char line[600] = "{\"a\":\"";
	for (int i = 0; i < 150; i++)
		strcat(line, "长");
	strcat(line, "\\q\"}");
	assert_int_equal(parse_n(&q, line, strlen(line), &err), YB_EUSAGE);
	assert_int_equal(err.column, 157);
	assert_string_equal(err.message, "无效的转义 \\q");
	assert_int_equal(strlen(err.excerpt), 6 + 83 * 3);
	assert_memory_equal(err.excerpt, line, 6 + 83 * 3);
	yb_jsonq_free(&q);
}

static void line_is_read_only_up_to_len(void **state)
{
	(void)state;
	yb_jsonq q = {0};
	yb_error err;
	const char *with_tail = "{\"a\":1}garbage";
	assert_int_equal(yb_jsonq_parse(&q, with_tail, 7, &err), YB_OK);
	expect_pair(&q, 0, "a", "1", false);

	/* Every proper prefix of a line is refused, and none is read past its end. */
	const char *full = "{\"k\":\"v\\u957F\\uD83D\\uDE00\\n\",\"n\":-1.5e+3,"
			   "\"t\":true,\"z\":null}";
	for (size_t n = 0; n < strlen(full); n++)
		assert_int_equal(parse_n(&q, full, n, &err), YB_EUSAGE);
	assert_int_equal(parse_n(&q, full, strlen(full), &err), YB_OK);
	expect_pair(&q, 0, "k", "v长😀\n", true);
	expect_pair(&q, 1, "n", "-1.5e+3", false);
	expect_pair(&q, 2, "t", "true", false);
	assert_int_equal(q.n, 3);
	yb_jsonq_free(&q);
}

static void err_may_be_null(void **state)
{
	(void)state;
	yb_jsonq q = {0};
	assert_int_equal(yb_jsonq_parse(&q, "{x}", 3, NULL), YB_EUSAGE);
	assert_int_equal(q.n, 0);
	yb_mem_fail_after(0);
	yb_jsonq fresh = {0};
	assert_int_equal(yb_jsonq_parse(&fresh, "{}", 2, NULL), YB_ENOMEM);
	yb_mem_fail_after(-1);
	yb_jsonq_free(&q);
	yb_jsonq_free(&fresh);
}

/* ---- Memory ---------------------------------------------------------------------------------- */

/* One yb_jsonq for a whole batch: results are right line after line, a refused line leaves no
 * pairs behind, and once storage has grown to the longest line nothing is allocated again. */
static void one_query_reused(void **state)
{
	(void)state;
	yb_jsonq q = {0};
	yb_error err;
	char line[4096], want[3000];
	for (int i = 0; i < 300; i++) {
		int n = (i * 37) % 3000;
		memset(want, 'v', (size_t)n);
		want[n] = '\0';
		snprintf(line, sizeof(line), "{\"i\":%d,\"s\":\"%s\",\"n\":null}", i, want);
		assert_int_equal(parse_n(&q, line, strlen(line), &err), YB_OK);
		assert_int_equal(q.n, 2);
		char num[16];
		snprintf(num, sizeof(num), "%d", i);
		expect_pair(&q, 0, "i", num, false);
		expect_pair(&q, 1, "s", want, true);
		if (i % 7 == 0) {
			assert_int_equal(parse_n(&q, "{\"a\":1,\"b\":x}", 13, &err), YB_EUSAGE);
			assert_int_equal(q.n, 0);
			assert_null(yb_jsonq_get(&q, "a"));
		}
	}
	assert_true(q.cap >= 3000);

	const char *storage = q.storage;
	size_t cap = q.cap;
	yb_mem_fail_after(0);
	for (int i = 0; i < 1000; i++) {
		int n = (i * 53) % 2900;
		memset(want, 'w', (size_t)n);
		want[n] = '\0';
		snprintf(line, sizeof(line), "{\"s\":\"%s\",\"k\":\"\\u957F%d\"}", want, i);
		assert_int_equal(parse_n(&q, line, strlen(line), &err), YB_OK);
		expect_pair(&q, 0, "s", want, true);
		char k[32];
		snprintf(k, sizeof(k), "长%d", i);
		assert_string_equal(yb_jsonq_get(&q, "k"), k);
	}
	assert_int_equal(yb_mem_fail_after(-1), 0); /* not one allocation */
	assert_ptr_equal(q.storage, storage);
	assert_int_equal(q.cap, cap);
	yb_jsonq_free(&q);
	assert_null(q.storage);
	assert_int_equal(q.cap, 0);
	assert_int_equal(q.n, 0);
	yb_jsonq_free(&q); /* twice is harmless, */
	yb_jsonq_free(NULL); /* and so is NULL */
}

static void out_of_memory(void **state)
{
	(void)state;
	const char *line = "{\"command\":\"transfer\",\"from\":\"\\u5E38\\u5FB7\",\"n\":1}";
	for (long n = 0;; n++) {
		yb_jsonq q = {0};
		yb_error err;
		yb_mem_fail_after(n);
		yb_status st = parse_n(&q, line, strlen(line), &err);
		yb_mem_fail_after(-1);
		if (st == YB_OK) {
			assert_int_equal(q.n, 3);
			assert_string_equal(yb_jsonq_get(&q, "from"), "常德");
			yb_jsonq_free(&q);
			break;
		}
		assert_int_equal(st, YB_ENOMEM);
		assert_int_equal(err.code, YB_ENOMEM);
		assert_int_equal(q.n, 0);
		yb_jsonq_free(&q);
		assert_true(n < 10);
	}

	/* Growing fails: the old storage is kept and still serves short lines. */
	yb_jsonq q = {0};
	yb_error err;
	expect_ok(&q, "{\"a\":1}");
	char *storage = q.storage;
	size_t cap = q.cap;
	char big[2000] = "{\"a\":\"";
	memset(big + 6, 'x', 1000);
	strcpy(big + 1006, "\"}");
	yb_mem_fail_after(0);
	assert_int_equal(parse_n(&q, big, strlen(big), &err), YB_ENOMEM);
	assert_int_equal(err.code, YB_ENOMEM);
	assert_int_equal(q.n, 0);
	assert_ptr_equal(q.storage, storage);
	assert_int_equal(q.cap, cap);
	assert_int_equal(parse_n(&q, "{\"b\":2}", 7, &err), YB_OK);
	yb_mem_fail_after(-1);
	assert_string_equal(yb_jsonq_get(&q, "b"), "2");
	expect_ok(&q, big);
	assert_int_equal(strlen(yb_jsonq_get(&q, "a")), 1000);
	yb_jsonq_free(&q);
}

/* Every kind of refusal says the same in English, at the same column. */
static void refusals_in_english(void **state)
{
	(void)state;
	expect_english("", 1, "empty line; expected a JSON object");
	expect_english("[1]", 1, "expected {, found [");
	expect_english("\xef\xbb\xbf{}", 1, "expected {, found \xef\xbb\xbf (U+FEFF)");
	expect_english("\xff{}", 1, "expected {, found invalid UTF-8 byte sequence FF");
	expect_english("{", 2, "expected \" or }, found the end of the line");
	expect_english("{\"a\" 1}", 6, "expected :, found 1");
	expect_english("{\"a\":1,}", 8, "expected \", found }");
	expect_english("{\"a\":1;\"b\":2}", 7, "expected , or }, found ;");
	expect_english("{\"a\":1}x", 8, "expected the end of the line after }, found x");
	expect_english("{\"a\":}", 6, "expected a value, found }");
	expect_english("{\"a\":[1]}", 6, "a value cannot be an array");
	expect_english("{\"a\":{}}", 6, "a value cannot be an object");
	expect_english("{\"command\":transfer}", 12,
		       "expected a value, found transfer; put strings in double quotes");
	expect_english("{\"a\":'b'}", 6, "strings take double quotes \", found '");
	expect_english("{\"城市\":长沙}", 7,
		       "expected a value, found 长 (U+957F); strings take plain double quotes \"");
	expect_english("{\"a\":\x01}", 6, "expected a value, found control character U+0001");
	expect_english("{\"a\":+1}", 6, "a number cannot start with +");
	expect_english("{\"a\":.5}", 6, "a digit must come before the decimal point, e.g. 0.5");
	expect_english("{\"a\":1.}", 8, "expected a digit after the decimal point, found }");
	expect_english("{\"a\":01}", 6, "a number cannot have a leading 0");
	expect_english("{\"a\":- 1}", 7, "expected a digit after -, found a space");
	expect_english("{\"a\":1e}", 8, "expected a digit in the exponent, found }");
	expect_english("{\"a\":\"b}", 6, "string has no closing \"");
	expect_english("{\"a\":\"\\x\"}", 7, "invalid escape \\x");
	expect_english("{\"a\":\"\\\x01\"}", 7,
		       "expected an escape character after \\, found control character U+0001");
	expect_english("{\"a\":\"\\u12\"}", 7, "expected 4 hex digits after \\u");
	expect_english("{\"a\":\"\\uDC00\"}", 7, "\\uDC00 is an unpaired surrogate");
	expect_english("{\"a\":\"\\u0000\"}", 7, "\\u0000 is not supported");
	expect_english("{\"a\":\"\x01\"}", 7, "unescaped control character U+0001 in a string");
	expect_english("{\"a\":\"\xff\"}", 7, "invalid UTF-8 byte sequence FF");
	expect_english("{\"a\":1,\"a\":2}", 8, "key \"a\" given twice");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_a_batch_query),
		cmocka_unit_test(every_value_kind),
		cmocka_unit_test(numbers_are_kept_as_written),
		cmocka_unit_test(escapes_are_unescaped),
		cmocka_unit_test(utf8_passes_through),
		cmocka_unit_test(empty_object_and_whitespace),
		cmocka_unit_test(get_and_key_order),
		cmocka_unit_test(thirty_two_keys_at_most),
		cmocka_unit_test(not_an_object),
		cmocka_unit_test(bad_structure),
		cmocka_unit_test(bad_values),
		cmocka_unit_test(bad_numbers),
		cmocka_unit_test(bad_strings),
		cmocka_unit_test(control_characters_in_strings),
		cmocka_unit_test(invalid_utf8),
		cmocka_unit_test(duplicate_keys),
		cmocka_unit_test(refusals_in_english),
		cmocka_unit_test(excerpt_is_safe_to_print),
		cmocka_unit_test(line_is_read_only_up_to_len),
		cmocka_unit_test(err_may_be_null),
		cmocka_unit_test(one_query_reused),
		cmocka_unit_test(out_of_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
