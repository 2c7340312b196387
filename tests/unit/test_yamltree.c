/*
 * test_yamltree.c - yb_yaml_parse(): the tree it builds (kinds, values, 1-based positions,
 * the quoted flag), yn_get() and yn_is_null(), the YAML it refuses (with the exact file,
 * line, column, message and excerpt), and running out of memory at every allocation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "yamltree.h"

/* Parses s (NUL-terminated) into a fresh arena that the caller frees. */
static yb_status parse(yb_arena *arena, const char *s, ynode **root, yb_error *err)
{
	memset(arena, 0, sizeof(*arena));
	memset(err, 0, sizeof(*err));
	return yb_yaml_parse(arena, "dir/f.yaml", s, strlen(s), root, err);
}

static void assert_scalar(const ynode *n, const char *value, int line, int column, bool quoted)
{
	assert_non_null(n);
	assert_int_equal(n->kind, YN_SCALAR);
	assert_string_equal(n->str, value);
	assert_int_equal(n->len, strlen(value));
	assert_int_equal(n->line, line);
	assert_int_equal(n->column, column);
	assert_int_equal(n->quoted, quoted);
	assert_int_equal(n->n, 0);
}

/* Parses s, which must fail with YB_ECORPUS at file:line:column with the given excerpt and a
 * message containing `message`. */
static void expect_error(const char *s, int line, int column, const char *message,
			 const char *excerpt)
{
	yb_arena arena;
	yb_error err;
	ynode *root = (ynode *)&arena; /* must be reset to NULL */
	yb_status st = parse(&arena, s, &root, &err);
	if (st != YB_ECORPUS || err.line != line || err.column != column ||
	    !strstr(err.message, message) || strcmp(err.excerpt, excerpt) != 0)
		print_error("got status %d at %d:%d: %s [%s]\n", st, err.line, err.column,
			    err.message, err.excerpt);
	assert_int_equal(st, YB_ECORPUS);
	assert_int_equal(err.code, YB_ECORPUS);
	assert_null(root);
	assert_string_equal(err.file, "dir/f.yaml");
	assert_int_equal(err.line, line);
	assert_int_equal(err.column, column);
	assert_non_null(strstr(err.message, message));
	assert_string_equal(err.excerpt, excerpt);
	yb_arena_free(&arena);
}

/* ---- Trees --------------------------------------------------------------------------------- */

static void top_level_scalar(void **state)
{
	(void)state;
	yb_arena arena;
	yb_error err;
	ynode *root;
	assert_int_equal(parse(&arena, "hello world\n", &root, &err), YB_OK);
	assert_scalar(root, "hello world", 1, 1, false);
	yb_arena_free(&arena);
}

static void top_level_sequence(void **state)
{
	(void)state;
	yb_arena arena;
	yb_error err;
	ynode *root;
	assert_int_equal(parse(&arena, "- one\n-   two\n- 3\n", &root, &err), YB_OK);
	assert_non_null(root);
	assert_int_equal(root->kind, YN_SEQ);
	assert_int_equal(root->line, 1);
	assert_int_equal(root->column, 1);
	assert_int_equal(root->n, 3);
	assert_null(root->str);
	assert_scalar(root->kids[0], "one", 1, 3, false);
	assert_scalar(root->kids[1], "two", 2, 5, false);
	assert_scalar(root->kids[2], "3", 3, 3, false);
	yb_arena_free(&arena);
}

