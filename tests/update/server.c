/*
 * server.c - a small HTTP/1.1 server on loopback for the `yibao update` tests. It serves files
 * from a directory and misbehaves on demand, so the tests can show how the client copes with
 * cut bodies, dropped connections, stalls, error statuses and redirects without the internet.
 *
 *   yibao-test-server --root DIR --port-file FILE [--log FILE]
 *
 * It listens on 127.0.0.1 on a port the kernel picks, writes that number and a newline to FILE
 * (through FILE.tmp and rename(), so a test polling for FILE never reads half a number) and serves
 * until SIGTERM, SIGINT or a request for /quit. Whatever happens it stops after 600 seconds, so a
 * test that forgets it cannot leave it behind. Exit status: 0 when told to stop, 1 on an error or
 * when the time limit ends it, 2 for a usage error.
 *
 * Routes, for GET and HEAD (anything else is a 405). NAME is a path relative to DIR; a `..`
 * segment anywhere in the decoded path is a 400.
 *
 *   /files/NAME          the file, with ETag "<size>-<mtime_sec>-<mtime_nsec>" and Last-Modified;
 *                        304 when If-None-Match lists that ETag or, without If-None-Match, when
 *                        If-Modified-Since is not earlier than the mtime; 404 when missing
 *   /truncated/NAME      the full Content-Length, then half the body, then close
 *   /drop/NAME           chunked: half the body as one chunk, then close without the last chunk
 *   /slow/NAME           the whole body, 512 bytes every 50 ms
 *   /stall               reads the request, then sends nothing and holds the connection for 60 s
 *                        (less if the client hangs up first)
 *   /status/CODE         that status (200-599) with a short text body
 *   /big/MiB             MiB mebibytes of zeros, with Content-Length
 *   /big-nolength/MiB    the same, its end marked only by closing the connection
 *   /redirect?to=URL     302 Found to the percent-decoded URL
 *   /long-redirect/N     302 Found to /files/ followed by N letters 'a' (N at most 8000)
 *   /etag/NAME?value=V   as /files/NAME, but its ETag is the percent-decoded V exactly (any bytes
 *                        but control characters) and 304 only when If-None-Match is exactly V
 *   /quit                200, then the server exits
 *
 * With --log FILE every request whose head arrived appends one line: the request line, then the
 * If-None-Match and If-Modified-Since values (`-` when absent), tab-separated and written with one
 * write(), so a test can check what the client sent while the response is still going out.
 *
 * Each connection is served by a forked child and gets one response (`Connection: close`), so a
 * stalled client or a slow route never holds up the next request. Note that the children share
 * the server's deadline: each sets its own alarm for the time the server has left, so even when
 * the server itself is killed outright nothing it forked outlives the 600 seconds. Stopping the
 * server ends every connection still being served.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PROGRAM "yibao-test-server"

enum {
	LIFETIME_S = 600,          /* the whole server, children included: a sanitizer build on a
				    * busy machine has taken 300 s over the whole test */
	HEAD_MAX = 16 * 1024,      /* request line and headers, blank line included */
	HEAD_TIMEOUT_MS = 30000,   /* for a client that connects and never finishes its request */
	LINGER_MS = 2000,          /* for the client to close after our last byte */
	STALL_MS = 60000,          /* how long /stall holds a connection */
	SLOW_STEP = 512,           /* /slow sends this many bytes... */
	SLOW_DELAY_MS = 50,        /* ...this often */
	IO_STEP = 64 * 1024,       /* one read or write of a body */
	BIG_MAX_MIB = 1024 * 1024, /* 1 TiB: far more than any test reads, and MiB << 20 fits */
	CHILD_QUIT = 3,            /* a child's exit status for "the client asked for /quit" */
};

/* ---- Small tools ------------------------------------------------------------------------- */

/* Prints an error about what the server was doing, with errno's text; errno survives. */
static void complain(const char *what, const char *subject)
{
	int e = errno;
	if (subject)
		fprintf(stderr, PROGRAM ": error: %s \"%s\": %s\n", what, subject, strerror(e));
	else
		fprintf(stderr, PROGRAM ": error: %s: %s\n", what, strerror(e));
	errno = e;
}

/* A client that hangs up mid-response is part of what this server is for, not an error. */
static int client_gone(int e)
{
	return e == EPIPE || e == ECONNRESET;
}

/* write() until everything is out: sockets and pipes may take less than they are given. */
static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Sends bytes to the client, complaining about anything but the client having gone. */
static int send_bytes(int fd, const void *data, size_t len)
{
	if (write_all(fd, data, len) == 0)
		return 0;
	if (!client_gone(errno))
		complain("cannot send a response", NULL);
	return -1;
}

