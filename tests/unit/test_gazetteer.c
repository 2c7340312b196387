/*
 * test_gazetteer.c - resolving cities in the real embedded corpus: every way of naming a city
 * (pinyin slug in any case, short or full Chinese name, adcode, a municipality's other codes)
 * finds it; shared slugs are refused with every candidate named; unknown names, near misses
 * and province names get a helpful YB_ENOTFOUND. The county-level units that report straight
 * to a province (仙桃, 济源, Hainan's, the XPCC cities) are places like the cities.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <string.h>

#include <stdio.h>
#include <stdlib.h>

#include "corpus.h"
#include "fixture.h"
#include "gazetteer.h"
#include "load.h"

static int open_corpus(void **state)
{
	yb_corpus *c = NULL;
	yb_error err;
	yb_status st = yb_corpus_open_embedded("transfer", &c, &err);
	if (st != YB_OK) {
		print_error("yb_corpus_open_embedded: %s:%d:%d: %s\n", err.file, err.line,
			    err.column, err.message);
		return -1;
	}
	*state = c;
	return 0;
}

static int close_corpus(void **state)
{
	yb_corpus_close(*state);
	return 0;
}

/* Looks name up, which must succeed; returns what it found. */
static yb_city_info lookup(const yb_corpus *c, const char *name)
{
	yb_city_info info;
	yb_error err;
	memset(&info, 0, sizeof(info));
	memset(&err, 0, sizeof(err));
	yb_status st = yb_city_lookup(c, name, &info, &err);
	if (st != YB_OK)
		print_error("lookup \"%s\": status %d: %s\n", name, st, err.message);
	assert_int_equal(st, YB_OK);
	assert_non_null(info.adcode);
	return info;
}

/* Looks name up, which must fail with `want`; returns the message. */
static const char *lookup_fails(const yb_corpus *c, const char *name, yb_status want)
{
	static yb_error err;
	yb_city_info info;
	memset(&err, 0, sizeof(err));
	yb_status st = yb_city_lookup(c, name, &info, &err);
	if (st != want)
		print_error("lookup \"%s\": status %d, want %d: %s\n", name, st, want, err.message);
	assert_int_equal(st, want);
	assert_int_equal(err.code, want);
	assert_true(err.message[0] != '\0');
	/* Not about a corpus file. */
	assert_string_equal(err.file, "");
	assert_int_equal(err.line, 0);
	return err.message;
}

static void assert_contains(const char *haystack, const char *needle)
{
	if (!strstr(haystack, needle))
		print_error("\"%s\" does not contain \"%s\"\n", haystack, needle);
	assert_non_null(strstr(haystack, needle));
}

static const char *const shared_slugs[] = {"fuzhou", "taizhou", "suzhou", "yichun", "yulin"};

static int is_shared_slug(const char *slug)
{
	for (size_t i = 0; i < sizeof(shared_slugs) / sizeof(shared_slugs[0]); i++)
		if (!strcmp(slug, shared_slugs[i]))
			return 1;
	return 0;
}

/* ---- The corpus ---------------------------------------------------------------------------- */

static bool is_county_level(const yb_corpus *c, const yb_city *city)
{
	static const char *const kinds[] = {"县级市", "县", "自治县", "林区"};
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(yb_str(c, city->kind), kinds[i]))
			return true;
	return false;
}

static void corpus_has_every_city_and_province(void **state)
{
	const yb_corpus *c = *state;
	size_t county_level = 0;
	for (size_t i = 0; i < c->ncities; i++)
		county_level += is_county_level(c, &c->cities[i]);
	assert_int_equal(c->ncities - county_level, 337);
	assert_int_equal(county_level, 32);
	assert_int_equal(c->nprovinces, 31);
	/* Every city belongs to one of the corpus's provinces, and every province has a city. */
	for (size_t i = 0; i < c->ncities; i++) {
		const yb_province *p = YB_AT(c, yb_province, c->cities[i].province);
		assert_non_null(p);
		assert_true(p >= c->provinces && p < c->provinces + c->nprovinces);
	}
	for (size_t i = 0; i < c->nprovinces; i++) {
		size_t n = 0;
		for (size_t j = 0; j < c->ncities; j++)
			n += YB_AT(c, yb_province, c->cities[j].province) == &c->provinces[i];
		if (n == 0)
			print_error("province %s has no city\n", yb_str(c, c->provinces[i].name));
		assert_true(n > 0);
	}
}

