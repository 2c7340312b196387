/*
 * check.c - case files: queries with what their answers must say, run against a corpus, and
 * which branches of the corpus's decision trees the cases reached (docs/check.md).
 *
 *   cases:
 *     - name: 常德到长沙，职工医保
 *       command: transfer
 *       args: {from: changde, to: changsha, type: employee, date: 2026-11-22}
 *       expect:
 *         route: intra-province
 *         steps: [out-counter, in-counter]
 *         due: {out-counter: 2026-12-14}
 *
 * A case passes when every expectation holds. Each failure is one line naming the case file,
 * line and column, the case, and what differed; the run ends with the line "N passed, N failed".
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "answer.h"
#include "date.h"
#include "error.h"
#include "mem.h"
#include "number.h"
#include "yamltree.h"

typedef struct {
	const yb_corpus *c;
	yb_line_fn out;
	void *ctx;
	yb_check_report *rep;
	/* Branches reached, for --coverage: (node, branch) pairs. */
	struct reached {
		const yb_node *node;
		int branch;
	} *reached;
	size_t nreached, cap;
	int nomem;
	const char *file; /* the case file being run */
} runner;

static void say(runner *r, const char *fmt, ...) YB_PRINTF(2, 3);

static void say(runner *r, const char *fmt, ...)
{
	char line[1536];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	char shown[2048];
	r->out(r->ctx, yb_escape_controls(shown, sizeof(shown), line));
}

/* ---- Reading case files ------------------------------------------------------------------- */

static const char *scalar(const ynode *n)
{
	return n && n->kind == YN_SCALAR ? n->str : NULL;
}

static bool is_scalar_list(const ynode *n)
{
	if (!n || n->kind != YN_SEQ)
		return false;
	for (size_t i = 0; i < n->n; i++)
		if (n->kids[i]->kind != YN_SCALAR)
			return false;
	return true;
}

/* A problem with the case file itself (not with an answer): reported like a failure. */
static void bad_file(runner *r, const ynode *n, const char *what)
{
	say(r, "%s:%d:%d: %s", r->file, n ? n->line : 1, n ? n->column : 1, what);
	r->rep->failed++;
}

/*
 * The first key, anywhere under n, that is not a plain scalar or repeats an earlier key of its
 * mapping: every key of a case file is a word, and a repeated one would leave one of two
 * contradictory expectations unchecked.
 */
static const ynode *bad_key_under(const ynode *n, bool *repeated)
{
	const ynode *bad = yn_bad_key(n, repeated);
	for (size_t i = 0; !bad && n->kind != YN_SCALAR && i < n->n; i++)
		bad = bad_key_under(n->kids[i], repeated);
	return bad;
}

static const char *key_problem(const ynode *bad, bool repeated, char what[300])
{
	if (!repeated)
		return "键必须是普通的词";
	snprintf(what, 300, "键 \"%s\" 重复", bad->str);
	return what;
}

/* ---- Comparing an answer with what a case expects ----------------------------------------- */

typedef struct {
	runner *r;
	const char *name;
	const ynode *at; /* the case, for the position of its failures */
	int failures;
} verdict;

static void differ(verdict *v, const ynode *n, const char *fmt, ...) YB_PRINTF(3, 4);

