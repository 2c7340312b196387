/*
 * compile.c - compiles the rule corpus into C: the loaded model written out as static,
 * initialised data, so that the yibao binary answers without parsing any YAML at start-up.
 *
 *   yb-compile RULES_DIR OUT.c
 *
 * It loads RULES_DIR with the ordinary YAML loader (every check applies: a corpus that does not
 * load does not build), then walks the model and prints each object once: strings as arrays,
 * structures with designated initialisers, pointers as addresses of the objects printed. Pointer
 * identity is kept — one string or object in the model is one symbol in the output — because
 * the evaluator compares interned ids by pointer. Run by the build; not installed.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "corpus.h"
#include "error.h"

typedef struct {
	char *data;
	size_t len, cap;
} text;

static void out(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void out(text *t, const char *fmt, ...)
{
	va_list ap;
	for (;;) {
		va_start(ap, fmt);
		int n = vsnprintf(t->data ? t->data + t->len : NULL, t->data ? t->cap - t->len : 0,
				  fmt, ap);
		va_end(ap);
		if (n < 0)
			abort();
		if (t->data && t->len + (size_t)n < t->cap) {
			t->len += (size_t)n;
			return;
		}
		t->cap = (t->cap + (size_t)n + 1) * 2;
		t->data = realloc(t->data, t->cap);
		if (!t->data)
			abort();
	}
}

/* Strings first, then forward declarations and pointer arrays, then the objects themselves:
 * each part refers only to what an earlier part declared. */
static text strs, decls, defs;
static const yb_corpus *C;

/* ---- Naming: one symbol per object -------------------------------------------------------------- */

typedef struct {
	const void *p;
	int id;
} slot;

static slot *names;
static size_t nnames, capnames;
static int next_id;

/* The symbol number of p, and whether it was new (to be printed by the caller). */
YB_WRAPS static int name_of(const void *p, int *fresh)
{
	size_t h = ((uintptr_t)p >> 3) * 11400714819323198485ull;
	if (nnames * 2 >= capnames) {
		size_t cap = capnames ? capnames * 2 : 4096;
		slot *n = calloc(cap, sizeof(*n));
		if (!n)
			abort();
		for (size_t i = 0; i < capnames; i++)
			if (names[i].p) {
				size_t j = (((uintptr_t)names[i].p >> 3) * 11400714819323198485ull) &
					   (cap - 1);
				while (n[j].p)
					j = (j + 1) & (cap - 1);
				n[j] = names[i];
			}
		free(names);
		names = n;
		capnames = cap;
	}
	size_t j = h & (capnames - 1);
	while (names[j].p && names[j].p != p)
		j = (j + 1) & (capnames - 1);
	*fresh = !names[j].p;
	if (*fresh) {
		names[j].p = p;
		names[j].id = next_id++;
		nnames++;
	}
	return names[j].id;
}

/* A string: printed once as `static const char sN[]`, used as sN. */
static const char *str(const char *s)
{
	static char buf[16][32];
	static int turn;
	int fresh;
	if (!s)
		return "NULL";
	int id = name_of(s, &fresh);
	if (fresh) {
		out(&strs, "static const char s%d[] = \"", id);
		for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
			if (*p == '"' || *p == '\\' || *p == '?' || *p < 0x20 || *p == 0x7f)
				out(&strs, "\\%03o", *p);
			else
				out(&strs, "%c", *p);
		}
		out(&strs, "\";\n");
	}
	char *b = buf[turn++ % 16];
	snprintf(b, 32, "s%d", id);
	return b;
}

static void text_field(text *t, const char *name, yb_text v)
{
	out(t, ".%s = {%s, ", name, str(v.zh));
	out(t, "%s}, ", str(v.en));
}

static void pos_field(text *t, yb_pos p)
{
	out(t, ".pos = {%s, %d, %d}, ", str(p.file), p.line, p.column);
}

/* Pointers into the corpus's arrays, by index. */
#define INDEX_OF(ptr, array) ((int)((ptr) - (array)))

