/*
 * store.c - installed rule corpora: installing a verified bundle atomically, rolling back,
 * checking an installed corpus, and choosing which corpus answers.
 *
 *   $XDG_DATA_HOME/yibao/
 *     corpora/<version>-<time>-<pid>/   manifest.yaml, manifest.sig, origin.yaml, rules/…,
 *                                       corpus.img (the rules compiled: what answers)
 *     current  -> corpora/…             the active corpus (a symbolic link)
 *     previous -> corpora/…             the one before, for `yibao update --rollback`
 *     lock                              held while updating
 *
 * Note that the active corpus changes only by renaming a new `current` link over the old one,
 * after the new corpus is complete, synced to disk and checked. A failure or a kill at any
 * earlier point leaves `current` as it was; leftovers (corpora/.tmp-*) are swept by the next
 * update.
 *
 * Verification happens once, at install: the signature, every file, a full lint, and the
 * image compiled from the files read back and checked. A query maps corpus.img and checks its
 * header only (image.h); `yibao corpus` runs the whole check again on demand.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "answer.h"
#include "arena.h"
#include "buf.h"
#include "bundle.h"
#include "config.h"
#include "error.h"
#include "fetch.h"
#include "image.h"
#include "mem.h"
#include "rulesfs.h"
#include "yamltree.h"

/* ---- Small file helpers ---------------------------------------------------------------------- */

/* a/b into out; a path that does not fit is cut short, which the open that follows reports. */
static void join(char *out, size_t size, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la + 1 + lb >= size) {
		out[0] = '\0';
		return;
	}
	memcpy(out, a, la);
	out[la] = '/';
	memcpy(out + la + 1, b, lb + 1);
}

static void copy(char *out, size_t size, const char *s)
{
	size_t n = strlen(s);
	if (n >= size)
		n = size - 1;
	memcpy(out, s, n);
	out[n] = '\0';
}

/* Writes a whole file and syncs it to disk. */
static yb_status write_synced(const char *path, const char *data, size_t len, yb_error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return yb_fail_errno(err, YB_EIO, errno, "无法创建 %s", "could not create %s",
				     path);
	size_t done = 0;
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = errno;
			close(fd);
			return yb_fail_errno(err, YB_EIO, e, "无法写入 %s", "could not write %s",
					     path);
		}
		done += (size_t)n;
	}
	if (fsync(fd) != 0) {
		int e = errno;
		close(fd);
		return yb_fail_errno(err, YB_EIO, e, "无法同步 %s", "could not sync %s", path);
	}
	if (close(fd) != 0)
		return yb_fail_errno(err, YB_EIO, errno, "无法写入 %s", "could not write %s", path);
	return YB_OK;
}

static void sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

static yb_status make_dirs(const char *path, yb_error *err)
{
	char p[1024];
	snprintf(p, sizeof(p), "%s", path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST)
			return yb_fail_errno(err, YB_EIO, errno, "无法创建 %s",
					     "could not create %s", p);
		*s = '/';
	}
	if (mkdir(p, 0755) != 0 && errno != EEXIST)
		return yb_fail_errno(err, YB_EIO, errno, "无法创建 %s", "could not create %s",
				     p);
	return YB_OK;
}

static void remove_tree(const char *path)
{
	DIR *d = opendir(path);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			char child[4096];
			struct stat sb;
			snprintf(child, sizeof(child), "%s/%s", path, e->d_name);
			if (lstat(child, &sb) == 0 && S_ISDIR(sb.st_mode))
				remove_tree(child);
			else
				unlink(child);
		}
		closedir(d);
	}
	rmdir(path);
}

/* Points link (a path) at target (relative to link's folder) by renaming a new link over it. */
static yb_status swap_link(const char *dir, const char *name, const char *target, yb_error *err)
{
	char link[2048], tmp[2048];
	snprintf(link, sizeof(link), "%s/%s", dir, name);
	snprintf(tmp, sizeof(tmp), "%s/.%s.tmp", dir, name);
	unlink(tmp);
	if (symlink(target, tmp) != 0 || rename(tmp, link) != 0) {
		int e = errno;
		unlink(tmp);
		return yb_fail_errno(err, YB_EIO, e, "无法切换 %s", "could not switch %s", link);
	}
	sync_dir(dir);
	return YB_OK;
}

