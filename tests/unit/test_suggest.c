/*
 * test_suggest.c - "did you mean": yb_edit_distance() counts edits in characters, not bytes,
 * and yb_suggest keeps the closest few candidates within a limit, first offered first on
 * ties, each candidate once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "suggest.h"

/* ---- yb_edit_distance ---------------------------------------------------------------------- */

static void distance_counts_chinese_characters(void **state)
{
	(void)state;
	assert_int_equal(yb_edit_distance("长沙", "长春"), 1); /* 3 bytes differ, 1 character */
	assert_int_equal(yb_edit_distance("长沙", "长沙市"), 1);
	assert_int_equal(yb_edit_distance("长沙市", "沙市"), 1);
	assert_int_equal(yb_edit_distance("重庆", "重庆"), 0);
	assert_int_equal(yb_edit_distance("乌鲁木齐", "乌木齐"), 1);
	assert_int_equal(yb_edit_distance("长沙", "changsha"), 8);
}

static void char_count_counts_characters(void **state)
{
	(void)state;
	assert_int_equal(yb_char_count(""), 0);
	assert_int_equal(yb_char_count("xiantao"), 7);
	assert_int_equal(yb_char_count("仙桃"), 2); /* 6 bytes */
	assert_int_equal(yb_char_count("石河子市"), 4);
	assert_int_equal(yb_char_count("é😀a"), 3); /* 2-, 4- and 1-byte characters */
}

static void distance_in_pinyin(void **state)
{
	(void)state;
	assert_int_equal(yb_edit_distance("changsha", "changsa"), 1);  /* deletion */
	assert_int_equal(yb_edit_distance("changsa", "changsha"), 1);  /* insertion */
	assert_int_equal(yb_edit_distance("changsha", "changshu"), 1); /* substitution */
	assert_int_equal(yb_edit_distance("kitten", "sitting"), 3);
	assert_int_equal(yb_edit_distance("flaw", "lawn"), 2);
	assert_int_equal(yb_edit_distance("beijing", "beijing"), 0);
	/* Case counts: callers fold case themselves. */
	assert_int_equal(yb_edit_distance("Changsha", "changsha"), 1);
}

static void distance_with_empty_strings(void **state)
{
	(void)state;
	assert_int_equal(yb_edit_distance("", ""), 0);
	assert_int_equal(yb_edit_distance("", "abc"), 3);
	assert_int_equal(yb_edit_distance("abc", ""), 3);
	assert_int_equal(yb_edit_distance("长沙市", ""), 3);
	assert_int_equal(yb_edit_distance("", "😀"), 1);
}

static void distance_with_other_widths(void **state)
{
	(void)state;
	assert_int_equal(yb_edit_distance("😀", "😁"), 1); /* four-byte characters */
	assert_int_equal(yb_edit_distance("a😀b", "ab"), 1);
	assert_int_equal(yb_edit_distance("é", "e"), 1); /* two bytes against one */
	assert_int_equal(yb_edit_distance("café", "cafe"), 1);
	assert_int_equal(yb_edit_distance("𠀀", "𠀁"), 1);
}

static void distance_is_symmetric(void **state)
{
	(void)state;
	static const char *const words[] = {"", "a", "长沙", "长春市", "changsha", "changsa",
					    "zhangjiajie", "张家界", "😀x", "xiamen"};
	enum { N = sizeof(words) / sizeof(words[0]) };
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			int d = yb_edit_distance(words[i], words[j]);
			assert_int_equal(d, yb_edit_distance(words[j], words[i]));
			assert_true(d >= 0);
			assert_int_equal(d == 0, i == j);
		}
}

/* Up to 64 characters are measured; longer strings are very far from everything. */
static void distance_of_long_strings(void **state)
{
	(void)state;
	char a64[65], a63[64], a65[66], b64[65];
	memset(a64, 'a', 64);
	a64[64] = '\0';
	memset(a63, 'a', 63);
	a63[63] = '\0';
	memset(a65, 'a', 65);
	a65[65] = '\0';
	memcpy(b64, a64, sizeof(a64));
	b64[10] = 'b';
	assert_int_equal(yb_edit_distance(a64, a64), 0);
	assert_int_equal(yb_edit_distance(a64, a63), 1);
	assert_int_equal(yb_edit_distance(a64, b64), 1);
	assert_int_equal(yb_edit_distance(a64, ""), 64);

	/* Over the limit: farther than any two measurable strings can be. */
	int far = yb_edit_distance(a65, a65);
	assert_true(far > 64);
	assert_true(yb_edit_distance(a65, a64) > 64);
	assert_true(yb_edit_distance("", a65) > 64);
	assert_true(yb_edit_distance(a65, "") > 64);

	/* The limit is in characters: 64 Chinese characters (192 bytes) are measured. */
	char c64[64 * 3 + 1], c65[65 * 3 + 1];
	for (int i = 0; i < 65; i++)
		memcpy(c65 + 3 * i, "长", 3);
	c65[65 * 3] = '\0';
	memcpy(c64, c65, 64 * 3);
	c64[64 * 3] = '\0';
	assert_int_equal(yb_edit_distance(c64, c64), 0);
	assert_int_equal(yb_edit_distance(c64, a64), 64);
	assert_true(yb_edit_distance(c65, c65) > 64);
}

/* Invalid UTF-8 is measured too (as something), never read past its end. */
static void distance_with_invalid_utf8(void **state)
{
	(void)state;
	assert_int_equal(yb_edit_distance("\xe9", "\xe9"), 0);
	assert_int_equal(yb_edit_distance("a\x80", "a"), 1);
	assert_true(yb_edit_distance("\xe9\x95", "长") >= 1);
	assert_int_equal(yb_edit_distance("\xff\xff", "\xff\xff"), 0);
}

