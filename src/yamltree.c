/*
 * yamltree.c - libyaml events to an arena tree (see yamltree.h).
 *
 * Note that children are first collected on one shared stack and copied into the arena when
 * their container closes: the arena never holds a half-grown array, and the parse allocates
 * from the heap only for that stack.
 */
#include "yamltree.h"

#include <string.h>
#include <yaml.h>

#include "error.h"
#include "mem.h"
#include "utf8.h"

typedef struct {
	ynode **items;
	size_t len, cap;
} node_stack;

static int push(node_stack *s, ynode *n)
{
	if (s->len == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		ynode **p = yb_realloc(s->items, cap * sizeof(*p));
		if (!p)
			return -1;
		s->items = p;
		s->cap = cap;
	}
	s->items[s->len++] = n;
	return 0;
}

typedef struct {
	yb_arena *arena;
	const char *file, *text;
	size_t len;
	yb_error *err;
} parse_ctx;

static yb_status fail_at(parse_ctx *c, yaml_mark_t mark, const char *message)
{
	return yb_err_at(c->err, YB_ECORPUS, c->file, (int)mark.line + 1, (int)mark.column + 1,
			 c->text, c->len, "%s", message);
}

static ynode *new_node(parse_ctx *c, yn_kind kind, yaml_mark_t mark)
{
	ynode *n = yb_arena_alloc(c->arena, sizeof(*n));
	if (n) {
		n->kind = kind;
		n->line = (int)mark.line + 1;
		n->column = (int)mark.column + 1;
	}
	return n;
}

/*
 * Where a parse error is, as libyaml would mark it. Two cases need help:
 *  - a reader error (invalid UTF-8, a control character) comes with a byte offset, not a mark;
 *  - a problem found only at the end of the file (an unclosed quote or bracket) is best shown
 *    where the unclosed thing started, libyaml's context mark.
 */
static yaml_mark_t where(const yaml_parser_t *p, const char *text, size_t len)
{
	yaml_mark_t at = p->problem_mark;
	if (p->error == YAML_READER_ERROR) {
		size_t end = p->problem_offset < len ? p->problem_offset : len;
		memset(&at, 0, sizeof(at));
		for (size_t i = 0; i < end; i++) {
			if (text[i] == '\n') {
				at.line++;
				at.column = 0;
			} else if (!yb_utf8_continues((unsigned char)text[i])) {
				at.column++; /* count characters, as libyaml does */
			}
		}
		return at;
	}
	size_t lines = 0; /* lines in the text: a mark on a later one is past its end */
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n';
	if (len && text[len - 1] != '\n')
		lines++; /* a last line without its newline */
	if (p->context && (at.line >= lines || (p->problem && strstr(p->problem, "end of stream"))))
		at = p->context_mark;
	if (at.line >= lines && lines > 0) {
		/* Still past the last line: point at the end of the last line instead. */
		size_t start = len, chars = 0;
		if (start && text[start - 1] == '\n')
			start--;
		while (start > 0 && text[start - 1] != '\n')
			start--;
		for (size_t i = start; i < len && text[i] != '\n'; i++)
			chars += !yb_utf8_continues((unsigned char)text[i]);
		at.line = lines - 1;
		at.column = chars;
	}
	return at;
}

/* Positions are libyaml's marks made 1-based; libyaml counts columns in characters, as an
 * editor shows them. */
