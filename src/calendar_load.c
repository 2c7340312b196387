/*
 * calendar_load.c - loading one rules/calendar/YEAR.yaml into the corpus (see calendar.h).
 */
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "date.h"
#include "load.h"

/* holidays: or workdays: — each entry {date, name}, inside the file's year. */
static yb_status load_days(yb_loader *L, const ynode *list, yb_calendar_year *y, int kind)
{
	static const char *const keys[] = {"date", "name", NULL};
	if (yb_expect(L, list, YN_SEQ, kind == DAY_OFF ? "holidays" : "workdays"))
		return YB_ECORPUS;
	for (size_t i = 0; i < list->n; i++) {
		const ynode *m = list->kids[i], *v;
		int date;
		yb_ref name;
		if (yb_expect(L, m, YN_MAP, "日期条目") || yb_check_keys(L, m, keys) ||
		    !(v = yb_require(L, m, "date")) || yb_get_date(L, v, &date))
			return YB_ECORPUS;
		if (date / 10000 != y->year)
			return yb_bad(L, v, "这一天在 %d 年，不属于本文件的年份 %d", date / 10000, y->year);
		int doy = yb_day_of_year(date);
		if (y->kind[doy] != DAY_PLAIN)
			return yb_bad(L, v, "这一天列出了两次");
		bool weekend = yb_weekday(date) >= 5;
		if (kind == DAY_WORK && !weekend)
			return yb_bad(L, v, "调休上班日应是星期六或星期日");
		if (!(v = yb_require(L, m, "name")) || yb_get_string(L, v, &name))
			return YB_ECORPUS;
		y->kind[doy] = (unsigned char)kind;
		y->name[doy] = name;
	}
	return YB_OK;
}

yb_status yb_calendar_load(yb_loader *L, const ynode *root)
{
	static const char *const keys[] = {"year", "source", "holidays", "workdays", NULL};
	static const char *const source_keys[] = {"title", "number", "issuer", "date", NULL};
	yb_corpus *c = L->c;
	const ynode *v, *src;
	long year;

	if (yb_check_keys(L, root, keys) || !(v = yb_require(L, root, "year")) ||
	    yb_get_int(L, v, 1949, 2200, &year))
		return YB_ECORPUS;
	if (yb_calendar_year_of(c, (int)year))
		return yb_bad(L, v, "%ld 年的日历加载了两次", year);
	yb_calendar_year *years = yb_arena_alloc(&c->arena, sizeof(*years) * (c->nyears + 1));
	yb_source *s = yb_arena_alloc(&c->arena, sizeof(*s));
	if (!years || !s)
		return yb_nomem(L);
	if (c->nyears)
		memcpy(years, c->years, sizeof(*years) * c->nyears);
	yb_calendar_year *y = &years[c->nyears];
	y->year = (int)year;

	/* The notice is a source like any other, kept with its year. */
	if (!(src = yb_require(L, root, "source")) || yb_expect(L, src, YN_MAP, "source") ||
	    yb_check_keys(L, src, source_keys) || !(v = yb_require(L, src, "title")) ||
	    yb_get_text(L, v, &s->title))
		return YB_ECORPUS;
	s->kind = SOURCE_OFFICIAL;
	s->pos = yb_pos_of(L, src);
	char id[32];
	snprintf(id, sizeof(id), "calendar-%ld", year);
	if (yb_keep(L, id, strlen(id), &s->id))
		return YB_ECORPUS;
	if ((v = yn_get(src, "number")) && yb_get_string(L, v, &s->number))
		return YB_ECORPUS;
	if ((v = yn_get(src, "issuer")) && yb_get_string(L, v, &s->issuer))
		return YB_ECORPUS;
	if ((v = yn_get(src, "date"))) {
		int d;
		if (yb_get_date(L, v, &d) || yb_get_string(L, v, &s->date))
			return YB_ECORPUS;
	}
	y->source = yb_ref_of(c, s);
	if (!(v = yb_require(L, root, "holidays")) || load_days(L, v, y, DAY_OFF) ||
	    !(v = yb_require(L, root, "workdays")) || load_days(L, v, y, DAY_WORK))
		return YB_ECORPUS;
	c->years = years;
	c->nyears++;
	return YB_OK;
}
