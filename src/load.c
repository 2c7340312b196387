/*
 * load.c - reading a corpus: corpus.yaml, the catalogues and the facts, then the procedures
 * (load_tree.c), the gazetteer (gazetteer_load.c) and the calendar (calendar_load.c).
 *
 * The load order matters and is fixed: corpus.yaml names the files; sources, materials,
 * channels, the gazetteer and the facts come next, because procedures refer to all of them;
 * procedures last. Every reference is resolved as it is read, so a dangling id is reported at
 * the place that names it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "gazetteer.h"
#include "image.h"
#include "load.h"
#include "mem.h"
#include "number.h"
#include "rulesfs.h"

/*
 * A catalogue may be spread over several files (corpus.yaml lists them): each file's entries are
 * appended. Returns room for `old` entries (copied) plus `more`; NULL when out of memory.
 * Nothing points into a catalogue until the procedures load, so moving it here is safe.
 */
static void *grow_in(yb_arena *arena, const void *old, size_t nold, size_t size, size_t more)
{
	unsigned char *p = yb_arena_alloc(arena, size * (nold + more + 1));
	if (p && nold)
		memcpy(p, old, size * nold);
	return p;
}

/* While the catalogues grow file by file they live with the YAML trees, so that the image keeps
 * one copy of each and not one per file (31 province files append to the sources). */
static void *extend(yb_loader *L, const void *old, size_t nold, size_t size, size_t more)
{
	return grow_in(&L->trees, old, nold, size, more);
}

/* Moves the catalogues that grew file by file into the image, once all their files are read. */
static yb_status settle_catalogues(yb_loader *L)
{
	yb_corpus *c = L->c;
	struct {
		const void **array;
		size_t n, size;
	} cats[] = {{(const void **)&c->sources, c->nsources, sizeof(*c->sources)},
		    {(const void **)&c->materials, c->nmaterials, sizeof(*c->materials)},
		    {(const void **)&c->channels, c->nchannels, sizeof(*c->channels)}};
	for (size_t i = 0; i < sizeof(cats) / sizeof(cats[0]); i++) {
		if (!*cats[i].array)
			continue;
		void *kept = grow_in(&c->arena, *cats[i].array, cats[i].n, cats[i].size, 0);
		if (!kept)
			return yb_nomem(L);
		*cats[i].array = kept;
	}
	return YB_OK;
}

/* Iterates a required list under `key`; each item must be a mapping. */
static const ynode *require_list(yb_loader *L, const ynode *root, const char *key)
{
	const ynode *list = yb_require(L, root, key);
	if (list && yb_expect(L, list, YN_SEQ, key))
		return NULL;
	return list;
}

/* Loads one entry of a list into array[i]; on failure the entry is not kept. */
typedef yb_status (*entry_loader)(yb_loader *L, const ynode *m, void *array, size_t i);

/*
 * Loads the list under `key` after the nold entries already loaded from other files (old, each
 * `size` bytes) into a new array: *out and *count on success. Linting goes past a bad entry.
 */
static yb_status load_list(yb_loader *L, const ynode *root, const char *key, const void *old,
			   size_t nold, size_t size, entry_loader entry, void **out, size_t *count)
{
	const ynode *list = require_list(L, root, key);
	if (!list)
		return YB_ECORPUS;
	unsigned char *array = extend(L, old, nold, size, list->n);
	if (!array)
		return yb_nomem(L);
	size_t n = nold;
	for (size_t k = 0; k < list->n; k++) {
		memset(array + n * size, 0, size);
		if (entry(L, list->kids[k], array, n) == YB_OK)
			n++;
		else if (!yb_recover(L))
			return YB_ECORPUS;
	}
	*out = array;
	*count = n;
	return YB_OK;
}

/* ---- Catalogues ------------------------------------------------------------------------------ */

