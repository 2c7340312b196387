/*
 * answer.h - what a query produces, shared by the evaluator and the renderers.
 *
 * An answer is a list of corpus items, each with the layer that supplied it and the set of
 * "worlds" it holds in. A world is one combination of values for the facts the user did not
 * give: with every fact given there is exactly one world and every item holds in it. With the
 * insurance type unknown there are three (employee, resident, flexible), and an item present
 * in only some of them is shown under that condition.
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
	/* Set by yb_answer_note_fallback(): the embedded corpus answers in place of the
	 * installed one; the kind's JSON name and why. NULL otherwise. */
	const char *fallback_kind, *fallback;
};

/* True when the item holds in every world of the answer. */
static inline bool yb_answer_item_always(const yb_answer *a, const yb_answer_item *it)
{
	uint64_t all = a->nworlds >= 64 ? ~0ull : (1ull << a->nworlds) - 1;
	return (it->worlds & all) == all;
}

/* One assumed value as a person reads it: 职工医保, 退休人员：是. */
void yb_assumption_label(const yb_answer *a, const yb_assumption *as, char *buf, size_t size);

/* A label for world k ("职工医保", "退休人员：是"), written into buf. */
void yb_world_label(const yb_answer *a, size_t k, char *buf, size_t size);

/* A label for the condition "in one of these worlds", as short as the worlds allow. */
void yb_condition_label(const yb_answer *a, uint64_t worlds, char *buf, size_t size);

#endif
