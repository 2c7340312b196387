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

/* Writes len bytes to path (made with its parent folders); aborts when that fails. */
void fuzz_write_file(const char *path, const void *data, size_t len);

/* The same, but false when it fails: when a folder on the way is a file, or path a folder. */
bool fuzz_try_write_file(const char *path, const void *data, size_t len);

/* Removes a folder and everything in it. */
void fuzz_remove_tree(const char *path);

/* Points HOME, XDG_CONFIG_HOME and XDG_DATA_HOME at the scratch folder and clears YIBAO_RULES,
 * so that no configuration or installed corpus of the machine takes part. */
void fuzz_isolate_environment(void);

/*
 * Known defect (number parsing): a number given NaN, an infinity or a large value overflows an
 * int later on (`waiting --gap-years 252015201` overflows the year of a date). The targets skip
 * the inputs that carry one; remove these checks once numbers are refused.
 *
 * fuzz_known_bad_number(): the value is a number and NaN, infinite, or 100000 or more.
 * fuzz_known_bad_fact(): so is the value of a number fact or flag (cost, gap-months, gap-years,
 * back-paid-years, threshold), named whole or by a prefix of its name, as getopt takes it.
 */
bool fuzz_known_bad_number(const char *value);
bool fuzz_known_bad_fact(const char *name, const char *value);

/*
 * Parses text as YAML and tells whether it reaches a known defect:
 *  - as a case file: fuzz_known_bad_fact() for a key and its value anywhere, or a mapping key
 *    that is not a plain scalar (`yibao check` crashes on one);
 *  - as a corpus file: an unquoted scalar (what the loader reads as a number: a ratio, a
 *    deductible, a fact's min and max) that fuzz_known_bad_number() refuses.
 * Text that does not parse is not known to be bad.
 */
typedef enum { FUZZ_CASE_FILE, FUZZ_CORPUS_FILE } fuzz_yaml_kind;
bool fuzz_known_bad_yaml(const char *text, size_t len, fuzz_yaml_kind kind);

#endif