static const char *source_ref(const yb_source *s)
{
	static char b[8][32];
	static int turn;
	char *r = b[turn++ % 8];
	if (!s)
		return "NULL";
	if (s >= C->sources && s < C->sources + C->nsources) {
		snprintf(r, 32, "&sources[%d]", INDEX_OF(s, C->sources));
		return r;
	}
	/* A calendar year's notice, which lives outside the catalogue. */
	int fresh, id = name_of(s, &fresh);
	if (fresh) {
		out(&decls, "static const yb_source src%d;\n", id);
		text t = {0};
		out(&t, "static const yb_source src%d = {.id = %s, .kind = %d, ", id, str(s->id),
		    (int)s->kind);
		text_field(&t, "title", s->title);
		out(&t, ".number = %s, .issuer = %s, .date = %s, ", str(s->number), str(s->issuer),
		    str(s->date));
		pos_field(&t, s->pos);
		out(&t, "};\n");
		out(&defs, "%s", t.data);
		free(t.data);
	}
	snprintf(r, 32, "&src%d", id);
	return r;
}

static const char *fact_ref(const yb_fact *f)
{
	static char b[8][32];
	static int turn;
	char *r = b[turn++ % 8];
	if (!f)
		return "NULL";
	snprintf(r, 32, "&facts[%d]", INDEX_OF(f, C->facts));
	return r;
}

/* An array of source pointers. */
static const char *source_list(const yb_source *const *list, size_t n)
{
	static char b[4][32];
	static int turn;
	char *r = b[turn++ % 4];
	if (!n)
		return "NULL";
	int fresh, id = name_of(list, &fresh);
	if (fresh) {
		text t = {0};
		out(&t, "static const yb_source *const sl%d[] = {", id);
		for (size_t i = 0; i < n; i++)
			out(&t, "%s, ", source_ref(list[i]));
		out(&t, "};\n");
		out(&decls, "%s", t.data);
		free(t.data);
	}
	snprintf(r, 32, "sl%d", id);
	return r;
}

/* ---- Catalogues, gazetteer, facts, calendar -------------------------------------------------- */

static void catalogues(void)
{
	out(&decls, "static const yb_source sources[%zu];\n", C->nsources + 1);
	out(&defs, "static const yb_source sources[%zu] = {\n", C->nsources + 1);
	for (size_t i = 0; i < C->nsources; i++) {
		const yb_source *s = &C->sources[i];
		out(&defs, "\t{.id = %s, .kind = %d, ", str(s->id), (int)s->kind);
		text_field(&defs, "title", s->title);
		out(&defs, ".number = %s, .issuer = %s, ", str(s->number), str(s->issuer));
		out(&defs, ".date = %s, .file = %s, ", str(s->date), str(s->file));
		out(&defs, ".heading = %s, .url = %s, .read = %s, .unconfirmed = %d, ",
		    str(s->heading), str(s->url), str(s->read), s->unconfirmed);
		pos_field(&defs, s->pos);
		out(&defs, "},\n");
	}
	out(&defs, "};\n");

	out(&decls, "static const yb_material materials[%zu];\n", C->nmaterials + 1);
	out(&defs, "static const yb_material materials[%zu] = {\n", C->nmaterials + 1);
	for (size_t i = 0; i < C->nmaterials; i++) {
		const yb_material *m = &C->materials[i];
		out(&defs, "\t{.id = %s, ", str(m->id));
		text_field(&defs, "name", m->name);
		text_field(&defs, "issued_by", m->issued_by);
		pos_field(&defs, m->pos);
		out(&defs, "},\n");
	}
	out(&defs, "};\n");

	out(&decls, "static const yb_channel channels[%zu];\n", C->nchannels + 1);
	out(&defs, "static const yb_channel channels[%zu] = {\n", C->nchannels + 1);
	for (size_t i = 0; i < C->nchannels; i++) {
		const yb_channel *ch = &C->channels[i];
		out(&defs, "\t{.id = %s, ", str(ch->id));
		text_field(&defs, "name", ch->name);
		text_field(&defs, "path", ch->path);
		out(&defs, ".kind = %d, ", (int)ch->kind);
		pos_field(&defs, ch->pos);
		out(&defs, "},\n");
	}
	out(&defs, "};\n");
}

