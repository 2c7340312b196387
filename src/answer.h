/*
 * answer.h - what a query produces: the walk's result, and the answer as data.
 *
 * The walk (eval.c) gives a list of corpus items, each with the layer that supplied it and the
 * set of "worlds" it holds in. A world is one combination of values for the facts the user did
 * not give: with every fact given there is exactly one world and every item holds in it. With
 * the insurance type unknown there are three (employee, resident, flexible), and an item present
 * in only some of them is shown under that condition.
 *
 * yb_answer_build() (answer.c) then turns that into the answer's data: the public structs of
 * yibao.h ("Reading an answer"), plain values and strings, which the API hands out and the
 * renderers print. Only the evaluator, answer.c and the checks of case files and lint read the
 * corpus objects below; the renderers read the data.
 */
#ifndef YB_ANSWER_H
#define YB_ANSWER_H

#include <stdint.h>

#include "arena.h"
#include "corpus.h"

enum { YB_MAX_WORLDS = 64, YB_MAX_ASSUMPTIONS = 8 };

/* One assumed value of an unknown fact. */
typedef struct yb_assumption {
	const yb_fact *fact;
	const yb_node *node; /* for facts that cannot be enumerated: the node whose case … */
	int choice;          /* … index, ncases meaning its default; else a value index */
} yb_assumption;

typedef struct yb_world {
	yb_assumption a[YB_MAX_ASSUMPTIONS];
	size_t n;
} yb_world;

typedef struct yb_answer_item {
	const yb_item *item;
	const yb_layer *layer;
	uint64_t worlds; /* bit k: holds in world k */
	int due;         /* YYYYMMDD the deadline falls on, or 0 when it has no date */
	int after;       /* index of the item whose due date it counts from, or -1 */
	uint64_t replacing; /* bit k: in world k it took the place of an earlier layer's item of
			       its kind and id rather than being added (lint reads it) */
} yb_answer_item;

/* Where the value a node tested came from, for explanations. */
typedef enum {
	ORIGIN_FLAG,      /* the user gave it (a command-line flag) */
	ORIGIN_GAZETTEER, /* derived from the cities: route, a city, its province */
	ORIGIN_DEFAULT,   /* the fact's default: the user did not give it */
	ORIGIN_ASSUMED    /* not given: one of the alternatives the answer lists */
} yb_origin;

/* One decision of the walk: which branch a node took, in which worlds. */
typedef struct yb_trace_step {
	const yb_layer *layer;
	const yb_node *node;
	int branch; /* a case index; node->ncases for the default (which may be absent) */
	yb_origin origin;
	uint64_t worlds;
} yb_trace_step;

/* A fact as the query gave it, for the answer's "facts" and alias notes. */
typedef struct yb_given {
	const yb_fact *fact;
	const char *value;          /* value id (enum), "true"/"false", or the text given */
	const yb_fact_value *enum_value;
	const char *typed;          /* what the user typed, when it was an alias */
	double number;              /* number facts */
	bool by_default;            /* not given: the fact's default value was used */
	yb_text note;               /* the alias's note (an old name), zh NULL when none */
} yb_given;

/* An entry, and the corpus objects behind it (the item and its layer): the same in every answer
 * from one corpus, so the JSON cache keys its templates by them (render.h). */
typedef struct yb_entry_slot {
	yb_entry e; /* first: a yb_entry is its slot's address */
	const void *key[2];
} yb_entry_slot;

typedef struct yb_source_slot {
	yb_source_info s; /* first, likewise */
	const void *key;
} yb_source_slot;

/* The entry lists: YB_LIST_VERDICTS to YB_LIST_NOTES. */
enum { YB_ENTRY_LISTS = YB_LIST_NOTES + 1 };

/* The answer as data: what yibao.h hands out. */
typedef struct yb_answer_data {
	yb_summary summary;
	char date[11];
	yb_city_info places[PLACE_COUNT];
	yb_side_info sides[YB_MAX_SIDES];
	yb_entry_slot *entries; /* list l: entries[list_start[l]] to entries[list_start[l + 1] - 1] */
	size_t list_start[YB_ENTRY_LISTS + 1];
	yb_source_slot *sources;
	size_t nsources;
	yb_question *questions;
	size_t nquestions;
	yb_given_fact *facts;
	size_t nfacts;
	yb_alternative *alternatives;
	size_t nalternatives;
	yb_decision *decisions;
	size_t ndecisions;
} yb_answer_data;

struct yb_answer {
	yb_arena arena;
	const yb_corpus *corpus;
	const yb_procedure *proc;
	const yb_city *place[PLACE_COUNT];
	const yb_fact_value *route; /* NULL for single-city procedures */
	int date;                   /* YYYYMMDD */
	bool date_given;

	yb_answer_item *items;
	size_t nitems;
	yb_world *worlds;
	size_t nworlds;
	const yb_fact **questions; /* facts the tree needed and the user did not give */
	size_t nquestions;
	const yb_given *given;
	size_t ngiven;
	int uncovered_year; /* a year a due date passed through with no holiday calendar, or 0 */
	yb_trace_step *trace; /* the decisions taken, in walk order, merged over the worlds */
	size_t ntrace;
	yb_answer_data data; /* built from the above by yb_answer_build() */
};

/* Builds a->data from the walk's result, once the due dates are worked out. 0, or -1 when out
 * of memory. */
int yb_answer_build(yb_answer *a);

/* The day benefits start under wait item it, for the answer's gap (YYYYMMDD); 0 without one. */
int yb_wait_start(const yb_answer *a, const yb_item *it);

/* True when the item holds in every world of the answer. */
static inline bool yb_answer_item_always(const yb_answer *a, const yb_answer_item *it)
{
	uint64_t all = a->nworlds >= 64 ? ~0ull : (1ull << a->nworlds) - 1;
	return (it->worlds & all) == all;
}

/* One assumed value as a person reads it: 职工医保, 退休人员：是; with `en`, in English (the
 * corpus's English of the fact and its value, else their Chinese): Retired: yes. */
void yb_assumption_label(const yb_answer *a, const yb_assumption *as, bool en, char *buf,
			 size_t size);

/* A label for world k ("职工医保", "退休人员：是"), written into buf; in English with `en`. */
void yb_world_label(const yb_answer *a, size_t k, bool en, char *buf, size_t size);

/* A label for the condition "in one of these worlds", as short as the worlds allow; in English
 * with `en`. */
void yb_condition_label(const yb_answer *a, uint64_t worlds, bool en, char *buf, size_t size);

#endif
