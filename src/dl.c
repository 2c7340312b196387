/* dl.c - opening optional libraries (see dl.h). */
#include "dl.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

void *yb_dl_open(const char *const *names, const yb_dl_symbol *symbols, size_t n, char *why,
		 size_t size)
{
	void *h = NULL;
	const char *name = NULL;
	for (size_t i = 0; names[i] && !h; i++)
		h = dlopen(name = names[i], RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(why, size, "%s", dlerror());
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		void *p = dlsym(h, symbols[i].name);
		if (!p) {
			snprintf(why, size, "%s lacks %s", name, symbols[i].name);
			dlclose(h);
			return NULL;
		}
		/* dlsym() returns an object pointer; POSIX guarantees it converts to a function
		 * pointer, and the copy avoids the cast ISO C does not define. */
		memcpy(symbols[i].slot, &p, sizeof(p));
	}
	return h;
}
