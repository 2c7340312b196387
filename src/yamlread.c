/*
 * yamlread.c - reading typed values out of a corpus file's YAML tree (see yamlread.h).
 */
#include "yamlread.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "number.h"

/* ---- Shape helpers --------------------------------------------------------------------------- */

yb_pos yb_pos_of(const yb_loader *L, const ynode *n)
{
	yb_pos p = {yb_ref_of(L->c, L->file), n ? n->line : 0, n ? n->column : 0};
	return p;
}

bool yb_recover(yb_loader *L)
{
	return L->lint && L->err->code == YB_ECORPUS;
}

yb_status yb_bad(yb_loader *L, const ynode *n, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (L->lint)
		yb_lint_report(L->lint, L->file ? L->file : "", n ? n->line : 1, n ? n->column : 1, 1,
			       "%s", msg);
	return yb_err_at(L->err, YB_ECORPUS, L->shown, n ? n->line : 1, n ? n->column : 1, L->text,
			 L->len, "%s", msg);
}

/* A problem found after a file's text is gone: its place, without an excerpt. */
yb_status yb_bad_at(yb_loader *L, yb_pos pos, const char *fmt, ...)
{
	char msg[512], shown[sizeof(L->shown)];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	const char *file = pos.file ? yb_str(L->c, pos.file) : "";
	snprintf(shown, sizeof(shown), "%s/%s", L->root, file);
	if (L->lint)
		yb_lint_report(L->lint, file, pos.line, pos.column, 1, "%s", msg);
	return yb_err_at(L->err, YB_ECORPUS, shown, pos.line, pos.column, NULL, 0, "%s", msg);
}

yb_status yb_nomem(yb_loader *L)
{
	return yb_err_nomem(L->err);
}

static const char *kind_name(yn_kind k)
{
	return k == YN_MAP ? "映射" : k == YN_SEQ ? "列表" : "标量";
}

yb_status yb_expect(yb_loader *L, const ynode *n, yn_kind kind, const char *what)
{
	if (n && n->kind == kind && !(kind == YN_SCALAR && yn_is_null(n)))
		return YB_OK;
	return yb_bad(L, n, "%s 应是%s，而不是%s", what, kind_name(kind),
		      !n || yn_is_null(n) ? "空值" : kind_name(n->kind));
}

yb_status yb_check_keys(yb_loader *L, const ynode *map, const char *const *allowed)
{
	bool repeated;
	const ynode *bad = yn_bad_key(map, &repeated);
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const ynode *k = map->kids[i];
		if (k == bad && !repeated)
			return yb_bad(L, k, "键必须是普通的词");
		size_t j = 0;
		while (allowed[j] && strcmp(allowed[j], k->str) != 0)
			j++;
		if (!allowed[j]) {
			char list[300] = "";
			for (j = 0; allowed[j]; j++) {
				strncat(list, j ? "、" : "", sizeof(list) - strlen(list) - 1);
				strncat(list, allowed[j], sizeof(list) - strlen(list) - 1);
			}
			return yb_bad(L, k, "未知的键 \"%s\"（可用的键：%s）", k->str, list);
		}
		if (k == bad)
			return yb_bad(L, k, "键 \"%s\" 重复", k->str);
	}
	return YB_OK;
}

const ynode *yb_require(yb_loader *L, const ynode *map, const char *key)
{
	const ynode *v = yn_get(map, key);
	if (!v || yn_is_null(v)) {
		yb_bad(L, v ? v : map, "缺少必需的键 \"%s\"", key);
		return NULL;
	}
	return v;
}

yb_status yb_keep(yb_loader *L, const char *s, size_t n, yb_ref *out)
{
	const char *kept = yb_intern(&L->c->ids, s, n);
	if (!kept)
		return yb_nomem(L);
	*out = yb_ref_of(L->c, kept);
	return YB_OK;
}

yb_status yb_get_string(yb_loader *L, const ynode *n, yb_ref *out)
{
	if (yb_expect(L, n, YN_SCALAR, "这个值"))
		return YB_ECORPUS;
	return yb_keep(L, n->str, n->len, out);
}

yb_status yb_get_id(yb_loader *L, const ynode *n, yb_ref *out)
{
	if (yb_expect(L, n, YN_SCALAR, "id"))
		return YB_ECORPUS;
	for (size_t i = 0; i < n->len; i++) {
		char ch = n->str[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' ||
		      ch == '.'))
			return yb_bad(L, n,
				      "无效的 id \"%s\"：id 只能由小写 ASCII 字母、数字和 '-' "
				      "组成",
				      n->str);
	}
	return yb_keep(L, n->str, n->len, out);
}

yb_status yb_get_text(yb_loader *L, const ynode *n, yb_text *out)
{
	static const char *const keys[] = {"zh", "en", NULL};
	memset(out, 0, sizeof(*out));
	if (n && n->kind == YN_SCALAR && !yn_is_null(n))
		return yb_keep(L, n->str, n->len, &out->zh);
	if (!n || n->kind != YN_MAP)
		return yb_bad(L, n, "文本应是一个字符串，或带 zh 和 en 的映射");
	if (yb_check_keys(L, n, keys))
		return YB_ECORPUS;
	const ynode *zh = yb_require(L, n, "zh");
	if (!zh || yb_get_string(L, zh, &out->zh))
		return YB_ECORPUS;
	const ynode *en = yn_get(n, "en");
	if (en && yb_get_string(L, en, &out->en))
		return YB_ECORPUS;
	return YB_OK;
}

yb_status yb_get_bool(yb_loader *L, const ynode *n, bool *out)
{
	if (n && n->kind == YN_SCALAR && !n->quoted) {
		if (!strcmp(n->str, "true") || !strcmp(n->str, "yes")) {
			*out = true;
			return YB_OK;
		}
		if (!strcmp(n->str, "false") || !strcmp(n->str, "no")) {
			*out = false;
			return YB_OK;
		}
	}
	return yb_bad(L, n, "应为 true 或 false");
}

/* The scalar a number is read from, or NULL: a quoted "12" is a string, not a number. */
static const char *number_text(const ynode *n)
{
	return n && n->kind == YN_SCALAR && !n->quoted ? n->str : NULL;
}

yb_status yb_get_number(yb_loader *L, const ynode *n, double min, double max, double *out)
{
	if (yb_number_parse(number_text(n), min, max, out) == YB_NUMBER_OK)
		return YB_OK;
	char lo[32], hi[32];
	yb_number_format(min, lo);
	yb_number_format(max, hi);
	return yb_bad(L, n, "应为 %s 到 %s 之间的数", lo, hi);
}

yb_status yb_get_int(yb_loader *L, const ynode *n, long min, long max, long *out)
{
	if (yb_integer_parse(number_text(n), min, max, out) == YB_NUMBER_OK)
		return YB_OK;
	return yb_bad(L, n, "应为 %ld 到 %ld 之间的整数", min, max);
}

yb_status yb_get_date(yb_loader *L, const ynode *n, int *yyyymmdd)
{
	if (n && n->kind == YN_SCALAR && (*yyyymmdd = yb_date_parse(n->str)) != 0)
		return YB_OK;
	return yb_bad(L, n, "应为 YYYY-MM-DD 格式的日期");
}