/* One entry of the sources catalogue, stored at out[i]. */
static yb_status load_sources_entry(yb_loader *L, const ynode *m, void *array, size_t i)
{
	yb_source *out = array;
	static const char *const keys[] = {"id", "kind", "title", "number", "issuer", "date",
					   "file", "heading", "url", "read", "unconfirmed", NULL};
	const ynode *v;
	yb_source *s = &out[i];
	if (yb_expect(L, m, YN_MAP, "来源") || yb_check_keys(L, m, keys))
		return YB_ECORPUS;
	s->pos = yb_pos_of(L, m);
	if (!(v = yb_require(L, m, "id")) || yb_get_id(L, v, &s->id))
		return YB_ECORPUS;
	for (size_t j = 0; j < i; j++)
		if (out[j].id == s->id)
			return yb_bad(L, v, "来源 id \"%s\" 重复", yb_str(L->c, s->id));
	if (!(v = yb_require(L, m, "kind")) || yb_expect(L, v, YN_SCALAR, "kind"))
		return YB_ECORPUS;
	if (!strcmp(v->str, "official"))
		s->kind = SOURCE_OFFICIAL;
	else if (!strcmp(v->str, "seed"))
		s->kind = SOURCE_SEED;
	else if (!strcmp(v->str, "web"))
		s->kind = SOURCE_WEB;
	else
		return yb_bad(L, v, "来源的 kind 应是 official、seed 或 web，而不是 \"%s\"",
			      v->str);
	if (!(v = yb_require(L, m, "title")) || yb_get_text(L, v, &s->title))
		return YB_ECORPUS;
	struct {
		const char *key;
		yb_ref *dst;
	} opt[] = {{"number", &s->number}, {"issuer", &s->issuer}, {"file", &s->file},
		   {"heading", &s->heading}, {"url", &s->url}};
	for (size_t o = 0; o < sizeof(opt) / sizeof(opt[0]); o++)
		if ((v = yn_get(m, opt[o].key)) && yb_get_string(L, v, opt[o].dst))
			return YB_ECORPUS;
	if ((v = yn_get(m, "date"))) {
		int d;
		if (yb_get_date(L, v, &d) || yb_get_string(L, v, &s->date))
			return YB_ECORPUS;
	}
	if ((v = yn_get(m, "read"))) {
		int d;
		if (yb_get_date(L, v, &d) || yb_get_string(L, v, &s->read))
			return YB_ECORPUS;
	}
	if ((v = yn_get(m, "unconfirmed")) && yb_get_bool(L, v, &s->unconfirmed))
		return YB_ECORPUS;
	if (s->url && !s->read)
		return yb_bad(L, m, "有 \"url\" 的来源需要 \"read\"：阅读该网页的日期");
	if (s->kind == SOURCE_OFFICIAL && !s->number && !s->url)
		return yb_bad(L, m, "official 来源需要文件的文号 \"number\"，或政府网页的 "
				    "\"url\"");
	if (s->kind == SOURCE_WEB && (!s->url || !s->unconfirmed))
		return yb_bad(L, m, "web 来源需要 \"url\" 和 \"unconfirmed: true\""
				    "（只有政府网页和文件才算 official）");
	if (s->kind == SOURCE_SEED && (!s->file || !s->heading))
		return yb_bad(L, m, "seed 来源需要 \"file\" 和 \"heading\"");
	return YB_OK;
}

/* One entry of the materials catalogue, stored at out[i]. */
static yb_status load_materials_entry(yb_loader *L, const ynode *m, void *array, size_t i)
{
	yb_material *out = array;
	static const char *const keys[] = {"id", "name", "issued_by", NULL};
	const ynode *v;
	if (yb_expect(L, m, YN_MAP, "材料") || yb_check_keys(L, m, keys))
		return YB_ECORPUS;
	out[i].pos = yb_pos_of(L, m);
	if (!(v = yb_require(L, m, "id")) || yb_get_id(L, v, &out[i].id))
		return YB_ECORPUS;
	for (size_t j = 0; j < i; j++)
		if (out[j].id == out[i].id)
			return yb_bad(L, v, "材料 id \"%s\" 重复", yb_str(L->c, out[i].id));
	if (!(v = yb_require(L, m, "name")) || yb_get_text(L, v, &out[i].name))
		return YB_ECORPUS;
	if ((v = yn_get(m, "issued_by")) && yb_get_text(L, v, &out[i].issued_by))
		return YB_ECORPUS;
	return YB_OK;
}

/* One entry of the channels catalogue, stored at out[i]. */
static yb_status load_channels_entry(yb_loader *L, const ynode *m, void *array, size_t i)
{
	yb_channel *out = array;
	static const char *const keys[] = {"id", "name", "kind", "area", "path", NULL};
	static const char *const kinds[] = {"app", "web", "mini-program", "counter", "phone"};
	const ynode *v;
	if (yb_expect(L, m, YN_MAP, "渠道") || yb_check_keys(L, m, keys))
		return YB_ECORPUS;
	out[i].pos = yb_pos_of(L, m);
	if (!(v = yb_require(L, m, "id")) || yb_get_id(L, v, &out[i].id))
		return YB_ECORPUS;
	for (size_t j = 0; j < i; j++)
		if (out[j].id == out[i].id)
			return yb_bad(L, v, "渠道 id \"%s\" 重复", yb_str(L->c, out[i].id));
	if (!(v = yb_require(L, m, "name")) || yb_get_text(L, v, &out[i].name))
		return YB_ECORPUS;
	if (!(v = yb_require(L, m, "kind")) || yb_expect(L, v, YN_SCALAR, "kind"))
		return YB_ECORPUS;
	size_t kind = 0;
	while (kind < 5 && strcmp(kinds[kind], v->str) != 0)
		kind++;
	if (kind == 5)
		return yb_bad(L, v,
			      "渠道的 kind 应是 app、web、mini-program、counter 或 "
			      "phone，而不是 \"%s\"",
			      v->str);
	out[i].kind = (yb_channel_kind)kind;
	if ((v = yn_get(m, "path")) && yb_get_text(L, v, &out[i].path))
		return YB_ECORPUS;
	if ((v = yn_get(m, "area")) && !yb_gazetteer_find_province(L->c, v->str) &&
	    !yb_gazetteer_find(L->c, v->str, NULL))
		return yb_bad(L, v, "未知的地区 \"%s\"（应是省或市的名称、slug 或 "
				    "adcode）",
			      v->str);
	return YB_OK;
}

/* ---- Facts ----------------------------------------------------------------------------------- */

