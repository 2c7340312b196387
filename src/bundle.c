/*
 * bundle.c - signed rule bundles: keys, manifests, reading, checking and making (bundle.h).
 */
#include "bundle.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "config.h"
#include "error.h"
#include "mem.h"
#include "rulesfs.h"
#include "yamltree.h"

/*
 * The keys that sign official bundles. Only the public halves are here; the private keys stay
 * with whoever publishes the rules. More keys can be trusted in the user's configuration.
 */
static const char *const builtin_keys[] = {
	"7244169d2abed3ab201b84cb2092dbbb014a94e6bace8c4032fdea0a65dfd936", /* 9e7784ee7ba507b7 */
};

yb_status yb_key_id(const unsigned char pub[YB_ED25519_KEY_LEN], char id[YB_KEY_ID_LEN + 1],
		    yb_error *err)
{
	unsigned char h[YB_SHA256_LEN];
	char hex[2 * YB_SHA256_LEN + 1];
	yb_status st = yb_sha256(pub, YB_ED25519_KEY_LEN, h, err);
	if (st)
		return st;
	yb_hex(h, YB_SHA256_LEN, hex);
	memcpy(id, hex, YB_KEY_ID_LEN);
	id[YB_KEY_ID_LEN] = '\0';
	return YB_OK;
}

static yb_status add_key(yb_keyring *kr, const char *hex, bool builtin, yb_error *err)
{
	yb_key *k;
	if (kr->n == YB_MAX_KEYS)
		return yb_fail(err, YB_EUSAGE, "受信任的公钥太多（最多 %d 个）",
			       "too many trusted public keys (at most %d)", YB_MAX_KEYS);
	k = &kr->keys[kr->n];
	if (yb_unhex(hex, k->pub, YB_ED25519_KEY_LEN) != 0)
		return yb_fail(err, YB_EUSAGE, "公钥应是 64 位十六进制数字，而不是 \"%s\"",
			       "a public key should be 64 hexadecimal digits, not \"%s\"", hex);
	yb_status st = yb_key_id(k->pub, k->id, err);
	if (st)
		return st;
	k->builtin = builtin;
	kr->n++;
	return YB_OK;
}

yb_status yb_keyring_load(yb_keyring *kr, yb_error *err)
{
	yb_config cfg;
	yb_status st;
	memset(kr, 0, sizeof(*kr));
	for (size_t i = 0; i < sizeof(builtin_keys) / sizeof(builtin_keys[0]); i++)
		if ((st = add_key(kr, builtin_keys[i], true, err)))
			return st;
	if ((st = yb_config_load(&cfg, err)))
		return st;
	for (size_t i = 0; i < cfg.nkeys && !st; i++)
		st = add_key(kr, cfg.keys[i], false, err);
	return st;
}

const yb_key *yb_keyring_find(const yb_keyring *kr, const char *id)
{
	for (size_t i = 0; i < kr->n; i++)
		if (!strcmp(kr->keys[i].id, id))
			return &kr->keys[i];
	return NULL;
}

/* ---- Versions and paths ------------------------------------------------------------------------ */

yb_status yb_version_check(const char *v, yb_error *err)
{
	size_t parts = 0;
	const char *p = v;
	for (;;) {
		size_t digits = strspn(p, "0123456789");
		if (digits == 0 || digits > YB_VERSION_MAX_DIGITS || ++parts > YB_VERSION_MAX_PARTS)
			break;
		p += digits;
		if (*p == '\0')
			return YB_OK;
		if (*p++ != '.')
			break;
	}
	return yb_fail(err, YB_ECORPUS,
		       "版本号 \"%.80s\" 格式不对：应是用点分隔的 1 到 %d 个数，每个数 1 到 "
		       "%d 位（如 2026.11.1）",
		       "malformed version \"%.80s\": it should be 1 to %d numbers separated by "
		       "dots, each of 1 to %d digits (such as 2026.11.1)",
		       v, YB_VERSION_MAX_PARTS, YB_VERSION_MAX_DIGITS);
}

