/* render.c - order, source numbering and JSON strings shared by the renderers (render.h). */
#include "render.h"

#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "error.h"
#include "mem.h"
#include "utf8.h"

static bool in_section(const yb_item *it, yb_section s)
{
	switch (s) {
	case SECTION_VERDICT: return it->kind == ITEM_VERDICT;
	case SECTION_ESTIMATES: return it->kind == ITEM_ESTIMATE;
	case SECTION_WAITS: return it->kind == ITEM_WAIT;
	case SECTION_PRECONDITIONS:
		return it->kind == ITEM_NOTE && it->note_kind == NOTE_PRECONDITION;
	case SECTION_STEPS: return it->kind == ITEM_STEP;
	case SECTION_MATERIALS: return it->kind == ITEM_MATERIAL;
	case SECTION_DEADLINES: return it->kind == ITEM_DEADLINE;
	case SECTION_WARNINGS: return it->kind == ITEM_NOTE && it->note_kind == NOTE_WARNING;
	case SECTION_INFO: return it->kind == ITEM_NOTE && it->note_kind == NOTE_INFO;
	default: return false;
	}
}

/* Where an item goes: its section, and within steps and materials its path. */
static int bucket_of(const yb_item *it)
{
	for (int s = 0; s < SECTION_COUNT; s++)
		if (in_section(it, (yb_section)s)) {
			bool by_path = s == SECTION_STEPS || s == SECTION_MATERIALS;
			return s * 3 + (by_path ? (int)it->path : 0);
		}
	return -1;
}

static void add_source(yb_source_list *l, const yb_source *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->sources[i] == s)
			return;
	l->sources[l->n++] = s;
}

int yb_layout_make(const yb_answer *a, yb_layout *out)
{
	enum { NBUCKETS = SECTION_COUNT * 3 };
	size_t count[NBUCKETS + 2] = {0};
	memset(out, 0, sizeof(*out));
	/* One block: the items, then room for every source the items could cite. */
	size_t nsources = 0;
	for (size_t i = 0; i < a->nitems; i++)
		nsources += a->items[i].item->nsources + a->items[i].item->deadline.nsources;
	void *block = yb_malloc(sizeof(const yb_answer_item *) * (a->nitems + 1) +
				sizeof(const yb_source *) * (nsources + 1));
	if (!block)
		return -1;
	out->items = block;
	out->sources.sources = (const yb_source **)(out->items + a->nitems + 1);

	/* A stable counting sort by section and path. */
	for (size_t i = 0; i < a->nitems; i++) {
		int k = bucket_of(a->items[i].item);
		count[(k < 0 ? NBUCKETS : k) + 1]++; /* an item in no section goes last, unshown */
	}
	size_t at[NBUCKETS + 1];
	at[0] = 0;
	for (int k = 1; k <= NBUCKETS; k++)
		at[k] = at[k - 1] + count[k];
	for (int s = 0; s <= SECTION_COUNT; s++)
		out->start[s] = s < SECTION_COUNT ? at[s * 3] : at[NBUCKETS];
	for (size_t i = 0; i < a->nitems; i++) {
		int k = bucket_of(a->items[i].item);
		if (k >= 0)
			out->items[at[k]++] = &a->items[i];
	}

	for (size_t i = 0; i < out->start[SECTION_COUNT]; i++) {
		const yb_item *it = out->items[i]->item;
		for (size_t k = 0; k < it->nsources; k++)
			add_source(&out->sources, it->sources[k]);
		for (size_t k = 0; k < it->deadline.nsources; k++)
			add_source(&out->sources, it->deadline.sources[k]);
	}
	return 0;
}

void yb_layout_free(yb_layout *l)
{
	yb_free(l->items);
	memset(l, 0, sizeof(*l));
}

size_t yb_source_number(const yb_source_list *l, const yb_source *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->sources[i] == s)
			return i + 1;
	return 0;
}