static void nested_maps_and_sequences_with_positions(void **state)
{
	(void)state;
	const char *doc = "name: 长沙\n"       /* 1 */
			  "count: 3\n"          /* 2 */
			  "list:\n"             /* 3 */
			  "  - one\n"           /* 4 */
			  "  - [a, bc]\n"       /* 5 */
			  "  - {k: v}\n"        /* 6 */
			  "map:\n"              /* 7 */
			  "  inner:\n"          /* 8 */
			  "    deep: yes\n"     /* 9 */
			  "empty_seq: []\n"     /* 10 */
			  "empty_map: {}\n";    /* 11 */
	yb_arena arena;
	yb_error err;
	ynode *root;
	assert_int_equal(parse(&arena, doc, &root, &err), YB_OK);
	assert_non_null(root);
	assert_int_equal(root->kind, YN_MAP);
	assert_int_equal(root->line, 1);
	assert_int_equal(root->column, 1);
	assert_int_equal(root->n, 12); /* six keys, six values */

	assert_scalar(root->kids[0], "name", 1, 1, false);
	assert_scalar(root->kids[1], "长沙", 1, 7, false);
	assert_scalar(root->kids[2], "count", 2, 1, false);
	assert_scalar(root->kids[3], "3", 2, 8, false);

	const ynode *list = root->kids[5];
	assert_scalar(root->kids[4], "list", 3, 1, false);
	assert_int_equal(list->kind, YN_SEQ);
	assert_int_equal(list->line, 4);
	assert_int_equal(list->column, 3);
	assert_int_equal(list->n, 3);
	assert_scalar(list->kids[0], "one", 4, 5, false);
	const ynode *flow = list->kids[1];
	assert_int_equal(flow->kind, YN_SEQ);
	assert_int_equal(flow->line, 5);
	assert_int_equal(flow->column, 5);
	assert_int_equal(flow->n, 2);
	assert_scalar(flow->kids[0], "a", 5, 6, false);
	assert_scalar(flow->kids[1], "bc", 5, 9, false);
	const ynode *fmap = list->kids[2];
	assert_int_equal(fmap->kind, YN_MAP);
	assert_int_equal(fmap->line, 6);
	assert_int_equal(fmap->column, 5);
	assert_int_equal(fmap->n, 2);
	assert_scalar(fmap->kids[0], "k", 6, 6, false);
	assert_scalar(fmap->kids[1], "v", 6, 9, false);

	const ynode *map = root->kids[7];
	assert_int_equal(map->kind, YN_MAP);
	assert_int_equal(map->line, 8);
	assert_int_equal(map->column, 3);
	const ynode *inner = yn_get(map, "inner");
	assert_non_null(inner);
	assert_int_equal(inner->kind, YN_MAP);
	assert_int_equal(inner->line, 9);
	assert_int_equal(inner->column, 5);
	assert_scalar(yn_get(inner, "deep"), "yes", 9, 11, false);

	const ynode *es = yn_get(root, "empty_seq"), *em = yn_get(root, "empty_map");
	assert_non_null(es);
	assert_int_equal(es->kind, YN_SEQ);
	assert_int_equal(es->n, 0);
	assert_int_equal(es->line, 10);
	assert_int_equal(es->column, 12);
	assert_non_null(em);
	assert_int_equal(em->kind, YN_MAP);
	assert_int_equal(em->n, 0);
	assert_int_equal(em->line, 11);
	assert_int_equal(em->column, 12);
	yb_arena_free(&arena);
}

/* Columns count characters, as an editor shows them: 名 is one column, not three. */
static void columns_count_characters(void **state)
{
	(void)state;
	yb_arena arena;
	yb_error err;
	ynode *root;
	assert_int_equal(parse(&arena, "名字: 值\n长沙: [甲, 乙]\n", &root, &err), YB_OK);
	assert_scalar(root->kids[0], "名字", 1, 1, false);
	assert_scalar(root->kids[1], "值", 1, 5, false);
	const ynode *seq = root->kids[3];
	assert_int_equal(seq->line, 2);
	assert_int_equal(seq->column, 5);
	assert_scalar(seq->kids[0], "甲", 2, 6, false);
	assert_scalar(seq->kids[1], "乙", 2, 9, false);
	yb_arena_free(&arena);
}

static void quoted_flag(void **state)
{
	(void)state;
	const char *doc = "plain: 12\n"
			  "double: \"12\"\n"
			  "single: 'true'\n"
			  "escaped: \"a\\tb\"\n"
			  "literal: |\n"
			  "  line\n";
	yb_arena arena;
	yb_error err;
	ynode *root;
	assert_int_equal(parse(&arena, doc, &root, &err), YB_OK);
	assert_scalar(yn_get(root, "plain"), "12", 1, 8, false);
	assert_scalar(yn_get(root, "double"), "12", 2, 9, true);
	assert_scalar(yn_get(root, "single"), "true", 3, 9, true);
	assert_scalar(yn_get(root, "escaped"), "a\tb", 4, 10, true);
	/* A block scalar is not plain either: never a number, bool or null. */
	assert_scalar(yn_get(root, "literal"), "line\n", 5, 10, true);
	/* Keys are plain scalars. */
	assert_false(root->kids[0]->quoted);
	yb_arena_free(&arena);
}

