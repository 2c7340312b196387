/*
 * test_dl.c - opening an optional library: the first name that loads is used, every symbol
 * lands in its slot, and a missing library or symbol is reported without leaving it open.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dlfcn.h>
#include <string.h>

#include "dl.h"

static void resolves_into_the_slots(void **state)
{
	(void)state;
	static const char *const names[] = {"libyb-no-such-library.so", "libc.so.6", NULL};
	size_t (*len)(const char *) = NULL;
	int (*cmp)(const char *, const char *) = NULL;
	const yb_dl_symbol symbols[] = {{"strlen", &len}, {"strcmp", &cmp}};
	yb_error why;
	void *h = yb_dl_open(names, symbols, 2, &why);
	assert_non_null(h);
	assert_non_null(len);
	assert_non_null(cmp);
	assert_int_equal(len("医保"), 6);
	assert_int_equal(cmp("a", "a"), 0);
	dlclose(h);
}

static void missing_library(void **state)
{
	(void)state;
	static const char *const names[] = {"libyb-no-such-library.so", NULL};
	yb_error why;
	assert_null(yb_dl_open(names, NULL, 0, &why));
	/* In the system's words, the same in either language. */
	assert_non_null(strstr(why.message, "libyb-no-such-library.so"));
	assert_string_equal(why.message_en, why.message);
}

static void missing_symbol(void **state)
{
	(void)state;
	static const char *const names[] = {"libc.so.6", NULL};
	void (*fn)(void) = NULL;
	const yb_dl_symbol symbols[] = {{"yb_no_such_function", &fn}};
	yb_error why;
	assert_null(yb_dl_open(names, symbols, 1, &why));
	/* In the system's words, which name the library and the symbol. */
	assert_non_null(strstr(why.message, "libc.so.6"));
	assert_non_null(strstr(why.message, "yb_no_such_function"));
	assert_string_equal(why.message_en, why.message);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(resolves_into_the_slots),
		cmocka_unit_test(missing_library),
		cmocka_unit_test(missing_symbol),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
