/*
 * answer.c - the answer as data: what the walk found (answer.h), turned into the plain values
 * and strings that the public API hands out (yibao.h, "Reading an answer") and the renderers
 * print.
 *
 * Once the walk is done this is the one place that reads corpus objects for an answer: it
 * orders the entries as they are shown, numbers the sources in that order, resolves sides,
 * channels and layers, works out due dates' text, estimates and waiting periods, and writes
 * every label a person reads (a condition, the value a decision saw). Strings point into the
 * corpus where they can, since the corpus outlives its answers, and into the answer's arena
 * where they are made here.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "answer.h"
#include "calendar.h"
#include "date.h"
#include "error.h"
#include "gazetteer.h"
#include "mem.h"
#include "render.h"

/* The public enums copy the corpus's values: a cast converts one to the other. */
_Static_assert(YB_PATH_ANY == (int)PATH_ANY && YB_PATH_ONLINE == (int)PATH_ONLINE &&
		       YB_PATH_OFFLINE == (int)PATH_OFFLINE,
	       "yb_path_kind follows yb_path");
_Static_assert(YB_CHANNEL_APP == (int)CHANNEL_APP && YB_CHANNEL_WEB == (int)CHANNEL_WEB &&
		       YB_CHANNEL_MINI_PROGRAM == (int)CHANNEL_MINI_PROGRAM &&
		       YB_CHANNEL_COUNTER == (int)CHANNEL_COUNTER &&
		       YB_CHANNEL_PHONE == (int)CHANNEL_PHONE,
	       "yb_channel_type follows yb_channel_kind");
_Static_assert(YB_SOURCE_OFFICIAL == (int)SOURCE_OFFICIAL && YB_SOURCE_SEED == (int)SOURCE_SEED &&
		       YB_SOURCE_WEB == (int)SOURCE_WEB,
	       "yb_source_type follows yb_source_kind");
_Static_assert(YB_LEVEL_NATIONAL == (int)LEVEL_NATIONAL &&
		       YB_LEVEL_PROVINCE == (int)LEVEL_PROVINCE && YB_LEVEL_CITY == (int)LEVEL_CITY,
	       "yb_layer_level follows yb_level");
_Static_assert(YB_FACT_ENUM == (int)FACT_ENUM && YB_FACT_BOOL == (int)FACT_BOOL &&
		       YB_FACT_NUMBER == (int)FACT_NUMBER && YB_FACT_DATE == (int)FACT_DATE &&
		       YB_FACT_CITY == (int)FACT_CITY && YB_FACT_PROVINCE == (int)FACT_PROVINCE,
	       "yb_fact_type follows yb_fact_kind");
_Static_assert(YB_VALUE_GIVEN == (int)ORIGIN_FLAG && YB_VALUE_DERIVED == (int)ORIGIN_GAZETTEER &&
		       YB_VALUE_DEFAULT == (int)ORIGIN_DEFAULT &&
		       YB_VALUE_ASSUMED == (int)ORIGIN_ASSUMED,
	       "yb_value_origin follows yb_origin");

static yb_zh_en tx(const yb_corpus *c, yb_text t)
{
	return (yb_zh_en){yb_str(c, t.zh), yb_str(c, t.en)};
}

/* The English of a corpus text when en and it has one, else its Chinese ("" when absent). */
static const char *text_in(const yb_corpus *c, yb_text t, bool en)
{
	return en && t.zh && t.en ? yb_str(c, t.en) : yb_text_zh(c, t);
}

/* A city's name in the language asked for: 常德市, or Changde. */
static const char *city_name(const yb_corpus *c, const yb_city *city, bool en, char out[64])
{
	return en ? yb_capitalised(yb_str(c, city->slug), out, 64) : yb_str(c, city->name);
}

/* A province's name in the language asked for: 湖南省, or Hunan. */
static const char *province_name(const yb_corpus *c, const yb_province *p, bool en, char out[64])
{
	return en ? yb_capitalised(yb_str(c, p->slug), out, 64) : yb_str(c, p->name);
}

/* ---- Labels ---------------------------------------------------------------------------------- */

/* Writes the strings up to NULL one after another into buf, cut as snprintf() cuts. Every
 * answer labels its decisions, and this is several times quicker than formatting. */
static void join(char *buf, size_t size, ...)
{
	va_list ap;
	size_t len = 0;
	va_start(ap, size);
	for (const char *s; (s = va_arg(ap, const char *));) {
		size_t n = strlen(s);
		if (n > size - 1 - len)
			n = size - 1 - len;
		memcpy(buf + len, s, n);
		len += n;
	}
	va_end(ap);
	buf[len] = '\0';
}

/* One assumption as a person reads it: 职工医保, 退休人员：是, 费用（元）：0～500; in English
 * Employee medical insurance, Retired: yes, Cost (yuan): 0–500. */
void yb_assumption_label(const yb_answer *a, const yb_assumption *as, bool en, char *buf,
			 size_t size)
{
	const yb_corpus *c = a->corpus;
	const yb_fact *f = as->fact;
	const char *label = text_in(c, f->label, en), *colon = YB_LANG(en, "：", ": ");
	if (f->kind == FACT_ENUM) {
		join(buf, size, text_in(c, YB_AT(c, yb_fact_value, f->values)[as->choice].label, en),
		     NULL);
	} else if (f->kind == FACT_BOOL) {
		join(buf, size, label, colon,
		     as->choice ? YB_LANG(en, "否", "no") : YB_LANG(en, "是", "yes"), NULL);
	} else if (as->choice == (int)as->node->ncases) {
		join(buf, size, label, colon, YB_LANG(en, "其他", "other"), NULL);
	} else if (f->kind == FACT_CITY || f->kind == FACT_PROVINCE) {
		const yb_case *cs = &YB_AT(c, yb_case, as->node->cases)[as->choice];
		const char *name = yb_str(c, yb_ref_at(c, cs->values, 0));
		const yb_province *prov = yb_corpus_province(c, name);
		char english[64];
		if (prov)
			name = province_name(c, prov, en, english);
		for (size_t i = 0; !prov && i < c->ncities; i++)
			if (!strcmp(yb_str(c, c->cities[i].adcode), name))
				name = city_name(c, &c->cities[i], en, english);
		join(buf, size, label, colon, name, cs->nvalues > 1 ? YB_LANG(en, "等", " etc.") : "",
		     NULL);
	} else {
		const yb_case *cs = &YB_AT(c, yb_case, as->node->cases)[as->choice];
		char lo[16] = "", hi[16] = "";
		if (f->kind == FACT_DATE) {
			if (cs->has_min)
				yb_date_format((int)cs->min, lo);
			if (cs->has_max)
				yb_date_format((int)cs->max, hi);
		} else {
			if (cs->has_min)
				snprintf(lo, sizeof(lo), "%g", cs->min);
			if (cs->has_max)
				snprintf(hi, sizeof(hi), "%g", cs->max);
		}
		join(buf, size, label, colon, lo, YB_LANG(en, "～", "–"), hi, NULL);
	}
}

