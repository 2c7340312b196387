/*
 * test_image.c - the corpus image compiled into the binary, and the same image written to a file
 * and mapped (as an installed update is), answer exactly as the YAML they were compiled from.
 * Every query below runs three times, on the built-in image, on the mapped file and on rules/
 * loaded by the YAML loader, and all must agree byte for byte: the status and error message,
 * the text answer with its explanation, and the JSON answer with and without it.
 *
 * The queries sweep every city through each place a procedure takes, every value of every fact
 * it asks one at a time, and a fixed pseudo-random sample of whole combinations (facts left out
 * included, so the answers that list alternatives are compared too), on dates either side of the
 * rule changes the corpus dates.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "corpus.h"
#include "error.h"
#include "image.h"
#include "yibao.h"

typedef struct {
	yb_corpus *image, *mapped, *yaml;
	unsigned long compared;
} pair;

static int setup(void **state)
{
	static pair p;
	yb_error err;
	if (yb_corpus_open_embedded(NULL, &p.image, &err) ||
	    yb_image_map(YIBAO_BINARY_DIR "/corpus.img", &p.mapped, &err) ||
	    yb_image_verify(p.mapped, "corpus.img", &err) ||
	    yb_corpus_open_dir(YIBAO_SOURCE_DIR "/rules", NULL, &p.yaml, &err))
		return -1;
	/* Otherwise the comparison would compare a corpus with itself. */
	if (p.image->owner != IMAGE_STATIC || p.mapped->owner != IMAGE_MAPPED ||
	    p.yaml->owner != IMAGE_BUILT)
		return -1;
	*state = &p;
	return 0;
}

static int teardown(void **state)
{
	pair *p = *state;
	yb_corpus_close(p->image);
	yb_corpus_close(p->mapped);
	yb_corpus_close(p->yaml);
	return 0;
}

static int collect(void *ctx, const char *data, size_t len)
{
	yb_buf_append(ctx, data, len);
	return 0;
}

/* One query as facts: name, value, name, value …, NULL. */
enum { MAX_FACTS = 24 };
typedef struct {
	const char *facts[MAX_FACTS * 2 + 1];
	size_t n;
} query;

static void put(query *q, const char *fact, const char *value)
{
	assert_true(q->n < MAX_FACTS);
	q->facts[q->n * 2] = fact;
	q->facts[q->n * 2 + 1] = value;
	q->n++;
	q->facts[q->n * 2] = NULL;
}

/* Everything a person or a script would see for this query, as one string. */
static void answer(const yb_corpus *c, const char *procedure, const query *q, yb_buf *out)
{
	yb_query *yq = NULL;
	yb_answer *a = NULL;
	yb_error err = {0};
	yb_status st = yb_query_new(c, procedure, &yq, &err);
	for (size_t i = 0; st == YB_OK && i < q->n; i++)
		st = yb_query_set(yq, q->facts[i * 2], q->facts[i * 2 + 1], &err);
	if (st == YB_OK)
		st = yb_query_run(yq, &a, &err);
	if (st == YB_OK)
		st = yb_answer_render_text(a, YB_RENDER_EXPLAIN, collect, out, &err);
	if (st == YB_OK)
		st = yb_answer_render_json(a, YB_RENDER_EXPLAIN, collect, out, &err);
	if (st == YB_OK)
		st = yb_answer_render_json(a, 0, collect, out, &err);
	if (st != YB_OK) {
		char line[1200];
		int n = snprintf(line, sizeof(line), "status %d: %s\n", (int)st, err.message);
		yb_buf_append(out, line, (size_t)n);
	}
	yb_answer_free(a);
	yb_query_free(yq);
}

static void same(const char *procedure, const query *q, const char *what, const yb_buf *a,
		 const yb_buf *b)
{
	if (a->len == b->len && memcmp(a->data, b->data, a->len) == 0)
		return;
	size_t i = 0;
	while (i < a->len && i < b->len && a->data[i] == b->data[i])
		i++;
	fprintf(stderr, "yibao %s", procedure);
	for (size_t k = 0; k < q->n; k++)
		fprintf(stderr, " --%s %s", q->facts[k * 2], q->facts[k * 2 + 1]);
	fprintf(stderr, "\n  answers differ at byte %zu:\n  %s: %.200s\n  yaml:  %.200s\n", i,
		what, i < a->len ? a->data + i : "(end)", i < b->len ? b->data + i : "(end)");
	fail();
}