/* Compares part by part as numbers. Parts are compared as digit strings (longer is larger once
 * leading zeros are gone), so no part can overflow; anything else in a part compares bytewise. */
int yb_version_compare(const char *a, const char *b)
{
	while (*a || *b) {
		size_t la = strcspn(a, "."), lb = strcspn(b, ".");
		const char *pa = a, *pb = b;
		size_t na = la, nb = lb;
		if (strspn(a, "0123456789") >= la && strspn(b, "0123456789") >= lb) {
			while (na > 1 && *pa == '0')
				pa++, na--;
			while (nb > 1 && *pb == '0')
				pb++, nb--;
			if (na != nb)
				return na < nb ? -1 : 1;
		}
		int c = memcmp(pa, pb, na < nb ? na : nb);
		if (c || na != nb)
			return c ? (c < 0 ? -1 : 1) : na < nb ? -1 : 1;
		a += la + (a[la] == '.');
		b += lb + (b[lb] == '.');
	}
	return 0;
}

yb_status yb_bundle_path_check(const char *path, yb_error *err)
{
	if (path[0] == '/' || path[0] == '\0' || strstr(path, "..") || strstr(path, "//") ||
	    strspn(path, "abcdefghijklmnopqrstuvwxyz0123456789-_./") != strlen(path))
		return yb_fail(err, YB_ECORPUS,
			       "不安全的路径 \"%s\"：规则包中的路径应是相对路径，只含小写 ASCII "
			       "字母、数字、'-'、'_'、'.' 和 '/'，且不含 \"..\"",
			       "unsafe path \"%s\": a path in a bundle should be relative, hold "
			       "only lowercase ASCII letters, digits, '-', '_', '.' and '/', and "
			       "no \"..\"",
			       path);
	return YB_OK;
}

/* ---- Manifests ------------------------------------------------------------------------------- */

static yb_status copy_scalar(const ynode *n, char *out, size_t size, const char *what,
			     yb_error *err)
{
	if (!n || n->kind != YN_SCALAR || n->len == 0 || n->len >= size)
		return yb_fail(err, YB_ECORPUS, "manifest 中的 %s 缺失或格式不对",
			       "%s in the manifest is missing or malformed", what);
	memcpy(out, n->str, n->len + 1);
	return YB_OK;
}

yb_status yb_manifest_parse(const char *text, size_t len, yb_manifest *m, yb_error *err)
{
	yb_arena arena = {0};
	ynode *root = NULL;
	yb_status st;
	memset(m, 0, sizeof(*m));
	if ((st = yb_yaml_parse(&arena, "manifest.yaml", text, len, &root, err)))
		goto cleanup;
	const ynode *format = yn_get(root, "format"), *files = yn_get(root, "files");
	if (!format || format->kind != YN_SCALAR || strcmp(format->str, "1") != 0) {
		st = yb_fail(err, YB_ECORPUS, "manifest 不是第 1 版格式（format: 1）",
			     "the manifest is not in format 1 (format: 1)");
		goto cleanup;
	}
	if ((st = copy_scalar(yn_get(root, "version"), m->version, sizeof(m->version), "version",
			      err)) ||
	    (st = copy_scalar(yn_get(root, "date"), m->date, sizeof(m->date), "date", err)) ||
	    (st = copy_scalar(yn_get(root, "key"), m->key, sizeof(m->key), "key", err)) ||
	    (st = yb_version_check(m->version, err)))
		goto cleanup;
	if (!files || files->kind != YN_SEQ || files->n == 0 || files->n > YB_BUNDLE_MAX_FILES) {
		st = yb_fail(err, YB_ECORPUS, "manifest 的 files 应列出 1 到 %d 个文件",
			     "the manifest's files should list 1 to %d files", YB_BUNDLE_MAX_FILES);
		goto cleanup;
	}
	for (size_t i = 0; i < files->n; i++) {
		const ynode *f = files->kids[i], *size = yn_get(f, "size");
		yb_manifest_file *mf = &m->files[i];
		char hex[2 * YB_SHA256_LEN + 1], *end;
		if ((st = copy_scalar(yn_get(f, "path"), mf->path, sizeof(mf->path), "path", err)) ||
		    (st = copy_scalar(yn_get(f, "sha256"), hex, sizeof(hex), "sha256", err)))
			goto cleanup;
		/* A path stays inside the corpus: relative, no "..", no empty parts. */
		if ((st = yb_bundle_path_check(mf->path, err)))
			goto cleanup;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(m->files[j].path, mf->path)) {
				st = yb_fail(err, YB_ECORPUS, "manifest 把 %s 列了两次",
					     "the manifest lists %s twice", mf->path);
				goto cleanup;
			}
		if (!size || size->kind != YN_SCALAR ||
		    (mf->size = strtoull(size->str, &end, 10), *end) || size->len == 0 ||
		    yb_unhex(hex, mf->sha256, YB_SHA256_LEN) != 0) {
			st = yb_fail(err, YB_ECORPUS, "manifest 中 %s 的 size 或 sha256 不对",
				     "the size or sha256 of %s in the manifest is wrong", mf->path);
			goto cleanup;
		}
	}
	m->nfiles = files->n;