static yb_status load_aliases(yb_loader *L, const ynode *list, yb_fact_value *val)
{
	static const char *const keys[] = {"name", "note", NULL};
	if (yb_expect(L, list, YN_SEQ, "aliases"))
		return YB_ECORPUS;
	yb_alias *out = yb_arena_alloc(&L->c->arena, sizeof(*out) * (list->n + 1));
	if (!out)
		return yb_nomem(L);
	for (size_t i = 0; i < list->n; i++) {
		const ynode *a = list->kids[i], *v;
		if (a->kind == YN_MAP) {
			if (yb_check_keys(L, a, keys) || !(v = yb_require(L, a, "name")) ||
			    yb_get_string(L, v, &out[i].name))
				return YB_ECORPUS;
			if ((v = yn_get(a, "note")) && yb_get_text(L, v, &out[i].note))
				return YB_ECORPUS;
		} else if (yb_get_string(L, a, &out[i].name)) {
			return YB_ECORPUS;
		}
	}
	val->aliases = yb_ref_of(L->c, out);
	val->naliases = list->n;
	return YB_OK;
}

static yb_status load_values(yb_loader *L, const ynode *list, yb_fact *f)
{
	static const char *const keys[] = {"id", "label", "aliases", NULL};
	if (yb_expect(L, list, YN_SEQ, "values") || list->n == 0)
		return yb_bad(L, list, "enum 事实需要一个非空的 values 列表");
	yb_fact_value *out = yb_arena_alloc(&L->c->arena, sizeof(*out) * list->n);
	if (!out)
		return yb_nomem(L);
	for (size_t i = 0; i < list->n; i++) {
		const ynode *m = list->kids[i], *v;
		if (yb_expect(L, m, YN_MAP, "取值") || yb_check_keys(L, m, keys))
			return YB_ECORPUS;
		if (!(v = yb_require(L, m, "id")) || yb_get_id(L, v, &out[i].id))
			return YB_ECORPUS;
		for (size_t j = 0; j < i; j++)
			if (out[j].id == out[i].id)
				return yb_bad(L, v, "取值 \"%s\" 重复", yb_str(L->c, out[i].id));
		if (!(v = yb_require(L, m, "label")) || yb_get_text(L, v, &out[i].label))
			return YB_ECORPUS;
		if ((v = yn_get(m, "aliases")) && load_aliases(L, v, &out[i]))
			return YB_ECORPUS;
	}
	f->values = yb_ref_of(L->c, out);
	f->nvalues = list->n;
	return YB_OK;
}

/* A text of the loader's own (a derived fact's label), kept in the image. */
static yb_status keep_text(yb_loader *L, const char *zh, const char *en, yb_text *out)
{
	memset(out, 0, sizeof(*out));
	if (yb_keep(L, zh, strlen(zh), &out->zh) || (en && yb_keep(L, en, strlen(en), &out->en)))
		return YB_ECORPUS;
	return YB_OK;
}

/* The derived facts every corpus has: route, and each place and its province. */
static yb_status add_derived(yb_loader *L, yb_fact *facts, size_t *n)
{
	static const struct {
		const char *id, *zh, *en;
	} routes[] = {
		{"intra-city", "同城（市内）", "within one city"},
		{"intra-province", "省内跨市", "between cities of one province"},
		{"cross-province", "跨省", "between provinces"},
	};
	yb_corpus *c = L->c;
	yb_fact *f = &facts[(*n)++];
	f->kind = FACT_ENUM;
	f->derived = true;
	f->nvalues = 3;
	yb_fact_value *vals = yb_arena_alloc(&c->arena, sizeof(*vals) * 3);
	if (!vals)
		return yb_nomem(L);
	if (yb_keep(L, "route", 5, &f->id) || keep_text(L, "路线", "Route", &f->label))
		return YB_ECORPUS;
	for (size_t i = 0; i < 3; i++)
		if (yb_keep(L, routes[i].id, strlen(routes[i].id), &vals[i].id) ||
		    keep_text(L, routes[i].zh, routes[i].en, &vals[i].label))
			return YB_ECORPUS;
	f->values = yb_ref_of(c, vals);

	static const char *const place_labels[][2] = {
		{"转出地", "Place left"}, {"转入地", "Place moved to"}, {"城市", "City"}};
	static const char *const place_flags[] = {"--from", "--to", "--city"};
	static const char *const place_questions[][2] = {
		{"从哪个城市转出？", "Which city do you leave?"},
		{"转入哪个城市？", "Which city do you move to?"},
		{"在哪个城市办理？", "In which city do you apply?"}};
	static const char *const province_labels[][2] = {
		{"转出地所在省", "Province of the place left"},
		{"转入地所在省", "Province of the place moved to"},
		{"所在省", "Province"}};
	for (int p = 0; p < PLACE_COUNT; p++) {
		const char *name = yb_place_name((yb_place)p);
		char id[32];
		f = &facts[(*n)++];
		f->kind = FACT_CITY;
		f->derived = true;
		f->place = (yb_place)p;
		if (yb_keep(L, name, strlen(name), &f->id) ||
		    keep_text(L, place_labels[p][0], place_labels[p][1], &f->label) ||
		    yb_keep(L, place_flags[p], strlen(place_flags[p]), &f->flag) ||
		    keep_text(L, place_questions[p][0], place_questions[p][1], &f->question))
			return YB_ECORPUS;
		snprintf(id, sizeof(id), "%s.province", name);
		yb_fact *g = &facts[(*n)++];
		g->kind = FACT_PROVINCE;
		g->derived = true;
		g->place = (yb_place)p;
		if (yb_keep(L, id, strlen(id), &g->id) ||
		    keep_text(L, province_labels[p][0], province_labels[p][1], &g->label))
			return YB_ECORPUS;
	}
	return YB_OK;
}

