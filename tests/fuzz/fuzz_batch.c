/*
 * fuzz_batch.c - `yibao batch`: the input is the batch file, every line a JSON query, answered
 * by yb_batch() with the built-in corpus, as the command does (src/cli/cmd_batch.c); and the
 * same bytes read as CSV (a header row, then a query a row) with fields written as CSV.
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

	yb_batch_options o = {0};
	o.input = YB_BATCH_CSV;
	o.output = YB_BATCH_CSV;
	o.fields = "line,id,route,verdict_value,due,questions,steps.title,steps.due,"
		   "estimates.paid,waits.months,warnings";
	if (!(in = fmemopen((void *)data, size, "r")))
		abort();
	st = yb_batch_run(corpus, in, discard, NULL, &o, &stats, &err);
	fclose(in);
	if (st != YB_OK && st != YB_EUSAGE)
		abort(); /* only a header can stop a CSV batch */
	if (st == YB_OK && stats.answered + stats.failed + (stats.lines > 0) > stats.lines)
		abort(); /* at most one query a line, and the header's line none */
	return 0;
}