static void yn_get_finds_keys(void **state)
{
	(void)state;
	yb_arena arena;
	yb_error err;
	ynode *root;
	assert_int_equal(parse(&arena, "a: 1\nb: [x]\nc: {d: 2}\n", &root, &err), YB_OK);
	assert_string_equal(yn_get(root, "a")->str, "1");
	assert_int_equal(yn_get(root, "b")->kind, YN_SEQ);
	assert_string_equal(yn_get(yn_get(root, "c"), "d")->str, "2");
	assert_null(yn_get(root, "d"));      /* a nested key is not a top-level one */
	assert_null(yn_get(root, "A"));      /* case matters */
	assert_null(yn_get(root, ""));
	assert_null(yn_get(yn_get(root, "b"), "x")); /* a sequence is not a mapping */
	assert_null(yn_get(yn_get(root, "a"), "a")); /* nor is a scalar */
	assert_null(yn_get(NULL, "a"));
	yb_arena_free(&arena);
}

static void yn_bad_key_finds_lists_and_repeats(void **state)
{
	(void)state;
	yb_arena arena;
	yb_error err;
	ynode *root;
	bool repeated = true;
	assert_int_equal(parse(&arena, "{a: 1, b: 2}", &root, &err), YB_OK);
	assert_null(yn_bad_key(root, &repeated));
	assert_false(repeated);
	assert_null(yn_bad_key(root->kids[1], &repeated)); /* a scalar has no keys */
	yb_arena_free(&arena);

	assert_int_equal(parse(&arena, "a: 1\nb: 2\na: 3\n", &root, &err), YB_OK);
	const ynode *bad = yn_bad_key(root, &repeated);
	assert_non_null(bad);
	assert_true(repeated);
	assert_int_equal(bad->line, 3);
	assert_int_equal(bad->column, 1);
	yb_arena_free(&arena);

	assert_int_equal(parse(&arena, "{a: 1, ? [x] : 2, a: 3}", &root, &err), YB_OK);
	bad = yn_bad_key(root, &repeated);
	assert_non_null(bad);
	assert_false(repeated);
	assert_int_equal(bad->kind, YN_SEQ);
	assert_int_equal(bad->column, 10);
	yb_arena_free(&arena);
}

static void yn_is_null_reads_yaml_nulls(void **state)
{
	(void)state;
	const char *doc = "empty:\n"
			  "tilde: ~\n"
			  "word: null\n"
			  "quoted_word: \"null\"\n"
			  "quoted_tilde: '~'\n"
			  "quoted_empty: \"\"\n"
			  "zero: 0\n"
			  "text: nil\n"
			  "seq: []\n"
			  "map: {}\n";
	yb_arena arena;
	yb_error err;
	ynode *root;
	assert_int_equal(parse(&arena, doc, &root, &err), YB_OK);
	assert_true(yn_is_null(yn_get(root, "empty")));
	assert_true(yn_is_null(yn_get(root, "tilde")));
	assert_true(yn_is_null(yn_get(root, "word")));
	assert_false(yn_is_null(yn_get(root, "quoted_word")));
	assert_false(yn_is_null(yn_get(root, "quoted_tilde")));
	assert_false(yn_is_null(yn_get(root, "quoted_empty")));
	assert_false(yn_is_null(yn_get(root, "zero")));
	assert_false(yn_is_null(yn_get(root, "text")));
	assert_false(yn_is_null(yn_get(root, "seq")));
	assert_false(yn_is_null(yn_get(root, "map")));
	assert_false(yn_is_null(NULL));
	/* An empty value still has a position: where the value would be. */
	const ynode *empty = yn_get(root, "empty");
	assert_int_equal(empty->line, 1);
	assert_string_equal(empty->str, "");
	assert_int_equal(empty->len, 0);
	yb_arena_free(&arena);
}

static void empty_document_is_null_root(void **state)
{
	(void)state;
	const char *docs[] = {"", "\n\n", "  \n", "# only a comment\n"};
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		yb_arena arena;
		yb_error err;
		ynode *root = (ynode *)&arena;
		assert_int_equal(parse(&arena, docs[i], &root, &err), YB_OK);
		assert_null(root);
		yb_arena_free(&arena);
	}
}