void yb_world_label(const yb_answer *a, size_t k, bool en, char *buf, size_t size)
{
	const yb_world *w = &a->worlds[k];
	buf[0] = '\0';
	for (size_t i = 0; i < w->n; i++) {
		size_t len = strlen(buf);
		if (len)
			snprintf(buf + len, size - len, "%s", YB_LANG(en, "，", ", "));
		len = strlen(buf);
		yb_assumption_label(a, &w->a[i], en, buf + len, size - len);
	}
}

/* The assumption world k makes about fact f, or NULL. */
static const yb_assumption *assumed(const yb_answer *a, size_t k, const yb_fact *f)
{
	for (size_t i = 0; i < a->worlds[k].n; i++)
		if (a->worlds[k].a[i].fact == f)
			return &a->worlds[k].a[i];
	return NULL;
}

static bool same_assumption(const yb_assumption *x, const yb_assumption *y)
{
	if (!x || !y)
		return x == y;
	return x->choice == y->choice && x->node == y->node;
}

/*
 * The condition an item holds under. When one fact alone decides whether the item is in a
 * world (the usual case: the insurance type, whatever the reason), only that fact's values are
 * named (〔职工医保 / 灵活就业人员参加职工医保〕); otherwise each world is named in full.
 */
void yb_condition_label(const yb_answer *a, uint64_t worlds, bool en, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t k = 0; k < a->nworlds; k++) {
		for (size_t i = 0; i < a->worlds[k].n; i++) {
			const yb_fact *f = a->worlds[k].a[i].fact;
			bool decides = true;
			for (size_t x = 0; x < a->nworlds && decides; x++) {
				const yb_assumption *ax = assumed(a, x, f);
				bool in = (worlds >> x) & 1;
				/* Every alternative must have a value for f: otherwise naming f alone
				 * would read as "any value of the other facts". */
				if (!ax)
					decides = false;
				for (size_t y = x + 1; y < a->nworlds && decides; y++)
					if (same_assumption(ax, assumed(a, y, f)) &&
					    in != (bool)((worlds >> y) & 1))
						decides = false;
			}
			if (!decides)
				continue;
			/* Name each member world's value of f once, in world order. */
			for (size_t x = 0; x < a->nworlds; x++) {
				if (!((worlds >> x) & 1))
					continue;
				bool seen = false;
				for (size_t y = 0; y < x && !seen; y++)
					seen = ((worlds >> y) & 1) &&
					       same_assumption(assumed(a, y, f), assumed(a, x, f));
				if (seen)
					continue;
				size_t len = strlen(buf);
				if (len)
					snprintf(buf + len, size - len, " / ");
				len = strlen(buf);
				yb_assumption_label(a, assumed(a, x, f), en, buf + len, size - len);
			}
			return;
		}
	}
	for (size_t x = 0; x < a->nworlds; x++) {
		if (!((worlds >> x) & 1))
			continue;
		size_t len = strlen(buf);
		if (len)
			snprintf(buf + len, size - len, " / ");
		len = strlen(buf);
		yb_world_label(a, x, en, buf + len, size - len);
	}
}

static const yb_given *given_fact(const yb_answer *a, const yb_fact *f)
{
	for (size_t i = 0; f && i < a->ngiven; i++)
		if (a->given[i].fact == f)
			return &a->given[i];
	return NULL;
}

/* A known value as a person reads it, with where it came from when that is not the user. */
static void value_of(const yb_answer *a, const yb_fact *f, bool en, char *buf, size_t size)
{
	const yb_corpus *c = a->corpus;
	const yb_given *g = given_fact(a, f);
	const yb_city *place = f->place < PLACE_COUNT ? a->place[f->place] : NULL;
	char n1[64], n2[64], n3[64], n4[64];
	buf[0] = '\0';
	if (!g && f->same_as) {
		/* Not given, it is the value of the fact it follows (--to-type follows --type). */
		const yb_fact *same = YB_AT(c, yb_fact, f->same_as);
		char value[256];
		value_of(a, same, en, value, sizeof(value));
		if (*value)
			join(buf, size, value, YB_LANG(en, "（同", " (same as "), text_in(c, same->label, en),
			     YB_LANG(en, "）", ")"), NULL);
		return;
	}
	if (f == c->route && a->route) {
		const yb_city *from = a->place[PLACE_FROM], *to = a->place[PLACE_TO];
		const yb_province *from_prov = YB_AT(c, yb_province, from->province),
				  *to_prov = YB_AT(c, yb_province, to->province);
		join(buf, size, text_in(c, a->route->label, en),
		     YB_LANG(en, "（由城市推出：", " (from the cities: "), city_name(c, from, en, n1),
		     YB_LANG(en, "属", " is in "), province_name(c, from_prov, en, n2),
		     YB_LANG(en, "，", ", "), city_name(c, to, en, n3), YB_LANG(en, "属", " is in "),
		     province_name(c, to_prov, en, n4), YB_LANG(en, "）", ")"), NULL);
	} else if (f->kind == FACT_CITY && place) {
		join(buf, size, city_name(c, place, en, n1), YB_LANG(en, "（", " ("),
		     yb_str(c, place->adcode), YB_LANG(en, "）", ")"), NULL);
	} else if (f->kind == FACT_PROVINCE && place) {
		const yb_province *prov = YB_AT(c, yb_province, place->province);
		join(buf, size, province_name(c, prov, en, n1), YB_LANG(en, "（由 ", " (from "),
		     city_name(c, place, en, n2), YB_LANG(en, " 推出）", ")"), NULL);
	} else if (g && g->enum_value) {
		join(buf, size, text_in(c, g->enum_value->label, en),
		     g->by_default ? YB_LANG(en, "（未指定，按默认）", " (not given: the default)") : "",
		     NULL);
	} else if (g && f->kind == FACT_BOOL) {
		join(buf, size,
		     strcmp(g->value, "true") == 0 ? YB_LANG(en, "是", "yes") : YB_LANG(en, "否", "no"),
		     NULL);
	} else if (g) {
		join(buf, size, g->value, NULL);
	}
}