static void gazetteer(void)
{
	out(&decls, "static const yb_province provinces[%zu];\n", C->nprovinces + 1);
	out(&defs, "static const yb_province provinces[%zu] = {\n", C->nprovinces + 1);
	for (size_t i = 0; i < C->nprovinces; i++) {
		const yb_province *p = &C->provinces[i];
		out(&defs, "\t{%s, ", str(p->adcode));
		out(&defs, "%s, ", str(p->name));
		out(&defs, "%s, %s},\n", str(p->short_name), str(p->slug));
	}
	out(&defs, "};\n");
	for (size_t i = 0; i < C->ncities; i++) {
		const yb_city *c = &C->cities[i];
		if (!c->nalt)
			continue;
		out(&decls, "static const char *const alt%zu[] = {", i);
		for (size_t k = 0; k < c->nalt; k++)
			out(&decls, "%s, ", str(c->alt[k]));
		out(&decls, "};\n");
	}
	out(&defs, "static const yb_city cities[%zu] = {\n", C->ncities + 1);
	for (size_t i = 0; i < C->ncities; i++) {
		const yb_city *c = &C->cities[i];
		out(&defs, "\t{.adcode = %s, .name = %s, ", str(c->adcode), str(c->name));
		out(&defs, ".short_name = %s, .slug = %s, ", str(c->short_name), str(c->slug));
		out(&defs, ".kind = %s, ", str(c->kind));
		if (c->nalt)
			out(&defs, ".alt = alt%zu, .nalt = %zu, ", i, c->nalt);
		out(&defs, ".province = &provinces[%d]},\n", INDEX_OF(c->province, C->provinces));
	}
	out(&defs, "};\n");
	out(&defs, "static const yb_city_name city_names[%zu] = {\n", C->ncity_names + 1);
	for (size_t i = 0; i < C->ncity_names; i++)
	{
		const yb_city_name *e = &C->city_names[i];
		if (e->city)
			out(&defs, "\t{%s, &cities[%d], NULL},\n", str(e->key),
			    INDEX_OF(e->city, C->cities));
		else
			out(&defs, "\t{%s, NULL, &provinces[%d]},\n", str(e->key),
			    INDEX_OF(e->province, C->provinces));
	}
	out(&defs, "};\n");
}

static void facts(void)
{
	for (size_t i = 0; i < C->nfacts; i++) {
		const yb_fact *f = &C->facts[i];
		for (size_t v = 0; v < f->nvalues && !f->same_as; v++) {
			const yb_fact_value *fv = &f->values[v];
			if (!fv->naliases)
				continue;
			out(&decls, "static const yb_alias alias%zu_%zu[] = {", i, v);
			for (size_t a = 0; a < fv->naliases; a++) {
				out(&decls, "{%s, ", str(fv->aliases[a].name));
				out(&decls, "{%s, ", str(fv->aliases[a].note.zh));
				out(&decls, "%s}}, ", str(fv->aliases[a].note.en));
			}
			out(&decls, "};\n");
		}
		if (f->nvalues && !f->same_as) {
			out(&decls, "static const yb_fact_value values%zu[%zu];\n", i, f->nvalues);
			out(&defs, "static const yb_fact_value values%zu[%zu] = {\n", i, f->nvalues);
			for (size_t v = 0; v < f->nvalues; v++) {
				const yb_fact_value *fv = &f->values[v];
				out(&defs, "\t{.id = %s, ", str(fv->id));
				text_field(&defs, "label", fv->label);
				if (fv->naliases)
					out(&defs, ".aliases = alias%zu_%zu, .naliases = %zu", i, v,
					    fv->naliases);
				out(&defs, "},\n");
			}
			out(&defs, "};\n");
		}
	}
	out(&decls, "static const yb_fact facts[%zu];\n", C->nfacts + 1);
	out(&defs, "static const yb_fact facts[%zu] = {\n", C->nfacts + 1);
	for (size_t i = 0; i < C->nfacts; i++) {
		const yb_fact *f = &C->facts[i];
		out(&defs, "\t{.id = %s, .kind = %d, .flag = %s, ", str(f->id), (int)f->kind,
		    str(f->flag));
		text_field(&defs, "label", f->label);
		text_field(&defs, "question", f->question);
		if (f->same_as)
			out(&defs, ".values = values%d, .nvalues = %zu, .same_as = %s, ",
			    INDEX_OF(f->same_as, C->facts), f->nvalues, fact_ref(f->same_as));
		else if (f->nvalues)
			out(&defs, ".values = values%zu, .nvalues = %zu, ", i, f->nvalues);
		if (f->default_value)
			out(&defs, ".default_value = &values%zu[%d], ", i,
			    INDEX_OF(f->default_value, f->values));
		out(&defs, ".default_bool = %s, ", str(f->default_bool));
		out(&defs, ".min = %.17g, .max = %.17g, .has_min = %d, .has_max = %d, ", f->min,
		    f->max, f->has_min, f->has_max);
		out(&defs, ".index = %d, .derived = %d, .place = %d, ", f->index, f->derived,
		    (int)f->place);
		pos_field(&defs, f->pos);
		out(&defs, "},\n");
	}
	out(&defs, "};\n");
}