static yb_status drop_link(const char *dir, const char *name, yb_error *err)
{
	char link[2048];
	join(link, sizeof(link), dir, name);
	if (unlink(link) != 0 && errno != ENOENT)
		return yb_fail_errno(err, YB_EIO, errno, "无法删除 %s", "could not remove %s",
				     link);
	sync_dir(dir);
	return YB_OK;
}

/* The target of dir/name ("corpora/…"), or "" when there is none. */
static void read_link(const char *dir, const char *name, char *out, size_t size)
{
	char link[4096];
	snprintf(link, sizeof(link), "%s/%s", dir, name);
	ssize_t n = readlink(link, out, size - 1);
	out[n > 0 ? n : 0] = '\0';
}

/* ---- Versions ---------------------------------------------------------------------------------- */

/* The embedded corpus's version. */
static void embedded_version(char *out, size_t size)
{
	yb_corpus *c;
	out[0] = '\0';
	if (yb_corpus_open_embedded("", &c, NULL) == YB_OK) {
		snprintf(out, size, "%s", yb_corpus_version(c));
		yb_corpus_close(c);
	}
}

/* ---- Checking an installed corpus -------------------------------------------------------------- */

typedef struct {
	char dir[2048];  /* the corpus folder */
	yb_manifest m;
	char url[1024], fetched[32], etag[256], last_modified[128];
} installed;

static void read_origin(installed *in)
{
	char path[4096], *text = NULL;
	size_t len;
	yb_arena arena = {0};
	ynode *root = NULL;
	snprintf(path, sizeof(path), "%s/origin.yaml", in->dir);
	if (yb_read_file(path, 65536, YB_ECORPUS, &text, &len, NULL) != YB_OK)
		return;
	if (yb_yaml_parse(&arena, path, text, len, &root, NULL) == YB_OK) {
		struct {
			const char *key;
			char *dst;
			size_t size;
		} f[] = {{"url", in->url, sizeof(in->url)},
			 {"fetched", in->fetched, sizeof(in->fetched)},
			 {"etag", in->etag, sizeof(in->etag)},
			 {"last_modified", in->last_modified, sizeof(in->last_modified)}};
		for (size_t i = 0; i < 4; i++) {
			const ynode *v = yn_get(root, f[i].key);
			if (v && v->kind == YN_SCALAR)
				snprintf(f[i].dst, f[i].size, "%s", v->str);
		}
	}
	yb_free(text);
	yb_arena_free(&arena);
}

/*
 * Checks the corpus in `dir` against its signed manifest: the signature with a trusted key,
 * then every file's size and hash, then its compiled image's checksum. Run at install, before
 * an update or a rollback, and by `yibao corpus`; never on a query.
 */
static yb_status verify_installed(const char *dir, const yb_keyring *kr, installed *in,
				  yb_error *err)
{
	char path[4096], *manifest = NULL, *sig = NULL, *data = NULL;
	size_t mlen, slen, len;
	yb_status st;
	memset(in, 0, sizeof(*in));
	snprintf(in->dir, sizeof(in->dir), "%s", dir);
	snprintf(path, sizeof(path), "%s/manifest.yaml", dir);
	if ((st = yb_read_file(path, 1 << 20, YB_ECORPUS, &manifest, &mlen, err)))
		goto cleanup;
	snprintf(path, sizeof(path), "%s/manifest.sig", dir);
	if ((st = yb_read_file(path, 4096, YB_ECORPUS, &sig, &slen, err)))
		goto cleanup;
	sig[strcspn(sig, "\r\n")] = '\0';
	if ((st = yb_manifest_verify(manifest, mlen, sig, kr, &in->m, err)))
		goto cleanup;
	for (size_t i = 0; i < in->m.nfiles && !st; i++) {
		snprintf(path, sizeof(path), "%s/rules/%s", dir, in->m.files[i].path);
		if (!(st = yb_read_file(path, 64u << 20, YB_ECORPUS, &data, &len, err)))
			st = yb_manifest_check_file(&in->m.files[i], data, len, err);
		yb_free(data);
		data = NULL;
	}
	if (!st) {
		yb_corpus *c;
		snprintf(path, sizeof(path), "%s/corpus.img", dir);
		if (!(st = yb_image_map(path, &c, err))) {
			st = yb_image_verify(c, path, err);
			yb_corpus_close(c);
		} else if (st != YB_ENOMEM) {
			st = YB_ECORPUS;
		}
	}
	if (!st)
		read_origin(in);
cleanup:
	yb_free(manifest);
	yb_free(sig);
	return st;
}

