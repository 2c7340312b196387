/*
 * dl.h - libraries opened with dlopen() only by the commands that need them (libcurl for
 * updates, libcrypto for signatures), so that answering a query never loads them: linked in,
 * libcurl alone would cost every start several times what the answer does. The static yibao
 * command links a dl.c compiled to refuse (YIBAO_NO_DLOPEN), and has yibao-net run those
 * commands (src/cli/net.c).
 */
#ifndef YB_DL_H
#define YB_DL_H

#include <stddef.h>

#include "error.h"

/* One function to resolve, and the function-pointer field its address goes to. */
typedef struct yb_dl_symbol {
	const char *name;
	void *slot; /* &lib.field */
} yb_dl_symbol;

/*
 * Opens the first library of `names` (NULL-terminated) that loads, and resolves every symbol
 * into its slot. Returns the handle, or NULL with the reason in why (nothing is left open, and
 * no slot is to be used): the system's words, the same in either language, or, in the static
 * command, that it loads no library. The caller says what the library was needed for
 * (yb_fail_because).
 */
void *yb_dl_open(const char *const *names, const yb_dl_symbol *symbols, size_t n, yb_error *why);

#endif