static void compare(pair *p, const char *procedure, const query *q)
{
	yb_buf a = {0}, m = {0}, b = {0};
	answer(p->image, procedure, q, &a);
	answer(p->mapped, procedure, q, &m);
	answer(p->yaml, procedure, q, &b);
	same(procedure, q, "built-in", &a, &b);
	same(procedure, q, "mapped", &m, &b);
	p->compared++;
	yb_buf_free(&a);
	yb_buf_free(&m);
	yb_buf_free(&b);
}

/* The values worth trying for one asked fact; returns how many (at most max). */
static size_t values_of(const yb_corpus *c, const yb_fact *f, const char **out,
			char (*scratch)[32], size_t max)
{
	const yb_fact_value *values = YB_AT(c, yb_fact_value, f->values);
	size_t n = 0;
	switch (f->kind) {
	case FACT_ENUM:
		for (size_t i = 0; i < f->nvalues && n < max; i++)
			out[n++] = yb_str(c, values[i].id);
		/* An old name, as a user types it. */
		for (size_t i = 0; i < f->nvalues && n < max; i++)
			if (values[i].naliases)
				out[n++] = yb_str(c, YB_AT(c, yb_alias, values[i].aliases)[0].name);
		break;
	case FACT_BOOL:
		out[n++] = "true";
		out[n++] = "false";
		break;
	case FACT_NUMBER: {
		static const double probes[] = {0, 1, 2, 3, 4, 5, 6, 11, 12, 13, 24, 100, 1000, 5000};
		for (size_t i = 0; i < sizeof(probes) / sizeof(*probes) && n < max; i++) {
			double v = probes[i];
			if ((f->has_min && v < f->min) || (f->has_max && v > f->max))
				continue;
			snprintf(scratch[n], 32, "%g", v);
			out[n] = scratch[n];
			n++;
		}
		break;
	}
	case FACT_DATE: {
		static const char *const probes[] = {"2015-06-30", "2021-03-01", "2024-12-31",
						     "2025-01-01", "2026-11-22"};
		for (size_t i = 0; i < sizeof(probes) / sizeof(*probes) && n < max; i++)
			out[n++] = probes[i];
		break;
	}
	default:
		break;
	}
	return n;
}

/* The days a query is asked on: before and after the dated rule changes, and a year end. */
static const char *const days[] = {"2020-06-01", "2024-12-30", "2025-06-15", "2026-11-22",
				   "2026-12-31"};
enum { NDAYS = sizeof(days) / sizeof(*days) };

/* A fixed pseudo-random sequence, so that a failure is reproducible. */
YB_WRAPS static unsigned long next(unsigned long *seed)
{
	*seed = *seed * 6364136223846793005ul + 1442695040888963407ul;
	return *seed >> 33;
}

static void places_of(const yb_corpus *c, const yb_procedure *pr, query *q, const yb_city *a,
		      const yb_city *b)
{
	if (pr->places & (1u << PLACE_FROM))
		put(q, "from", yb_str(c, a->adcode));
	if (pr->places & (1u << PLACE_TO))
		put(q, "to", yb_str(c, b->adcode));
	if (pr->places & (1u << PLACE_CITY))
		put(q, "city", yb_str(c, a->adcode));
}

static const yb_city *city(const yb_corpus *c, const char *slug)
{
	for (size_t i = 0; i < c->ncities; i++)
		if (!strcmp(yb_str(c, c->cities[i].slug), slug))
			return &c->cities[i];
	fail_msg("no city %s", slug);
	return NULL;
}

