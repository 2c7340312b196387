/*
 * render_json.c - an answer as one line of JSON, schema 1 (docs/json.md).
 *
 * In English (YB_RENDER_LANG_EN) the answer says "lang":"en" after "schema", each text is its
 * English where the corpus has one, and an official name (a document's title, a material's
 * name, a place's) keeps its Chinese with the English beside it ("title_en", "name_en"). In
 * Chinese the output is what it has always been.
 *
 * Note that the output is compact and its key order fixed: `yibao batch` writes one answer per
 * line, and scripts compare answers byte for byte. Keys are only ever added; renaming or
 * removing one needs a new schema number.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "error.h"
#include "mem.h"
#include "render.h"

static void key(yb_buf *b, const char *k)
{
	yb_buf_putc(b, '"');
	yb_buf_puts(b, k);
	yb_buf_puts(b, "\":");
}

static void kv_str(yb_buf *b, const char *k, const char *v)
{
	key(b, k);
	yb_json_string(b, v ? v : "");
	yb_buf_putc(b, ',');
}

/* Optional: written only when v is set. */
static void kv_opt(yb_buf *b, const char *k, const char *v)
{
	if (v)
		kv_str(b, k, v);
}

/* A text in the answer's language: written when it is there (zh set). */
static void kv_text(yb_buf *b, const char *k, yb_zh_en v, bool en)
{
	kv_opt(b, k, yb_in(v, en));
}

/* A name that keeps its Chinese under k, and in English has the corpus's English, when it has
 * some, under k_en. */
static void kv_name(yb_buf *b, const char *k, const char *k_en, yb_zh_en v, bool en)
{
	kv_str(b, k, v.zh);
	if (en && v.zh)
		kv_opt(b, k_en, v.en);
}

/* Ends an object or array whose members all end in ',' by replacing the last one. */
static void end(yb_buf *b, char closer)
{
	if (!b->failed && b->len && b->data[b->len - 1] == ',')
		b->data[--b->len] = '\0';
	yb_buf_putc(b, closer);
	yb_buf_putc(b, ',');
}

static void city(yb_buf *b, const char *k, const yb_city_info *c, bool en)
{
	char name[64];
	key(b, k);
	yb_buf_putc(b, '{');
	kv_str(b, "adcode", c->adcode);
	kv_str(b, "name", c->name);
	if (en)
		kv_str(b, "name_en", yb_capitalised(c->slug, name, sizeof(name)));
	kv_str(b, "short_name", c->short_name);
	kv_str(b, "slug", c->slug);
	kv_str(b, "province", c->province);
	if (en)
		kv_str(b, "province_en", yb_capitalised(c->province_slug, name, sizeof(name)));
	kv_str(b, "province_adcode", c->province_adcode);
	end(b, '}');
}

static void source_ids(yb_buf *b, const char *k, const yb_source_info *const *s, size_t n)
{
	key(b, k);
	yb_buf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		yb_json_string(b, s[i]->id);
		yb_buf_putc(b, ',');
	}
	end(b, ']');
}

static const char *level_name(yb_layer_level l)
{
	return l == YB_LEVEL_NATIONAL ? "national" : l == YB_LEVEL_PROVINCE ? "province" : "city";
}

/* A layer's level, and its area's code and name (national rules have neither). */
static void layer_fields(yb_buf *b, const yb_layer_info *ly, bool en)
{
	kv_str(b, "level", level_name(ly->level));
	if (ly->level != YB_LEVEL_NATIONAL) {
		kv_opt(b, "adcode", ly->adcode);
		kv_text(b, "name", ly->name, en);
	}
}

static const char *path_name(yb_path_kind p)
{
	return p == YB_PATH_ONLINE ? "online" : p == YB_PATH_OFFLINE ? "offline" : NULL;
}

static const char *channel_kind(yb_channel_type k)
{
	static const char *const names[] = {"app", "web", "mini-program", "counter", "phone"};
	return names[k];
}

