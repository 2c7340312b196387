/*
 * corpus.h - the in-memory model of a loaded rule corpus.
 *
 * Everything here lives in the corpus arena and is immutable once loading ends. Ids are interned
 * (see arena.h): compare them with ==. References between objects (a step's channels, an item's
 * sources, a case's values) are resolved to pointers at load time, so a loaded corpus has no
 * dangling id and the evaluator never looks anything up by name.
 *
 * The YAML format that this models is documented in docs/rules.md.
 */
#ifndef YB_CORPUS_H
#define YB_CORPUS_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "yibao.h"

/* A text a user reads: Chinese first, English when the corpus has it (en may be NULL). */
typedef struct yb_text {
	const char *zh, *en;
} yb_text;

/* Where a corpus object was written, for errors, lint and explanations. */
typedef struct yb_pos {
	const char *file; /* relative to the corpus root, e.g. procedures/transfer.yaml */
	int line, column;
} yb_pos;

/* ---- Catalogues ---------------------------------------------------------------------------- */

/* official: a government document or page; seed: one of the seed articles; web: any other
 * public page, never more than a pointer (its items are marked unconfirmed). */
typedef enum { SOURCE_OFFICIAL, SOURCE_SEED, SOURCE_WEB } yb_source_kind;

typedef struct yb_source {
	const char *id;
	yb_source_kind kind;
	yb_text title;
	const char *number, *issuer, *date, *file, *heading, *url; /* NULL when absent */
	const char *read; /* web pages: the day the page was read, YYYY-MM-DD */
	bool unconfirmed;
	yb_pos pos;
} yb_source;

typedef struct yb_material {
	const char *id;
	yb_text name, issued_by;
	yb_pos pos;
} yb_material;

typedef enum { CHANNEL_APP, CHANNEL_WEB, CHANNEL_MINI_PROGRAM, CHANNEL_COUNTER, CHANNEL_PHONE }
	yb_channel_kind;

typedef struct yb_channel {
	const char *id;
	yb_text name, path;
	yb_channel_kind kind;
	yb_pos pos;
} yb_channel;

/* ---- The gazetteer ------------------------------------------------------------------------- */

typedef struct yb_province {
	const char *adcode, *name, *short_name, *slug;
} yb_province;

typedef struct yb_city {
	const char *adcode, *name, *short_name, *slug, *kind;
	const char *const *alt; /* other codes that mean this city (a municipality's 110100 …) */
	size_t nalt;
	const yb_province *province;
} yb_city;

/* One name a place answers to (adcode, other code, 长沙市, 长沙, changsha), for lookups: a
 * city's (province NULL) or a province's (city NULL). */
typedef struct yb_city_name {
	const char *key;
	const yb_city *city;
	const yb_province *province;
} yb_city_name;

/* ---- Facts --------------------------------------------------------------------------------- */

typedef enum { FACT_ENUM, FACT_BOOL, FACT_NUMBER, FACT_DATE, FACT_CITY, FACT_PROVINCE }
	yb_fact_kind;

/* The places a procedure can take, in the order they are declared. */
typedef enum { PLACE_FROM, PLACE_TO, PLACE_CITY, PLACE_COUNT } yb_place;

typedef struct yb_alias {
	const char *name;
	yb_text note; /* an old name's explanation; zh NULL for a plain alias */
} yb_alias;

typedef struct yb_fact_value {
	const char *id;
	yb_text label;
	const yb_alias *aliases;
	size_t naliases;
} yb_fact_value;

typedef struct yb_fact {
	const char *id;
	yb_fact_kind kind;
	const char *flag; /* "--type"; NULL for derived facts */
	yb_text label, question;
	const yb_fact_value *values; /* enum facts */
	size_t nvalues;
	const yb_fact_value *default_value; /* enum facts: used, and said so, when not given */
	const struct yb_fact *same_as;      /* enum facts: when not given, the value of this fact
					       (whose values it shares): --to-type follows --type */
	const char *default_bool;           /* bool facts: "true"/"false" when not given, or NULL */
	const char *same_as_id;             /* while loading: the id same_as names */
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
	const struct yb_fact *gap_months, *gap_years, *back_paid; /* the facts it reads */
} yb_wait_rule;
typedef enum { PATH_ANY, PATH_ONLINE, PATH_OFFLINE } yb_path;
typedef enum { NOTE_PRECONDITION, NOTE_WARNING, NOTE_INFO } yb_note_kind;