static void differ(verdict *v, const ynode *n, const char *fmt, ...)
{
	char what[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	const ynode *at = n ? n : v->at;
	say(v->r, "%s:%d:%d: %s: %s", v->r->file, at->line, at->column, v->name, what);
	v->failures++;
}

static const yb_answer_item *find_item(const yb_answer *a, yb_item_kind kind, const char *id)
{
	for (size_t i = 0; i < a->nitems; i++)
		if (a->items[i].item->kind == kind &&
		    !strcmp(yb_str(a->corpus, a->items[i].item->id), id))
			return &a->items[i];
	return NULL;
}

static const struct {
	const char *key, *absent_key, *name;
	yb_item_kind kind;
} lists[] = {
	{"steps", "no_steps", "步骤", ITEM_STEP},
	{"materials", "no_materials", "材料", ITEM_MATERIAL},
	{"deadlines", "no_deadlines", "期限", ITEM_DEADLINE},
	{"notes", "no_notes", "提示", ITEM_NOTE},
	{"estimates", "no_estimates", "估算", ITEM_ESTIMATE},
	{"waits", "no_waits", "等待期", ITEM_WAIT},
};

static void expect_items(verdict *v, const yb_answer *a, const ynode *expect)
{
	for (size_t k = 0; k < sizeof(lists) / sizeof(lists[0]); k++) {
		const ynode *want = yn_get(expect, lists[k].key);
		const ynode *absent = yn_get(expect, lists[k].absent_key);
		for (size_t i = 0; want && i < want->n; i++)
			if (!find_item(a, lists[k].kind, want->kids[i]->str))
				differ(v, want->kids[i], "答案中应有%s \"%s\"，但没有",
				       lists[k].name, want->kids[i]->str);
		for (size_t i = 0; absent && i < absent->n; i++)
			if (find_item(a, lists[k].kind, absent->kids[i]->str))
				differ(v, absent->kids[i], "%s \"%s\" 不应出现在答案中",
				       lists[k].name, absent->kids[i]->str);
	}
}

static void expect_due(verdict *v, const yb_answer *a, const ynode *due)
{
	for (size_t i = 0; due && i + 1 < due->n; i += 2) {
		const char *id = due->kids[i]->str, *want = scalar(due->kids[i + 1]);
		const yb_answer_item *it = find_item(a, ITEM_STEP, id);
		if (!it)
			it = find_item(a, ITEM_DEADLINE, id);
		char got[11] = "none";
		if (it && it->due)
			yb_date_format(it->due, got);
		if (!it)
			differ(v, due->kids[i], "应有 \"%s\" 的截止日期，但它不在答案中",
			       id);
		else if (!want || strcmp(want, got) != 0)
			differ(v, due->kids[i + 1], "\"%s\" 的截止日期：应为 %s，实际为 %s", id,
			       want ? want : "?", got);
	}
}

/* The answer's verdict value for key, as the JSON shows it: true, false, partial, depends. */
static const char *verdict_of(const yb_answer *a, const char *key)
{
	const yb_summary *s = yb_answer_summary(a);
	return s->verdict && !strcmp(s->verdict, key) ? s->verdict_value : NULL;
}

static void expect_answer(verdict *v, const yb_answer *a, const ynode *expect)
{
	const ynode *n;
	if ((n = yn_get(expect, "route"))) {
		const char *got = a->route ? yb_str(a->corpus, a->route->id) : "none";
		if (strcmp(scalar(n) ? scalar(n) : "", got) != 0)
			differ(v, n, "route：应为 %s，实际为 %s", scalar(n), got);
	}
	static const char *const verdicts[] = {"refundable", "covered"};
	for (size_t i = 0; i < 2; i++) {
		if (!(n = yn_get(expect, verdicts[i])))
			continue;
		const char *got = verdict_of(a, verdicts[i]);
		if (!got || strcmp(got, scalar(n) ? scalar(n) : "") != 0)
			differ(v, n, "%s：应为 %s，实际为 %s", verdicts[i], scalar(n),
			       got ? got : "no verdict");
	}
	if ((n = yn_get(expect, "questions"))) {
		char got[256] = "";
		for (size_t i = 0; i < a->nquestions; i++) {
			size_t len = strlen(got);
			snprintf(got + len, sizeof(got) - len, "%s%s", i ? ", " : "",
				 yb_str(a->corpus, a->questions[i]->id));
		}
		char want[256] = "";
		for (size_t i = 0; i < n->n; i++) {
			size_t len = strlen(want);
			snprintf(want + len, sizeof(want) - len, "%s%s", i ? ", " : "", n->kids[i]->str);
		}
		if (strcmp(got, want) != 0)
			differ(v, n, "questions：应为 [%s]，实际为 [%s]", want, got);
	}
	expect_items(v, a, expect);
	expect_due(v, a, yn_get(expect, "due"));
}

static void remember(runner *r, const yb_answer *a)
{
	for (size_t i = 0; i < a->ntrace && !r->nomem; i++) {
		const yb_trace_step *s = &a->trace[i];
		bool seen = false;
		for (size_t k = 0; k < r->nreached && !seen; k++)
			seen = r->reached[k].node == s->node && r->reached[k].branch == s->branch;
		if (seen)
			continue;
		if (r->nreached == r->cap) {
			size_t cap = r->cap ? r->cap * 2 : 256;
			struct reached *p = yb_realloc(r->reached, cap * sizeof(*p));
			if (!p) {
				r->nomem = 1;
				return;
			}
			r->reached = p;
			r->cap = cap;
		}
		r->reached[r->nreached++] = (struct reached){s->node, s->branch};
	}
}

/* due is a mapping (id: date); exit, route and the verdicts are one value; the rest lists. */
static bool shaped(const char *key, const ynode *val)
{
	if (!strcmp(key, "due"))
		return val->kind == YN_MAP;
	if (!strcmp(key, "exit")) {
		long code;
		return val->kind == YN_SCALAR && !yb_integer_parse(val->str, 0, 255, &code);
	}
	if (!strcmp(key, "route") || !strcmp(key, "refundable") ||
	    !strcmp(key, "covered"))
		return val->kind == YN_SCALAR;
	return is_scalar_list(val);
}

/* Runs one case: the query its args describe, then its expectations. */
static void run_case(runner *r, const ynode *cs)
{
	static const char *const keys[] = {"name", "command", "args", "expect", NULL};
	static const char *const expect_keys[] = {
		"exit",	 "route", "refundable", "covered",	"questions",  "steps", "no_steps",
		"materials", "no_materials", "deadlines", "no_deadlines", "notes", "no_notes",
		"estimates", "no_estimates", "waits",	  "no_waits",	  "due",   NULL};
	const ynode *command = yn_get(cs, "command"), *args = yn_get(cs, "args"),
		    *expect = yn_get(cs, "expect"), *name = yn_get(cs, "name");
	verdict v = {r, scalar(name) ? scalar(name) : "（未命名的用例）", cs, 0};
	yb_query *q = NULL;
	yb_answer *a = NULL;
	yb_error err;
	yb_status st;

	/* The case's own shape, so that a typo in a key is not a silently passing case. */
	if (cs->kind != YN_MAP) {
		bad_file(r, cs, "用例应是一个映射");
		return;
	}
	bool repeated;
	const ynode *bad = bad_key_under(cs, &repeated);
	if (bad) {
		char what[300];
		differ(&v, bad, "%s", key_problem(bad, repeated, what));
		goto done;
	}
	for (size_t i = 0; i + 1 < cs->n; i += 2) {
		size_t k = 0;
		while (keys[k] && strcmp(keys[k], cs->kids[i]->str) != 0)
			k++;
		if (!keys[k]) {
			differ(&v, cs->kids[i], "未知的键 \"%s\"（可用的键：name、command、args、"
						"expect）",
			       cs->kids[i]->str);
		}
	}
	if (!scalar(command) || (args && args->kind != YN_MAP) || !expect ||
	    expect->kind != YN_MAP) {
		differ(&v, cs, "用例需要 command、args（映射）和 expect（映射）");
		goto done;
	}
	for (size_t i = 0; args && i + 1 < args->n; i += 2)
		if (args->kids[i + 1]->kind != YN_SCALAR)
			differ(&v, args->kids[i + 1], "args：\"%s\" 只取一个值，而不是%s",
			       args->kids[i]->str,
			       args->kids[i + 1]->kind == YN_MAP ? "映射" : "列表");
	for (size_t i = 0; i + 1 < expect->n; i += 2) {
		const char *key = expect->kids[i]->str;
		const ynode *val = expect->kids[i + 1];
		size_t k = 0;
		while (expect_keys[k] && strcmp(expect_keys[k], key) != 0)
			k++;
		if (!expect_keys[k])
			differ(&v, expect->kids[i], "未知的期望 \"%s\"", key);
		else if (!shaped(key, val))
			differ(&v, val, "期望 \"%s\" 的形式不对", key);
	}
	if (v.failures)
		goto done;

	st = yb_query_new(r->c, command->str, &q, &err);
	for (size_t i = 0; !st && args && i + 1 < args->n; i += 2)
		st = yb_query_set(q, args->kids[i]->str, args->kids[i + 1]->str, &err);
	if (!st)
		st = yb_query_run(q, &a, &err);
	if (st == YB_ENOMEM) {
		r->nomem = 1;
		goto done;
	}
	const ynode *exit = yn_get(expect, "exit");
	long want_exit = 0;
	if (exit)
		yb_integer_parse(exit->str, 0, 255, &want_exit); /* checked by shaped() */
	if (yb_exit_code(st) != want_exit)
		differ(&v, exit, "exit：应为 %ld，实际为 %d%s%s", want_exit, yb_exit_code(st),
		       st ? " — " : "", st ? err.message : "");
	else if (!st)
		expect_answer(&v, a, expect);
	if (a)
		remember(r, a);
done:
	if (v.failures)
		r->rep->failed++;
	else
		r->rep->passed++;
	yb_answer_free(a);
	yb_query_free(q);
}

static yb_status run_file(runner *r, const char *path, yb_error *err)
{
	yb_arena arena = {0};
	ynode *root = NULL;
	char *text = NULL;
	size_t len = 0, cap = 0;
	yb_status st = YB_OK;
	/* "-" is standard input, which the report calls <stdin>. */
	bool from_stdin = !strcmp(path, "-");
	FILE *f = from_stdin ? stdin : fopen(path, "rb");

	if (from_stdin)
		path = "<stdin>";
	if (!f)
		return yb_fail(err, YB_EUSAGE, "无法读取 %s", "could not read %s", path);
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16384;
			char *p = cap > YB_YAML_MAX_SIZE + 16384 ? NULL : yb_realloc(text, cap);
			if (!p) {
				st = cap > YB_YAML_MAX_SIZE
					     ? yb_fail(err, YB_EUSAGE, "%s 太大", "%s is too large", path)
					     : yb_err_nomem(err);
				goto cleanup;
			}
			text = p;
		}
		size_t got = fread(text + len, 1, cap - len, f);
		len += got;
		if (!got)
			break;
	}
	if (ferror(f)) {
		st = yb_fail_errno(err, YB_EUSAGE, errno, "无法读取 %s", "could not read %s", path);
		goto cleanup;
	}
	r->file = path;
	if ((st = yb_yaml_parse(&arena, path, text, len, &root, err))) {
		if (st != YB_ENOMEM) {
			/* A case file that does not parse fails, and the run goes on. */
			say(r, "%s:%d:%d: %s", path, err->line, err->column, err->message);
			r->rep->failed++;
			st = YB_OK;
		}
		goto cleanup;
	}
	bool repeated;
	const ynode *bad = yn_bad_key(root, &repeated);
	if (bad) {
		char what[300];
		bad_file(r, bad, key_problem(bad, repeated, what));
		goto cleanup;
	}
	const ynode *cases = yn_get(root, "cases");
	if (!cases || cases->kind != YN_SEQ) {
		bad_file(r, root, "用例文件应在 \"cases\" 下列出用例");
		goto cleanup;
	}
	for (size_t i = 0; i < cases->n && !r->nomem; i++)
		run_case(r, cases->kids[i]);
	if (r->nomem)
		st = yb_err_nomem(err);