/* "when": the alternatives in a mask, each as its assumptions {"fact": "value"}. */
static void when(yb_buf *b, const yb_answer *a, unsigned long long alternatives)
{
	if (!alternatives)
		return;
	key(b, "when");
	yb_buf_putc(b, '[');
	for (size_t k = 0; k < yb_answer_count(a, YB_LIST_ALTERNATIVES); k++) {
		if (!((alternatives >> k) & 1))
			continue;
		const yb_alternative *alt = yb_answer_alternative(a, k);
		yb_buf_putc(b, '{');
		for (size_t i = 0; i < alt->nassumed; i++) {
			const yb_assumed *as = &alt->assumed[i];
			key(b, as->fact);
			if (as->kind == YB_FACT_ENUM)
				yb_json_string(b, as->value);
			else if (as->kind == YB_FACT_BOOL)
				yb_buf_puts(b, as->value);
			else
				yb_buf_printf(b, "\"%s\"", as->value);
			yb_buf_putc(b, ',');
		}
		end(b, '}');
	}
	end(b, ']');
}

/*
 * ---- Items, and their templates -------------------------------------------------------------
 *
 * An item's JSON is nearly all corpus text, the same in every answer that has the item; only a
 * few fields depend on the query: a due date, the city of a side, the alternatives it holds in,
 * an estimate or a wait worked out from the numbers given. The writers below mark each such
 * field as a hole. Writing an item directly fills the holes as it goes; writing it for the
 * cache (yb_json_cache, used by batches) leaves a marker byte in their place, and later answers
 * copy the text between the markers and fill only the holes. The markers are control bytes,
 * which never occur unescaped in JSON text.
 */
enum hole {
	HOLE_NONE,
	HOLE_DUE,
	HOLE_SIDE_CITY,
	HOLE_WHEN,
	HOLE_ESTIMATE,
	HOLE_WAIT,
	HOLE_NUMBER, /* a source's footnote number */
	HOLE_COUNT
};

/* What a writer writes to, and what it writes about. */
typedef struct jw {
	yb_buf *b;
	void (*fields)(const struct jw *x); /* writes the object's fields */
	const yb_answer *a;
	const yb_entry *e;              /* entries */
	const yb_source_info *source;   /* sources */
	bool template;                  /* writing a template: holes are marked, not filled */
	bool en;                        /* in English */
} jw;

static void fill(const jw *x, enum hole h);

static void hole(const jw *x, enum hole h)
{
	if (x->template)
		yb_buf_putc(x->b, (char)h);
	else
		fill(x, h);
}

static void common(const jw *x)
{
	yb_buf *b = x->b;
	const yb_entry *e = x->e;

	if (e->side) {
		kv_str(b, "side", e->side->id);
		kv_str(b, "side_label", yb_lang_text(e->side->label, x->en));
		hole(x, HOLE_SIDE_CITY);
	}
	kv_opt(b, "path", path_name(e->path));
	source_ids(b, "sources", e->sources, e->nsources);
	key(b, "layer");
	yb_buf_putc(b, '{');
	layer_fields(b, &e->layer, x->en);
	kv_str(b, "rule", e->rule);
	key(b, "line");
	yb_buf_printf(b, "%d,", e->line);
	end(b, '}');
	if (e->unconfirmed)
		yb_buf_puts(b, "\"unconfirmed\":true,");
	if (e->in_force_from || e->in_force_until) {
		key(b, "in_force");
		yb_buf_putc(b, '{');
		kv_opt(b, "from", e->in_force_from);
		kv_opt(b, "until", e->in_force_until);
		end(b, '}');
	}
	hole(x, HOLE_WHEN);
}

/* The counted part of a deadline: working_days, days or months, and the due date. */
static void deadline_fields(const jw *x)
{
	yb_buf *b = x->b;
	const yb_deadline_info *d = x->e->deadline;
	if (d->working_days >= 0)
		yb_buf_printf(b, "\"working_days\":%d,", d->working_days);
	if (d->days)
		yb_buf_printf(b, "\"days\":%d,", d->days);
	if (d->months)
		yb_buf_printf(b, "\"months\":%d,", d->months);
	hole(x, HOLE_DUE);
	kv_text(b, "from", d->from, x->en);
	kv_text(b, "text", d->text, x->en);
}

