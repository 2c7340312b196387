/*
 * corpus.h - the model of a loaded rule corpus: the corpus image.
 *
 * Everything here lives in one contiguous block, the image, and is immutable once loading ends.
 * Objects refer to one another by offset from the start of the image (yb_ref), never by
 * pointer, so the same bytes answer wherever they lie: built by the YAML loader in memory,
 * compiled into the binary, or written by `yibao update` and mapped from a file (image.h has
 * the file format). Read a reference with yb_at()/YB_AT() and a string with yb_str().
 *
 * Ids are interned: two ids are equal exactly when their references are. References between
 * objects (a step's channels, an item's sources, a case's values) are resolved at load time, so
 * a loaded corpus has no dangling id and the evaluator never looks anything up by name.
 *
 * The YAML format that this models is documented in docs/rules.md.
 */
#ifndef YB_CORPUS_H
#define YB_CORPUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "yibao.h"

/* Where an object or a string lies in the corpus image: its offset from the image's start.
 * 0 is no object (the image starts with its header, which nothing refers to). */
typedef uint32_t yb_ref;

/* A text a user reads: Chinese first, English when the corpus has it (en may be 0). */
typedef struct yb_text {
	yb_ref zh, en;
} yb_text;

/* Where a corpus object was written, for errors, lint and explanations. */
typedef struct yb_pos {
	yb_ref file; /* relative to the corpus root, e.g. procedures/transfer.yaml */
	int line, column;
} yb_pos;

/* ---- Catalogues ---------------------------------------------------------------------------- */

/* official: a government document or page; seed: one of the seed articles; web: any other
 * public page, never more than a pointer (its items are marked unconfirmed). */
typedef enum { SOURCE_OFFICIAL, SOURCE_SEED, SOURCE_WEB } yb_source_kind;

typedef struct yb_source {
	yb_ref id;
	yb_source_kind kind;
	yb_text title;
	yb_ref number, issuer, date, file, heading, url; /* 0 when absent */
	yb_ref read; /* web pages: the day the page was read, YYYY-MM-DD */
	bool unconfirmed;
	yb_pos pos;
} yb_source;

typedef struct yb_material {
	yb_ref id;
	yb_text name, issued_by;
	yb_pos pos;
} yb_material;

typedef enum { CHANNEL_APP, CHANNEL_WEB, CHANNEL_MINI_PROGRAM, CHANNEL_COUNTER, CHANNEL_PHONE }
	yb_channel_kind;

typedef struct yb_channel {
	yb_ref id;
	yb_text name, path;
	yb_channel_kind kind;
	yb_pos pos;
} yb_channel;

/* ---- The gazetteer ------------------------------------------------------------------------- */

typedef struct yb_province {
	yb_ref adcode, name, short_name, slug;
} yb_province;

typedef struct yb_city {
	yb_ref adcode, name, short_name, slug, kind;
	yb_ref alt; /* yb_ref[nalt]: other codes that mean this city (a municipality's 110100 …) */
	size_t nalt;
	yb_ref province; /* yb_province */
} yb_city;

/* One name a place answers to (adcode, other code, 长沙市, 长沙, changsha), for lookups: a
 * city's (province NULL) or a province's (city NULL). */
typedef struct yb_city_name {
	yb_ref key;
	yb_ref city;     /* yb_city, or 0 */
	yb_ref province; /* yb_province, or 0 */
} yb_city_name;

/* ---- Facts --------------------------------------------------------------------------------- */

typedef enum { FACT_ENUM, FACT_BOOL, FACT_NUMBER, FACT_DATE, FACT_CITY, FACT_PROVINCE }
	yb_fact_kind;

/* The places a procedure can take, in the order they are declared. */
typedef enum { PLACE_FROM, PLACE_TO, PLACE_CITY, PLACE_COUNT } yb_place;

typedef struct yb_alias {
	yb_ref name;
	yb_text note; /* an old name's explanation; zh 0 for a plain alias */
} yb_alias;

typedef struct yb_fact_value {
	yb_ref id;
	yb_text label;
	yb_ref aliases; /* yb_alias[naliases] */
	size_t naliases;
} yb_fact_value;

typedef struct yb_fact {
	yb_ref id;
	yb_fact_kind kind;
	yb_ref flag; /* "--type"; 0 for derived facts */
	yb_text label, question;
	yb_ref values; /* yb_fact_value[nvalues]: enum facts */
	size_t nvalues;
	yb_ref default_value; /* yb_fact_value: enum facts: used, and said so, when not given */
	yb_ref same_as;       /* yb_fact: enum facts: when not given, the value of this fact
				 (whose values it shares): --to-type follows --type */
	yb_ref default_bool;  /* bool facts: "true"/"false" when not given, or 0 */
	yb_ref same_as_id;    /* while loading: the id same_as names */
	yb_pos same_as_pos;
	double min, max;                    /* number facts: the values accepted */
	bool has_min, has_max;
	int index; /* slot in a query's fact table */
	bool derived;
	yb_place place; /* derived place facts: which place */
	yb_pos pos;
} yb_fact;

