/*
 * serve.c - the HTTP server of yibao serve: routing, request bodies, answers, errors, the
 * access log, metrics and a graceful stop (docs/serve.md; the endpoints in docs/openapi.yaml).
 *
 * libmicrohttpd runs one thread a connection (MHD_USE_THREAD_PER_CONNECTION), up to the
 * connection limit; every handler only reads the corpus. A request's state (its body so far,
 * its status and size for the log) lives in a `request`, freed when libmicrohttpd says the
 * request is over (completed()), which is where the access log line and the metrics are
 * written.
 *
 * The corpus answering can be switched while the server runs (on SIGHUP, or when `yibao
 * update` installs another): a request takes a reference to the corpus current when it begins
 * and answers from it to the end; the old corpus is closed when its last request completes.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <inttypes.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "page.h"   /* the page at "/" and its files */
#include "config.h" /* yb_data_dir(): where `yibao update` installs */
#include "serve.h"
#include "status.h" /* yb_status_code(): the codes of batch error objects */
#include "utf8.h"

/* ---- A growing byte buffer ------------------------------------------------------------------ */

typedef struct {
	char *data;
	size_t len, cap;
	bool failed; /* out of memory: the contents are incomplete */
} bytes;

static void put(bytes *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 1024;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->data, cap);
		if (!p) {
			b->failed = true;
			return;
		}
		b->data = p;
		b->cap = cap;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static void puts_(bytes *b, const char *s)
{
	put(b, s, strlen(s));
}

static void printf_(bytes *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void printf_(bytes *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < sizeof(small))
		put(b, small, (size_t)n);
	else
		b->failed = true; /* only short texts are formatted */
}

/* A JSON string of s (UTF-8, checked by the caller): quotes, backslashes and control
 * characters escaped. */
static void json_string(bytes *b, const char *s)
{
	puts_(b, "\"");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			char esc[2] = {'\\', (char)c};
			put(b, esc, 2);
		} else if (c < 0x20) {
			printf_(b, "\\u%04x", c);
		} else {
			put(b, s, 1);
		}
	}
	puts_(b, "\"");
}

/* A yb_write_fn into a bytes buffer. */
static int write_bytes(void *ctx, const char *data, size_t len)
{
	bytes *b = ctx;
	put(b, data, len);
	return b->failed ? -1 : 0;
}

/* Whether s (n bytes) is well-formed UTF-8. */
static bool utf8_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t k = yb_utf8_decode((const unsigned char *)s + i, n - i, NULL, NULL);
		if (!k)
			return false;
		i += k;
	}
	return true;
}

/* ---- Metrics -------------------------------------------------------------------------------- */

/* The endpoints, as the metrics and the log name them. */
enum endpoint { EP_ANSWER, EP_PROCEDURE, EP_BATCH, EP_CITIES, EP_CORPUS, EP_HEALTHZ, EP_READYZ,
		EP_METRICS, EP_PROCEDURES, EP_PAGE, EP_OTHER, NENDPOINTS };
static const char *const endpoint_names[NENDPOINTS] = {
	"answer", "procedure", "batch", "cities", "corpus", "healthz", "readyz", "metrics",
	"procedures", "page", "other"};
static const unsigned statuses[] = {200, 304, 400, 404, 405, 413, 500, 503};
enum { NSTATUSES = sizeof(statuses) / sizeof(statuses[0]) };
/* Latency histogram bounds, seconds. */
static const double bounds[] = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
				0.025,  0.05,    0.1,    0.25,  0.5,    1,     2.5};
enum { NBOUNDS = sizeof(bounds) / sizeof(bounds[0]) };

typedef struct {
	pthread_mutex_t lock;
	uint64_t requests[NENDPOINTS][NSTATUSES + 1]; /* the last: any other status */
	uint64_t buckets[NENDPOINTS][NBOUNDS + 1];    /* the last: +Inf */
	double seconds[NENDPOINTS];
} metrics;

/* ---- The server ----------------------------------------------------------------------------- */

/* A corpus that answers, and the requests answering from it. */
typedef struct {
	yb_corpus *corpus;
	yb_corpus_origin origin;
	unsigned refs; /* under server.lock: one while it is current, and one a request */
} snapshot;

typedef struct {
	snapshot *current; /* under lock: the corpus a request beginning now answers from */
	const serve_options *opts;
	metrics m;
	pthread_mutex_t lock;
	unsigned in_flight; /* requests begun and not completed */
	bool stopping;      /* SIGTERM or SIGINT came: answers close their connection */
	uint64_t switches, refused; /* corpus switches made, and refused (under lock) */
	char installed[1024];       /* the `current` link's target when last looked at */
} server;

typedef struct {
	struct timespec start;
	enum endpoint endpoint;
	bytes body;
	bool too_large;   /* the body went past the limit: the rest is read and dropped */
	unsigned status;  /* the response's */
	size_t sent;      /* the response body's size */
	char method[16];
	char *path;
	snapshot *snap; /* the corpus this request answers from, held until it completes */
} request;

/* Drops a reference to snap; the last one closes its corpus. */
static void release(server *srv, snapshot *snap)
{
	pthread_mutex_lock(&srv->lock);
	bool last = !--snap->refs;
	pthread_mutex_unlock(&srv->lock);
	if (last) {
		yb_corpus_close(snap->corpus);
		free(snap);
	}
}

