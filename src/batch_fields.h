/*
 * batch_fields.h - `yibao batch --fields`: only the parts of each answer asked for, as one
 * compact JSON object a line or as the columns of a CSV row. The fields and what each holds
 * are listed in docs/json.md ("Batch fields"); they are read from the answer's public data
 * (yibao.h, "Reading an answer"), never from its rendered JSON.
 *
 * A field is null (an empty cell in CSV) where the whole answer has no such key: a route for
 * a refund, a verdict for a transfer, estimates where there are none. A list field is an array
 * in JSON and its items joined with "；" in CSV.
 */
#ifndef YB_BATCH_FIELDS_H
#define YB_BATCH_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "jsonq.h"
#include "yibao.h"

enum { YB_FIELDS_MAX = 32 };

typedef struct yb_fields {
	unsigned char id[YB_FIELDS_MAX]; /* the fields, in the order asked */
	size_t n;
	bool csv; /* CSV rows, with an `error` column always (last unless asked for elsewhere) */
} yb_fields;

/*
 * Reads a comma-separated list of field names ("route,due"; spaces around a name are
 * ignored) into f, for JSON or CSV output. YB_EUSAGE for an empty list, an empty name, a name
 * given twice, or an unknown name (the message lists the valid ones).
 */
yb_status yb_fields_parse(yb_fields *f, const char *list, bool csv, yb_error *err);

/* CSV: the header row, the fields' names. */
void yb_fields_header(const yb_fields *f, yb_buf *out);

/* The fields of an answer to input line `line`, whose "id" is `id` (NULL: it had none): a JSON
 * object or a CSV row, with its newline. With YB_RENDER_LANG_EN in flags, the texts are in
 * English as the whole answer's are (official names keep their Chinese). */
void yb_fields_answer(const yb_fields *f, const yb_answer *a, unsigned flags, size_t line,
		      const yb_jsonq_pair *id, yb_buf *out);

/* CSV: the row for a line that could not be answered: its line, its id and the error's
 * message (in English when `en`), the other cells empty. (A JSON error line is the batch's
 * error object, fields or not.) */
void yb_fields_error(const yb_fields *f, size_t line, const yb_jsonq_pair *id, const yb_error *e,
		     bool en, yb_buf *out);

/* The name of field i, or NULL past the last: every field, in the order docs/json.md lists. */
const char *yb_field_name(size_t i);

#endif
