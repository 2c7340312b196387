/*
 * render_json.c - an answer as one line of JSON, schema 1 (docs/json.md).
 *
 * Note that the output is compact and its key order fixed: `yibao batch` writes one answer per
 * line, and scripts compare answers byte for byte. Keys are only ever added; renaming or
 * removing one needs a new schema number.
 */
#include <string.h>

#include "date.h"
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

/* Ends an object or array whose members all end in ',' by replacing the last one. */
static void end(yb_buf *b, char closer)
{
	if (!b->failed && b->len && b->data[b->len - 1] == ',')
		b->data[--b->len] = '\0';
	yb_buf_putc(b, closer);
	yb_buf_putc(b, ',');
}

static void city(yb_buf *b, const char *k, const yb_city *c)
{
	key(b, k);
	yb_buf_putc(b, '{');
	kv_str(b, "adcode", c->adcode);
	kv_str(b, "name", c->name);
	kv_str(b, "short_name", c->short_name);
	kv_str(b, "slug", c->slug);
	kv_str(b, "province", c->province->name);
	kv_str(b, "province_adcode", c->province->adcode);
	end(b, '}');
}

static void source_ids(yb_buf *b, const char *k, const yb_source *const *s, size_t n)
{
	key(b, k);
	yb_buf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		yb_json_string(b, s[i]->id);
		yb_buf_putc(b, ',');
	}
	end(b, ']');
}

static const char *level_name(yb_level l)
{
	return l == LEVEL_NATIONAL ? "national" : l == LEVEL_PROVINCE ? "province" : "city";
}

static const char *path_name(yb_path p)
{
	return p == PATH_ONLINE ? "online" : p == PATH_OFFLINE ? "offline" : NULL;
}

static const char *channel_kind(yb_channel_kind k)
{
	static const char *const names[] = {"app", "web", "mini-program", "counter", "phone"};
	return names[k];
}

/* The world's assumptions as {"fact": "value"}. */
static void world_object(yb_buf *b, const yb_world *w)
{
	yb_buf_putc(b, '{');
	for (size_t i = 0; i < w->n; i++) {
		const yb_assumption *as = &w->a[i];
		const yb_fact *f = as->fact;
		key(b, f->id);
		if (f->kind == FACT_ENUM)
			yb_json_string(b, f->values[as->choice].id);
		else if (f->kind == FACT_BOOL)
			yb_buf_puts(b, as->choice ? "false" : "true");
		else
			yb_buf_printf(b, "\"case %d at %s:%d\"", as->choice + 1,
				      as->node->pos.file, as->node->pos.line);
		yb_buf_putc(b, ',');
	}
	end(b, '}');
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
	const yb_answer_item *ai; /* items */
	const yb_source *source;  /* sources */
	size_t number;            /* sources: the footnote number */
	bool template;            /* writing a template: holes are marked, not filled */
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
	const yb_item *it = x->ai->item;
	const yb_layer *ly = x->ai->layer;

	if (it->side >= 0) {
		kv_str(b, "side", x->a->proc->sides[it->side].id);
		kv_str(b, "side_label", yb_text_zh(x->a->proc->sides[it->side].label));
		hole(x, HOLE_SIDE_CITY);
	}
	kv_opt(b, "path", path_name(it->path));
	source_ids(b, "sources", it->sources, it->nsources);
	key(b, "layer");
	yb_buf_putc(b, '{');
	kv_str(b, "level", level_name(ly->level));
	kv_opt(b, "adcode", ly->area);
	kv_opt(b, "name", ly->area_name);
	kv_str(b, "rule", it->pos.file);
	key(b, "line");
	yb_buf_printf(b, "%d,", it->pos.line);
	end(b, '}');
	if (it->unconfirmed)
		yb_buf_puts(b, "\"unconfirmed\":true,");
	if (it->in_force_from || it->in_force_until) {
		char d[11];
		key(b, "in_force");
		yb_buf_putc(b, '{');
		if (it->in_force_from) {
			yb_date_format(it->in_force_from, d);
			kv_str(b, "from", d);
		}
		if (it->in_force_until) {
			yb_date_format(it->in_force_until, d);
			kv_str(b, "until", d);
		}
		end(b, '}');
	}
	hole(x, HOLE_WHEN);
}