/* Milliseconds on a clock that wall-clock changes cannot move. */
static int64_t now_ms(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(int ms)
{
	struct timespec left = {ms / 1000, (long)(ms % 1000) * 1000000L};
	while (nanosleep(&left, &left) != 0 && errno == EINTR)
		;
}

/* 1 when fd has input (or end of input) before the deadline, 0 at the deadline, -1 on error. */
static int wait_readable(int fd, int64_t deadline)
{
	for (;;) {
		int64_t left = deadline - now_ms();
		if (left <= 0)
			return 0;
		struct pollfd p = {fd, POLLIN, 0};
		int n = poll(&p, 1, (int)(left > 600000 ? 600000 : left));
		if (n < 0 && errno == EINTR)
			continue;
		return n < 0 ? -1 : n > 0;
	}
}

static int set_nonblocking(int fd, int on)
{
	int flags = fcntl(fd, F_GETFL);
	if (flags < 0)
		return -1;
	flags = on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
	return fcntl(fd, F_SETFL, flags);
}

/* A growing text; after an allocation failure it stays failed and must not be used. */
typedef struct {
	char *data;
	size_t len, cap;
	int failed;
} buffer;

static int buf_reserve(buffer *b, size_t extra)
{
	if (b->failed)
		return -1;
	if (extra < b->cap - b->len)
		return 0;
	size_t cap = b->cap ? b->cap : 256;
	while (cap - b->len <= extra) {
		if (cap > SIZE_MAX / 2)
			goto fail;
		cap *= 2;
	}
	char *data = realloc(b->data, cap);
	if (!data)
		goto fail;
	b->data = data;
	b->cap = cap;
	return 0;
fail:
	b->failed = 1;
	return -1;
}

static void buf_add(buffer *b, const char *s, size_t n)
{
	if (buf_reserve(b, n) != 0)
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static void buf_printf(buffer *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void buf_printf(buffer *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = 1;
		return;
	}
	if (buf_reserve(b, (size_t)n) != 0)
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* Appends s with control characters as '?', so a log line stays one line of three fields. */
static void buf_add_clean(buffer *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		buf_add(b, c < 0x20 || c == 0x7f ? "?" : s, 1);
	}
}

/* ---- HTTP dates (RFC 9110 section 5.6.7) ---------------------------------------------------- */

enum { DATE_SIZE = 64 };
static const char weekdays[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* Note that the names are spelled out rather than left to strftime(), whose %a and %b follow the
 * locale: HTTP dates are always English. */
static void imf_date(time_t t, char out[DATE_SIZE])
{
	struct tm tm;
	if (!gmtime_r(&t, &tm)) {
		snprintf(out, DATE_SIZE, "Thu, 01 Jan 1970 00:00:00 GMT");
		return;
	}
	snprintf(out, DATE_SIZE, "%s, %02d %s %04d %02d:%02d:%02d GMT", weekdays[tm.tm_wday],
	         tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
	         tm.tm_sec);
}

/* The value of n decimal digits at s, or -1 if any is not a digit. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil), so no
 * time zone or timegm() is involved. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Parses an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the form every current client sends;
 * -1 for anything else, which RFC 9110 section 13.1.3 says to treat as an absent header. */
static int parse_imf_date(const char *s, int64_t *out)
{
	if (strlen(s) != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' ||
	    s[16] != ' ' || s[19] != ':' || s[22] != ':' || strcmp(s + 25, " GMT") != 0)
		return -1;
	int weekday = 0, month = 0;
	while (weekday < 7 && strncmp(s, weekdays[weekday], 3) != 0)
		weekday++;
	while (month < 12 && strncmp(s + 8, months[month], 3) != 0)
		month++;
	int day = digits(s + 5, 2), year = digits(s + 12, 4);
	int hour = digits(s + 17, 2), minute = digits(s + 20, 2), second = digits(s + 23, 2);
	if (weekday == 7 || month == 12 || day < 1 || day > 31 || year < 0 || hour < 0 ||
	    hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60)
		return -1;
	*out = days_from_civil(year, month + 1, day) * 86400 + hour * 3600 + minute * 60 + second;
	return 0;
}

/* ---- Requests ------------------------------------------------------------------------------ */

struct config {
	int root; /* DIR, opened once; files are opened relative to it */
	int log;  /* the --log file, or -1 */
};

struct request {
	int fd;                        /* the connection */
	int root;                      /* DIR */
	int head_only;                 /* HEAD: the same headers, no body */
	const char *if_none_match;     /* NULL when absent */
	const char *if_modified_since; /* NULL when absent */
};

static const char *reason(int code)
{
	switch (code) {
	case 200: return "OK";
	case 201: return "Created";
	case 202: return "Accepted";
	case 204: return "No Content";
	case 206: return "Partial Content";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 307: return "Temporary Redirect";
	case 308: return "Permanent Redirect";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 408: return "Request Timeout";
	case 410: return "Gone";
	case 429: return "Too Many Requests";
	case 431: return "Request Header Fields Too Large";
	case 500: return "Internal Server Error";
	case 501: return "Not Implemented";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	case 504: return "Gateway Timeout";
	case 505: return "HTTP Version Not Supported";
	default: return "Unknown";
	}
}

/* Starts a response head with the headers every response has. */
static void begin_head(buffer *b, int code)
{
	char date[DATE_SIZE];
	imf_date(time(NULL), date);
	buf_printf(b, "HTTP/1.1 %d %s\r\nDate: %s\r\nServer: " PROGRAM "\r\nConnection: close\r\n",
	           code, reason(code), date);
}

/* Ends the head in b, sends it and empties b. */
static int send_head(int fd, buffer *b)
{
	int rc = -1;
	buf_add(b, "\r\n", 2);
	if (b->failed) {
		errno = ENOMEM;
		complain("cannot build a response", NULL);
	} else {
		rc = send_bytes(fd, b->data, b->len);
	}
	free(b->data);
	*b = (buffer){0};
	return rc;
}

/* A response whose body is its status line in words, with one extra header when header is set. */
static int send_text(const struct request *rq, int code, const char *header, const char *value)
{
	/* 1xx, 204 and 304 never have a body (RFC 9110 section 6.4.1). */
	int bodiless = code < 200 || code == 204 || code == 304;
	char body[64];
	int n = snprintf(body, sizeof(body), "%d %s\n", code, reason(code));
	if (n < 0 || (size_t)n >= sizeof(body))
		n = 0;
	buffer b = {0};
	begin_head(&b, code);
	if (header)
		buf_printf(&b, "%s: %s\r\n", header, value);
	if (!bodiless)
		buf_printf(&b, "Content-Type: text/plain; charset=utf-8\r\nContent-Length: %d\r\n",
		           n);
	if (send_head(rq->fd, &b) != 0)
		return -1;
	if (bodiless || rq->head_only)
		return 0;
	return send_bytes(rq->fd, body, (size_t)n);
}

/* A decimal number of at most max with nothing else around it; -1 otherwise. */
static int parse_number(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		unsigned d = (unsigned)(*s - '0');
		if (v > max / 10 || v * 10 + d > max)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A new string with the %XX escapes of s[0, n) decoded. NULL with errno EINVAL for a broken
 * escape or an encoded NUL (which would silently cut a name short), ENOMEM when out of memory. */
static char *percent_decode(const char *s, size_t n)
{
	char *out = malloc(n + 1), *o = out;
	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '%') {
			*o++ = s[i];
			continue;
		}
		int hi, lo;
		if (i + 2 >= n || (hi = hex_value(s[i + 1])) < 0 ||
		    (lo = hex_value(s[i + 2])) < 0 || hi + lo == 0) {
			free(out);
			errno = EINVAL;
			return NULL;
		}
		*o++ = (char)(hi * 16 + lo);
		i += 2;
	}
	*o = '\0';
	return out;
}

/* Whether a decoded path has a `..` segment. Note that this is checked after decoding, so
 * %2e%2e and ..%2f are caught too. */
static int has_dotdot(const char *path)
{
	while (*path) {
		size_t n = strcspn(path, "/");
		if (n == 2 && path[0] == '.' && path[1] == '.')
			return 1;
		path += n;
		if (*path == '/')
			path++;
	}
	return 0;
}

/* What follows prefix in path, or NULL if path does not start with it. */
static const char *after(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);
	return strncmp(path, prefix, n) == 0 ? path + n : NULL;
}

/* ---- Routes -------------------------------------------------------------------------------- */

enum file_mode { FILE_WHOLE, FILE_TRUNCATED, FILE_DROP, FILE_SLOW };

/* Whether an If-None-Match list names etag (weak comparison, RFC 9110 section 13.1.2). */
static int etag_listed(const char *list, const char *etag)
{
	if (strcmp(list, "*") == 0)
		return 1;
	size_t want = strlen(etag);
	for (const char *p = list;;) {
		p += strspn(p, " \t,");
		if (!*p)
			return 0;
		if (p[0] == 'W' && p[1] == '/')
			p += 2;
		if (*p != '"')
			return 0;
		const char *end = strchr(p + 1, '"');
		if (!end)
			return 0;
		if ((size_t)(end + 1 - p) == want && memcmp(p, etag, want) == 0)
			return 1;
		p = end + 1;
	}
}

/* Whether the client's copy is current. With If-None-Match present, If-Modified-Since is
 * ignored (RFC 9110 section 13.2.2). HTTP dates have whole seconds, so the mtime's are compared. */
static int not_modified(const struct request *rq, const char *etag, int etag_given, time_t mtime)
{
	int64_t since;
	if (rq->if_none_match)
		return etag_given ? strcmp(rq->if_none_match, etag) == 0
				  : etag_listed(rq->if_none_match, etag);
	return rq->if_modified_since && parse_imf_date(rq->if_modified_since, &since) == 0 &&
	       since >= (int64_t)mtime;
}

/* Copies limit bytes of file to the client, step bytes at a time with delay_ms between steps. */
static int copy_body(int file, int fd, uint64_t limit, size_t step, int delay_ms)
{
	char chunk[IO_STEP];
	uint64_t sent = 0;
	if (step > sizeof(chunk))
		step = sizeof(chunk);
	while (sent < limit) {
		size_t want = limit - sent < step ? (size_t)(limit - sent) : step;
		ssize_t n = read(file, chunk, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			complain("cannot read a file", NULL);
			return -1;
		}
		if (n == 0) {
			fprintf(stderr, PROGRAM ": error: a file shrank while it was being sent\n");
			return -1;
		}
		if (send_bytes(fd, chunk, (size_t)n) != 0)
			return -1;
		sent += (uint64_t)n;
		if (delay_ms > 0 && sent < limit)
			sleep_ms(delay_ms);
	}
	return 0;
}

/* /files, /truncated, /drop and /slow. The misbehaving routes send the same validators as
 * /files, so a test can check that a client does not keep the ETag of a failed download; only
 * /files answers conditional requests, since a 304 would hide the misbehaviour. */
static void serve_file(const struct request *rq, const char *name, enum file_mode mode,
                       const char *etag_given)
{
	if (name[0] == '/') {
		/* openat() would ignore DIR for an absolute name. */
		send_text(rq, 400, NULL, NULL);
		return;
	}
	if (!name[0]) {
		send_text(rq, 404, NULL, NULL);
		return;
	}
	/* O_NONBLOCK so a FIFO in DIR cannot hang the child in open(); plain files ignore it. */
	int file = openat(rq->root, name, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	if (file < 0) {
		int code = errno == ENOENT || errno == ENOTDIR ? 404 : 500;
		send_text(rq, errno == EACCES ? 403 : code, NULL, NULL);
		return;
	}
	struct stat st;
	if (fstat(file, &st) != 0 || !S_ISREG(st.st_mode)) {
		send_text(rq, 404, NULL, NULL);
		goto cleanup;
	}

	char etag[256], modified[DATE_SIZE];
	snprintf(etag, sizeof(etag), "\"%lld-%lld-%ld\"", (long long)st.st_size,
	         (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
	if (etag_given)
		snprintf(etag, sizeof(etag), "%s", etag_given);
	imf_date(st.st_mtim.tv_sec, modified);
	buffer b = {0};
	if (mode == FILE_WHOLE && not_modified(rq, etag, etag_given != NULL, st.st_mtim.tv_sec)) {
		begin_head(&b, 304);
		buf_printf(&b, "ETag: %s\r\nLast-Modified: %s\r\n", etag, modified);
		send_head(rq->fd, &b);
		goto cleanup;
	}

	uint64_t size = (uint64_t)st.st_size;
	uint64_t limit = mode == FILE_TRUNCATED || mode == FILE_DROP ? size / 2 : size;
	begin_head(&b, 200);
	buf_printf(&b,
	           "Content-Type: application/octet-stream\r\nETag: %s\r\nLast-Modified: %s\r\n",
	           etag, modified);
	if (mode == FILE_DROP)
		buf_printf(&b, "Transfer-Encoding: chunked\r\n");
	else
		buf_printf(&b, "Content-Length: %llu\r\n", (unsigned long long)size);
	if (send_head(rq->fd, &b) != 0 || rq->head_only)
		goto cleanup;

	if (mode == FILE_DROP) {
		/* Note that an empty chunk would be the terminating one, the very thing this route
		 * leaves out: a file of under two bytes gets no chunk at all. */
		if (limit == 0)
			goto cleanup;
		char size_line[32];
		int n =
		    snprintf(size_line, sizeof(size_line), "%llx\r\n", (unsigned long long)limit);
		if (send_bytes(rq->fd, size_line, (size_t)n) != 0 ||
		    copy_body(file, rq->fd, limit, IO_STEP, 0) != 0)
			goto cleanup;
		send_bytes(rq->fd, "\r\n", 2);
	} else if (mode == FILE_SLOW) {
		copy_body(file, rq->fd, limit, SLOW_STEP, SLOW_DELAY_MS);
	} else {
		copy_body(file, rq->fd, limit, IO_STEP, 0);
	}
cleanup:
	if (close(file) != 0 && errno != EINTR)
		complain("cannot close a file", name);
}

/* /big and /big-nolength: MiB mebibytes of zeros. */
static void serve_zeros(const struct request *rq, const char *count, int with_length)
{
	static const char zeros[IO_STEP];
	uint64_t mib;
	if (parse_number(count, BIG_MAX_MIB, &mib) != 0) {
		send_text(rq, 400, NULL, NULL);
		return;
	}
	uint64_t total = mib << 20, sent = 0;
	buffer b = {0};
	begin_head(&b, 200);
	buf_printf(&b, "Content-Type: application/octet-stream\r\n");
	if (with_length)
		buf_printf(&b, "Content-Length: %llu\r\n", (unsigned long long)total);
	if (send_head(rq->fd, &b) != 0 || rq->head_only)
		return;
	while (sent < total) {
		size_t n = total - sent < sizeof(zeros) ? (size_t)(total - sent) : sizeof(zeros);
		if (send_bytes(rq->fd, zeros, n) != 0)
			return;
		sent += n;
	}
}

/* /stall: nothing at all for STALL_MS, unless the client gives up first. */
static void serve_stall(const struct request *rq)
{
	int64_t deadline = now_ms() + STALL_MS;
	char sink[4096];
	while (wait_readable(rq->fd, deadline) > 0) {
		ssize_t n = read(rq->fd, sink, sizeof(sink));
		if (n == 0 || (n < 0 && errno != EINTR))
			break;
	}
}

/* /redirect?to=URL. '+' stays a '+': the value is a URL, not form data. */
static void serve_redirect(const struct request *rq, const char *query)
{
	const char *to = NULL;
	size_t len = 0;
	for (const char *p = query; p && *p;) {
		size_t n = strcspn(p, "&");
		if (n >= 3 && strncmp(p, "to=", 3) == 0) {
			to = p + 3;
			len = n - 3;
			break;
		}
		p += n + (p[n] == '&');
	}
	char *url = to ? percent_decode(to, len) : NULL;
	if (!url) {
		send_text(rq, to && errno == ENOMEM ? 500 : 400, NULL, NULL);
		return;
	}
	/* A control character in the URL would let the query write headers of its own. */
	int bad = !*url;
	for (const char *p = url; *p; p++)
		bad |= (unsigned char)*p < 0x20 || *p == 0x7f;
	send_text(rq, bad ? 400 : 302, bad ? NULL : "Location", url);
	free(url);
}

/* /long-redirect/N: 302 Found to /files/ and N letters, a URL as long as a test needs. */
static void serve_long_redirect(const struct request *rq, const char *count)
{
	uint64_t n;
	char *to;
	if (parse_number(count, 8000, &n) != 0 || !(to = malloc(n + 8))) {
		send_text(rq, 400, NULL, NULL);
		return;
	}
	memcpy(to, "/files/", 7);
	memset(to + 7, 'a', n);
	to[n + 7] = '\0';
	send_text(rq, 302, "Location", to);
	free(to);
}

/* /etag/NAME?value=ETAG: the file, with the percent-decoded ETAG sent as it is (any bytes but
 * control characters, which would end the header) and 304 when If-None-Match is exactly it. */
static void serve_etag(const struct request *rq, const char *name, const char *query)
{
	char *value = NULL;
	if (query && strncmp(query, "value=", 6) == 0)
		value = percent_decode(query + 6, strlen(query + 6));
	int bad = !value || !*value || strlen(value) > 200;
	for (const char *p = value; p && *p; p++)
		bad |= (unsigned char)*p < 0x20 || *p == 0x7f;
	if (bad)
		send_text(rq, value || errno != ENOMEM ? 400 : 500, NULL, NULL);
	else
		serve_file(rq, name, FILE_WHOLE, value);
	free(value);
}

/* Answers a request whose path is decoded; returns the child's exit status. */
static int route(const struct request *rq, const char *path, const char *query)
{
	const char *rest;
	uint64_t code;
	if (strcmp(path, "/quit") == 0) {
		send_text(rq, 200, NULL, NULL);
		return CHILD_QUIT;
	}
	if ((rest = after(path, "/files/")))
		serve_file(rq, rest, FILE_WHOLE, NULL);
	else if ((rest = after(path, "/truncated/")))
		serve_file(rq, rest, FILE_TRUNCATED, NULL);
	else if ((rest = after(path, "/drop/")))
		serve_file(rq, rest, FILE_DROP, NULL);
	else if ((rest = after(path, "/slow/")))
		serve_file(rq, rest, FILE_SLOW, NULL);
	else if (strcmp(path, "/stall") == 0)
		serve_stall(rq);
	else if ((rest = after(path, "/status/")))
		send_text(rq, parse_number(rest, 599, &code) == 0 && code >= 200 ? (int)code : 400,
		          NULL, NULL);
	else if ((rest = after(path, "/big/")))
		serve_zeros(rq, rest, 1);
	else if ((rest = after(path, "/big-nolength/")))
		serve_zeros(rq, rest, 0);
	else if (strcmp(path, "/redirect") == 0)
		serve_redirect(rq, query);
	else if ((rest = after(path, "/long-redirect/")))
		serve_long_redirect(rq, rest);
	else if ((rest = after(path, "/etag/")))
		serve_etag(rq, rest, query);
	else
		send_text(rq, 404, NULL, NULL);
	return 0;
}

/* Where the head in s[0, len) ends (just past its blank line), or 0 while it is incomplete.
 * Empty lines before the request line are skipped (RFC 9112 section 2.2), and a bare LF is taken
 * as a line end as that section allows. */
static size_t find_head_end(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && (s[i] == '\r' || s[i] == '\n'))
		i++;
	for (; i < len; i++) {
		if (s[i] != '\n')
			continue;
		if (i + 1 < len && s[i + 1] == '\n')
			return i + 2;
		if (i + 2 < len && s[i + 1] == '\r' && s[i + 2] == '\n')
			return i + 3;
	}
	return 0;
}

/* Notes the one line of a header this server cares about; -1 for a malformed line. */
static int parse_header(char *line, struct request *rq)
{
	/* A folded line, or whitespace before the colon, is a 400 (RFC 9112 sections 5.1, 5.2). */
	char *colon = strchr(line, ':');
	if (*line == ' ' || *line == '\t' || !colon || colon == line || colon[-1] == ' ' ||
	    colon[-1] == '\t')
		return -1;
	*colon = '\0';
	char *value = colon + 1 + strspn(colon + 1, " \t");
	size_t n = strlen(value);
	while (n > 0 && (value[n - 1] == ' ' || value[n - 1] == '\t'))
		value[--n] = '\0';
	if (strcasecmp(line, "If-None-Match") == 0 && !rq->if_none_match)
		rq->if_none_match = value;
	else if (strcasecmp(line, "If-Modified-Since") == 0 && !rq->if_modified_since)
		rq->if_modified_since = value;
	return 0;
}

/* One line per request, in one write() to a file opened with O_APPEND, so the lines of children
 * writing at once never interleave. */
static void log_request(int log, const char *request_line, const struct request *rq)
{
	if (log < 0)
		return;
	buffer b = {0};
	buf_add_clean(&b, request_line);
	buf_add(&b, "\t", 1);
	buf_add_clean(&b, rq->if_none_match ? rq->if_none_match : "-");
	buf_add(&b, "\t", 1);
	buf_add_clean(&b, rq->if_modified_since ? rq->if_modified_since : "-");
	buf_add(&b, "\n", 1);
	if (b.failed)
		errno = ENOMEM;
	if (b.failed || write_all(log, b.data, b.len) != 0)
		complain("cannot write the log", NULL);
	free(b.data);
}

/* Reads one request on fd and answers it; returns the child's exit status. */
static int respond(int fd, const struct config *cfg)
{
	char head[HEAD_MAX + 1];
	size_t len = 0, end;
	int64_t deadline = now_ms() + HEAD_TIMEOUT_MS;
	struct request rq = {fd, cfg->root, 0, NULL, NULL};

	while ((end = find_head_end(head, len)) == 0) {
		if (len == HEAD_MAX) {
			send_text(&rq, 431, NULL, NULL);
			return 0;
		}
		if (wait_readable(fd, deadline) <= 0)
			return 0;
		ssize_t n = read(fd, head + len, HEAD_MAX - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 0; /* the client left before finishing its request */
		len += (size_t)n;
	}
	/* A NUL would end the strings the head is about to be cut into. */
	if (memchr(head, '\0', end)) {
		send_text(&rq, 400, NULL, NULL);
		return 0;
	}
	/* Whatever follows the head (a body) is ignored; the lingering close discards it. */
	head[end] = '\0';

	/* Split the head into lines in place; the first is the request line. */
	char *request_line = NULL, *next;
	int malformed = 0;
	for (char *line = head + strspn(head, "\r\n"); *line; line = next) {
		char *nl = strchr(line, '\n'); /* there is one: the head ends with a blank line */
		next = nl + 1;
		*nl = '\0';
		if (nl > line && nl[-1] == '\r')
			nl[-1] = '\0';
		if (!request_line)
			request_line = line;
		else if (!*line)
			break;
		else if (parse_header(line, &rq) != 0)
			malformed = 1;
	}
	log_request(cfg->log, request_line, &rq);

	char *method = request_line, *target = strchr(method, ' '), *version = NULL;
	if (target) {
		*target++ = '\0';
		version = strchr(target, ' ');
	}
	if (version)
		*version++ = '\0';
	if (malformed || !version || !*method || *target != '/' || strchr(version, ' ')) {
		send_text(&rq, 400, NULL, NULL);
		return 0;
	}
	if (strcmp(version, "HTTP/1.1") != 0 && strcmp(version, "HTTP/1.0") != 0) {
		send_text(&rq, strncmp(version, "HTTP/", 5) == 0 ? 505 : 400, NULL, NULL);
		return 0;
	}
	rq.head_only = strcmp(method, "HEAD") == 0;
	if (!rq.head_only && strcmp(method, "GET") != 0) {
		send_text(&rq, 405, "Allow", "GET, HEAD");
		return 0;
	}

	char *query = strchr(target, '?');
	if (query)
		*query++ = '\0';
	char *path = percent_decode(target, strlen(target));
	if (!path) {
		send_text(&rq, errno == ENOMEM ? 500 : 400, NULL, NULL);
		return 0;
	}
	int status = 0;
	if (has_dotdot(path))
		send_text(&rq, 400, NULL, NULL);
	else
		status = route(&rq, path, query);
	free(path);
	return status;
}

/* Note that closing a socket that still has unread input makes the kernel send a reset, which
 * can destroy the response still on its way to the client. So the sending side is shut first
 * (the client sees the end of the response) and input is drained until the client closes too,
 * for a bounded time. For /drop and /truncated this is the "shutdown and close" they promise. */
static void linger_close(int fd)
{
	if (shutdown(fd, SHUT_WR) == 0) {
		int64_t deadline = now_ms() + LINGER_MS;
		char sink[4096];
		while (wait_readable(fd, deadline) > 0) {
			ssize_t n = read(fd, sink, sizeof(sink));
			if (n == 0 || (n < 0 && errno != EINTR))
				break;
		}
	}
	if (close(fd) != 0 && errno != EINTR && !client_gone(errno))
		complain("cannot close a connection", NULL);
}

/* ---- The server: signals, children, the accept loop ------------------------------------ */

/* Signal handlers only set a flag and write a byte to this pipe, which the accept loop polls
 * alongside the socket: a signal arriving just before poll() then still wakes it up. */
static int wake[2] = {-1, -1};
static volatile sig_atomic_t stop_requested; /* SIGTERM or SIGINT */
static volatile sig_atomic_t time_up;        /* SIGALRM: the 600 seconds are over */

static void on_signal(int sig)
{
	int saved = errno;
	if (sig == SIGALRM)
		time_up = 1;
	else if (sig == SIGTERM || sig == SIGINT)
		stop_requested = 1;
	/* The pipe is non-blocking: when it is full, a wake-up is already pending. */
	ssize_t n = write(wake[1], "", 1);
	(void)n;
	errno = saved;
}

static const int handled_signals[] = {SIGTERM, SIGINT, SIGALRM, SIGCHLD};

static int set_handlers(void (*handler)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = handler;
	for (size_t i = 0; i < sizeof(handled_signals) / sizeof(handled_signals[0]); i++) {
		int sig = handled_signals[i];
		sa.sa_flags = SA_RESTART | (sig == SIGCHLD ? SA_NOCLDSTOP : 0);
		if (sigaction(sig, &sa, NULL) != 0)
			return -1;
	}
	return 0;
}

/* The children still serving, so that stopping the server can stop them too. */
typedef struct {
	pid_t *pid;
	size_t len, cap;
} children;

static int children_reserve(children *k)
{
	if (k->len < k->cap)
		return 0;
	size_t cap = k->cap ? k->cap * 2 : 16;
	pid_t *pid = realloc(k->pid, cap * sizeof(*pid));
	if (!pid) {
		errno = ENOMEM;
		return -1;
	}
	k->pid = pid;
	k->cap = cap;
	return 0;
}

/* Collects the children that have ended; returns 1 if one of them served /quit. */
static int reap(children *k)
{
	int quit = 0, status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG)) != 0) {
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break; /* ECHILD: none left */
		}
		for (size_t i = 0; i < k->len; i++) {
			if (k->pid[i] == pid) {
				k->pid[i] = k->pid[--k->len];
				break;
			}
		}
		if (WIFEXITED(status) && WEXITSTATUS(status) == CHILD_QUIT)
			quit = 1;
		else if (WIFSIGNALED(status) && WTERMSIG(status) != SIGALRM)
			fprintf(stderr,
			        PROGRAM ": error: a connection's process died of signal %d\n",
			        WTERMSIG(status));
	}
	return quit;
}