/* One entry of the facts catalogue, stored at out[i]. */
static yb_status load_facts_entry(yb_loader *L, const ynode *m, void *array, size_t i)
{
	yb_fact *out = array;
	static const char *const keys[] = {"id", "flag", "label", "question", "kind", "values",
					   "default", "min", "max", "same_as", NULL};
	static const char *const kinds[] = {"enum", "bool", "number", "date"};
	const ynode *v;
	yb_fact *f = &out[i];
	if (yb_expect(L, m, YN_MAP, "事实") || yb_check_keys(L, m, keys))
		return YB_ECORPUS;
	f->pos = yb_pos_of(L, m);
	if (!(v = yb_require(L, m, "id")) || yb_get_id(L, v, &f->id))
		return YB_ECORPUS;
	for (size_t j = 0; j < i; j++)
		if (out[j].id == f->id)
			return yb_bad(L, v, "事实 id \"%s\" 重复", yb_str(L->c, f->id));
	for (int p = 0; p < PLACE_COUNT; p++)
		if (!strcmp(v->str, yb_place_name((yb_place)p)) || !strcmp(v->str, "route") ||
		    !strcmp(v->str, "date"))
			return yb_bad(L, v, "\"%s\" 是内置的事实，不能另行定义", v->str);
	if (!(v = yb_require(L, m, "flag")) || yb_get_string(L, v, &f->flag))
		return YB_ECORPUS;
	if (strncmp(v->str, "--", 2) != 0)
		return yb_bad(L, v, "flag 应以 -- 开头，如 --%s", v->str);
	if (!(v = yb_require(L, m, "label")) || yb_get_text(L, v, &f->label))
		return YB_ECORPUS;
	if (!(v = yb_require(L, m, "question")) || yb_get_text(L, v, &f->question))
		return YB_ECORPUS;
	if (!(v = yb_require(L, m, "kind")) || yb_expect(L, v, YN_SCALAR, "kind"))
		return YB_ECORPUS;
	size_t kind = 0;
	while (kind < 4 && strcmp(kinds[kind], v->str) != 0)
		kind++;
	if (kind == 4)
		return yb_bad(L, v, "事实的 kind 应是 enum、bool、number 或 date，而不是 \"%s\"",
			      v->str);
	f->kind = (yb_fact_kind)kind;
	v = yn_get(m, "values");
	const ynode *same = yn_get(m, "same_as");
	if (same) {
		/* The fact it follows may come later in the catalogue: resolved in finish_facts. */
		if (f->kind != FACT_ENUM)
			return yb_bad(L, same, "只有 enum 事实才能用 same_as 跟随另一个事实");
		if (v)
			return yb_bad(L, v, "带 same_as 的事实共用所跟随事实的 values，"
					    "自己不再列出");
		if (yb_get_id(L, same, &f->same_as_id))
			return YB_ECORPUS;
		f->same_as_pos = yb_pos_of(L, same);
	} else if (f->kind == FACT_ENUM) {
		if (load_values(L, v ? v : m, f))
			return YB_ECORPUS;
	} else if (v) {
		return yb_bad(L, v, "只有 enum 事实才有 values");
	}
	if ((yn_get(m, "min") || yn_get(m, "max")) && f->kind != FACT_NUMBER)
		return yb_bad(L, yn_get(m, "min") ? yn_get(m, "min") : yn_get(m, "max"),
			      "只有 number 事实才有 min 和 max");
	if (f->kind == FACT_NUMBER) {
		/* Every number a user gives is checked against its fact's range. */
		if (!(v = yb_require(L, m, "min")) ||
		    yb_get_number(L, v, -YB_FACT_NUMBER_LIMIT, YB_FACT_NUMBER_LIMIT, &f->min) ||
		    !(v = yb_require(L, m, "max")) ||
		    yb_get_number(L, v, -YB_FACT_NUMBER_LIMIT, YB_FACT_NUMBER_LIMIT, &f->max))
			return YB_ECORPUS;
		if (f->max < f->min)
			return yb_bad(L, v, "max 小于 min");
		f->has_min = f->has_max = true;
	}
	if ((v = yn_get(m, "default")) && f->kind == FACT_BOOL) {
		bool b;
		if (yb_get_bool(L, v, &b))
			return YB_ECORPUS;
		if (yb_keep(L, b ? "true" : "false", b ? 4 : 5, &f->default_bool))
			return YB_ECORPUS;
	} else if (v) {
		if (f->kind != FACT_ENUM || yb_expect(L, v, YN_SCALAR, "default"))
			return yb_bad(L, v, "只有 enum 和 bool 事实才有默认值 default");
		const yb_fact_value *values = YB_AT(L->c, yb_fact_value, f->values);
		for (size_t d = 0; d < f->nvalues && !f->default_value; d++)
			if (!strcmp(yb_str(L->c, values[d].id), v->str))
				f->default_value = yb_ref_of(L->c, &values[d]);
		if (!f->default_value)
			return yb_bad(L, v, "默认值 \"%s\" 不在 values 之中", v->str);
	}
	return YB_OK;
}