static void calendar(void)
{
	if (!C->nyears)
		return;
	text t = {0};
	out(&t, "static const yb_calendar_year years[%zu] = {\n", C->nyears);
	for (size_t i = 0; i < C->nyears; i++) {
		const yb_calendar_year *y = &C->years[i];
		out(&t, "\t{.year = %d, .source = %s, .kind = {", y->year, source_ref(y->source));
		for (int d = 0; d < 366; d++)
			out(&t, "%d,", y->kind[d]);
		out(&t, "}, .name = {");
		for (int d = 0; d < 366; d++)
			out(&t, "%s,", str(y->name[d]));
		out(&t, "}},\n");
	}
	out(&t, "};\n");
	out(&defs, "%s", t.data);
	free(t.data);
}

/* ---- Procedures ------------------------------------------------------------------------------- */

static const char *node(const yb_node *n);

static const char *item(const yb_item *it)
{
	static char b[4][32];
	static int turn;
	char *r = b[turn++ % 4];
	int fresh, id = name_of(it, &fresh);
	snprintf(r, 32, "&item%d", id);
	if (!fresh)
		return r;
	out(&decls, "static const yb_item item%d;\n", id);
	text t = {0};
	if (it->nchannels) {
		out(&decls, "static const yb_channel *const chans%d[] = {", id);
		for (size_t i = 0; i < it->nchannels; i++)
			out(&decls, "&channels[%d], ", INDEX_OF(it->channels[i], C->channels));
		out(&decls, "};\nstatic const yb_text cpaths%d[] = {", id);
		for (size_t i = 0; i < it->nchannels; i++) {
			out(&decls, "{%s, ", str(it->channel_paths[i].zh));
			out(&decls, "%s}, ", str(it->channel_paths[i].en));
		}
		out(&decls, "};\n");
	}
	const char *srcs = source_list(it->sources, it->nsources);
	out(&t, "static const yb_item item%d = {.kind = %d, .id = %s, ", id, (int)it->kind,
	    str(it->id));
	text_field(&t, "title", it->title);
	text_field(&t, "text", it->text);
	out(&t, ".side = %d, .path = %d, ", it->side, (int)it->path);
	if (it->nchannels)
		out(&t, ".channels = chans%d, .channel_paths = cpaths%d, .nchannels = %zu, ", id, id,
		    it->nchannels);
	const yb_deadline *d = &it->deadline;
	out(&t, ".deadline = {.present = %d, .working_days = %d, .days = %d, .months = %d, ",
	    d->present, d->working_days, d->days, d->months);
	out(&t, ".after = %s, ", str(d->after));
	text_field(&t, "from", d->from);
	text_field(&t, "text", d->text);
	out(&t, ".sources = %s, .nsources = %zu}, ", source_list(d->sources, d->nsources),
	    d->nsources);
	if (it->material)
		out(&t, ".material = &materials[%d], ", INDEX_OF(it->material, C->materials));
	out(&t, ".note_kind = %d, .verdict_key = %s, ", (int)it->note_kind, str(it->verdict_key));
	out(&t, ".verdict_value = %s, .of = %s, ", str(it->verdict_value), fact_ref(it->of));
	out(&t, ".deductible = %.17g, .ratio = %.17g, ", it->deductible, it->ratio);
	const yb_wait_rule *w = &it->wait;
	out(&t, ".wait = {%d, %d, %d, %d, %d, %d, %d, ", w->grace_months, w->max_months,
	    w->fixed_months, w->per_gap_year, w->back_pay_credit, w->floor_gap_years,
	    w->floor_months);
	out(&t, "%s, ", fact_ref(w->gap_months));
	out(&t, "%s, ", fact_ref(w->gap_years));
	out(&t, "%s}, ", fact_ref(w->back_paid));
	out(&t, ".sources = %s, .nsources = %zu, ", srcs, it->nsources);
	out(&t, ".in_force_from = %d, .in_force_until = %d, .unconfirmed = %d, ",
	    it->in_force_from, it->in_force_until, it->unconfirmed);
	pos_field(&t, it->pos);
	out(&t, "};\n");
	out(&defs, "%s", t.data);
	free(t.data);
	return r;
}

/* The reference to node n, printed into a ring of buffers: each is used at once by the caller. */
static const char *node_ref(int id)
{
	static char b[8][32];
	static int turn;
	char *r = b[turn++ % 8];
	snprintf(r, 32, "&node%d", id);
	return r;
}

