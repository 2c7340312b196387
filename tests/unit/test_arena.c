/*
 * test_arena.c - the bump allocator (alignment, zeroed memory, big blocks, copies) and the
 * string interner (one copy per distinct string, through many table growths), and both
 * failing cleanly when out of memory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "mem.h"

#define ALIGNMENT _Alignof(max_align_t)

static void assert_aligned(const void *p)
{
	assert_non_null(p);
	assert_int_equal((uintptr_t)p % ALIGNMENT, 0);
}

static void assert_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != 0) {
			print_error("byte %zu of %zu is %u\n", i, n, p[i]);
			fail();
		}
}

/* ---- Allocation ---------------------------------------------------------------------------- */

static void allocations_are_aligned_for_any_object(void **state)
{
	(void)state;
	yb_arena a = {0};
	/* Odd sizes in a row must not push later blocks off alignment. */
	static const size_t sizes[] = {1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 100, 1, 255, 4096, 2};
	for (int round = 0; round < 50; round++)
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			void *p = yb_arena_alloc(&a, sizes[i]);
			assert_aligned(p);
			/* The block is usable as a long double / pointer / long long. */
			*(long double *)p = 1.0L;
		}
	yb_arena_free(&a);
	assert_null(a.head);
	assert_int_equal(a.total, 0);
}

static void allocations_are_zeroed_and_distinct(void **state)
{
	(void)state;
	yb_arena a = {0};
	unsigned char *prev = NULL;
	size_t prev_n = 0;
	for (size_t n = 1; n < 3000; n += 97) {
		unsigned char *p = yb_arena_alloc(&a, n);
		assert_non_null(p);
		assert_zero(p, n);
		memset(p, 0xAB, n); /* dirty it: the next block must still come zeroed */
		if (prev) {
			/* No overlap with the previous block. */
			assert_true(p >= prev + prev_n || p + n <= prev);
			for (size_t i = 0; i < prev_n; i++)
				assert_int_equal(prev[i], 0xAB);
		}
		prev = p;
		prev_n = n;
	}
	assert_true(a.total >= 1 + 98 + 195);
	yb_arena_free(&a);
}

/* Blocks bigger than a chunk (64 KiB) get their own chunk and leave the current one usable. */
static void big_allocations(void **state)
{
	(void)state;
	yb_arena a = {0};
	unsigned char *small1 = yb_arena_alloc(&a, 100);
	assert_aligned(small1);
	memset(small1, 1, 100);

	size_t big_n = 200 * 1024;
	unsigned char *big = yb_arena_alloc(&a, big_n);
	assert_aligned(big);
	assert_zero(big, big_n);
	memset(big, 2, big_n);

	unsigned char *small2 = yb_arena_alloc(&a, 100);
	assert_aligned(small2);
	memset(small2, 3, 100);

	/* Exactly one chunk's worth, and one just over it. */
	unsigned char *exact = yb_arena_alloc(&a, 64 * 1024);
	assert_aligned(exact);
	assert_zero(exact, 64 * 1024);
	memset(exact, 4, 64 * 1024);
	unsigned char *over = yb_arena_alloc(&a, 64 * 1024 + 1);
	assert_aligned(over);
	assert_zero(over, 64 * 1024 + 1);
	memset(over, 5, 64 * 1024 + 1);

	/* Nothing overwrote anything. */
	for (size_t i = 0; i < 100; i++) {
		assert_int_equal(small1[i], 1);
		assert_int_equal(small2[i], 3);
	}
	for (size_t i = 0; i < big_n; i += 4093)
		assert_int_equal(big[i], 2);
	assert_int_equal(big[big_n - 1], 2);
	assert_int_equal(exact[64 * 1024 - 1], 4);
	assert_int_equal(over[64 * 1024], 5);
	/* The small blocks stayed in one chunk, side by side. */
	assert_true(small2 > small1 && small2 - small1 < 1024);
	yb_arena_free(&a);
}

