/*
 * arena.h - bump allocation and string interning.
 *
 * A loaded corpus is immutable: everything in it lives in one contiguous arena (its image) and is
 * freed in one call. Ids are interned, so two ids are equal exactly when their references are,
 * and the evaluator compares references, never strings.
 */
#ifndef YB_ARENA_H
#define YB_ARENA_H

#include <stddef.h>

typedef struct yb_arena_chunk yb_arena_chunk;

typedef struct yb_arena {
	yb_arena_chunk *head;
	size_t total; /* bytes handed out, for statistics */
	/* A contiguous arena (yb_arena_init_contiguous) hands out [block, block + cap) in order
	 * and never moves: what it holds can refer to itself by offset from block. */
	unsigned char *block;
	size_t cap;
} yb_arena;

/*
 * Makes `a` contiguous: one block of address space of up to `reserve` bytes, of which only the
 * pages used take memory. An allocation that does not fit returns NULL. The corpus image is
 * built in one (corpus.h). Returns 0, or -1 when the address space could not be reserved.
 */
int yb_arena_init_contiguous(yb_arena *a, size_t reserve);

/* Both return NULL when out of memory; memory is zeroed and aligned for any object. */
void *yb_arena_alloc(yb_arena *a, size_t n);
char *yb_arena_strndup(yb_arena *a, const char *s, size_t n);
char *yb_arena_strdup(yb_arena *a, const char *s);
/* Copies n objects of size `size`; NULL when n is 0 or out of memory. */
void *yb_arena_memdup(yb_arena *a, const void *p, size_t size, size_t n);
void yb_arena_free(yb_arena *a);

/* A set of unique strings stored in an arena. */
typedef struct yb_interner {
	yb_arena *arena;
	const char **slots;
	size_t cap, count;
} yb_interner;

void yb_interner_init(yb_interner *in, yb_arena *arena);
/* The one copy of s[0..n); NULL when out of memory. */
const char *yb_intern(yb_interner *in, const char *s, size_t n);
/* The copy of s if it was interned, else NULL; never allocates. */
const char *yb_interned(const yb_interner *in, const char *s);
void yb_interner_free(yb_interner *in);

#endif
