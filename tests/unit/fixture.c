/* fixture.c - temporary corpora for tests (see fixture.h). */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char dir[64];

static void must(int ok, const char *what)
{
	if (!ok) {
		perror(what);
		abort();
	}
}

const char *fixture_make(const fixture_file *files, int n)
{
	char cmd[768];
	strcpy(dir, "/tmp/yibao-test-XXXXXX");
	must(mkdtemp(dir) != NULL, "mkdtemp");
	snprintf(cmd, sizeof(cmd), "cp -R '%s/rules/.' '%s/'", YIBAO_SOURCE_DIR, dir);
	must(system(cmd) == 0, cmd);
	/* Without the province files: their layers are written for the real procedure files, which
	 * a test replaces with smaller ones (a test about province files writes its own
	 * corpus.yaml). */
	snprintf(cmd, sizeof(cmd),
		 "sed -i '/^  provinces:$/,/^[^ ]/{/^  provinces:$/d;/^    - /d}' '%s/corpus.yaml'",
		 dir);
	must(system(cmd) == 0, cmd);
	for (int i = 0; i < n; i++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", dir, files[i].path);
		FILE *f = fopen(path, "w");
		must(f != NULL, path);
		must(fputs(files[i].content, f) >= 0, path);
		must(fclose(f) == 0, path);
	}
	return dir;
}

void fixture_remove(void)
{
	char cmd[128];
	if (!dir[0])
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	must(system(cmd) == 0, cmd);
	dir[0] = '\0';
}

yb_status fixture_load(const fixture_file *files, int n, const char *procedure, yb_corpus **out,
		       yb_error *err)
{
	const char *root = fixture_make(files, n);
	yb_status st = yb_corpus_open_dir(root, procedure, out, err);
	fixture_remove();
	return st;
}

int fixture_open_embedded(void **state)
{
	yb_corpus *c = NULL;
	yb_error err;
	if (yb_corpus_open_embedded(NULL, &c, &err))
		return -1;
	*state = c;
	return 0;
}

int fixture_close(void **state)
{
	yb_corpus_close(*state);
	return 0;
}