cleanup:
	yb_arena_free(&arena);
	return st;
}

yb_status yb_manifest_verify(const char *text, size_t len, const char *sig_hex,
			     const yb_keyring *kr, yb_manifest *m, yb_error *err)
{
	unsigned char sig[YB_ED25519_SIG_LEN];
	yb_status st;
	if (!sig_hex || !*sig_hex)
		return yb_fail(err, YB_ECORPUS, "规则包没有签名", "the bundle is not signed");
	if (yb_unhex(sig_hex, sig, sizeof(sig)) != 0)
		return yb_fail(err, YB_ECORPUS, "签名格式不对", "malformed signature");
	/* Parse first to learn the key, but trust nothing in it until the signature holds. */
	if ((st = yb_manifest_parse(text, len, m, err)))
		return st;
	const yb_key *k = yb_keyring_find(kr, m->key);
	if (!k)
		return yb_fail(err, YB_ECORPUS,
			       "签名所用的公钥 %s 不受信任（受信任的是内置的公钥和配置文件中写的"
			       "公钥）",
			       "the public key %s that signed the bundle is not trusted (trusted "
			       "are the built-in public keys and those in the configuration file)",
			       m->key);
	if ((st = yb_ed25519_verify(k->pub, text, len, sig, err)))
		return st == YB_ECORPUS
			       ? yb_fail(err, YB_ECORPUS, "签名无效：manifest 不是用公钥 %s 签名的",
					 "invalid signature: the manifest was not signed with the "
					 "public key %s",
					 m->key)
			       : st;
	return YB_OK;
}

yb_status yb_manifest_check_file(const yb_manifest_file *f, const void *data, size_t len,
				 yb_error *err)
{
	unsigned char h[YB_SHA256_LEN];
	yb_status st;
	if (len != f->size)
		return yb_fail(err, YB_ECORPUS, "%s 有 %zu 字节，manifest 中写的是 %zu",
			       "%s has %zu bytes, the manifest says %zu", f->path, len, f->size);
	if ((st = yb_sha256(data, len, h, err)))
		return st;
	if (memcmp(h, f->sha256, sizeof(h)) != 0)
		return yb_fail(err, YB_ECORPUS, "%s 与 manifest 中记录的 SHA-256 不符",
			       "%s does not match the SHA-256 recorded in the manifest", f->path);
	return YB_OK;
}

/* ---- Reading a bundle -------------------------------------------------------------------------- */

typedef struct {
	const char *p, *end;
} cursor;

