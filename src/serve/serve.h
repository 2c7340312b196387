/*
 * serve.h - yibao serve: the rules as an HTTP JSON API (docs/serve.md), on libmicrohttpd.
 *
 * A front end of include/yibao.h like the command line: it parses requests, calls the library
 * (yb_batch_line(), yb_batch_run(), yb_city_lookup()) and maps its statuses to HTTP statuses.
 * The corpus is opened once, before the first request, and only read after that, by as many
 * connections at once as the limit allows.
 */
#ifndef YB_SERVE_H
#define YB_SERVE_H

#include "yibao.h"

typedef struct serve_options {
	const char *listen;        /* ADDR:PORT, [IPv6]:PORT; port 0 picks a free one */
	unsigned connections;      /* at most this many connections at once */
	unsigned timeout;          /* seconds a connection may stay idle */
	size_t max_body;           /* bytes of a POST /v1/answer body */
	size_t max_batch;          /* bytes of a POST /v1/batch body */
	const char *rules;         /* --rules DIR, or NULL: what a switch opens again */
} serve_options;

/*
 * Serves until SIGTERM or SIGINT, then stops accepting, lets the requests under way finish
 * (for at most `timeout` seconds) and returns. Takes the corpus (opened by
 * yb_corpus_open_auto() with o->rules, which gave origin) and closes it. On SIGHUP, and when
 * `yibao update` installs another corpus (looked at once a second), opens the corpus again and
 * switches to it; a request answers from the corpus current when it began. Says
 * where it listens on stderr ("yibao serve: listening on http://ADDR:PORT"), then one access
 * log line a request. Returns an exit code: 0, YB_EXIT_USAGE for a --listen it cannot use,
 * YB_EXIT_SYSTEM when it cannot start.
 */
int serve_run(yb_corpus *corpus, const yb_corpus_origin *origin, const serve_options *o);

#endif
