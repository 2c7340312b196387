/*
 * golden.c - runs the real yibao binary on one case file and compares stdout, stderr and the
 * exit code exactly with what the case file expects.
 *
 *   golden YIBAO SOURCE_DIR CASE.test
 *
 * A case file:
 *
 *   # what the case shows (comment lines start with #)
 *   args: transfer --from changde --to changsha --date 2026-11-22
 *   overlay: tests/cli/corpora/dangling-material     (optional)
 *   env: NO_COLOR=1                                  (optional, repeatable; yibao runs without
 *                                                     YIBAO_RULES, NO_COLOR, LC_ALL,
 *                                                     LC_MESSAGES and LANG unless given here)
 *   stdin: tests/cli/batch/mixed.jsonl               (optional: a file for standard input)
 *   mask: [0-9]+\.[0-9]{2} s                          (optional: what varies from run to run)
 *   exit: 0
 *   --- stdout
 *   …exact lines…
 *   --- stderr
 *   …exact lines…
 *
 * yibao runs in SOURCE_DIR, so paths in the arguments are relative to it. Arguments are split
 * on spaces; one in double quotes ("--from  changde ") keeps its spaces. `overlay:` runs
 * yibao on a copy of rules/ with the overlay's files laid over it (--rules is added), and the
 * copy's path reads as @RULES@ in the outputs. `mask:` is a POSIX extended regular expression:
 * each match in the outputs reads as @MASKED@ (a time taken, say), the rest is compared exactly.
 * An exit code over 128 is a crash and always fails. With YIBAO_BLESS=1 in the environment the
 * case file is rewritten with the actual outputs instead: review the diff before committing.
 */
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct {
	char *data;
	size_t len, cap;
} text;

static void append(text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->data = realloc(t->data, t->cap);
		if (!t->data) {
			perror("golden");
			exit(99);
		}
	}
	memcpy(t->data + t->len, s, n);
	t->len += n;
	t->data[t->len] = '\0';
}

static text read_all(FILE *f)
{
	text t = {0};
	char buf[8192];
	size_t n;
	append(&t, "", 0);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		append(&t, buf, n);
	return t;
}

/* Replaces every occurrence of `from` in t with `to`. */
static void replace(text *t, const char *from, const char *to)
{
	text out = {0};
	size_t fl = strlen(from);
	const char *p = t->data, *hit;
	append(&out, "", 0);
	while (fl && (hit = strstr(p, from))) {
		append(&out, p, (size_t)(hit - p));
		append(&out, to, strlen(to));
		p = hit + fl;
	}
	append(&out, p, strlen(p));
	free(t->data);
	*t = out;
}

/* Replaces every match of the regular expression re in t with "@MASKED@". */
static void mask(text *t, const regex_t *re)
{
	text out = {0};
	const char *p = t->data;
	regmatch_t m;
	append(&out, "", 0);
	while (*p && regexec(re, p, 1, &m, p == t->data ? 0 : REG_NOTBOL) == 0 && m.rm_eo > 0) {
		append(&out, p, (size_t)m.rm_so);
		append(&out, "@MASKED@", 8);
		p += m.rm_eo;
	}
	append(&out, p, strlen(p));
	free(t->data);
	*t = out;
}