/* "---" starts a document whose content is empty: YAML reads that as a null scalar. */
static void explicit_empty_document_is_a_null_scalar(void **state)
{
	(void)state;
	yb_arena arena;
	yb_error err;
	ynode *root;
	assert_int_equal(parse(&arena, "---\n", &root, &err), YB_OK);
	assert_non_null(root);
	assert_int_equal(root->kind, YN_SCALAR);
	assert_true(yn_is_null(root));
	yb_arena_free(&arena);
}

/* The limit is on nesting: exactly YB_YAML_MAX_DEPTH levels are fine. */
static void nesting_at_the_limit_is_accepted(void **state)
{
	(void)state;
	char text[2 * YB_YAML_MAX_DEPTH + 2];
	size_t k = 0;
	for (int i = 0; i < YB_YAML_MAX_DEPTH; i++)
		text[k++] = '[';
	for (int i = 0; i < YB_YAML_MAX_DEPTH; i++)
		text[k++] = ']';
	text[k] = '\0';
	yb_arena arena;
	yb_error err;
	ynode *root;
	assert_int_equal(parse(&arena, text, &root, &err), YB_OK);
	const ynode *n = root;
	for (int depth = 1; depth < YB_YAML_MAX_DEPTH; depth++) {
		assert_int_equal(n->kind, YN_SEQ);
		assert_int_equal(n->column, depth);
		assert_int_equal(n->n, 1);
		n = n->kids[0];
	}
	assert_int_equal(n->kind, YN_SEQ);
	assert_int_equal(n->n, 0);
	yb_arena_free(&arena);
}

/* ---- Refusals ------------------------------------------------------------------------------ */

static void error_bad_indentation(void **state)
{
	(void)state;
	/* c is less indented than its sibling b, more than a. */
	expect_error("a:\n  b: 1\n c: 2\n", 3, 2, "did not find expected key", " c: 2");
}

static void error_value_indented_under_a_scalar(void **state)
{
	(void)state;
	expect_error("a: 1\n  b: 2\n", 2, 4, "mapping values are not allowed", "  b: 2");
}

/* An unclosed quote is noticed only at the end of the file; the error points at the quote
 * that is never closed, on its own line. */
static void error_unclosed_quote(void **state)
{
	(void)state;
	expect_error("a: 1\nb: \"abc\nc: 3\n", 2, 4, "quoted scalar", "b: \"abc");
	expect_error("a: 1\nb: \"abc", 2, 4, "quoted scalar", "b: \"abc");
	expect_error("a: 'abc\n", 1, 4, "quoted scalar", "a: 'abc");
}

/* An unclosed bracket is noticed at the end of the file; the error points at the bracket. */
static void error_unclosed_flow_points_at_the_bracket(void **state)
{
	(void)state;
	expect_error("a: 1\nb: [1, 2\n", 2, 4, "flow sequence", "b: [1, 2");
	expect_error("a: {x: 1\n", 1, 4, "flow mapping", "a: {x: 1");
}

static void error_tab_as_indentation(void **state)
{
	(void)state;
	expect_error("a:\n\tb: 1\n", 2, 1, "cannot start any token", "\tb: 1");
	expect_error("a:\n  b:\n\t- 1\n", 3, 1, "cannot start any token", "\t- 1");
}

static void error_alias(void **state)
{
	(void)state;
	expect_error("a: 1\nb: *a\n", 2, 4, "不允许使用 YAML 别名（*name）", "b: *a");
	/* Columns are characters here too. */
	expect_error("名字: 1\n名: *a\n", 2, 4, "别名", "名: *a");
}

static void error_anchor(void **state)
{
	(void)state;
	expect_error("a: 1\nb: &a 2\n", 2, 4, "不允许使用 YAML 锚点（&name）", "b: &a 2");
	expect_error("a: 1\nb: &a\n  c: 2\n", 2, 4, "锚点", "b: &a");
	expect_error("- &a [1]\n", 1, 3, "锚点", "- &a [1]");
	/* The usual billion-laughs opening is refused at its first anchor. */
	expect_error("x: 1\nlol: &a [\"lol\"]\nlol2: [*a, *a]\n", 2, 6, "锚点",
		     "lol: &a [\"lol\"]");
}

