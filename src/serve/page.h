/*
 * page.h - the files of yibao serve's page (src/serve/page/), embedded in the server at build
 * time by cmake/embed-page.cmake: index.html at "/", every other file at "/NAME".
 */
#ifndef YB_SERVE_PAGE_H
#define YB_SERVE_PAGE_H

#include <stddef.h>

typedef struct serve_asset {
	const char *path; /* "/", "/page.js" */
	const char *type; /* its Content-Type */
	const char *etag; /* its SHA-1, quoted: a strong ETag */
	const unsigned char *data;
	size_t len;
} serve_asset;

/* The files, ended by an entry whose path is NULL. */
extern const serve_asset serve_page_assets[];

#endif