/* Prints the first line where two texts differ. */
static void show_difference(const char *what, const char *want, const char *got)
{
	int line = 1;
	const char *w = want, *g = got;
	while (*w && *w == *g) {
		if (*w == '\n')
			line++;
		w++, g++;
	}
	const char *ws = w, *gs = g;
	while (ws > want && ws[-1] != '\n')
		ws--;
	while (gs > got && gs[-1] != '\n')
		gs--;
	fprintf(stderr, "%s differs at line %d:\n  want: %.*s\n  got:  %.*s\n", what, line,
		(int)strcspn(ws, "\n"), ws, (int)strcspn(gs, "\n"), gs);
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: golden YIBAO SOURCE_DIR CASE.test\n");
		return 2;
	}
	const char *yibao = argv[1], *src = argv[2], *path = argv[3];
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		return 2;
	}
	text file = read_all(f);
	fclose(f);

	/* Header lines, then the two expected blocks. */
	char *args = NULL, *overlay = NULL, *input = NULL, *masked = NULL, *envs[8];
	int nenv = 0, want_exit = -1;
	text header = {0}, want_out = {0}, want_err = {0};
	append(&header, "", 0), append(&want_out, "", 0), append(&want_err, "", 0);
	text *block = NULL;
	for (char *line = file.data; *line;) {
		char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) + 1 : strlen(line);
		if (!strncmp(line, "--- stdout\n", 11)) {
			block = &want_out;
		} else if (!strncmp(line, "--- stderr\n", 11)) {
			block = &want_err;
		} else if (block) {
			append(block, line, n);
		} else {
			append(&header, line, n);
			char *colon = strchr(line, ':');
			if (line[0] != '#' && colon) {
				*colon = '\0';
				char *value = colon + 1;
				while (*value == ' ')
					value++;
				value = strndup(value, strcspn(value, "\n"));
				if (!strcmp(line, "args"))
					args = value;
				else if (!strcmp(line, "overlay"))
					overlay = value;
				else if (!strcmp(line, "stdin"))
					input = value;
				else if (!strcmp(line, "mask"))
					masked = value;
				else if (!strcmp(line, "env") && nenv < 8)
					envs[nenv++] = value;
				else {
					if (!strcmp(line, "exit"))
						want_exit = atoi(value);
					free(value);
				}
				*colon = ':';
			}
		}
		line += n;
	}
	if (!args || want_exit < 0) {
		fprintf(stderr, "%s: needs args: and exit: lines\n", path);
		return 2;
	}

	char rules[] = "/tmp/yibao-golden-XXXXXX";
	char cmd[8192];
	if (overlay) {
		if (!mkdtemp(rules)) {
			perror("mkdtemp");
			return 2;
		}
		snprintf(cmd, sizeof(cmd), "cp -R '%s/rules/.' '%s/' && cp -R '%s/%s/.' '%s/'", src,
			 rules, src, overlay, rules);
		if (system(cmd) != 0) {
			fprintf(stderr, "could not prepare the corpus: %s\n", cmd);
			return 2;
		}
	}

	/* Run yibao with stdout and stderr captured in temporary files. */
	FILE *out = tmpfile(), *err = tmpfile();
	char *argvv[64];
	int na = 0;
	argvv[na++] = (char *)yibao;
	for (char *p = args; *p && na < 60;) {
		if (*p == ' ') {
			p++;
			continue;
		}
		/* "a b" is one argument, spaces and all, without its quotes. */
		char *end = *p == '"' && strchr(p + 1, '"') ? strchr(++p, '"') : p + strcspn(p, " ");
		argvv[na++] = p;
		p = end + (*end != '\0');
		*end = '\0';
	}
	if (overlay) {
		argvv[na++] = "--rules";
		argvv[na++] = rules;
	}
	argvv[na] = NULL;
	pid_t pid = fork();
	if (pid == 0) {
		/* Paths in case arguments are relative to the source tree, wherever ctest runs. */
		if (chdir(src) != 0) {
			perror(src);
			_exit(127);
		}
		dup2(fileno(out), 1);
		dup2(fileno(err), 2);
		if (input) {
			char in_path[4096];
			snprintf(in_path, sizeof(in_path), "%s/%s", src, input);
			if (!freopen(in_path, "r", stdin)) {
				perror(in_path);
				_exit(127);
			}
		} else if (!freopen("/dev/null", "r", stdin)) {
			_exit(127);
		}
		unsetenv("YIBAO_RULES");
		unsetenv("NO_COLOR");
		/* The locale picks the answer's language: a case says in env: which it runs in. */
		unsetenv("LC_ALL");
		unsetenv("LC_MESSAGES");
		unsetenv("LANG");
		for (int i = 0; i < nenv; i++)
			putenv(envs[i]);
		execv(yibao, argvv);
		perror(yibao);
		_exit(127);
	}
	int status;
	waitpid(pid, &status, 0);
	int got_exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	rewind(out), rewind(err);
	text got_out = read_all(out), got_err = read_all(err);
	if (overlay) {
		replace(&got_out, rules, "@RULES@");
		replace(&got_err, rules, "@RULES@");
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", rules);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", rules);
	}
	if (masked) {
		regex_t re;
		if (regcomp(&re, masked, REG_EXTENDED) != 0) {
			fprintf(stderr, "%s: mask: not a regular expression: %s\n", path, masked);
			return 2;
		}
		mask(&got_out, &re);
		mask(&got_err, &re);
		regfree(&re);
	}

	if (getenv("YIBAO_BLESS") && got_exit <= 128) {
		f = fopen(path, "w");
		if (!f) {
			perror(path);
			return 2;
		}
		/* Keep the header, with the exit line updated. */
		for (char *line = header.data; *line;) {
			size_t n = strcspn(line, "\n");
			if (!strncmp(line, "exit:", 5))
				fprintf(f, "exit: %d\n", got_exit);
			else
				fprintf(f, "%.*s\n", (int)n, line);
			line += n + (line[n] == '\n');
		}
		fprintf(f, "--- stdout\n%s--- stderr\n%s", got_out.data, got_err.data);
		fclose(f);
		free(file.data), free(header.data), free(want_out.data), free(want_err.data);
		free(got_out.data), free(got_err.data), free(args), free(overlay), free(input);
		free(masked);
		for (int i = 0; i < nenv; i++)
			free(envs[i]);
		fclose(out), fclose(err);
		return 0;
	}

	int failed = 0;
	if (got_exit > 128) {
		fprintf(stderr, "%s: yibao crashed (status %d)\n", path, got_exit);
		failed = 1;
	}
	if (got_exit != want_exit) {
		fprintf(stderr, "exit code: want %d, got %d\n", want_exit, got_exit);
		failed = 1;
	}
	if (strcmp(want_out.data, got_out.data) != 0) {
		show_difference("stdout", want_out.data, got_out.data);
		failed = 1;
	}
	if (strcmp(want_err.data, got_err.data) != 0) {
		show_difference("stderr", want_err.data, got_err.data);
		failed = 1;
	}
	if (failed)
		fprintf(stderr, "%s: FAILED (YIBAO_BLESS=1 rewrites it with the actual output)\n",
			path);
	free(file.data), free(header.data), free(want_out.data), free(want_err.data);
	free(got_out.data), free(got_err.data), free(args), free(overlay), free(input);
	free(masked);
	for (int i = 0; i < nenv; i++)
		free(envs[i]);
	fclose(out), fclose(err);
	return failed;
}