void yb_json_string(yb_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	yb_buf_putc(b, '"');
	while (*p) {
		const unsigned char *run = p;
		/* Copy plain runs, valid UTF-8 included, in one append. */
		for (;;) {
			if (*p >= 0x20 && *p != '"' && *p != '\\' && *p < 0x80) {
				p++;
				continue;
			}
			size_t n = *p >= 0x80 ? yb_utf8_decode(p, 4, NULL, NULL) : 0;
			if (!n)
				break;
			p += n;
		}
		if (p > run)
			yb_buf_append(b, (const char *)run, (size_t)(p - run));
		if (!*p)
			break;
		if (*p == '"' || *p == '\\') {
			yb_buf_putc(b, '\\');
			yb_buf_putc(b, (char)*p++);
		} else if (*p < 0x20) {
			static const char *const esc[] = {[8] = "\\b", [9] = "\\t", [10] = "\\n",
							  [12] = "\\f", [13] = "\\r"};
			if (*p < 14 && esc[*p])
				yb_buf_puts(b, esc[*p]);
			else
				yb_buf_printf(b, "\\u%04x", *p);
			p++;
		} else { /* a byte that does not start valid UTF-8 */
			yb_buf_puts(b, "\\ufffd");
			p++;
		}
	}
	yb_buf_putc(b, '"');
}

const yb_city *yb_side_city(const yb_answer *a, int side)
{
	if (side < 0 || (size_t)side >= a->proc->nsides)
		return NULL;
	return a->place[a->proc->sides[side].place];
}

yb_estimate yb_estimate_for(const yb_answer *a, const yb_item *it)
{
	yb_estimate e = {false, 0, 0};
	for (size_t i = 0; i < a->ngiven; i++)
		if (a->given[i].fact == it->of) {
			e.known = true;
			e.cost = a->given[i].number;
			e.paid = e.cost > it->deductible ? (e.cost - it->deductible) * it->ratio : 0;
			/* Money: round to the fen, so 0.7 x 1000 prints as 700, not 699.9999. */
			e.paid = (double)(long long)(e.paid * 100 + 0.5) / 100;
		}
	return e;
}

static const yb_given *given_fact(const yb_answer *a, const yb_fact *f)
{
	for (size_t i = 0; f && i < a->ngiven; i++)
		if (a->given[i].fact == f)
			return &a->given[i];
	return NULL;
}

yb_wait yb_wait_for(const yb_answer *a, const yb_item *it)
{
	const yb_wait_rule *r = &it->wait;
	const yb_given *months = given_fact(a, r->gap_months), *years = given_fact(a, r->gap_years),
		       *paid = given_fact(a, r->back_paid);
	yb_wait w;
	memset(&w, 0, sizeof(w));
	if (!months && !years)
		return w;
	w.known = true;
	w.gap_months = months ? months->number : years->number * 12;
	w.gap_years = (int)((w.gap_months + 11.999) / 12);
	if (r->grace_months || r->max_months) {
		w.within_grace = w.gap_months <= r->grace_months;
		w.months = w.within_grace ? 0 : r->max_months;
		/* Within the grace, benefits run from the month of payment. */
		w.start = w.within_grace ? a->date / 100 * 100 + 1
					 : yb_date_add_months(a->date, w.months);
		return w;
	}
	w.back_paid = paid ? (int)paid->number : 0;
	int further = w.gap_years > 1 ? w.gap_years - 1 : 0;
	w.variable = further * r->per_gap_year - w.back_paid * r->back_pay_credit;
	if (w.variable < 0)
		w.variable = 0;
	w.months = r->fixed_months + w.variable;
	if (r->floor_gap_years && w.gap_years >= r->floor_gap_years && w.months < r->floor_months) {
		w.months = r->floor_months;
		w.floored = true;
	}
	w.start = yb_date_add_months(a->date, w.months);
	return w;
}

const char *yb_origin_name(yb_origin o)
{
	static const char *const names[] = {"flag", "gazetteer", "default", "assumed"};
	return names[o];
}

const char *yb_layer_label(const yb_layer *ly)
{
	return ly->level == LEVEL_NATIONAL ? "全国" : ly->area_name;
}

