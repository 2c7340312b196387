/*
 * example.c - a program that uses libyibao: what to do to move one's employee medical
 * insurance from 常德 to 长沙, starting on 2026-11-30, as the JSON that `yibao transfer
 * --format json` prints (docs/json.md).
 *
 * Build against an installed libyibao (docs/library.md):
 *   cc example.c $(pkg-config --cflags --libs yibao) -o example
 * or with CMake: find_package(yibao) and link yibao::yibao (CMakeLists.txt here).
 */
#include <stdio.h>
#include <yibao.h>

/* Where the rendering goes: stdout. */
static int to_stdout(void *ctx, const char *data, size_t len)
{
	return fwrite(data, 1, len, ctx) == len ? 0 : -1;
}

int main(void)
{
	static const char *const facts[][2] = {
		{"from", "changde"}, {"to", "changsha"}, {"type", "employee"}, {"date", "2026-11-30"}};
	yb_corpus *corpus = NULL;
	yb_query *query = NULL;
	yb_answer *answer = NULL;
	yb_error err;
	yb_status st;

	/* The corpus compiled into the library: nothing to read or parse. */
	if ((st = yb_corpus_open_embedded("transfer", &corpus, &err)) ||
	    (st = yb_query_new(corpus, "transfer", &query, &err)))
		goto done;
	for (size_t i = 0; i < sizeof(facts) / sizeof(facts[0]) && !st; i++)
		st = yb_query_set(query, facts[i][0], facts[i][1], &err);
	if (st || (st = yb_query_run(query, &answer, &err)) ||
	    (st = yb_answer_render_json(answer, 0, to_stdout, stdout, &err)))
		goto done;
	if (fflush(stdout) != 0) {
		st = YB_EIO;
		snprintf(err.message, sizeof(err.message), "cannot write the output");
	}
done:
	if (st)
		fprintf(stderr, "example: %s: %s\n", yb_status_name(st), err.message);
	yb_answer_free(answer);
	yb_query_free(query);
	yb_corpus_close(corpus);
	return yb_exit_code(st);
}
