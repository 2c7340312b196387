/*
 * fixture.h - test corpora on disk. A fixture is a temporary copy of the real rules/ folder,
 * without the province files (whose layers are written for the real procedure files, which
 * tests replace with smaller ones), with some files replaced, so each test states only what it
 * breaks or adds.
 */
#ifndef YB_FIXTURE_H
#define YB_FIXTURE_H

#include "yibao.h"

typedef struct fixture_file {
	const char *path;    /* relative to the corpus root */
	const char *content; /* the whole file */
} fixture_file;

/* Copies rules/ (its corpus.yaml listing no province file) to a new temporary folder and writes
 * the given files over it (n may be 0).
 * Returns the folder (static storage, valid until fixture_remove()). Aborts on failure. */
const char *fixture_make(const fixture_file *files, int n);
void fixture_remove(void);

/* Loads a fixture corpus made from `files`; returns the status and fills *err. */
yb_status fixture_load(const fixture_file *files, int n, const char *procedure, yb_corpus **out,
		       yb_error *err);

/* A cmocka group setup and teardown: the corpus built into the library, the real one, as the
 * group's state. */
int fixture_open_embedded(void **state);
int fixture_close(void **state);

#endif
