/* config.c - the user's configuration and data folder (see config.h). */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "error.h"
#include "mem.h"
#include "suggest.h"
#include "yamltree.h"

static yb_status base_dir(const char *xdg, const char *fallback, char *out, size_t size,
			  yb_error *err)
{
	const char *env = getenv(xdg), *home = getenv("HOME");
	int n;
	if (env && *env == '/')
		n = snprintf(out, size, "%s/yibao", env);
	else if (home && *home)
		n = snprintf(out, size, "%s/%s/yibao", home, fallback);
	else
		return yb_fail(err, YB_EUSAGE, "%s 和 HOME 都没有设置",
			       "neither %s nor HOME is set", xdg);
	if (n < 0 || (size_t)n >= size)
		return yb_fail(err, YB_EUSAGE, "%s 太长", "%s is too long", xdg);
	return YB_OK;
}

yb_status yb_data_dir(char *out, size_t size, yb_error *err)
{
	return base_dir("XDG_DATA_HOME", ".local/share", out, size, err);
}

/* The file is a mapping of known keys: a misspelt one would otherwise be ignored without a
 * word, and the setting it was meant to make with it. */
static yb_status check_keys(const char *path, const ynode *root, const char *text, size_t len,
			    yb_error *err)
{
	static const char *const known[] = {"url", "keys"};
	if (!root)
		return YB_OK; /* an empty file */
	if (root->kind != YN_MAP)
		return yb_fail_at(err, YB_EUSAGE, path, root->line, root->column, text, len,
				  "配置文件应是一个映射，键为 url 和 keys",
				  "the configuration should be a mapping with the keys url and "
				  "keys");
	for (size_t i = 0; i + 1 < root->n; i += 2) {
		const ynode *k = root->kids[i];
		const char *name = k->kind == YN_SCALAR ? k->str : "";
		bool ok = false;
		yb_suggest near;
		yb_suggest_init(&near, 2);
		for (size_t j = 0; j < sizeof(known) / sizeof(known[0]) && !ok; j++) {
			ok = !strcmp(name, known[j]);
			yb_suggest_offer(&near, known[j], yb_edit_distance(name, known[j]));
		}
		if (ok)
			continue;
		if (near.n)
			return yb_fail_at(err, YB_EUSAGE, path, k->line, k->column, text, len,
					  "未知的键 \"%s\"；是不是 \"%s\"？（可用的键：url、"
					  "keys）",
					  "unknown key \"%s\"; did you mean \"%s\"? (valid keys: "
					  "url, keys)",
					  name, (const char *)near.items[0]);
		return yb_fail_at(err, YB_EUSAGE, path, k->line, k->column, text, len,
				  "未知的键 \"%s\"（可用的键：url、keys）",
				  "unknown key \"%s\" (valid keys: url, keys)", name);
	}
	return YB_OK;
}

/* keys, or one of them, at n is not what keys must be. */
static yb_status bad_keys(yb_error *err, const char *path, const ynode *n, const char *text,
			  size_t len)
{
	return yb_fail_at(err, YB_EUSAGE, path, n->line, n->column, text, len,
			  "keys 应是最多 %d 个公钥的列表，每个公钥为 64 位十六进制数字",
			  "keys should be a list of at most %d public keys, each 64 hexadecimal "
			  "digits",
			  YB_CONFIG_MAX_KEYS);
}

yb_status yb_config_load(yb_config *cfg, yb_error *err)
{
	char dir[960], *text = NULL;
	yb_arena arena = {0};
	ynode *root = NULL;
	yb_status st;
	memset(cfg, 0, sizeof(*cfg));
	if (base_dir("XDG_CONFIG_HOME", ".config", dir, sizeof(dir), err))
		return YB_OK; /* no home at all: nothing configured */
	snprintf(cfg->path, sizeof(cfg->path), "%s/config.yaml", dir);
	FILE *f = fopen(cfg->path, "rb");
	if (!f)
		return errno == ENOENT ? YB_OK
				       : yb_fail_errno(err, YB_EUSAGE, errno, "无法读取 %s",
						       "could not read %s", cfg->path);
	text = yb_malloc(65536);
	size_t len = text ? fread(text, 1, 65535, f) : 0;
	fclose(f);
	if (!text)
		return yb_err_nomem(err);
	if ((st = yb_yaml_parse(&arena, cfg->path, text, len, &root, err))) {
		if (st == YB_ECORPUS)
			st = YB_EUSAGE, err->code = YB_EUSAGE;
		goto cleanup;
	}
	if ((st = check_keys(cfg->path, root, text, len, err)))
		goto cleanup;
	const ynode *url = yn_get(root, "url"), *keys = yn_get(root, "keys");
	if (url) {
		if (url->kind != YN_SCALAR) {
			st = yb_fail_at(err, YB_EUSAGE, cfg->path, url->line, url->column, text,
					len, "url 应是一个网址", "url should be a web address");
			goto cleanup;
		}
		if (url->len >= sizeof(cfg->url)) {
			st = yb_fail_at(err, YB_EUSAGE, cfg->path, url->line, url->column, text,
					len, "url 有 %zu 字节，超过了 %zu 字节的上限",
					"url is %zu bytes, over the limit of %zu bytes", url->len,
					sizeof(cfg->url) - 1);
			goto cleanup;
		}
		memcpy(cfg->url, url->str, url->len + 1);
	}
	if (keys && keys->kind != YN_SEQ) {
		st = bad_keys(err, cfg->path, keys, text, len);
		goto cleanup;
	}
	for (size_t i = 0; keys && i < keys->n; i++) {
		const ynode *k = keys->kids[i];
		if (keys->kind != YN_SEQ || k->kind != YN_SCALAR || k->len != 64 ||
		    cfg->nkeys == YB_CONFIG_MAX_KEYS) {
			st = bad_keys(err, cfg->path, k, text, len);
			goto cleanup;
		}
		memcpy(cfg->keys[cfg->nkeys++], k->str, 65);
	}
cleanup:
	yb_free(text);
	yb_arena_free(&arena);
	return st;
}
