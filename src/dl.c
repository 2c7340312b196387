/* dl.c - opening optional libraries (see dl.h). */
#include "dl.h"

#include <stdio.h>
#include <string.h>
#ifndef YIBAO_NO_DLOPEN
#include <dlfcn.h>
#endif

#ifdef YIBAO_NO_DLOPEN
/*
 * The static yibao command (CMakeLists.txt, YIBAO_STATIC): glibc's dlopen() in a static program
 * needs, at run time, the very glibc it was linked with, so that program loads no library at all
 * and runs its commands that need one in yibao-net (src/cli/net.c). Should one get here anyway,
 * it fails as a library that is not installed does.
 */
void *yb_dl_open(const char *const *names, const yb_dl_symbol *symbols, size_t n, yb_error *why)
{
	(void)symbols, (void)n;
	yb_fail(why, YB_EIO, "%s：本程序是静态链接的，不加载任何库（由 yibao-net 加载）",
		"%s: this program is statically linked and loads no library (yibao-net loads it)",
		names[0]);
	return NULL;
}
#else
void *yb_dl_open(const char *const *names, const yb_dl_symbol *symbols, size_t n, yb_error *why)
{
	void *h = NULL;
	const char *name = NULL;
	for (size_t i = 0; names[i] && !h; i++)
		h = dlopen(name = names[i], RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		yb_fail(why, YB_EIO, "%s", "%s", dlerror());
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		dlerror(); /* cleared: what dlsym() says is its own */
		void *p = dlsym(h, symbols[i].name);
		if (!p) {
			const char *e = dlerror();
			if (e)
				yb_fail(why, YB_EIO, "%s", "%s", e);
			else
				yb_fail(why, YB_EIO, "%s: %s", "%s: %s", name, symbols[i].name);
			dlclose(h);
			return NULL;
		}
		/* dlsym() returns an object pointer; POSIX guarantees it converts to a function
		 * pointer, and the copy avoids the cast ISO C does not define. */
		memcpy(symbols[i].slot, &p, sizeof(p));
	}
	return h;
}
#endif
