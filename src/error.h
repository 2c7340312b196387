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

/*
 * Sets code and message, in Chinese (`zh`) and in English (`en`), both printf formats over the
 * same arguments (`en` may number them, "%2$s … %1$s", to put them in another order); clears
 * the position; returns code. err may be NULL. Every message that a person asking a question,
 * or installing rules, can meet is written this way.
 */
yb_status yb_fail(yb_error *err, yb_status code, const char *zh, const char *en, ...)
	YB_PRINTF(3, 5) YB_PRINTF(4, 5);

/* The same, ending with what errno value e means: "…：权限不够" / "…: Permission denied". */
yb_status yb_fail_errno(yb_error *err, yb_status code, int e, const char *zh, const char *en, ...)
	YB_PRINTF(4, 6) YB_PRINTF(5, 6);

/* The same, ending with why's message in each language: "…：<why>" / "…: <why>" (why may be
 * err itself). For a step that fails because another did, in words that name the step. */
yb_status yb_fail_because(yb_error *err, yb_status code, const yb_error *why, const char *zh,
			  const char *en, ...) YB_PRINTF(4, 6) YB_PRINTF(5, 6);

/* yb_fail with a position in a file the user wrote (their configuration), as yb_err_at. */
yb_status yb_fail_at(yb_error *err, yb_status code, const char *file, int line, int column,
		     const char *text, size_t text_len, const char *zh, const char *en, ...)
	YB_PRINTF(8, 10) YB_PRINTF(9, 10);

/* A message in Chinese only: about a corpus's own files, read by the people who write it. */
yb_status yb_err(yb_error *err, yb_status code, const char *fmt, ...) YB_PRINTF(3, 4);

/* The same with a corpus position; `text`, if not NULL, is the whole file, for the excerpt. */
yb_status yb_err_at(yb_error *err, yb_status code, const char *file, int line, int column,
		    const char *text, size_t text_len, const char *fmt, ...) YB_PRINTF(8, 9);

yb_status yb_err_nomem(yb_error *err);

/* What errno value e means, for a message: in Chinese for the common ones (a file or folder
 * missing, refused, full, read-only...), strerror(e) for the others. */
const char *yb_strerror(int e);
/* The same in English: strerror(e) as the C locale words it. */
const char *yb_strerror_en(int e);

#endif