yb_status yb_yaml_parse(yb_arena *arena, const char *file, const char *text, size_t len,
			ynode **out, yb_error *err)
{
	parse_ctx c = {arena, file, text, len, err};
	yaml_parser_t parser;
	yaml_event_t event;
	node_stack kids = {0};
	/* For each open container: the node and where its kids start on `kids`. */
	ynode *open[YB_YAML_MAX_DEPTH + 1];
	size_t base[YB_YAML_MAX_DEPTH + 1];
	int depth = 0, documents = 0;
	ynode *root = NULL;
	yb_status st = YB_OK;

	*out = NULL;
	if (len > YB_YAML_MAX_SIZE)
		return yb_err_at(err, YB_ECORPUS, file, 0, 0, NULL, 0,
				 "文件有 %zu 字节，超过了 %d 字节的上限", len,
				 YB_YAML_MAX_SIZE);
	if (!yaml_parser_initialize(&parser))
		return yb_err_nomem(err);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

	for (;;) {
		if (!yaml_parser_parse(&parser, &event)) {
			if (parser.error == YAML_MEMORY_ERROR) {
				st = yb_err_nomem(err);
			} else {
				char msg[300];
				snprintf(msg, sizeof(msg), "YAML 语法错误：%s%s%s",
					 parser.problem ? parser.problem : "无法解析",
					 parser.context ? " " : "",
					 parser.context ? parser.context : "");
				yaml_mark_t at = where(&parser, text, len);
				st = fail_at(&c, at, msg);
			}
			goto cleanup;
		}
		yaml_event_type_t type = event.type;
		yaml_mark_t mark = event.start_mark;
		ynode *n = NULL;

		switch (type) {
		case YAML_DOCUMENT_START_EVENT:
			if (++documents > 1) {
				st = fail_at(&c, mark, "每个文件只能有一个 YAML 文档");
				goto event_cleanup;
			}
			break;
		case YAML_ALIAS_EVENT:
			st = fail_at(&c, mark, "规则库中不允许使用 YAML 别名（*name）");
			goto event_cleanup;
		case YAML_SCALAR_EVENT:
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			const yaml_char_t *anchor = type == YAML_SCALAR_EVENT ? event.data.scalar.anchor
						    : type == YAML_SEQUENCE_START_EVENT
							    ? event.data.sequence_start.anchor
							    : event.data.mapping_start.anchor;
			if (anchor) {
				st = fail_at(&c, mark,
					     "规则库中不允许使用 YAML 锚点（&name）");
				goto event_cleanup;
			}
			if (type == YAML_SCALAR_EVENT) {
				n = new_node(&c, YN_SCALAR, mark);
				if (n) {
					n->len = event.data.scalar.length;
					n->str = yb_arena_strndup(arena,
								  (const char *)event.data.scalar.value,
								  n->len);
					n->quoted = event.data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
				}
				if (!n || !n->str) {
					st = yb_err_nomem(err);
					goto event_cleanup;
				}
				break;
			}
			if (depth == YB_YAML_MAX_DEPTH) {
				st = yb_err_at(err, YB_ECORPUS, file, (int)mark.line + 1,
					       (int)mark.column + 1, text, len,
					       "嵌套超过了 %d 层", YB_YAML_MAX_DEPTH);
				goto event_cleanup;
			}
			n = new_node(&c, type == YAML_SEQUENCE_START_EVENT ? YN_SEQ : YN_MAP, mark);
			if (!n) {
				st = yb_err_nomem(err);
				goto event_cleanup;
			}
			open[depth] = n;
			base[depth] = kids.len;
			depth++;
			n = NULL; /* attached to its parent when it closes */
			break;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT: {
			ynode *done = open[--depth];
			size_t count = kids.len - base[depth];
			if (count) {
				done->kids = yb_arena_memdup(arena, kids.items + base[depth],
							     sizeof(ynode *), count);
				if (!done->kids) {
					st = yb_err_nomem(err);
					goto event_cleanup;
				}
			}
			done->n = count;
			kids.len = base[depth];
			n = done;
			break;
		}
		default:
			break;
		}

		if (n) {
			if (depth == 0) {
				root = n;
			} else if (push(&kids, n) != 0) {
				st = yb_err_nomem(err);
				goto event_cleanup;
			}
		}
		yaml_event_delete(&event);
		if (type == YAML_STREAM_END_EVENT)
			break;
		continue;
	event_cleanup:
		yaml_event_delete(&event);
		goto cleanup;
	}
	*out = root;

cleanup:
	yb_free(kids.items);
	yaml_parser_delete(&parser);
	return st;
}

const ynode *yn_get(const ynode *map, const char *key)
{
	if (!map || map->kind != YN_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const ynode *k = map->kids[i];
		if (k->kind == YN_SCALAR && strcmp(k->str, key) == 0)
			return map->kids[i + 1];
	}
	return NULL;
}

const ynode *yn_bad_key(const ynode *map, bool *repeated)
{
	*repeated = false;
	if (!map || map->kind != YN_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const ynode *k = map->kids[i];
		if (k->kind != YN_SCALAR)
			return k;
		for (size_t m = 0; m < i; m += 2)
			if (strcmp(map->kids[m]->str, k->str) == 0) {
				*repeated = true;
				return k;
			}
	}
	return NULL;
}

bool yn_is_null(const ynode *n)
{
	if (!n || n->kind != YN_SCALAR || n->quoted)
		return false;
	return n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0;
}