/* What a trace step tested, as a person reads it: 省内跨市（由城市推出…）, or for a fact not
 * given, its value in each alternative the step holds in. */
static void trace_value(const yb_answer *a, const yb_trace_step *t, bool en, char *buf,
			size_t size)
{
	const yb_fact *f = YB_AT(a->corpus, yb_fact, t->node->test);
	if (t->origin != ORIGIN_ASSUMED) {
		value_of(a, f, en, buf, size);
		return;
	}
	buf[0] = '\0';
	for (size_t k = 0; k < a->nworlds; k++) {
		if (!((t->worlds >> k) & 1))
			continue;
		const yb_world *w = &a->worlds[k];
		for (size_t i = 0; i < w->n; i++) {
			if (w->a[i].fact != f)
				continue;
			char label[128];
			yb_assumption_label(a, &w->a[i], en, label, sizeof(label));
			if (!strstr(buf, label)) {
				size_t len = strlen(buf);
				snprintf(buf + len, size - len, "%s%s", len ? " / " : "", label);
			}
		}
	}
	size_t len = strlen(buf);
	snprintf(buf + len, size - len, "%s",
		 YB_LANG(en, "（未给出，分情况作答）", " (not given: answered for each case)"));
}

/* ---- Estimates and waits --------------------------------------------------------------------- */

static void estimate_for(const yb_answer *a, const yb_item *it, yb_estimate_info *e)
{
	const yb_fact *of = YB_AT(a->corpus, yb_fact, it->of);
	memset(e, 0, sizeof(*e));
	e->of = yb_str(a->corpus, of->id);
	e->of_flag = yb_str(a->corpus, of->flag);
	e->deductible = it->deductible;
	e->ratio = it->ratio;
	const yb_given *g = given_fact(a, of);
	if (!g)
		return;
	e->known = 1;
	e->cost = g->number;
	e->paid = e->cost > it->deductible ? (e->cost - it->deductible) * it->ratio : 0;
	/* Money: round to the fen, so 0.7 x 1000 prints as 700, not 699.9999. */
	e->paid = (double)(long long)(e->paid * 100 + 0.5) / 100;
}

/* Works out w for the answer's gap; returns the day benefits start (YYYYMMDD), 0 without a gap.
 * w->start is left for the caller to write. */
static int wait_for(const yb_answer *a, const yb_item *it, yb_wait_info *w)
{
	const yb_corpus *c = a->corpus;
	const yb_wait_rule *r = &it->wait;
	const yb_fact *gap_months = YB_AT(c, yb_fact, r->gap_months),
		      *gap_years = YB_AT(c, yb_fact, r->gap_years);
	const yb_given *months = given_fact(a, gap_months), *years = given_fact(a, gap_years),
		       *paid = given_fact(a, YB_AT(c, yb_fact, r->back_paid));
	memset(w, 0, sizeof(*w));
	w->grace = r->grace_months || r->max_months;
	w->grace_months = r->grace_months;
	w->max_months = r->max_months;
	w->fixed_months = r->fixed_months;
	w->per_gap_year = r->per_gap_year;
	w->back_pay_credit = r->back_pay_credit;
	w->floor_gap_years = r->floor_gap_years;
	w->floor_months = r->floor_months;
	w->gap_months_flag = gap_months ? yb_str(c, gap_months->flag) : NULL;
	w->gap_years_flag = gap_years ? yb_str(c, gap_years->flag) : NULL;
	if (!months && !years)
		return 0;
	w->known = 1;
	w->gap_months = months ? months->number : years->number * 12;
	w->gap_years = (int)((w->gap_months + 11.999) / 12);
	if (w->grace) {
		w->within_grace = w->gap_months <= r->grace_months;
		w->months = w->within_grace ? 0 : r->max_months;
		/* Within the grace, benefits run from the month of payment. */
		return w->within_grace ? a->date / 100 * 100 + 1
				       : yb_date_add_months(a->date, w->months);
	}
	w->back_paid_years = paid ? (int)paid->number : 0;
	w->extra_years = w->gap_years > 1 ? w->gap_years - 1 : 0;
	w->added_months = w->extra_years * r->per_gap_year;
	w->credit_months = w->back_paid_years * r->back_pay_credit;
	w->variable_months = w->added_months - w->credit_months;
	if (w->variable_months < 0)
		w->variable_months = 0;
	w->counted_months = r->fixed_months + w->variable_months;
	w->months = w->counted_months;
	if (r->floor_gap_years && w->gap_years >= r->floor_gap_years && w->months < r->floor_months) {
		w->months = r->floor_months;
		w->floored = 1;
	}
	return yb_date_add_months(a->date, w->months);
}

int yb_wait_start(const yb_answer *a, const yb_item *it)
{
	yb_wait_info w;
	return wait_for(a, it, &w);
}

/* ---- Building the answer's data -------------------------------------------------------------- */

/*
 * Buckets, in the order the entry lists hold them: a list's entries are contiguous, and steps
 * and materials are split by path (both paths, online, offline) in a stable order.
 */
enum {
	B_VERDICT,
	B_ESTIMATE,
	B_WAIT,
	B_STEP,      /* + path */
	B_MATERIAL = B_STEP + 3,
	B_DEADLINE = B_MATERIAL + 3,
	B_PRECONDITION,
	B_WARNING,
	B_INFO,
	NBUCKETS
};

/* The first bucket of each list, YB_LIST_VERDICTS to YB_LIST_NOTES, and the end. */
static const int list_bucket[YB_ENTRY_LISTS + 1] = {B_VERDICT,  B_ESTIMATE, B_WAIT,	B_STEP,
						    B_MATERIAL, B_DEADLINE, B_PRECONDITION, NBUCKETS};

/* The order a reader meets the buckets in, which numbers the sources: preconditions come
 * before the steps. */
