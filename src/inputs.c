/*
 * inputs.c - a procedure's inputs as the loaded corpus states them (yibao.h: yb_procedure_inputs
 * and the functions after it): its places, the facts it asks with their flags, kinds, choices,
 * aliases and ranges. Front ends (the yibao command's options, completion, forms) read the
 * corpus's places and facts through these functions only, and this is the one file that reads
 * the corpus model for them, so that a change of the model's layout changes this file alone.
 */
#include <float.h>
#include <string.h>

#include "corpus.h"
#include "error.h"
#include "render.h"
#include "suggest.h"

/* The enum facts a front end may list: the asked ones, not the derived route. */
static const yb_fact *enum_fact(const yb_corpus *c, const char *name)
{
	const yb_fact *f = yb_corpus_fact(c, name);
	return f && f->kind == FACT_ENUM && !f->derived ? f : NULL;
}

static yb_input_kind kind_of(const yb_fact *f)
{
	switch (f->kind) {
	case FACT_ENUM: return YB_INPUT_ENUM;
	case FACT_BOOL: return YB_INPUT_BOOL;
	case FACT_NUMBER: return YB_INPUT_NUMBER;
	case FACT_DATE: return YB_INPUT_DATE;
	default: return YB_INPUT_PLACE;
	}
}

/* A waiting-period item that reads the gap in months and in years, anywhere under node. */
static const yb_wait_rule *gap_rule(const yb_corpus *c, const yb_node *node)
{
	if (!node)
		return NULL;
	for (size_t i = 0; i < node->nitems; i++) {
		const yb_item *it = YB_NTH(c, yb_item, node->items, i);
		if (it->kind == ITEM_WAIT && it->wait.gap_months && it->wait.gap_years)
			return &it->wait;
	}
	const yb_wait_rule *r = NULL;
	const yb_case *cases = YB_AT(c, yb_case, node->cases);
	for (size_t i = 0; i < node->nthen && !r; i++)
		r = gap_rule(c, YB_NTH(c, yb_node, node->then, i));
	for (size_t i = 0; i < node->ncases && !r; i++)
		r = gap_rule(c, YB_AT(c, yb_node, cases[i].body));
	return r ? r : gap_rule(c, YB_AT(c, yb_node, node->otherwise));
}

static yb_input fact_input(const yb_corpus *c, const yb_procedure *p, const yb_fact *f)
{
	yb_input in = {yb_str(c, f->id), f->flag ? yb_str(c, f->flag) : "", kind_of(f),
		       yb_text_zh(c, f->label), yb_text_zh(c, f->question), 0, NULL, NULL, 0, 0, 0,
		       NULL, 0, f->label.en ? yb_str(c, f->label.en) : NULL};
	yb_ref self = yb_ref_of(c, f);
	for (size_t i = 0; i < p->nrequires; i++)
		in.required |= yb_ref_at(c, p->requires, i) == self;
	if (f->kind == FACT_ENUM) {
		const yb_fact_value *def = YB_AT(c, yb_fact_value, f->default_value);
		const yb_fact *same = YB_AT(c, yb_fact, f->same_as);
		in.nchoices = f->nvalues;
		in.default_value = def ? yb_str(c, def->id) : NULL;
		in.follows = same ? yb_str(c, same->id) : NULL;
	} else if (f->kind == FACT_BOOL) {
		in.default_value = yb_str(c, f->default_bool);
	} else if (f->kind == FACT_NUMBER) {
		in.min = f->has_min ? f->min : -DBL_MAX;
		in.max = f->has_max ? f->max : DBL_MAX;
		/* The waiting rules read a gap given in years as twelve months each. */
		const yb_layer *layers = YB_AT(c, yb_layer, p->layers);
		for (size_t l = 0; l < p->nlayers; l++) {
			const yb_wait_rule *r = gap_rule(c, YB_AT(c, yb_node, layers[l].tree));
			if (r && r->gap_years == self) {
				in.unit_of = yb_str(c, YB_AT(c, yb_fact, r->gap_months)->id);
				in.unit_factor = 12;
				break;
			}
		}
	}
	return in;
}

size_t yb_procedure_inputs(const yb_corpus *c, const char *procedure, yb_input *out, size_t max)
{
	const yb_procedure *p = procedure ? yb_corpus_procedure(c, procedure) : NULL;
	size_t n = 0;
	if (!p)
		return 0;
	for (int pl = 0; pl < PLACE_COUNT; pl++) {
		const yb_fact *f = c->place[pl];
		if (!(p->places & (1u << pl)) || !f)
			continue;
		if (n < max) {
			out[n] = fact_input(c, p, f);
			out[n].required = !(p->optional & (1u << pl));
		}
		n++;
	}
	for (size_t i = 0; i < p->nasks; i++, n++)
		if (n < max)
			out[n] = fact_input(c, p, YB_NTH(c, yb_fact, p->asks, i));
	return n;
}

const char *yb_procedure_at(const yb_corpus *c, size_t i)
{
	return i < c->nprocedures ? yb_str(c, c->procedures[i].id) : NULL;
}

int yb_procedure_takes(const yb_corpus *c, const char *procedure, const char *name)
{
	const yb_procedure *p = yb_corpus_procedure(c, procedure);
	if (!p)
		return 0;
	if (!strcmp(name, "date"))
		return 1;
	for (int pl = 0; pl < PLACE_COUNT; pl++)
		if (!strcmp(name, yb_place_name((yb_place)pl)))
			return (p->places & (1u << pl)) != 0;
	for (size_t i = 0; i < p->nasks; i++)
		if (!strcmp(yb_str(c, YB_NTH(c, yb_fact, p->asks, i)->id), name))
			return 1;
	return 0;
}