static void error_two_documents(void **state)
{
	(void)state;
	expect_error("a: 1\n---\nb: 2\n", 2, 1, "只能有一个 YAML 文档", "---");
	expect_error("---\na: 1\n...\n---\nb: 2\n", 4, 1, "只能有一个 YAML 文档", "---");
}

static void error_nesting_too_deep(void **state)
{
	(void)state;
	/* YB_YAML_MAX_DEPTH + 1 nested flow sequences as the second item of a sequence: with
	 * the outer sequence that is one level too many, and the last "[" that opens
	 * (column 2 + YB_YAML_MAX_DEPTH) is refused. */
	enum { N = YB_YAML_MAX_DEPTH };
	char line[2 * N + 3], text[2 * N + 16];
	size_t k = 0;
	line[k++] = '-';
	line[k++] = ' ';
	for (int i = 0; i < N; i++)
		line[k++] = '[';
	for (int i = 0; i < N; i++)
		line[k++] = ']';
	line[k] = '\0';
	snprintf(text, sizeof(text), "- 1\n%s\n", line);
	expect_error(text, 2, 2 + N, "嵌套超过了 64 层", line);
}

static void error_nesting_too_deep_in_block_style(void **state)
{
	(void)state;
	/* Block mappings, one level per line: line i opens level i. The first N lines are the
	 * YB_YAML_MAX_DEPTH allowed levels; the "leaf" line opens one more. */
	enum { N = YB_YAML_MAX_DEPTH };
	size_t size = (size_t)N * (2 * N + 8);
	char *text = malloc(size), *p = text;
	assert_non_null(text);
	for (int i = 0; i < N; i++)
		p += sprintf(p, "%*sk%d:\n", 2 * i, "", i);
	p += sprintf(p, "%*sleaf: 1\n", 2 * N, "");
	(void)p;
	char excerpt[2 * N + 16];
	snprintf(excerpt, sizeof(excerpt), "%*sleaf: 1", 2 * N, "");
	expect_error(text, N + 1, 2 * N + 1, "嵌套超过了 64", excerpt);
	free(text);
}

static void file_at_the_size_limit_is_read(void **state)
{
	(void)state;
	size_t len = YB_YAML_MAX_SIZE;
	char *text = malloc(len + 1);
	assert_non_null(text);
	memset(text, 'x', len);
	text[0] = '#';
	text[len - 1] = '\n';
	text[len] = '\0';
	yb_arena arena = {0};
	yb_error err;
	ynode *root = (ynode *)&arena;
	assert_int_equal(yb_yaml_parse(&arena, "big.yaml", text, len, &root, &err), YB_OK);
	assert_null(root); /* only a comment */
	yb_arena_free(&arena);
	free(text);
}

static void error_file_over_the_size_limit(void **state)
{
	(void)state;
	size_t len = (size_t)YB_YAML_MAX_SIZE + 1;
	char *text = malloc(len + 1);
	assert_non_null(text);
	memset(text, 'x', len);
	text[0] = '#';
	text[len - 1] = '\n';
	text[len] = '\0';
	yb_arena arena = {0};
	yb_error err;
	ynode *root = (ynode *)&arena;
	assert_int_equal(yb_yaml_parse(&arena, "big.yaml", text, len, &root, &err), YB_ECORPUS);
	assert_null(root);
	assert_int_equal(err.code, YB_ECORPUS);
	assert_string_equal(err.file, "big.yaml");
	assert_non_null(strstr(err.message, "4194305 字节"));
	assert_non_null(strstr(err.message, "的上限"));
	assert_int_equal(err.line, 0);
	assert_int_equal(err.column, 0);
	assert_string_equal(err.excerpt, "");
	assert_null(arena.head); /* refused before anything was allocated */
	yb_arena_free(&arena);
	free(text);
}

/* A byte libyaml's reader refuses (invalid UTF-8, a control character) comes with a byte
 * offset, not a mark: it must still be reported on its own line and column. */
static void error_invalid_utf8_points_at_the_byte(void **state)
{
	(void)state;
	expect_error("a: 1\nb: 2\nc: \xff\n", 3, 4, "invalid leading UTF-8 octet", "c: \xff");
	expect_error("a: 1\nb: \x01\n", 2, 4, "control characters", "b: \x01");
}