static void step(const jw *x)
{
	yb_buf *b = x->b;
	const yb_entry *e = x->e;
	kv_str(b, "id", e->id);
	kv_str(b, "title", yb_in(e->title, x->en));
	kv_text(b, "detail", e->text, x->en);
	key(b, "channel");
	yb_buf_putc(b, '[');
	for (size_t i = 0; i < e->nchannels; i++) {
		const yb_channel_info *ch = &e->channels[i];
		yb_buf_putc(b, '{');
		kv_str(b, "id", ch->id);
		kv_str(b, "name", yb_in(ch->name, x->en));
		kv_str(b, "kind", channel_kind(ch->kind));
		kv_text(b, "path", ch->where, x->en);
		end(b, '}');
	}
	end(b, ']');
	if (e->deadline) {
		key(b, "deadline");
		yb_buf_putc(b, '{');
		deadline_fields(x);
		if (e->deadline->nsources)
			source_ids(b, "sources", e->deadline->sources, e->deadline->nsources);
		end(b, '}');
	}
	common(x);
}

static void material(const jw *x)
{
	const yb_entry *e = x->e;
	kv_str(x->b, "id", e->id);
	kv_name(x->b, "name", "name_en", e->title, x->en);
	kv_text(x->b, "note", e->text, x->en);
	kv_text(x->b, "issued_by", e->issued_by, x->en);
	common(x);
}

static void deadline_item(const jw *x)
{
	kv_str(x->b, "id", x->e->id);
	kv_str(x->b, "title", yb_in(x->e->title, x->en));
	deadline_fields(x);
	common(x);
}

static void note(const jw *x)
{
	const yb_entry *e = x->e;
	kv_str(x->b, "id", e->id);
	kv_str(x->b, "kind", e->kind == YB_ENTRY_PRECONDITION ? "precondition"
			     : e->kind == YB_ENTRY_WARNING    ? "warning"
							      : "info");
	kv_text(x->b, "title", e->title, x->en);
	kv_str(x->b, "text", yb_in(e->text, x->en));
	common(x);
}

/* A verdict's value: true and false as JSON's, the others as strings. */
static void verdict_value(yb_buf *b, const char *value)
{
	if (!strcmp(value, "true") || !strcmp(value, "false"))
		yb_buf_puts(b, value);
	else
		yb_json_string(b, value);
	yb_buf_putc(b, ',');
}

static void verdict(const jw *x)
{
	yb_buf *b = x->b;
	const yb_entry *e = x->e;
	kv_str(b, "key", e->verdict->key);
	key(b, "value");
	verdict_value(b, e->verdict->value);
	kv_str(b, "reason", yb_in(e->text, x->en));
	common(x);
}

static void number(yb_buf *b, const char *k, double v)
{
	char text[32];
	yb_format_number(text, sizeof(text), v);
	key(b, k);
	yb_buf_printf(b, "%s,", text);
}

static void estimate(const jw *x)
{
	yb_buf *b = x->b;
	const yb_entry *e = x->e;
	kv_str(b, "id", e->id);
	kv_str(b, "title", yb_in(e->title, x->en));
	kv_str(b, "of", e->estimate->of);
	number(b, "deductible", e->estimate->deductible);
	number(b, "ratio", e->estimate->ratio);
	hole(x, HOLE_ESTIMATE);
	common(x);
}

static void wait(const jw *x)
{
	yb_buf *b = x->b;
	const yb_entry *e = x->e;
	const yb_wait_info *w = e->wait;
	kv_str(b, "id", e->id);
	kv_str(b, "title", yb_in(e->title, x->en));
	kv_str(b, "rule", w->grace ? "grace" : "counted");
	if (w->grace) {
		yb_buf_printf(b, "\"grace_months\":%d,\"max_months\":%d,", w->grace_months,
			      w->max_months);
	} else {
		yb_buf_printf(b,
			      "\"fixed_months\":%d,\"per_gap_year\":%d,\"back_pay_credit\":%d,"
			      "\"floor_gap_years\":%d,\"floor_months\":%d,",
			      w->fixed_months, w->per_gap_year, w->back_pay_credit, w->floor_gap_years,
			      w->floor_months);
	}
	hole(x, HOLE_WAIT);
	common(x);
}

