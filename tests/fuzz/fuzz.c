/* fuzz.c - see fuzz.h. */
#define _GNU_SOURCE
#include "fuzz.h"

#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"

static char scratch[512];

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

void fuzz_remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void remove_scratch(void)
{
	if (scratch[0])
		fuzz_remove_tree(scratch);
}

const char *fuzz_scratch(void)
{
	if (!scratch[0]) {
		/* In memory where there is a tmpfs: the corpus target writes files at every run. */
		const char *tmp = getenv("TMPDIR");
		if (!tmp || !*tmp)
			tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(scratch, sizeof(scratch), "%s/yibao-fuzz-XXXXXX", tmp);
		if (!mkdtemp(scratch)) {
			perror("yibao fuzz: mkdtemp");
			abort();
		}
		atexit(remove_scratch);
	}
	return scratch;
}

/* Makes the parent folders of path; one that cannot be made shows when path is opened. */
static void make_parents(const char *path)
{
	char dir[1024];
	snprintf(dir, sizeof(dir), "%s", path);
	for (char *p = dir + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(dir, 0700);
		*p = '/';
	}
}

bool fuzz_try_write_file(const char *path, const void *data, size_t len)
{
	make_parents(path);
	FILE *f = fopen(path, "wb");
	if (!f)
		return false;
	bool ok = !len || fwrite(data, 1, len, f) == len;
	return fclose(f) == 0 && ok;
}

void fuzz_write_file(const char *path, const void *data, size_t len)
{
	if (!fuzz_try_write_file(path, data, len)) {
		perror(path);
		abort();
	}
}

void fuzz_isolate_environment(void)
{
	const char *dir = fuzz_scratch();
	setenv("HOME", dir, 1);
	setenv("XDG_CONFIG_HOME", dir, 1);
	setenv("XDG_DATA_HOME", dir, 1);
	unsetenv("YIBAO_RULES");
	unsetenv("NO_COLOR");
}

bool fuzz_known_bad_number(const char *value)
{
	char *end;
	if (!value || !*value)
		return false;
	double v = strtod(value, &end);
	return *end == '\0' && (isnan(v) || fabs(v) >= 1e5);
}

bool fuzz_known_bad_fact(const char *name, const char *value)
{
	static const char *const numbers[] = {"cost", "gap-months", "gap-years", "back-paid-years",
					      "threshold", NULL};
	size_t len = strlen(name);
	if (!len || !fuzz_known_bad_number(value))
		return false;
	for (size_t i = 0; numbers[i]; i++)
		if (!strncmp(numbers[i], name, len))
			return true;
	return false;
}

static bool bad_case_node(const ynode *n)
{
	if (!n || n->kind == YN_SCALAR)
		return false;
	for (size_t i = 0; i < n->n; i++) {
		const ynode *k = n->kids[i];
		if (n->kind == YN_MAP && i % 2 == 0) {
			if (k->kind != YN_SCALAR)
				return true;
			const ynode *v = n->kids[i + 1];
			if (v->kind == YN_SCALAR && fuzz_known_bad_fact(k->str, v->str))
				return true;
		} else if (bad_case_node(k)) {
			return true;
		}
	}
	return false;
}

static bool bad_corpus_node(const ynode *n)
{
	if (!n)
		return false;
	if (n->kind == YN_SCALAR)
		return !n->quoted && fuzz_known_bad_number(n->str);
	for (size_t i = 0; i < n->n; i++)
		if (bad_corpus_node(n->kids[i]))
			return true;
	return false;
}

bool fuzz_known_bad_yaml(const char *text, size_t len, fuzz_yaml_kind kind)
{
	yb_arena arena = {0};
	ynode *root = NULL;
	yb_error err;
	bool bad = yb_yaml_parse(&arena, "input.yaml", text, len, &root, &err) == YB_OK &&
		   (kind == FUZZ_CASE_FILE ? bad_case_node(root) : bad_corpus_node(root));
	yb_arena_free(&arena);
	return bad;
}