/* Every city in each place the procedure takes, the other place held at a Hunan city. */
static void every_city(void **state)
{
	pair *p = *state;
	const yb_corpus *c = p->image;
	const yb_city *changde = city(c, "changde"), *changsha = city(c, "changsha");
	for (size_t k = 0; k < c->nprocedures; k++) {
		const yb_procedure *pr = &c->procedures[k];
		for (size_t i = 0; i < c->ncities; i++) {
			query q = {.n = 0};
			places_of(c, pr, &q, &c->cities[i], changsha);
			put(&q, "date", days[i % NDAYS]);
			compare(p, yb_str(c, pr->id), &q);
			if (pr->places & (1u << PLACE_TO)) {
				query r = {.n = 0};
				places_of(c, pr, &r, changde, &c->cities[i]);
				put(&r, "date", days[(i + 2) % NDAYS]);
				compare(p, yb_str(c, pr->id), &r);
			}
		}
	}
}

/* Every value of every asked fact, one at a time, with and without the places. */
static void every_value(void **state)
{
	pair *p = *state;
	const yb_corpus *c = p->image;
	const yb_city *changde = city(c, "changde"), *shenzhen = city(c, "shenzhen");
	for (size_t k = 0; k < c->nprocedures; k++) {
		const yb_procedure *pr = &c->procedures[k];
		for (size_t f = 0; f < pr->nasks; f++) {
			const char *vals[64];
			char scratch[64][32];
			const yb_fact *fact = YB_NTH(c, yb_fact, pr->asks, f);
			size_t nv = values_of(c, fact, vals, scratch, 64);
			for (size_t v = 0; v < nv; v++)
				for (size_t d = 0; d < NDAYS; d++) {
					query q = {.n = 0};
					if (d % 2)
						places_of(c, pr, &q, changde, shenzhen);
					put(&q, yb_str(c, fact->id), vals[v]);
					put(&q, "date", days[d]);
					compare(p, yb_str(c, pr->id), &q);
				}
		}
	}
}

/* Whole combinations: each asked fact given a value or left out, places drawn at random. */
static void combinations(void **state)
{
	pair *p = *state;
	const yb_corpus *c = p->image;
	unsigned long seed = 20261122;
	for (size_t k = 0; k < c->nprocedures; k++) {
		const yb_procedure *pr = &c->procedures[k];
		for (int round = 0; round < 600; round++) {
			query q = {.n = 0};
			/* Hunan cities half the time: that is where the provincial rules are. */
			const yb_city *a = &c->cities[next(&seed) % c->ncities];
			const yb_city *b = &c->cities[next(&seed) % c->ncities];
			if (next(&seed) % 2)
				a = city(c, "changde");
			if (next(&seed) % 2)
				b = city(c, "changsha");
			places_of(c, pr, &q, a, b);
			char scratch[MAX_FACTS][64][32];
			for (size_t f = 0; f < pr->nasks && f < MAX_FACTS - 4; f++) {
				const char *vals[64];
				const yb_fact *fact = YB_NTH(c, yb_fact, pr->asks, f);
				size_t nv = values_of(c, fact, vals, scratch[f], 64);
				size_t pick = next(&seed) % (nv + 1);
				if (pick < nv)
					put(&q, yb_str(c, fact->id), vals[pick]);
			}
			put(&q, "date", days[next(&seed) % NDAYS]);
			compare(p, yb_str(c, pr->id), &q);
		}
	}
}

/* Mistakes give the same message from both. */
static void errors(void **state)
{
	pair *p = *state;
	static const char *const bad[][2] = {{"from", "atlantis"}, {"to", "changsha"},
					     {"type", "nonsense"},  {"date", "2026-02-30"},
					     {"city", ""},          {"teleport", "yes"}};
	for (size_t k = 0; k < p->image->nprocedures; k++)
		for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
			query q = {.n = 0};
			put(&q, bad[i][0], bad[i][1]);
			compare(p, yb_str(p->image, p->image->procedures[k].id), &q);
		}
	query q = {.n = 0};
	compare(p, "teleport", &q);
}

/* Opens a copy of the mapped image with one change made by `damage`; returns the status. */
static yb_status open_damaged(const yb_corpus *good, void (*damage)(unsigned char *, size_t *),
			      yb_error *err)
{
	size_t size = good->size;
	unsigned char *copy = aligned_alloc(64, (size + 63) / 64 * 64);
	assert_non_null(copy);
	memcpy(copy, good->base, size);
	damage(copy, &size);
	yb_corpus *c = NULL;
	yb_status st = yb_image_open(copy, size, IMAGE_STATIC, "the test image", &c, err);
	if (st == YB_OK)
		st = yb_image_verify(c, "the test image", err);
	yb_corpus_close(c);
	free(copy);
	return st;
}

