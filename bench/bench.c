/*
 * bench.c - the performance figures of docs/performance.md, from one run.
 *
 *   yb-bench YIBAO QUERIES.jsonl CASES_DIR
 *
 * Prints, as `name: value` lines:
 *   - one cold answer (`yibao transfer --from changde --to changsha`) against /bin/true, the
 *     two started alternately so that both see the same machine;
 *   - `yibao batch` over QUERIES (answers a second, peak memory), and a sample of its lines
 *     checked against the same queries asked one at a time;
 *   - the batch's answers a second and output size for the whole answer, for `--fields
 *     route,due` and for `--output csv --fields route,due`, each to /dev/null and through a
 *     pipe (into `cat >/dev/null`);
 *   - how long opening the corpus takes: the compiled image and the YAML it comes from;
 *   - `yibao check CASES_DIR`;
 *   - which shared libraries an answer maps (libcurl must not be one).
 *
 * Note that processes are started with posix_spawn() and timed from before the spawn to after
 * the wait, which is what a shell script calling yibao pays.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "image.h"
#include "load.h"
#include "yibao.h"

extern char **environ;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	fprintf(stderr, "yb-bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

typedef struct {
	double seconds;
	long max_rss_kb;
	int status;
} run_result;

/* Runs argv with stdin from `in` and stdout to `out` (NULL: /dev/null), stderr to /dev/null. */
static run_result run(char *const argv[], const char *in, const char *out, char *const envp[])
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, in ? in : "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, out ? out : "/dev/null",
					 O_WRONLY | O_CREAT | O_TRUNC, 0644);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	pid_t pid;
	struct rusage ru;
	int status;
	run_result r;
	double t0 = now();
	if (posix_spawn(&pid, argv[0], &fa, NULL, argv, envp ? envp : environ) != 0)
		die(argv[0]);
	if (wait4(pid, &status, 0, &ru) < 0)
		die("wait4");
	r.seconds = now() - t0;
	r.max_rss_kb = ru.ru_maxrss;
	r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	posix_spawn_file_actions_destroy(&fa);
	return r;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), by_value);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double mean(const double *v, size_t n)
{
	double s = 0;
	for (size_t i = 0; i < n; i++)
		s += v[i];
	return s / (double)n;
}

/* ---- One cold answer against /bin/true ------------------------------------------------------ */

static void cold_answer(char *yibao, const char *installed)
{
	enum { WARMUP = 50, RUNS = 2000 };
	char *answer[] = {yibao, "transfer", "--from", "changde", "--to", "changsha", NULL};
	char *truth[] = {"/bin/true", NULL};
	/* The same answer from an installed update: its data folder holds a newer corpus image. */
	char data_home[4200], home[4200];
	snprintf(data_home, sizeof(data_home), "XDG_DATA_HOME=%s", installed);
	snprintf(home, sizeof(home), "HOME=%s", installed);
	char *installed_env[] = {data_home, home, "LC_ALL=C.UTF-8", NULL};
	static double t_true[RUNS], t_embedded[RUNS], t_installed[RUNS];
	long rss_embedded = 0, rss_installed = 0;
	for (int i = 0; i < WARMUP; i++) {
		run(truth, NULL, NULL, NULL);
		run(answer, NULL, NULL, NULL);
		run(answer, NULL, NULL, installed_env);
	}
	for (int i = 0; i < RUNS; i++) {
		t_true[i] = run(truth, NULL, NULL, NULL).seconds;
		run_result e = run(answer, NULL, NULL, NULL);
		run_result u = run(answer, NULL, NULL, installed_env);
		if (e.status != 0 || u.status != 0) {
			fprintf(stderr, "yb-bench: the answer exited %d (embedded), %d (installed)\n",
				e.status, u.status);
			exit(1);
		}
		t_embedded[i] = e.seconds;
		t_installed[i] = u.seconds;
		if (e.max_rss_kb > rss_embedded)
			rss_embedded = e.max_rss_kb;
		if (u.max_rss_kb > rss_installed)
			rss_installed = u.max_rss_kb;
	}
	double mt = mean(t_true, RUNS), me = mean(t_embedded, RUNS), mu = mean(t_installed, RUNS);
	double dt = median(t_true, RUNS), de = median(t_embedded, RUNS), du = median(t_installed, RUNS);
	printf("cold answer runs:             %d of each, in turn, after %d warm-up\n", RUNS, WARMUP);
	printf("/bin/true:                    median %.3f ms, mean %.3f ms\n", dt * 1e3, mt * 1e3);
	printf("yibao transfer, embedded:     median %.3f ms, mean %.3f ms\n", de * 1e3, me * 1e3);
	printf("yibao transfer, installed:    median %.3f ms, mean %.3f ms\n", du * 1e3, mu * 1e3);
	printf("embedded / /bin/true:         %.2fx (median), %.2fx (mean)   target <= 1.30x\n",
	       de / dt, me / mt);
	printf("installed / /bin/true:        %.2fx (median), %.2fx (mean)   target <= 1.30x\n",
	       du / dt, mu / mt);
	printf("cold answer peak RSS:         %.1f MB embedded, %.1f MB installed   target <= 3 MB\n",
	       (double)rss_embedded / 1024, (double)rss_installed / 1024);
}