/* ---- Choosing the corpus ---------------------------------------------------------------------- */

/* A folder of rules (--rules or YIBAO_RULES) is a folder with a corpus.yaml: anything else is
 * not a corpus, said plainly (YB_ECORPUS, like any other corpus that cannot be used). */
static yb_status check_rules_dir(const char *dir, yb_error *err)
{
	char path[4096];
	struct stat sb;
	if (stat(dir, &sb) != 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return yb_fail(err, YB_ECORPUS, "规则库文件夹 %s：没有这个文件夹",
				       "rules folder %s: no such folder", dir);
		return yb_fail_errno(err, YB_EIO, errno, "规则库文件夹 %s", "rules folder %s", dir);
	}
	if (!S_ISDIR(sb.st_mode))
		return yb_fail(err, YB_ECORPUS,
			       "规则库文件夹 %s：不是文件夹（规则库是一个含有 corpus.yaml 的"
			       "文件夹）",
			       "rules folder %s: not a folder (rules are a folder that holds "
			       "corpus.yaml)",
			       dir);
	snprintf(path, sizeof(path), "%s/corpus.yaml", dir);
	if (lstat(path, &sb) != 0 && errno == ENOENT)
		return yb_fail(err, YB_ECORPUS, "规则库文件夹 %s：没有 corpus.yaml，所以不是规则库",
			       "rules folder %s: no corpus.yaml, so it is not a rules folder", dir);
	return YB_OK;
}

yb_status yb_corpus_open_auto(const char *rules_dir, const char *procedure, yb_corpus **out,
			      yb_corpus_origin *o, yb_error *err)
{
	char data[1024], target[1024], dir[2048];
	struct stat sb;
	yb_status st;
	yb_error scratch; /* the load's error goes into origin->warning */

	if (!err)
		err = &scratch;
	*out = NULL;
	memset(o, 0, sizeof(*o));
	if (!rules_dir) {
		const char *env = getenv("YIBAO_RULES");
		if (env && *env)
			rules_dir = env;
	}
	if (rules_dir) {
		o->kind = YB_ORIGIN_FOLDER;
		snprintf(o->path, sizeof(o->path), "%s", rules_dir);
		if ((st = check_rules_dir(rules_dir, err)) ||
		    (st = yb_corpus_open_dir(rules_dir, procedure, out, err)))
			return st;
		goto describe;
	}
	/* An installed update, if there is one: one lstat() when there is not. It was verified
	 * when it was installed; here its image's header is checked, and nothing else is read. */
	if (yb_data_dir(data, sizeof(data), NULL) == YB_OK) {
		snprintf(dir, sizeof(dir), "%s/current", data);
		if (lstat(dir, &sb) == 0) {
			char img[4096], embedded[64];
			yb_corpus *c;
			yb_error why;
			read_link(data, "current", target, sizeof(target));
			join(dir, sizeof(dir), data, target);
			snprintf(img, sizeof(img), "%s/corpus.img", dir);
			st = yb_image_map(img, &c, &why);
			if (st == YB_ENOMEM)
				return yb_err_nomem(err);
			if (st) {
				o->fallback = YB_FALLBACK_REJECTED;
				snprintf(o->warning, sizeof(o->warning),
					 "已安装的规则库 %.300s 无法使用，改用内置规则库（运行 yibao update "
					 "可以重新安装）：%.600s",
					 dir, why.message);
				snprintf(o->warning_en, sizeof(o->warning_en),
					 "the installed rules %.300s cannot be used, so the built-in rules "
					 "answer (yibao update installs them again): %.600s",
					 dir, yb_error_text(&why, true));
			} else {
				embedded_version(embedded, sizeof(embedded));
				bool newer = yb_version_compare(yb_corpus_version(c), embedded) > 0;
				if (newer && procedure && *procedure &&
				    !yb_corpus_procedure(c, procedure)) {
					/* An update without the procedure asked for cannot answer. */
					o->fallback = YB_FALLBACK_UNLOADABLE;
					snprintf(o->warning, sizeof(o->warning),
						 "已安装的规则库 %.300s 无法加载，改用内置规则库："
						 "未知的事项 \"%.100s\"",
						 dir, procedure);
					snprintf(o->warning_en, sizeof(o->warning_en),
						 "the installed rules %.300s cannot be loaded, so the "
						 "built-in rules answer: unknown procedure \"%.100s\"",
						 dir, procedure);
				} else if (newer) {
					*out = c;
					o->kind = YB_ORIGIN_INSTALLED;
					copy(o->path, sizeof(o->path), dir);
					goto describe;
				}
				yb_corpus_close(c);
			}
		}
	}
	o->kind = YB_ORIGIN_EMBEDDED;
	if ((st = yb_corpus_open_embedded(procedure, out, err)))
		return st;
describe:
	snprintf(o->version, sizeof(o->version), "%s", yb_corpus_version(*out));
	snprintf(o->date, sizeof(o->date), "%s", yb_corpus_date(*out));
	return YB_OK;
}

