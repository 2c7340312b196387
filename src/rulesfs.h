/*
 * rulesfs.h - where corpus files come from: a folder on disk, or the copy of rules/ embedded in
 * the library at build time (see tools/embed.c). The loader asks for files by their path
 * relative to the corpus root and does not care which. Also the one whole-file reader the
 * bundle writer and the update store share.
 */
#ifndef YB_RULESFS_H
#define YB_RULESFS_H

#include <stddef.h>

#include "yibao.h"

typedef struct yb_rulesfs {
	const char *dir; /* NULL: the embedded corpus */
} yb_rulesfs;

typedef struct yb_file {
	const char *data;
	size_t len;
	void *owned; /* heap copy to free, or NULL for embedded data */
} yb_file;

/* Reads `path` under the corpus root. Errors name the file. */
yb_status yb_rulesfs_read(const yb_rulesfs *fs, const char *path, yb_file *out, yb_error *err);
void yb_file_release(yb_file *f);

/*
 * Reads a whole file of at most max bytes into heap memory (yb_free()), NUL-terminated; *len
 * is its length. A file that cannot be read, or is larger, is reported with status `code`.
 */
yb_status yb_read_file(const char *path, size_t max, yb_status code, char **data, size_t *len,
		       yb_error *err);

/* The embedded table, generated at build time. */
typedef struct yb_embedded_file {
	const char *path;
	const char *data;
	size_t len;
} yb_embedded_file;

extern const yb_embedded_file yb_embedded_rules[];
extern const size_t yb_embedded_rules_count;

#endif