/* After every facts file: the derived facts go last, and every fact learns its index. */
static yb_status finish_facts(yb_loader *L)
{
	size_t n = L->c->nfacts, users = n;
	/* The facts' one copy in the image: nothing refers to a fact until now. */
	yb_fact *out = grow_in(&L->c->arena, L->c->facts, n, sizeof(*out), 1 + 2 * PLACE_COUNT);
	if (!out)
		return yb_nomem(L);
	if (add_derived(L, out, &n))
		return YB_ECORPUS;
	for (size_t i = 0; i < n; i++)
		out[i].index = (int)i;
	for (size_t i = 0; i < users; i++) {
		yb_fact *f = &out[i];
		const yb_fact *same = NULL;
		if (!f->same_as_id)
			continue;
		for (size_t j = 0; j < users && !same; j++)
			if (out[j].id == f->same_as_id)
				same = &out[j];
		/* One step only: a chain would make "not given" mean something far away. */
		if (!same || same->kind != FACT_ENUM || same->same_as_id || same == f)
			return yb_bad_at(L, f->same_as_pos,
				      "same_as 应指向另一个本身不带 same_as 的 enum 事实"
				      "（\"%s\" 带有 same_as）",
				      yb_str(L->c, f->same_as_id));
		f->same_as = yb_ref_of(L->c, same);
		f->values = same->values;
		f->nvalues = same->nvalues;
	}
	L->c->facts = out;
	L->c->nfacts = n;
	L->c->route = &out[users];
	for (int p = 0; p < PLACE_COUNT; p++) {
		L->c->place[p] = &out[users + 1 + 2 * p];
		L->c->province_of[p] = &out[users + 2 + 2 * p];
	}
	return YB_OK;
}

/* ---- corpus.yaml and the whole load ---------------------------------------------------------- */

typedef yb_status (*section_loader)(yb_loader *L, const ynode *root, void *ctx);

/* Makes `path` the file being read: its name for findings and errors, and its text. */
static yb_status enter_file(yb_loader *L, const char *path, const yb_file *file)
{
	size_t root = strlen(L->root);
	while (root > 1 && L->root[root - 1] == '/')
		root--; /* --rules rules/ names rules/corpus.yaml, not rules//corpus.yaml */
	yb_ref name;
	if (yb_keep(L, path, strlen(path), &name))
		return YB_ENOMEM;
	L->file = yb_str(L->c, name);
	snprintf(L->shown, sizeof(L->shown), "%.*s/%s", (int)root, L->root, path);
	L->text = file->data;
	L->len = file->len;
	return YB_OK;
}

/*
 * A file corpus.yaml names that cannot be read is reported where corpus.yaml names it: the
 * file itself has no line to point at.
 */
static yb_status unreadable(yb_loader *L, const yb_rulesfs *fs, const ynode *named)
{
	char why[sizeof(L->err->message)];
	yb_file manifest;
	yb_error scratch;
	snprintf(why, sizeof(why), "%s", L->err->message);
	if (yb_rulesfs_read(fs, "corpus.yaml", &manifest, &scratch))
		memset(&manifest, 0, sizeof(manifest)); /* no excerpt, still the place */
	yb_status st = enter_file(L, "corpus.yaml", &manifest);
	if (!st)
		st = yb_bad(L, named, "无法读取此处指定的文件：%s", why);
	L->text = NULL;
	L->len = 0;
	yb_file_release(&manifest);
	return st;
}

/*
 * Reads and parses one file, then hands its tree to `load` while the text is still there for
 * error excerpts. The tree stays in the arena; the text is released. `named` is where
 * corpus.yaml names the file (NULL for corpus.yaml itself).
 */
static yb_status load_file(yb_loader *L, const yb_rulesfs *fs, const char *path,
			   const ynode *named, section_loader load, void *ctx)
{
	yb_file file;
	ynode *root = NULL;
	yb_status st = yb_rulesfs_read(fs, path, &file, L->err);
	if (st)
		return st != YB_ENOMEM && named ? unreadable(L, fs, named) : st;
	if ((st = enter_file(L, path, &file)))
		goto cleanup;
	st = yb_yaml_parse(&L->trees, L->shown, file.data, file.len, &root, L->err);
	if (st)
		goto cleanup;
	if (!root || root->kind != YN_MAP) {
		st = yb_bad(L, root, "文件的内容应是一个映射");
		goto cleanup;
	}
	st = load(L, root, ctx);
cleanup:
	L->text = NULL;
	L->len = 0;
	yb_file_release(&file);
	return st;
}

static yb_status sources_section(yb_loader *L, const ynode *root, void *ctx)
{
	void *out;
	size_t n;
	(void)ctx;
	yb_status st = load_list(L, root, "sources", L->c->sources, L->c->nsources, sizeof(yb_source),
				 load_sources_entry, &out, &n);
	if (st == YB_OK) {
		L->c->sources = out;
		L->c->nsources = n;
	}
	return st;
}

static yb_status materials_section(yb_loader *L, const ynode *root, void *ctx)
{
	void *out;
	size_t n;
	(void)ctx;
	yb_status st = load_list(L, root, "materials", L->c->materials, L->c->nmaterials, sizeof(yb_material),
				 load_materials_entry, &out, &n);
	if (st == YB_OK) {
		L->c->materials = out;
		L->c->nmaterials = n;
	}
	return st;
}