static const int reading_order[NBUCKETS] = {
	B_VERDICT,	  B_ESTIMATE,	  B_WAIT,	  B_PRECONDITION, B_STEP,    B_STEP + 1,
	B_STEP + 2,	  B_MATERIAL,	  B_MATERIAL + 1, B_MATERIAL + 2, B_DEADLINE, B_WARNING,
	B_INFO};

static int bucket_of(const yb_item *it)
{
	switch (it->kind) {
	case ITEM_VERDICT: return B_VERDICT;
	case ITEM_ESTIMATE: return B_ESTIMATE;
	case ITEM_WAIT: return B_WAIT;
	case ITEM_STEP: return B_STEP + (int)it->path;
	case ITEM_MATERIAL: return B_MATERIAL + (int)it->path;
	case ITEM_DEADLINE: return B_DEADLINE;
	case ITEM_NOTE:
		return it->note_kind == NOTE_PRECONDITION ? B_PRECONDITION
		       : it->note_kind == NOTE_WARNING	  ? B_WARNING
							  : B_INFO;
	default: return -1;
	}
}

static yb_entry_kind entry_kind(const yb_item *it)
{
	switch (it->kind) {
	case ITEM_VERDICT: return YB_ENTRY_VERDICT;
	case ITEM_ESTIMATE: return YB_ENTRY_ESTIMATE;
	case ITEM_WAIT: return YB_ENTRY_WAIT;
	case ITEM_STEP: return YB_ENTRY_STEP;
	case ITEM_MATERIAL: return YB_ENTRY_MATERIAL;
	case ITEM_DEADLINE: return YB_ENTRY_DEADLINE;
	default:
		return it->note_kind == NOTE_PRECONDITION ? YB_ENTRY_PRECONDITION
		       : it->note_kind == NOTE_WARNING	  ? YB_ENTRY_WARNING
							  : YB_ENTRY_INFO;
	}
}

/* Where each kind of entry part comes from: one arena block per kind for the whole answer,
 * handed out in turn, rather than one allocation per entry. */
typedef struct {
	const yb_source_info **refs;
	yb_channel_info *channels;
	yb_deadline_info *deadlines;
	yb_verdict_info *verdicts;
	yb_estimate_info *estimates;
	yb_wait_info *waits;
} parts;

typedef struct {
	yb_answer *a;
	yb_answer_data *d;
	void *scratch;                /* one block for the arrays below */
	const yb_answer_item **shown; /* the items in list order (the entries' order) */
	size_t *entry_of;             /* a->items index -> entry index */
	const yb_source **cited;      /* the sources in reading order: d->sources[i] is cited[i] */
	size_t *first_ref;            /* entry i's citations (its own, then its deadline's) are … */
	size_t *cite_of;              /* … cite_of[first_ref[i]] …: indices in cited */
	parts next;
	/* The last condition label made: entries come in runs under the same condition. */
	uint64_t label_worlds;
	yb_zh_en label;
	/* The layers named so far, with their English names: an answer has a handful. */
	struct {
		const yb_layer *layer;
		const char *en;
	} layers[8];
	size_t nlayers;
} builder;

static const char *date_text(yb_arena *arena, int date)
{
	char *text = date ? yb_arena_alloc(arena, 11) : NULL;
	if (text)
		yb_date_format(date, text);
	return text;
}

static uint64_t all_worlds(const yb_answer *a)
{
	return a->nworlds >= 64 ? ~0ull : (1ull << a->nworlds) - 1;
}

/* The public face of a world mask: 0 when it holds in all of them. */
static unsigned long long alternatives_of(const yb_answer *a, uint64_t worlds)
{
	uint64_t all = all_worlds(a);
	return (worlds & all) == all ? 0 : (unsigned long long)(worlds & all);
}

/* The condition label for a mask that is not every world, written in a buffer of `size`
 * bytes: entries' labels have always had 1024, decisions' 512. Entries come in runs under the
 * same condition, so the last entry label is kept. */
static int condition(builder *b, uint64_t worlds, size_t size, yb_zh_en *out)
{
	char label[1024];
	bool entry = size == sizeof(label);
	if (!alternatives_of(b->a, worlds))
		return 0;
	if (entry && b->label.zh && b->label_worlds == worlds) {
		*out = b->label;
		return 0;
	}
	yb_condition_label(b->a, worlds, false, label, size);
	out->zh = yb_arena_strdup(&b->a->arena, label);
	yb_condition_label(b->a, worlds, true, label, size);
	out->en = yb_arena_strdup(&b->a->arena, label);
	if (!out->zh || !out->en)
		return -1;
	if (entry) {
		b->label = *out;
		b->label_worlds = worlds;
	}
	return 0;
}

/* The English name of a layer's area: its gazetteer slug, capitalised (Hunan, Changsha). */
static const char *area_in_english(builder *b, const yb_layer *ly)
{
	const yb_corpus *c = b->a->corpus;
	const char *area = yb_str(c, ly->area), *slug = NULL;
	char name[64];
	for (size_t i = 0; i < b->nlayers; i++)
		if (b->layers[i].layer == ly)
			return b->layers[i].en;
	if (ly->level == LEVEL_PROVINCE) {
		const yb_province *p = yb_corpus_province(c, area);
		slug = p ? yb_str(c, p->slug) : NULL;
	} else {
		yb_error scratch;
		const yb_city *city = yb_gazetteer_find(c, area, &scratch);
		slug = city ? yb_str(c, city->slug) : NULL;
	}
	/* An area the gazetteer does not know (lint refuses one) keeps its Chinese name. */
	const char *en = yb_arena_strdup(&b->a->arena,
					 slug ? yb_capitalised(slug, name, sizeof(name)) : yb_str(c, ly->area_name));
	if (en && b->nlayers < sizeof(b->layers) / sizeof(b->layers[0])) {
		b->layers[b->nlayers].layer = ly;
		b->layers[b->nlayers++].en = en;
	}
	return en;
}

/* The rules a layer stands for: its level, its area's code and name (全国, national). */
static int layer_info(builder *b, const yb_layer *ly, yb_layer_info *out)
{
	const yb_corpus *c = b->a->corpus;
	out->level = (yb_layer_level)ly->level;
	out->adcode = yb_str(c, ly->area);
	if (ly->level == LEVEL_NATIONAL) {
		out->name = (yb_zh_en){"全国", "national"};
		return 0;
	}
	out->name = (yb_zh_en){yb_str(c, ly->area_name), area_in_english(b, ly)};
	return out->name.en ? 0 : -1;
}