/* ---- Batch ------------------------------------------------------------------------------------ */

/* The values of a flat JSON object line as argv: --key value … (the generator's lines only:
 * no escapes in strings). argv has room for max entries. Returns the count, or -1. */
static int line_to_argv(const char *line, char *yibao, char **argv, int max, char *store,
			size_t size)
{
	int n = 0;
	char *w = store, *end = store + size;
	const char *p = line;
	argv[n++] = yibao;
	argv[n++] = NULL; /* the command, filled below */
	while ((p = strchr(p, '"'))) {
		const char *k = ++p;
		if (!(p = strchr(p, '"')))
			return -1;
		size_t klen = (size_t)(p - k);
		p++;
		if (*p++ != ':')
			return -1;
		const char *v;
		size_t vlen;
		if (*p == '"') {
			v = ++p;
			if (!(p = strchr(p, '"')))
				return -1;
			vlen = (size_t)(p - v);
			p++;
		} else {
			v = p;
			vlen = strcspn(p, ",}");
			p += vlen;
		}
		/* Room for this pair, then --format json and the NULL. */
		if (w + klen + vlen + 4 >= end || n + 2 + 3 > max)
			return -1;
		if (klen == 7 && !memcmp(k, "command", 7)) {
			argv[1] = w;
		} else {
			argv[n++] = w;
			*w++ = '-', *w++ = '-';
			memcpy(w, k, klen), w += klen, *w++ = '\0';
			argv[n++] = w;
		}
		memcpy(w, v, vlen), w += vlen, *w++ = '\0';
	}
	if (!argv[1])
		return -1;
	argv[n++] = "--format";
	argv[n++] = "json";
	argv[n] = NULL;
	return n;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die(path);
	char *data = NULL;
	size_t cap = 0, n = 0, got;
	do {
		if (n + 65536 > cap && !(data = realloc(data, cap = (cap + 65536) * 2)))
			die("realloc");
		got = fread(data + n, 1, cap - n - 1, f);
		n += got;
	} while (got);
	fclose(f);
	data[n] = '\0';
	*len = n;
	return data;
}

/* Note that a spawned child's peak RSS counts the parent's memory until the exec (the two
 * share it until then), so the runs whose memory is reported are started while this process
 * holds nothing large, and a batch's output is streamed, never held. */

