/*
 * test_json.c - yb_json_string(): a JSON string literal for any C string (escapes, UTF-8 kept,
 * invalid UTF-8 replaced by U+FFFD), and the yb_buf it writes into (growth, printf of any
 * length, sticky failure when out of memory).
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
#include "mem.h"
#include "render.h"

/* The JSON literal yb_json_string() writes for s. */
static void expect_json(const char *s, const char *want)
{
	yb_buf b = {0};
	yb_json_string(&b, s);
	assert_false(b.failed);
	assert_non_null(b.data);
	if (strcmp(b.data, want) != 0)
		print_error("for input of %zu bytes: got %s, want %s\n", strlen(s), b.data, want);
	assert_string_equal(b.data, want);
	assert_int_equal(b.len, strlen(want));
	yb_buf_free(&b);
}

/* ---- yb_json_string ------------------------------------------------------------------------ */

static void plain_ascii_is_quoted(void **state)
{
	(void)state;
	expect_json("", "\"\"");
	expect_json("changsha 430100", "\"changsha 430100\"");
	expect_json("/path/'single'~{}[]", "\"/path/'single'~{}[]\"");
	/* DEL is not a control character for JSON. */
	expect_json("a\x7f" "b", "\"a\x7f" "b\"");
}

static void quotes_and_backslashes_are_escaped(void **state)
{
	(void)state;
	expect_json("\"", "\"\\\"\"");
	expect_json("\\", "\"\\\\\"");
	expect_json("say \"hi\" \\o/", "\"say \\\"hi\\\" \\\\o/\"");
	expect_json("\\\"", "\"\\\\\\\"\"");
}

static void control_characters_are_escaped(void **state)
{
	(void)state;
	expect_json("a\nb", "\"a\\nb\"");
	expect_json("\t", "\"\\t\"");
	expect_json("\b", "\"\\b\"");
	expect_json("\f", "\"\\f\"");
	expect_json("\r\n", "\"\\r\\n\"");
	expect_json("\x01", "\"\\u0001\"");
	expect_json("\x0b", "\"\\u000b\"");
	expect_json("\x1b[0m", "\"\\u001b[0m\"");
	expect_json("\x1f", "\"\\u001f\"");
	expect_json("x\x07y\x0ez", "\"x\\u0007y\\u000ez\"");
}

