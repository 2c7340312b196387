/*
 * fetch.h - downloading a rule bundle over HTTPS (libcurl, loaded only when updating).
 */
#ifndef YB_FETCH_H
#define YB_FETCH_H

#include <stddef.h>

#include "yibao.h"

/* The longest URL fetched, in bytes; a longer one is refused, never cut. */
enum { YB_URL_MAX = 1023 };

typedef struct yb_fetch {
	const char *url;
	const char *etag;          /* sent as If-None-Match, or NULL */
	const char *last_modified; /* sent as If-Modified-Since, or NULL */
	long connect_timeout;      /* seconds; 0: 15 */
	long timeout;              /* seconds for the whole transfer; 0: 300 */
	size_t max_bytes;          /* cap on the body; 0: 32 MiB */
	yb_progress_fn progress;   /* NULL: none */
	void *progress_ctx;
} yb_fetch;

typedef struct yb_fetched {
	int not_modified;          /* 304: nothing downloaded */
	long status;
	char *data;                /* the body, owned (yb_fetched_free) */
	size_t len;
	char etag[256], last_modified[128];
	char url[YB_URL_MAX + 1];  /* where it finally came from, after redirects */
} yb_fetched;

/* YB_OK for a 200 (data filled) or a 304 (not_modified); YB_ENETWORK for anything that went
 * wrong on the way, with a message saying what; YB_EUSAGE for a URL that is not http(s). */
yb_status yb_fetch_url(const yb_fetch *opts, yb_fetched *out, yb_error *err);
void yb_fetched_free(yb_fetched *f);

/* https://, or http:// to a loopback address, at most YB_URL_MAX bytes of printable ASCII;
 * anything else is refused with a reason. */
yb_status yb_fetch_url_allowed(const char *url, yb_error *err);

/* Whether libcurl is mapped into this process. */
int yb_fetch_loaded(void);

#endif