yb_status yb_corpus_verify(yb_corpus_origin *o, yb_error *err)
{
	yb_keyring kr;
	yb_error scratch;
	yb_status st;
	if (!err)
		err = &scratch;
	if (o->kind != YB_ORIGIN_INSTALLED)
		return YB_OK;
	installed *in = yb_malloc(sizeof(*in));
	if (!in)
		return yb_err_nomem(err);
	if (!(st = yb_keyring_load(&kr, err)) && !(st = verify_installed(o->path, &kr, in, err))) {
		snprintf(o->key, sizeof(o->key), "%s", in->m.key);
		snprintf(o->url, sizeof(o->url), "%s", in->url);
		snprintf(o->fetched, sizeof(o->fetched), "%s", in->fetched);
	}
	yb_free(in);
	return st;
}

const char *yb_fallback_name(yb_fallback_kind kind)
{
	static const char *const names[] = {NULL, "unchecked", "rejected", "unloadable"};
	return (unsigned)kind < sizeof(names) / sizeof(names[0]) ? names[kind] : NULL;
}

yb_status yb_answer_note_fallback(yb_answer *a, const yb_corpus_origin *o, yb_error *err)
{
	if (o->fallback == YB_FALLBACK_NONE)
		return YB_OK;
	yb_summary *s = &a->data.summary;
	s->fallback_kind = yb_fallback_name(o->fallback);
	s->fallback = yb_arena_strdup(&a->arena, o->warning);
	/* An origin filled in by hand may have no English: the Chinese stands in. */
	s->fallback_en = yb_arena_strdup(&a->arena, o->warning_en[0] ? o->warning_en : o->warning);
	if (s->fallback && s->fallback_en)
		return YB_OK;
	s->fallback_kind = s->fallback = s->fallback_en = NULL;
	return yb_err_nomem(err);
}

/* ---- Installing -------------------------------------------------------------------------------- */

/* Holds the data folder's lock for the length of an update, so that two never interleave. */
static int lock_data(const char *data, yb_error *err)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/lock", data);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		/* Not a lock held by someone else: a folder we may not write, a full disk… */
		yb_fail_errno(err, YB_EIO, errno, "无法打开锁文件 %s",
			      "could not open the lock file %s", path);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;
		close(fd);
		if (e == EWOULDBLOCK)
			yb_fail(err, YB_EIO, "另一个 yibao update 正在运行（%s 已被锁定）",
				"another yibao update is running (%s is locked)", path);
		else
			yb_fail_errno(err, YB_EIO, e, "无法锁定 %s", "could not lock %s", path);
		return -1;
	}
	return fd;
}