/* Note that SIGKILL is enough: a child keeps nothing that needs cleaning up, since its log line
 * goes out in one write() and the test wants the server gone, not a graceful goodbye. */
static void stop_children(children *k)
{
	for (size_t i = 0; i < k->len; i++) {
		if (kill(k->pid[i], SIGKILL) != 0 && errno != ESRCH)
			complain("cannot stop a connection's process", NULL);
	}
	for (size_t i = 0; i < k->len; i++) {
		while (waitpid(k->pid[i], NULL, 0) < 0 && errno == EINTR)
			;
	}
	free(k->pid);
	*k = (children){0};
}

/* Serves conn in a child process. Signals are blocked across fork() so the child cannot take one
 * with the server's handler (which would only poke the server's pipe) before it has reset them. */
static void spawn(int conn, int listener, const struct config *cfg, children *kids,
                  int64_t deadline)
{
	sigset_t block, old;
	sigemptyset(&block);
	for (size_t i = 0; i < sizeof(handled_signals) / sizeof(handled_signals[0]); i++)
		sigaddset(&block, handled_signals[i]);
	if (children_reserve(kids) != 0 || sigprocmask(SIG_BLOCK, &block, &old) != 0) {
		complain("cannot serve a connection", NULL);
		goto cleanup;
	}
	pid_t pid = fork();
	if (pid == 0) {
		if (set_handlers(SIG_DFL) != 0 || sigprocmask(SIG_SETMASK, &old, NULL) != 0) {
			complain("cannot reset signals", NULL);
			_exit(1);
		}
		close(listener);
		close(wake[0]);
		close(wake[1]);
		free(kids->pid);
		int64_t left = (deadline - now_ms() + 999) / 1000;
		alarm(left < 1 ? 1 : (unsigned)left);
		int status = respond(conn, cfg);
		linger_close(conn);
		_exit(status);
	}
	int e = errno;
	if (sigprocmask(SIG_SETMASK, &old, NULL) != 0)
		complain("cannot restore signals", NULL);
	if (pid < 0) {
		errno = e;
		complain("cannot fork", NULL);
	} else {
		kids->pid[kids->len++] = pid;
	}
cleanup:
	if (close(conn) != 0 && errno != EINTR)
		complain("cannot close a connection", NULL);
}

