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

static void common(yb_buf *b, const yb_answer *a, const yb_answer_item *ai)
{
	const yb_item *it = ai->item;
	const yb_layer *ly = ai->layer;
	const yb_city *place = yb_side_city(a, it->side);

	if (it->side >= 0) {
		kv_str(b, "side", a->proc->sides[it->side].id);
		kv_str(b, "side_label", yb_text_zh(a->proc->sides[it->side].label));
		if (place)
			kv_str(b, "side_city", place->name);
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
	if (!yb_answer_item_always(a, ai)) {
		key(b, "when");
		yb_buf_putc(b, '[');
		for (size_t k = 0; k < a->nworlds; k++)
			if (ai->worlds & (1ull << k)) {
				world_object(b, &a->worlds[k]);
			}
		end(b, ']');
	}
}

/* The counted part of a deadline: working_days, days or months, and the due date. */
static void deadline_fields(yb_buf *b, const yb_answer *a, const yb_answer_item *ai)
{
	const yb_deadline *d = &ai->item->deadline;
	char due[11];
	if (d->working_days >= 0)
		yb_buf_printf(b, "\"working_days\":%d,", d->working_days);
	if (d->days)
		yb_buf_printf(b, "\"days\":%d,", d->days);
	if (d->months)
		yb_buf_printf(b, "\"months\":%d,", d->months);
	if (ai->due) {
		yb_date_format(ai->due, due);
		kv_str(b, "due", due);
	}
	if (ai->after >= 0)
		kv_str(b, "after", a->items[ai->after].item->id);
	kv_opt(b, "from", d->from.zh);
	kv_opt(b, "text", d->text.zh);
}

static void deadline(yb_buf *b, const yb_answer *a, const yb_answer_item *ai)
{
	const yb_deadline *d = &ai->item->deadline;
	key(b, "deadline");
	yb_buf_putc(b, '{');
	deadline_fields(b, a, ai);
	if (d->nsources)
		source_ids(b, "sources", d->sources, d->nsources);
	end(b, '}');
}

static void step(yb_buf *b, const yb_answer *a, const yb_answer_item *ai)
{
	const yb_item *it = ai->item;
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
	if (it->deadline.present)
		deadline(b, a, ai);
	common(b, a, ai);
}

static void material(yb_buf *b, const yb_answer *a, const yb_answer_item *ai)
{
	const yb_item *it = ai->item;
	kv_str(b, "id", it->id);
	kv_str(b, "name", it->material->name.zh);
	kv_opt(b, "note", it->text.zh);
	kv_opt(b, "issued_by", it->material->issued_by.zh);
	common(b, a, ai);
}

static void deadline_item(yb_buf *b, const yb_answer *a, const yb_answer_item *ai)
{
	const yb_item *it = ai->item;
	kv_str(b, "id", it->id);
	kv_str(b, "title", it->title.zh);
	deadline_fields(b, a, ai);
	common(b, a, ai);
}

static void note(yb_buf *b, const yb_answer *a, const yb_answer_item *ai)
{
	static const char *const kinds[] = {"precondition", "warning", "info"};
	const yb_item *it = ai->item;
	kv_str(b, "id", it->id);
	kv_str(b, "kind", kinds[it->note_kind]);
	kv_opt(b, "title", it->title.zh);
	kv_str(b, "text", it->text.zh);
	common(b, a, ai);
}

static void verdict(yb_buf *b, const yb_answer *a, const yb_answer_item *ai)
{
	const yb_item *it = ai->item;
	kv_str(b, "key", it->verdict_key);
	key(b, "value");
	if (!strcmp(it->verdict_value, "true") || !strcmp(it->verdict_value, "false"))
		yb_buf_puts(b, it->verdict_value);
	else
		yb_json_string(b, it->verdict_value);
	yb_buf_putc(b, ',');
	kv_str(b, "reason", it->text.zh);
	common(b, a, ai);
}

static void number(yb_buf *b, const char *k, double v)
{
	char text[32];
	yb_format_number(text, sizeof(text), v);
	key(b, k);
	yb_buf_printf(b, "%s,", text);
}

static void estimate(yb_buf *b, const yb_answer *a, const yb_answer_item *ai)
{
	const yb_item *it = ai->item;
	yb_estimate e = yb_estimate_for(a, it);
	kv_str(b, "id", it->id);
	kv_str(b, "title", it->title.zh);
	kv_str(b, "of", it->of->id);
	number(b, "deductible", it->deductible);
	number(b, "ratio", it->ratio);
	if (e.known) {
		number(b, "cost", e.cost);
		number(b, "paid", e.paid);
	}
	common(b, a, ai);
}

static void wait(yb_buf *b, const yb_answer *a, const yb_answer_item *ai)
{
	const yb_item *it = ai->item;
	const yb_wait_rule *r = &it->wait;
	yb_wait w = yb_wait_for(a, it);
	bool grace = r->grace_months || r->max_months;
	char start[11];
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
	if (w.known) {
		number(b, "gap_months", w.gap_months);
		if (grace) {
			yb_buf_printf(b, "\"within_grace\":%s,", w.within_grace ? "true" : "false");
		} else {
			yb_buf_printf(b, "\"gap_years\":%d,\"back_paid_years\":%d,", w.gap_years,
				      w.back_paid);
			yb_buf_printf(b, "\"floored\":%s,", w.floored ? "true" : "false");
		}
		yb_buf_printf(b, "\"months\":%d,", w.months);
		yb_date_format(w.start, start);
		kv_str(b, "start", start);
	}
	common(b, a, ai);
}

typedef void (*item_writer)(yb_buf *b, const yb_answer *a, const yb_answer_item *ai);

static void item_array(yb_buf *b, const yb_answer *a, const char *k, const yb_section *sections,
		       size_t nsections, item_writer write, const yb_answer_item **scratch)
{
	key(b, k);
	yb_buf_putc(b, '[');
	for (size_t s = 0; s < nsections; s++) {
		size_t n = yb_section_items(a, sections[s], scratch);
		for (size_t i = 0; i < n; i++) {
			yb_buf_putc(b, '{');
			write(b, a, scratch[i]);
			end(b, '}');
		}
	}
	end(b, ']');
}

static void source(yb_buf *b, const yb_source *s, size_t number)
{
	yb_buf_putc(b, '{');
	kv_str(b, "id", s->id);
	yb_buf_printf(b, "\"n\":%zu,", number);
	kv_str(b, "kind", s->kind == SOURCE_OFFICIAL ? "official" : "seed");
	kv_str(b, "title", s->title.zh);
	kv_opt(b, "number", s->number);
	kv_opt(b, "issuer", s->issuer);
	kv_opt(b, "date", s->date);
	kv_opt(b, "file", s->file);
	kv_opt(b, "heading", s->heading);
	kv_opt(b, "url", s->url);
	if (s->unconfirmed)
		yb_buf_puts(b, "\"unconfirmed\":true,");
	end(b, '}');
}

yb_status yb_answer_render_json(const yb_answer *a, unsigned flags, yb_write_fn write, void *ctx,
				yb_error *err)
{
	yb_buf b = {0};
	yb_source_list sources;
	const yb_answer_item **scratch = yb_malloc(sizeof(*scratch) * (a->nitems + 1));
	char date[11];

	if (!scratch || yb_source_list_make(a, &sources) != 0) {
		yb_free(scratch);
		return yb_err_nomem(err);
	}
	yb_buf_puts(&b, "{\"schema\":1,");
	kv_str(&b, "procedure", a->proc->id);
	kv_str(&b, "title", a->proc->title.zh);
	yb_date_format(a->date, date);
	kv_str(&b, "date", date);
	key(&b, "corpus");
	yb_buf_putc(&b, '{');
	kv_str(&b, "version", a->corpus->version);
	kv_str(&b, "date", a->corpus->date);
	end(&b, '}');
	for (int pl = 0; pl < PLACE_COUNT; pl++)
		if (a->place[pl])
			city(&b, yb_place_name((yb_place)pl), a->place[pl]);
	if (a->route) {
		kv_str(&b, "route", a->route->id);
		kv_str(&b, "route_label", a->route->label.zh);
	}

	if (a->uncovered_year)
		yb_buf_printf(&b, "\"warnings\":[\"规则库未收录 %d 年的节假日安排，该年的到期日只按周末推算\"],",
			      a->uncovered_year);
	key(&b, "facts");
	yb_buf_putc(&b, '[');
	for (size_t i = 0; i < a->ngiven; i++) {
		const yb_given *g = &a->given[i];
		yb_buf_putc(&b, '{');
		kv_str(&b, "fact", g->fact->id);
		kv_str(&b, "flag", g->fact->flag);
		kv_str(&b, "value", g->value);
		if (g->enum_value)
			kv_str(&b, "label", g->enum_value->label.zh);
		kv_opt(&b, "given", g->typed);
		if (g->by_default)
			yb_buf_puts(&b, "\"default\":true,");
		kv_opt(&b, "note", g->note.zh);
		end(&b, '}');
	}
	end(&b, ']');

	/* The verdict is also a top-level key named for what it decides ("refundable": true), so
	 * a script reads one field; "depends" when it differs between the alternatives. */
	static const yb_section verdicts[] = {SECTION_VERDICT};
	size_t nverdict = yb_section_items(a, SECTION_VERDICT, scratch);
	if (nverdict) {
		const yb_item *first = scratch[0]->item;
		bool one = nverdict == 1 && yb_answer_item_always(a, scratch[0]);
		/* Alternatives that all reach the same verdict are that verdict. */
		bool agree = true;
		uint64_t covered = 0;
		for (size_t i = 0; i < nverdict; i++) {
			agree = agree && !strcmp(scratch[i]->item->verdict_value, first->verdict_value);
			covered |= scratch[i]->worlds;
		}
		yb_answer_item all = {NULL, NULL, covered, 0, -1};
		agree = agree && yb_answer_item_always(a, &all);
		key(&b, first->verdict_key);
		if (!one && !agree)
			yb_buf_puts(&b, "\"depends\"");
		else if (!strcmp(first->verdict_value, "true") || !strcmp(first->verdict_value, "false"))
			yb_buf_puts(&b, first->verdict_value);
		else
			yb_json_string(&b, first->verdict_value);
		yb_buf_putc(&b, ',');
		if (one) {
			key(&b, "verdict");
			yb_buf_putc(&b, '{');
			verdict(&b, a, scratch[0]);
			end(&b, '}');
		} else {
			item_array(&b, a, "verdicts", verdicts, 1, verdict, scratch);
		}
	}
	static const yb_section estimates[] = {SECTION_ESTIMATES};
	if (yb_section_items(a, SECTION_ESTIMATES, scratch))
		item_array(&b, a, "estimates", estimates, 1, estimate, scratch);
	static const yb_section waits[] = {SECTION_WAITS};
	if (yb_section_items(a, SECTION_WAITS, scratch))
		item_array(&b, a, "waits", waits, 1, wait, scratch);

	static const yb_section steps[] = {SECTION_STEPS};
	static const yb_section materials[] = {SECTION_MATERIALS};
	static const yb_section deadlines[] = {SECTION_DEADLINES};
	static const yb_section notes[] = {SECTION_PRECONDITIONS, SECTION_WARNINGS, SECTION_INFO};
	item_array(&b, a, "steps", steps, 1, step, scratch);
	item_array(&b, a, "materials", materials, 1, material, scratch);
	item_array(&b, a, "deadlines", deadlines, 1, deadline_item, scratch);
	item_array(&b, a, "notes", notes, 3, note, scratch);

	key(&b, "questions");
	yb_buf_putc(&b, '[');
	for (size_t i = 0; i < a->nquestions; i++) {
		const yb_fact *f = a->questions[i];
		yb_buf_putc(&b, '{');
		kv_str(&b, "fact", f->id);
		kv_opt(&b, "flag", f->flag);
		kv_str(&b, "label", f->label.zh);
		kv_opt(&b, "question", f->question.zh);
		key(&b, "choices");
		yb_buf_putc(&b, '[');
		for (size_t k = 0; k < f->nvalues; k++) {
			yb_buf_putc(&b, '{');
			kv_str(&b, "value", f->values[k].id);
			kv_str(&b, "label", f->values[k].label.zh);
			end(&b, '}');
		}
		if (f->kind == FACT_BOOL)
			yb_buf_puts(&b, "{\"value\":\"yes\",\"label\":\"是\"},"
					"{\"value\":\"no\",\"label\":\"否\"},");
		end(&b, ']');
		end(&b, '}');
	}
	end(&b, ']');

	if (flags & YB_RENDER_EXPLAIN) {
		char value[512];
		key(&b, "explain");
		yb_buf_putc(&b, '[');
		for (size_t i = 0; i < a->ntrace; i++) {
			const yb_trace_step *s = &a->trace[i];
			const yb_node *n = s->node;
			const yb_layer *ly = s->layer;
			yb_buf_putc(&b, '{');
			key(&b, "layer");
			yb_buf_putc(&b, '{');
			kv_str(&b, "level", level_name(ly->level));
			kv_opt(&b, "adcode", ly->area);
			kv_opt(&b, "name", ly->area_name);
			end(&b, '}');
			kv_str(&b, "rule", n->pos.file);
			yb_buf_printf(&b, "\"line\":%d,", n->pos.line);
			kv_str(&b, "fact", n->test->id);
			yb_trace_value(a, s, value, sizeof(value));
			kv_str(&b, "value", value);
			kv_str(&b, "origin", yb_origin_name(s->origin));
			key(&b, "branch");
			if (s->branch < (int)n->ncases)
				yb_buf_printf(&b, "{\"case\":%d,\"rule\":\"%s\",\"line\":%d},",
					      s->branch + 1, n->cases[s->branch].pos.file,
					      n->cases[s->branch].pos.line);
			else if (n->otherwise)
				yb_buf_printf(&b, "{\"case\":\"default\",\"rule\":\"%s\",\"line\":%d},",
					      n->otherwise->pos.file, n->otherwise->pos.line);
			else
				yb_buf_puts(&b, "null,");
			yb_answer_item probe = {NULL, NULL, s->worlds, 0, -1};
			if (!yb_answer_item_always(a, &probe)) {
				key(&b, "when");
				yb_buf_putc(&b, '[');
				for (size_t k = 0; k < a->nworlds; k++)
					if ((s->worlds >> k) & 1)
						world_object(&b, &a->worlds[k]);
				end(&b, ']');
			}
			end(&b, '}');
		}
		end(&b, ']');
	}

	key(&b, "sources");
	yb_buf_putc(&b, '[');
	for (size_t i = 0; i < sources.n; i++) {
		source(&b, sources.sources[i], i + 1);
	}
	end(&b, ']');
	end(&b, '}');
	/* end() leaves a ',' after the outer object: make it the line's end instead. */
	if (!b.failed && b.len)
		b.data[b.len - 1] = '\n';

	yb_source_list_free(&sources);
	yb_free(scratch);
	return yb_render_finish(&b, write, ctx, err);
}