/* Removes what killed updates left behind, and corpora neither link points at. */
static void sweep(const char *data)
{
	char corpora[2048], cur[1024], prev[1024];
	join(corpora, sizeof(corpora), data, "corpora");
	read_link(data, "current", cur, sizeof(cur));
	read_link(data, "previous", prev, sizeof(prev));
	DIR *d = opendir(corpora);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		char rel[4096], full[4096];
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(rel, sizeof(rel), "corpora/%s", e->d_name);
		if (!strcmp(rel, cur) || !strcmp(rel, prev))
			continue;
		join(full, sizeof(full), corpora, e->d_name);
		remove_tree(full);
	}
	closedir(d);
}

/*
 * Writes `key: "value"` to origin.yaml's text, as a YAML double-quoted scalar with '"' and '\\'
 * escaped. A value with a byte that is not printable ASCII (a server's ETag may hold anything)
 * is left out rather than written: without it the next update downloads the whole bundle
 * instead of asking whether it changed, which is always safe.
 */
static void yaml_pair(yb_buf *b, const char *key, const char *value)
{
	for (const char *p = value; *p; p++)
		if (*p < 0x20 || *p > 0x7e)
			return;
	if (!*value)
		return;
	yb_buf_printf(b, "%s: \"", key);
	for (const char *p = value; *p; p++) {
		if (*p == '"' || *p == '\\')
			yb_buf_putc(b, '\\');
		yb_buf_putc(b, *p);
	}
	yb_buf_puts(b, "\"\n");
}

static void discard(void *ctx, const yb_diag *d)
{
	(void)ctx, (void)d;
}

/* Writes a verified bundle to a new folder, checks it loads and lints, and switches to it. */
static yb_status install(const char *data, const yb_bundle *b, const yb_fetched *got,
			 yb_error *err)
{
	char tmp[2100], path[4096], name[200], corpora[2048], old[1024];
	size_t errors, warnings;
	yb_status st;

	join(corpora, sizeof(corpora), data, "corpora");
	if ((st = make_dirs(corpora, err)))
		return st;
	snprintf(tmp, sizeof(tmp), "%s/.tmp-XXXXXX", corpora);
	if (!mkdtemp(tmp))
		return yb_fail_errno(err, YB_EIO, errno, "无法在 %s 中创建文件夹",
				     "could not create a folder in %s", corpora);
	for (size_t i = 0; i < b->nfiles && !st; i++) {
		const yb_bundle_part *p = &b->files[i];
		snprintf(path, sizeof(path), "%s/rules/%.*s", tmp, (int)p->path_len, p->path);
		char *slash = strrchr(path, '/');
		*slash = '\0';
		if (!(st = make_dirs(path, err))) {
			*slash = '/';
			st = write_synced(path, p->data, p->len, err);
		}
#ifdef YIBAO_TEST_HOOKS
		/* Test hook: a pause mid-install, so that a test can kill the process here. Only
		 * in the command the tests build (yibao-test-hooks), never in the installed one. */
		const char *pause = getenv("YIBAO_TEST_INSTALL_PAUSE");
		if (!st && pause && i == b->nfiles / 2)
			sleep((unsigned)atoi(pause));
#endif
	}
	char sig[140], when[32];
	yb_buf origin = {0};
	time_t now = time(NULL);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	snprintf(sig, sizeof(sig), "%s\n", b->signature);
	yb_buf_puts(&origin, "# Where this corpus came from; written by yibao update.\n");
	yaml_pair(&origin, "url", got->url);
	yaml_pair(&origin, "fetched", when);
	yaml_pair(&origin, "etag", got->etag);
	yaml_pair(&origin, "last_modified", got->last_modified);
	if (!st && origin.failed)
		st = yb_err_nomem(err);
	if (!st) {
		snprintf(path, sizeof(path), "%s/manifest.yaml", tmp);
		st = write_synced(path, b->manifest, b->manifest_len, err);
	}
	if (!st) {
		snprintf(path, sizeof(path), "%s/manifest.sig", tmp);
		st = write_synced(path, sig, strlen(sig), err);
	}
	if (!st) {
		snprintf(path, sizeof(path), "%s/origin.yaml", tmp);
		st = write_synced(path, origin.data, origin.len, err);
	}
	yb_buf_free(&origin);
	/* The new corpus must lint clean before anything points at it. */
	if (!st) {
		snprintf(path, sizeof(path), "%s/rules", tmp);
		st = yb_lint(path, discard, NULL, &errors, &warnings, err);
		if (st == YB_ECORPUS && errors)
			st = yb_fail(err, YB_ECORPUS, "新规则库没有通过检查（%zu 个错误）：未安装",
				     "the new rules did not pass the check (%zu errors): not "
				     "installed",
				     errors);
	}
	/* Then compiled into the image that queries map, and the image read back and checked. */
	if (!st) {
		yb_corpus *c = NULL;
		snprintf(path, sizeof(path), "%s/rules", tmp);
		if (!(st = yb_corpus_open_dir(path, NULL, &c, err))) {
			snprintf(path, sizeof(path), "%s/corpus.img", tmp);
			st = write_synced(path, (const char *)c->base, c->size, err);
			yb_corpus_close(c);
		}
		if (!st && !(st = yb_image_map(path, &c, err))) {
			st = yb_image_verify(c, path, err);
			yb_corpus_close(c);
		}
	}
	if (st)
		goto fail;
	sync_dir(tmp);
	snprintf(name, sizeof(name), "%s-%ld-%ld", b->m.version, (long)now, (long)getpid());
	for (char *c = name; *c; c++)
		if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') || *c == '.' || *c == '-'))
			*c = '_';
	snprintf(path, sizeof(path), "%s/%s", corpora, name);
	if (rename(tmp, path) != 0) {
		st = yb_fail_errno(err, YB_EIO, errno, "无法把新的规则库移到位",
				   "could not move the new rules into place");
		goto fail;
	}
	sync_dir(corpora);
	read_link(data, "current", old, sizeof(old));
	snprintf(path, sizeof(path), "corpora/%s", name);
	/* previous first: a kill between the two leaves current as it was. */
	if (old[0] && (st = swap_link(data, "previous", old, err)))
		return st;
	return swap_link(data, "current", path, err);
fail:
	remove_tree(tmp);
	return st;
}

