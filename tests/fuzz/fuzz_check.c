/*
 * fuzz_check.c - case files, as `yibao check FILE` runs them (src/check.c): the input is the
 * file, run with coverage against the built-in corpus.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

static yb_corpus *corpus;
static char path[1024];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	yb_error err;
	if (yb_corpus_open_embedded(NULL, &corpus, &err) != YB_OK)
		abort();
	snprintf(path, sizeof(path), "%s/cases.yaml", fuzz_scratch());
	return 0;
}

static void discard(void *ctx, const char *line)
{
	(void)ctx, (void)line;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_write_file(path, data, size);
	const char *paths[] = {path};
	yb_check_report rep;
	yb_error err;
	if (yb_check(corpus, paths, 1, 1, discard, NULL, &rep, &err) == YB_OK &&
	    rep.reached > rep.branches)
		abort();
	return 0;
}