static double elapsed(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static enum MHD_Result queue(server *srv, struct MHD_Connection *conn, request *r,
			     struct MHD_Response *res, unsigned status, const char *type,
			     const char *allow);

/* Queues a response of `len` bytes of `data` (copied) with `status` and content type. */
static enum MHD_Result respond(server *srv, struct MHD_Connection *conn, request *r,
			       unsigned status, const char *type, const char *data, size_t len,
			       const char *allow)
{
	struct MHD_Response *res =
	    MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_MUST_COPY);
	r->sent = len;
	return queue(srv, conn, r, res, status, type, allow);
}

/* Queues `res` (dropping this reference to it) with `status` and content type. */
static enum MHD_Result queue(server *srv, struct MHD_Connection *conn, request *r,
			     struct MHD_Response *res, unsigned status, const char *type,
			     const char *allow)
{
	if (!res)
		return MHD_NO;
	MHD_add_response_header(res, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	if (allow)
		MHD_add_response_header(res, MHD_HTTP_HEADER_ALLOW, allow);
	pthread_mutex_lock(&srv->lock);
	bool stopping = srv->stopping;
	pthread_mutex_unlock(&srv->lock);
	if (stopping)
		MHD_add_response_header(res, MHD_HTTP_HEADER_CONNECTION, "close");
	r->status = status;
	enum MHD_Result ok = MHD_queue_response(conn, status, res);
	MHD_destroy_response(res);
	return ok;
}

static const char json_type[] = "application/json; charset=utf-8";

/* {"schema":1,"error":{"code":"…","message":"…"}} with `status`. */
static enum MHD_Result fail(server *srv, struct MHD_Connection *conn, request *r,
			    unsigned status, const char *code, const char *message,
			    const char *allow)
{
	bytes b = {0};
	puts_(&b, "{\"schema\":1,\"error\":{\"code\":");
	json_string(&b, code);
	puts_(&b, ",\"message\":");
	json_string(&b, message);
	puts_(&b, "}}\n");
	enum MHD_Result ok = b.failed ? MHD_NO
				      : respond(srv, conn, r, status, json_type, b.data, b.len, allow);
	free(b.data);
	return ok;
}

static enum MHD_Result out_of_memory(server *srv, struct MHD_Connection *conn, request *r)
{
	return fail(srv, conn, r, 500, "out-of-memory", "内存不足", NULL);
}

/* The HTTP status for a refused query line, from its exit code: the query's fault (2) is 400,
 * anything else (a corpus error, out of memory) the server's. */
static unsigned status_of_exit(int exit_code)
{
	return exit_code == YB_EXIT_OK ? 200 : exit_code == YB_EXIT_USAGE ? 400 : 500;
}

/* Answers one query line (JSON) as yb_batch_line() does, with the status its exit code maps
 * to. */
static enum MHD_Result answer_line(server *srv, struct MHD_Connection *conn, request *r,
				   const char *text, size_t len)
{
	yb_batch_options opts = {0};
	yb_batch_stats stats;
	yb_error err;
	bytes out = {0};
	opts.origin = &r->snap->origin;
	while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		len--;
	enum MHD_Result ok;
	if (yb_batch_line(r->snap->corpus, text, len, write_bytes, &out, &opts, &stats, &err))
		ok = fail(srv, conn, r, 500, yb_status_code(err.code), err.message, NULL);
	else if (!stats.answered && !stats.failed)
		ok = fail(srv, conn, r, 400, "usage",
			  "请求体里没有查询：应为一个 JSON 对象，如 {\"command\":\"transfer\","
			  "\"from\":\"changde\",\"to\":\"changsha\"}",
			  NULL);
	else
		ok = respond(srv, conn, r, status_of_exit(stats.worst_exit), json_type, out.data,
			     out.len, NULL);
	free(out.data);
	return ok;
}

/* ---- GET /v1/<procedure>?…: a query string as a query line ------------------------------ */

typedef struct {
	bytes line;
	const char *bad; /* a key whose key or value is not UTF-8 */
} args_line;

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key,
			       const char *value)
{
	(void)kind;
	args_line *a = cls;
	if (!value)
		value = "";
	if (!utf8_ok(key, strlen(key)) || !utf8_ok(value, strlen(value))) {
		a->bad = "";
		return MHD_NO;
	}
	puts_(&a->line, ",");
	json_string(&a->line, key);
	puts_(&a->line, ":");
	json_string(&a->line, value);
	return MHD_YES;
}

static enum MHD_Result get_procedure(server *srv, struct MHD_Connection *conn, request *r,
				     const char *procedure)
{
	args_line a = {{0}, NULL};
	puts_(&a.line, "{\"command\":");
	json_string(&a.line, procedure);
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, add_arg, &a);
	puts_(&a.line, "}");
	enum MHD_Result ok;
	if (a.bad)
		ok = fail(srv, conn, r, 400, "usage", "查询串里有无效的 UTF-8 字节序列", NULL);
	else if (a.line.failed)
		ok = out_of_memory(srv, conn, r);
	else
		ok = answer_line(srv, conn, r, a.line.data, a.line.len);
	free(a.line.data);
	return ok;
}

/* ---- POST /v1/batch: answers sent as they are made ------------------------------------------ */

/* A batch answering on its own thread into a pipe, which the response reads from: the answers
 * go out as they are made, the pipe's capacity bounding what waits, instead of the whole
 * output being held. The stream owns the body and a reference to the corpus, so that it may
 * outlive the request's state. */