static void every_control_character_is_escaped(void **state)
{
	(void)state;
	for (int c = 1; c < 0x20; c++) {
		char in[2] = {(char)c, 0};
		yb_buf b = {0};
		yb_json_string(&b, in);
		assert_non_null(b.data);
		/* Quote, a backslash escape, quote: no raw control byte survives. */
		assert_int_equal(b.data[0], '"');
		assert_int_equal(b.data[1], '\\');
		assert_int_equal(b.data[b.len - 1], '"');
		for (size_t i = 0; i < b.len; i++)
			assert_true((unsigned char)b.data[i] >= 0x20);
		char want[8];
		if (c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r')
			assert_int_equal(b.len, 4);
		else {
			snprintf(want, sizeof(want), "\\u%04x", c);
			assert_int_equal(b.len, 8);
			assert_memory_equal(b.data + 1, want, 6);
		}
		yb_buf_free(&b);
	}
}

static void valid_utf8_passes_through(void **state)
{
	(void)state;
	expect_json("长沙市", "\"长沙市\"");
	expect_json("医保关系转移接续", "\"医保关系转移接续\"");
	expect_json("é ß", "\"é ß\"");          /* two-byte sequences */
	expect_json("😀", "\"😀\"");            /* four bytes: F0 9F 98 80 */
	expect_json("𠀀", "\"𠀀\"");             /* CJK Extension B, F0 A0 80 80 */
	expect_json("\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\""); /* U+10FFFF, the last one */
	expect_json("\xef\xbf\xbd", "\"\xef\xbf\xbd\"");         /* U+FFFD itself */
	expect_json("\xed\x9f\xbf", "\"\xed\x9f\xbf\"");         /* U+D7FF, below surrogates */
	expect_json("\xee\x80\x80", "\"\xee\x80\x80\"");         /* U+E000, above them */
	expect_json("转出地：\"长沙\"\n", "\"转出地：\\\"长沙\\\"\\n\"");
}

static void lone_continuation_byte_is_replaced(void **state)
{
	(void)state;
	expect_json("a\x80z", "\"a\\ufffdz\"");
	expect_json("\xbf", "\"\\ufffd\"");
	/* A continuation byte after a complete character is still alone. */
	expect_json("长\x80", "\"长\\ufffd\"");
}

static void overlong_encodings_are_replaced(void **state)
{
	(void)state;
	/* C0 80 is an overlong NUL, C1 BF an overlong DEL: neither byte starts anything valid. */
	expect_json("\xc0\x80", "\"\\ufffd\\ufffd\"");
	expect_json("a\xc1\xbf" "b", "\"a\\ufffd\\ufffdb\"");
	/* E0 80 80 (overlong U+0000 in three bytes) and F0 80 80 80 (in four). */
	expect_json("\xe0\x80\x80", "\"\\ufffd\\ufffd\\ufffd\"");
	expect_json("\xf0\x80\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
}

static void surrogates_are_replaced(void **state)
{
	(void)state;
	/* ED A0 80 is U+D800 encoded as if it were a character. */
	expect_json("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");
	expect_json("x\xed\xbf\xbfy", "\"x\\ufffd\\ufffd\\ufffdy\"");
	/* Above U+10FFFF: F4 90 80 80. */
	expect_json("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
}

static void bytes_that_never_appear_are_replaced(void **state)
{
	(void)state;
	for (int c = 0xF5; c <= 0xFF; c++) {
		char in[4] = {'<', (char)c, '>', 0};
		expect_json(in, "\"<\\ufffd>\"");
	}
	/* Even when followed by what would be continuation bytes. */
	expect_json("\xf8\x88\x80\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\"");
}

/* Writes s and checks the result is "<prefix>, then one or more \ufffd, then <suffix>":
 * an incomplete character may be replaced once per byte or once in all (both are usual), but
 * at least once, and never copied raw. */
static void expect_replaced(const char *s, const char *prefix, const char *suffix,
			    size_t max_replacements)
{
	yb_buf b = {0};
	yb_json_string(&b, s);
	assert_non_null(b.data);
	size_t np = strlen(prefix), ns = strlen(suffix);
	if (b.len < np + ns + 6 || memcmp(b.data, prefix, np) != 0 ||
	    strcmp(b.data + b.len - ns, suffix) != 0)
		print_error("got %s\n", b.data);
	assert_true(b.len >= np + ns + 6);
	assert_memory_equal(b.data, prefix, np);
	assert_string_equal(b.data + b.len - ns, suffix);
	size_t middle = b.len - np - ns;
	assert_int_equal(middle % 6, 0);
	assert_true(middle / 6 <= max_replacements);
	for (size_t k = np; k < b.len - ns; k += 6)
		assert_memory_equal(b.data + k, "\\ufffd", 6);
	yb_buf_free(&b);
}

/* A truncated sequence at the end of the string is replaced, and nothing past the
 * terminating NUL is read (ASan would see it: each input is copied to a buffer of its exact
 * size). */
static void truncated_sequence_at_the_end_is_replaced(void **state)
{
	(void)state;
	static const char *const cut[] = {"ab\xe9\x95", "ab\xe9", "ab\xc3", "ab\xf0\x9f\x98",
					  "ab\xf0\x9f", "ab\xf0"};
	for (size_t i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
		size_t n = strlen(cut[i]) + 1;
		char *in = malloc(n);
		assert_non_null(in);
		memcpy(in, cut[i], n);
		expect_replaced(in, "\"ab", "\"", n - 3);
		free(in);
	}
}

/* A sequence cut short by an ASCII character: the character after it survives. */
static void truncated_sequence_in_the_middle_is_replaced(void **state)
{
	(void)state;
	expect_replaced("\xe9\x95z", "\"", "z\"", 2);
	expect_replaced("a\xf0\x9f\x98\"", "\"a", "\\\"\"", 3);
	expect_replaced("长\xe9长", "\"长", "长\"", 1);
}

static void appends_to_what_is_in_the_buffer(void **state)
{
	(void)state;
	yb_buf b = {0};
	yb_buf_puts(&b, "{\"name\":");
	yb_json_string(&b, "长沙\t市");
	yb_buf_putc(&b, '}');
	assert_string_equal(b.data, "{\"name\":\"长沙\\t市\"}");
	yb_buf_free(&b);
}

/* ---- yb_buf --------------------------------------------------------------------------------- */

static void buf_append_puts_putc(void **state)
{
	(void)state;
	yb_buf b = {0};
	yb_buf_append(&b, "hello, world", 5);
	yb_buf_putc(&b, ' ');
	yb_buf_puts(&b, "长沙");
	yb_buf_append(&b, "", 0);
	assert_non_null(b.data);
	assert_string_equal(b.data, "hello 长沙");
	assert_int_equal(b.len, strlen("hello 长沙"));
	assert_true(b.cap > b.len); /* room for the NUL */
	assert_false(b.failed);
	/* Bytes, not C strings: a NUL goes in like any other byte. */
	yb_buf_putc(&b, '\0');
	yb_buf_putc(&b, 'x');
	assert_int_equal(b.len, strlen("hello 长沙") + 2);
	assert_memory_equal(b.data + b.len - 2, "\0x", 3);
	yb_buf_free(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
}

static void buf_grows_past_its_first_block(void **state)
{
	(void)state;
	yb_buf b = {0};
	char expect[20001];
	for (int i = 0; i < 20000; i++) {
		char c = (char)('a' + i % 26);
		yb_buf_putc(&b, c);
		expect[i] = c;
	}
	expect[20000] = '\0';
	assert_false(b.failed);
	assert_int_equal(b.len, 20000);
	assert_string_equal(b.data, expect);
	/* One big append into an empty buffer. */
	yb_buf c = {0};
	yb_buf_append(&c, expect, 20000);
	assert_int_equal(c.len, 20000);
	assert_memory_equal(c.data, expect, 20001);
	yb_buf_free(&b);
	yb_buf_free(&c);
}

static void buf_printf_short_and_long(void **state)
{
	(void)state;
	yb_buf b = {0};
	yb_buf_printf(&b, "[%d|%s|%05.1f]", 42, "长沙", 3.14159);
	assert_string_equal(b.data, "[42|长沙|003.1]");

	/* Longer than the 255 bytes formatted on the stack: exactly 255, 256, 1000, 10000. */
	static const int lens[] = {255, 256, 1000, 10000};
	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		yb_buf p = {0};
		yb_buf_puts(&p, "<<");
		yb_buf_printf(&p, "%0*d", lens[i], 7);
		yb_buf_puts(&p, ">>");
		assert_false(p.failed);
		assert_int_equal(p.len, (size_t)lens[i] + 4);
		assert_memory_equal(p.data, "<<", 2);
		for (int k = 0; k < lens[i] - 1; k++)
			assert_int_equal(p.data[2 + k], '0');
		assert_string_equal(p.data + 2 + lens[i] - 1, "7>>");
		yb_buf_free(&p);
	}
	/* A long %s with text on both sides. */
	char text[600];
	memset(text, 'z', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	yb_buf_printf(&b, "(%s)", text);
	assert_int_equal(b.len, strlen("[42|长沙|003.1]") + 601);
	assert_int_equal(b.data[b.len], '\0');
	assert_int_equal(b.data[b.len - 1], ')');
	assert_memory_equal(b.data + strlen("[42|长沙|003.1]"), "(zzz", 4);
	yb_buf_free(&b);
}

static void buf_failure_is_sticky(void **state)
{
	(void)state;
	/* Failing the very first allocation. */
	yb_buf b = {0};
	yb_mem_fail_after(0);
	yb_buf_puts(&b, "abc");
	yb_mem_fail_after(-1);
	assert_true(b.failed);
	assert_int_equal(b.len, 0);
	/* Memory is back, but the buffer stays failed: later appends do nothing. */
	yb_buf_puts(&b, "def");
	yb_buf_putc(&b, 'g');
	yb_buf_printf(&b, "%d", 1);
	yb_buf_printf(&b, "%0300d", 1);
	yb_json_string(&b, "x");
	assert_true(b.failed);
	assert_int_equal(b.len, 0);
	yb_buf_free(&b);
	assert_false(b.failed); /* free resets the buffer for reuse */
	yb_buf_puts(&b, "ok");
	assert_string_equal(b.data, "ok");
	yb_buf_free(&b);

	/* Failing a growth: what was written stays, nothing after it is added. */
	yb_buf g = {0};
	yb_buf_puts(&g, "kept");
	yb_mem_fail_after(0);
	char block[5000];
	memset(block, 'x', sizeof(block));
	yb_buf_append(&g, block, sizeof(block)); /* needs to grow: fails */
	yb_buf_puts(&g, "!");                    /* would fit, but the buffer has failed */
	yb_mem_fail_after(-1);
	assert_true(g.failed);
	assert_int_equal(g.len, 4);
	assert_string_equal(g.data, "kept");
	yb_buf_puts(&g, "more");
	assert_int_equal(g.len, 4);
	yb_buf_free(&g);

	/* Failing the growth for a long printf. */
	yb_buf p = {0};
	yb_buf_puts(&p, "x");
	yb_mem_fail_after(0);
	yb_buf_printf(&p, "%05000d", 1);
	yb_mem_fail_after(-1);
	assert_true(p.failed);
	assert_int_equal(p.len, 1);
	assert_string_equal(p.data, "x");
	yb_buf_free(&p);
}

/* Out of memory at each allocation in turn while writing a JSON string: never a crash, the
 * buffer is failed, and once memory suffices the output is whole. */
static void json_string_out_of_memory(void **state)
{
	(void)state;
	char in[9000];
	size_t k = 0;
	while (k + 8 < sizeof(in)) {
		memcpy(in + k, "长\"\n\x80", 6);
		k += 6;
	}
	in[k] = '\0';
	for (long n = 0;; n++) {
		yb_buf b = {0};
		yb_mem_fail_after(n);
		yb_json_string(&b, in);
		yb_mem_fail_after(-1);
		if (!b.failed) {
			assert_int_equal(b.data[0], '"');
			assert_int_equal(b.data[b.len - 1], '"');
			assert_non_null(strstr(b.data, "长\\\"\\n\\ufffd长"));
			yb_buf_free(&b);
			break;
		}
		yb_buf_free(&b);
		assert_true(n < 100);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_ascii_is_quoted),
		cmocka_unit_test(quotes_and_backslashes_are_escaped),
		cmocka_unit_test(control_characters_are_escaped),
		cmocka_unit_test(every_control_character_is_escaped),
		cmocka_unit_test(valid_utf8_passes_through),
		cmocka_unit_test(lone_continuation_byte_is_replaced),
		cmocka_unit_test(overlong_encodings_are_replaced),
		cmocka_unit_test(surrogates_are_replaced),
		cmocka_unit_test(bytes_that_never_appear_are_replaced),
		cmocka_unit_test(truncated_sequence_at_the_end_is_replaced),
		cmocka_unit_test(truncated_sequence_in_the_middle_is_replaced),
		cmocka_unit_test(appends_to_what_is_in_the_buffer),
		cmocka_unit_test(buf_append_puts_putc),
		cmocka_unit_test(buf_grows_past_its_first_block),
		cmocka_unit_test(buf_printf_short_and_long),
		cmocka_unit_test(buf_failure_is_sticky),
		cmocka_unit_test(json_string_out_of_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
