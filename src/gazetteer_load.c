/*
 * gazetteer_load.c - loading gazetteer/cities.yaml: the provinces, the cities, and the sorted
 * index of every name they answer to (see gazetteer.h for the lookups on it).
 */
#include <stdlib.h>
#include <string.h>

#include "load.h"

static yb_status get_code(yb_loader *L, const ynode *n, yb_ref *out)
{
	if (yb_get_string(L, n, out))
		return YB_ECORPUS;
	if (n->len != 6 || strspn(n->str, "0123456789") != 6)
		return yb_bad(L, n, "adcode 应是六位数字，而不是 \"%s\"", n->str);
	return YB_OK;
}

/* Slugs are stored lowercase, so that a lookup folds only what the user typed. */
static bool valid_slug(const char *s)
{
	return *s && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(s);
}

static yb_status load_provinces(yb_loader *L, const ynode *list)
{
	static const char *const keys[] = {"adcode", "name", "short", "slug", NULL};
	const yb_corpus *c = L->c;
	yb_province *out = yb_arena_alloc(&L->c->arena, sizeof(*out) * (list->n + 1));
	if (!out)
		return yb_nomem(L);
	for (size_t i = 0; i < list->n; i++) {
		const ynode *m = list->kids[i], *v;
		if (yb_expect(L, m, YN_MAP, "省份") || yb_check_keys(L, m, keys) ||
		    !(v = yb_require(L, m, "adcode")) || get_code(L, v, &out[i].adcode) ||
		    !(v = yb_require(L, m, "name")) || yb_get_string(L, v, &out[i].name) ||
		    !(v = yb_require(L, m, "short")) || yb_get_string(L, v, &out[i].short_name) ||
		    !(v = yb_require(L, m, "slug")) || yb_get_string(L, v, &out[i].slug))
			return YB_ECORPUS;
		if (!valid_slug(yb_str(c, out[i].slug)))
			return yb_bad(L, v, "slug 应是小写拼音（a-z、0-9、-），而不是 \"%s\"",
				      yb_str(c, out[i].slug));
		for (size_t j = 0; j < i; j++)
			if (!strcmp(yb_str(c, out[j].adcode), yb_str(c, out[i].adcode)))
				return yb_bad(L, m, "省份 adcode %s 重复",
					      yb_str(c, out[i].adcode));
	}
	L->c->provinces = out;
	L->c->nprovinces = list->n;
	return YB_OK;
}

/* An entry of the name index (yb_city_name) while it is sorted, with its key and place resolved
 * for the comparison; the sorting is done in the loader's scratch arena. */
typedef struct {
	const char *key;
	const yb_city *city;
	const yb_province *province;
} name_entry;

static int by_key(const void *a, const void *b)
{
	const name_entry *x = a, *y = b;
	int d = strcmp(x->key, y->key);
	if (d)
		return d;
	if (!x->city || !y->city) { /* provinces after the cities, in corpus order */
		if ((x->city == NULL) != (y->city == NULL))
			return (x->city == NULL) - (y->city == NULL);
		return (x->province > y->province) - (x->province < y->province);
	}
	return (x->city > y->city) - (x->city < y->city);
}

/* Name as a key: lowercase ASCII (what a lookup folds the typed name to), copied only when it
 * has capitals. NULL when out of memory. */