static yb_status channels_section(yb_loader *L, const ynode *root, void *ctx)
{
	void *out;
	size_t n;
	(void)ctx;
	yb_status st = load_list(L, root, "channels", L->c->channels, L->c->nchannels, sizeof(yb_channel),
				 load_channels_entry, &out, &n);
	if (st == YB_OK) {
		L->c->channels = out;
		L->c->nchannels = n;
	}
	return st;
}

static yb_status facts_section(yb_loader *L, const ynode *root, void *ctx)
{
	void *out;
	size_t n;
	(void)ctx;
	yb_status st = load_list(L, root, "facts", L->c->facts, L->c->nfacts, sizeof(yb_fact),
				 load_facts_entry, &out, &n);
	if (st == YB_OK) {
		L->c->facts = out;
		L->c->nfacts = n;
	}
	return st;
}

static yb_status gazetteer_section(yb_loader *L, const ynode *root, void *ctx)
{
	(void)ctx;
	return yb_gazetteer_load(L, root);
}

static yb_status calendar_section(yb_loader *L, const ynode *root, void *ctx)
{
	(void)ctx;
	return yb_calendar_load(L, root);
}

/*
 * A province file (rules/provinces/<slug>.yaml): everything the corpus knows of one province's
 * own — its sources and channels, which join the catalogues here, and its layers for each
 * procedure, which join the procedures once those are loaded (province_layers_section). What
 * was looked for and not found is recorded too, for docs/coverage.md, and checked for shape.
 */
static const char *const province_keys[] = {"province", "sources", "channels", "layers",
					    "not_found", NULL};

static yb_status province_of_file(yb_loader *L, const ynode *root, const yb_province **out)
{
	const ynode *v;
	if (yb_check_keys(L, root, province_keys) || !(v = yb_require(L, root, "province")) ||
	    yb_expect(L, v, YN_SCALAR, "province"))
		return YB_ECORPUS;
	if (!(*out = yb_gazetteer_find_province(L->c, v->str)))
		return yb_bad(L, v, "未知的省份 \"%s\"", v->str);
	return YB_OK;
}

static yb_status not_found_entry(yb_loader *L, const ynode *m)
{
	static const char *const keys[] = {"procedure", "looked_for", "where", NULL};
	const ynode *v;
	if (yb_expect(L, m, YN_MAP, "not_found 的条目") || yb_check_keys(L, m, keys) ||
	    !(v = yb_require(L, m, "procedure")) || yb_expect(L, v, YN_SCALAR, "procedure") ||
	    !(v = yb_require(L, m, "looked_for")) || yb_expect(L, v, YN_SCALAR, "looked_for"))
		return YB_ECORPUS;
	if ((v = yn_get(m, "where")) && yb_expect(L, v, YN_SCALAR, "where"))
		return YB_ECORPUS;
	return YB_OK;
}

static yb_status provinces_section(yb_loader *L, const ynode *root, void *ctx)
{
	const yb_province *p;
	const ynode *v;
	yb_status st;
	(void)ctx;
	if (province_of_file(L, root, &p))
		return YB_ECORPUS;
	if (yn_get(root, "sources") && (st = sources_section(L, root, NULL)))
		return st;
	if (yn_get(root, "channels") && (st = channels_section(L, root, NULL)))
		return st;
	if ((v = yn_get(root, "not_found"))) {
		if (yb_expect(L, v, YN_SEQ, "not_found"))
			return YB_ECORPUS;
		for (size_t i = 0; i < v->n; i++)
			if (not_found_entry(L, v->kids[i]) && !yb_recover(L))
				return YB_ECORPUS;
	}
	return YB_OK;
}

/* The shared files, in load order: later sections refer to earlier ones. */
static const struct {
	const char *key;
	section_loader load;
} sections[] = {
	{"sources", sources_section},	  {"materials", materials_section},
	{"gazetteer", gazetteer_section}, {"channels", channels_section},
	{"facts", facts_section},
	{"calendar", calendar_section},   {"provinces", provinces_section},
};
enum { NSECTIONS = sizeof(sections) / sizeof(sections[0]) };

typedef struct {
	const ynode *files[NSECTIONS]; /* a path, or a list of paths */
	const ynode *provinces;        /* the province files, read again for their layers */
	const char *const *proc_files; /* parallel to the corpus's procedure_names */
	const ynode *procs;            /* the procedures mapping, for where each file is named */
} manifest;