/* The next line (without its newline), or NULL at the end or when there is no newline. */
static const char *line(cursor *c, size_t *len)
{
	const char *nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
	if (!nl)
		return NULL;
	const char *start = c->p;
	*len = (size_t)(nl - start);
	c->p = nl + 1;
	return start;
}

/* "<word> <decimal>" or "<word> <text> <decimal>": the trailing byte count. */
static int count_at_end(const char *s, size_t len, size_t *out)
{
	size_t i = len;
	while (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
		i--;
	if (i == len || i == 0 || s[i - 1] != ' ' || len - i > 10)
		return -1;
	*out = 0;
	for (size_t k = i; k < len; k++)
		*out = *out * 10 + (size_t)(s[k] - '0');
	return 0;
}

static yb_status truncated(yb_error *err)
{
	return yb_fail(err, YB_ECORPUS, "规则包不完整或格式不对",
		       "the bundle is incomplete or malformed");
}

yb_status yb_bundle_read(const char *data, size_t len, yb_bundle *b, yb_error *err)
{
	cursor c = {data, data + len};
	const char *l;
	size_t n, size;
	memset(b, 0, sizeof(*b));
	if (!(l = line(&c, &n)) || n != 14 || memcmp(l, "yibao-bundle 1", 14) != 0)
		return yb_fail(err, YB_ECORPUS, "这不是 yibao 规则包",
			       "this is not a yibao bundle");
	if (!(l = line(&c, &n)) || n < 10 || memcmp(l, "manifest ", 9) != 0 ||
	    count_at_end(l, n, &size) || (size_t)(c.end - c.p) < size + 1 || c.p[size] != '\n')
		return truncated(err);
	b->manifest = c.p;
	b->manifest_len = size;
	c.p += size + 1;
	if (!(l = line(&c, &n)))
		return truncated(err);
	if (n == 10 + 2 * YB_ED25519_SIG_LEN && !memcmp(l, "signature ", 10)) {
		memcpy(b->signature, l + 10, 2 * YB_ED25519_SIG_LEN);
		if (!(l = line(&c, &n)))
			return truncated(err);
	}
	while (!(n == 3 && !memcmp(l, "end", 3))) {
		yb_bundle_part *f = &b->files[b->nfiles];
		if (b->nfiles == YB_BUNDLE_MAX_FILES || n < 8 || memcmp(l, "file ", 5) != 0 ||
		    count_at_end(l, n, &size) || (size_t)(c.end - c.p) < size + 1 ||
		    c.p[size] != '\n')
			return truncated(err);
		f->path = l + 5;
		f->path_len = n - 5;
		while (f->path_len && f->path[f->path_len - 1] != ' ')
			f->path_len--;
		if (f->path_len < 2)
			return truncated(err);
		f->path_len--; /* the space before the size */
		f->data = c.p;
		f->len = size;
		c.p += size + 1;
		b->nfiles++;
		if (!(l = line(&c, &n)))
			return truncated(err);
	}
	if (c.p != c.end)
		return yb_fail(err, YB_ECORPUS, "规则包在结尾（end）之后还有多余的内容",
			       "the bundle has more after its end (end)");
	return YB_OK;
}

/* The manifest's version is the one its corpus.yaml declares: the version that decides whether
 * a bundle is newer is the version of the rules that will answer. */
static yb_status check_corpus_version(const yb_bundle *b, yb_error *err)
{
	const yb_bundle_part *part = NULL;
	yb_arena arena = {0};
	ynode *root = NULL;
	yb_status st;
	for (size_t k = 0; k < b->nfiles && !part; k++)
		if (b->files[k].path_len == 11 && !memcmp(b->files[k].path, "corpus.yaml", 11))
			part = &b->files[k];
	if (!part)
		return yb_fail(err, YB_ECORPUS, "规则包中没有 corpus.yaml",
			       "the bundle has no corpus.yaml");
	if (!(st = yb_yaml_parse(&arena, "corpus.yaml", part->data, part->len, &root, err))) {
		const ynode *v = yn_get(root, "version");
		if (!v || v->kind != YN_SCALAR)
			st = yb_fail(err, YB_ECORPUS, "规则包中的 corpus.yaml 没有 version",
				     "the bundle's corpus.yaml has no version");
		else if (strcmp(v->str, b->m.version) != 0)
			st = yb_fail(err, YB_ECORPUS,
				     "manifest 写的版本是 %s，规则包中的 corpus.yaml 写的是 "
				     "%.80s：未安装",
				     "the manifest says version %s, the bundle's corpus.yaml says "
				     "%.80s: not installed",
				     b->m.version, v->str);
	}
	yb_arena_free(&arena);
	return st;
}

yb_status yb_bundle_verify(yb_bundle *b, const yb_keyring *kr, yb_error *err)
{
	yb_status st = yb_manifest_verify(b->manifest, b->manifest_len, b->signature, kr, &b->m, err);
	if (st)
		return st;
	if (b->nfiles != b->m.nfiles)
		return yb_fail(err, YB_ECORPUS, "规则包中有 %zu 个文件，manifest 列出的是 %zu 个",
			       "the bundle holds %zu files, the manifest lists %zu", b->nfiles,
			       b->m.nfiles);
	for (size_t i = 0; i < b->m.nfiles; i++) {
		const yb_manifest_file *mf = &b->m.files[i];
		const yb_bundle_part *part = NULL;
		for (size_t k = 0; k < b->nfiles && !part; k++)
			if (b->files[k].path_len == strlen(mf->path) &&
			    !memcmp(b->files[k].path, mf->path, b->files[k].path_len))
				part = &b->files[k];
		if (!part)
			return yb_fail(err, YB_ECORPUS, "manifest 列出了 %s，但规则包中没有它",
				       "the manifest lists %s, but the bundle does not hold it",
				       mf->path);
		if ((st = yb_manifest_check_file(mf, part->data, part->len, err)))
			return st;
	}
	return check_corpus_version(b, err);
}

/* ---- Keys ------------------------------------------------------------------------------------- */

static const char key_header[] = "yibao-ed25519-private-key 1\n";

yb_status yb_key_read_private(const char *path, unsigned char seed[YB_ED25519_KEY_LEN],
			      yb_error *err)
{
	char text[256];
	FILE *f = fopen(path, "r");
	if (!f)
		return yb_fail_errno(err, YB_EUSAGE, errno, "无法读取密钥 %s",
				     "could not read the key %s", path);
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	size_t h = sizeof(key_header) - 1;
	if (n < h + 64 || memcmp(text, key_header, h) != 0)
		return yb_fail(err, YB_EUSAGE, "%s 不是 yibao 私钥（可以用 yibao keygen 生成一个）",
			       "%s is not a yibao private key (yibao keygen makes one)", path);
	text[h + 64] = '\0';
	if (yb_unhex(text + h, seed, YB_ED25519_KEY_LEN) != 0)
		return yb_fail(err, YB_EUSAGE, "%s：密钥格式不对", "%s: malformed key", path);
	return YB_OK;
}

yb_status yb_keygen(const char *path, char pub_hex[65], char id[17], yb_error *err)
{
	unsigned char seed[YB_ED25519_KEY_LEN], pub[YB_ED25519_KEY_LEN];
	char hex[65];
	yb_status st;
	if ((st = yb_ed25519_keygen(seed, pub, err)) || (st = yb_key_id(pub, id, err)))
		return st;
	/* The private key is readable by its owner only, and never overwrites a key. */
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		return yb_fail_errno(err, YB_EUSAGE, errno, "无法创建 %s", "could not create %s",
				     path);
	yb_hex(seed, sizeof(seed), hex);
	FILE *f = fdopen(fd, "w");
	int bad = !f || fprintf(f, "%s%s\n", key_header, hex) < 0;
	if (f)
		bad |= fclose(f) != 0;
	else
		close(fd);
	memset(seed, 0, sizeof(seed));
	memset(hex, 0, sizeof(hex));
	if (bad) {
		unlink(path);
		return yb_fail(err, YB_EIO, "无法写入 %s", "could not write %s", path);
	}
	yb_hex(pub, sizeof(pub), pub_hex);
	return YB_OK;
}

/* ---- Making a bundle --------------------------------------------------------------------------- */

typedef struct {
	char path[256];
	char *data;
	size_t len;
} source_file;

typedef struct {
	source_file files[YB_BUNDLE_MAX_FILES];
	size_t n;
} file_set;

/* Every .yaml file under dir/rel, in a stable order. */
static yb_status collect(const char *dir, const char *rel, file_set *set, yb_error *err)
{
	char full[1024];
	snprintf(full, sizeof(full), "%s%s%s", dir, *rel ? "/" : "", rel);
	struct dirent **names = NULL;
	int n = scandir(full, &names, NULL, alphasort);
	if (n < 0)
		return yb_fail(err, YB_EUSAGE, "无法读取文件夹 %s", "could not read the folder %s",
			       full);
	yb_status st = YB_OK;
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		char child[512], path[1280];
		struct stat sb;
		yb_error why;
		if (!st && name[0] != '.') {
			snprintf(child, sizeof(child), "%s%s%s", rel, *rel ? "/" : "", name);
			snprintf(path, sizeof(path), "%s/%s", dir, child);
			if (stat(path, &sb) != 0) {
				st = yb_fail(err, YB_EIO, "无法读取 %s 的文件信息",
					     "could not read the file information of %s", path);
			} else if (S_ISDIR(sb.st_mode)) {
				st = collect(dir, child, set, err);
			} else if (strlen(name) > 5 && !strcmp(name + strlen(name) - 5, ".yaml")) {
				if (set->n == YB_BUNDLE_MAX_FILES)
					st = yb_fail(err, YB_EUSAGE, "文件超过 %d 个",
						     "more than %d files", YB_BUNDLE_MAX_FILES);
				else if (strlen(child) >= sizeof(set->files[0].path))
					st = yb_fail(err, YB_EUSAGE, "路径太长：%s",
						     "path too long: %s", child);
				else if (yb_bundle_path_check(child, &why))
					st = yb_fail_because(err, YB_ECORPUS, &why,
							     "%s：没有打包，客户端会拒绝它",
							     "%s: not bundled, clients would "
							     "refuse it",
							     path);
				else {
					source_file *sf = &set->files[set->n];
					memcpy(sf->path, child, strlen(child) + 1);
					st = yb_read_file(path, 64u << 20, YB_EIO, &sf->data, &sf->len, err);
					if (!st)
						set->n++;
				}
			}
		}
		free(names[i]);
	}
	free(names);
	return st;
}