/* ---- Out of memory ------------------------------------------------------------------------- */

static char *moderate_document(void)
{
	/* Enough nodes to need several arena chunks and several growths of the kid stack. */
	size_t size = 256 * 1024, used = 0;
	char *text = malloc(size);
	assert_non_null(text);
	used += (size_t)snprintf(text + used, size - used, "items:\n");
	for (int i = 0; i < 400; i++)
		used += (size_t)snprintf(text + used, size - used,
					 "  - id: item%d\n"
					 "    title: \"第%d项\"\n"
					 "    tags: [a%d, b, c]\n"
					 "    where: {line: %d, note: ~}\n",
					 i, i, i, i);
	used += (size_t)snprintf(text + used, size - used, "last: %s\n", "end");
	assert_true(used < size);
	return text;
}

static void check_moderate_tree(const ynode *root)
{
	assert_non_null(root);
	const ynode *items = yn_get(root, "items");
	assert_non_null(items);
	assert_int_equal(items->kind, YN_SEQ);
	assert_int_equal(items->n, 400);
	const ynode *it = items->kids[399];
	assert_string_equal(yn_get(it, "id")->str, "item399");
	assert_string_equal(yn_get(it, "title")->str, "第399项");
	assert_int_equal(yn_get(it, "tags")->n, 3);
	assert_true(yn_is_null(yn_get(yn_get(it, "where"), "note")));
	assert_int_equal(it->line, 2 + 4 * 399);
	assert_string_equal(yn_get(root, "last")->str, "end");
}

static void out_of_memory_at_every_allocation(void **state)
{
	(void)state;
	char *text = moderate_document();
	size_t len = strlen(text);
	long n;
	int failures = 0;
	for (n = 0;; n++) {
		yb_arena arena = {0};
		yb_error err;
		ynode *root = (ynode *)&arena;
		memset(&err, 0, sizeof(err));
		yb_mem_fail_after(n);
		yb_status st = yb_yaml_parse(&arena, "oom.yaml", text, len, &root, &err);
		yb_mem_fail_after(-1);
		if (st == YB_OK) {
			check_moderate_tree(root);
			yb_arena_free(&arena);
			break;
		}
		if (st != YB_ENOMEM)
			print_error("allocation %ld: status %d: %s\n", n, st, err.message);
		assert_int_equal(st, YB_ENOMEM);
		assert_int_equal(err.code, YB_ENOMEM);
		assert_null(root);
		failures++;
		yb_arena_free(&arena);
		assert_true(n < 100000); /* it must succeed eventually */
	}
	/* Several chunks and stack growths: the loop really went through many failures. */
	assert_true(failures > 5);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(top_level_scalar),
		cmocka_unit_test(top_level_sequence),
		cmocka_unit_test(nested_maps_and_sequences_with_positions),
		cmocka_unit_test(columns_count_characters),
		cmocka_unit_test(quoted_flag),
		cmocka_unit_test(yn_get_finds_keys),
		cmocka_unit_test(yn_bad_key_finds_lists_and_repeats),
		cmocka_unit_test(yn_is_null_reads_yaml_nulls),
		cmocka_unit_test(empty_document_is_null_root),
		cmocka_unit_test(explicit_empty_document_is_a_null_scalar),
		cmocka_unit_test(nesting_at_the_limit_is_accepted),
		cmocka_unit_test(error_bad_indentation),
		cmocka_unit_test(error_value_indented_under_a_scalar),
		cmocka_unit_test(error_unclosed_quote),
		cmocka_unit_test(error_unclosed_flow_points_at_the_bracket),
		cmocka_unit_test(error_tab_as_indentation),
		cmocka_unit_test(error_alias),
		cmocka_unit_test(error_anchor),
		cmocka_unit_test(error_two_documents),
		cmocka_unit_test(error_nesting_too_deep),
		cmocka_unit_test(error_nesting_too_deep_in_block_style),
		cmocka_unit_test(file_at_the_size_limit_is_read),
		cmocka_unit_test(error_file_over_the_size_limit),
		cmocka_unit_test(error_invalid_utf8_points_at_the_byte),
		cmocka_unit_test(out_of_memory_at_every_allocation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