static void a_huge_request_fails(void **state)
{
	(void)state;
	yb_arena a = {0};
	assert_null(yb_arena_alloc(&a, SIZE_MAX));
	assert_null(yb_arena_alloc(&a, SIZE_MAX - 3));
	/* size * n overflowing size_t is refused, not wrapped. */
	char c = 'x';
	assert_null(yb_arena_memdup(&a, &c, SIZE_MAX / 2, 3));
	yb_arena_free(&a);
}

/* A request just under SIZE_MAX must fail: rounded up and with the chunk header added, it
 * would wrap around to a tiny block. */
static void a_request_near_size_max_fails(void **state)
{
	(void)state;
	yb_arena a = {0};
	assert_null(yb_arena_alloc(&a, SIZE_MAX - 40));
	yb_arena_free(&a);
}

static void strndup_and_strdup_copy(void **state)
{
	(void)state;
	yb_arena a = {0};
	char src[] = "长沙市 changsha";
	char *d = yb_arena_strdup(&a, src);
	assert_string_equal(d, "长沙市 changsha");
	assert_ptr_not_equal(d, src);
	src[0] = 'X'; /* a copy, not a view */
	assert_string_equal(d, "长沙市 changsha");

	char *n = yb_arena_strndup(&a, "abcdef", 3);
	assert_string_equal(n, "abc");
	assert_int_equal(n[3], '\0');
	char *e = yb_arena_strndup(&a, "abc", 0);
	assert_non_null(e);
	assert_string_equal(e, "");
	/* Embedded NULs within n are copied as bytes. */
	char *z = yb_arena_strndup(&a, "a\0b", 3);
	assert_memory_equal(z, "a\0b", 4);
	yb_arena_free(&a);
}

static void memdup_copies_arrays(void **state)
{
	(void)state;
	yb_arena a = {0};
	const int src[5] = {1, -2, 3, -4, 5};
	int *d = yb_arena_memdup(&a, src, sizeof(int), 5);
	assert_aligned(d);
	assert_ptr_not_equal(d, src);
	assert_memory_equal(d, src, sizeof(src));
	const double dv[3] = {0.5, 1.5, 2.5};
	double *dd = yb_arena_memdup(&a, dv, sizeof(double), 3);
	assert_aligned(dd);
	assert_true(dd[0] == 0.5 && dd[1] == 1.5 && dd[2] == 2.5);
	assert_null(yb_arena_memdup(&a, src, sizeof(int), 0));
	yb_arena_free(&a);
}

static void free_is_repeatable_and_arena_reusable(void **state)
{
	(void)state;
	yb_arena a = {0};
	yb_arena_free(&a); /* empty arena */
	assert_non_null(yb_arena_alloc(&a, 10));
	assert_true(a.total >= 10);
	yb_arena_free(&a);
	yb_arena_free(&a);
	assert_null(a.head);
	char *s = yb_arena_strdup(&a, "again");
	assert_string_equal(s, "again");
	yb_arena_free(&a);
}

static void allocation_out_of_memory_returns_null(void **state)
{
	(void)state;
	yb_arena a = {0};
	yb_mem_fail_after(0);
	assert_null(yb_arena_alloc(&a, 16));
	assert_null(yb_arena_strdup(&a, "x"));
	assert_null(yb_arena_strndup(&a, "xyz", 2));
	assert_null(yb_arena_memdup(&a, "xyz", 1, 3));
	yb_mem_fail_after(-1);
	assert_null(a.head); /* nothing half-made was left behind */
	assert_int_equal(a.total, 0);

	/* With a chunk in place, small blocks still come from it; a new chunk fails. */
	assert_non_null(yb_arena_alloc(&a, 16));
	yb_mem_fail_after(0);
	assert_non_null(yb_arena_alloc(&a, 16));
	assert_null(yb_arena_alloc(&a, 100 * 1024));
	assert_null(yb_arena_alloc(&a, 64 * 1024)); /* does not fit in the rest of the chunk */
	assert_int_equal(yb_mem_fail_after(-1), 0);
	assert_non_null(yb_arena_alloc(&a, 16));
	yb_arena_free(&a);
}