/* Notes the citations of the sources refs[0..n) at cite_of, each as the source's index in
 * b->cited, which gets the sources not cited before. The sources of one answer are few: a
 * linear search beats hashing them. */
static void cite(builder *b, yb_ref refs, size_t n, size_t *cite_of)
{
	for (size_t i = 0; i < n; i++) {
		const yb_source *s = YB_NTH(b->a->corpus, yb_source, refs, i);
		size_t k = 0;
		while (k < b->d->nsources && b->cited[k] != s)
			k++;
		if (k == b->d->nsources)
			b->cited[b->d->nsources++] = s;
		cite_of[i] = k;
	}
}

/* The next n citations, resolved by build_entries() in the entries' order. */
static const yb_source_info *const *source_refs(builder *b, size_t n)
{
	const yb_source_info **refs = b->next.refs;
	b->next.refs += n;
	return n ? refs : NULL;
}

static int fill_deadline(builder *b, const yb_answer_item *ai, yb_entry *e)
{
	const yb_corpus *c = b->a->corpus;
	const yb_deadline *src = &ai->item->deadline;
	yb_deadline_info *d = b->next.deadlines++;
	d->working_days = src->working_days;
	d->days = src->days;
	d->months = src->months;
	d->from = tx(c, src->from);
	d->text = tx(c, src->text);
	if (ai->due && !(d->due = date_text(&b->a->arena, ai->due)))
		return -1;
	/* d->after is set once every entry exists. */
	d->sources = source_refs(b, src->nsources);
	d->nsources = src->nsources;
	e->deadline = d;
	return 0;
}

static int fill_kind(builder *b, const yb_answer_item *ai, yb_entry *e)
{
	const yb_corpus *c = b->a->corpus;
	const yb_item *it = ai->item;
	switch (it->kind) {
	case ITEM_VERDICT: {
		yb_verdict_info *v = b->next.verdicts++;
		v->key = yb_str(c, it->verdict_key);
		v->value = yb_str(c, it->verdict_value);
		e->verdict = v;
		return 0;
	}
	case ITEM_ESTIMATE:
		estimate_for(b->a, it, b->next.estimates);
		e->estimate = b->next.estimates++;
		return 0;
	case ITEM_WAIT: {
		yb_wait_info *w = b->next.waits++;
		int start = wait_for(b->a, it, w);
		if (start && !(w->start = date_text(&b->a->arena, start)))
			return -1;
		e->wait = w;
		return 0;
	}
	case ITEM_STEP:
		if (it->nchannels) {
			yb_channel_info *ch = b->next.channels;
			const yb_text *paths = YB_AT(c, yb_text, it->channel_paths);
			for (size_t k = 0; k < it->nchannels; k++) {
				const yb_channel *chan = YB_NTH(c, yb_channel, it->channels, k);
				ch[k].id = yb_str(c, chan->id);
				ch[k].name = tx(c, chan->name);
				ch[k].kind = (yb_channel_type)chan->kind;
				ch[k].where = tx(c, paths[k].zh ? paths[k] : chan->path);
			}
			b->next.channels += it->nchannels;
			e->channels = ch;
			e->nchannels = it->nchannels;
		}
		return it->deadline.present ? fill_deadline(b, ai, e) : 0;
	case ITEM_DEADLINE: return fill_deadline(b, ai, e);
	case ITEM_MATERIAL: {
		const yb_material *m = YB_AT(c, yb_material, it->material);
		e->title = tx(c, m->name);
		e->issued_by = tx(c, m->issued_by);
		return 0;
	}
	default: return 0;
	}
}

static int fill_entry(builder *b, const yb_answer_item *ai, yb_entry_slot *slot)
{
	const yb_corpus *c = b->a->corpus;
	const yb_item *it = ai->item;
	const yb_procedure *p = b->a->proc;
	yb_entry *e = &slot->e;

	slot->key[0] = it;
	slot->key[1] = ai->layer;
	e->kind = entry_kind(it);
	e->id = yb_str(c, it->id);
	e->title = tx(c, it->title);
	e->text = tx(c, it->text);
	e->side = it->side >= 0 && (size_t)it->side < p->nsides ? &b->d->sides[it->side] : NULL;
	e->either_side = it->side == YB_SIDE_EITHER;
	e->path = (yb_path_kind)it->path;
	e->sources = source_refs(b, it->nsources);
	e->nsources = it->nsources;
	e->rule = yb_str(c, it->pos.file);
	e->line = it->pos.line;
	e->unconfirmed = it->unconfirmed;
	e->alternatives = alternatives_of(b->a, ai->worlds);
	e->in_force_from = date_text(&b->a->arena, it->in_force_from);
	e->in_force_until = date_text(&b->a->arena, it->in_force_until);
	if ((it->in_force_from && !e->in_force_from) || (it->in_force_until && !e->in_force_until) ||
	    layer_info(b, ai->layer, &e->layer) || condition(b, ai->worlds, 1024, &e->condition) ||
	    fill_kind(b, ai, e))
		return -1;
	return 0;
}

/* n objects of `size` bytes from the arena; NULL for none. Sets *failed when out of memory. */
static void *block(yb_arena *arena, size_t n, size_t size, bool *failed)
{
	void *p = n ? yb_arena_alloc(arena, n * size) : NULL;
	if (n && !p)
		*failed = true;
	return p;
}

/* Room for every part the shown items need. */
static int make_parts(builder *b, size_t n)
{
	size_t refs = b->first_ref[n], channels = 0, deadlines = 0, count[B_WAIT + 1] = {0};
	for (size_t i = 0; i < n; i++) {
		const yb_item *it = b->shown[i]->item;
		if (it->kind == ITEM_STEP)
			channels += it->nchannels;
		if ((it->kind == ITEM_STEP && it->deadline.present) || it->kind == ITEM_DEADLINE)
			deadlines++;
		if (it->kind == ITEM_VERDICT || it->kind == ITEM_ESTIMATE || it->kind == ITEM_WAIT)
			count[bucket_of(it)]++;
	}
	yb_arena *arena = &b->a->arena;
	bool failed = false;
	b->next.refs = block(arena, refs, sizeof(*b->next.refs), &failed);
	b->next.channels = block(arena, channels, sizeof(*b->next.channels), &failed);
	b->next.deadlines = block(arena, deadlines, sizeof(*b->next.deadlines), &failed);
	b->next.verdicts = block(arena, count[B_VERDICT], sizeof(*b->next.verdicts), &failed);
	b->next.estimates = block(arena, count[B_ESTIMATE], sizeof(*b->next.estimates), &failed);
	b->next.waits = block(arena, count[B_WAIT], sizeof(*b->next.waits), &failed);
	return failed ? -1 : 0;
}