/* Accepts and serves until told to stop; returns the server's exit status. */
static int run(int listener, const struct config *cfg, children *kids, int64_t deadline)
{
	for (;;) {
		if (reap(kids) || stop_requested)
			return 0;
		if (time_up) {
			fprintf(stderr, PROGRAM ": error: stopping at the time limit of %d s\n",
			        LIFETIME_S);
			return 1;
		}
		struct pollfd fds[2] = {{listener, POLLIN, 0}, {wake[0], POLLIN, 0}};
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			complain("cannot wait for connections", NULL);
			return 1;
		}
		if (fds[1].revents) {
			char sink[64];
			while (read(wake[0], sink, sizeof(sink)) > 0)
				;
		}
		if (!(fds[0].revents & POLLIN))
			continue;
		int conn = accept(listener, NULL, NULL);
		if (conn < 0) {
			int e = errno;
			/* The client may have gone between poll() and accept(). */
			if (e == EINTR || e == EAGAIN || e == EWOULDBLOCK || e == ECONNABORTED ||
			    e == EPROTO)
				continue;
			complain("cannot accept a connection", NULL);
			/* Out of descriptors or memory: back off instead of spinning, and retry. */
			if (e == EMFILE || e == ENFILE || e == ENOBUFS || e == ENOMEM) {
				sleep_ms(100);
				continue;
			}
			return 1;
		}
		/* Some systems pass the listener's O_NONBLOCK on; the children want blocking I/O.
		 */
		if (set_nonblocking(conn, 0) != 0) {
			complain("cannot set up a connection", NULL);
			close(conn);
			continue;
		}
		spawn(conn, listener, cfg, kids, deadline);
	}
}

