/*
 * fuzz_jsonq.c - the JSON parser of `yibao batch` lines (src/jsonq.c).
 *
 * Besides not crashing, the parser must keep its promises (jsonq.h): on success at most 32
 * pairs, each key found again by yb_jsonq_get() with its own value (keys are unique); on
 * failure no pairs, a usage error and a column. The same object parses each input twice, and a
 * prefix of it in between, to exercise the reused storage.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "jsonq.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	return 0;
}

static void check(const yb_jsonq *q, yb_status st, const yb_error *err)
{
	if (st == YB_ENOMEM)
		return;
	if (st) {
		if (st != YB_EUSAGE || q->n != 0 || err->column < 1 || !err->message[0])
			abort();
		return;
	}
	if (q->n > YB_JSONQ_MAX_PAIRS)
		abort();
	for (size_t i = 0; i < q->n; i++) {
		const yb_jsonq_pair *p = &q->pairs[i];
		if (!p->key || !p->value || yb_jsonq_get(q, p->key) != p->value)
			abort();
		(void)strlen(p->value);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static yb_jsonq q; /* reused across inputs, as a batch reuses it across lines */
	yb_error err;
	yb_status st = yb_jsonq_parse(&q, (const char *)data, size, &err);
	check(&q, st, &err);
	size_t n = q.n;
	st = yb_jsonq_parse(&q, (const char *)data, size / 2, &err);
	check(&q, st, &err);
	st = yb_jsonq_parse(&q, (const char *)data, size, &err);
	check(&q, st, &err);
	if (st != YB_ENOMEM && q.n != n)
		abort(); /* the same line must give the same pairs */
	if (size % 7 == 0)
		yb_jsonq_free(&q); /* and start afresh now and then */
	return 0;
}
