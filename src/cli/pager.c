/*
 * pager.c - long answers through a pager when they go to a terminal, as git does.
 *
 * When stdout is a terminal, a command about to write a long text (an answer, a list, a help
 * text; never JSON, never a batch) calls cli_pager_start(): the pager named by YIBAO_PAGER, else
 * PAGER, else `less` is run with `sh -c`, its standard input a pipe that stdout is moved onto, and
 * LESS=FRX in its environment when LESS is not set (so that less prints an answer that fits on
 * the screen and quits, keeps colour and leaves the screen as it is). Off when stdout is not a
 * terminal (tests, scripts, pipes), with --no-pager, and when the name is "" or "cat".
 *
 * cli_finish() (report.c) ends it: stdout is flushed and put back, the pipe closed and the pager
 * waited for. A pager quit before it read everything (q in less) is no error: the writes that
 * fail then (EPIPE; SIGPIPE is ignored while the pager runs) are dropped, and the command exits
 * with its own code, saying nothing. SIGINT and SIGQUIT are ignored while the pager runs: ^C is
 * the pager's (less stops a search with it), and yibao must not leave it holding the terminal.
 * A pager that cannot be started (no such program, no fork) leaves stdout as it was.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "error.h"

static struct {
	bool off;     /* --no-pager */
	bool tried;   /* one pager a run at most */
	pid_t pid;    /* the pager running; 0 when none */
	int terminal; /* stdout as it was, to put back */
	struct sigaction pipe, intr, quit;
} pager;

void cli_pager_off(void)
{
	pager.off = true;
}

bool cli_pager_running(void)
{
	return pager.pid != 0;
}

/* A file that exec can run: regular and executable. */
static bool executable(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/*
 * Whether sh will find the program: a command of plain words (no shell syntax), such as
 * "less -S", has its first word looked up as sh would, by its path or in PATH, so that a pager
 * that does not exist is not started at all (sh would say "not found" and the answer would be
 * lost). A command with shell syntax, or starting with one of sh's own words, is sh's to run.
 */
static bool findable(const char *command)
{
	static const char *const own[] = {"exec", "command", "eval",  "exit",  ":",  ".",
	                                  "cd",   "export",  "set",   "unset", "if", "case",
	                                  "for",  "while",   "until", "!",     "{",  NULL};
	char word[PATH_MAX];
	command += strspn(command, " \t");
	int len = (int)strcspn(command, " \t");
	if (command[strcspn(command, "|&;<>()$`\\\"'\n*?[#~=%")] || len >= (int)sizeof(word))
		return true;
	snprintf(word, sizeof(word), "%.*s", len, command);
	for (size_t i = 0; own[i]; i++)
		if (!strcmp(word, own[i]))
			return true;
	if (strchr(word, '/'))
		return executable(word);
	const char *path = getenv("PATH");
	if (!path)
		return true; /* sh's own default path */
	for (const char *dir = path;; dir += strcspn(dir, ":") + 1) {
		char full[PATH_MAX];
		int at = (int)strcspn(dir, ":");
		int n = snprintf(full, sizeof(full), "%.*s%s%s", at, dir, at ? "/" : "", word);
		if (n > 0 && n < (int)sizeof(full) && executable(full))
			return true;
		if (!dir[at])
			return false;
	}
}

static void reap(pid_t pid)
{
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

/*
 * Runs `sh -c COMMAND` with LESS=FRX unless LESS is set, its standard input a pipe whose other
 * end goes to *to. Returns 0, or the errno of what failed: the pipe, the fork, or the exec of sh,
 * which the child tells through a second pipe that a successful exec closes.
 */
static int spawn(const char *command, pid_t *pid, int *to)
{
	int in[2], status[2], why = 0;
	if (pipe(in) != 0)
		return errno;
	if (pipe(status) != 0) {
		why = errno;
		close(in[0]), close(in[1]);
		return why;
	}
	fcntl(status[1], F_SETFD, FD_CLOEXEC);
	fflush(stdout); /* or the child would write it again */
	if ((*pid = fork()) == 0) {
		close(in[1]);
		close(status[0]);
		if (in[0] != STDIN_FILENO) {
			dup2(in[0], STDIN_FILENO);
			close(in[0]);
		}
		if (!getenv("LESS"))
			setenv("LESS", "FRX", 1);
		execl("/bin/sh", "sh", "-c", command, (char *)NULL);
		why = errno;
		if (write(status[1], &why, sizeof(why)) < 0)
			_exit(127);
		_exit(127);
	}
	why = *pid < 0 ? errno : 0;
	close(in[0]);
	close(status[1]);
	if (*pid > 0) {
		ssize_t got;
		while ((got = read(status[0], &why, sizeof(why))) < 0 && errno == EINTR)
			;
		if (got == (ssize_t)sizeof(why))
			reap(*pid);
		else
			why = 0;
	}
	close(status[0]);
	if (why)
		close(in[1]);
	else
		*to = in[1];
	return why;
}

void cli_pager_start(void)
{
	if (pager.off || pager.tried || !isatty(STDOUT_FILENO))
		return;
	pager.tried = true;
	const char *command = getenv("YIBAO_PAGER");
	if (!command)
		command = getenv("PAGER");
	bool named = command != NULL; /* the default missing is not worth a warning each time */
	if (!command)
		command = "less";
	if (!command[strspn(command, " \t")] || !strcmp(command, "cat"))
		return;
	if (!findable(command)) {
		if (named)
			cli_say_warning("找不到分页程序 \"%s\"，直接输出",
					"pager \"%s\" not found; writing straight out", command);
		return;
	}
	pid_t pid = 0;
	int to = -1, why = spawn(command, &pid, &to);
	if (!why && ((pager.terminal = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3)) < 0 ||
	             dup2(to, STDOUT_FILENO) < 0)) {
		why = errno;
		if (pager.terminal >= 0)
			close(pager.terminal);
		close(to);
		reap(pid);
	}
	if (why) {
		cli_say_warning("无法启动分页程序 \"%s\"：%s，直接输出",
				"cannot start the pager \"%s\": %s; writing straight out", command,
				cli_strerror(why));
		return;
	}
	close(to);
	pager.pid = pid;
	struct sigaction ignore = {0};
	ignore.sa_handler = SIG_IGN;
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGPIPE, &ignore, &pager.pipe);
	sigaction(SIGINT, &ignore, &pager.intr);
	sigaction(SIGQUIT, &ignore, &pager.quit);
}

bool cli_pager_end(void)
{
	if (!pager.pid)
		return false;
	/* What the pager did not read is dropped: a failed write here is it having quit. */
	fflush(stdout);
	clearerr(stdout);
	dup2(pager.terminal, STDOUT_FILENO); /* closes the pipe: the pager reads its end */
	close(pager.terminal);
	reap(pager.pid);
	pager.pid = 0;
	sigaction(SIGPIPE, &pager.pipe, NULL);
	sigaction(SIGINT, &pager.intr, NULL);
	sigaction(SIGQUIT, &pager.quit, NULL);
	return true;
}