static size_t batch(char *yibao, const char *queries)
{
	char *argv[] = {yibao, "batch", NULL};
	run_result r = run(argv, queries, NULL, NULL);
	printf("batch wall time:              %.3f s, to /dev/null (exit %d: some lines are bad "
	       "on purpose)\n", r.seconds, r.status);
	printf("batch peak RSS:               %.1f MB   target: flat (see below)\n",
	       (double)r.max_rss_kb / 1024);

	/* Again through a pipe, to count the answers and keep a sample: every 997th line. */
	enum { EVERY = 997, MAX_SAMPLES = 2048 };
	static char *sample_q[MAX_SAMPLES], *sample_a[MAX_SAMPLES];
	size_t nsamples = 0, lines = 0, errors = 0, bytes = 0;
	int fds[2];
	if (pipe(fds) != 0)
		die("pipe");
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, queries, O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0); /* its summary */
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	pid_t pid;
	if (posix_spawn(&pid, yibao, &fa, NULL, argv, environ) != 0)
		die(yibao);
	close(fds[1]);
	FILE *out = fdopen(fds[0], "r"), *in = fopen(queries, "r");
	if (!out || !in)
		die(queries);
	char *line = NULL, *query = NULL;
	size_t cap = 0, qcap = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, out)) > 0) {
		if (getline(&query, &qcap, in) < 0)
			die("the queries ended before the answers");
		bytes += (size_t)len;
		bool refused = !strncmp(line, "{\"schema\":1,\"line\":", 19);
		errors += refused;
		/* Sample answers only: a refused line has no single answer to compare with. */
		if (lines++ % EVERY == 0 && !refused && nsamples < MAX_SAMPLES) {
			sample_q[nsamples] = strdup(query);
			sample_a[nsamples++] = strdup(line);
		}
	}
	int status;
	waitpid(pid, &status, 0);
	fclose(out);
	fclose(in);
	free(line);
	free(query);
	posix_spawn_file_actions_destroy(&fa);

	size_t answered = lines - errors;
	printf("batch queries:                %zu lines, %zu answered, %zu refused as bad input\n",
	       lines, answered, errors);
	printf("batch output:                 %.1f MB (%.1f KB an answer)\n", (double)bytes / 1e6,
	       (double)bytes / (double)lines / 1e3);
	printf("batch answers per second:     %.0f   target >= 200000\n",
	       (double)answered / r.seconds);

	/* Each sampled line, asked on its own, must be the batch's line. */
	size_t checked = 0, differ = 0;
	for (size_t i = 0; i < nsamples; i++) {
		char *args[32], store[4096];
		sample_q[i][strcspn(sample_q[i], "\n")] = '\0';
		if (line_to_argv(sample_q[i], yibao, args, 32, store, sizeof(store)) > 0) {
			const char *single = "/tmp/yb-bench-single.json";
			size_t slen;
			run(args, NULL, single, NULL);
			char *s = slurp(single, &slen);
			checked++;
			differ += strcmp(s, sample_a[i]) != 0;
			free(s);
			unlink(single);
		}
		free(sample_q[i]);
		free(sample_a[i]);
	}
	printf("batch vs single answers:      %zu sampled lines asked alone, %zu differ\n", checked,
	       differ);
	return answered;
}

/* ---- Batch output: whole answers, some fields, CSV -------------------------------------------- */

/* Spawns argv with stdin from `in` (a file, or -1 and in_fd) and stdout to out_fd. */
static pid_t spawn_fds(char *const argv[], const char *in, int in_fd, int out_fd, int other)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	if (in)
		posix_spawn_file_actions_addopen(&fa, 0, in, O_RDONLY, 0);
	else
		posix_spawn_file_actions_adddup2(&fa, in_fd, 0);
	if (out_fd >= 0)
		posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
	else
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addclose(&fa, other);
	pid_t pid;
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0)
		die(argv[0]);
	posix_spawn_file_actions_destroy(&fa);
	return pid;
}

/* Wall time of a batch over queries: stdout to /dev/null, or (piped) into `cat >/dev/null`,
 * timed from the first spawn to the last wait. */
static double batch_time(char *const argv[], const char *queries, bool piped)
{
	if (!piped)
		return run(argv, queries, NULL, NULL).seconds;
	int fds[2];
	char *cat[] = {"cat", NULL};
	if (pipe(fds) != 0)
		die("pipe");
	double t0 = now();
	pid_t producer = spawn_fds(argv, queries, -1, fds[1], fds[0]);
	pid_t consumer = spawn_fds(cat, NULL, fds[0], -1, fds[1]);
	close(fds[0]);
	close(fds[1]);
	int status;
	waitpid(producer, &status, 0);
	waitpid(consumer, &status, 0);
	return now() - t0;
}

