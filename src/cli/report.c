/*
 * report.c - how the CLI reports problems: one shape for every error,
 *
 *   yibao: error: rules/procedures/transfer.yaml:12:7: unknown material "shenfenzheng"
 *     12 |     - ref: shenfenzheng
 *        |            ^
 *
 * and the one mapping from library status codes to exit codes.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "error.h"
#include "utf8.h"

#if defined(__GNUC__)
__attribute__((format(printf, 2, 0)))
#endif
/* After the pager, if one runs, has shown what came before: a message never lands in it. */
static void say(const char *kind, const char *fmt, va_list ap)
{
	cli_pager_end();
	cli_say(kind, fmt, ap);
}

/* Says zh or en, whichever this run speaks; both formats take the same arguments. */
#define SAY_IN_LANGUAGE(kind, zh, en)                                                              \
	do {                                                                                       \
		va_list ap;                                                                        \
		va_start(ap, en);                                                                  \
		say(kind, cli_in_english() ? en : zh, ap);                                         \
		va_end(ap);                                                                        \
	} while (0)

void cli_fail(const char *zh, const char *en, ...)
{
	SAY_IN_LANGUAGE("error", zh, en);
}

void cli_warn(const char *zh, const char *en, ...)
{
	SAY_IN_LANGUAGE("warning", zh, en);
}

void cli_print(const char *zh, const char *en, ...)
{
	va_list ap;
	va_start(ap, en);
	vprintf(cli_in_english() ? en : zh, ap);
	va_end(ap);
}

int cli_exit_code(yb_status st)
{
	return yb_exit_code(st);
}

/* Terminal columns taken by the first `chars` characters of s: CJK characters take two. */
static int display_width(const char *s, int chars)
{
	int width = 0;
	const unsigned char *p = (const unsigned char *)s;
	for (int i = 0; i < chars && *p; i++) {
		unsigned cp = *p; /* a byte that is not UTF-8 takes one column */
		size_t len = yb_utf8_decode(p, 4, &cp, NULL);
		width += cp == '\t' ? 8 - width % 8 : cp >= 0x1100 ? 2 : 1;
		p += len ? len : 1;
	}
	return width;
}

int cli_report(const yb_error *err)
{
	if (err->file[0] && err->line > 0) {
		cli_fail("%s:%d:%d: %s", "%s:%d:%d: %s", err->file, err->line, err->column,
			 yb_error_text(err, cli_in_english()));
		if (err->excerpt[0]) {
			/* The line as it would be quoted, and the caret under the same character. */
			char shown[1024], before[1024];
			size_t cut = 0;
			for (int chars = 0; err->excerpt[cut] && chars < err->column - 1; chars++)
				do
					cut++;
				while (yb_utf8_continues((unsigned char)err->excerpt[cut]));
			snprintf(before, sizeof(before), "%.*s", (int)cut, err->excerpt);
			yb_escape_controls(shown, sizeof(shown), before);
			int pad = display_width(shown, (int)strlen(shown));
			int margin = fprintf(stderr, "  %d | ", err->line);
			fprintf(stderr, "%s\n", yb_escape_controls(shown, sizeof(shown), err->excerpt));
			fprintf(stderr, "%*s| %*s^\n", margin - 2, "", pad, "");
		}
	} else {
		cli_fail("%s", "%s", yb_error_text(err, cli_in_english()));
	}
	return cli_exit_code(err->code);
}

int cli_write_stdout(void *ctx, const char *data, size_t len)
{
	(void)ctx;
	return fwrite(data, 1, len, stdout) == len || cli_pager_running() ? 0 : -1;
}

int cli_finish(int code)
{
	if (cli_pager_end())
		return code;
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		int e = errno ? errno : EIO;
		cli_fail("无法写出输出：%s", "could not write the output: %s", cli_strerror(e));
		return EXIT_SYSTEM;
	}
	return code;
}