/* yb_city_at() lists every city once, in corpus order, each as yb_city_lookup() gives it by its
 * adcode; past the last it gives nothing. */
static void every_city_listed(void **state)
{
	const yb_corpus *c = *state;
	yb_city_info at, by_code;
	size_t n = 0;
	for (; yb_city_at(c, n, &at); n++) {
		assert_string_equal(at.adcode, yb_str(c, c->cities[n].adcode));
		assert_int_equal(yb_city_lookup(c, at.adcode, &by_code, NULL), YB_OK);
		assert_string_equal(at.name, by_code.name);
		assert_string_equal(at.short_name, by_code.short_name);
		assert_string_equal(at.slug, by_code.slug);
		assert_string_equal(at.kind, by_code.kind);
		assert_string_equal(at.province, by_code.province);
		assert_string_equal(at.province_adcode, by_code.province_adcode);
	}
	assert_int_equal(n, c->ncities);
	assert_int_equal(yb_city_at(c, (size_t)-1, &at), 0);
}

/* ---- Resolving ----------------------------------------------------------------------------- */

static void changsha_by_every_name(void **state)
{
	const yb_corpus *c = *state;
	static const char *const names[] = {"changsha", "长沙", "长沙市", "430100", "Changsha",
					    "CHANGSHA", "ChangSha"};
	yb_city_info first = lookup(c, names[0]);
	assert_string_equal(first.adcode, "430100");
	assert_string_equal(first.name, "长沙市");
	assert_string_equal(first.short_name, "长沙");
	assert_string_equal(first.slug, "changsha");
	assert_string_equal(first.kind, "地级市");
	assert_string_equal(first.province, "湖南省");
	assert_string_equal(first.province_adcode, "430000");
	for (size_t i = 1; i < sizeof(names) / sizeof(names[0]); i++) {
		yb_city_info info = lookup(c, names[i]);
		/* The same city: the very same strings of the corpus. */
		assert_ptr_equal(info.adcode, first.adcode);
		assert_ptr_equal(info.name, first.name);
		assert_ptr_equal(info.province, first.province);
	}
}

static void municipalities_by_code(void **state)
{
	const yb_corpus *c = *state;
	yb_city_info bj = lookup(c, "110000");
	assert_string_equal(bj.name, "北京市");
	assert_string_equal(bj.kind, "直辖市");
	assert_string_equal(bj.province, "北京市");
	assert_string_equal(bj.province_adcode, "110000");
	/* The municipality's district-level code means it too. */
	yb_city_info bj2 = lookup(c, "110100");
	assert_ptr_equal(bj2.adcode, bj.adcode);
	assert_string_equal(bj2.adcode, "110000"); /* reported by its main code */
	assert_ptr_equal(lookup(c, "beijing").adcode, bj.adcode);
	assert_ptr_equal(lookup(c, "北京").adcode, bj.adcode);

	/* Chongqing has two: 500100 (districts) and 500200 (counties). */
	yb_city_info cq = lookup(c, "500200");
	assert_string_equal(cq.name, "重庆市");
	assert_string_equal(cq.adcode, "500000");
	assert_string_equal(cq.kind, "直辖市");
	assert_ptr_equal(lookup(c, "500100").adcode, cq.adcode);
	assert_ptr_equal(lookup(c, "500000").adcode, cq.adcode);

	assert_string_equal(lookup(c, "310100").name, "上海市");
	assert_string_equal(lookup(c, "120100").name, "天津市");
	/* A code of another level is not a city. */
	lookup_fails(c, "500300", YB_ENOTFOUND);
}