static int listen_loopback(unsigned *port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0) {
		complain("cannot create a socket", NULL);
		return -1;
	}
	struct sockaddr_in addr;
	socklen_t len = sizeof(addr);
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	addr.sin_port = htons(0);
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0 || listen(fd, 64) != 0 ||
	    getsockname(fd, (struct sockaddr *)&addr, &len) != 0 || set_nonblocking(fd, 1) != 0) {
		complain("cannot listen on", "127.0.0.1");
		close(fd);
		return -1;
	}
	*port = ntohs(addr.sin_port);
	return fd;
}

/* Writes "PORT\n" to path by way of path.tmp, so that readers see all of it or nothing. */
static int write_port_file(const char *path, unsigned port)
{
	int rc = -1, fd = -1;
	size_t n = strlen(path);
	char text[16], *tmp = malloc(n + sizeof(".tmp"));
	if (!tmp) {
		complain("cannot write", path);
		return -1;
	}
	memcpy(tmp, path, n);
	memcpy(tmp + n, ".tmp", sizeof(".tmp"));
	int len = snprintf(text, sizeof(text), "%u\n", port);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		complain("cannot create", tmp);
		goto cleanup;
	}
	if (write_all(fd, text, (size_t)len) != 0) {
		complain("cannot write", tmp);
		close(fd);
		goto remove;
	}
	if (close(fd) != 0) {
		complain("cannot write", tmp);
		goto remove;
	}
	if (rename(tmp, path) != 0) {
		complain("cannot rename to", path);
		goto remove;
	}
	rc = 0;
	goto cleanup;