/* Orders the items into the entry lists, numbers the sources, and fills every entry. */
static int build_entries(builder *b)
{
	yb_answer *a = b->a;
	yb_answer_data *d = b->d;
	size_t count[NBUCKETS + 1] = {0}, at[NBUCKETS + 1], nrefs = 0;

	for (size_t i = 0; i < a->nitems; i++) {
		int k = bucket_of(a->items[i].item);
		if (k >= 0)
			count[k + 1]++;
		nrefs += a->items[i].item->nsources + a->items[i].item->deadline.nsources;
	}
	at[0] = 0;
	for (int k = 1; k <= NBUCKETS; k++)
		at[k] = at[k - 1] + count[k];
	for (int l = 0; l <= YB_ENTRY_LISTS; l++)
		d->list_start[l] = at[list_bucket[l]];
	size_t n = at[NBUCKETS];

	b->scratch = yb_malloc(sizeof(*b->shown) * (n + 1) + sizeof(*b->cited) * (nrefs + 1) +
			       sizeof(size_t) * (a->nitems + 1 + n + 1 + nrefs + 1));
	d->entries = n ? yb_arena_alloc(&a->arena, n * sizeof(*d->entries)) : NULL;
	if (!b->scratch || (n && !d->entries))
		return -1;
	b->shown = b->scratch;
	b->cited = (const yb_source **)(b->shown + n + 1);
	b->entry_of = (size_t *)(b->cited + nrefs + 1);
	b->first_ref = b->entry_of + a->nitems + 1;
	b->cite_of = b->first_ref + n + 1;
	/* A stable counting sort by bucket. */
	for (size_t i = 0; i < a->nitems; i++) {
		int k = bucket_of(a->items[i].item);
		if (k < 0)
			continue;
		b->entry_of[i] = at[k];
		b->shown[at[k]++] = &a->items[i];
	}

	/* Sources: numbered in the order a reader meets them. */
	b->first_ref[0] = 0;
	for (size_t i = 0; i < n; i++)
		b->first_ref[i + 1] = b->first_ref[i] + b->shown[i]->item->nsources +
				      b->shown[i]->item->deadline.nsources;
	for (int r = 0; r < NBUCKETS; r++) {
		int k = reading_order[r];
		size_t start = k ? at[k - 1] : 0; /* at[k] has moved to the bucket's end */
		for (size_t i = start; i < at[k]; i++) {
			const yb_item *it = b->shown[i]->item;
			size_t *at_ref = b->cite_of + b->first_ref[i];
			cite(b, it->sources, it->nsources, at_ref);
			cite(b, it->deadline.sources, it->deadline.nsources, at_ref + it->nsources);
		}
	}
	if ((d->nsources &&
	     !(d->sources = yb_arena_alloc(&a->arena, d->nsources * sizeof(*d->sources)))) ||
	    make_parts(b, n))
		return -1;
	for (size_t i = 0; i < d->nsources; i++) {
		yb_source_fill(a->corpus, &d->sources[i].s, b->cited[i], i + 1);
		d->sources[i].key = b->cited[i];
	}
	for (size_t k = 0; k < b->first_ref[n]; k++)
		b->next.refs[k] = &d->sources[b->cite_of[k]].s;

	for (size_t i = 0; i < n; i++)
		if (fill_entry(b, b->shown[i], &d->entries[i]))
			return -1;
	/* Due dates that count from another step's. */
	for (size_t i = 0; i < n; i++) {
		const yb_answer_item *ai = b->shown[i];
		yb_deadline_info *dl = (yb_deadline_info *)d->entries[i].e.deadline;
		if (dl && ai->after >= 0)
			dl->after = &d->entries[b->entry_of[ai->after]].e;
	}
	return 0;
}

/* The verdict as a script reads it: the one value, or "depends" when the alternatives differ
 * or some alternative has none. */
static void verdict_summary(const yb_answer *a, yb_summary *s)
{
	const yb_corpus *c = a->corpus;
	uint64_t covered = 0;
	for (size_t i = 0; i < a->nitems; i++) {
		const yb_item *it = a->items[i].item;
		if (it->kind != ITEM_VERDICT)
			continue;
		if (!s->verdict) {
			s->verdict = yb_str(c, it->verdict_key);
			s->verdict_value = yb_str(c, it->verdict_value);
		} else if (strcmp(s->verdict_value, yb_str(c, it->verdict_value)) != 0) {
			s->verdict_value = "depends";
		}
		covered |= a->items[i].worlds;
	}
	if (s->verdict && alternatives_of(a, covered))
		s->verdict_value = "depends";
}

/* A place as the answer names it: 常德市（湖南省）, or Changde (Hunan). */
static void place_text(const yb_city_info *p, bool en, char *buf, size_t size)
{
	char city[64], province[64];
	if (en)
		join(buf, size, yb_capitalised(p->slug, city, sizeof(city)), " (",
		     yb_capitalised(p->province_slug, province, sizeof(province)), ")", NULL);
	else
		join(buf, size, p->name, "（", p->province, "）", NULL);
}

/* That the corpus knows nothing of the places' own, as a sentence in the arena; NULL when out
 * of memory. */
static const char *no_local(yb_answer *a, const yb_summary *s, bool en)
{
	char one[160], two[160] = "", text[512];
	place_text(s->city ? s->city : s->from, en, one, sizeof(one));
	if (!s->city && strcmp(s->route, "intra-city") != 0)
		place_text(s->to, en, two, sizeof(two));
	if (en)
		join(text, sizeof(text), "Nothing in the rules is specific to ", one,
		     *two ? " or " : "", two,
		     ": below is what applies nationwide, and the local medical-insurance office has "
		     "the last word on local requirements",
		     NULL);
	else
		join(text, sizeof(text), one, *two ? "和" : "", two,
		     "自己的规定和办理渠道本库没有收录，下面是全国通用的做法；当地的具体要求以当地医保"
		     "部门为准",
		     NULL);
	return yb_arena_strdup(&a->arena, text);
}

