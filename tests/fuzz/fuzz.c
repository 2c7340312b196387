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