static yb_status manifest_section(yb_loader *L, const ynode *root, void *ctx)
{
	static const char *const keys[] = {"version", "date", "files", "procedures", NULL};
	static const char *const file_keys[] = {"facts",    "sources",  "materials", "channels",
						"gazetteer", "calendar", "provinces", NULL};
	manifest *m = ctx;
	yb_corpus *c = L->c;
	const ynode *v, *files, *procs;
	int date;

	if (yb_check_keys(L, root, keys))
		return YB_ECORPUS;
	yb_ref version, day;
	if (!(v = yb_require(L, root, "version")) || yb_get_string(L, v, &version))
		return YB_ECORPUS;
	if (!(v = yb_require(L, root, "date")) || yb_get_date(L, v, &date) ||
	    yb_get_string(L, v, &day))
		return YB_ECORPUS;
	c->version = yb_str(c, version);
	c->date = yb_str(c, day);
	if (!(files = yb_require(L, root, "files")) || yb_expect(L, files, YN_MAP, "files") ||
	    yb_check_keys(L, files, file_keys))
		return YB_ECORPUS;
	for (size_t i = 0; i < NSECTIONS; i++) {
		/* A corpus without a calendar counts weekends only (and says so). */
		if ((!strcmp(sections[i].key, "calendar") || !strcmp(sections[i].key, "provinces")) &&
		    !yn_get(files, sections[i].key))
			continue;
		if (!(v = yb_require(L, files, sections[i].key)))
			return YB_ECORPUS;
		if (v->kind == YN_SEQ && !strcmp(sections[i].key, "gazetteer"))
			return yb_bad(L, v, "gazetteer 只能是一个文件");
		for (size_t k = 0; k < (v->kind == YN_SEQ ? v->n : 1); k++)
			if (yb_expect(L, v->kind == YN_SEQ ? v->kids[k] : v, YN_SCALAR, "这个值"))
				return YB_ECORPUS;
		m->files[i] = v;
		if (!strcmp(sections[i].key, "provinces"))
			m->provinces = v;
	}
	if (!(procs = yb_require(L, root, "procedures")) ||
	    yb_expect(L, procs, YN_MAP, "procedures"))
		return YB_ECORPUS;

	/* Every procedure's name, loaded or not, so that a mistyped command can be told which
	 * procedures exist. */
	size_t n = procs->n / 2;
	yb_ref *names = yb_arena_alloc(&c->arena, sizeof(*names) * (n + 1));
	const char **paths = yb_arena_alloc(&L->trees, sizeof(*paths) * (n + 1));
	if (!names || !paths)
		return yb_nomem(L);
	for (size_t i = 0; i < n; i++) {
		if (yb_get_id(L, procs->kids[2 * i], &names[i]) ||
		    yb_expect(L, procs->kids[2 * i + 1], YN_SCALAR, "这个值"))
			return YB_ECORPUS;
		paths[i] = procs->kids[2 * i + 1]->str;
	}
	c->procedure_names = names;
	c->nprocedure_names = n;
	m->proc_files = paths;
	m->procs = procs;
	return YB_OK;
}

typedef struct {
	yb_ref id;
	yb_procedure *out;
} procedure_ctx;

typedef struct {
	yb_procedure *procs; /* the procedures loaded */
	size_t nprocs;
} loaded_ctx;

/* A province file's layers, each list appended to its procedure's (when that is loaded). */
static yb_status province_layers_section(yb_loader *L, const ynode *root, void *ctx)
{
	loaded_ctx *lc = ctx;
	const yb_province *p;
	const ynode *layers;
	if (province_of_file(L, root, &p))
		return YB_ECORPUS;
	if (!(layers = yn_get(root, "layers")))
		return YB_OK;
	if (yb_expect(L, layers, YN_MAP, "layers"))
		return YB_ECORPUS;
	for (size_t i = 0; i + 1 < layers->n; i += 2) {
		const ynode *name = layers->kids[i];
		bool known = false;
		for (size_t k = 0; k < L->c->nprocedure_names; k++)
			known |= !strcmp(yb_str(L->c, L->c->procedure_names[k]), name->str);
		if (!known)
			return yb_bad(L, name, "未知的事项 \"%s\"", name->str);
		for (size_t k = 0; k < lc->nprocs; k++)
			if (!strcmp(yb_str(L->c, lc->procs[k].id), name->str) &&
			    yb_layers_append(L, layers->kids[i + 1], p, &lc->procs[k]) &&
			    !yb_recover(L))
				return YB_ECORPUS;
	}
	return YB_OK;
}

static yb_status procedure_section(yb_loader *L, const ynode *root, void *ctx)
{
	procedure_ctx *p = ctx;
	return yb_procedure_load(L, root, p->id, p->out);
}

/*
 * Linting goes on past a file that failed (its problem is reported) unless it ran out of memory
 * or the file could not be read at all; a missing file is reported here, as it has no line.
 */
static bool lint_goes_on(yb_loader *L, yb_status st, const char *path, size_t errors_before)
{
	if (!L->lint || st == YB_ENOMEM)
		return false;
	/* Problems found by the checks here went to the sink already; a YAML syntax error or an
	 * unreadable file did not. */
	if (L->lint->errors == errors_before)
		yb_lint_report(L->lint, path, L->err->line ? L->err->line : 1,
			       L->err->column ? L->err->column : 1, 1, "%s", L->err->message);
	return true;
}