static int build_summary(builder *b)
{
	yb_answer *a = b->a;
	yb_answer_data *d = b->d;
	yb_summary *s = &d->summary;
	const yb_corpus *c = a->corpus;
	const yb_procedure *p = a->proc;

	s->procedure = yb_str(c, p->id);
	s->title = tx(c, p->title);
	yb_date_format(a->date, d->date);
	s->date = d->date;
	s->date_given = a->date_given;
	s->corpus_version = c->version;
	s->corpus_date = c->date;
	const yb_city_info **slot[PLACE_COUNT] = {&s->from, &s->to, &s->city};
	for (int pl = 0; pl < PLACE_COUNT; pl++)
		if (a->place[pl]) {
			yb_city_fill(c, &d->places[pl], a->place[pl]);
			*slot[pl] = &d->places[pl];
		}
	if (a->route) {
		s->route = yb_str(c, a->route->id);
		s->route_label = tx(c, a->route->label);
	}
	for (size_t i = 0; i < p->nsides && i < YB_MAX_SIDES; i++) {
		d->sides[i].id = yb_str(c, p->sides[i].id);
		d->sides[i].label = tx(c, p->sides[i].label);
		d->sides[i].city = a->place[p->sides[i].place] ? &d->places[p->sides[i].place] : NULL;
	}
	verdict_summary(a, s);
	int due = 0;
	for (size_t i = 0; i < a->nitems; i++)
		if (a->items[i].due > due)
			due = a->items[i].due;
	if (due && !(s->due = date_text(&a->arena, due)))
		return -1;
	/* Where the corpus has nothing of the places' own, the answer says so rather than let the
	 * national rules pass for everything there is to know. */
	for (size_t i = 0; i < a->nitems; i++)
		s->local += a->items[i].layer->level != LEVEL_NATIONAL;
	if (!s->local && (s->city || (s->from && s->to)) &&
	    (!(s->no_local.zh = no_local(a, s, false)) || !(s->no_local.en = no_local(a, s, true))))
		return -1;
	s->uncovered_year = a->uncovered_year;
	if (a->uncovered_year) {
		char text[160];
		snprintf(text, sizeof(text), "规则库未收录 %d 年的节假日安排，该年的到期日只按周末推算",
			 a->uncovered_year);
		s->caveat.zh = yb_arena_strdup(&a->arena, text);
		snprintf(text, sizeof(text),
			 "The rules have no holiday calendar for %d, so due dates in that year skip "
			 "weekends only",
			 a->uncovered_year);
		s->caveat.en = yb_arena_strdup(&a->arena, text);
		if (!s->caveat.zh || !s->caveat.en)
			return -1;
	}
	return 0;
}

static int build_facts(builder *b)
{
	yb_answer *a = b->a;
	yb_answer_data *d = b->d;
	const yb_corpus *c = a->corpus;
	bool failed = false;
	d->facts = block(&a->arena, d->nfacts = a->ngiven, sizeof(*d->facts), &failed);
	for (size_t i = 0; i < a->ngiven && !failed; i++) {
		const yb_given *g = &a->given[i];
		yb_given_fact *f = &d->facts[i];
		f->fact = yb_str(c, g->fact->id);
		f->flag = yb_str(c, g->fact->flag);
		f->kind = (yb_fact_type)g->fact->kind;
		f->label = tx(c, g->fact->label);
		f->value = g->value;
		if (g->enum_value)
			f->value_label = (yb_zh_en){yb_text_zh(c, g->enum_value->label),
						    yb_str(c, g->enum_value->label.en)};
		else if (g->fact->kind == FACT_BOOL)
			f->value_label = strcmp(g->value, "true") == 0 ? (yb_zh_en){"是", "yes"}
								       : (yb_zh_en){"否", "no"};
		f->typed = g->typed;
		f->note = tx(c, g->note);
		f->by_default = g->by_default;
	}
	return failed ? -1 : 0;
}

static int build_questions(builder *b)
{
	static const yb_question_choice yes_no[] = {{"yes", {"是", "yes"}}, {"no", {"否", "no"}}};
	yb_answer *a = b->a;
	yb_answer_data *d = b->d;
	const yb_corpus *c = a->corpus;
	bool failed = false;
	d->questions = block(&a->arena, d->nquestions = a->nquestions, sizeof(*d->questions),
			     &failed);
	for (size_t i = 0; i < a->nquestions && !failed; i++) {
		const yb_fact *f = a->questions[i];
		yb_question *q = &d->questions[i];
		q->fact = yb_str(c, f->id);
		q->flag = yb_str(c, f->flag);
		q->kind = (yb_fact_type)f->kind;
		q->label = tx(c, f->label);
		q->question = tx(c, f->question);
		if (f->kind == FACT_BOOL) {
			q->choices = yes_no;
			q->nchoices = 2;
		} else if (f->nvalues) {
			const yb_fact_value *values = YB_AT(c, yb_fact_value, f->values);
			yb_question_choice *ch = block(&a->arena, f->nvalues, sizeof(*ch), &failed);
			for (size_t k = 0; k < f->nvalues && ch; k++) {
				ch[k].value = yb_str(c, values[k].id);
				ch[k].label = tx(c, values[k].label);
			}
			q->choices = ch;
			q->nchoices = f->nvalues;
		}
	}
	return failed ? -1 : 0;
}

static const char *assumed_value(yb_answer *a, const yb_assumption *as)
{
	const yb_corpus *c = a->corpus;
	const yb_fact *f = as->fact;
	if (f->kind == FACT_ENUM)
		return yb_str(c, YB_AT(c, yb_fact_value, f->values)[as->choice].id);
	if (f->kind == FACT_BOOL)
		return as->choice ? "false" : "true";
	char text[1100];
	snprintf(text, sizeof(text), "case %d at %s:%d", as->choice + 1,
		 yb_str(c, as->node->pos.file), as->node->pos.line);
	return yb_arena_strdup(&a->arena, text);
}