static const char *node(const yb_node *n)
{
	if (!n)
		return "NULL";
	int fresh, id = name_of(n, &fresh);
	if (!fresh)
		return node_ref(id);
	out(&decls, "static const yb_node node%d;\n", id);
	text t = {0};
	if (n->nitems) {
		text l = {0};
		out(&l, "static const yb_item *const items%d[] = {", id);
		for (size_t i = 0; i < n->nitems; i++)
			out(&l, "%s, ", item(n->items[i]));
		out(&l, "};\n");
		out(&defs, "%s", l.data);
		free(l.data);
	}
	if (n->nremove) {
		out(&decls, "static const char *const remove%d[] = {", id);
		for (size_t i = 0; i < n->nremove; i++)
			out(&decls, "%s, ", str(n->remove[i]));
		out(&decls, "};\n");
	}
	if (n->nthen) {
		text l = {0};
		out(&l, "static const yb_node *const then%d[] = {", id);
		for (size_t i = 0; i < n->nthen; i++)
			out(&l, "%s, ", node(n->then[i]));
		out(&l, "};\n");
		out(&defs, "%s", l.data);
		free(l.data);
	}
	if (n->ncases) {
		text l = {0};
		for (size_t k = 0; k < n->ncases; k++) {
			const yb_case *cs = &n->cases[k];
			if (cs->nvalues) {
				out(&decls, "static const char *const vals%d_%zu[] = {", id, k);
				for (size_t v = 0; v < cs->nvalues; v++)
					out(&decls, "%s, ", str(cs->values[v]));
				out(&decls, "};\n");
			}
		}
		out(&l, "static const yb_case cases%d[] = {\n", id);
		for (size_t k = 0; k < n->ncases; k++) {
			const yb_case *cs = &n->cases[k];
			out(&l, "\t{");
			if (cs->nvalues)
				out(&l, ".values = vals%d_%zu, .nvalues = %zu, ", id, k, cs->nvalues);
			out(&l, ".min = %.17g, .max = %.17g, .has_min = %d, .has_max = %d, ", cs->min,
			    cs->max, cs->has_min, cs->has_max);
			out(&l, ".body = %s, ", node(cs->body));
			pos_field(&l, cs->pos);
			out(&l, "},\n");
		}
		out(&l, "};\n");
		out(&defs, "%s", l.data);
		free(l.data);
	}
	out(&t, "static const yb_node node%d = {", id);
	if (n->nitems)
		out(&t, ".items = items%d, .nitems = %zu, ", id, n->nitems);
	if (n->nremove)
		out(&t, ".remove = remove%d, .nremove = %zu, ", id, n->nremove);
	if (n->nthen)
		out(&t, ".then = then%d, .nthen = %zu, ", id, n->nthen);
	out(&t, ".test = %s, ", fact_ref(n->test));
	if (n->ncases)
		out(&t, ".cases = cases%d, .ncases = %zu, ", id, n->ncases);
	out(&t, ".otherwise = %s, ", node(n->otherwise));
	pos_field(&t, n->pos);
	out(&t, "};\n");
	out(&defs, "%s", t.data);
	free(t.data);
	return node_ref(id);
}