/* Writes what hole h stands for in this answer: the field with its trailing ',', or nothing. */
static void fill(const jw *x, enum hole h)
{
	yb_buf *b = x->b;
	const yb_entry *e = x->e;

	switch (h) {
	case HOLE_DUE:
		kv_opt(b, "due", e->deadline->due);
		if (e->deadline->after)
			kv_str(b, "after", e->deadline->after->id);
		break;
	case HOLE_SIDE_CITY: {
		char name[64];
		if (e->side->city)
			kv_str(b, "side_city",
			       x->en ? yb_capitalised(e->side->city->slug, name, sizeof(name))
				     : e->side->city->name);
		break;
	}
	case HOLE_WHEN:
		when(b, x->a, e->alternatives);
		break;
	case HOLE_ESTIMATE:
		if (e->estimate->known) {
			number(b, "cost", e->estimate->cost);
			number(b, "paid", e->estimate->paid);
		}
		break;
	case HOLE_NUMBER:
		yb_buf_printf(b, "%zu,", x->source->n);
		break;
	case HOLE_WAIT: {
		const yb_wait_info *w = e->wait;
		if (!w->known)
			break;
		number(b, "gap_months", w->gap_months);
		if (w->grace) {
			yb_buf_printf(b, "\"within_grace\":%s,", w->within_grace ? "true" : "false");
		} else {
			yb_buf_printf(b, "\"gap_years\":%d,\"back_paid_years\":%d,", w->gap_years,
				      w->back_paid_years);
			yb_buf_printf(b, "\"floored\":%s,", w->floored ? "true" : "false");
		}
		yb_buf_printf(b, "\"months\":%d,", w->months);
		kv_str(b, "start", w->start);
		break;
	}
	default:
		break;
	}
}

typedef void (*item_writer)(const jw *x);

/* An object: `{`, its fields, `},`. */
static void object(const jw *x)
{
	yb_buf_putc(x->b, '{');
	x->fields(x);
	end(x->b, '}');
}

/* ---- The cache of templates ----------------------------------------------------------------- */

enum { MAX_HOLES = 8 };

/* One object's text, `{…},`, without the markers, and where its holes go. */
typedef struct {
	const void *key, *key2; /* the corpus objects behind the object (yb_entry_identity(),
				 * yb_source_identity()); key NULL when the slot is free */
	bool en;                /* and the language it is in */
	size_t text, len;       /* in the cache's text */
	unsigned nholes;
	struct {
		size_t at; /* offset in the text */
		enum hole kind;
	} holes[MAX_HOLES];
} template;

struct yb_json_cache {
	template *slots; /* open addressing */
	size_t nslots, used;
	yb_buf text;
	bool broken; /* out of memory once: write directly from then on */
};

yb_json_cache *yb_json_cache_new(void)
{
	return yb_calloc(1, sizeof(yb_json_cache));
}

void yb_json_cache_free(yb_json_cache *c)
{
	if (!c)
		return;
	yb_free(c->slots);
	yb_buf_free(&c->text);
	yb_free(c);
}

YB_WRAPS static size_t slot_of(const yb_json_cache *c, const void *key, const void *key2, bool en)
{
	uintptr_t h = ((uintptr_t)key >> 4) * 0x9E3779B97F4A7C15u ^ ((uintptr_t)key2 >> 4) ^ en;
	size_t i = (size_t)(h ^ (h >> 29)) & (c->nslots - 1);
	while (c->slots[i].key &&
	       (c->slots[i].key != key || c->slots[i].key2 != key2 || c->slots[i].en != en))
		i = (i + 1) & (c->nslots - 1);
	return i;
}