/* The counted part of a deadline: working_days, days or months, and the due date. */
static void deadline_fields(const jw *x)
{
	yb_buf *b = x->b;
	const yb_deadline *d = &x->ai->item->deadline;
	if (d->working_days >= 0)
		yb_buf_printf(b, "\"working_days\":%d,", d->working_days);
	if (d->days)
		yb_buf_printf(b, "\"days\":%d,", d->days);
	if (d->months)
		yb_buf_printf(b, "\"months\":%d,", d->months);
	hole(x, HOLE_DUE);
	kv_opt(b, "from", d->from.zh);
	kv_opt(b, "text", d->text.zh);
}

static void step(const jw *x)
{
	yb_buf *b = x->b;
	const yb_item *it = x->ai->item;
	kv_str(b, "id", it->id);
	kv_str(b, "title", it->title.zh);
	kv_opt(b, "detail", it->text.zh);
	key(b, "channel");
	yb_buf_putc(b, '[');
	for (size_t i = 0; i < it->nchannels; i++) {
		const yb_channel *ch = it->channels[i];
		yb_buf_putc(b, '{');
		kv_str(b, "id", ch->id);
		kv_str(b, "name", ch->name.zh);
		kv_str(b, "kind", channel_kind(ch->kind));
		kv_opt(b, "path", it->channel_paths[i].zh ? it->channel_paths[i].zh : ch->path.zh);
		end(b, '}');
	}
	end(b, ']');
	if (it->deadline.present) {
		key(b, "deadline");
		yb_buf_putc(b, '{');
		deadline_fields(x);
		if (it->deadline.nsources)
			source_ids(b, "sources", it->deadline.sources, it->deadline.nsources);
		end(b, '}');
	}
	common(x);
}

static void material(const jw *x)
{
	const yb_item *it = x->ai->item;
	kv_str(x->b, "id", it->id);
	kv_str(x->b, "name", it->material->name.zh);
	kv_opt(x->b, "note", it->text.zh);
	kv_opt(x->b, "issued_by", it->material->issued_by.zh);
	common(x);
}

static void deadline_item(const jw *x)
{
	kv_str(x->b, "id", x->ai->item->id);
	kv_str(x->b, "title", x->ai->item->title.zh);
	deadline_fields(x);
	common(x);
}

static void note(const jw *x)
{
	static const char *const kinds[] = {"precondition", "warning", "info"};
	const yb_item *it = x->ai->item;
	kv_str(x->b, "id", it->id);
	kv_str(x->b, "kind", kinds[it->note_kind]);
	kv_opt(x->b, "title", it->title.zh);
	kv_str(x->b, "text", it->text.zh);
	common(x);
}

static void verdict(const jw *x)
{
	yb_buf *b = x->b;
	const yb_item *it = x->ai->item;
	kv_str(b, "key", it->verdict_key);
	key(b, "value");
	if (!strcmp(it->verdict_value, "true") || !strcmp(it->verdict_value, "false"))
		yb_buf_puts(b, it->verdict_value);
	else
		yb_json_string(b, it->verdict_value);
	yb_buf_putc(b, ',');
	kv_str(b, "reason", it->text.zh);
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
	const yb_item *it = x->ai->item;
	kv_str(b, "id", it->id);
	kv_str(b, "title", it->title.zh);
	kv_str(b, "of", it->of->id);
	number(b, "deductible", it->deductible);
	number(b, "ratio", it->ratio);
	hole(x, HOLE_ESTIMATE);
	common(x);
}

static void wait(const jw *x)
{
	yb_buf *b = x->b;
	const yb_item *it = x->ai->item;
	const yb_wait_rule *r = &it->wait;
	bool grace = r->grace_months || r->max_months;
	kv_str(b, "id", it->id);
	kv_str(b, "title", it->title.zh);
	kv_str(b, "rule", grace ? "grace" : "counted");
	if (grace) {
		yb_buf_printf(b, "\"grace_months\":%d,\"max_months\":%d,", r->grace_months,
			      r->max_months);
	} else {
		yb_buf_printf(b,
			      "\"fixed_months\":%d,\"per_gap_year\":%d,\"back_pay_credit\":%d,"
			      "\"floor_gap_years\":%d,\"floor_months\":%d,",
			      r->fixed_months, r->per_gap_year, r->back_pay_credit, r->floor_gap_years,
			      r->floor_months);
	}
	hole(x, HOLE_WAIT);
	common(x);
}