static void procedures(void)
{
	for (size_t p = 0; p < C->nprocedures; p++) {
		const yb_procedure *pr = &C->procedures[p];
		if (pr->nasks) {
			out(&decls, "static const yb_fact *const asks%zu[] = {", p);
			for (size_t i = 0; i < pr->nasks; i++)
				out(&decls, "%s, ", fact_ref(pr->asks[i]));
			out(&decls, "};\n");
		}
		if (pr->nrequires) {
			out(&decls, "static const yb_fact *const requires%zu[] = {", p);
			for (size_t i = 0; i < pr->nrequires; i++)
				out(&decls, "%s, ", fact_ref(pr->requires[i]));
			out(&decls, "};\n");
		}
		text l = {0};
		out(&l, "static const yb_layer layers%zu[] = {\n", p);
		for (size_t i = 0; i < pr->nlayers; i++) {
			const yb_layer *ly = &pr->layers[i];
			out(&l, "\t{.level = %d, .area = %s, ", (int)ly->level, str(ly->area));
			out(&l, ".area_name = %s, .applies_to = %u, ", str(ly->area_name),
			    ly->applies_to);
			out(&l, ".tree = %s, ", node(ly->tree));
			pos_field(&l, ly->pos);
			out(&l, "},\n");
		}
		out(&l, "};\n");
		out(&defs, "%s", l.data);
		free(l.data);
	}
	out(&defs, "static const yb_procedure procedures[%zu] = {\n", C->nprocedures + 1);
	for (size_t p = 0; p < C->nprocedures; p++) {
		const yb_procedure *pr = &C->procedures[p];
		out(&defs, "\t{.id = %s, ", str(pr->id));
		text_field(&defs, "title", pr->title);
		out(&defs, ".places = %u, .optional = %u, .sides = {", pr->places, pr->optional);
		for (size_t s = 0; s < pr->nsides; s++) {
			out(&defs, "{%s, %d, ", str(pr->sides[s].id), (int)pr->sides[s].place);
			out(&defs, "{%s, ", str(pr->sides[s].label.zh));
			out(&defs, "%s}}, ", str(pr->sides[s].label.en));
		}
		out(&defs, "}, .nsides = %zu, ", pr->nsides);
		if (pr->nasks)
			out(&defs, ".asks = asks%zu, .nasks = %zu, ", p, pr->nasks);
		if (pr->nrequires)
			out(&defs, ".requires = requires%zu, .nrequires = %zu, ", p, pr->nrequires);
		out(&defs, ".layers = layers%zu, .nlayers = %zu, .file = %s},\n", p, pr->nlayers,
		    str(pr->file));
	}
	out(&defs, "};\n");
}

int main(int argc, char **argv)
{
	yb_corpus *c = NULL;
	yb_error err;
	if (argc != 3) {
		fprintf(stderr, "usage: yb-compile RULES_DIR OUT.c\n");
		return 2;
	}
	if (yb_corpus_open_dir(argv[1], NULL, &c, &err) != YB_OK) {
		fprintf(stderr, "yb-compile: %s:%d:%d: %s\n", err.file, err.line, err.column,
			err.message);
		return 1;
	}
	C = c;
	catalogues();
	gazetteer();
	facts();
	calendar();
	procedures();

	out(&defs, "static const char *const procedure_names[] = {");
	for (size_t i = 0; i < c->nprocedure_names; i++)
		out(&defs, "%s, ", str(c->procedure_names[i]));
	out(&defs, "};\n");
	out(&defs, "const yb_corpus yb_corpus_image = {\n\t.image = true,\n");
	out(&defs, "\t.version = %s, .date = %s,\n", str(c->version), str(c->date));
	out(&defs, "\t.sources = sources, .nsources = %zu,\n", c->nsources);
	out(&defs, "\t.materials = materials, .nmaterials = %zu,\n", c->nmaterials);
	out(&defs, "\t.channels = channels, .nchannels = %zu,\n", c->nchannels);
	out(&defs, "\t.provinces = provinces, .nprovinces = %zu,\n", c->nprovinces);
	out(&defs, "\t.cities = cities, .ncities = %zu,\n", c->ncities);
	out(&defs, "\t.city_names = city_names, .ncity_names = %zu,\n", c->ncity_names);
	out(&defs, "\t.facts = facts, .nfacts = %zu, .route = %s,\n", c->nfacts,
	    fact_ref(c->route));
	out(&defs, "\t.place = {%s, ", fact_ref(c->place[0]));
	out(&defs, "%s, %s},\n", fact_ref(c->place[1]), fact_ref(c->place[2]));
	out(&defs, "\t.province_of = {%s, ", fact_ref(c->province_of[0]));
	out(&defs, "%s, %s},\n", fact_ref(c->province_of[1]), fact_ref(c->province_of[2]));
	if (c->nyears)
		out(&defs, "\t.years = years, .nyears = %zu,\n", c->nyears);
	out(&defs, "\t.procedure_names = procedure_names, .nprocedure_names = %zu,\n",
	    c->nprocedure_names);
	out(&defs, "\t.procedures = procedures, .nprocedures = %zu,\n};\n", c->nprocedures);

	FILE *f = fopen(argv[2], "w");
	if (!f) {
		perror(argv[2]);
		return 1;
	}
	fprintf(f, "/* Generated by tools/compile.c from rules/. Do not edit. */\n"
		   "#include <stddef.h>\n#include \"calendar.h\"\n#include \"corpus.h\"\n\n%s\n%s\n%s",
		strs.data, decls.data, defs.data);
	int bad = ferror(f) | (fclose(f) != 0);
	yb_corpus_close(c);
	free(strs.data);
	free(decls.data);
	free(defs.data);
	free(names);
	return bad;
}
