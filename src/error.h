/* error.h - filling the caller's yb_error (see yibao.h). */
#ifndef YB_ERROR_H
#define YB_ERROR_H

#include "yibao.h"

#if defined(__GNUC__)
#define YB_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define YB_PRINTF(a, b)
#endif

/* Marks a hash function whose unsigned arithmetic wraps around by design, so that clang's
 * unsigned-overflow check (YIBAO_SANITIZE_INTEGER) does not stop there. */
#if defined(__clang__)
#define YB_WRAPS __attribute__((no_sanitize("unsigned-integer-overflow")))
#else
#define YB_WRAPS
#endif

/* Sets code and message, clears the position; returns code. err may be NULL. */
yb_status yb_err(yb_error *err, yb_status code, const char *fmt, ...) YB_PRINTF(3, 4);

/* The same with a corpus position; `text`, if not NULL, is the whole file, for the excerpt. */
yb_status yb_err_at(yb_error *err, yb_status code, const char *file, int line, int column,
		    const char *text, size_t text_len, const char *fmt, ...) YB_PRINTF(8, 9);

yb_status yb_err_nomem(yb_error *err);

/* What errno value e means, for a message: in Chinese for the common ones (a file or folder
 * missing, refused, full, read-only...), strerror(e) for the others. */
const char *yb_strerror(int e);

#endif