/* ---- Interning ----------------------------------------------------------------------------- */

static void intern_returns_one_copy_per_string(void **state)
{
	(void)state;
	yb_arena a = {0};
	yb_interner in;
	yb_interner_init(&in, &a);
	char buf1[] = "transfer", buf2[] = "transfer";
	const char *p1 = yb_intern(&in, buf1, strlen(buf1));
	const char *p2 = yb_intern(&in, buf2, strlen(buf2));
	assert_non_null(p1);
	assert_ptr_equal(p1, p2);
	assert_ptr_not_equal(p1, buf1); /* a copy in the arena */
	assert_string_equal(p1, "transfer");
	/* n counts bytes of s: a prefix is its own string. */
	const char *pre = yb_intern(&in, "transfer-in", 8);
	assert_ptr_equal(pre, p1);
	const char *t = yb_intern(&in, "trans", 5);
	assert_ptr_not_equal(t, p1);
	assert_string_equal(t, "trans");
	const char *e1 = yb_intern(&in, "", 0), *e2 = yb_intern(&in, "xyz", 0);
	assert_non_null(e1);
	assert_ptr_equal(e1, e2);
	assert_string_equal(e1, "");
	const char *cn = yb_intern(&in, "长沙", strlen("长沙"));
	assert_ptr_equal(cn, yb_intern(&in, "长沙市", strlen("长沙")));
	assert_ptr_not_equal(cn, yb_intern(&in, "长春", strlen("长春")));
	assert_int_equal(in.count, 5);
	yb_interner_free(&in);
	yb_arena_free(&a);
}

static void intern_through_table_growth(void **state)
{
	(void)state;
	enum { N = 5000 };
	yb_arena a = {0};
	yb_interner in;
	yb_interner_init(&in, &a);
	const char **first = calloc(N, sizeof(*first));
	assert_non_null(first);
	char key[32];
	for (int i = 0; i < N; i++) {
		snprintf(key, sizeof(key), "id-%d", i);
		first[i] = yb_intern(&in, key, strlen(key));
		assert_non_null(first[i]);
		assert_string_equal(first[i], key);
		/* A string interned before is found again at once. */
		if (i % 7 == 0)
			assert_ptr_equal(yb_intern(&in, key, strlen(key)), first[i]);
	}
	assert_int_equal(in.count, N);
	assert_true(in.cap >= N);
	/* After every growth: the same pointers for the same strings … */
	for (int i = 0; i < N; i++) {
		snprintf(key, sizeof(key), "id-%d", i);
		assert_ptr_equal(yb_intern(&in, key, strlen(key)), first[i]);
		assert_ptr_equal(yb_interned(&in, key), first[i]);
	}
	/* … and distinct pointers for distinct strings. */
	for (int i = 1; i < N; i++)
		assert_ptr_not_equal(first[i], first[i - 1]);
	for (int i = 0; i + 1000 < N; i += 13)
		assert_ptr_not_equal(first[i], first[i + 1000]);
	assert_int_equal(in.count, N);
	free(first);
	yb_interner_free(&in);
	yb_arena_free(&a);
}