static int build_alternatives(builder *b)
{
	yb_answer *a = b->a;
	yb_answer_data *d = b->d;
	char label[1024];
	bool failed = false;
	d->alternatives = block(&a->arena, d->nalternatives = a->nworlds, sizeof(*d->alternatives),
				&failed);
	for (size_t k = 0; k < a->nworlds && !failed; k++) {
		const yb_world *w = &a->worlds[k];
		yb_alternative *alt = &d->alternatives[k];
		if (!w->n) {
			alt->label = (yb_zh_en){"", ""};
			continue;
		}
		yb_assumed *as = block(&a->arena, w->n, sizeof(*as), &failed);
		if (!as)
			return -1;
		for (size_t i = 0; i < w->n; i++) {
			as[i].fact = yb_str(a->corpus, w->a[i].fact->id);
			as[i].kind = (yb_fact_type)w->a[i].fact->kind;
			if (!(as[i].value = assumed_value(a, &w->a[i])))
				return -1;
			for (int en = 0; en <= 1; en++) {
				yb_assumption_label(a, &w->a[i], en, label, sizeof(label));
				const char *copy = yb_arena_strdup(&a->arena, label);
				if (!copy)
					return -1;
				*(en ? &as[i].label.en : &as[i].label.zh) = copy;
			}
		}
		alt->assumed = as;
		alt->nassumed = w->n;
		if (w->n == 1) {
			alt->label = as[0].label; /* the world's label is its one assumption's */
			continue;
		}
		for (int en = 0; en <= 1; en++) {
			yb_world_label(a, k, en, label, sizeof(label));
			const char *copy = yb_arena_strdup(&a->arena, label);
			if (!copy)
				return -1;
			*(en ? &alt->label.en : &alt->label.zh) = copy;
		}
	}
	return failed ? -1 : 0;
}

static int build_decisions(builder *b)
{
	yb_answer *a = b->a;
	yb_answer_data *d = b->d;
	const yb_corpus *c = a->corpus;
	char value[512];
	bool failed = false;
	d->decisions = block(&a->arena, d->ndecisions = a->ntrace, sizeof(*d->decisions), &failed);
	for (size_t i = 0; i < a->ntrace && !failed; i++) {
		const yb_trace_step *t = &a->trace[i];
		const yb_node *n = t->node;
		const yb_fact *test = YB_AT(c, yb_fact, n->test);
		const yb_node *otherwise = YB_AT(c, yb_node, n->otherwise);
		yb_decision *x = &d->decisions[i];
		if (layer_info(b, t->layer, &x->layer))
			return -1;
		x->rule = yb_str(c, n->pos.file);
		x->line = n->pos.line;
		x->fact = yb_str(c, test->id);
		x->fact_label = tx(c, test->label);
		trace_value(a, t, false, value, sizeof(value));
		if (!(x->value.zh = yb_arena_strdup(&a->arena, value)))
			return -1;
		trace_value(a, t, true, value, sizeof(value));
		if (!(x->value.en = yb_arena_strdup(&a->arena, value)))
			return -1;
		x->origin = (yb_value_origin)t->origin;
		const yb_pos *branch = NULL;
		if (t->branch < (int)n->ncases)
			branch = &YB_AT(c, yb_case, n->cases)[t->branch].pos;
		else if (otherwise)
			branch = &otherwise->pos;
		x->branch = t->branch < (int)n->ncases ? t->branch + 1 : otherwise ? 0 : -1;
		x->branch_rule = branch ? yb_str(c, branch->file) : NULL;
		x->branch_line = branch ? branch->line : 0;
		x->alternatives = alternatives_of(a, t->worlds);
		if (condition(b, t->worlds, 512, &x->condition))
			return -1;
	}
	return failed ? -1 : 0;
}

int yb_answer_build(yb_answer *a)
{
	builder b = {.a = a, .d = &a->data};
	int rc = build_summary(&b) || build_entries(&b) || build_facts(&b) ||
		 build_questions(&b) || build_alternatives(&b) || build_decisions(&b)
			 ? -1
			 : 0;
	yb_free(b.scratch);
	return rc;
}

/* ---- The public API -------------------------------------------------------------------------- */

const yb_summary *yb_answer_summary(const yb_answer *a)
{
	return &a->data.summary;
}

size_t yb_answer_count(const yb_answer *a, yb_answer_list list)
{
	const yb_answer_data *d = &a->data;
	if ((unsigned)list < YB_ENTRY_LISTS)
		return d->list_start[list + 1] - d->list_start[list];
	switch (list) {
	case YB_LIST_QUESTIONS: return d->nquestions;
	case YB_LIST_SOURCES: return d->nsources;
	case YB_LIST_FACTS: return d->nfacts;
	case YB_LIST_ALTERNATIVES: return d->nalternatives;
	case YB_LIST_DECISIONS: return d->ndecisions;
	default: return 0;
	}
}

const yb_entry *yb_answer_entry(const yb_answer *a, yb_answer_list list, size_t i)
{
	if ((unsigned)list >= YB_ENTRY_LISTS || i >= yb_answer_count(a, list))
		return NULL;
	return &a->data.entries[a->data.list_start[list] + i].e;
}

const yb_source_info *yb_answer_source(const yb_answer *a, size_t i)
{
	return i < a->data.nsources ? &a->data.sources[i].s : NULL;
}

const yb_question *yb_answer_question(const yb_answer *a, size_t i)
{
	return i < a->data.nquestions ? &a->data.questions[i] : NULL;
}

const yb_given_fact *yb_answer_fact(const yb_answer *a, size_t i)
{
	return i < a->data.nfacts ? &a->data.facts[i] : NULL;
}

const yb_alternative *yb_answer_alternative(const yb_answer *a, size_t i)
{
	return i < a->data.nalternatives ? &a->data.alternatives[i] : NULL;
}

const yb_decision *yb_answer_decision(const yb_answer *a, size_t i)
{
	return i < a->data.ndecisions ? &a->data.decisions[i] : NULL;
}

/* The slots keep what the JSON cache keys its templates by (render.h). */
void yb_entry_identity(const yb_entry *e, const void *key[2])
{
	const yb_entry_slot *slot = (const yb_entry_slot *)(const void *)e;
	key[0] = slot->key[0];
	key[1] = slot->key[1];
}

const void *yb_source_identity(const yb_source_info *s)
{
	return ((const yb_source_slot *)(const void *)s)->key;
}