static void truncate_image(unsigned char *p, size_t *size)
{
	(void)p;
	*size -= 100;
}
static void no_magic(unsigned char *p, size_t *size)
{
	(void)size;
	p[0] = 'X';
}
static void other_format(unsigned char *p, size_t *size)
{
	(void)size;
	yb_image_header h;
	memcpy(&h, p, sizeof(h));
	h.format++;
	memcpy(p, &h, sizeof(h));
}
static void root_outside(unsigned char *p, size_t *size)
{
	yb_image_header h;
	memcpy(&h, p, sizeof(h));
	h.root = (yb_ref)(*size - 8);
	memcpy(p, &h, sizeof(h));
}
static void changed_byte(unsigned char *p, size_t *size)
{
	p[*size / 2] ^= 0x20;
}

/* A damaged or foreign image is refused with a message that says which, and never read. */
static void damaged(void **state)
{
	pair *p = *state;
	yb_error err;
	assert_int_equal(open_damaged(p->mapped, truncate_image, &err), YB_ECORPUS);
	assert_non_null(strstr(err.message, "已损坏"));
	assert_non_null(strstr(err.message_en, "is damaged: it has"));
	assert_int_equal(open_damaged(p->mapped, no_magic, &err), YB_ECORPUS);
	assert_non_null(strstr(err.message, "不是规则库映像"));
	assert_string_equal(err.message_en, "the built-in rules image is not a rules image");
	assert_int_equal(open_damaged(p->mapped, other_format, &err), YB_ECORPUS);
	assert_non_null(strstr(err.message, "另一个版本的 yibao"));
	assert_non_null(strstr(err.message_en, "another version of yibao"));
	assert_int_equal(open_damaged(p->mapped, root_outside, &err), YB_ECORPUS);
	assert_non_null(strstr(err.message, "索引指向文件之外"));
	assert_non_null(strstr(err.message_en, "an index points outside the file"));
	/* A changed byte inside passes the header check; the checksum, run at install, finds it. */
	assert_int_equal(open_damaged(p->mapped, changed_byte, &err), YB_ECORPUS);
	assert_non_null(strstr(err.message, "校验和不符"));
	assert_non_null(strstr(err.message_en, "the checksum does not match"));
	/* A file that is not an image at all, and one that is not there. */
	yb_corpus *c;
	assert_int_equal(yb_image_map(YIBAO_SOURCE_DIR "/rules/corpus.yaml", &c, &err), YB_ECORPUS);
	assert_null(c);
	/* Named by its path in each language. */
	assert_string_equal(err.message,
			    "规则库映像 " YIBAO_SOURCE_DIR "/rules/corpus.yaml 不是规则库映像");
	assert_string_equal(err.message_en, "the rules image " YIBAO_SOURCE_DIR
					    "/rules/corpus.yaml is not a rules image");
	assert_int_equal(yb_image_map(YIBAO_BINARY_DIR "/no-such.img", &c, &err), YB_EIO);
	assert_string_equal(err.message, "无法打开 规则库映像 " YIBAO_BINARY_DIR
					 "/no-such.img：没有那个文件或目录");
	assert_non_null(strstr(err.message_en, "could not open the rules image " YIBAO_BINARY_DIR
					       "/no-such.img: "));
	assert_int_equal(yb_image_map(YIBAO_SOURCE_DIR "/rules", &c, &err), YB_ECORPUS);
}

static void counted(void **state)
{
	pair *p = *state;
	/* Guards the sweeps above against silently comparing nothing. */
	assert_true(p->compared > 5000);
	print_message("compared %lu queries on the built-in image, the mapped image and the YAML\n",
		      p->compared);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_city), cmocka_unit_test(every_value),
		cmocka_unit_test(combinations), cmocka_unit_test(errors), cmocka_unit_test(damaged),
		cmocka_unit_test(counted),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