static void value_of(const yb_answer *a, const yb_fact *f, char *buf, size_t size)
{
	const yb_given *g = given_fact(a, f);
	buf[0] = '\0';
	if (f == a->corpus->route && a->route) {
		const yb_city *from = a->place[PLACE_FROM], *to = a->place[PLACE_TO];
		snprintf(buf, size, "%s（由城市推出：%s属%s，%s属%s）", yb_text_zh(a->route->label),
			 from->name, from->province->name, to->name, to->province->name);
	} else if (f->kind == FACT_CITY && a->place[f->place]) {
		snprintf(buf, size, "%s（%s）", a->place[f->place]->name, a->place[f->place]->adcode);
	} else if (f->kind == FACT_PROVINCE && a->place[f->place]) {
		snprintf(buf, size, "%s（由 %s 推出）", a->place[f->place]->province->name,
			 a->place[f->place]->name);
	} else if (g && g->enum_value) {
		snprintf(buf, size, "%s%s", yb_text_zh(g->enum_value->label),
			 g->by_default ? "（未指定，按默认）" : "");
	} else if (g && f->kind == FACT_BOOL) {
		snprintf(buf, size, "%s", strcmp(g->value, "true") == 0 ? "是" : "否");
	} else if (g) {
		snprintf(buf, size, "%s", g->value);
	}
}

void yb_trace_value(const yb_answer *a, const yb_trace_step *t, char *buf, size_t size)
{
	const yb_fact *f = t->node->test;
	if (t->origin != ORIGIN_ASSUMED) {
		value_of(a, f, buf, size);
		return;
	}
	/* An alternative: name the fact's value in each world this step holds in. */
	buf[0] = '\0';
	for (size_t k = 0; k < a->nworlds; k++) {
		if (!((t->worlds >> k) & 1))
			continue;
		const yb_world *w = &a->worlds[k];
		for (size_t i = 0; i < w->n; i++) {
			if (w->a[i].fact != f)
				continue;
			char label[128];
			yb_assumption_label(a, &w->a[i], label, sizeof(label));
			if (!strstr(buf, label)) {
				size_t len = strlen(buf);
				snprintf(buf + len, size - len, "%s%s", len ? " / " : "", label);
			}
		}
	}
	size_t len = strlen(buf);
	snprintf(buf + len, size - len, "（未给出，分情况作答）");
}

void yb_format_number(char *out, size_t size, double v)
{
	snprintf(out, size, "%.2f", v);
	char *dot = strchr(out, '.');
	if (dot) {
		char *end = out + strlen(out) - 1;
		while (end > dot && *end == '0')
			*end-- = '\0';
		if (end == dot)
			*end = '\0';
	}
}

yb_status yb_render_finish(yb_buf *b, yb_write_fn write, void *ctx, yb_error *err)
{
	yb_status st = YB_OK;
	if (b->failed)
		st = yb_err_nomem(err);
	else if (write(ctx, b->data ? b->data : "", b->len) != 0)
		st = yb_err(err, YB_EIO, "could not write the output");
	yb_buf_free(b);
	return st;
}

yb_status yb_render_choices(const yb_corpus *c, const char *fact, int json, yb_write_fn write,
			    void *ctx, yb_error *err)
{
	const yb_fact *f = yb_corpus_fact(c, fact);
	yb_buf b = {0};
	size_t width = 0;
	if (!f || f->kind != FACT_ENUM)
		return yb_err(err, YB_ENOTFOUND, "no list of values for \"%s\"", fact);
	for (size_t i = 0; i < f->nvalues; i++)
		if (strlen(f->values[i].id) > width)
			width = strlen(f->values[i].id);
	if (json)
		yb_buf_putc(&b, '[');
	for (size_t i = 0; i < f->nvalues; i++) {
		const yb_fact_value *v = &f->values[i];
		if (json) {
			yb_buf_puts(&b, i ? ",{\"value\":" : "{\"value\":");
			yb_json_string(&b, v->id);
			yb_buf_puts(&b, ",\"label\":");
			yb_json_string(&b, yb_text_zh(v->label));
			yb_buf_putc(&b, '}');
		} else {
			yb_buf_printf(&b, "%-*s  %s\n", (int)width, v->id, yb_text_zh(v->label));
		}
	}
	if (json)
		yb_buf_puts(&b, "]\n");
	return yb_render_finish(&b, write, ctx, err);
}
