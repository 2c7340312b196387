/*
 * fetch.c - one HTTPS download with libcurl, loaded with dlopen() (see crypto.h for why the
 * query path never links it).
 *
 * The policy is fixed here, not left to options: TLS verification always on; plain http:// only
 * to a loopback address (for tests and local mirrors); redirects followed by hand, at most 5,
 * each target held to the same policy; connect and total timeouts; a cap on the body, checked
 * both against Content-Length and while receiving.
 */
#include "fetch.h"

#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dl.h"
#include "error.h"
#include "mem.h"

static struct {
	void *handle;
	__typeof__(&curl_easy_init) init;
	__typeof__(&curl_easy_setopt) setopt;
	__typeof__(&curl_easy_perform) perform;
	__typeof__(&curl_easy_getinfo) getinfo;
	__typeof__(&curl_easy_cleanup) cleanup;
	__typeof__(&curl_easy_strerror) strerror;
	__typeof__(&curl_slist_append) slist_append;
	__typeof__(&curl_slist_free_all) slist_free;
} lib;

static yb_status load(yb_error *err)
{
	static const char *const names[] = {"libcurl.so.4", NULL};
	const yb_dl_symbol symbols[] = {
		{"curl_easy_init", &lib.init},
		{"curl_easy_setopt", &lib.setopt},
		{"curl_easy_perform", &lib.perform},
		{"curl_easy_getinfo", &lib.getinfo},
		{"curl_easy_cleanup", &lib.cleanup},
		{"curl_easy_strerror", &lib.strerror},
		{"curl_slist_append", &lib.slist_append},
		{"curl_slist_free_all", &lib.slist_free},
	};
	yb_error why;
	if (lib.handle)
		return YB_OK;
	lib.handle = yb_dl_open(names, symbols, sizeof(symbols) / sizeof(*symbols), &why);
	if (!lib.handle)
		return yb_fail_because(err, YB_ENETWORK, &why, "无法加载下载更新所需的 libcurl",
				       "could not load libcurl, needed to download updates");
	return YB_OK;
}

int yb_fetch_loaded(void)
{
	return lib.handle != NULL;
}

/* The host of an http(s) URL, written to host (lowercase, brackets kept for IPv6). */
static int url_host(const char *url, char *host, size_t size)
{
	const char *p = strstr(url, "://");
	if (!p)
		return -1;
	p += 3;
	const char *end = p + strcspn(p, "/?#");
	const char *at = memchr(p, '@', (size_t)(end - p));
	if (at)
		p = at + 1;
	const char *stop = *p == '[' ? memchr(p, ']', (size_t)(end - p)) : NULL;
	stop = stop ? stop + 1 : p + strcspn(p, ":/?#");
	if (stop > end || stop == p || (size_t)(stop - p) >= size)
		return -1;
	for (size_t i = 0; p + i < stop; i++)
		host[i] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]);
	host[stop - p] = '\0';
	return 0;
}

