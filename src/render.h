/*
 * render.h - what the text and JSON renderers share.
 *
 * The renderers only print: they read an answer through the public API (yibao.h, "Reading an
 * answer"), which already holds the entries in the order they are shown, the sources numbered
 * in that order (footnote [1] is the first source a reader meets, in either format), and every
 * date, sum and label worked out. Nothing here knows the corpus.
 */
#ifndef YB_RENDER_H
#define YB_RENDER_H

#include <stdbool.h>

#include "buf.h"
#include "yibao.h"

/* The Chinese of a text; "" when absent. */
static inline const char *yb_zh(yb_zh_en t)
{
	return t.zh ? t.zh : "";
}

/* A text in the answer's language: its English when `en` and it has one, else its Chinese;
 * NULL when absent (zh NULL). */
static inline const char *yb_in(yb_zh_en t, bool en)
{
	return en && t.zh && t.en ? t.en : t.zh;
}

/* The same, "" when absent. */
static inline const char *yb_lang_text(yb_zh_en t, bool en)
{
	const char *s = yb_in(t, en);
	return s ? s : "";
}

/*
 * One of two wordings of the same thing, written side by side where they are used so that they
 * cannot drift apart: YB_LANG(en, "办理步骤", "Steps"). Two format strings picked so take the
 * same arguments (the compiler checks both); a Chinese one skips an argument it has no use
 * for, an English plural's "s", with "%.0s".
 */
#define YB_LANG(en, zh, english) ((en) ? (english) : (zh))

/* Writes a JSON string literal (escaped; invalid UTF-8 becomes U+FFFD). */
void yb_json_string(yb_buf *b, const char *s);

/*
 * Pre-rendered JSON for the entries and sources answers share (render_json.c): a batch keeps
 * one, so each entry's text is escaped and laid out once, not once per answer. Any corpus can
 * use it; it must not outlive the corpus. NULL from _new() when out of memory.
 */
typedef struct yb_json_cache yb_json_cache;
yb_json_cache *yb_json_cache_new(void);
void yb_json_cache_free(yb_json_cache *cache);

/* Appends the answer's JSON line to out, from the cache's templates when cache is not NULL
 * (the output is the same either way). On error out may hold part of it: the caller drops it. */
yb_status yb_render_json_to(const yb_answer *a, unsigned flags, yb_buf *out, yb_json_cache *cache,
			    yb_error *err);

/*
 * What the cache keys a template by: the corpus objects behind an entry (its rule item and
 * layer) or a source, the same in every answer from one corpus (answer.c). Opaque here.
 */
void yb_entry_identity(const yb_entry *e, const void *key[2]);
const void *yb_source_identity(const yb_source_info *s);

/* A place's name in English: its pinyin slug, capitalised (changsha: Changsha), into out. */
const char *yb_capitalised(const char *slug, char *out, size_t size);

/* A number as people write it: 1500, 0.5, 1234.56 (at most two decimals). */
void yb_format_number(char *out, size_t size, double v);

/* Hands a finished buffer to the caller's writer. */
yb_status yb_render_finish(yb_buf *b, yb_write_fn write, void *ctx, yb_error *err);

#endif
