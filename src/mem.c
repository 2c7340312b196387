/* mem.c - allocation with a failure hook for tests (see mem.h). */
#include "mem.h"

#include <stdlib.h>

#ifdef YIBAO_TEST_HOOKS
static long fail_after = -1; /* < 0: never fail */
static long succeeded;

static int should_fail(void)
{
	if (fail_after < 0)
		return 0;
	if (succeeded >= fail_after)
		return 1;
	succeeded++;
	return 0;
}

long yb_mem_fail_after(long n)
{
	long was = succeeded;
	fail_after = n;
	succeeded = 0;
	return was;
}
#else
static int should_fail(void)
{
	return 0;
}
#endif

bool yb_mem_refuse(void)
{
	return should_fail() != 0;
}

void *yb_malloc(size_t n)
{
	if (should_fail())
		return NULL;
	return malloc(n ? n : 1);
}

void *yb_calloc(size_t count, size_t size)
{
	if (should_fail())
		return NULL;
	return calloc(count ? count : 1, size ? size : 1);
}

void *yb_realloc(void *p, size_t n)
{
	if (should_fail())
		return NULL;
	return realloc(p, n ? n : 1);
}

void yb_free(void *p)
{
	free(p);
}
