/*
 * test_utf8.c - the one UTF-8 decoder (src/utf8.h): every code point round-trips, exactly the
 * ill-formed sequences are refused (with the length of the bad part), and columns and cuts
 * count characters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "utf8.h"

/* Encodes cp by the letter of RFC 3629, independently of the decoder; returns the length. */
static size_t encode(unsigned cp, unsigned char out[4])
{
	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (unsigned char)(0xC0 | cp >> 6);
		out[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (unsigned char)(0xE0 | cp >> 12);
		out[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (unsigned char)(0xF0 | cp >> 18);
	out[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

static void every_code_point_round_trips(void **state)
{
	(void)state;
	for (unsigned cp = 0; cp <= 0x10FFFF; cp++) {
		unsigned char s[4];
		size_t n = encode(cp, s), bad = 99;
		unsigned got = 0xFFFFFFFF;
		size_t len = yb_utf8_decode(s, n, &got, &bad);
		if (cp >= 0xD800 && cp <= 0xDFFF) { /* surrogates are not characters */
			assert_int_equal(len, 0);
			assert_int_equal(bad, 2);
			continue;
		}
		assert_int_equal(len, n);
		assert_int_equal(got, cp);
		/* One byte short: refused, the whole of what is there being the bad part. */
		if (n > 1) {
			assert_int_equal(yb_utf8_decode(s, n - 1, NULL, &bad), 0);
			assert_int_equal(bad, n - 1);
		}
	}
}

static void ill_formed_sequences(void **state)
{
	(void)state;
	static const struct {
		const char *bytes;
		size_t bad;
	} cases[] = {
		{"\x80", 1},             /* a continuation byte first */
		{"\xBF", 1},
		{"\xC0\x80", 1},         /* overlong NUL: C0 and C1 never start a character */
		{"\xC1\xBF", 1},
		{"\xE0\x80\x80", 2},     /* overlong three-byte form */
		{"\xE0\x9F\xBF", 2},
		{"\xED\xA0\x80", 2},     /* a surrogate */
		{"\xF0\x80\x80\x80", 2}, /* overlong four-byte form */
		{"\xF4\x90\x80\x80", 2}, /* past U+10FFFF */
		{"\xF5\x80\x80\x80", 1},
		{"\xFF", 1},
		{"\xE4\x41", 2},         /* a lead byte and then ASCII */
		{"\xE4\xB8\x41", 3},
		{"\xE4", 2},             /* the string ends: its NUL is the wrong byte */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t bad = 99;
		unsigned cp = 12345;
		assert_int_equal(yb_utf8_decode((const unsigned char *)cases[i].bytes, 4, &cp, &bad),
				 0);
		assert_int_equal(bad, cases[i].bad);
		assert_int_equal(cp, 12345); /* left alone */
	}
	/* NULL out-parameters are allowed. */
	assert_int_equal(yb_utf8_decode((const unsigned char *)"\x80", 4, NULL, NULL), 0);
	assert_int_equal(yb_utf8_decode((const unsigned char *)"长", 4, NULL, NULL), 3);
}

static void count_and_cut(void **state)
{
	(void)state;
	const char *s = "a长b😀";
	assert_int_equal(yb_utf8_count(s, strlen(s)), 4);
	assert_int_equal(yb_utf8_count(s, 2), 2); /* a and the start of 长 */
	assert_int_equal(yb_utf8_count("", 0), 0);
	assert_int_equal(yb_utf8_count("\x80\x80x", 3), 1); /* stray continuation bytes */
	assert_true(yb_utf8_continues(0x80));
	assert_false(yb_utf8_continues('a'));
	assert_false(yb_utf8_continues(0xE4));

	const char *two = "长长"; /* 6 bytes */
	assert_int_equal(yb_utf8_cut(two, 6, 6), 6);
	assert_int_equal(yb_utf8_cut(two, 6, 10), 6);
	assert_int_equal(yb_utf8_cut(two, 6, 5), 3);
	assert_int_equal(yb_utf8_cut(two, 6, 4), 3);
	assert_int_equal(yb_utf8_cut(two, 6, 3), 3);
	assert_int_equal(yb_utf8_cut(two, 6, 2), 0);
	assert_int_equal(yb_utf8_cut(two, 6, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_code_point_round_trips),
		cmocka_unit_test(ill_formed_sequences),
		cmocka_unit_test(count_and_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