typedef struct {
	server *srv;
	request *r; /* only while the response is read: its sent bytes */
	snapshot *snap;
	bytes body;
	int fd[2];
	pthread_t thread;
	bool joined;
	yb_status st;
} stream;

static int write_fd(void *ctx, const char *data, size_t len)
{
	const int *fd = ctx;
	while (len) {
		ssize_t n = write(*fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1; /* the client went away: the read end is closed */
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static void *produce(void *arg)
{
	stream *s = arg;
	sigset_t pipe_signal; /* a write to a closed pipe is EPIPE here, not a signal */
	sigemptyset(&pipe_signal);
	sigaddset(&pipe_signal, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_signal, NULL);
	yb_batch_options opts = {0};
	yb_batch_stats stats;
	yb_error err;
	opts.origin = &s->snap->origin;
	FILE *in = fmemopen(s->body.data, s->body.len, "r");
	s->st = in ? yb_batch_run(s->snap->corpus, in, write_fd, &s->fd[1], &opts, &stats, &err)
		   : YB_ENOMEM;
	if (in)
		fclose(in);
	close(s->fd[1]);
	return NULL;
}

static ssize_t read_stream(void *cls, uint64_t pos, char *buf, size_t max)
{
	(void)pos;
	stream *s = cls;
	for (;;) {
		ssize_t n = read(s->fd[0], buf, max);
		if (n > 0) {
			s->r->sent += (size_t)n;
			return n;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return MHD_CONTENT_READER_END_WITH_ERROR;
		/* The batch is over: a failure after the status went out cuts the response short
		 * (no last chunk), which the client sees. */
		pthread_join(s->thread, NULL);
		s->joined = true;
		return s->st ? MHD_CONTENT_READER_END_WITH_ERROR : MHD_CONTENT_READER_END_OF_STREAM;
	}
}

static void end_stream(void *cls)
{
	stream *s = cls;
	close(s->fd[0]); /* a batch still answering stops at its next write */
	if (!s->joined)
		pthread_join(s->thread, NULL);
	release(s->srv, s->snap);
	free(s->body.data);
	free(s);
}

static enum MHD_Result batch(server *srv, struct MHD_Connection *conn, request *r)
{
	static const char type[] = "application/x-ndjson; charset=utf-8";
	if (!r->body.len)
		return respond(srv, conn, r, 200, type, "", 0, NULL);
	int fd[2];
	stream *s = calloc(1, sizeof(*s));
	if (!s || pipe(fd)) {
		free(s);
		return out_of_memory(srv, conn, r);
	}
	*s = (stream){srv, r, r->snap, r->body, {fd[0], fd[1]}, 0, false, YB_OK};
	if (pthread_create(&s->thread, NULL, produce, s)) {
		close(s->fd[0]);
		close(s->fd[1]);
		free(s);
		return out_of_memory(srv, conn, r);
	}
	/* Started: the stream owns the body, and a reference to the corpus. */
	r->body = (bytes){0};
	pthread_mutex_lock(&srv->lock);
	s->snap->refs++;
	pthread_mutex_unlock(&srv->lock);
	struct MHD_Response *res =
	    MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 64 * 1024, read_stream, s, end_stream);
	if (!res) {
		end_stream(s);
		return MHD_NO;
	}
	return queue(srv, conn, r, res, 200, type, NULL);
}

/* ---- GET /v1/cities?q=… ---------------------------------------------------------------------- */

static void city_json(bytes *b, const yb_city_info *c)
{
	const char *const fields[][2] = {
	    {"adcode", c->adcode}, {"name", c->name}, {"short_name", c->short_name},
	    {"slug", c->slug}, {"kind", c->kind}, {"province", c->province},
	    {"province_adcode", c->province_adcode}, {"province_slug", c->province_slug}};
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		puts_(b, i ? "," : "{");
		json_string(b, fields[i][0]);
		puts_(b, ":");
		json_string(b, fields[i][1]);
	}
	puts_(b, "}");
}

enum { MAX_SUGGESTIONS = 5, SUGGEST_DISTANCE = 2 };

/* The cities whose slug or short name is within SUGGEST_DISTANCE edits of q, nearest first. */
static void suggestions(const yb_corpus *corpus, const char *q, bytes *b)
{
	yb_city_info best[MAX_SUGGESTIONS], c;
	int dist[MAX_SUGGESTIONS];
	size_t n = 0;
	for (size_t i = 0; yb_city_at(corpus, i, &c); i++) {
		int d = yb_edit_distance(q, c.slug), ds = yb_edit_distance(q, c.short_name);
		if (ds < d)
			d = ds;
		if (d > SUGGEST_DISTANCE || (n == MAX_SUGGESTIONS && d >= dist[n - 1]))
			continue;
		size_t at = n < MAX_SUGGESTIONS ? n++ : n - 1;
		while (at && dist[at - 1] > d) {
			best[at] = best[at - 1];
			dist[at] = dist[at - 1];
			at--;
		}
		best[at] = c;
		dist[at] = d;
	}
	puts_(b, "\"suggestions\":[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			puts_(b, ",");
		city_json(b, &best[i]);
	}
	puts_(b, "]");
}

static enum MHD_Result cities(server *srv, struct MHD_Connection *conn, request *r)
{
	const char *q = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "q");
	if (!q || !*q)
		return fail(srv, conn, r, 400, "usage",
			    "缺少 q：要查的地名（拼音、汉字或行政区划代码），如 ?q=changsha", NULL);
	if (!utf8_ok(q, strlen(q)))
		return fail(srv, conn, r, 400, "usage", "q 里有无效的 UTF-8 字节序列", NULL);
	/* ?lang=en: the message in English, as a query's "lang" asks. */
	const char *lang = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "lang");
	bool en = lang && !strcmp(lang, "en");
	yb_city_info c;
	yb_error err;
	yb_status st = yb_city_lookup(r->snap->corpus, q, &c, &err);
	bytes b = {0};
	unsigned status = 200;
	puts_(&b, "{\"schema\":1,\"query\":");
	json_string(&b, q);
	if (!st) {
		puts_(&b, ",\"city\":");
		city_json(&b, &c);
		puts_(&b, ",");
	} else if (st == YB_ENOTFOUND || st == YB_EAMBIGUOUS) {
		status = 404;
		printf_(&b, ",\"error\":{\"code\":\"%s\",\"message\":", yb_status_code(st));
		json_string(&b, yb_error_text(&err, en));
		puts_(&b, "},");
	} else {
		free(b.data);
		return fail(srv, conn, r, 500, yb_status_code(st), err.message, NULL);
	}
	suggestions(r->snap->corpus, q, &b);
	puts_(&b, "}\n");
	enum MHD_Result ok = b.failed ? out_of_memory(srv, conn, r)
				      : respond(srv, conn, r, status, json_type, b.data, b.len, NULL);
	free(b.data);
	return ok;
}