int yb_input_choice_at(const yb_corpus *c, const char *name, size_t i, yb_input_choice *out)
{
	const yb_fact *f = enum_fact(c, name);
	if (!f || i >= f->nvalues)
		return 0;
	const yb_fact_value *v = &YB_AT(c, yb_fact_value, f->values)[i];
	*out = (yb_input_choice){yb_str(c, v->id), yb_text_zh(c, v->label), v->naliases,
				 v->label.en ? yb_str(c, v->label.en) : NULL};
	return 1;
}

const char *yb_input_alias(const yb_corpus *c, const char *name, size_t i, size_t k)
{
	const yb_fact *f = enum_fact(c, name);
	if (!f || i >= f->nvalues)
		return NULL;
	const yb_fact_value *v = &YB_AT(c, yb_fact_value, f->values)[i];
	return k < v->naliases ? yb_str(c, YB_AT(c, yb_alias, v->aliases)[k].name) : NULL;
}

/* ---- "Did you mean" ------------------------------------------------------------------------ */

/* s with ASCII letters in lower case, cut to fit out. */
static const char *folded(char *out, size_t size, const char *s)
{
	size_t i = 0;
	for (; s[i] && i + 1 < size; i++)
		out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
	out[i] = '\0';
	return out;
}

/*
 * How far `typed` (folded, `chars` characters) is from one name of a choice, in half slips: two
 * for each edit, and one when either contains the other (退休 in 退休后多缴, 根管 in 根管治疗呀),
 * which beats a slip (退保). A single character (前, an alias of before) is in too many words to
 * say anything that way.
 */
static int distance(const char *typed, size_t chars, const char *name)
{
	char buf[256];
	const char *cand = folded(buf, sizeof(buf), name);
	int d = yb_edit_distance(typed, cand);
	d = d > (1 << 20) / 2 ? 1 << 20 : 2 * d;
	if (d > 1 && ((chars >= 2 && strstr(cand, typed)) ||
		      (yb_char_count(cand) >= 2 && strstr(typed, cand))))
		d = 1;
	return d;
}

size_t yb_input_nearest(const yb_corpus *c, const char *name, const char *typed,
			const char **out, size_t max)
{
	const yb_fact *f = enum_fact(c, name);
	char buf[256];
	const char *t = folded(buf, sizeof(buf), typed);
	size_t chars = yb_char_count(t);
	if (!f || !chars)
		return 0;
	/* Room for one slip in a short word, two in a longer one; none in one character. */
	yb_suggest s;
	yb_suggest_init(&s, chars <= 1 ? 0 : chars <= 3 ? 2 : 4);
	const yb_fact_value *values = YB_AT(c, yb_fact_value, f->values);
	for (size_t i = 0; i < f->nvalues; i++) {
		const yb_fact_value *v = &values[i];
		const yb_alias *aliases = YB_AT(c, yb_alias, v->aliases);
		int best = distance(t, chars, yb_str(c, v->id));
		int d = distance(t, chars, yb_text_zh(c, v->label));
		best = d < best ? d : best;
		for (size_t k = 0; k < v->naliases; k++)
			if ((d = distance(t, chars, yb_str(c, aliases[k].name))) < best)
				best = d;
		yb_suggest_offer(&s, v, best);
	}
	/* The closest only: a second choice further off is noise beside a near one. */
	size_t n = 0;
	for (; n < s.n && n < max && s.dist[n] == s.dist[0]; n++)
		out[n] = yb_str(c, ((const yb_fact_value *)s.items[n])->id);
	return n;
}

/* ---- The list ------------------------------------------------------------------------------ */

yb_status yb_render_input_choices(const yb_corpus *c, const char *name, int json,
				  yb_write_fn write, void *ctx, yb_error *err)
{
	const yb_fact *f = enum_fact(c, name);
	yb_buf b = {0};
	size_t width = 0;
	if (!f)
		return yb_fail(err, YB_ENOTFOUND, "\"%s\" 没有取值列表", "\"%s\" has no list of values",
			       name);
	const yb_fact_value *values = YB_AT(c, yb_fact_value, f->values);
	for (size_t i = 0; i < f->nvalues; i++)
		if (strlen(yb_str(c, values[i].id)) > width)
			width = strlen(yb_str(c, values[i].id));
	if (json)
		yb_buf_putc(&b, '[');
	for (size_t i = 0; i < f->nvalues; i++) {
		const yb_fact_value *v = &values[i];
		const yb_alias *aliases = YB_AT(c, yb_alias, v->aliases);
		if (json) {
			yb_buf_puts(&b, i ? ",{\"value\":" : "{\"value\":");
			yb_json_string(&b, yb_str(c, v->id));
			yb_buf_puts(&b, ",\"label\":");
			yb_json_string(&b, yb_text_zh(c, v->label));
			yb_buf_puts(&b, ",\"aliases\":[");
			for (size_t k = 0; k < v->naliases; k++) {
				if (k)
					yb_buf_putc(&b, ',');
				yb_json_string(&b, yb_str(c, aliases[k].name));
			}
			yb_buf_puts(&b, "]}");
			continue;
		}
		yb_buf_printf(&b, "%-*s  %s", (int)width, yb_str(c, v->id), yb_text_zh(c, v->label));
		for (size_t k = 0; k < v->naliases; k++)
			yb_buf_printf(&b, "%s%s", k ? "、" : "（别名：", yb_str(c, aliases[k].name));
		yb_buf_puts(&b, v->naliases ? "）\n" : "\n");
	}
	if (json)
		yb_buf_puts(&b, "]\n");
	return yb_render_finish(&b, write, ctx, err);
}
