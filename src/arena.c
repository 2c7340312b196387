/* arena.c - chunked bump allocator and string interner (see arena.h). */
#include "arena.h"

#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "error.h"
#include "mem.h"

struct yb_arena_chunk {
	yb_arena_chunk *next;
	size_t used, cap;
	_Alignas(max_align_t) unsigned char data[];
};

enum { CHUNK_SIZE = 64 * 1024, ALIGN = _Alignof(max_align_t) };

void *yb_arena_alloc(yb_arena *a, size_t n)
{
	if (n > SIZE_MAX - sizeof(yb_arena_chunk) - ALIGN)
		return NULL; /* checked before rounding up, so that nothing wraps around */
	size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (a->block) {
		if (need > a->cap - a->total || yb_mem_refuse())
			return NULL;
		void *p = a->block + a->total;
		a->total += need;
		memset(p, 0, n);
		return p;
	}
	yb_arena_chunk *c = a->head;

	if (!c || c->cap - c->used < need) {
		size_t cap = need > CHUNK_SIZE / 2 ? need : CHUNK_SIZE;
		c = yb_malloc(sizeof(*c) + cap);
		if (!c)
			return NULL;
		c->cap = cap;
		c->used = 0;
		/* A big block gets its own chunk behind the current one, so the rest of the
		 * current chunk stays usable. */
		if (a->head && need > CHUNK_SIZE / 2) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	void *p = c->data + c->used;
	c->used += need;
	a->total += need;
	memset(p, 0, n);
	return p;
}

char *yb_arena_strndup(yb_arena *a, const char *s, size_t n)
{
	char *p = yb_arena_alloc(a, n + 1);
	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

char *yb_arena_strdup(yb_arena *a, const char *s)
{
	return yb_arena_strndup(a, s, strlen(s));
}

void *yb_arena_memdup(yb_arena *a, const void *p, size_t size, size_t n)
{
	if (n == 0 || size > SIZE_MAX / n)
		return NULL;
	void *q = yb_arena_alloc(a, size * n);
	if (q)
		memcpy(q, p, size * n);
	return q;
}

int yb_arena_init_contiguous(yb_arena *a, size_t reserve)
{
	memset(a, 0, sizeof(*a));
	/* Address space only: MAP_NORESERVE, and untouched pages are never backed. */
	void *p = mmap(NULL, reserve, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		       -1, 0);
	if (p == MAP_FAILED)
		return -1;
	a->block = p;
	a->cap = reserve;
	return 0;
}

void yb_arena_free(yb_arena *a)
{
	if (a->block) {
		munmap(a->block, a->cap);
		a->block = NULL;
		a->cap = a->total = 0;
		return;
	}
	yb_arena_chunk *c = a->head;
	while (c) {
		yb_arena_chunk *next = c->next;
		yb_free(c);
		c = next;
	}
	a->head = NULL;
	a->total = 0;
}

/* FNV-1a: short keys, few of them; nothing fancier is needed. */
YB_WRAPS static size_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return (size_t)h;
}

void yb_interner_init(yb_interner *in, yb_arena *arena)
{
	memset(in, 0, sizeof(*in));
	in->arena = arena;
}

static int grow(yb_interner *in)
{
	size_t cap = in->cap ? in->cap * 2 : 256;
	const char **slots = yb_malloc(cap * sizeof(*slots));
	if (!slots)
		return -1;
	memset(slots, 0, cap * sizeof(*slots));
	for (size_t i = 0; i < in->cap; i++) {
		const char *s = in->slots[i];
		if (!s)
			continue;
		size_t j = hash(s, strlen(s)) & (cap - 1);
		while (slots[j])
			j = (j + 1) & (cap - 1);
		slots[j] = s;
	}
	yb_free(in->slots);
	in->slots = slots;
	in->cap = cap;
	return 0;
}

static size_t find(const yb_interner *in, const char *s, size_t n)
{
	size_t j = hash(s, n) & (in->cap - 1);
	while (in->slots[j] && (strncmp(in->slots[j], s, n) != 0 || in->slots[j][n] != '\0'))
		j = (j + 1) & (in->cap - 1);
	return j;
}

const char *yb_intern(yb_interner *in, const char *s, size_t n)
{
	if ((in->count + 1) * 4 > in->cap * 3 && grow(in) != 0)
		return NULL;
	size_t j = find(in, s, n);
	if (!in->slots[j]) {
		char *copy = yb_arena_strndup(in->arena, s, n);
		if (!copy)
			return NULL;
		in->slots[j] = copy;
		in->count++;
	}
	return in->slots[j];
}

const char *yb_interned(const yb_interner *in, const char *s)
{
	if (!in->cap)
		return NULL;
	return in->slots[find(in, s, strlen(s))];
}

void yb_interner_free(yb_interner *in)
{
	yb_free(in->slots);
	in->slots = NULL;
	in->cap = in->count = 0;
}