/* The 32 county-level units of GB/T 2260 that report straight to a province: 济源 in Henan,
 * four in Hubei, fifteen in Hainan, twelve XPCC cities in Xinjiang (adcode xx90xx). */
static void county_level_units_by_every_name(void **state)
{
	const yb_corpus *c = *state;
	static const struct {
		const char *name, *short_name, *slug, *adcode, *kind, *province;
	} cases[] = {
		{"仙桃市", "仙桃", "xiantao", "429004", "县级市", "湖北省"},
		{"济源市", "济源", "jiyuan", "419001", "县级市", "河南省"},
		{"神农架林区", "神农架", "shennongjia", "429021", "林区", "湖北省"},
		{"定安县", "定安", "dingan", "469021", "县", "海南省"},
		{"保亭黎族苗族自治县", "保亭", "baoting", "469029", "自治县", "海南省"},
		{"乐东黎族自治县", "乐东", "ledong", "469027", "自治县", "海南省"},
		{"石河子市", "石河子", "shihezi", "659001", "县级市", "新疆维吾尔自治区"},
		{"白杨市", "白杨", "baiyang", "659012", "县级市", "新疆维吾尔自治区"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *names[] = {cases[i].name, cases[i].short_name, cases[i].slug,
				       cases[i].adcode};
		for (size_t k = 0; k < 4; k++) {
			yb_city_info info = lookup(c, names[k]);
			assert_string_equal(info.adcode, cases[i].adcode);
			assert_string_equal(info.name, cases[i].name);
			assert_string_equal(info.short_name, cases[i].short_name);
			assert_string_equal(info.slug, cases[i].slug);
			assert_string_equal(info.kind, cases[i].kind);
			assert_string_equal(info.province, cases[i].province);
		}
	}
	/* Each province that has them, and no other. */
	size_t by_province[4] = {0};
	static const char *const provinces[] = {"410000", "420000", "460000", "650000"};
	for (size_t i = 0; i < c->ncities; i++) {
		const yb_city *city = &c->cities[i];
		if (!is_county_level(c, city))
			continue;
		const char *adcode = yb_str(c, city->adcode),
			   *province = yb_str(c, YB_AT(c, yb_province, city->province)->adcode);
		size_t p = 0;
		while (p < 4 && strcmp(province, provinces[p]) != 0)
			p++;
		assert_true(p < 4);
		assert_memory_equal(adcode, province, 2);
		assert_memory_equal(adcode + 2, "90", 2);
		by_province[p]++;
	}
	assert_int_equal(by_province[0], 1);
	assert_int_equal(by_province[1], 4);
	assert_int_equal(by_province[2], 15);
	assert_int_equal(by_province[3], 12);
	/* The province's example city is still its capital, not a county-level unit. */
	const char *msg = lookup_fails(c, "湖北", YB_ENOTFOUND);
	assert_contains(msg, "武汉");
}

/* Names whose usual reading differs from the first reading of a character. */
static void polyphonic_names_have_the_right_slug(void **state)
{
	const yb_corpus *c = *state;
	static const struct {
		const char *name, *slug, *wrong;
	} cases[] = {
		{"长沙", "changsha", "zhangsha"}, {"重庆", "chongqing", "zhongqing"},
		{"厦门", "xiamen", "shamen"},     {"六安", "luan", "liuan"},
		{"蚌埠", "bengbu", "bangbu"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		yb_city_info by_name = lookup(c, cases[i].name);
		assert_string_equal(by_name.slug, cases[i].slug);
		yb_city_info by_slug = lookup(c, cases[i].slug);
		assert_ptr_equal(by_slug.adcode, by_name.adcode);
		assert_string_equal(by_slug.short_name, cases[i].name);
		yb_error err;
		yb_city_info info;
		assert_int_equal(yb_city_lookup(c, cases[i].wrong, &info, &err), YB_ENOTFOUND);
	}
	/* 陕西 is shaanxi, so that it differs from 山西 shanxi. */
	const yb_province *shaanxi = yb_gazetteer_find_province(c, "陕西");
	const yb_province *shanxi = yb_gazetteer_find_province(c, "山西");
	assert_non_null(shaanxi);
	assert_non_null(shanxi);
	assert_string_equal(yb_str(c, shaanxi->slug), "shaanxi");
	assert_string_equal(yb_str(c, shaanxi->name), "陕西省");
	assert_string_equal(yb_str(c, shanxi->slug), "shanxi");
	assert_string_equal(yb_str(c, shanxi->name), "山西省");
	assert_ptr_equal(yb_gazetteer_find_province(c, "shaanxi"), shaanxi);
	assert_ptr_equal(yb_gazetteer_find_province(c, "shanxi"), shanxi);
	assert_ptr_equal(yb_gazetteer_find_province(c, "610000"), shaanxi);
	assert_string_equal(lookup(c, "西安").province, "陕西省");
	assert_string_equal(lookup(c, "太原").province, "山西省");
}

/* A city whose short name is also a province's (吉林市 and 吉林省; 海南藏族自治州 and 海南省). */
static bool shares_a_province_name(const yb_corpus *c, const yb_city *city)
{
	return strcmp(yb_str(c, city->kind), "直辖市") != 0 &&
	       yb_gazetteer_find_province(c, yb_str(c, city->short_name)) != NULL;
}

/* Every city, by each of its names, resolves to itself (slugs shared by two cities, and short
 * names shared with a province, aside: those are refused as ambiguous, tested below). */
static void every_city_resolves_by_each_name(void **state)
{
	const yb_corpus *c = *state;
	size_t shared = 0, with_province = 0;
	for (size_t i = 0; i < c->ncities; i++) {
		const yb_city *city = &c->cities[i];
		const char *names[] = {yb_str(c, city->adcode), yb_str(c, city->name),
				       yb_str(c, city->short_name), yb_str(c, city->slug)};
		for (size_t k = 0; k < 4; k++) {
			if (k == 3 && is_shared_slug(names[3])) {
				shared++;
				continue;
			}
			if (k >= 2 && shares_a_province_name(c, city)) {
				with_province++;
				continue;
			}
			yb_error err;
			memset(&err, 0, sizeof(err));
			const yb_city *got = yb_gazetteer_find(c, names[k], &err);
			if (got != city)
				print_error("\"%s\" gave %s (%s), want %s\n", names[k],
					    got ? yb_str(c, got->name) : "nothing", err.message,
					    names[1]);
			assert_ptr_equal(got, city);
		}
		for (size_t k = 0; k < city->nalt; k++) {
			const char *alt = yb_str(c, yb_ref_at(c, city->alt, k));
			assert_ptr_equal(yb_gazetteer_find(c, alt, NULL), city);
		}
	}
	assert_int_equal(shared, 10);       /* five slugs, two cities each */
	assert_int_equal(with_province, 4); /* 吉林 and 海南: short name and slug each */
}

/* 海南 alone could be the province or 海南藏族自治州 in Qinghai: refused, never guessed. */
static void city_names_shared_with_a_province_are_ambiguous(void **state)
{
	const yb_corpus *c = *state;
	static const char *const names[] = {"海南", "hainan", "吉林", "jilin"};
	for (size_t i = 0; i < 4; i++) {
		yb_error err;
		assert_null(yb_gazetteer_find(c, names[i], &err));
		assert_int_equal(err.code, YB_EAMBIGUOUS);
		assert_non_null(strstr(err.message, i < 2 ? "海南藏族自治州" : "吉林市"));
		assert_non_null(strstr(err.message, i < 2 ? "海南省" : "吉林省"));
	}
	assert_string_equal(yb_str(c, yb_gazetteer_find(c, "海南藏族自治州", NULL)->adcode), "632500");
	assert_string_equal(yb_str(c, yb_gazetteer_find(c, "220200", NULL)->name), "吉林市");
}

/* ---- Refusals ------------------------------------------------------------------------------ */

static void shared_slugs_are_ambiguous(void **state)
{
	const yb_corpus *c = *state;
	static const struct {
		const char *slug, *a, *b;
	} cases[] = {
		{"fuzhou", "福州市", "抚州市"}, {"taizhou", "泰州市", "台州市"},
		{"suzhou", "苏州市", "宿州市"}, {"yichun", "伊春市", "宜春市"},
		{"yulin", "玉林市", "榆林市"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *msg = lookup_fails(c, cases[i].slug, YB_EAMBIGUOUS);
		assert_contains(msg, cases[i].a);
		assert_contains(msg, cases[i].b);
		/* Each is reachable by its Chinese name, and the two are different cities. */
		yb_city_info a = lookup(c, cases[i].a), b = lookup(c, cases[i].b);
		assert_string_equal(a.slug, cases[i].slug);
		assert_string_equal(b.slug, cases[i].slug);
		assert_string_not_equal(a.adcode, b.adcode);
		/* The message offers a way to pick: each one's adcode. */
		assert_contains(msg, a.adcode);
		assert_contains(msg, b.adcode);
	}
	/* Case does not make a slug less ambiguous. */
	lookup_fails(c, "Fuzhou", YB_EAMBIGUOUS);
	/* The list of shared slugs is complete: no other slug is used twice. */
	for (size_t i = 0; i < c->ncities; i++)
		for (size_t j = i + 1; j < c->ncities; j++)
			if (!strcmp(yb_str(c, c->cities[i].slug), yb_str(c, c->cities[j].slug)))
				assert_true(is_shared_slug(yb_str(c, c->cities[i].slug)));
}

static void unknown_name_is_not_found(void **state)
{
	const yb_corpus *c = *state;
	const char *msg = lookup_fails(c, "nowhere", YB_ENOTFOUND);
	assert_contains(msg, "nowhere");
	lookup_fails(c, "", YB_ENOTFOUND);
	lookup_fails(c, "999999", YB_ENOTFOUND);
	lookup_fails(c, "4301", YB_ENOTFOUND);    /* not a prefix match */
	lookup_fails(c, "changsha ", YB_ENOTFOUND); /* nor a trimmed one */
	/* Without an error struct, the status still comes back. */
	yb_city_info info;
	assert_int_equal(yb_city_lookup(c, "nowhere", &info, NULL), YB_ENOTFOUND);
	assert_int_equal(yb_city_lookup(c, "fuzhou", &info, NULL), YB_EAMBIGUOUS);
	assert_int_equal(yb_city_lookup(c, "changsha", &info, NULL), YB_OK);
	assert_string_equal(info.adcode, "430100");
}

static void near_miss_suggests_the_city(void **state)
{
	const yb_corpus *c = *state;
	const char *msg = lookup_fails(c, "changsa", YB_ENOTFOUND);
	assert_contains(msg, "changsa");
	assert_contains(msg, "changsha");
	assert_contains(msg, "长沙");
	msg = lookup_fails(c, "chongqin", YB_ENOTFOUND);
	assert_contains(msg, "chongqing");
	msg = lookup_fails(c, "长沙县", YB_ENOTFOUND);
	assert_contains(msg, "changsha");
	/* County-level units are suggested too. */
	msg = lookup_fails(c, "xiantau", YB_ENOTFOUND);
	assert_contains(msg, "xiantao 仙桃（湖北）");
	msg = lookup_fails(c, "shihezhi", YB_ENOTFOUND);
	assert_contains(msg, "shihezi 石河子（新疆）");
	/* One wrong character of two is near; a name with nothing in common is not. */
	msg = lookup_fails(c, "仙挑", YB_ENOTFOUND);
	assert_contains(msg, "xiantao 仙桃（湖北）");
	assert_null(strstr(msg, "北京"));
	msg = lookup_fails(c, "石和子", YB_ENOTFOUND);
	assert_contains(msg, "shihezi 石河子（新疆）");
	assert_null(strstr(msg, "北京"));
	/* Something far from every city suggests none of them. */
	msg = lookup_fails(c, "qqqqqqqqqqqq", YB_ENOTFOUND);
	assert_null(strstr(msg, "是不是"));
}

/* In English: the same names, the province in pinyin, English punctuation. */
static void refusals_in_english(void **state)
{
	const yb_corpus *c = *state;
	yb_city_info info;
	yb_error err;
	assert_int_equal(yb_city_lookup(c, "xiantau", &info, &err), YB_ENOTFOUND);
	assert_non_null(strstr(err.message_en, "unknown city \"xiantau\"; did you mean "));
	assert_non_null(strstr(err.message_en, "xiantao 仙桃 (Hubei)"));
	assert_int_equal(yb_city_lookup(c, "qqqqqqqqqqqq", &info, &err), YB_ENOTFOUND);
	assert_string_equal(err.message_en,
			    "unknown city \"qqqqqqqqqqqq\"; give its pinyin, its Chinese name or "
			    "its six-digit administrative code, e.g. changsha, 长沙 or 430100");
	assert_int_equal(yb_city_lookup(c, "fuzhou", &info, &err), YB_EAMBIGUOUS);
	assert_string_equal(err.message_en,
			    "\"fuzhou\" can mean 2 cities: 福州市 (Fujian, 350100), 抚州市 (Jiangxi, "
			    "361000); say which with its Chinese name or its administrative code, "
			    "e.g. 福州 or 350100");
	assert_int_equal(yb_city_lookup(c, "hunan", &info, &err), YB_ENOTFOUND);
	assert_string_equal(err.message_en, "\"hunan\" is a province (湖南省, Hunan); give a city "
					    "in it, e.g. 长沙 or changsha");
	assert_int_equal(yb_city_lookup(c, "jilin", &info, &err), YB_EAMBIGUOUS);
	assert_non_null(strstr(err.message_en, "\"jilin\" can mean 吉林市 (Jilin, 220200) or the "
					       "province 吉林省 (Jilin); for the first write "));
}

static void province_name_is_not_a_city(void **state)
{
	const yb_corpus *c = *state;
	static const char *const names[] = {"湖南", "湖南省", "hunan", "Hunan", "430000"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *msg = lookup_fails(c, names[i], YB_ENOTFOUND);
		assert_contains(msg, names[i]);
		assert_contains(msg, "湖南省");
		assert_contains(msg, "省级行政区"); /* says it is a province */
		assert_contains(msg, "长沙");       /* and names a city in it */
	}
	const char *msg = lookup_fails(c, "shaanxi", YB_ENOTFOUND);
	assert_contains(msg, "陕西省");
	msg = lookup_fails(c, "广西壮族自治区", YB_ENOTFOUND);
	assert_contains(msg, "省级行政区");
}

/* Each suggestion in msg (after 如, 请写 and 是不是), written to out; returns how many. A
 * suggestion is a name between spaces, 或, 、, （, ， and ； — the shapes the messages use. */
static size_t suggestions(const char *msg, char out[][64], size_t max)
{
	static const char *const markers[] = {"如 ", "请写 ", "是不是："};
	static const char *const stops[] = {" ", "、", "（", "，", "；"};
	size_t n = 0;
	for (size_t m = 0; m < 3; m++) {
		const char *p = strstr(msg, markers[m]);
		if (!p)
			continue;
		p += strlen(markers[m]);
		while (*p && n < max) {
			size_t len = strlen(p);
			for (size_t k = 0; k < 5; k++) {
				const char *hit = strstr(p, stops[k]);
				if (hit && (size_t)(hit - p) < len)
					len = (size_t)(hit - p);
			}
			if (len && len < 64 && strncmp(p, "或", len) != 0) {
				memcpy(out[n], p, len);
				out[n++][len] = '\0';
			}
			p += len;
			if (!strncmp(p, "（", strlen("（"))) /* a province in brackets: not a suggestion */
				p = strstr(p, "）") ? strstr(p, "）") + strlen("）") : p + strlen(p);
			if (!strncmp(p, "，", strlen("，")) || !strncmp(p, "；", strlen("；")) || !*p)
				break;
			p += strncmp(p, "、", strlen("、")) ? 1 : strlen("、");
		}
	}
	return n;
}

/* Adds the names in text[0..len), split at `sep`, to out; " (…)" after a name is no name. */
static void english_names(const char *text, size_t len, const char *sep, char out[][64],
			  size_t *n, size_t max)
{
	const char *end = text + len;
	while (text < end && *n < max) {
		const char *next = strstr(text, sep);
		size_t k = next && next < end ? (size_t)(next - text) : (size_t)(end - text);
		const char *bracket = strstr(text, " (");
		if (bracket && (size_t)(bracket - text) < k)
			k = (size_t)(bracket - text);
		assert_true(k > 0 && k < 64);
		memcpy(out[*n], text, k);
		out[(*n)++][k] = '\0';
		if (!next || next >= end)
			break;
		text = next + strlen(sep);
	}
}

/* The suggestions of an English message, in the order suggestions() finds the Chinese ones:
 * after "e.g." (to the end or ";"), after "write" (to ","), and after "did you mean" (to "?",
 * each a pinyin name and a Chinese one). */
static size_t english_suggestions(const char *msg, char out[][64], size_t max)
{
	size_t n = 0;
	const char *p = strstr(msg, "e.g. ");
	if (p) {
		p += strlen("e.g. ");
		english_names(p, strcspn(p, ";"), " or ", out, &n, max);
	}
	if ((p = strstr(msg, " write "))) {
		p += strlen(" write ");
		english_names(p, strcspn(p, ","), " or ", out, &n, max);
	}
	if ((p = strstr(msg, "did you mean "))) {
		p += strlen("did you mean ");
		size_t len = strcspn(p, "?");
		char items[8][64];
		size_t k = 0;
		english_names(p, len, ", ", items, &k, 8);
		for (size_t i = 0; i < k; i++)
			english_names(items[i], strlen(items[i]), " ", out, &n, max);
	}
	return n;
}

/* Every name a refusal suggests is one the lookup then accepts: for every province (named
 * three ways), every shared slug, the names shared with a province, and near misses. The
 * English message suggests the same names, in the same order. */
static void every_suggestion_is_accepted(void **state)
{
	const yb_corpus *c = *state;
	static const char *const names[] = {"福建", "fuzhou", "taizhou", "suzhou", "yichun", "yulin",
					    "海南", "hainan", "吉林", "jilin", "fuzhuo", "changsa",
					    "chongqin", "长沙县", "tianjing", "guangzhuo"};
	const char *all[64 + 3 * 40];
	size_t n = 0;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		all[n++] = names[i];
	for (size_t i = 0; i < c->nprovinces && n + 3 <= sizeof(all) / sizeof(all[0]); i++) {
		all[n++] = yb_str(c, c->provinces[i].short_name);
		all[n++] = yb_str(c, c->provinces[i].name);
		all[n++] = yb_str(c, c->provinces[i].slug);
	}
	for (size_t i = 0; i < n; i++) {
		yb_city_info info;
		yb_error err;
		if (yb_city_lookup(c, all[i], &info, &err) == YB_OK)
			continue; /* a municipality: a province that is a city */
		char found[8][64];
		size_t k = suggestions(err.message, found, 8);
		if (!k)
			print_error("no suggestion for \"%s\": %s\n", all[i], err.message);
		assert_true(k > 0);
		char found_en[8][64];
		size_t k_en = english_suggestions(err.message_en, found_en, 8);
		if (k_en != k)
			print_error("\"%s\": %zu suggestions in \"%s\", %zu in \"%s\"\n", all[i], k,
				    err.message, k_en, err.message_en);
		assert_int_equal(k_en, k);
		for (size_t j = 0; j < k; j++)
			assert_string_equal(found_en[j], found[j]);
		for (size_t j = 0; j < k; j++) {
			yb_status st = yb_city_lookup(c, found[j], &info, &err);
			if (st != YB_OK)
				print_error("\"%s\" suggests \"%s\", refused: %s\n", all[i], found[j],
					    err.message);
			assert_int_equal(st, YB_OK);
		}
	}
}

/* text with the first `from` replaced by `to`, in new heap memory. */
static char *replace_once(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	assert_non_null(at);
	size_t head = (size_t)(at - text), size = strlen(text) - strlen(from) + strlen(to) + 1;
	char *out = malloc(size);
	assert_non_null(out);
	snprintf(out, size, "%.*s%s%s", (int)head, text, to, at + strlen(from));
	return out;
}

/* A corpus may give a city a name with capitals or a long one (the shipped one has neither):
 * typed exactly, or in other case, it is found. */
static void names_with_capitals_or_long_names(void **state)
{
	(void)state;
	static char text[1 << 20];
	FILE *f = fopen(YIBAO_SOURCE_DIR "/rules/gazetteer/cities.yaml", "rb");
	assert_non_null(f);
	text[fread(text, 1, sizeof(text) - 1, f)] = '\0';
	fclose(f);
	const char *longname = "汕头汕头汕头汕头汕头汕头汕头汕头汕头汕头汕头汕头"; /* 72 bytes */
	char long_short[128];
	snprintf(long_short, sizeof(long_short), "short: %s\n", longname);
	char *one = replace_once(text, "short: 厦门\n", "short: XM\n");
	char *two = replace_once(one, "short: 汕头\n", long_short);
	fixture_file files[] = {{"gazetteer/cities.yaml", two}};
	yb_corpus *c = NULL;
	yb_error err;
	assert_int_equal(fixture_load(files, 1, "transfer", &c, &err), YB_OK);
	assert_string_equal(lookup(c, "XM").adcode, "350200");
	assert_string_equal(lookup(c, "xm").adcode, "350200");
	assert_string_equal(lookup(c, "Xiamen").adcode, "350200");
	assert_string_equal(lookup(c, longname).adcode, "440500");
	yb_corpus_close(c);
	fixture_remove();
	free(one);
	free(two);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(corpus_has_every_city_and_province),
		cmocka_unit_test(every_city_listed),
		cmocka_unit_test(changsha_by_every_name),
		cmocka_unit_test(municipalities_by_code),
		cmocka_unit_test(county_level_units_by_every_name),
		cmocka_unit_test(polyphonic_names_have_the_right_slug),
		cmocka_unit_test(every_city_resolves_by_each_name),
		cmocka_unit_test(city_names_shared_with_a_province_are_ambiguous),
		cmocka_unit_test(shared_slugs_are_ambiguous),
		cmocka_unit_test(unknown_name_is_not_found),
		cmocka_unit_test(near_miss_suggests_the_city),
		cmocka_unit_test(refusals_in_english),
		cmocka_unit_test(province_name_is_not_a_city),
		cmocka_unit_test(names_with_capitals_or_long_names),
		cmocka_unit_test(every_suggestion_is_accepted),
	};
	return cmocka_run_group_tests(tests, open_corpus, close_corpus);
}