static yb_status open_corpus(const yb_rulesfs *fs, const char *procedure, yb_lint_sink *lint,
			     yb_corpus **out, yb_error *err)
{
	yb_corpus *c = NULL;
	yb_status st;
	yb_error scratch;
	manifest m = {{NULL}, NULL, NULL, NULL};

	if (!err)
		err = &scratch;
	memset(err, 0, sizeof(*err));
	*out = NULL;
	c = yb_calloc(1, sizeof(*c));
	if (!c)
		return yb_err_nomem(err);
	yb_loader L = {c, NULL, fs->dir ? fs->dir : "rules", "", NULL, 0, err, lint, {0}};
	if ((st = yb_image_begin(c, err)))
		goto fail;
	yb_interner_init(&c->ids, &c->arena);

	size_t before = lint ? lint->errors : 0;
	if ((st = load_file(&L, fs, "corpus.yaml", NULL, manifest_section, &m))) {
		lint_goes_on(&L, st, "corpus.yaml", before); /* reports a syntax error */
		goto fail;
	}
	for (size_t i = 0; i < NSECTIONS; i++) {
		const ynode *v = m.files[i];
		if (!v)
			continue;
		for (size_t k = 0; k < (v->kind == YN_SEQ ? v->n : 1); k++) {
			const ynode *named = v->kind == YN_SEQ ? v->kids[k] : v;
			const char *path = named->str;
			before = lint ? lint->errors : 0;
			if ((st = load_file(&L, fs, path, named, sections[i].load, NULL)) &&
			    !lint_goes_on(&L, st, path, before))
				goto fail;
		}
	}
	if ((st = settle_catalogues(&L)) || (st = finish_facts(&L)))
		goto fail;

	yb_procedure *loaded = yb_arena_alloc(&c->arena, sizeof(*loaded) *
							     (c->nprocedure_names + 1));
	if (!loaded) {
		st = yb_err_nomem(err);
		goto fail;
	}
	size_t nloaded = 0;
	for (size_t i = 0; i < c->nprocedure_names; i++) {
		if (procedure && strcmp(procedure, yb_str(c, c->procedure_names[i])) != 0)
			continue; /* "" matches none: the catalogues only */
		procedure_ctx ctx = {c->procedure_names[i], &loaded[nloaded]};
		before = lint ? lint->errors : 0;
		if ((st = load_file(&L, fs, m.proc_files[i], m.procs->kids[2 * i + 1],
				    procedure_section, &ctx))) {
			if (!lint_goes_on(&L, st, m.proc_files[i], before))
				goto fail;
			continue;
		}
		nloaded++;
	}
	/* The provinces' own layers, now that the procedures they join are there. */
	for (size_t k = 0; m.provinces && k < (m.provinces->kind == YN_SEQ ? m.provinces->n : 1);
	     k++) {
		const ynode *named = m.provinces->kind == YN_SEQ ? m.provinces->kids[k] : m.provinces;
		loaded_ctx lc = {loaded, nloaded};
		before = lint ? lint->errors : 0;
		if ((st = load_file(&L, fs, named->str, named, province_layers_section, &lc)) &&
		    !lint_goes_on(&L, st, named->str, before))
			goto fail;
	}
	if (procedure && *procedure && nloaded == 0) {
		st = yb_fail(err, YB_ENOTFOUND, "未知的事项 \"%s\"", "unknown procedure \"%s\"", procedure);
		goto fail;
	}
	c->procedures = loaded;
	c->nprocedures = nloaded;
	if ((st = yb_image_seal(c, err)))
		goto fail;
	yb_interner_free(&c->ids); /* after loading, everything is reached by reference */
	yb_arena_free(&L.trees);
	*out = c;
	return YB_OK;

fail:
	/* Helpers return YB_ECORPUS up the chain whatever stopped them; the error they filled in
	 * says what it was (out of memory while reading an id, say). */
	if (err->code != YB_OK)
		st = err->code;
	yb_arena_free(&L.trees);
	yb_corpus_close(c);
	return st;
}

/*
 * The corpus image compiled into the binary by tools/compile.c (image.h), so that answering
 * needs no YAML parsing at all. The compiler itself links a stand-in with no image (size 0),
 * and reads the embedded YAML instead.
 */
extern const unsigned char yb_embedded_image[];
extern const size_t yb_embedded_image_size;

yb_status yb_corpus_open_embedded_yaml(const char *procedure, yb_corpus **out, yb_error *err)
{
	yb_rulesfs fs = {NULL};
	return open_corpus(&fs, procedure, NULL, out, err);
}

yb_status yb_corpus_open_embedded(const char *procedure, yb_corpus **out, yb_error *err)
{
	yb_error scratch;
	if (!err)
		err = &scratch;
	if (!yb_embedded_image_size)
		return yb_corpus_open_embedded_yaml(procedure, out, err);
	yb_status st = yb_image_open(yb_embedded_image, yb_embedded_image_size, IMAGE_STATIC,
				     "内置的规则库映像", out, err);
	if (st == YB_OK && procedure && *procedure && !yb_corpus_procedure(*out, procedure)) {
		yb_corpus_close(*out);
		*out = NULL;
		return yb_fail(err, YB_ENOTFOUND, "未知的事项 \"%s\"", "unknown procedure \"%s\"", procedure);
	}
	return st;
}

yb_status yb_corpus_open_dir(const char *dir, const char *procedure, yb_corpus **out,
			     yb_error *err)
{
	yb_rulesfs fs = {dir};
	return open_corpus(&fs, procedure, NULL, out, err);
}

yb_status yb_corpus_open_for_lint(const char *dir, yb_lint_sink *sink, yb_corpus **out,
				  yb_error *err)
{
	yb_rulesfs fs = {dir};
	yb_status st = open_corpus(&fs, NULL, sink, out, err);
	/* What the loader found is in the sink; a corpus built past it is still checked. */
	if (st == YB_ECORPUS && *out)
		st = YB_OK;
	return st;
}
