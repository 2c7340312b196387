/*
 * render_sources.c - the corpus's sources as a list (yb_render_sources), so that every source can
 * be checked against the page or document it names.
 */
#include "corpus.h"
#include "render.h"

static void json_field(yb_buf *b, const char *key, const char *value)
{
	if (!value)
		return;
	yb_buf_printf(b, ",\"%s\":", key);
	yb_json_string(b, value);
}

static void json_source(yb_buf *b, const yb_source_info *s, bool first)
{
	static const char *const kinds[] = {"official", "seed", "web"};
	yb_buf_puts(b, first ? "{\"id\":" : ",{\"id\":");
	yb_json_string(b, s->id);
	json_field(b, "kind", kinds[s->kind]);
	json_field(b, "title", s->title.zh);
	json_field(b, "number", s->number);
	json_field(b, "issuer", s->issuer);
	json_field(b, "date", s->date);
	json_field(b, "file", s->file);
	json_field(b, "heading", s->heading);
	json_field(b, "url", s->url);
	json_field(b, "read", s->read);
	if (s->unconfirmed)
		yb_buf_puts(b, ",\"unconfirmed\":true");
	yb_buf_putc(b, '}');
}

static void text_source(yb_buf *b, const yb_source_info *s)
{
	static const char *const kinds[] = {"官方", "文章", "网页"};
	yb_buf_printf(b, "%s  %s  ", s->id, kinds[s->kind]);
	if (s->title.zh)
		yb_buf_printf(b, "《%s》", s->title.zh);
	if (s->heading)
		yb_buf_printf(b, "「%s」", s->heading);
	if (s->number)
		yb_buf_printf(b, "%s", s->number);
	if (s->issuer)
		yb_buf_printf(b, "，%s", s->issuer);
	if (s->date)
		yb_buf_printf(b, "，%s", s->date);
	if (s->url)
		yb_buf_printf(b, " %s", s->url);
	if (s->read)
		yb_buf_printf(b, "（%s 查阅）", s->read);
	if (s->file)
		yb_buf_printf(b, " 〈%s〉", s->file);
	if (s->unconfirmed)
		yb_buf_puts(b, "（未经官方文件证实）");
	yb_buf_putc(b, '\n');
}

yb_status yb_render_sources(const yb_corpus *c, int json, int unlinked, yb_write_fn write,
			    void *ctx, yb_error *err)
{
	yb_buf b = {0};
	bool first = true;
	if (json)
		yb_buf_putc(&b, '[');
	for (size_t i = 0; i < yb_corpus_source(c, 0, NULL); i++) {
		yb_source_info s;
		yb_corpus_source(c, i, &s);
		if (unlinked && (s.url || s.number))
			continue;
		if (json)
			json_source(&b, &s, first);
		else
			text_source(&b, &s);
		first = false;
	}
	if (json)
		yb_buf_puts(&b, "]\n");
	return yb_render_finish(&b, write, ctx, err);
}