/* How many bytes a batch writes. */
static double batch_bytes(char *const argv[], const char *queries)
{
	int fds[2];
	if (pipe(fds) != 0)
		die("pipe");
	pid_t pid = spawn_fds(argv, queries, -1, fds[1], fds[0]);
	close(fds[1]);
	static char buf[1 << 16];
	double bytes = 0;
	ssize_t got;
	while ((got = read(fds[0], buf, sizeof(buf))) > 0)
		bytes += (double)got;
	close(fds[0]);
	int status;
	waitpid(pid, &status, 0);
	return bytes;
}

static void batch_outputs(char *yibao, const char *queries, size_t answered)
{
	enum { RUNS = 3 };
	static const struct {
		const char *name;
		char *args[6];
	} outputs[] = {
		{"whole answers", {NULL}},
		{"--fields route,due", {"--fields", "route,due", NULL}},
		{"--output csv --fields route,due", {"--output", "csv", "--fields", "route,due", NULL}},
	};
	printf("batch output, %d runs each (median), answers/s to /dev/null and piped to cat:\n",
	       RUNS);
	for (size_t o = 0; o < sizeof(outputs) / sizeof(outputs[0]); o++) {
		char *argv[8] = {yibao, "batch"};
		for (size_t i = 0; outputs[o].args[i]; i++)
			argv[2 + i] = outputs[o].args[i];
		double t[2][RUNS];
		for (int r = 0; r < RUNS; r++)
			for (int piped = 0; piped < 2; piped++)
				t[piped][r] = batch_time(argv, queries, piped);
		double bytes = batch_bytes(argv, queries);
		printf("  %-32s %8.0f /dev/null  %8.0f piped  %9.1f MB, %6.0f B an answer\n",
		       outputs[o].name, (double)answered / median(t[0], RUNS),
		       (double)answered / median(t[1], RUNS), bytes / 1e6, bytes / (double)answered);
	}
}

/* Peak RSS of batches of growing length, to show it stays flat. */
static void batch_memory(char *yibao, const char *queries)
{
	static const size_t sizes[] = {1000, 10000, 100000, 1000000};
	char *argv[] = {yibao, "batch", NULL};
	const char *path = "/tmp/yb-bench-part.jsonl";
	printf("batch peak RSS by length:    ");
	for (size_t k = 0; k < sizeof(sizes) / sizeof(*sizes); k++) {
		FILE *in = fopen(queries, "r"), *part = fopen(path, "w");
		char buf[4096];
		size_t n = 0;
		if (!in || !part)
			die(path);
		while (n < sizes[k] && fgets(buf, sizeof(buf), in))
			n += fputs(buf, part) >= 0 && strchr(buf, '\n');
		fclose(in);
		if (fclose(part) != 0)
			die(path);
		if (n < sizes[k])
			break;
		run_result r = run(argv, path, NULL, NULL);
		printf(" %zu lines %.1f MB;", n, (double)r.max_rss_kb / 1024);
	}
	unlink(path);
	printf("\n");
}

/* ---- Corpus load, check, libraries ------------------------------------------------------------ */

