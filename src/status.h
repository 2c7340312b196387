/* status.h - the one table of statuses and exit codes (see yibao.h); what only the library uses. */
#ifndef YB_STATUS_H
#define YB_STATUS_H

#include "yibao.h"

/* The status as a batch error object's "code" ("not-found", docs/check.md). */
const char *yb_status_code(yb_status status);

#endif
