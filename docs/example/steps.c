/*
 * steps.c - a program that reads an answer as data: the route from 常德 to 长沙 for employee
 * medical insurance, starting on 2026-11-30, then each step with the office that takes it and
 * the day it is due, then the day the whole process must be done by. Nothing is parsed: the
 * answer's entries are walked with the functions of yibao.h ("Reading an answer").
 *
 * Build against an installed libyibao (docs/library.md):
 *   cc steps.c $(pkg-config --cflags --libs yibao) -o steps
 */
#include <stdio.h>
#include <yibao.h>

int main(void)
{
	static const char *const facts[][2] = {
		{"from", "changde"}, {"to", "changsha"}, {"type", "employee"}, {"date", "2026-11-30"}};
	yb_corpus *corpus = NULL;
	yb_query *query = NULL;
	yb_answer *answer = NULL;
	yb_error err;
	yb_status st;

	if ((st = yb_corpus_open_embedded("transfer", &corpus, &err)) ||
	    (st = yb_query_new(corpus, "transfer", &query, &err)))
		goto done;
	for (size_t i = 0; i < sizeof(facts) / sizeof(facts[0]) && !st; i++)
		st = yb_query_set(query, facts[i][0], facts[i][1], &err);
	if (st || (st = yb_query_run(query, &answer, &err)))
		goto done;

	const yb_summary *s = yb_answer_summary(answer);
	printf("%s → %s: %s\n", s->from->name, s->to->name, s->route);
	for (size_t i = 0; i < yb_answer_count(answer, YB_LIST_STEPS); i++) {
		const yb_entry *e = yb_answer_entry(answer, YB_LIST_STEPS, i);
		printf("%zu. %s", i + 1, e->title.zh);
		if (e->side)
			printf(" [%s]", e->side->label.zh);
		if (e->deadline && e->deadline->due)
			printf(" due %s", e->deadline->due);
		printf("\n");
	}
	if (s->due)
		printf("everything done by %s\n", s->due);
done:
	if (st)
		fprintf(stderr, "steps: %s: %s\n", yb_status_name(st), err.message);
	yb_answer_free(answer);
	yb_query_free(query);
	yb_corpus_close(corpus);
	return yb_exit_code(st);
}