static void corpus_load(void)
{
	enum { RUNS = 20 };
	yb_corpus *c;
	yb_error err;
	double t0 = now();
	for (int i = 0; i < RUNS * 1000; i++) {
		if (yb_corpus_open_embedded(NULL, &c, &err))
			exit(1);
		yb_corpus_close(c);
	}
	double image = (now() - t0) / (RUNS * 1000);
	t0 = now();
	for (int i = 0; i < RUNS * 1000; i++) {
		if (yb_image_map(YIBAO_BINARY_DIR "/corpus.img", &c, &err)) {
			fprintf(stderr, "yb-bench: %s\n", err.message);
			exit(1);
		}
		yb_corpus_close(c);
	}
	double mapped = (now() - t0) / (RUNS * 1000);
	t0 = now();
	for (int i = 0; i < RUNS; i++) {
		if (yb_corpus_open_embedded_yaml(NULL, &c, &err)) {
			fprintf(stderr, "yb-bench: %s\n", err.message);
			exit(1);
		}
		yb_corpus_close(c);
	}
	double yaml = (now() - t0) / RUNS;
	printf("corpus open, built-in image:  %.3f us (every answer, no update installed)\n",
	       image * 1e6);
	printf("corpus open, mapped image:    %.3f us (every answer from an installed update)\n",
	       mapped * 1e6);
	printf("corpus load, parsing YAML:    %.2f ms (--rules, updates, lint)\n", yaml * 1e3);
}

static void check(char *yibao, const char *cases)
{
	char *argv[] = {yibao, "check", (char *)cases, NULL};
	run_result r = run(argv, NULL, NULL, NULL);
	printf("yibao check %s:     %.3f s, exit %d   target < 1 s\n", cases, r.seconds, r.status);
}

/*
 * The shared libraries an answer maps, read from the answering process's /proc/PID/maps, which
 * lists what the dynamic linker loaded at start and anything dlopen() loaded since (a static
 * program has neither, and no LD_DEBUG to ask). The process is a batch kept alive on a pipe:
 * four answers of over 20 KB each fill its 64 KB output block, so once the first answer can be
 * read the answers are made, and the process waits to write the rest.
 */
static void libraries(char *yibao)
{
	static const char query[] = "{\"command\":\"transfer\",\"from\":\"changde\","
				    "\"to\":\"changsha\"}\n";
	char *argv[] = {yibao, "batch", NULL};
	int in[2], out[2];
	if (pipe(in) != 0 || pipe(out) != 0)
		die("pipe");
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addclose(&fa, in[1]);
	posix_spawn_file_actions_addclose(&fa, out[0]);
	pid_t pid;
	if (posix_spawn(&pid, yibao, &fa, NULL, argv, environ) != 0)
		die(yibao);
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	close(out[1]);
	for (int i = 0; i < 6; i++)
		if (write(in[1], query, sizeof(query) - 1) != (ssize_t)sizeof(query) - 1)
			die("write");
	char c;
	while (read(out[0], &c, 1) == 1 && c != '\n')
		;
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	size_t len;
	char *maps = slurp(path, &len);
	close(in[1]);
	char drain[65536];
	while (read(out[0], drain, sizeof(drain)) > 0)
		;
	close(out[0]);
	int status;
	waitpid(pid, &status, 0);
	printf("libraries an answer maps:    ");
	int curl = 0, any = 0;
	char seen[4096] = "";
	for (char *line = maps; *line;) {
		char *eol = strchr(line, '\n');
		if (eol)
			*eol = '\0';
		char *file = strrchr(line, '/');
		if (file && strstr(file, ".so") && !strstr(seen, file)) {
			printf(" %s", file + 1);
			snprintf(seen + strlen(seen), sizeof(seen) - strlen(seen), "%s ", file);
			curl |= strncmp(file + 1, "libcurl", 7) == 0;
			any = 1;
		}
		if (!eol)
			break;
		line = eol + 1;
	}
	printf("%s\nanswer maps libcurl:          %s\n", any ? "" : " none", curl ? "yes" : "no");
	free(maps);
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: yb-bench YIBAO QUERIES.jsonl CASES_DIR INSTALLED_DATA_HOME\n");
		return 2;
	}
	char *yibao = argv[1];
	if (access(yibao, X_OK) != 0)
		die(yibao);
	setvbuf(stdout, NULL, _IOLBF, 0);
	cold_answer(yibao, argv[4]);
	batch_memory(yibao, argv[2]);
	size_t answered = batch(yibao, argv[2]);
	batch_outputs(yibao, argv[2], answered);
	corpus_load();
	check(yibao, argv[3]);
	libraries(yibao);
	return 0;
}