remove:
	unlink(tmp);
cleanup:
	free(tmp);
	return rc;
}

static const char usage[] = "usage: " PROGRAM " --root DIR --port-file FILE [--log FILE]\n";

int main(int argc, char **argv)
{
	const char *root = NULL, *port_file = NULL, *log_path = NULL;
	for (int i = 1; i < argc; i++) {
		const char **slot;
		if (strcmp(argv[i], "--help") == 0) {
			fputs(usage, stdout);
			return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
		} else if (strcmp(argv[i], "--root") == 0) {
			slot = &root;
		} else if (strcmp(argv[i], "--port-file") == 0) {
			slot = &port_file;
		} else if (strcmp(argv[i], "--log") == 0) {
			slot = &log_path;
		} else {
			fprintf(stderr, PROGRAM ": error: unknown argument \"%s\"\n%s", argv[i],
			        usage);
			return 2;
		}
		if (i + 1 == argc) {
			fprintf(stderr, PROGRAM ": error: %s needs a value\n%s", argv[i], usage);
			return 2;
		}
		*slot = argv[++i];
	}
	if (!root || !port_file) {
		fputs(usage, stderr);
		return 2;
	}

	int status = 1, listener = -1;
	unsigned port;
	struct config cfg = {-1, -1};
	children kids = {0};
	int64_t deadline = now_ms() + (int64_t)LIFETIME_S * 1000;
	struct sigaction ignore;
	memset(&ignore, 0, sizeof(ignore));
	ignore.sa_handler = SIG_IGN;
	sigemptyset(&ignore.sa_mask);

	/* A client hanging up mid-body must be an EPIPE to notice, not a signal that kills. */
	if (pipe(wake) != 0 || set_nonblocking(wake[0], 1) != 0 ||
	    set_nonblocking(wake[1], 1) != 0 || set_handlers(on_signal) != 0 ||
	    sigaction(SIGPIPE, &ignore, NULL) != 0) {
		complain("cannot set up signals", NULL);
		goto cleanup;
	}
	alarm(LIFETIME_S);
	cfg.root = open(root, O_RDONLY | O_DIRECTORY);
	if (cfg.root < 0) {
		complain("cannot open", root);
		goto cleanup;
	}
	if (log_path && (cfg.log = open(log_path, O_WRONLY | O_CREAT | O_APPEND, 0644)) < 0) {
		complain("cannot open", log_path);
		goto cleanup;
	}
	listener = listen_loopback(&port);
	if (listener < 0 || write_port_file(port_file, port) != 0)
		goto cleanup;
	status = run(listener, &cfg, &kids, deadline);
cleanup:
	if (listener >= 0)
		close(listener);
	stop_children(&kids);
	if (cfg.root >= 0)
		close(cfg.root);
	if (cfg.log >= 0)
		close(cfg.log);
	for (int i = 0; i < 2; i++) {
		if (wake[i] >= 0)
			close(wake[i]);
	}
	return status;
}
