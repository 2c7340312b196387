/* fuzz.c - see fuzz.h. */
#define _GNU_SOURCE
#include "fuzz.h"

#include <errno.h>
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

static void make_parents(const char *path)
{
	char dir[1024];
	snprintf(dir, sizeof(dir), "%s", path);
	for (char *p = dir + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			perror(dir);
			abort();
		}
		*p = '/';
	}
}

void fuzz_write_file(const char *path, const void *data, size_t len)
{
	make_parents(path);
	FILE *f = fopen(path, "wb");
	if (!f || (len && fwrite(data, 1, len, f) != len) || fclose(f) != 0) {
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
	/* strtod skips leading spaces; so does nothing else, and a value with them is refused. */
	return *end == '\0' && (isnan(v) || fabs(v) >= 1e5);
}

bool fuzz_known_bad_number_in(const ynode *n)
{
	if (!n)
		return false;
	if (n->kind == YN_SCALAR)
		return fuzz_known_bad_number(n->str);
	for (size_t i = 0; i < n->n; i++)
		if (fuzz_known_bad_number_in(n->kids[i]))
			return true;
	return false;
}

bool fuzz_known_bad_key_in(const ynode *n)
{
	if (!n || n->kind == YN_SCALAR)
		return false;
	for (size_t i = 0; i < n->n; i++)
		if ((n->kind == YN_MAP && i % 2 == 0 && n->kids[i]->kind != YN_SCALAR) ||
		    fuzz_known_bad_key_in(n->kids[i]))
			return true;
	return false;
}

bool fuzz_known_bad_yaml(const char *text, size_t len, bool keys)
{
	yb_arena arena = {0};
	ynode *root = NULL;
	yb_error err;
	bool bad = yb_yaml_parse(&arena, "input.yaml", text, len, &root, &err) == YB_OK &&
		   (fuzz_known_bad_number_in(root) || (keys && fuzz_known_bad_key_in(root)));
	yb_arena_free(&arena);
	return bad;
}
