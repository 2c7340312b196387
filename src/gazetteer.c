/*
 * gazetteer.c - resolving a city of the gazetteer (the provinces and prefecture-level cities of
 * mainland China, with the county-level units that report straight to a province: 仙桃, 济源,
 * Hainan's, the XPCC cities; see gazetteer_load.c) from what a person types: a pinyin slug (changsha), a short or full
 * Chinese name (长沙, 长沙市) or an adcode (430100).
 *
 * Note that slugs are not unique (fuzhou is 福州 and 抚州): a name that fits several cities is
 * refused with every candidate named, never resolved to the first one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gazetteer.h"
#include "render.h"
#include "suggest.h"

/* Compares a key (lowercase ASCII) with a typed name, folding the name's capitals. */
static int fold_cmp(const char *key, const char *name)
{
	for (;; key++, name++) {
		unsigned char k = (unsigned char)*key, n = (unsigned char)*name;
		if (n >= 'A' && n <= 'Z')
			n = (unsigned char)(n + 32);
		if (k != n || !k)
			return k - n;
	}
}

/* The first index entry for name (ASCII case aside), or where it would be. */
static size_t first_entry(const yb_corpus *c, const char *name)
{
	size_t lo = 0, hi = c->ncity_names;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (fold_cmp(yb_str(c, c->city_names[mid].key), name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The cities that answer to name, in corpus order (at most max), and the province if one does. */
static size_t find_all(const yb_corpus *c, const char *name, const yb_city **found, size_t max,
		       const yb_province **province)
{
	size_t n = 0;
	*province = NULL;
	for (size_t i = first_entry(c, name);
	     i < c->ncity_names && !fold_cmp(yb_str(c, c->city_names[i].key), name); i++) {
		const yb_city_name *e = &c->city_names[i];
		const yb_city *city = YB_AT(c, yb_city, e->city);
		if (!city)
			*province = YB_AT(c, yb_province, e->province);
		else if (n < max && (!n || found[n - 1] != city))
			found[n++] = city;
	}
	return n;
}

const yb_province *yb_gazetteer_find_province(const yb_corpus *c, const char *name)
{
	const yb_city *none[1];
	const yb_province *province;
	find_all(c, name, none, 0, &province);
	return province;
}

/* A province's English name: Hunan. */
static const char *province_en(const yb_corpus *c, const yb_province *p, char out[64])
{
	return yb_capitalised(yb_str(c, p->slug), out, 64);
}

/* "福州市（福建省，350100）", or in English "福州市 (Fujian, 350100)". */
static void describe(const yb_corpus *c, char *out, size_t size, const yb_city *city, bool en)
{
	const yb_province *p = YB_AT(c, yb_province, city->province);
	char name[64];
	if (en)
		snprintf(out, size, "%s (%s, %s)", yb_str(c, city->name), province_en(c, p, name),
			 yb_str(c, city->adcode));
	else
		snprintf(out, size, "%s（%s，%s）", yb_str(c, city->name), yb_str(c, p->name),
			 yb_str(c, city->adcode));
}

/* Whether a name with these matches resolves to a city without a guess: 海南 is a province and
 * the short name of 海南藏族自治州 in Qinghai; 吉林 is a province and 吉林市. A name that is
 * only the city's, or the province's name written in full or as an adcode, is no guess. */
static bool unique(const yb_corpus *c, const yb_city *const *found, size_t n,
		   const yb_province *prov, const char *name)
{
	return n == 1 && (!prov || !strcmp(yb_str(c, found[0]->kind), "直辖市") ||
			  !strcmp(yb_str(c, found[0]->name), name) ||
			  !strcmp(yb_str(c, found[0]->adcode), name));
}

/* Whether name, typed by a user, resolves to exactly this city. */
static bool resolves_to(const yb_corpus *c, const char *name, const yb_city *city)
{
	const yb_city *found[2];
	const yb_province *prov;
	size_t n = find_all(c, name, found, 2, &prov);
	return unique(c, found, n, prov, name) && found[0] == city;
}

/* The shortest Chinese name and the pinyin name that resolve to the city, for suggestions: a
 * suggestion the command then refused would be worse than none. The adcode always resolves. */
static const char *chinese_form(const yb_corpus *c, const yb_city *city)
{
	const char *short_name = yb_str(c, city->short_name), *name = yb_str(c, city->name);
	return resolves_to(c, short_name, city) ? short_name
	       : resolves_to(c, name, city)     ? name
						: yb_str(c, city->adcode);
}

static const char *latin_form(const yb_corpus *c, const yb_city *city)
{
	const char *slug = yb_str(c, city->slug);
	return resolves_to(c, slug, city) ? slug : yb_str(c, city->adcode);
}

const yb_city *yb_gazetteer_find(const yb_corpus *c, const char *name, yb_error *err)
{
	const yb_city *found[8];
	const yb_province *prov;
	size_t n = find_all(c, name, found, 8, &prov);
	if (unique(c, found, n, prov, name))
		return found[0];
	if (n == 1) {
		char one[120], one_en[120], prov_en[64];
		describe(c, one, sizeof(one), found[0], false);
		describe(c, one_en, sizeof(one_en), found[0], true);
		yb_fail(err, YB_EAMBIGUOUS,
			"\"%s\" 可指 %s%.0s，也可指省级行政区 %s%.0s；指前者请写 %s 或 %s，指后者请给出其中的具体城市",
			"\"%s\" can mean %.0s%s or the province %s (%s); for the first write %s or %s, "
			"for the second give a city in it",
			name, one, one_en, yb_str(c, prov->name), province_en(c, prov, prov_en),
			chinese_form(c, found[0]), yb_str(c, found[0]->adcode));
		return NULL;
	}

	if (n > 1) {
		char list[400] = "", list_en[400] = "", one[120];
		for (size_t i = 0; i < n; i++) {
			describe(c, one, sizeof(one), found[i], false);
			strncat(list, i ? "、" : "", sizeof(list) - strlen(list) - 1);
			strncat(list, one, sizeof(list) - strlen(list) - 1);
			describe(c, one, sizeof(one), found[i], true);
			strncat(list_en, i ? ", " : "", sizeof(list_en) - strlen(list_en) - 1);
			strncat(list_en, one, sizeof(list_en) - strlen(list_en) - 1);
		}
		yb_fail(err, YB_EAMBIGUOUS,
			"\"%s\" 可指 %zu 个城市：%s%.0s；请用中文名或行政区划代码指明，如 %s 或 %s",
			"\"%s\" can mean %zu cities: %.0s%s; say which with its Chinese name or its "
			"administrative code, e.g. %s or %s",
			name, n, list, list_en, chinese_form(c, found[0]), yb_str(c, found[0]->adcode));
		return NULL;
	}

	if (prov) {
		/* Name the province's first city (by adcode, usually its capital) as an example. */
		const yb_city *example = NULL;
		for (size_t i = 0; !example && i < c->ncities; i++)
			if (YB_AT(c, yb_province, c->cities[i].province) == prov)
				example = &c->cities[i];
		char prov_en[64];
		if (!example)
			yb_fail(err, YB_ENOTFOUND, "\"%s\" 是省级行政区（%s%.0s），请给出其中的具体城市",
				"\"%s\" is a province (%s, %s); give a city in it", name,
				yb_str(c, prov->name), province_en(c, prov, prov_en));
		else
			yb_fail(err, YB_ENOTFOUND,
				"\"%s\" 是省级行政区（%s%.0s），请给出其中的具体城市，如 %s 或 %s",
				"\"%s\" is a province (%s, %s); give a city in it, e.g. %s or %s", name,
				yb_str(c, prov->name), province_en(c, prov, prov_en),
				chinese_form(c, example), latin_form(c, example));
		return NULL;
	}
	yb_suggest s;
	yb_suggest_init(&s, 3);
	for (size_t i = 0; i < c->ncities; i++) {
		const yb_city *city = &c->cities[i];
		int d = yb_edit_distance(name, yb_str(c, city->slug));
		int dn = yb_edit_distance(name, yb_str(c, city->short_name));
		int df = yb_edit_distance(name, yb_str(c, city->name));
		if (dn < d)
			d = dn;
		if (df < d)
			d = df;
		/* Short names are two or three characters: one wrong character is already far.
		 * Counted in characters, like d: in bytes, every two-character name was near. */
		if (d * 3 <= (int)yb_char_count(name) + 2)
			yb_suggest_offer(&s, city, d);
	}
	if (s.n == 0) {
		yb_fail(err, YB_ENOTFOUND,
			"未找到城市 \"%s\"；可用拼音、中文名或六位行政区划代码，如 changsha、长沙 或 "
			"430100",
			"unknown city \"%s\"; give its pinyin, its Chinese name or its six-digit "
			"administrative code, e.g. changsha, 长沙 or 430100",
			name);
		return NULL;
	}
	char list[400] = "", list_en[400] = "", one[120], prov_en[64];
	for (size_t i = 0; i < s.n; i++) {
		const yb_city *city = s.items[i];
		const yb_province *p = YB_AT(c, yb_province, city->province);
		snprintf(one, sizeof(one), "%s %s（%s）", latin_form(c, city), chinese_form(c, city),
			 yb_str(c, p->short_name));
		strncat(list, i ? "、" : "", sizeof(list) - strlen(list) - 1);
		strncat(list, one, sizeof(list) - strlen(list) - 1);
		snprintf(one, sizeof(one), "%s %s (%s)", latin_form(c, city), chinese_form(c, city),
			 province_en(c, p, prov_en));
		strncat(list_en, i ? ", " : "", sizeof(list_en) - strlen(list_en) - 1);
		strncat(list_en, one, sizeof(list_en) - strlen(list_en) - 1);
	}
	yb_fail(err, YB_ENOTFOUND, "未找到城市 \"%s\"；是不是：%s%.0s",
		"unknown city \"%s\"; did you mean %.0s%s?", name, list, list_en);
	return NULL;
}

yb_status yb_city_lookup(const yb_corpus *c, const char *name, yb_city_info *out, yb_error *err)
{
	yb_error scratch;
	const yb_city *city = yb_gazetteer_find(c, name, err ? err : &scratch);
	if (!city)
		return err ? err->code : scratch.code;
	yb_city_fill(c, out, city);
	return YB_OK;
}

void yb_city_fill(const yb_corpus *c, yb_city_info *out, const yb_city *city)
{
	const yb_province *p = YB_AT(c, yb_province, city->province);
	out->adcode = yb_str(c, city->adcode);
	out->name = yb_str(c, city->name);
	out->short_name = yb_str(c, city->short_name);
	out->slug = yb_str(c, city->slug);
	out->kind = yb_str(c, city->kind);
	out->province_adcode = yb_str(c, p->adcode);
	out->province = yb_str(c, p->name);
	out->province_slug = yb_str(c, p->slug);
}

int yb_city_at(const yb_corpus *c, size_t i, yb_city_info *out)
{
	if (i >= c->ncities)
		return 0;
	yb_city_fill(c, out, &c->cities[i]);
	return 1;
}