typedef struct yb_deadline {
	bool present;
	int working_days; /* -1 when not counted in working days */
	int days, months; /* calendar days or months; 0 when not counted so */
	const char *after; /* interned id of the step whose due date it counts from, or NULL */
	yb_text from;      /* counted from an event the answer cannot date (审核通过之日): no due */
	yb_text text;
	const yb_source *const *sources; /* its own; when empty, the item's */
	size_t nsources;
} yb_deadline;

typedef struct yb_item {
	yb_item_kind kind;
	const char *id; /* unique among the items of one kind in one layer (materials: the ref) */
	yb_text title;  /* step and deadline titles, note titles (optional) */
	yb_text text;   /* step detail, note text, material note, verdict reason */
	int side;       /* index into the procedure's sides, -1, or YB_SIDE_EITHER */
	yb_path path;
	const yb_channel *const *channels;
	const yb_text *channel_paths; /* per channel: where to tap for this step (zh NULL: the
				       * channel's own path) */
	size_t nchannels;
	yb_deadline deadline;          /* steps and deadline items */
	const yb_material *material;   /* material items */
	yb_note_kind note_kind;        /* note items */
	const char *verdict_key;       /* verdict items: "refundable", "covered" */
	const char *verdict_value;     /* "true", "false", "partial", "depends" */
	const yb_fact *of;             /* estimate items: the number fact estimated (a cost) */
	double deductible, ratio;      /* estimate items: paid = (of - deductible) x ratio */
	yb_wait_rule wait;             /* wait items */
	const yb_source *const *sources;
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
	const char *const *values;
	size_t nvalues;
	/* number facts: an inclusive range; date facts: YYYYMMDD range. Open ends are flagged. */
	double min, max;
	bool has_min, has_max;
	const yb_node *body;
	yb_pos pos;
} yb_case;

struct yb_node {
	const yb_item *const *items;
	size_t nitems;
	const char *const *remove; /* interned ids of earlier items to drop */
	size_t nremove;
	const yb_node *const *then; /* independent sub-trees, walked in order before the test */
	size_t nthen;
	const yb_fact *test; /* NULL for a leaf */
	const yb_case *cases;
	size_t ncases;
	const yb_node *otherwise; /* the `default:` branch, or NULL */
	yb_pos pos;
};

typedef enum { LEVEL_NATIONAL, LEVEL_PROVINCE, LEVEL_CITY } yb_level;

typedef struct yb_layer {
	yb_level level;
	const char *area;       /* adcode of the province or city; NULL for national */
	const char *area_name;  /* 湖南省; NULL for national */
	unsigned applies_to;    /* bit per yb_place: all must lie in the area */
	const yb_node *tree;
	yb_pos pos;
} yb_layer;

typedef struct yb_side {
	const char *id; /* "out", "in" */
	yb_place place;
	yb_text label;  /* 转出地 */
} yb_side;

enum { YB_MAX_SIDES = 4 };

typedef struct yb_procedure {
	const char *id;
	yb_text title;
	unsigned places;   /* bit per yb_place */
	unsigned optional; /* the places a query may leave out */
	yb_side sides[YB_MAX_SIDES];
	size_t nsides;
	const yb_fact *const *asks;
	size_t nasks;
	const yb_fact *const *requires; /* asked facts a query must give (a refund's case) */
	size_t nrequires;
	const yb_layer *layers;
	size_t nlayers;
	const char *file;
} yb_procedure;

/* ---- The corpus ---------------------------------------------------------------------------- */

struct yb_corpus {
	bool image;  /* the compiled corpus built into the binary: static, never freed */
	yb_arena arena;
	yb_interner ids;
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
	const char *const *procedure_names;
	size_t nprocedure_names;
	const yb_procedure *procedures;
	size_t nprocedures;
};

/* Name of a place fact ("from"); NULL for PLACE_COUNT. */
const char *yb_place_name(yb_place place);

const yb_fact *yb_corpus_fact(const yb_corpus *c, const char *id);
const yb_procedure *yb_corpus_procedure(const yb_corpus *c, const char *id);
const yb_province *yb_corpus_province(const yb_corpus *c, const char *adcode);

/* A text in the preferred language, falling back to Chinese; "" when absent. */
static inline const char *yb_text_zh(yb_text t)
{
	return t.zh ? t.zh : "";
}

#endif
