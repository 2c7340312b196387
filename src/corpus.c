/*
 * corpus.c - looking things up in a loaded corpus, and freeing it.
 */
#include "corpus.h"

#include <string.h>
#include <sys/mman.h>

#include "mem.h"

void yb_corpus_close(yb_corpus *c)
{
	if (!c)
		return;
	yb_interner_free(&c->ids);
	if (c->owner == IMAGE_BUILT)
		yb_arena_free(&c->arena);
	else if (c->owner == IMAGE_MAPPED && c->mapping)
		munmap(c->mapping, c->mapping_size);
	yb_free(c);
}

const char *yb_corpus_version(const yb_corpus *c)
{
	return c->version;
}

const char *yb_corpus_date(const yb_corpus *c)
{
	return c->date;
}

const char *yb_place_name(yb_place place)
{
	static const char *const names[] = {"from", "to", "city"};
	return place < PLACE_COUNT ? names[place] : NULL;
}

const yb_fact *yb_corpus_fact(const yb_corpus *c, const char *id)
{
	for (size_t i = 0; i < c->nfacts; i++)
		if (strcmp(yb_str(c, c->facts[i].id), id) == 0)
			return &c->facts[i];
	return NULL;
}

const yb_procedure *yb_corpus_procedure(const yb_corpus *c, const char *id)
{
	for (size_t i = 0; i < c->nprocedures; i++)
		if (strcmp(yb_str(c, c->procedures[i].id), id) == 0)
			return &c->procedures[i];
	return NULL;
}

const yb_province *yb_corpus_province(const yb_corpus *c, const char *adcode)
{
	for (size_t i = 0; i < c->nprovinces; i++)
		if (strcmp(yb_str(c, c->provinces[i].adcode), adcode) == 0)
			return &c->provinces[i];
	return NULL;
}

size_t yb_fact_choices(const yb_corpus *c, const char *fact, yb_choice *out, size_t max)
{
	const yb_fact *f = yb_corpus_fact(c, fact);
	if (!f || f->kind != FACT_ENUM)
		return 0;
	const yb_fact_value *values = YB_AT(c, yb_fact_value, f->values);
	for (size_t i = 0; i < f->nvalues && i < max; i++) {
		out[i].value = yb_str(c, values[i].id);
		out[i].label = yb_text_zh(c, values[i].label);
	}
	return f->nvalues;
}

void yb_source_fill(const yb_corpus *c, yb_source_info *out, const yb_source *s, size_t n)
{
	out->id = yb_str(c, s->id);
	out->n = n;
	out->kind = (yb_source_type)s->kind;
	out->title = (yb_zh_en){yb_str(c, s->title.zh), yb_str(c, s->title.en)};
	out->number = yb_str(c, s->number);
	out->issuer = yb_str(c, s->issuer);
	out->date = yb_str(c, s->date);
	out->file = yb_str(c, s->file);
	out->heading = yb_str(c, s->heading);
	out->url = yb_str(c, s->url);
	out->read = yb_str(c, s->read);
	out->unconfirmed = s->unconfirmed;
}

size_t yb_corpus_source(const yb_corpus *c, size_t i, yb_source_info *out)
{
	if (i < c->nsources && out)
		yb_source_fill(c, out, &c->sources[i], i + 1);
	return c->nsources;
}
