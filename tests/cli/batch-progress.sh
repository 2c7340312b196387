#!/usr/bin/env bash
# batch-progress.sh YIBAO - the progress line of `yibao batch`: drawn on stderr when stderr is a
# terminal and the answers go elsewhere, never otherwise. Each batch here reads its second line a
# second after its first, long enough for a progress line to be due. The terminal is the one
# script(1) makes; where script(1) is missing or cannot open a terminal those checks are skipped.
# script(1) runs its command with $SHELL, which may be dash or unset, so what it runs is plain sh
# and the slow feeder is a file rather than a bash function.
set -u
yibao=$1
unset LC_ALL LC_MESSAGES LANG # the lines are checked in Chinese, the language without a locale
. "$(dirname "$0")/../check.sh"
work=$(mktemp -d /tmp/yibao-progress.XXXXXX)
trap 'rm -rf "$work"' EXIT
line='{"command":"refund","case":"two-employers","date":"2026-11-23"}'
printf '#!/bin/sh\nprintf "%%s\\n" '"'"'%s'"'"'; sleep 1; printf "%%s\\n{}\\n" '"'"'%s'"'"'\n' \
	"$line" "$line" >"$work/slow"
chmod +x "$work/slow"
slow() { "$work/slow"; }
summary='^yibao: batch: 已作答 2 行，出错 1 行，跳过 0 行，用时 [0-9]+\.[0-9]{2} s$'

# Not a terminal (a file, as in CI): the summary alone.
slow | "$yibao" batch >"$work/out" 2>"$work/err"
check "stderr not a terminal: exit 2 (a line was an error)" test $? -eq 2
check "stderr not a terminal: three answer lines" test "$(wc -l <"$work/out")" -eq 3
check "stderr not a terminal: no progress line, only the summary" \
	sh -c 'test "$(wc -l <"$1")" -eq 1 && grep -Eq "$2" "$1"' _ "$work/err" "$summary"

if command -v script >/dev/null &&
	SHELL=/bin/sh script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	export SHELL=/bin/sh yibao work
	# stderr a terminal, answers to a file: the progress line, wiped before the summary.
	script -qec '"$work/slow" | "$yibao" batch >"$work/out"' /dev/null >"$work/tty" </dev/null
	check "stderr a terminal: a progress line (lines, rate, errors)" \
		grep -Eq 'yibao: batch: 已读 [12] 行，每秒 [0-9]+ 行，出错 0 行' "$work/tty"
	check "stderr a terminal: the progress line is wiped before the summary" \
		sh -c 'tr -d "\r" <"$1" | grep -Eq "$2"' _ "$work/tty" \
		"$(printf '\033')\\[K${summary#^}"
	check "stderr a terminal: the answers are untouched" test "$(wc -l <"$work/out")" -eq 3
	# Answers to the terminal too: no progress line to garble them.
	script -qec '"$work/slow" | "$yibao" batch' /dev/null >"$work/tty" </dev/null
	check "stdout a terminal too: the answers and the summary" \
		sh -c 'grep -c "^{\"schema\":1," "$1" | grep -qx 3 && grep -q "已作答 2 行，出错 1 行" "$1"' \
		_ "$work/tty"
	check "stdout a terminal too: no progress line" sh -c '! grep -q "每秒" "$1"' _ "$work/tty"
fi
summary