cleanup:
	if (f && !from_stdin)
		fclose(f);
	yb_free(text);
	yb_arena_free(&arena);
	return st;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A folder runs its .yaml files (not recursively), in name order. */
static yb_status run_path(runner *r, const char *path, yb_error *err)
{
	struct stat sb;
	if (!strcmp(path, "-"))
		return run_file(r, path, err);
	if (stat(path, &sb) != 0)
		return yb_fail(err, YB_EUSAGE, "没有这个文件或目录：%s", "no such file or directory: %s",
			       path);
	if (!S_ISDIR(sb.st_mode))
		return run_file(r, path, err);
	DIR *d = opendir(path);
	if (!d)
		return yb_fail(err, YB_EUSAGE, "无法读取目录 %s", "could not read the folder %s", path);
	char **names = NULL;
	size_t n = 0, cap = 0;
	yb_status st = YB_OK;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (l < 6 || strcmp(e->d_name + l - 5, ".yaml") != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			char **p = yb_realloc(names, cap * sizeof(*p));
			if (!p) {
				st = yb_err_nomem(err);
				goto cleanup;
			}
			names = p;
		}
		size_t pl = strlen(path);
		if (!(names[n] = yb_malloc(pl + l + 2))) {
			st = yb_err_nomem(err);
			goto cleanup;
		}
		snprintf(names[n++], pl + l + 2, "%s/%s", path, e->d_name);
	}
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n && !st; i++)
		st = run_file(r, names[i], err);