static void interned_looks_up_without_allocating(void **state)
{
	(void)state;
	yb_arena a = {0};
	yb_interner in;
	yb_interner_init(&in, &a);
	assert_null(yb_interned(&in, "anything")); /* empty table */
	const char *p = yb_intern(&in, "changsha", 8);
	assert_non_null(p);
	size_t total = a.total, count = in.count, cap = in.cap;

	yb_mem_fail_after(0); /* any allocation would fail */
	char copy[] = "changsha";
	assert_ptr_equal(yb_interned(&in, copy), p);
	assert_null(yb_interned(&in, "changsh"));
	assert_null(yb_interned(&in, "changshaa"));
	assert_null(yb_interned(&in, "Changsha"));
	assert_null(yb_interned(&in, ""));
	assert_int_equal(yb_mem_fail_after(-1), 0); /* nothing was even attempted … */
	assert_int_equal(a.total, total);              /* … or added */
	assert_int_equal(in.count, count);
	assert_int_equal(in.cap, cap);
	yb_interner_free(&in);
	yb_arena_free(&a);
}

static void intern_out_of_memory_returns_null(void **state)
{
	(void)state;
	yb_arena a = {0};
	yb_interner in;
	yb_interner_init(&in, &a);

	/* The first intern needs the table: it fails, and leaves an empty interner. */
	yb_mem_fail_after(0);
	assert_null(yb_intern(&in, "a", 1));
	yb_mem_fail_after(-1);
	assert_int_equal(in.count, 0);
	assert_null(yb_interned(&in, "a"));

	/* Table but no arena chunk: the copy fails, and the string is not recorded. */
	yb_mem_fail_after(1);
	assert_null(yb_intern(&in, "b", 1));
	yb_mem_fail_after(-1);
	assert_int_equal(in.count, 0);
	assert_null(yb_interned(&in, "b"));

	/* Everything in place: an existing string is found even when memory is out. */
	const char *c = yb_intern(&in, "c", 1);
	assert_non_null(c);
	yb_mem_fail_after(0);
	assert_ptr_equal(yb_intern(&in, "c", 1), c);
	yb_mem_fail_after(-1);

	/* Intern new strings with no memory left until one fails (the table or the chunk is
	 * full): the failure loses nothing and records nothing. */
	for (int i = 0; i < 100; i++) {
		char key[32];
		snprintf(key, sizeof(key), "k%d", i);
		assert_non_null(yb_intern(&in, key, strlen(key)));
	}
	char key[32];
	int added = 0;
	const char *got;
	yb_mem_fail_after(0);
	do {
		snprintf(key, sizeof(key), "more%d", added++);
		got = yb_intern(&in, key, strlen(key));
	} while (got && added < 1000000);
	yb_mem_fail_after(-1);
	assert_null(got);
	size_t count = in.count;
	assert_int_equal(count, 1 + 100 + (size_t)(added - 1));
	assert_null(yb_interned(&in, key));
	assert_ptr_equal(yb_interned(&in, "c"), c);
	for (int i = 0; i < 100; i++) {
		char k[32];
		snprintf(k, sizeof(k), "k%d", i);
		assert_non_null(yb_interned(&in, k));
	}
	for (int i = 0; i < added - 1; i++) {
		char k[32];
		snprintf(k, sizeof(k), "more%d", i);
		assert_non_null(yb_interned(&in, k));
	}
	/* And it works again once memory is back. */
	const char *again = yb_intern(&in, key, strlen(key));
	assert_non_null(again);
	assert_string_equal(again, key);
	assert_int_equal(in.count, count + 1);
	yb_interner_free(&in);
	yb_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(allocations_are_aligned_for_any_object),
		cmocka_unit_test(allocations_are_zeroed_and_distinct),
		cmocka_unit_test(big_allocations),
		cmocka_unit_test(a_huge_request_fails),
		cmocka_unit_test(a_request_near_size_max_fails),
		cmocka_unit_test(strndup_and_strdup_copy),
		cmocka_unit_test(memdup_copies_arrays),
		cmocka_unit_test(free_is_repeatable_and_arena_reusable),
		cmocka_unit_test(allocation_out_of_memory_returns_null),
		cmocka_unit_test(intern_returns_one_copy_per_string),
		cmocka_unit_test(intern_through_table_growth),
		cmocka_unit_test(interned_looks_up_without_allocating),
		cmocka_unit_test(intern_out_of_memory_returns_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