/* ---- GET /v1/procedures: what each procedure asks, for a form -------------------------------- */

static const char *const input_kinds[] = {"place", "enum", "bool", "number", "date"};

/* "key":"value", or "key":null for NULL, after a comma. */
static void member(bytes *b, const char *key, const char *value)
{
	printf_(b, ",\"%s\":", key);
	if (value)
		json_string(b, value);
	else
		puts_(b, "null");
}

static void input_json(bytes *b, const yb_corpus *corpus, const yb_input *in)
{
	puts_(b, "{\"name\":");
	json_string(b, in->name);
	member(b, "flag", in->flag);
	member(b, "kind", input_kinds[in->kind]);
	member(b, "label", in->label);
	member(b, "question", in->question);
	printf_(b, ",\"required\":%s", in->required ? "true" : "false");
	member(b, "default", in->default_value);
	if (in->kind == YB_INPUT_ENUM) {
		member(b, "follows", in->follows);
		puts_(b, ",\"choices\":[");
		yb_input_choice c;
		for (size_t i = 0; yb_input_choice_at(corpus, in->name, i, &c); i++) {
			puts_(b, i ? ",{\"value\":" : "{\"value\":");
			json_string(b, c.value);
			member(b, "label", c.label);
			puts_(b, ",\"aliases\":[");
			for (size_t k = 0; k < c.naliases; k++) {
				puts_(b, k ? "," : "");
				json_string(b, yb_input_alias(corpus, in->name, i, k));
			}
			puts_(b, "]}");
		}
		puts_(b, "]");
	}
	if (in->kind == YB_INPUT_NUMBER) {
		printf_(b, ",\"min\":%.17g,\"max\":%.17g", in->min, in->max);
		if (in->unit_of)
			printf_(b, ",\"unit_of\":\"%s\",\"unit_factor\":%.17g", in->unit_of,
				in->unit_factor);
	}
	puts_(b, "}");
}

static enum MHD_Result procedures(server *srv, struct MHD_Connection *conn, request *r)
{
	const yb_corpus *corpus = r->snap->corpus; /* the rules this request answers from */
	bytes b = {0};
	yb_input *in = NULL;
	const char *p;
	puts_(&b, "{\"schema\":1,\"procedures\":[");
	for (size_t i = 0; (p = yb_procedure_at(corpus, i)); i++) {
		size_t n = yb_procedure_inputs(corpus, p, NULL, 0);
		yb_input *grown = realloc(in, (n ? n : 1) * sizeof(*in));
		if (!grown) {
			b.failed = true;
			break;
		}
		in = grown;
		yb_procedure_inputs(corpus, p, in, n);
		puts_(&b, i ? ",{\"id\":" : "{\"id\":");
		json_string(&b, p);
		puts_(&b, ",\"inputs\":[");
		for (size_t k = 0; k < n; k++) {
			puts_(&b, k ? "," : "");
			input_json(&b, corpus, &in[k]);
		}
		puts_(&b, "]}");
	}
	puts_(&b, "]}\n");
	free(in);
	enum MHD_Result ok = b.failed ? out_of_memory(srv, conn, r)
				      : respond(srv, conn, r, 200, json_type, b.data, b.len, NULL);
	free(b.data);
	return ok;
}

/* ---- GET /, /page.js, /page.css: the page (src/serve/page/) ------------------------------- */

static const serve_asset *asset_at(const char *url)
{
	for (const serve_asset *a = serve_page_assets; a->path; a++)
		if (!strcmp(a->path, url))
			return a;
	return NULL;
}

/* The file, or 304 when the client has it already (If-None-Match is its ETag). Nothing but
 * this server's own files may run on the page (Content-Security-Policy); the client asks again
 * each time whether its copy is current (no-cache, with the ETag). */