/* ---- yb_suggest ---------------------------------------------------------------------------- */

static const char *const names[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};

static void assert_kept(const yb_suggest *s, const char *want, const int *dist)
{
	size_t n = strlen(want);
	assert_int_equal(s->n, n);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(s->items[i]);
		assert_int_equal(*(const char *)s->items[i], want[i]);
		assert_int_equal(s->dist[i], dist[i]);
	}
}

static void suggest_starts_empty(void **state)
{
	(void)state;
	yb_suggest s;
	memset(&s, 0x55, sizeof(s));
	yb_suggest_init(&s, 3);
	assert_int_equal(s.n, 0);
	assert_int_equal(s.limit, 3);
}

static void suggest_keeps_the_closest(void **state)
{
	(void)state;
	static const int d[10] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3};
	yb_suggest s;
	yb_suggest_init(&s, 100);
	for (int i = 0; i < 10; i++)
		yb_suggest_offer(&s, names[i], d[i]);
	assert_int_equal(YB_SUGGEST_MAX, 5);
	/* Sorted by distance, first offered first: b1 d1 g2 a3 j3 (c4 … pushed out). */
	assert_kept(&s, "bdgaj", (const int[]){1, 1, 2, 3, 3});
}

static void suggest_closer_candidate_pushes_out_the_farthest(void **state)
{
	(void)state;
	yb_suggest s;
	yb_suggest_init(&s, 10);
	for (int i = 0; i < 5; i++)
		yb_suggest_offer(&s, names[i], 5 + i); /* a5 b6 c7 d8 e9 */
	assert_kept(&s, "abcde", (const int[]){5, 6, 7, 8, 9});
	yb_suggest_offer(&s, names[5], 0); /* f0 in front */
	assert_kept(&s, "fabcd", (const int[]){0, 5, 6, 7, 8});
	yb_suggest_offer(&s, names[6], 7); /* g7 after c7 */
	assert_kept(&s, "fabcg", (const int[]){0, 5, 6, 7, 7});
	yb_suggest_offer(&s, names[7], 8); /* farther than all kept: dropped */
	assert_kept(&s, "fabcg", (const int[]){0, 5, 6, 7, 7});
}

static void suggest_ties_keep_the_first_offered(void **state)
{
	(void)state;
	yb_suggest s;
	yb_suggest_init(&s, 3);
	for (int i = 0; i < 8; i++)
		yb_suggest_offer(&s, names[i], 2);
	assert_kept(&s, "abcde", (const int[]){2, 2, 2, 2, 2});

	yb_suggest_init(&s, 3);
	yb_suggest_offer(&s, names[0], 1);
	yb_suggest_offer(&s, names[1], 0);
	yb_suggest_offer(&s, names[2], 1);
	yb_suggest_offer(&s, names[3], 0);
	assert_kept(&s, "bdac", (const int[]){0, 0, 1, 1});
}

static void suggest_respects_the_limit(void **state)
{
	(void)state;
	yb_suggest s;
	yb_suggest_init(&s, 2);
	yb_suggest_offer(&s, names[0], 3);
	yb_suggest_offer(&s, names[1], 2);
	yb_suggest_offer(&s, names[2], 1000);
	yb_suggest_offer(&s, names[3], 0);
	yb_suggest_offer(&s, names[4], 1 << 20); /* what yb_edit_distance gives far strings */
	assert_kept(&s, "db", (const int[]){0, 2});

	yb_suggest_init(&s, 0);
	yb_suggest_offer(&s, names[0], 1);
	assert_int_equal(s.n, 0);
	yb_suggest_offer(&s, names[1], 0);
	assert_kept(&s, "b", (const int[]){0});
}

static void suggest_ignores_duplicates(void **state)
{
	(void)state;
	yb_suggest s;
	yb_suggest_init(&s, 5);
	yb_suggest_offer(&s, names[0], 1);
	yb_suggest_offer(&s, names[0], 1);
	yb_suggest_offer(&s, names[1], 2);
	yb_suggest_offer(&s, names[0], 1);
	yb_suggest_offer(&s, names[1], 2);
	assert_kept(&s, "ab", (const int[]){1, 2});
	/* Offered again at another distance, it is still there once. */
	yb_suggest_offer(&s, names[1], 0);
	assert_int_equal(s.n, 2);
	assert_true((s.items[0] == names[1]) != (s.items[1] == names[1]));
	/* A duplicate does not take a slot from a new candidate when full. */
	yb_suggest_offer(&s, names[2], 3);
	yb_suggest_offer(&s, names[3], 3);
	yb_suggest_offer(&s, names[4], 3);
	yb_suggest_offer(&s, names[2], 3);
	assert_int_equal(s.n, 5);
	for (size_t i = 0; i < s.n; i++)
		for (size_t j = i + 1; j < s.n; j++)
			assert_ptr_not_equal(s.items[i], s.items[j]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(distance_counts_chinese_characters),
		cmocka_unit_test(char_count_counts_characters),
		cmocka_unit_test(distance_in_pinyin),
		cmocka_unit_test(distance_with_empty_strings),
		cmocka_unit_test(distance_with_other_widths),
		cmocka_unit_test(distance_is_symmetric),
		cmocka_unit_test(distance_of_long_strings),
		cmocka_unit_test(distance_with_invalid_utf8),
		cmocka_unit_test(suggest_starts_empty),
		cmocka_unit_test(suggest_keeps_the_closest),
		cmocka_unit_test(suggest_closer_candidate_pushes_out_the_farthest),
		cmocka_unit_test(suggest_ties_keep_the_first_offered),
		cmocka_unit_test(suggest_respects_the_limit),
		cmocka_unit_test(suggest_ignores_duplicates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