static void discard_lint(void *ctx, const yb_diag *d)
{
	(void)ctx, (void)d;
}

yb_status yb_bundle_make(const char *dir, const char *key_path, const char *out_path,
			 yb_bundle_info *info, yb_error *err)
{
	unsigned char seed[YB_ED25519_KEY_LEN], pub[YB_ED25519_KEY_LEN], sig[YB_ED25519_SIG_LEN];
	char sig_hex[2 * YB_ED25519_SIG_LEN + 1], tmp[1100];
	file_set *set = NULL;
	yb_corpus *corpus = NULL;
	yb_buf manifest = {0}, out = {0};
	size_t errors, warnings;
	yb_status st;

	memset(info, 0, sizeof(*info));
	/* Only a corpus that lints clean is signed. */
	if ((st = yb_lint(dir, discard_lint, NULL, &errors, &warnings, err)))
		return st == YB_ECORPUS ? yb_fail(err, YB_ECORPUS,
						  "%s 没有通过检查（%zu 个错误）：请运行 yibao "
						  "lint --rules %s 查看",
						  "%s did not pass the check (%zu errors): run "
						  "yibao lint --rules %s to see them",
						  dir, errors, dir)
					: st;
	if ((st = yb_corpus_open_dir(dir, NULL, &corpus, err)))
		return st;
	snprintf(info->version, sizeof(info->version), "%s", yb_corpus_version(corpus));
	snprintf(info->date, sizeof(info->date), "%s", yb_corpus_date(corpus));
	yb_corpus_close(corpus);
	/* Clients refuse a manifest whose version is not one: refuse it before signing. */
	if ((st = yb_version_check(info->version, err)))
		return st;

	if ((st = yb_key_read_private(key_path, seed, err)) ||
	    (st = yb_ed25519_public(seed, pub, err)) || (st = yb_key_id(pub, info->key, err)))
		goto cleanup;
	if (!(set = yb_malloc(sizeof(*set)))) {
		st = yb_err_nomem(err);
		goto cleanup;
	}
	set->n = 0;
	if ((st = collect(dir, "", set, err)))
		goto cleanup;

	yb_buf_printf(&manifest, "format: 1\nversion: \"%s\"\ndate: %s\nkey: %s\nfiles:\n",
		      info->version, info->date, info->key);
	for (size_t i = 0; i < set->n; i++) {
		unsigned char h[YB_SHA256_LEN];
		char hex[2 * YB_SHA256_LEN + 1];
		if ((st = yb_sha256(set->files[i].data, set->files[i].len, h, err)))
			goto cleanup;
		yb_hex(h, sizeof(h), hex);
		yb_buf_printf(&manifest, "  - {path: %s, size: %zu, sha256: %s}\n", set->files[i].path,
			      set->files[i].len, hex);
	}
	if (manifest.failed) {
		st = yb_err_nomem(err);
		goto cleanup;
	}
	if ((st = yb_ed25519_sign(seed, manifest.data, manifest.len, sig, err)))
		goto cleanup;
	yb_hex(sig, sizeof(sig), sig_hex);

	yb_buf_printf(&out, "yibao-bundle 1\nmanifest %zu\n", manifest.len);
	yb_buf_append(&out, manifest.data, manifest.len);
	yb_buf_printf(&out, "\nsignature %s\n", sig_hex);
	for (size_t i = 0; i < set->n; i++) {
		yb_buf_printf(&out, "file %s %zu\n", set->files[i].path, set->files[i].len);
		yb_buf_append(&out, set->files[i].data, set->files[i].len);
		yb_buf_putc(&out, '\n');
	}
	yb_buf_puts(&out, "end\n");
	if (out.failed) {
		st = yb_err_nomem(err);
		goto cleanup;
	}
	info->files = set->n;
	info->bytes = out.len;

	/* Written beside the target and renamed over it: never a half-written bundle. */
	snprintf(tmp, sizeof(tmp), "%s.tmp", out_path);
	FILE *f = fopen(tmp, "wb");
	if (!f || fwrite(out.data, 1, out.len, f) != out.len || fflush(f) != 0 ||
	    fsync(fileno(f)) != 0) {
		if (f)
			fclose(f);
		unlink(tmp);
		st = yb_fail_errno(err, YB_EIO, errno, "无法写入 %s", "could not write %s",
				   out_path);
		goto cleanup;
	}
	if (fclose(f) != 0 || rename(tmp, out_path) != 0) {
		unlink(tmp);
		st = yb_fail_errno(err, YB_EIO, errno, "无法写入 %s", "could not write %s",
				   out_path);
	}
cleanup:
	memset(seed, 0, sizeof(seed));
	if (set)
		for (size_t i = 0; i < set->n; i++)
			yb_free(set->files[i].data);
	yb_free(set);
	yb_buf_free(&manifest);
	yb_buf_free(&out);
	return st;
}