cleanup:
	for (size_t i = 0; i < n; i++)
		yb_free(names[i]);
	yb_free(names);
	closedir(d);
	return st;
}

/* ---- Coverage ------------------------------------------------------------------------------- */

static bool was_reached(const runner *r, const yb_node *n, int branch)
{
	for (size_t i = 0; i < r->nreached; i++)
		if (r->reached[i].node == n && r->reached[i].branch == branch)
			return true;
	return false;
}

static void cover_node(runner *r, const yb_node *n, bool report)
{
	const yb_corpus *c = r->c;
	if (!n)
		return;
	for (size_t i = 0; i < n->nthen; i++)
		cover_node(r, YB_NTH(c, yb_node, n->then, i), report);
	if (!n->test)
		return;
	const yb_fact *test = YB_AT(c, yb_fact, n->test);
	const yb_case *cases = YB_AT(c, yb_case, n->cases);
	for (size_t k = 0; k <= n->ncases; k++) {
		yb_ref branch = k < n->ncases ? cases[k].body : n->otherwise;
		const yb_node *body = YB_AT(c, yb_node, branch);
		if (k == n->ncases && !body)
			break;
		yb_pos pos = k < n->ncases ? cases[k].pos : body->pos;
		r->rep->branches++;
		if (was_reached(r, n, (int)k))
			r->rep->reached++;
		else if (report)
			say(r, "%s:%d:%d: 没有用例走到这个分支（%s: %s）",
			    yb_str(c, pos.file), pos.line, pos.column, yb_str(c, test->id),
			    k < n->ncases ? "case" : "default");
		cover_node(r, body, report);
	}
}

yb_status yb_check(const yb_corpus *c, const char *const *paths, size_t npaths, int coverage,
		   yb_line_fn out, void *ctx, yb_check_report *rep, yb_error *err)
{
	runner r = {c, out, ctx, rep, NULL, 0, 0, 0, NULL};
	yb_status st = YB_OK;
	yb_error scratch; /* a case file's error is reported whether the caller wants it or not */
	if (!err)
		err = &scratch;
	memset(rep, 0, sizeof(*rep));
	for (size_t i = 0; i < npaths && !st; i++)
		st = run_path(&r, paths[i], err);
	if (!st) {
		/* Every branch of every loaded procedure, reached or not. */
		for (size_t p = 0; p < c->nprocedures; p++) {
			const yb_layer *layers = YB_AT(c, yb_layer, c->procedures[p].layers);
			for (size_t l = 0; l < c->procedures[p].nlayers; l++)
				cover_node(&r, YB_AT(c, yb_node, layers[l].tree), coverage != 0);
		}
	}
	yb_free(r.reached);
	return st;
}