/* ---- Procedures ---------------------------------------------------------------------------- */

typedef enum {
	ITEM_STEP,
	ITEM_MATERIAL,
	ITEM_DEADLINE,
	ITEM_NOTE,
	ITEM_VERDICT,
	ITEM_ESTIMATE,
	ITEM_WAIT
} yb_item_kind;

/*
 * A waiting period after a gap in cover. Two shapes: a grace rule (a gap up to grace_months is
 * back-paid with nothing lost; a longer one may cost up to max_months), and a counted rule
 * (fixed_months, plus per_gap_year for each year of gap after the first, less back_pay_credit
 * per year back-paid, at least floor_months once the gap reaches floor_gap_years).
 */
typedef struct yb_wait_rule {
	int grace_months, max_months;
	int fixed_months, per_gap_year, back_pay_credit, floor_gap_years, floor_months;
	yb_ref gap_months, gap_years, back_paid; /* yb_fact: the facts it reads */
} yb_wait_rule;
typedef enum { PATH_ANY, PATH_ONLINE, PATH_OFFLINE } yb_path;
typedef enum { NOTE_PRECONDITION, NOTE_WARNING, NOTE_INFO } yb_note_kind;

typedef struct yb_deadline {
	bool present;
	int working_days; /* -1 when not counted in working days */
	int days, months; /* calendar days or months; 0 when not counted so */
	yb_ref after; /* interned id of the step whose due date it counts from, or 0 */
	yb_text from; /* counted from an event the answer cannot date (审核通过之日): no due */
	yb_text text;
	yb_ref sources; /* yb_ref[nsources] of yb_source: its own; when empty, the item's */
	size_t nsources;
} yb_deadline;

typedef struct yb_item {
	yb_item_kind kind;
	yb_ref id;      /* unique among the items of one kind in one layer (materials: the ref) */
	yb_text title;  /* step and deadline titles, note titles (optional) */
	yb_text text;   /* step detail, note text, material note, verdict reason */
	int side;       /* index into the procedure's sides, -1, or YB_SIDE_EITHER */
	yb_path path;
	yb_ref channels;      /* yb_ref[nchannels] of yb_channel */
	yb_ref channel_paths; /* yb_text[nchannels]: where to tap for this step (zh 0: the
			       * channel's own path) */
	size_t nchannels;
	yb_deadline deadline;          /* steps and deadline items */
	yb_ref material;               /* yb_material: material items */
	yb_note_kind note_kind;        /* note items */
	yb_ref verdict_key;            /* verdict items: "refundable", "covered" */
	yb_ref verdict_value;          /* "true", "false", "partial", "depends" */
	yb_ref of;                     /* yb_fact: estimate items: the number fact estimated */
	double deductible, ratio;      /* estimate items: paid = (of - deductible) x ratio */
	yb_wait_rule wait;             /* wait items */
	yb_ref sources; /* yb_ref[nsources] of yb_source */
	size_t nsources;
	int in_force_from, in_force_until; /* YYYYMMDD; 0 when open */
	bool unconfirmed;
	yb_pos pos;
} yb_item;

/* A step that either side's office takes (`side: either`): shown under no one side. */
enum { YB_SIDE_EITHER = -3 };

typedef struct yb_node yb_node;

typedef struct yb_case {
	/* enum, bool, city and province facts: the values matched (interned ids, "true"/"false",
	 * adcodes) */
	yb_ref values; /* yb_ref[nvalues] of strings */
	size_t nvalues;
	/* number facts: an inclusive range; date facts: YYYYMMDD range. Open ends are flagged. */
	double min, max;
	bool has_min, has_max;
	yb_ref body; /* yb_node */
	yb_pos pos;
} yb_case;

struct yb_node {
	yb_ref items; /* yb_ref[nitems] of yb_item */
	size_t nitems;
	yb_ref remove; /* yb_ref[nremove]: interned ids of earlier items to drop */
	size_t nremove;
	yb_ref then; /* yb_ref[nthen] of yb_node: independent sub-trees, walked in order before
		      * the test */
	size_t nthen;
	yb_ref test;  /* yb_fact; 0 for a leaf */
	yb_ref cases; /* yb_case[ncases] */
	size_t ncases;
	yb_ref otherwise; /* yb_node: the `default:` branch, or 0 */
	yb_pos pos;
};

typedef enum { LEVEL_NATIONAL, LEVEL_PROVINCE, LEVEL_CITY } yb_level;

typedef struct yb_layer {
	yb_level level;
	yb_ref area;            /* adcode of the province or city; 0 for national */
	yb_ref area_name;       /* 湖南省; 0 for national */
	unsigned applies_to;    /* bit per yb_place: all must lie in the area … */
	bool any;               /* … or, with `match: any`, at least one of them */
	yb_ref tree;            /* yb_node */
	yb_pos pos;
} yb_layer;

typedef struct yb_side {
	yb_ref id; /* "out", "in" */
	yb_place place;
	yb_text label;  /* 转出地 */
} yb_side;

enum { YB_MAX_SIDES = 4 };