static const char *key_of(yb_loader *L, yb_ref ref)
{
	const char *name = yb_str(L->c, ref);
	if (!name[strcspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")])
		return name;
	char *key = yb_arena_strdup(&L->c->arena, name);
	if (key)
		for (char *p = key; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p + 32);
	return key;
}

/* Builds the sorted name index over the loaded cities and provinces (yb_corpus.city_names). */
static yb_status index_names(yb_loader *L)
{
	yb_corpus *c = L->c;
	size_t n = c->nprovinces * 4;
	for (size_t i = 0; i < c->ncities; i++)
		n += 4 + c->cities[i].nalt;
	yb_city_name *names = yb_arena_alloc(&c->arena, sizeof(*names) * (n + 1));
	name_entry *sorted = yb_arena_alloc(&L->trees, sizeof(*sorted) * (n + 1));
	if (!names || !sorted)
		return yb_nomem(L);
	size_t k = 0;
	for (size_t i = 0; i < c->ncities; i++) {
		const yb_city *city = &c->cities[i];
		const yb_ref keys[] = {city->adcode, city->name, city->short_name, city->slug};
		for (size_t j = 0; j < 4; j++)
			sorted[k++] = (name_entry){key_of(L, keys[j]), city, NULL};
		for (size_t j = 0; j < city->nalt; j++)
			sorted[k++] =
				(name_entry){key_of(L, yb_ref_at(c, city->alt, j)), city, NULL};
	}
	for (size_t i = 0; i < c->nprovinces; i++) {
		const yb_province *p = &c->provinces[i];
		const yb_ref keys[] = {p->adcode, p->name, p->short_name, p->slug};
		for (size_t j = 0; j < 4; j++)
			sorted[k++] = (name_entry){key_of(L, keys[j]), NULL, p};
	}
	for (size_t i = 0; i < k; i++)
		if (!sorted[i].key)
			return yb_nomem(L);
	qsort(sorted, k, sizeof(*sorted), by_key);
	/* A place whose short name is its name (e.g. a 盟) would be listed twice. */
	size_t out = 0;
	for (size_t i = 0; i < k; i++)
		if (!out || by_key(&sorted[out - 1], &sorted[i]) != 0)
			sorted[out++] = sorted[i];
	for (size_t i = 0; i < out; i++)
		names[i] = (yb_city_name){yb_ref_of(c, sorted[i].key), yb_ref_of(c, sorted[i].city),
					  yb_ref_of(c, sorted[i].province)};
	c->city_names = names;
	c->ncity_names = out;
	return YB_OK;
}

static yb_status load_cities(yb_loader *L, const ynode *list)
{
	static const char *const keys[] = {"adcode", "alt", "name", "short", "slug",
					   "province", "kind", NULL};
	/* Prefecture-level, then the county-level units that report straight to a province. */
	static const char *const kinds[] = {"地级市", "地区", "自治州", "盟", "直辖市",
					    "县级市", "县", "自治县", "林区", NULL};
	yb_corpus *c = L->c;
	yb_city *out = yb_arena_alloc(&c->arena, sizeof(*out) * (list->n + 1));
	if (!out)
		return yb_nomem(L);
	for (size_t i = 0; i < list->n; i++) {
		const ynode *m = list->kids[i], *v;
		yb_city *city = &out[i];
		yb_ref province;
		if (yb_expect(L, m, YN_MAP, "城市") || yb_check_keys(L, m, keys) ||
		    !(v = yb_require(L, m, "adcode")) || get_code(L, v, &city->adcode) ||
		    !(v = yb_require(L, m, "name")) || yb_get_string(L, v, &city->name) ||
		    !(v = yb_require(L, m, "short")) || yb_get_string(L, v, &city->short_name) ||
		    !(v = yb_require(L, m, "slug")) || yb_get_string(L, v, &city->slug) ||
		    !(v = yb_require(L, m, "kind")) || yb_get_string(L, v, &city->kind) ||
		    !(v = yb_require(L, m, "province")) || get_code(L, v, &province))
			return YB_ECORPUS;
		const char *slug = yb_str(c, city->slug), *kind = yb_str(c, city->kind),
			   *adcode = yb_str(c, city->adcode);
		if (!valid_slug(slug))
			return yb_bad(L, yn_get(m, "slug"),
				      "slug 应是小写拼音（a-z、0-9、-），而不是 \"%s\"", slug);
		const yb_province *p = yb_corpus_province(c, yb_str(c, province));
		if (!p)
			return yb_bad(L, v, "没有 adcode 为 %s 的省份", yb_str(c, province));
		city->province = yb_ref_of(c, p);
		v = yn_get(m, "kind");
		size_t k = 0;
		while (kinds[k] && strcmp(kinds[k], kind) != 0)
			k++;
		if (!kinds[k])
			return yb_bad(L, v, "未知的城市类型 \"%s\"", kind);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(yb_str(c, out[j].adcode), adcode))
				return yb_bad(L, m, "城市 adcode %s 重复", adcode);
		if ((v = yn_get(m, "alt"))) {
			if (yb_expect(L, v, YN_SEQ, "alt"))
				return YB_ECORPUS;
			yb_ref *alt = yb_arena_alloc(&c->arena, sizeof(*alt) * (v->n + 1));
			if (!alt)
				return yb_nomem(L);
			for (size_t a = 0; a < v->n; a++)
				if (get_code(L, v->kids[a], &alt[a]))
					return YB_ECORPUS;
			city->alt = yb_ref_of(c, alt);
			city->nalt = v->n;
		}
	}
	c->cities = out;
	c->ncities = list->n;
	return index_names(L);
}

yb_status yb_gazetteer_load(yb_loader *L, const ynode *root)
{
	static const char *const keys[] = {"provinces", "cities", NULL};
	const ynode *p, *c;
	if (yb_check_keys(L, root, keys) || !(p = yb_require(L, root, "provinces")) ||
	    yb_expect(L, p, YN_SEQ, "provinces") || load_provinces(L, p) ||
	    !(c = yb_require(L, root, "cities")) || yb_expect(L, c, YN_SEQ, "cities") ||
	    load_cities(L, c))
		return YB_ECORPUS;
	return YB_OK;
}
