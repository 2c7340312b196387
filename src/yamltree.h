/*
 * yamltree.h - YAML text to a tree of nodes with positions, in an arena.
 *
 * libyaml's event parser does the lexing; this module keeps only what the corpus needs
 * (scalars, sequences, mappings and where each starts) and refuses what it must not accept:
 * aliases and anchors (a "billion laughs" file expands without bound), nesting deeper than
 * YB_YAML_MAX_DEPTH, more than one document, and files over YB_YAML_MAX_SIZE.
 */
#ifndef YB_YAMLTREE_H
#define YB_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "yibao.h"

enum { YB_YAML_MAX_DEPTH = 64, YB_YAML_MAX_SIZE = 4 * 1024 * 1024 };

typedef enum { YN_SCALAR, YN_SEQ, YN_MAP } yn_kind;

typedef struct ynode ynode;
struct ynode {
	yn_kind kind;
	int line, column;  /* 1-based */
	bool quoted;       /* a scalar written in quotes: never a number, bool or null */
	const char *str;   /* scalars: the value, NUL-terminated */
	size_t len;
	ynode **kids;      /* sequences: the items; mappings: key, value, key, value … */
	size_t n;          /* number of kids */
};

/*
 * Parses `text` (of `len` bytes) into *out, allocating from `arena`. `file` is used in error
 * messages only. An empty document yields NULL in *out with YB_OK.
 */
yb_status yb_yaml_parse(yb_arena *arena, const char *file, const char *text, size_t len,
			ynode **out, yb_error *err);

/* The value of `key` in a mapping, or NULL. */
const ynode *yn_get(const ynode *map, const char *key);

/*
 * The first key of mapping `map` that is not a scalar, or that repeats an earlier key (then
 * *repeated is set); NULL when every key is a distinct scalar. YAML allows both, but a file
 * read by yibao never means either: the corpus loader and case files refuse them.
 */
const ynode *yn_bad_key(const ynode *map, bool *repeated);

/* A scalar that YAML would read as null: empty, ~ or null (unquoted). */
bool yn_is_null(const ynode *n);

#endif