yb_status yb_update(const yb_update_options *o, yb_update_result *r, yb_error *err)
{
	char data[1024], cur[1024], dir[2048];
	yb_config cfg;
	yb_keyring kr;
	installed *active = NULL;
	yb_fetched got = {0};
	yb_bundle *b = NULL;
	yb_status st;
	int lock = -1;
	yb_error scratch; /* the steps' errors are read back */

	if (!err)
		err = &scratch;
	memset(r, 0, sizeof(*r));
	if ((st = yb_config_load(&cfg, err)) || (st = yb_keyring_load(&kr, err)) ||
	    (st = yb_data_dir(data, sizeof(data), err)) || (st = make_dirs(data, err)))
		return st;
	const char *url = o->url && *o->url ? o->url : cfg.url;
	if (!*url)
		return yb_fail(err, YB_EUSAGE, "不知道从哪里更新：用 --from URL，或在 %s 里写 url",
			       "nowhere to update from: use --from URL, or write url in %s",
			       cfg.path);
	if ((st = yb_fetch_url_allowed(url, err)))
		return st;
	snprintf(r->url, sizeof(r->url), "%s", url);
	if ((lock = lock_data(data, err)) < 0)
		return err->code;
	sweep(data);

	/* The active installed corpus, if it checks out: its version and validators. */
	if (!(active = yb_malloc(sizeof(*active))) || !(b = yb_malloc(sizeof(*b)))) {
		st = yb_err_nomem(err);
		goto cleanup;
	}
	memset(active, 0, sizeof(*active));
	read_link(data, "current", cur, sizeof(cur));
	yb_error ignored;
	bool have_active = false;
	if (cur[0]) {
		join(dir, sizeof(dir), data, cur);
		have_active = verify_installed(dir, &kr, active, &ignored) == YB_OK;
	}
	char floor[64];
	embedded_version(floor, sizeof(floor));
	if (have_active && yb_version_compare(active->m.version, floor) > 0)
		snprintf(floor, sizeof(floor), "%s", active->m.version);
	snprintf(r->previous, sizeof(r->previous), "%s", floor);

	bool same_url = have_active && !strcmp(active->url, url);
	yb_fetch f = {url,
		      same_url ? active->etag : NULL,
		      same_url ? active->last_modified : NULL,
		      o->connect_timeout,
		      o->timeout,
		      o->max_bytes,
		      o->progress,
		      o->progress_ctx};
	if ((st = yb_fetch_url(&f, &got, err)))
		goto cleanup;
	if (got.not_modified) {
		r->not_modified = 1;
		snprintf(r->version, sizeof(r->version), "%s", active->m.version);
		goto cleanup;
	}
	if ((st = yb_bundle_read(got.data, got.len, b, err)) || (st = yb_bundle_verify(b, &kr, err)))
		goto cleanup;
	snprintf(r->version, sizeof(r->version), "%s", b->m.version);
	snprintf(r->date, sizeof(r->date), "%s", b->m.date);
	snprintf(r->key, sizeof(r->key), "%s", b->m.key);
	/* Never backwards: an old signed bundle replayed must not replace newer rules. */
	int cmp = yb_version_compare(b->m.version, floor);
	if (cmp == 0) {
		r->not_modified = 1;
		goto cleanup;
	}
	if (cmp < 0) {
		st = yb_fail(err, YB_ECORPUS, "规则包的版本 %s 比正在用的规则库（%s）旧：未安装",
			     "the bundle's version %s is older than the rules in use (%s): not "
			     "installed",
			     b->m.version, floor);
		goto cleanup;
	}
	st = install(data, b, &got, err);
cleanup:
	if (lock >= 0)
		close(lock);
	yb_fetched_free(&got);
	yb_free(b);
	yb_free(active);
	return st;
}

