/*
 * render.h - what the text and JSON renderers share: the order items are shown in, and the
 * numbering of sources in that order, so that footnote [1] is the first source a reader meets
 * in either format.
 */
#ifndef YB_RENDER_H
#define YB_RENDER_H

#include "answer.h"
#include "buf.h"

/* The sections of an answer, in the order both renderers show them. */
typedef enum {
	SECTION_VERDICT,
	SECTION_ESTIMATES,
	SECTION_WAITS,
	SECTION_PRECONDITIONS,
	SECTION_STEPS,
	SECTION_MATERIALS,
	SECTION_DEADLINES,
	SECTION_WARNINGS,
	SECTION_INFO,
	SECTION_COUNT
} yb_section;

typedef struct yb_source_list {
	const yb_source **sources; /* in order of first citation */
	size_t n;
} yb_source_list;

/*
 * How an answer is laid out, worked out once per rendering: its items section by section, each
 * section in display order (steps and materials: general first, then online, then offline;
 * otherwise as the tree gave them), and the sources numbered in that order, so that footnote
 * [1] is the first source a reader meets in either format.
 */
typedef struct yb_layout {
	const yb_answer_item **items;
	size_t start[SECTION_COUNT + 1]; /* section s is items[start[s]] … items[start[s + 1] - 1] */
	yb_source_list sources;
} yb_layout;

/* Returns 0, or -1 out of memory; free with yb_layout_free(). */
int yb_layout_make(const yb_answer *a, yb_layout *out);
void yb_layout_free(yb_layout *l);

/* The items of section s; *n is set to how many. */
static inline const yb_answer_item **yb_layout_section(const yb_layout *l, yb_section s, size_t *n)
{
	*n = l->start[s + 1] - l->start[s];
	return l->items + l->start[s];
}

/* 1-based footnote number of s, or 0. */
size_t yb_source_number(const yb_source_list *l, const yb_source *s);

/* Writes a JSON string literal (escaped; invalid UTF-8 becomes U+FFFD). */
void yb_json_string(yb_buf *b, const char *s);

/*
 * Pre-rendered JSON for the corpus items answers share (render_json.c): a batch keeps one, so
 * each item's text is escaped and laid out once, not once per answer. Any corpus can use it;
 * it must not outlive the corpus. NULL from _new() when out of memory.
 */
typedef struct yb_json_cache yb_json_cache;
yb_json_cache *yb_json_cache_new(void);
void yb_json_cache_free(yb_json_cache *cache);

/* Appends the answer's JSON line to out, from the cache's templates when cache is not NULL
 * (the output is the same either way). On error out may hold part of it: the caller drops it. */
yb_status yb_render_json_to(const yb_answer *a, unsigned flags, yb_buf *out, yb_json_cache *cache,
			    yb_error *err);

/* The side's place name in the answer ("长沙市"), or NULL. */
const yb_city *yb_side_city(const yb_answer *a, int side);

/* An estimate worked out for the answer's value of the estimated fact. */
typedef struct yb_estimate {
	bool known;     /* the fact was given: the numbers below are filled */
	double cost, paid;
} yb_estimate;

yb_estimate yb_estimate_for(const yb_answer *a, const yb_item *it);

/* A waiting period worked out for the answer's gap (see yb_wait_rule). */
typedef struct yb_wait {
	bool known;        /* a gap was given: the fields below are filled */
	double gap_months; /* the gap, in months (years given are counted as 12 each) */
	int gap_years;     /* the gap in whole years, rounded up (counted rules) */
	int back_paid;     /* years back-paid (counted rules) */
	int variable;      /* counted rules: the part over fixed_months, after the credit */
	bool floored;      /* counted rules: raised to floor_months */
	bool within_grace; /* grace rules: the gap is within grace_months */
	int months;        /* the wait: counted, or 0 within grace, or max_months over it */
	int start;         /* YYYYMMDD benefits start (at the latest, for a grace rule's maximum) */
} yb_wait;

yb_wait yb_wait_for(const yb_answer *a, const yb_item *it);

/* What a trace step tested, as a person reads it: 省内跨市（由城市推出） … */
void yb_trace_value(const yb_answer *a, const yb_trace_step *t, char *buf, size_t size);
/* The origin's name in JSON: "flag", "gazetteer", "default", "assumed". */
const char *yb_origin_name(yb_origin o);
/* The level's name in Chinese: 全国, 湖南省 … */
const char *yb_layer_label(const yb_layer *ly);

/* A number as people write it: 1500, 0.5, 1234.56 (at most two decimals). */
void yb_format_number(char *out, size_t size, double v);

/* Hands a finished buffer to the caller's writer. */
yb_status yb_render_finish(yb_buf *b, yb_write_fn write, void *ctx, yb_error *err);

#endif