typedef struct yb_procedure {
	yb_ref id;
	yb_text title;
	unsigned places;   /* bit per yb_place */
	unsigned optional; /* the places a query may leave out */
	yb_side sides[YB_MAX_SIDES];
	size_t nsides;
	yb_ref asks; /* yb_ref[nasks] of yb_fact */
	size_t nasks;
	yb_ref requires; /* yb_ref[nrequires] of yb_fact: asked facts a query must give */
	size_t nrequires;
	yb_ref layers; /* yb_layer[nlayers] */
	size_t nlayers;
	yb_ref file;
} yb_procedure;

/* ---- The corpus ---------------------------------------------------------------------------- */

/* The image's root record: where each catalogue starts. image.h writes and reads it. */
typedef struct yb_corpus_root {
	yb_ref version, date;
	yb_ref sources, materials, channels, provinces, cities, city_names, facts, years;
	size_t nsources, nmaterials, nchannels, nprovinces, ncities, ncity_names, nfacts, nyears;
	yb_ref route, place[PLACE_COUNT], province_of[PLACE_COUNT];
	yb_ref procedure_names; /* yb_ref[nprocedure_names] of ids */
	size_t nprocedure_names;
	yb_ref procedures;
	size_t nprocedures;
} yb_corpus_root;

/* Who owns a corpus's image, and so how yb_corpus_close() lets it go. */
typedef enum {
	IMAGE_BUILT,   /* built by the YAML loader in `arena` */
	IMAGE_MAPPED,  /* a file mapped into memory (an installed update) */
	IMAGE_STATIC   /* compiled into the binary */
} yb_image_owner;

/*
 * A corpus: its image, and its root's catalogues resolved to pointers once, when it opens (the
 * handle is not part of the image). Nested objects are reached through yb_at().
 */
struct yb_corpus {
	const unsigned char *base; /* the image; every yb_ref is an offset from here */
	size_t size;
	yb_image_owner owner;
	yb_arena arena;  /* IMAGE_BUILT: the contiguous arena the image lies in */
	yb_interner ids; /* while loading */
	void *mapping;   /* IMAGE_MAPPED: what to unmap */
	size_t mapping_size;

	const char *version, *date;
	const yb_source *sources;
	size_t nsources;
	const yb_material *materials;
	size_t nmaterials;
	const yb_channel *channels;
	size_t nchannels;
	const yb_province *provinces;
	size_t nprovinces;
	const yb_city *cities;
	size_t ncities;
	/* Every name of every city and province, sorted by key (then cities in order, then the
	 * province): a lookup is a binary search. */
	const yb_city_name *city_names;
	size_t ncity_names;

	/* User facts from facts.yaml, then the derived ones; facts[i].index == i. */
	const yb_fact *facts;
	size_t nfacts;
	const yb_fact *route;                   /* derived: intra-city … */
	const yb_fact *place[PLACE_COUNT];       /* derived: from, to, city */
	const yb_fact *province_of[PLACE_COUNT]; /* derived: from.province … */

	/* The official holiday calendar, one entry per year (calendar.h). */
	const struct yb_calendar_year *years;
	size_t nyears;

	/* Every procedure corpus.yaml names (ids), and the ones actually loaded. */
	const yb_ref *procedure_names;
	size_t nprocedure_names;
	const yb_procedure *procedures;
	size_t nprocedures;
};

/* The object at r, or NULL for 0. */
static inline const void *yb_at(const yb_corpus *c, yb_ref r)
{
	return r ? (const void *)(c->base + r) : NULL;
}
#define YB_AT(c, type, r) ((const type *)yb_at((c), (r)))

/* The string at r, or NULL for 0. */
static inline const char *yb_str(const yb_corpus *c, yb_ref r)
{
	return (const char *)yb_at(c, r);
}

/* Element i of an array of references (a node's items, a procedure's asks). */
static inline yb_ref yb_ref_at(const yb_corpus *c, yb_ref array, size_t i)
{
	return ((const yb_ref *)yb_at(c, array))[i];
}
#define YB_NTH(c, type, array, i) YB_AT(c, type, yb_ref_at((c), (array), (i)))

/* While loading: the reference of an object or string in the image being built (0 for NULL). */
static inline yb_ref yb_ref_of(const yb_corpus *c, const void *p)
{
	return p ? (yb_ref)((const unsigned char *)p - c->base) : 0;
}

/* Name of a place fact ("from"); NULL for PLACE_COUNT. */
const char *yb_place_name(yb_place place);

const yb_fact *yb_corpus_fact(const yb_corpus *c, const char *id);
const yb_procedure *yb_corpus_procedure(const yb_corpus *c, const char *id);
const yb_province *yb_corpus_province(const yb_corpus *c, const char *adcode);

/* A source as the public API describes it (yibao.h), numbered n. */
void yb_source_fill(const yb_corpus *c, yb_source_info *out, const yb_source *s, size_t n);

/* A text's Chinese; "" when absent. */
static inline const char *yb_text_zh(const yb_corpus *c, yb_text t)
{
	return t.zh ? yb_str(c, t.zh) : "";
}

#endif