static int loopback(const char *host)
{
	if (!strcmp(host, "localhost") || !strcmp(host, "[::1]"))
		return 1;
	unsigned a, b, c, d;
	char tail;
	return sscanf(host, "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) == 4 && a == 127 && b < 256 &&
	       c < 256 && d < 256;
}

yb_status yb_fetch_url_allowed(const char *url, yb_error *err)
{
	char host[256];
	size_t len = strlen(url);
	if (len > YB_URL_MAX)
		return yb_fail(err, YB_EUSAGE, "URL 长 %zu 字节，超过了 %d 字节的上限：%.60s…",
			       "the URL is %zu bytes, over the limit of %d bytes: %.60s…", len,
			       YB_URL_MAX, url);
	for (const char *p = url; *p; p++)
		if (*p <= 0x20 || *p > 0x7e)
			return yb_fail(err, YB_EUSAGE,
				       "URL 只能含可打印的 ASCII 字符，不能有空格（其他字符请用"
				       "百分号编码）：%s",
				       "a URL may hold only printable ASCII characters and no "
				       "spaces (percent-encode other characters): %s",
				       url);
	if (!strncasecmp(url, "https://", 8) && url_host(url, host, sizeof(host)) == 0)
		return YB_OK;
	if (!strncasecmp(url, "http://", 7) && url_host(url, host, sizeof(host)) == 0) {
		if (loopback(host))
			return YB_OK;
		return yb_fail(err, YB_ENETWORK,
			       "拒绝用不加密的 http:// 连接 %s：规则只通过 https:// 下载（http:// "
			       "只用于本机回环地址）",
			       "refusing an unencrypted http:// connection to %s: rules are "
			       "downloaded over https:// only (http:// is for loopback addresses "
			       "only)",
			       host);
	}
	return yb_fail(err, YB_EUSAGE, "不是 http(s) URL：%s", "not an http(s) URL: %s", url);
}

typedef struct {
	yb_fetched *out;
	size_t cap, max;
	int too_big;
	const yb_fetch *opts;
} transfer;

static size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
	transfer *t = ctx;
	size_t len = size * n;
	if (t->out->len + len > t->max) {
		t->too_big = 1;
		return 0; /* stops the transfer */
	}
	if (t->out->len + len > t->cap) {
		size_t cap = t->cap ? t->cap : 65536;
		while (cap < t->out->len + len)
			cap *= 2;
		char *p = yb_realloc(t->out->data, cap);
		if (!p)
			return 0;
		t->out->data = p;
		t->cap = cap;
	}
	memcpy(t->out->data + t->out->len, data, len);
	t->out->len += len;
	return len;
}

/* Keeps ETag and Last-Modified of the last response (a redirect's headers come first). */
static size_t on_header(char *data, size_t size, size_t n, void *ctx)
{
	transfer *t = ctx;
	size_t len = size * n;
	struct {
		const char *name;
		char *dst;
		size_t cap;
	} keep[] = {{"etag:", t->out->etag, sizeof(t->out->etag)},
		    {"last-modified:", t->out->last_modified, sizeof(t->out->last_modified)}};
	if (len >= 5 && !strncmp(data, "HTTP/", 5)) {
		t->out->etag[0] = t->out->last_modified[0] = '\0';
		return len;
	}
	for (size_t k = 0; k < 2; k++) {
		size_t nl = strlen(keep[k].name);
		if (len <= nl || strncasecmp(data, keep[k].name, nl) != 0)
			continue;
		const char *v = data + nl;
		size_t vl = len - nl;
		while (vl && (*v == ' ' || *v == '\t'))
			v++, vl--;
		while (vl && (v[vl - 1] == '\r' || v[vl - 1] == '\n' || v[vl - 1] == ' '))
			vl--;
		if (vl < keep[k].cap) {
			memcpy(keep[k].dst, v, vl);
			keep[k].dst[vl] = '\0';
		}
	}
	return len;
}

static int on_progress(void *ctx, curl_off_t total, curl_off_t now, curl_off_t ut, curl_off_t un)
{
	transfer *t = ctx;
	(void)ut, (void)un;
	if (t->opts->progress)
		t->opts->progress(t->opts->progress_ctx, (long long)now, (long long)total);
	return 0;
}