static int grow(yb_json_cache *c)
{
	size_t n = c->nslots ? c->nslots * 2 : 256;
	template *slots = yb_calloc(n, sizeof(*slots));
	if (!slots)
		return -1;
	template *old = c->slots;
	size_t nold = c->nslots;
	c->slots = slots;
	c->nslots = n;
	for (size_t i = 0; i < nold; i++)
		if (old[i].key)
			c->slots[slot_of(c, old[i].key, old[i].key2, old[i].en)] = old[i];
	yb_free(old);
	return 0;
}

/* The template of x's object, written on first use; NULL when it cannot be cached. */
static const template *template_for(yb_json_cache *c, const void *key, const void *key2,
				    const jw *x)
{
	if (c->broken)
		return NULL;
	if ((c->used + 1) * 2 > c->nslots && grow(c) != 0) {
		c->broken = true;
		return NULL;
	}
	size_t i = slot_of(c, key, key2, x->en);
	if (c->slots[i].key)
		return &c->slots[i];

	template t = {key, key2, x->en, c->text.len, 0, 0, {{0, HOLE_NONE}}};
	jw w = *x;
	w.b = &c->text;
	w.template = true;
	object(&w);
	if (c->text.failed) {
		c->broken = true;
		return NULL;
	}
	/* Take the markers out, noting where they were. */
	char *p = c->text.data + t.text, *q = p, *stop = c->text.data + c->text.len;
	for (; p < stop; p++) {
		if ((unsigned char)*p >= HOLE_COUNT) {
			*q++ = *p;
			continue;
		}
		if (t.nholes == MAX_HOLES) {
			c->text.len = t.text;
			return NULL;
		}
		t.holes[t.nholes].at = (size_t)(q - (c->text.data + t.text));
		t.holes[t.nholes++].kind = (enum hole)*p;
	}
	c->text.len = (size_t)(q - c->text.data);
	t.len = c->text.len - t.text;
	c->slots[i] = t;
	c->used++;
	return &c->slots[i];
}

/*
 * Copies a template, filling its holes. A hole that writes nothing leaves the ',' before it;
 * that ',' goes where end() would have removed it, before a closing bracket.
 */
static void expand(const yb_json_cache *c, const template *t, const jw *x)
{
	const char *text = c->text.data + t->text;
	size_t from = 0;
	for (unsigned h = 0; h < t->nholes; h++) {
		yb_buf_append(x->b, text + from, t->holes[h].at - from);
		fill(x, t->holes[h].kind);
		from = t->holes[h].at;
		/* (Holes side by side: the next one decides, once it is filled.) */
		size_t next = h + 1 < t->nholes ? t->holes[h + 1].at : t->len;
		if (from < next && (text[from] == '}' || text[from] == ']') && x->b->len &&
		    x->b->data[x->b->len - 1] == ',')
			x->b->data[--x->b->len] = '\0';
	}
	yb_buf_append(x->b, text + from, t->len - from);
}

/* Writes x's object, from the cache's template of it when there is a cache. */
static void cached_object(const jw *x, yb_json_cache *cache, const void *key, const void *key2)
{
	const template *t = cache ? template_for(cache, key, key2, x) : NULL;
	if (t)
		expand(cache, t, x);
	else
		object(x);
}

static void entry_object(yb_buf *b, const yb_answer *a, const yb_entry *e, item_writer fields,
			 yb_json_cache *cache, bool en)
{
	jw x = {b, fields, a, e, NULL, false, en};
	const void *id[2];
	yb_entry_identity(e, id);
	cached_object(&x, cache, id[0], id[1]);
}

/* The entries of one list as an array. */
static void entry_array(yb_buf *b, const yb_answer *a, const char *k, yb_answer_list list,
			item_writer write, yb_json_cache *cache, bool en)
{
	key(b, k);
	yb_buf_putc(b, '[');
	for (size_t i = 0; i < yb_answer_count(a, list); i++)
		entry_object(b, a, yb_answer_entry(a, list, i), write, cache, en);
	end(b, ']');
}

