/*
 * say.c - a message on stderr, "yibao: KIND: message", its control characters shown escaped
 * (a city or a pager command typed by the user is printed back as typed, never as terminal
 * codes). The bottom of the CLI: report.c says through it after closing the pager, and pager.c
 * says through it when it cannot start one.
 */
#include <stdio.h>

#include "cli.h"
#include "utf8.h"

void cli_say(const char *kind, const char *fmt, va_list ap)
{
	char raw[2048], shown[4096];
	vsnprintf(raw, sizeof(raw), fmt, ap);
	fprintf(stderr, "yibao: %s: %s\n", kind, yb_escape_controls(shown, sizeof(shown), raw));
}

void cli_say_warning(const char *zh, const char *en, ...)
{
	va_list ap;
	va_start(ap, en);
	cli_say("warning", cli_in_english() ? en : zh, ap);
	va_end(ap);
}
