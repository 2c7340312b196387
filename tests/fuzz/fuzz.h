/*
 * fuzz.h - what the libFuzzer targets in this folder share (docs/fuzzing.md): a scratch folder,
 * and writing files into it.
 */
#ifndef YB_FUZZ_H
#define YB_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yamltree.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A private scratch folder (under $TMPDIR, else /dev/shm, else /tmp), made on first use and
 * removed at exit. */
const char *fuzz_scratch(void);

/* Writes len bytes to path (made with its parent folders); aborts when that fails. */
void fuzz_write_file(const char *path, const void *data, size_t len);

/* The same, but false when it fails: when a folder on the way is a file, or path a folder. */
bool fuzz_try_write_file(const char *path, const void *data, size_t len);

/* Removes a folder and everything in it. */
void fuzz_remove_tree(const char *path);

/* Points HOME, XDG_CONFIG_HOME and XDG_DATA_HOME at the scratch folder and clears YIBAO_RULES,
 * so that no configuration or installed corpus of the machine takes part. */
void fuzz_isolate_environment(void);

#endif