static void source_fields(const jw *x)
{
	yb_buf *b = x->b;
	const yb_source_info *s = x->source;
	kv_str(b, "id", s->id);
	key(b, "n");
	hole(x, HOLE_NUMBER);
	kv_str(b, "kind", s->kind == YB_SOURCE_OFFICIAL ? "official"
			  : s->kind == YB_SOURCE_SEED   ? "seed"
							: "web");
	kv_name(b, "title", "title_en", s->title, x->en);
	kv_opt(b, "number", s->number);
	kv_opt(b, "issuer", s->issuer);
	kv_opt(b, "date", s->date);
	kv_opt(b, "file", s->file);
	kv_opt(b, "heading", s->heading);
	kv_opt(b, "url", s->url);
	kv_opt(b, "read", s->read);
	if (s->unconfirmed)
		yb_buf_puts(b, "\"unconfirmed\":true,");
}

yb_status yb_answer_render_json(const yb_answer *a, unsigned flags, yb_write_fn write, void *ctx,
				yb_error *err)
{
	yb_buf b = {0};
	yb_status st = yb_render_json_to(a, flags, &b, NULL, err);
	if (st) {
		yb_buf_free(&b);
		return st;
	}
	return yb_render_finish(&b, write, ctx, err);
}

yb_status yb_render_json_to(const yb_answer *a, unsigned flags, yb_buf *out, yb_json_cache *cache,
			    yb_error *err)
{
	yb_buf *b = out;
	const yb_summary *s = yb_answer_summary(a);
	bool en = (flags & YB_RENDER_LANG_EN) != 0;

	yb_buf_puts(b, "{\"schema\":1,");
	if (en)
		kv_str(b, "lang", "en");
	kv_str(b, "procedure", s->procedure);
	kv_str(b, "title", yb_in(s->title, en));
	kv_str(b, "date", s->date);
	key(b, "corpus");
	yb_buf_putc(b, '{');
	kv_str(b, "version", s->corpus_version);
	kv_str(b, "date", s->corpus_date);
	if (s->fallback) {
		key(b, "fallback");
		yb_buf_putc(b, '{');
		kv_str(b, "kind", s->fallback_kind);
		kv_str(b, "reason", en && s->fallback_en ? s->fallback_en : s->fallback);
		end(b, '}');
	}
	end(b, '}');
	if (s->from)
		city(b, "from", s->from, en);
	if (s->to)
		city(b, "to", s->to, en);
	if (s->city)
		city(b, "city", s->city, en);
	if (s->route) {
		kv_str(b, "route", s->route);
		kv_str(b, "route_label", yb_in(s->route_label, en));
	}

	if (s->caveat.zh || s->no_local.zh) {
		key(b, "warnings");
		yb_buf_putc(b, '[');
		if (s->caveat.zh)
			yb_json_string(b, yb_in(s->caveat, en));
		if (s->caveat.zh && s->no_local.zh)
			yb_buf_putc(b, ',');
		if (s->no_local.zh)
			yb_json_string(b, yb_in(s->no_local, en));
		yb_buf_puts(b, "],");
	}
	key(b, "facts");
	yb_buf_putc(b, '[');
	for (size_t i = 0; i < yb_answer_count(a, YB_LIST_FACTS); i++) {
		const yb_given_fact *g = yb_answer_fact(a, i);
		yb_buf_putc(b, '{');
		kv_str(b, "fact", g->fact);
		kv_str(b, "flag", g->flag);
		kv_str(b, "value", g->value);
		if (g->kind == YB_FACT_ENUM && g->value_label.zh)
			kv_str(b, "label", yb_in(g->value_label, en));
		kv_opt(b, "given", g->typed);
		if (g->by_default)
			yb_buf_puts(b, "\"default\":true,");
		kv_text(b, "note", g->note, en);
		end(b, '}');
	}
	end(b, ']');

	/* The verdict is also a top-level key named for what it decides ("refundable": true), so
	 * a script reads one field; "depends" when it differs between the alternatives. */
	size_t nverdict = yb_answer_count(a, YB_LIST_VERDICTS);
	if (s->verdict) {
		const yb_entry *first = yb_answer_entry(a, YB_LIST_VERDICTS, 0);
		key(b, s->verdict);
		verdict_value(b, s->verdict_value);
		if (nverdict == 1 && !first->alternatives) {
			key(b, "verdict");
			entry_object(b, a, first, verdict, cache, en);
		} else {
			entry_array(b, a, "verdicts", YB_LIST_VERDICTS, verdict, cache, en);
		}
	}
	if (yb_answer_count(a, YB_LIST_ESTIMATES))
		entry_array(b, a, "estimates", YB_LIST_ESTIMATES, estimate, cache, en);
	if (yb_answer_count(a, YB_LIST_WAITS))
		entry_array(b, a, "waits", YB_LIST_WAITS, wait, cache, en);
	entry_array(b, a, "steps", YB_LIST_STEPS, step, cache, en);
	entry_array(b, a, "materials", YB_LIST_MATERIALS, material, cache, en);
	entry_array(b, a, "deadlines", YB_LIST_DEADLINES, deadline_item, cache, en);
	entry_array(b, a, "notes", YB_LIST_NOTES, note, cache, en);

	key(b, "questions");
	yb_buf_putc(b, '[');
	for (size_t i = 0; i < yb_answer_count(a, YB_LIST_QUESTIONS); i++) {
		const yb_question *q = yb_answer_question(a, i);
		yb_buf_putc(b, '{');
		kv_str(b, "fact", q->fact);
		kv_opt(b, "flag", q->flag);
		kv_str(b, "label", yb_in(q->label, en));
		kv_text(b, "question", q->question, en);
		key(b, "choices");
		yb_buf_putc(b, '[');
		for (size_t k = 0; k < q->nchoices; k++) {
			yb_buf_putc(b, '{');
			kv_str(b, "value", q->choices[k].value);
			kv_str(b, "label", yb_in(q->choices[k].label, en));
			end(b, '}');
		}
		end(b, ']');
		end(b, '}');
	}
	end(b, ']');

	if (flags & YB_RENDER_EXPLAIN) {
		static const char *const origins[] = {"flag", "gazetteer", "default", "assumed"};
		key(b, "explain");
		yb_buf_putc(b, '[');
		for (size_t i = 0; i < yb_answer_count(a, YB_LIST_DECISIONS); i++) {
			const yb_decision *d = yb_answer_decision(a, i);
			yb_buf_putc(b, '{');
			key(b, "layer");
			yb_buf_putc(b, '{');
			layer_fields(b, &d->layer, en);
			end(b, '}');
			kv_str(b, "rule", d->rule);
			yb_buf_printf(b, "\"line\":%d,", d->line);
			kv_str(b, "fact", d->fact);
			kv_str(b, "value", yb_in(d->value, en));
			kv_str(b, "origin", origins[d->origin]);
			key(b, "branch");
			if (d->branch > 0)
				yb_buf_printf(b, "{\"case\":%d,\"rule\":\"%s\",\"line\":%d},", d->branch,
					      d->branch_rule, d->branch_line);
			else if (d->branch == 0)
				yb_buf_printf(b, "{\"case\":\"default\",\"rule\":\"%s\",\"line\":%d},",
					      d->branch_rule, d->branch_line);
			else
				yb_buf_puts(b, "null,");
			when(b, a, d->alternatives);
			end(b, '}');
		}
		end(b, ']');
	}

	key(b, "sources");
	yb_buf_putc(b, '[');
	for (size_t i = 0; i < yb_answer_count(a, YB_LIST_SOURCES); i++) {
		const yb_source_info *src = yb_answer_source(a, i);
		jw x = {b, source_fields, a, NULL, src, false, en};
		cached_object(&x, cache, yb_source_identity(src), NULL);
	}
	end(b, ']');
	end(b, '}');
	/* end() leaves a ',' after the outer object: make it the line's end instead. */
	if (!b->failed && b->len)
		b->data[b->len - 1] = '\n';

	return b->failed ? yb_err_nomem(err) : YB_OK;
}