yb_status yb_update_rollback(yb_update_result *r, yb_error *err)
{
	char data[1024], cur[1024], prev[1024], dir[2048];
	yb_keyring kr;
	installed *in = NULL;
	yb_status st;
	int lock;
	yb_error scratch; /* the steps' errors are read back */

	if (!err)
		err = &scratch;
	memset(r, 0, sizeof(*r));
	if ((st = yb_data_dir(data, sizeof(data), err)) || (st = yb_keyring_load(&kr, err)))
		return st;
	read_link(data, "current", cur, sizeof(cur));
	read_link(data, "previous", prev, sizeof(prev));
	if (!prev[0] && !cur[0])
		return yb_fail(err, YB_EUSAGE, "没有安装过更新，正在用的就是内置规则库，无可回退",
			       "no update has been installed: the built-in rules are in use, so "
			       "there is nothing to roll back to");
	if ((lock = lock_data(data, err)) < 0)
		return err->code;
	/* current and previous swap; an absent link means the embedded corpus. */
	if (!(in = yb_malloc(sizeof(*in)))) {
		st = yb_err_nomem(err);
		goto cleanup;
	}
	if (prev[0]) {
		/* Back only to a corpus that still checks out. */
		join(dir, sizeof(dir), data, prev);
		if ((st = verify_installed(dir, &kr, in, err)))
			goto cleanup;
		snprintf(r->version, sizeof(r->version), "%s", in->m.version);
		snprintf(r->date, sizeof(r->date), "%s", in->m.date);
		snprintf(r->key, sizeof(r->key), "%s", in->m.key);
		snprintf(r->url, sizeof(r->url), "%s", in->url);
	} else {
		embedded_version(r->version, sizeof(r->version));
		snprintf(r->date, sizeof(r->date), "内置");
	}
	if (cur[0]) {
		installed *old = yb_malloc(sizeof(*old));
		yb_error ignored;
		join(dir, sizeof(dir), data, cur);
		if (old && verify_installed(dir, &kr, old, &ignored) == YB_OK)
			snprintf(r->previous, sizeof(r->previous), "%s", old->m.version);
		yb_free(old);
	} else {
		embedded_version(r->previous, sizeof(r->previous));
	}
	st = prev[0] ? swap_link(data, "current", prev, err) : drop_link(data, "current", err);
	if (!st)
		st = cur[0] ? swap_link(data, "previous", cur, err) : drop_link(data, "previous", err);
cleanup:
	yb_free(in);
	close(lock);
	return st;
}