/* Writes what hole h stands for in this answer: the field with its trailing ',', or nothing. */
static void fill(const jw *x, enum hole h)
{
	yb_buf *b = x->b;
	const yb_answer *a = x->a;
	const yb_answer_item *ai = x->ai;
	const yb_item *it = ai ? ai->item : NULL;
	char date[11];

	switch (h) {
	case HOLE_DUE:
		if (ai->due) {
			yb_date_format(ai->due, date);
			kv_str(b, "due", date);
		}
		if (ai->after >= 0)
			kv_str(b, "after", a->items[ai->after].item->id);
		break;
	case HOLE_SIDE_CITY: {
		const yb_city *place = yb_side_city(a, it->side);
		if (place)
			kv_str(b, "side_city", place->name);
		break;
	}
	case HOLE_WHEN:
		if (!yb_answer_item_always(a, ai)) {
			key(b, "when");
			yb_buf_putc(b, '[');
			for (size_t k = 0; k < a->nworlds; k++)
				if (ai->worlds & (1ull << k))
					world_object(b, &a->worlds[k]);
			end(b, ']');
		}
		break;
	case HOLE_ESTIMATE: {
		yb_estimate e = yb_estimate_for(a, it);
		if (e.known) {
			number(b, "cost", e.cost);
			number(b, "paid", e.paid);
		}
		break;
	}
	case HOLE_NUMBER:
		yb_buf_printf(b, "%zu,", x->number);
		break;
	case HOLE_WAIT: {
		yb_wait w = yb_wait_for(a, it);
		if (!w.known)
			break;
		number(b, "gap_months", w.gap_months);
		if (it->wait.grace_months || it->wait.max_months) {
			yb_buf_printf(b, "\"within_grace\":%s,", w.within_grace ? "true" : "false");
		} else {
			yb_buf_printf(b, "\"gap_years\":%d,\"back_paid_years\":%d,", w.gap_years,
				      w.back_paid);
			yb_buf_printf(b, "\"floored\":%s,", w.floored ? "true" : "false");
		}
		yb_buf_printf(b, "\"months\":%d,", w.months);
		yb_date_format(w.start, date);
		kv_str(b, "start", date);
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
	const void *key, *key2; /* (item, layer) or (source, NULL); key NULL when the slot is free */
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

YB_WRAPS static size_t slot_of(const yb_json_cache *c, const void *key, const void *key2)
{
	uintptr_t h = ((uintptr_t)key >> 4) * 0x9E3779B97F4A7C15u ^ ((uintptr_t)key2 >> 4);
	size_t i = (size_t)(h ^ (h >> 29)) & (c->nslots - 1);
	while (c->slots[i].key && (c->slots[i].key != key || c->slots[i].key2 != key2))
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
			c->slots[slot_of(c, old[i].key, old[i].key2)] = old[i];
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
	size_t i = slot_of(c, key, key2);
	if (c->slots[i].key)
		return &c->slots[i];

	template t = {key, key2, c->text.len, 0, 0, {{0, HOLE_NONE}}};
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

static void item_object(yb_buf *b, const yb_answer *a, const yb_answer_item *ai,
			item_writer fields, yb_json_cache *cache)
{
	jw x = {b, fields, a, ai, NULL, 0, false};
	cached_object(&x, cache, ai->item, ai->layer);
}

/* The items of one section, or of several in turn, as one array. */
static void item_array(yb_buf *b, const yb_answer *a, const char *k, const yb_layout *l,
		       const yb_section *sections, size_t nsections, item_writer write,
		       yb_json_cache *cache)
{
	key(b, k);
	yb_buf_putc(b, '[');
	for (size_t s = 0; s < nsections; s++)
		for (size_t i = l->start[sections[s]]; i < l->start[sections[s] + 1]; i++)
			item_object(b, a, l->items[i], write, cache);
	end(b, ']');
}

static const yb_section verdict_s[] = {SECTION_VERDICT}, estimate_s[] = {SECTION_ESTIMATES},
			wait_s[] = {SECTION_WAITS}, step_s[] = {SECTION_STEPS},
			material_s[] = {SECTION_MATERIALS}, deadline_s[] = {SECTION_DEADLINES},
			note_s[] = {SECTION_PRECONDITIONS, SECTION_WARNINGS, SECTION_INFO};

static void source_fields(const jw *x)
{
	yb_buf *b = x->b;
	const yb_source *s = x->source;
	kv_str(b, "id", s->id);
	key(b, "n");
	hole(x, HOLE_NUMBER);
	kv_str(b, "kind", s->kind == SOURCE_OFFICIAL ? "official"
			  : s->kind == SOURCE_SEED   ? "seed"
						     : "web");
	kv_str(b, "title", s->title.zh);
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
	yb_layout l;
	size_t nverdict;
	char date[11];

	if (yb_layout_make(a, &l) != 0)
		return yb_err_nomem(err);
	yb_buf_puts(b, "{\"schema\":1,");
	kv_str(b, "procedure", a->proc->id);
	kv_str(b, "title", a->proc->title.zh);
	yb_date_format(a->date, date);
	kv_str(b, "date", date);
	key(b, "corpus");
	yb_buf_putc(b, '{');
	kv_str(b, "version", a->corpus->version);
	kv_str(b, "date", a->corpus->date);
	if (a->fallback) {
		key(b, "fallback");
		yb_buf_putc(b, '{');
		kv_str(b, "kind", a->fallback_kind);
		kv_str(b, "reason", a->fallback);
		end(b, '}');
	}
	end(b, '}');
	for (int pl = 0; pl < PLACE_COUNT; pl++)
		if (a->place[pl])
			city(b, yb_place_name((yb_place)pl), a->place[pl]);
	if (a->route) {
		kv_str(b, "route", a->route->id);
		kv_str(b, "route_label", a->route->label.zh);
	}

	if (a->uncovered_year)
		yb_buf_printf(b, "\"warnings\":[\"规则库未收录 %d 年的节假日安排，该年的到期日只按周末推算\"],",
			      a->uncovered_year);
	key(b, "facts");
	yb_buf_putc(b, '[');
	for (size_t i = 0; i < a->ngiven; i++) {
		const yb_given *g = &a->given[i];
		yb_buf_putc(b, '{');
		kv_str(b, "fact", g->fact->id);
		kv_str(b, "flag", g->fact->flag);
		kv_str(b, "value", g->value);
		if (g->enum_value)
			kv_str(b, "label", g->enum_value->label.zh);
		kv_opt(b, "given", g->typed);
		if (g->by_default)
			yb_buf_puts(b, "\"default\":true,");
		kv_opt(b, "note", g->note.zh);
		end(b, '}');
	}
	end(b, ']');

	/* The verdict is also a top-level key named for what it decides ("refundable": true), so
	 * a script reads one field; "depends" when it differs between the alternatives. */
	const yb_answer_item **verdicts = yb_layout_section(&l, SECTION_VERDICT, &nverdict);
	if (nverdict) {
		const yb_item *first = verdicts[0]->item;
		bool one = nverdict == 1 && yb_answer_item_always(a, verdicts[0]);
		/* Alternatives that all reach the same verdict are that verdict. */
		bool agree = true;
		uint64_t covered = 0;
		for (size_t i = 0; i < nverdict; i++) {
			agree = agree && !strcmp(verdicts[i]->item->verdict_value, first->verdict_value);
			covered |= verdicts[i]->worlds;
		}
		yb_answer_item all = {NULL, NULL, covered, 0, -1};
		agree = agree && yb_answer_item_always(a, &all);
		key(b, first->verdict_key);
		if (!one && !agree)
			yb_buf_puts(b, "\"depends\"");
		else if (!strcmp(first->verdict_value, "true") || !strcmp(first->verdict_value, "false"))
			yb_buf_puts(b, first->verdict_value);
		else
			yb_json_string(b, first->verdict_value);
		yb_buf_putc(b, ',');
		if (one) {
			key(b, "verdict");
			item_object(b, a, verdicts[0], verdict, cache);
		} else {
			item_array(b, a, "verdicts", &l, verdict_s, 1, verdict, cache);
		}
	}
	if (l.start[SECTION_ESTIMATES + 1] > l.start[SECTION_ESTIMATES])
		item_array(b, a, "estimates", &l, estimate_s, 1, estimate, cache);
	if (l.start[SECTION_WAITS + 1] > l.start[SECTION_WAITS])
		item_array(b, a, "waits", &l, wait_s, 1, wait, cache);
	item_array(b, a, "steps", &l, step_s, 1, step, cache);
	item_array(b, a, "materials", &l, material_s, 1, material, cache);
	item_array(b, a, "deadlines", &l, deadline_s, 1, deadline_item, cache);
	item_array(b, a, "notes", &l, note_s, 3, note, cache);

	key(b, "questions");
	yb_buf_putc(b, '[');
	for (size_t i = 0; i < a->nquestions; i++) {
		const yb_fact *f = a->questions[i];
		yb_buf_putc(b, '{');
		kv_str(b, "fact", f->id);
		kv_opt(b, "flag", f->flag);
		kv_str(b, "label", f->label.zh);
		kv_opt(b, "question", f->question.zh);
		key(b, "choices");
		yb_buf_putc(b, '[');
		for (size_t k = 0; k < f->nvalues; k++) {
			yb_buf_putc(b, '{');
			kv_str(b, "value", f->values[k].id);
			kv_str(b, "label", f->values[k].label.zh);
			end(b, '}');
		}
		if (f->kind == FACT_BOOL)
			yb_buf_puts(b, "{\"value\":\"yes\",\"label\":\"是\"},"
					"{\"value\":\"no\",\"label\":\"否\"},");
		end(b, ']');
		end(b, '}');
	}
	end(b, ']');

	if (flags & YB_RENDER_EXPLAIN) {
		char value[512];
		key(b, "explain");
		yb_buf_putc(b, '[');
		for (size_t i = 0; i < a->ntrace; i++) {
			const yb_trace_step *s = &a->trace[i];
			const yb_node *n = s->node;
			const yb_layer *ly = s->layer;
			yb_buf_putc(b, '{');
			key(b, "layer");
			yb_buf_putc(b, '{');
			kv_str(b, "level", level_name(ly->level));
			kv_opt(b, "adcode", ly->area);
			kv_opt(b, "name", ly->area_name);
			end(b, '}');
			kv_str(b, "rule", n->pos.file);
			yb_buf_printf(b, "\"line\":%d,", n->pos.line);
			kv_str(b, "fact", n->test->id);
			yb_trace_value(a, s, value, sizeof(value));
			kv_str(b, "value", value);
			kv_str(b, "origin", yb_origin_name(s->origin));
			key(b, "branch");
			if (s->branch < (int)n->ncases)
				yb_buf_printf(b, "{\"case\":%d,\"rule\":\"%s\",\"line\":%d},",
					      s->branch + 1, n->cases[s->branch].pos.file,
					      n->cases[s->branch].pos.line);
			else if (n->otherwise)
				yb_buf_printf(b, "{\"case\":\"default\",\"rule\":\"%s\",\"line\":%d},",
					      n->otherwise->pos.file, n->otherwise->pos.line);
			else
				yb_buf_puts(b, "null,");
			yb_answer_item probe = {NULL, NULL, s->worlds, 0, -1};
			if (!yb_answer_item_always(a, &probe)) {
				key(b, "when");
				yb_buf_putc(b, '[');
				for (size_t k = 0; k < a->nworlds; k++)
					if ((s->worlds >> k) & 1)
						world_object(b, &a->worlds[k]);
				end(b, ']');
			}
			end(b, '}');
		}
		end(b, ']');
	}

	key(b, "sources");
	yb_buf_putc(b, '[');
	for (size_t i = 0; i < l.sources.n; i++) {
		jw x = {b, source_fields, a, NULL, l.sources.sources[i], i + 1, false};
		cached_object(&x, cache, l.sources.sources[i], NULL);
	}
	end(b, ']');
	end(b, '}');
	/* end() leaves a ',' after the outer object: make it the line's end instead. */
	if (!b->failed && b->len)
		b->data[b->len - 1] = '\n';

	yb_layout_free(&l);
	return b->failed ? yb_err_nomem(err) : YB_OK;
}
