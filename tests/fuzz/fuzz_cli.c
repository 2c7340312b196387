/*
 * fuzz_cli.c - the yibao command line: the input is argv after "yibao", its arguments
 * separated by NUL bytes, run through the command's own dispatch (cli_main(), src/cli/main.c)
 * in-process.
 *
 * The command runs in a scratch folder holding a copy of rules/, a case file and a batch file
 * (rules, cases.yaml, queries.jsonl), with standard input empty and its output thrown away.
 * Left out, to keep the fuzzer off the network and the disk outside the scratch folder:
 * `update`, `bundle` and `keygen`, and any argument with a "/" in it. The exit code must be
 * one of the documented ones.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "fuzz.h"
#include "mem.h"
#include "rulesfs.h"

enum { MAX_ARGS = 32 };

static char home[4096]; /* the folder libFuzzer was started in, to come back to */

static void copy_file(const char *from, const char *to)
{
	char *data;
	size_t len;
	yb_error err;
	if (yb_read_file(from, 1 << 24, YB_EIO, &data, &len, &err) != YB_OK) {
		fprintf(stderr, "%s\n", err.message);
		abort();
	}
	fuzz_write_file(to, data, len);
	yb_free(data);
}

/* Copies rules/ from the source tree, file by file as the embedded table lists them. */
static void copy_rules(const char *scratch)
{
	char from[1024], to[1024];
	for (size_t i = 0; i < yb_embedded_rules_count; i++) {
		snprintf(from, sizeof(from), "%s/rules/%s", YIBAO_SOURCE_DIR, yb_embedded_rules[i].path);
		snprintf(to, sizeof(to), "%s/rules/%s", scratch, yb_embedded_rules[i].path);
		copy_file(from, to);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	const char *scratch = fuzz_scratch();
	char to[1024];
	fuzz_isolate_environment();
	copy_rules(scratch);
	snprintf(to, sizeof(to), "%s/cases.yaml", scratch);
	copy_file(YIBAO_SOURCE_DIR "/tests/cli/check/passing.yaml", to);
	snprintf(to, sizeof(to), "%s/queries.jsonl", scratch);
	copy_file(YIBAO_SOURCE_DIR "/tests/cli/batch/mixed.jsonl", to);
	if (!freopen("/dev/null", "r", stdin) || !freopen("/dev/null", "w", stdout) ||
	    !getcwd(home, sizeof(home)))
		abort();
	/* The command's messages go nowhere; libFuzzer's and the sanitizers' still reach fd 2. */
	FILE *null = fopen("/dev/null", "w");
	if (!null)
		abort();
	stderr = null;
	return 0;
}

/* Argument i is left out (see the top). */
static bool refused(char **args, int i)
{
	static const char *const skipped[] = {"update", "bundle", "keygen", NULL};
	const char *arg = args[i];
	if (i == 1)
		for (size_t k = 0; skipped[k]; k++)
			if (!strcmp(arg, skipped[k]))
				return true;
	return strchr(arg, '/') != NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1), *args[MAX_ARGS + 2];
	int argc = 0;
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	args[argc++] = "yibao";
	for (char *p = copy; p <= copy + size && argc <= MAX_ARGS; p += strlen(p) + 1) {
		if (p == copy + size && argc > 1)
			break; /* a trailing NUL ends the last argument, it adds none */
		args[argc] = p;
		if (refused(args, argc))
			goto done;
		argc++;
	}
	if (argc > MAX_ARGS)
		goto done;
	args[argc] = NULL;

	if (chdir(fuzz_scratch()) != 0)
		abort();
	int code = cli_main(argc, args);
	if (code < EXIT_ANSWERED || code > EXIT_INPUT || chdir(home) != 0)
		abort();
	fflush(stdout);
	clearerr(stdout);
done:
	free(copy);
	return 0;
}
