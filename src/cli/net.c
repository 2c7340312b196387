/*
 * net.c - the commands that load libcurl or libcrypto, run by yibao-net.
 *
 * Where the toolchain can, the yibao command is linked -static-pie (CMakeLists.txt,
 * YIBAO_STATIC): an answer then starts with no dynamic linker and no libc.so to load. Such a
 * program cannot load libcurl and libcrypto with dlopen() (glibc needs, at run time, the very
 * glibc the program was linked with), so the commands that need them — update, bundle, keygen,
 * and corpus when it checks an installed update's signature — are run by yibao-net, the same
 * command linked dynamically; so is serve, which links libmicrohttpd (src/serve/serve.c).
 * yibao replaces itself with it (execv()), with the same arguments,
 * so the exit code, the output and the signals are yibao-net's.
 *
 * yibao-net is looked for beside the running program (the build tree), then where
 * `cmake --install` puts it: YIBAO_NET_INSTALLED, relative to the program's folder
 * (../libexec/yibao/yibao-net) unless it is an absolute path.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "error.h"

#ifndef YIBAO_NET_INSTALLED
#define YIBAO_NET_INSTALLED "../libexec/yibao/yibao-net"
#endif

/* Set in yibao-net's environment by the yibao that runs it: a yibao that finds it set was itself
 * started as yibao-net (a copy of, or a link to, the static command), and must not run it again. */
static const char handed_over[] = "YIBAO_NET_FROM";

bool cli_net_elsewhere(void)
{
#ifdef YIBAO_NET_ELSEWHERE
	return true;
#else
	return false;
#endif
}

int cli_exec_net(int argc, char **argv)
{
	char self[PATH_MAX], where[2][PATH_MAX + sizeof(YIBAO_NET_INSTALLED)];
	int why[2];
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self));
	if (len < 0 || (size_t)len >= sizeof(self)) {
		const char *too_long = cli_in_english() ? "path too long" : "路径太长";
		const char *why_not = len < 0 ? cli_strerror(errno) : too_long;
		cli_fail("%s 要由 yibao-net 执行，但找不到本程序所在的目录（/proc/self/exe：%s）",
			 "%s has to be run by yibao-net, but the folder of this program is not known "
			 "(/proc/self/exe: %s)",
			 argv[0], why_not);
		return EXIT_SYSTEM;
	}
	self[len] = '\0';
	if (getenv(handed_over)) {
		cli_fail("%s: 作为 yibao-net 运行的 %s 是静态链接的 yibao，不能下载和签名"
			 "（由 %s 启动）",
			 "%s: %s, run as yibao-net, is the statically linked yibao, which cannot "
			 "download or sign (started by %s)",
			 argv[0], self, getenv(handed_over));
		return EXIT_SYSTEM;
	}
	char **args = malloc(((size_t)argc + 2) * sizeof(*args));
	if (!args || setenv(handed_over, self, 1) != 0) {
		free(args);
		cli_fail("内存不足", "out of memory");
		return EXIT_SYSTEM;
	}
	*strrchr(self, '/') = '\0'; /* the link's target is an absolute path */
	snprintf(where[0], sizeof(where[0]), "%s/yibao-net", self);
	if (YIBAO_NET_INSTALLED[0] == '/')
		snprintf(where[1], sizeof(where[1]), "%s", YIBAO_NET_INSTALLED);
	else
		snprintf(where[1], sizeof(where[1]), "%s/%s", self, YIBAO_NET_INSTALLED);
	memcpy(args + 1, argv, (size_t)argc * sizeof(*argv));
	args[argc + 1] = NULL;
	fflush(NULL);
	for (int i = 0; i < 2; i++) {
		args[0] = where[i];
		execv(where[i], args);
		why[i] = errno;
	}
	free(args);
	unsetenv(handed_over);
	cli_fail("%s 要由 yibao-net 执行（下载和签名所需的 libcurl、libcrypto 由它加载），但没有找到"
		 "能运行的 yibao-net：%s（%s）；%s（%s）",
		 "%s has to be run by yibao-net (which loads libcurl and libcrypto, needed to "
		 "download and sign), but there is no yibao-net that runs: %s (%s); %s (%s)",
		 argv[0], where[0], cli_strerror(why[0]), where[1], cli_strerror(why[1]));
	return EXIT_SYSTEM;
}