static yb_status one_request(CURL *h, const char *url, transfer *t, long *status,
			     char *redirect, size_t redirect_size, yb_error *err)
{
	const yb_fetch *o = t->opts;
	struct curl_slist *headers = NULL;
	char line[512];
	yb_status st = YB_OK;

	if (o->etag && *o->etag) {
		snprintf(line, sizeof(line), "If-None-Match: %s", o->etag);
		headers = lib.slist_append(headers, line);
	}
	if (o->last_modified && *o->last_modified) {
		snprintf(line, sizeof(line), "If-Modified-Since: %s", o->last_modified);
		headers = lib.slist_append(headers, line);
	}
	lib.setopt(h, CURLOPT_URL, url);
	lib.setopt(h, CURLOPT_HTTPHEADER, headers);
	lib.setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	lib.setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	lib.setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	lib.setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	lib.setopt(h, CURLOPT_NOSIGNAL, 1L);
	lib.setopt(h, CURLOPT_CONNECTTIMEOUT, o->connect_timeout > 0 ? o->connect_timeout : 15L);
	lib.setopt(h, CURLOPT_TIMEOUT, o->timeout > 0 ? o->timeout : 300L);
	lib.setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)t->max);
	lib.setopt(h, CURLOPT_USERAGENT, "yibao/" YB_VERSION);
	lib.setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	lib.setopt(h, CURLOPT_WRITEDATA, t);
	lib.setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	lib.setopt(h, CURLOPT_HEADERDATA, t);
	lib.setopt(h, CURLOPT_NOPROGRESS, o->progress ? 0L : 1L);
	lib.setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
	lib.setopt(h, CURLOPT_XFERINFODATA, t);

	CURLcode rc = lib.perform(h);
	lib.slist_free(headers);
	*status = 0;
	lib.getinfo(h, CURLINFO_RESPONSE_CODE, status);
	redirect[0] = '\0';
	if (rc == CURLE_OK && *status >= 300 && *status < 400 && *status != 304) {
		char *loc = NULL;
		lib.getinfo(h, CURLINFO_REDIRECT_URL, &loc);
		if (loc && strlen(loc) >= redirect_size)
			return yb_fail(err, YB_ENETWORK,
				       "%s：重定向到的 URL 长 %zu 字节，超过了 %d 字节的上限",
				       "%s: the URL it redirects to is %zu bytes, over the limit "
				       "of %d bytes",
				       url, strlen(loc), YB_URL_MAX);
		if (loc)
			snprintf(redirect, redirect_size, "%s", loc);
	}
	if (t->too_big || rc == CURLE_FILESIZE_EXCEEDED)
		st = yb_fail(err, YB_ENETWORK, "%s：响应超过了 %zu 字节的上限",
			     "%s: the response is over the limit of %zu bytes", url, t->max);
	else if (rc == CURLE_OPERATION_TIMEDOUT)
		st = yb_fail(err, YB_ENETWORK, "%s：超时", "%s: timed out", url);
	else if (rc == CURLE_PARTIAL_FILE || rc == CURLE_RECV_ERROR)
		st = yb_fail(err, YB_ENETWORK, "%s：规则包还没有下载完，连接就断开了",
			     "%s: the connection closed before the bundle was fully downloaded",
			     url);
	else if (rc != CURLE_OK) /* libcurl's own words, as it has them */
		st = yb_fail(err, YB_ENETWORK, "%s：%s", "%s: %s", url, lib.strerror(rc));
	return st;
}

yb_status yb_fetch_url(const yb_fetch *o, yb_fetched *out, yb_error *err)
{
	char url[YB_URL_MAX + 1], redirect[YB_URL_MAX + 1];
	transfer t = {out, 0, o->max_bytes ? o->max_bytes : 32u << 20, 0, o};
	yb_status st;
	CURL *h;

	memset(out, 0, sizeof(*out));
	if ((st = yb_fetch_url_allowed(o->url, err)) || (st = load(err)))
		return st;
	if (!(h = lib.init()))
		return yb_fail(err, YB_ENETWORK, "libcurl 无法启动", "libcurl could not start");
	snprintf(url, sizeof(url), "%s", o->url);
	for (int hops = 0;; hops++) {
		long status;
		out->len = 0;
		t.too_big = 0;
		if ((st = one_request(h, url, &t, &status, redirect, sizeof(redirect), err)))
			break;
		out->status = status;
		if (status == 304) {
			out->not_modified = 1;
			break;
		}
		if (redirect[0]) {
			if (hops == 5) {
				st = yb_fail(err, YB_ENETWORK, "从 %s 起重定向超过 5 次",
					     "more than 5 redirects from %s", o->url);
				break;
			}
			/* Every hop is held to the same rules as the first URL. */
			if ((st = yb_fetch_url_allowed(redirect, err))) {
				st = yb_fail_because(err, YB_ENETWORK, err, "重定向到 %s",
						     "redirected to %s", redirect);
				break;
			}
			snprintf(url, sizeof(url), "%s", redirect);
			continue;
		}
		if (status != 200)
			st = yb_fail(err, YB_ENETWORK, "%s：服务器返回了 %ld",
				     "%s: the server returned %ld", url, status);
		break;
	}
	snprintf(out->url, sizeof(out->url), "%s", url);
	lib.cleanup(h);
	if (st) {
		yb_free(out->data);
		out->data = NULL;
		out->len = 0;
	}
	return st;
}

void yb_fetched_free(yb_fetched *f)
{
	yb_free(f->data);
	f->data = NULL;
}
