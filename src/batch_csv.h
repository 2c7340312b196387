/*
 * batch_csv.h - CSV for `yibao batch` (RFC 4180): reading records with libcsv, and writing
 * cells quoted where the RFC requires.
 *
 * Reading is line by line, so that a record's line number is known and memory stays bounded:
 * the caller reads each line (without its newline) and feeds it here; a record ends at the
 * first newline outside quotes, so a quoted value may hold commas, doubled quotes and newlines.
 * A line ending in CR LF reads as one ending in LF. Blank lines between records are skipped.
 * Unquoted values lose their leading and trailing spaces, as spreadsheets write them.
 */
#ifndef YB_BATCH_CSV_H
#define YB_BATCH_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "yibao.h"

/* Cells kept of one record; a longer record is counted whole but only these are kept. */
enum { YB_CSV_MAX_CELLS = 64 };

typedef struct yb_csv_reader yb_csv_reader;

/* NULL when out of memory. */
yb_csv_reader *yb_csv_reader_new(void);
void yb_csv_reader_free(yb_csv_reader *r);

/*
 * Feeds line `number` (1-based; len bytes, its newline left off; too_long: it was cut short
 * at YB_BATCH_MAX_LINE bytes). Returns
 *   1  a record ended on this line: yb_csv_count() and yb_csv_cell() give its cells, until the
 *      next call;
 *   0  the line was blank, or the record goes on to the next line (a quoted newline);
 *  -1  the record is refused: err says why (err->column, when not 0, is the character in this
 *      line where a quote was misused), and it is dropped; reading goes on with the next line;
 *  -2  out of memory.
 * Either way yb_csv_line() is the line the record started on. A record is refused when its
 * quotes are misused, when a value is not UTF-8 text, or when it runs past YB_BATCH_MAX_LINE
 * bytes.
 */
int yb_csv_feed(yb_csv_reader *r, size_t number, const char *line, size_t len, bool too_long,
		yb_error *err);

/* At the end of the input: -1 (err filled, yb_csv_line() its start) when a record is still
 * open, which is a quoted value never closed; 0 otherwise. */
int yb_csv_finish(yb_csv_reader *r, yb_error *err);

size_t yb_csv_line(const yb_csv_reader *r);
/* How many cells the record has (possibly more than YB_CSV_MAX_CELLS), and cell i (below
 * YB_CSV_MAX_CELLS), NUL-terminated. */
size_t yb_csv_count(const yb_csv_reader *r);
const char *yb_csv_cell(const yb_csv_reader *r, size_t i);

/* Appends s[0..n) as one CSV cell: as it is, or in double quotes with each quote doubled when
 * it holds a comma, a quote, CR or LF, or begins or ends with a space or tab (which a reader
 * would trim). */
void yb_csv_cell_write(yb_buf *b, const char *s, size_t n);

/* The same for the text appended to b since offset mark: quotes it in place if it needs it. */
void yb_csv_quote_from(yb_buf *b, size_t mark);

#endif
