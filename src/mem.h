/*
 * mem.h - every allocation of the library goes through here.
 *
 * Note that the one reason this is not plain malloc(): tests fail the N-th allocation in turn
 * (as SQLite and Lua do) to prove that every path out of memory reports YB_ENOMEM and leaks
 * nothing. The hook costs one branch per allocation, in test builds only.
 */
#ifndef YB_MEM_H
#define YB_MEM_H

#include <stdbool.h>
#include <stddef.h>

void *yb_malloc(size_t n);
void *yb_calloc(size_t count, size_t size); /* zeroed */
void *yb_realloc(void *p, size_t n);
void yb_free(void *p);
/* For allocators of their own (a contiguous arena): true when this allocation is to fail. */
bool yb_mem_refuse(void);

/*
 * Test hook: after `n` more successful allocations, every allocation fails until the hook is
 * reset with a negative n. Returns how many allocations have succeeded since the last call.
 * Only in the library the tests link (built with YIBAO_TEST_HOOKS): the installed library has
 * neither the function nor its branch.
 */
long yb_mem_fail_after(long n);

#endif
