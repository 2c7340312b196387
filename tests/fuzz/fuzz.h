/*
 * fuzz.h - what the libFuzzer targets in this folder share (docs/fuzzing.md): a scratch folder,
 * writing files into it, and telling apart the inputs that reach a defect already known and
 * being fixed, so that the fuzzer looks for new ones instead of finding that one again.
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

/* Writes len bytes to path (made with its parent folders); aborts when the disk refuses. */
void fuzz_write_file(const char *path, const void *data, size_t len);

/* Removes a folder and everything in it. */
void fuzz_remove_tree(const char *path);

/* Points HOME, XDG_CONFIG_HOME and XDG_DATA_HOME at the scratch folder and clears YIBAO_RULES,
 * so that no configuration or installed corpus of the machine takes part. */
void fuzz_isolate_environment(void);

/*
 * Known defect (number parsing): a number fact given NaN, an infinity or a large value
 * overflows an int later on (`waiting --gap-years 252015201` overflows the year of a date).
 * True for NaN and any number of 100000 or more, so that the targets skip inputs that carry
 * one. Remove the calls once number facts refuse them.
 */
bool fuzz_known_bad_number(const char *value);

/* True when a scalar of the YAML tree n is a number fuzz_known_bad_number() refuses: the
 * same defect reaches the corpus (a ratio) and case files (an argument). */
bool fuzz_known_bad_number_in(const ynode *n);

/* Known defect of case files: `yibao check` crashes on a mapping key that is not a plain
 * scalar. True when the YAML tree n has such a key. */
bool fuzz_known_bad_key_in(const ynode *n);

/* Parses text as YAML and tells whether fuzz_known_bad_number_in() holds, and with keys also
 * fuzz_known_bad_key_in(). Text that does not parse is not known to be bad. */
bool fuzz_known_bad_yaml(const char *text, size_t len, bool keys);

#endif
