/*
 * fuzz_corpus.c - the YAML corpus loader: a whole rules folder from one input.
 *
 * The input is the folder's files one after the other, each starting with a line
 * "=== PATH" (a relative path of letters, digits and "._-/"); what comes before the first such
 * line is corpus.yaml. The files are written to a scratch folder, which is then
 *  - loaded with every procedure (yb_corpus_open_dir(), as --rules does), and when it loads,
 *    each procedure is asked a query with no facts and its answer rendered, and
 *  - linted (yb_lint(), as `yibao lint` does), which goes on past problems.
 * tests/fuzz/make-seeds.sh makes seeds of this shape from rules/ and tests/cli/corpora.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "fuzz.h"

enum { MAX_FILES = 64 };

static char root[1024];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_isolate_environment();
	return 0;
}

static bool safe_path(const char *p, size_t len)
{
	if (!len || len > 200 || p[0] == '/' || p[len - 1] == '/')
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = p[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-' || c == '/'))
			return false;
		if (c == '.' && i + 1 < len && p[i + 1] == '.')
			return false;
		if (c == '/' && i + 1 < len && p[i + 1] == '/')
			return false;
	}
	return true;
}

/* Writes the files of the input under root; false when the input is not of the shape. */
static bool write_files(const char *data, size_t size)
{
	const char *p = data, *end = data + size, *name = "corpus.yaml";
	size_t name_len = strlen(name), nfiles = 0;
	for (;;) {
		/* This file runs up to the next "\n=== " (or the end). */
		const char *next = p;
		const char *mark = NULL;
		while ((next = memchr(next, '\n', (size_t)(end - next))) && !mark) {
			if ((size_t)(end - next) >= 5 && !memcmp(next, "\n=== ", 5))
				mark = next;
			else
				next++;
		}
		const char *stop = mark ? mark + 1 : end;
		if (!safe_path(name, name_len) || ++nfiles > MAX_FILES)
			return false;
		char path[1280];
		snprintf(path, sizeof(path), "%s/%.*s", root, (int)name_len, name);
		if (!fuzz_try_write_file(path, p, (size_t)(stop - p)))
			return false; /* a path that is another's folder, or the other way round */
		if (!mark)
			return true;
		name = mark + 5;
		const char *nl = memchr(name, '\n', (size_t)(end - name));
		name_len = (size_t)((nl ? nl : end) - name);
		p = nl ? nl + 1 : end;
	}
}

static int discard_output(void *ctx, const char *data, size_t len)
{
	(void)ctx, (void)data, (void)len;
	return 0;
}

static void discard_diag(void *ctx, const yb_diag *d)
{
	(void)ctx, (void)d;
}

static void ask_every_procedure(const yb_corpus *c)
{
	for (size_t i = 0; i < c->nprocedures; i++) {
		yb_query *q = NULL;
		yb_answer *a = NULL;
		yb_error err;
		if (yb_query_new(c, yb_str(c, c->procedures[i].id), &q, &err) == YB_OK &&
		    yb_query_set(q, "date", "2026-01-05", &err) == YB_OK &&
		    yb_query_run(q, &a, &err) == YB_OK) {
			yb_answer_render_json(a, YB_RENDER_EXPLAIN, discard_output, NULL, &err);
			yb_answer_render_text(a, YB_RENDER_EXPLAIN, discard_output, NULL, &err);
		}
		yb_answer_free(a);
		yb_query_free(q);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	snprintf(root, sizeof(root), "%s/rules", fuzz_scratch());
	fuzz_remove_tree(root);
	if (!write_files((const char *)data, size))
		return 0;
	yb_corpus *c = NULL;
	yb_error err;
	if (yb_corpus_open_dir(root, NULL, &c, &err) == YB_OK)
		ask_every_procedure(c);
	else if (c)
		abort(); /* a failed load leaves no corpus */
	yb_corpus_close(c);
	size_t errors = 0, warnings = 0;
	yb_lint(root, discard_diag, NULL, &errors, &warnings, &err);
	return 0;
}