static enum MHD_Result page(server *srv, struct MHD_Connection *conn, request *r,
			    const char *url)
{
	const serve_asset *a = asset_at(url);
	const char *match = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
							MHD_HTTP_HEADER_IF_NONE_MATCH);
	bool fresh = match && !strcmp(match, a->etag);
	struct MHD_Response *res = MHD_create_response_from_buffer(
	    fresh ? 0 : a->len, fresh ? (void *)"" : (void *)a->data, MHD_RESPMEM_PERSISTENT);
	if (!res)
		return MHD_NO;
	MHD_add_response_header(res, MHD_HTTP_HEADER_ETAG, a->etag);
	MHD_add_response_header(res, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
	MHD_add_response_header(res, "Content-Security-Policy",
				"default-src 'self'; base-uri 'none'; form-action 'self'; "
				"frame-ancestors 'none'");
	MHD_add_response_header(res, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(res, "Referrer-Policy", "no-referrer");
	r->sent = fresh ? 0 : a->len;
	return queue(srv, conn, r, res, fresh ? 304 : 200, a->type, NULL);
}

/* ---- GET /v1/corpus, /metrics ---------------------------------------------------------------- */

static const char *origin_name(yb_origin_kind kind)
{
	return kind == YB_ORIGIN_INSTALLED ? "installed"
	       : kind == YB_ORIGIN_FOLDER  ? "folder"
					   : "embedded";
}

static enum MHD_Result corpus_info(server *srv, struct MHD_Connection *conn, request *r)
{
	bytes b = {0};
	const yb_corpus_origin *o = &r->snap->origin;
	puts_(&b, "{\"schema\":1,\"version\":");
	json_string(&b, yb_corpus_version(r->snap->corpus));
	puts_(&b, ",\"date\":");
	json_string(&b, yb_corpus_date(r->snap->corpus));
	puts_(&b, ",\"origin\":");
	json_string(&b, origin_name(o->kind));
	if (o->kind != YB_ORIGIN_EMBEDDED) {
		puts_(&b, ",\"path\":");
		json_string(&b, o->path);
	}
	if (o->fallback != YB_FALLBACK_NONE) {
		puts_(&b, ",\"fallback\":");
		json_string(&b, yb_fallback_name(o->fallback));
		puts_(&b, ",\"warning\":");
		json_string(&b, o->warning);
	}
	puts_(&b, "}\n");
	enum MHD_Result ok = b.failed ? out_of_memory(srv, conn, r)
				      : respond(srv, conn, r, 200, json_type, b.data, b.len, NULL);
	free(b.data);
	return ok;
}

/* A label value in the text format: backslash, quote and newline escaped. */
static void label(bytes *b, const char *s)
{
	for (; *s; s++)
		if (*s == '\\' || *s == '"')
			put(b, "\\", 1), put(b, s, 1);
		else if (*s == '\n')
			puts_(b, "\\n");
		else
			put(b, s, 1);
}

static enum MHD_Result metrics_text(server *srv, struct MHD_Connection *conn, request *r)
{
	bytes b = {0};
	metrics *m = &srv->m;
	puts_(&b, "# HELP yibao_corpus_info The rule corpus answering (1).\n"
		  "# TYPE yibao_corpus_info gauge\nyibao_corpus_info{version=\"");
	label(&b, yb_corpus_version(r->snap->corpus));
	puts_(&b, "\",date=\"");
	label(&b, yb_corpus_date(r->snap->corpus));
	printf_(&b, "\",origin=\"%s\"} 1\n", origin_name(r->snap->origin.kind));
	pthread_mutex_lock(&srv->lock);
	uint64_t switches = srv->switches, refused = srv->refused;
	pthread_mutex_unlock(&srv->lock);
	printf_(&b, "# HELP yibao_corpus_switches_total Corpus switches made while serving.\n"
		    "# TYPE yibao_corpus_switches_total counter\nyibao_corpus_switches_total %" PRIu64
		    "\n", switches);
	printf_(&b, "# HELP yibao_corpus_switches_refused_total New corpora refused (not opened, "
		    "not verified): the old one answers.\n# TYPE yibao_corpus_switches_refused_total "
		    "counter\nyibao_corpus_switches_refused_total %" PRIu64 "\n", refused);
	puts_(&b, "# HELP yibao_http_requests_total HTTP requests answered, by endpoint and status.\n"
		  "# TYPE yibao_http_requests_total counter\n");
	pthread_mutex_lock(&m->lock);
	for (int e = 0; e < NENDPOINTS; e++)
		for (int s = 0; s <= NSTATUSES; s++)
			if (m->requests[e][s]) {
				printf_(&b, "yibao_http_requests_total{endpoint=\"%s\",", endpoint_names[e]);
				if (s < NSTATUSES)
					printf_(&b, "status=\"%u\"}", statuses[s]);
				else
					puts_(&b, "status=\"other\"}");
				printf_(&b, " %" PRIu64 "\n", m->requests[e][s]);
			}
	puts_(&b, "# HELP yibao_http_request_duration_seconds Time from a request's start to its "
		  "response sent.\n# TYPE yibao_http_request_duration_seconds histogram\n");
	for (int e = 0; e < NENDPOINTS; e++) {
		uint64_t count = 0;
		for (int k = 0; k <= NBOUNDS; k++)
			count += m->buckets[e][k];
		if (!count)
			continue;
		uint64_t cumulative = 0;
		for (int k = 0; k <= NBOUNDS; k++) {
			cumulative += m->buckets[e][k];
			printf_(&b, "yibao_http_request_duration_seconds_bucket{endpoint=\"%s\",le=\"",
				endpoint_names[e]);
			if (k < NBOUNDS)
				printf_(&b, "%g", bounds[k]);
			else
				puts_(&b, "+Inf");
			printf_(&b, "\"} %" PRIu64 "\n", cumulative);
		}
		printf_(&b, "yibao_http_request_duration_seconds_sum{endpoint=\"%s\"} %.6f\n",
			endpoint_names[e], m->seconds[e]);
		printf_(&b, "yibao_http_request_duration_seconds_count{endpoint=\"%s\"} %" PRIu64
			    "\n",
			endpoint_names[e], count);
	}
	pthread_mutex_unlock(&m->lock);
	enum MHD_Result ok =
	    b.failed ? out_of_memory(srv, conn, r)
		     : respond(srv, conn, r, 200, "text/plain; version=0.0.4; charset=utf-8", b.data,
			       b.len, NULL);
	free(b.data);
	return ok;
}

static void count(server *srv, const request *r, double seconds)
{
	metrics *m = &srv->m;
	int s = 0, k = 0;
	while (s < NSTATUSES && statuses[s] != r->status)
		s++;
	while (k < NBOUNDS && seconds > bounds[k])
		k++;
	pthread_mutex_lock(&m->lock);
	m->requests[r->endpoint][s]++;
	m->buckets[r->endpoint][k]++;
	m->seconds[r->endpoint] += seconds;
	pthread_mutex_unlock(&m->lock);
}

/* ---- Routing ------------------------------------------------------------------------------- */

/* The procedure /v1/<name> names, or NULL. */
static const char *procedure_named(const yb_corpus *corpus, const char *name)
{
	const char *p;
	for (size_t i = 0; (p = yb_procedure_at(corpus, i)); i++)
		if (!strcmp(p, name))
			return p;
	return NULL;
}

static enum endpoint endpoint_of(const yb_corpus *corpus, const char *url)
{
	static const struct {
		const char *path;
		enum endpoint e;
	} fixed[] = {{"/v1/answer", EP_ANSWER}, {"/v1/batch", EP_BATCH},
		     {"/v1/cities", EP_CITIES}, {"/v1/corpus", EP_CORPUS},
		     {"/healthz", EP_HEALTHZ},  {"/readyz", EP_READYZ},
		     {"/metrics", EP_METRICS},  {"/v1/procedures", EP_PROCEDURES}};
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (!strcmp(url, fixed[i].path))
			return fixed[i].e;
	if (asset_at(url))
		return EP_PAGE;
	if (!strncmp(url, "/v1/", 4) && procedure_named(corpus, url + 4))
		return EP_PROCEDURE;
	return EP_OTHER;
}

static bool is_post(enum endpoint e)
{
	return e == EP_ANSWER || e == EP_BATCH;
}

/* Answers a request whose body, if any, is all in. */
static enum MHD_Result route(server *srv, struct MHD_Connection *conn, request *r,
			     const char *url)
{
	const char *method = r->method;
	bool head = !strcmp(method, "HEAD");
	if (r->endpoint == EP_OTHER) {
		char message[320];
		snprintf(message, sizeof(message), "没有这个地址：%.200s（见 docs/serve.md）",
			 utf8_ok(url, strlen(url)) ? url : "?");
		return fail(srv, conn, r, 404, "not-found", message, NULL);
	}
	if (is_post(r->endpoint) ? strcmp(method, "POST") != 0
				 : strcmp(method, "GET") != 0 && !head)
		return fail(srv, conn, r, 405, "method",
			    is_post(r->endpoint) ? "这个地址只接受 POST" : "这个地址只接受 GET",
			    is_post(r->endpoint) ? "POST" : "GET, HEAD");
	if (r->too_large) {
		char message[160];
		snprintf(message, sizeof(message), "请求体超过 %zu 字节的上限",
			 r->endpoint == EP_BATCH ? srv->opts->max_batch : srv->opts->max_body);
		return fail(srv, conn, r, 413, "too-large", message, NULL);
	}
	if (r->body.failed)
		return out_of_memory(srv, conn, r);
	switch (r->endpoint) {
	case EP_ANSWER:
		return answer_line(srv, conn, r, r->body.data ? r->body.data : "", r->body.len);
	case EP_PROCEDURE:
		return get_procedure(srv, conn, r, url + 4);
	case EP_BATCH:
		return batch(srv, conn, r);
	case EP_CITIES:
		return cities(srv, conn, r);
	case EP_CORPUS:
		return corpus_info(srv, conn, r);
	case EP_HEALTHZ:
		return respond(srv, conn, r, 200, "text/plain; charset=utf-8", "ok\n", 3, NULL);
	case EP_READYZ:
		/* The corpus is opened before the server listens: once it answers, it is ready. */
		return respond(srv, conn, r, 200, "text/plain; charset=utf-8", "ready\n", 6, NULL);
	case EP_METRICS:
		return metrics_text(srv, conn, r);
	case EP_PROCEDURES:
		return procedures(srv, conn, r);
	case EP_PAGE:
		return page(srv, conn, r, url);
	default:
		return MHD_NO;
	}
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url,
			      const char *method, const char *version, const char *upload,
			      size_t *upload_size, void **state)
{
	(void)version;
	server *srv = cls;
	request *r = *state;
	if (!r) {
		if (!(r = calloc(1, sizeof(*r))) || !(r->path = strdup(url))) {
			free(r);
			return MHD_NO;
		}
		clock_gettime(CLOCK_MONOTONIC, &r->start);
		snprintf(r->method, sizeof(r->method), "%s", method);
		pthread_mutex_lock(&srv->lock);
		srv->in_flight++;
		r->snap = srv->current;
		r->snap->refs++;
		pthread_mutex_unlock(&srv->lock);
		r->endpoint = endpoint_of(r->snap->corpus, url);
		*state = r;
		/* A body announced too large is refused before it is read. */
		const char *length =
		    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		size_t limit = r->endpoint == EP_BATCH ? srv->opts->max_batch : srv->opts->max_body;
		if (length && strtoull(length, NULL, 10) > limit) {
			r->too_large = true;
			return route(srv, conn, r, url);
		}
		return MHD_YES;
	}
	if (*upload_size) {
		size_t limit = r->endpoint == EP_BATCH ? srv->opts->max_batch : srv->opts->max_body;
		if (!is_post(r->endpoint) || r->body.len + *upload_size > limit)
			r->too_large = r->too_large || is_post(r->endpoint);
		else
			put(&r->body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	if (r->status)
		return MHD_YES; /* answered already (a body announced too large) */
	return route(srv, conn, r, url);
}

/* One access log line: a JSON object, the path's unusual bytes escaped. */
static void log_request(const request *r, double seconds)
{
	bytes b = {0};
	puts_(&b, "{\"method\":");
	json_string(&b, r->method);
	puts_(&b, ",\"path\":\"");
	for (const unsigned char *p = (const unsigned char *)r->path; *p; p++)
		if (*p < 0x20 || *p >= 0x7F || *p == '"' || *p == '\\')
			printf_(&b, "\\u%04x", *p);
		else
			put(&b, (const char *)p, 1);
	printf_(&b, "\",\"status\":%u,\"bytes\":%zu,\"us\":%.0f}\n", r->status, r->sent,
		seconds * 1e6);
	if (!b.failed)
		fputs(b.data, stderr);
	free(b.data);
}

static void completed(void *cls, struct MHD_Connection *conn, void **state,
		      enum MHD_RequestTerminationCode why)
{
	(void)conn;
	(void)why;
	server *srv = cls;
	request *r = *state;
	if (!r)
		return;
	double seconds = elapsed(&r->start);
	log_request(r, seconds);
	count(srv, r, seconds);
	pthread_mutex_lock(&srv->lock);
	srv->in_flight--;
	pthread_mutex_unlock(&srv->lock);
	release(srv, r->snap);
	free(r->body.data);
	free(r->path);
	free(r);
	*state = NULL;
}

/* ---- Switching the corpus ------------------------------------------------------------------ */

/* Whether the corpus answering is chosen by yb_corpus_open_auto() (no --rules, no YIBAO_RULES),
 * so that an update installed by `yibao update` changes it. */
static bool follows_installed(const server *srv)
{
	const char *env = getenv("YIBAO_RULES");
	return !srv->opts->rules && !(env && *env);
}

/* The `current` link's target in the data folder into out ("" when there is none). */
static void installed_link(char *out, size_t size)
{
	char data[1024], link[1100];
	out[0] = '\0';
	if (yb_data_dir(data, sizeof(data), NULL) != YB_OK)
		return;
	snprintf(link, sizeof(link), "%s/current", data);
	ssize_t n = readlink(link, out, size - 1);
	out[n > 0 ? n : 0] = '\0';
}

/* Whether `current` points elsewhere than when last looked at: one readlink(). */
static bool installed_changed(server *srv)
{
	char now[sizeof(srv->installed)];
	if (!follows_installed(srv))
		return false;
	installed_link(now, sizeof(now));
	if (!strcmp(now, srv->installed))
		return false;
	memcpy(srv->installed, now, sizeof(now));
	return true;
}

/* Opens the corpus that should answer now and makes it current; requests under way keep the
 * one they began with. One that cannot be opened, falls back to the embedded rules, or fails
 * its verification is refused: the old one goes on answering, and the log says why. */
static void switch_corpus(server *srv, const char *why)
{
	snapshot *next = calloc(1, sizeof(*next));
	yb_error err = {0};
	const char *refusal = NULL;
	if (!next) {
		refusal = "内存不足";
	} else if (yb_corpus_open_auto(srv->opts->rules, NULL, &next->corpus, &next->origin,
				       &err)) {
		refusal = err.message;
	} else if (next->origin.fallback != YB_FALLBACK_NONE) {
		refusal = next->origin.warning;
	} else if (yb_corpus_verify(&next->origin, &err)) {
		refusal = err.message;
	}
	pthread_mutex_lock(&srv->lock);
	snapshot *old = srv->current;
	const char *was = yb_corpus_version(old->corpus); /* old is held by this reference */
	if (refusal) {
		srv->refused++;
	} else {
		next->refs = 1;
		srv->current = next;
		srv->switches++;
	}
	pthread_mutex_unlock(&srv->lock);
	if (refusal) {
		char where[300] = "";
		if (refusal == err.message && err.file[0])
			snprintf(where, sizeof(where), "%s:%d:%d: ", err.file, err.line, err.column);
		fprintf(stderr, "yibao serve: %s: rules not switched, %s still answers: %s%s\n",
			why, was, where, refusal);
		if (next) {
			if (next->corpus)
				yb_corpus_close(next->corpus);
			free(next);
		}
		return;
	}
	fprintf(stderr, "yibao serve: %s: rules switched from %s to %s (%s)\n", why, was,
		yb_corpus_version(next->corpus), origin_name(next->origin.kind));
	release(srv, old);
}

/* ---- Listening and stopping ----------------------------------------------------------------- */

/* Reads ADDR:PORT or [IPv6]:PORT into *addr. */
static bool parse_listen(const char *text, struct sockaddr_storage *addr, bool *v6)
{
	char host[64];
	const char *colon = strrchr(text, ':');
	if (!colon || colon == text || (size_t)(colon - text) >= sizeof(host))
		return false;
	char *end;
	errno = 0;
	unsigned long port = strtoul(colon + 1, &end, 10);
	if (!colon[1] || *end || errno || port > 65535)
		return false;
	memcpy(host, text, (size_t)(colon - text));
	host[colon - text] = '\0';
	memset(addr, 0, sizeof(*addr));
	size_t hl = strlen(host);
	if (host[0] == '[' && hl > 2 && host[hl - 1] == ']') {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)addr;
		host[hl - 1] = '\0';
		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		*v6 = true;
		return inet_pton(AF_INET6, host + 1, &a->sin6_addr) == 1;
	}
	struct sockaddr_in *a = (struct sockaddr_in *)addr;
	a->sin_family = AF_INET;
	a->sin_port = htons((uint16_t)port);
	*v6 = false;
	return inet_pton(AF_INET, host, &a->sin_addr) == 1;
}

int serve_run(yb_corpus *corpus, const yb_corpus_origin *origin, const serve_options *o)
{
	struct sockaddr_storage addr;
	bool v6;
	snapshot *first = malloc(sizeof(*first));
	if (!first) {
		yb_corpus_close(corpus);
		fprintf(stderr, "yibao: error: serve: 内存不足\n");
		return YB_EXIT_SYSTEM;
	}
	*first = (snapshot){corpus, *origin, 1};
	if (!parse_listen(o->listen, &addr, &v6)) {
		fprintf(stderr, "yibao: error: serve: --listen 应为 地址:端口（如 127.0.0.1:8080 或 "
				"[::1]:8080），实际是 \"%s\"\n",
			o->listen);
		yb_corpus_close(corpus);
		free(first);
		return YB_EXIT_USAGE;
	}
	server srv = {.current = first, .opts = o, .m = {.lock = PTHREAD_MUTEX_INITIALIZER},
		      .lock = PTHREAD_MUTEX_INITIALIZER};
	installed_link(srv.installed, sizeof(srv.installed));
	/* SIGTERM, SIGINT and SIGHUP go to this thread's sigtimedwait(), never to a connection's
	 * thread, which inherit this mask. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
			 MHD_USE_ITC | MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
	struct MHD_Daemon *d = MHD_start_daemon(
	    flags, 0, NULL, NULL, handle, &srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
	    MHD_OPTION_CONNECTION_LIMIT, o->connections, MHD_OPTION_CONNECTION_TIMEOUT,
	    o->timeout, MHD_OPTION_NOTIFY_COMPLETED, completed, &srv, MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "yibao: error: serve: 无法在 %s 上监听（地址已被占用，或没有权限？）\n",
			o->listen);
		pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
		release(&srv, first);
		return YB_EXIT_SYSTEM;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char host[64];
	inet_ntop(addr.ss_family,
		  v6 ? (void *)&((struct sockaddr_in6 *)&addr)->sin6_addr
		     : (void *)&((struct sockaddr_in *)&addr)->sin_addr,
		  host, sizeof(host));
	fprintf(stderr, "yibao serve: listening on http://%s%s%s:%u (rules %s, %s)\n",
		v6 ? "[" : "", host, v6 ? "]" : "", info ? info->port : 0,
		yb_corpus_version(corpus), origin_name(origin->kind));

	/* Signals, and once a second a look at the installed update: one readlink(). */
	int sig;
	for (;;) {
		sig = sigtimedwait(&stop, NULL, &(struct timespec){1, 0});
		if (sig == SIGTERM || sig == SIGINT)
			break;
		if (sig == SIGHUP)
			switch_corpus(&srv, "SIGHUP");
		else if (installed_changed(&srv))
			switch_corpus(&srv, "a new update installed");
	}
	fprintf(stderr, "yibao serve: %s: no new connections; finishing the requests under way\n",
		sig == SIGTERM ? "SIGTERM" : "SIGINT");
	pthread_mutex_lock(&srv.lock);
	srv.stopping = true;
	pthread_mutex_unlock(&srv.lock);
	MHD_socket listener = MHD_quiesce_daemon(d);
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		pthread_mutex_lock(&srv.lock);
		unsigned n = srv.in_flight;
		pthread_mutex_unlock(&srv.lock);
		if (!n || elapsed(&start) > o->timeout)
			break;
		nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
	}
	MHD_stop_daemon(d);
	if (listener != MHD_INVALID_SOCKET)
		close(listener);
	pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
	release(&srv, srv.current);
	fprintf(stderr, "yibao serve: stopped\n");
	return YB_EXIT_OK;
}
