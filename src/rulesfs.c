/* rulesfs.c - corpus files from a folder or from the embedded table (see rulesfs.h). */
#include "rulesfs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "mem.h"
#include "yamltree.h"

/*
 * Opens a regular file for reading. Anything else is refused without blocking: a FIFO would
 * wait for a writer forever, a device could be endless. NULL with errno set on failure; errno
 * is EINVAL for a file that is not a regular file (the caller says so).
 */
static FILE *open_regular(const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat sb;
	if (fd < 0)
		return NULL;
	int e = fstat(fd, &sb) != 0 ? errno : !S_ISREG(sb.st_mode) ? EINVAL : 0;
	if (!e && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0)
		e = errno;
	if (e) {
		close(fd);
		errno = e;
		return NULL;
	}
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		e = errno;
		close(fd);
		errno = e;
	}
	return f;
}

/* Says open_regular() failed on path with errno e: "<path>：不是普通文件" or the errno text. */
static yb_status open_failure(yb_error *err, yb_status code, const char *path, int e)
{
	if (e == EINVAL)
		return yb_fail(err, code, "%s：不是普通文件", "%s: not a regular file", path);
	return yb_fail_errno(err, code, e, "%s", "%s", path);
}

yb_status yb_read_file(const char *path, size_t max, yb_status code, char **data, size_t *len,
		       yb_error *err)
{
	FILE *f = open_regular(path);
	struct stat sb;
	*data = NULL;
	if (!f && errno == EINVAL)
		return yb_fail(err, code, "无法读取 %s：不是普通文件",
			       "could not read %s: not a regular file", path);
	if (!f)
		return yb_fail_errno(err, code, errno, "无法读取 %s", "could not read %s", path);
	if (fstat(fileno(f), &sb) != 0 || (size_t)sb.st_size > max) {
		fclose(f);
		return yb_fail(err, code, "%s 不存在或太大", "%s does not exist or is too large",
			       path);
	}
	*len = (size_t)sb.st_size;
	if (!(*data = yb_malloc(*len + 1))) {
		fclose(f);
		return yb_err_nomem(err);
	}
	size_t got = fread(*data, 1, *len, f);
	fclose(f);
	if (got != *len) {
		yb_free(*data);
		*data = NULL;
		return yb_fail(err, code, "无法读取 %s", "could not read %s", path);
	}
	(*data)[*len] = '\0';
	return YB_OK;
}

static yb_status read_disk(const char *dir, const char *path, yb_file *out, yb_error *err)
{
	char full[4096];
	FILE *f = NULL;
	char *data = NULL;
	yb_status st = YB_OK;

	if ((size_t)snprintf(full, sizeof(full), "%s/%s", dir, path) >= sizeof(full))
		return yb_fail(err, YB_EIO, "%s/%s：路径太长", "%s/%s: path too long", dir, path);
	f = open_regular(full);
	if (!f) {
		/* What the corpus folder holds, or lacks, is the corpus's fault; a file we may not
		 * read or a disk that fails is the system's. */
		int e = errno;
		bool corpus = e == ENOENT || e == ENOTDIR || e == EINVAL || e == EISDIR;
		return open_failure(err, corpus ? YB_ECORPUS : YB_EIO, full, e);
	}

	/* Read in pieces rather than trusting a size from stat: the file may grow meanwhile. */
	size_t len = 0, cap = 0;
	for (;;) {
		if (len == cap) {
			if (cap > YB_YAML_MAX_SIZE) {
				st = yb_fail(err, YB_ECORPUS, "%s：超过了 %d 字节的上限",
					     "%s: over the limit of %d bytes", full,
					     YB_YAML_MAX_SIZE);
				goto cleanup;
			}
			cap = cap ? cap * 2 : 16384;
			char *p = yb_realloc(data, cap + 1);
			if (!p) {
				st = yb_err_nomem(err);
				goto cleanup;
			}
			data = p;
		}
		size_t got = fread(data + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		st = yb_fail(err, YB_EIO, "%s：读取出错", "%s: read error", full);
		goto cleanup;
	}
	data[len] = '\0';
	out->data = data;
	out->len = len;
	out->owned = data;
	data = NULL;
cleanup:
	yb_free(data);
	fclose(f);
	return st;
}

yb_status yb_rulesfs_read(const yb_rulesfs *fs, const char *path, yb_file *out, yb_error *err)
{
	memset(out, 0, sizeof(*out));
	if (fs->dir)
		return read_disk(fs->dir, path, out, err);
	for (size_t i = 0; i < yb_embedded_rules_count; i++) {
		if (strcmp(yb_embedded_rules[i].path, path) == 0) {
			out->data = yb_embedded_rules[i].data;
			out->len = yb_embedded_rules[i].len;
			return YB_OK;
		}
	}
	return yb_fail(err, YB_ECORPUS, "rules/%s：内置规则库中没有这个文件",
		       "rules/%s: the built-in rules have no such file", path);
}

void yb_file_release(yb_file *f)
{
	yb_free(f->owned);
	memset(f, 0, sizeof(*f));
}
