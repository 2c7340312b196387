/*
 * fuzz_batch.c - `yibao batch`: the input is the batch file, every line a JSON query, answered
 * by yb_batch() with the built-in corpus, as the command does (src/cli/cmd_batch.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "jsonq.h"

static yb_corpus *corpus;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	yb_error err;
	if (yb_corpus_open_embedded(NULL, &corpus, &err) != YB_OK)
		abort();
	return 0;
}

static int discard(void *ctx, const char *data, size_t len)
{
	(void)ctx, (void)data, (void)len;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	FILE *in = fmemopen((void *)data, size, "r");
	if (!in)
		abort();
	yb_batch_stats stats;
	yb_error err;
	yb_status st = yb_batch(corpus, in, discard, NULL, &stats, &err);
	fclose(in);
	if (st == YB_OK && stats.answered + stats.failed + stats.skipped != stats.lines)
		abort(); /* every line is answered, refused or skipped (blank, # comment) */
	return 0;
}
