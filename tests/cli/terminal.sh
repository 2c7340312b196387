#!/usr/bin/env bash
# terminal.sh YIBAO - what yibao does differently when stdout is a terminal: long text answers go
# through a pager (YIBAO_PAGER, else PAGER, else less), and answers are coloured where the
# terminal can show it. The terminal is the one script(1) makes; where script(1) is missing or
# cannot open a terminal, only the checks off a terminal run. script(1) runs its command with
# $SHELL, which may be dash or unset, so what it runs is plain sh, and the pagers are files.
set -u
yibao=$1
. "$(dirname "$0")/../check.sh"
work=$(mktemp -d /tmp/yibao-terminal.XXXXXX)
trap 'rm -rf "$work"' EXIT
unset YIBAO_PAGER PAGER LESS NO_COLOR

# A pager that keeps what it read ($work/read) and its LESS ($work/less), and shows nothing.
printf '#!/bin/sh\necho "${LESS-unset}" >"%s/less"\ncat >"%s/read"\n' "$work" "$work" \
	>"$work/pager"
# Another, to tell which one ran.
printf '#!/bin/sh\ncat >"%s/other"\n' "$work" >"$work/other-pager"
# One that takes its time after reading: yibao must wait for it.
printf '#!/bin/sh\ncat >/dev/null\nsleep 1\necho done >"%s/slow"\n' "$work" >"$work/slow-pager"
chmod +x "$work/pager" "$work/other-pager" "$work/slow-pager"
ran() { test -e "$work/read"; }
not_ran() { ! test -e "$work/read" && ! test -e "$work/other"; }
clean() { rm -f "$work/read" "$work/less" "$work/other" "$work/slow" "$work/tty"; }
has_escape() { grep -q "$(printf '\033')\\[" "$work/tty"; }
no_escape() { ! has_escape; }
says_nothing() { ! grep -q 'yibao:' "$work/tty"; }

# 1500 cases that fail: a report of about 80 KB, more than a pipe holds, so that yibao is still
# writing when a pager that reads nothing has gone.
{
	echo 'cases:'
	for i in $(seq 1500); do
		echo "  - {name: c$i, command: refund, args: {case: retired-overpay}, expect: {exit: 2}}"
	done
} >"$work/many.yaml"
# The corpus with 600 more sources: a list of them of about 120 KB, for the same reason.
cp -R "$(dirname "$0")/../../rules" "$work/rules"
for i in $(seq 600); do
	printf '  - id: extra-%d\n    kind: seed\n    file: 004_6c3d04a20e89789d.txt\n' "$i"
	printf '    heading: 四、查询进度 %d\n    title: 湖南省内职工医保怎么跨市转移\n' "$i"
done >>"$work/rules/catalog/sources.yaml"

# Off a terminal (tests, scripts, pipes): no pager, whatever PAGER says.
PAGER=$work/pager "$yibao" refund --list >"$work/plain" 2>&1
check "not a terminal: no pager" not_ran
check "not a terminal: the answer on stdout" grep -q '^retired-overpay ' "$work/plain"

if command -v script >/dev/null &&
	SHELL=/bin/sh script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	export SHELL=/bin/sh yibao work
	term() { script -qec "$1" /dev/null </dev/null >"$work/tty" 2>&1; }

	clean
	PAGER=$work/pager term '"$yibao" refund --list'
	check "a terminal: PAGER runs" ran
	check "a terminal: the pager reads the whole answer, as printed off a terminal" \
		cmp -s "$work/read" "$work/plain"
	check "a terminal: LESS=FRX for the pager when LESS is not set" grep -qx FRX "$work/less"
	clean
	LESS=-S PAGER=$work/pager term '"$yibao" refund --list'
	check "a terminal: LESS as set is left alone" grep -qx -- -S "$work/less"
	clean
	YIBAO_PAGER=$work/other-pager PAGER=$work/pager term '"$yibao" help'
	check "a terminal: YIBAO_PAGER before PAGER" \
		sh -c 'test -s "$1/other" && ! test -e "$1/read"' _ "$work"

	for off in '"$yibao" refund --list --no-pager' '"$yibao" --no-pager refund --list' \
		'PAGER= "$yibao" refund --list' 'YIBAO_PAGER= PAGER="$work/pager" "$yibao" refund --list' \
		'"$yibao" refund --list --format json' '"$yibao" workday 2026-10-08 -3' \
		'"$yibao" batch --fields id </dev/null'; do
		clean
		PAGER=$work/pager term "$off"
		check "a terminal, no pager: $off" not_ran
	done
	clean
	PAGER=$work/pager term '"$yibao" refund --list --no-pager'
	check "a terminal, --no-pager: the answer on the terminal itself" \
		grep -q '^retired-overpay ' "$work/tty"

	clean
	PAGER=true term '"$yibao" check - <"$work/many.yaml"'
	check "a pager quit before reading: check's own exit code (1: cases failed), not 5" \
		test $? -eq 1
	check "a pager quit before reading: not a word about it" says_nothing
	PAGER=true term '"$yibao" sources --rules "$work/rules"'
	check "a pager quit before reading a long answer: exit 0" test $? -eq 0
	check "a pager quit before reading a long answer: not a word about it" says_nothing

	clean
	PAGER=$work/slow-pager term '"$yibao" refund --list'
	check "yibao waits for its pager to exit" test -s "$work/slow"

	PAGER=$work/missing term '"$yibao" refund --list'
	check "a pager that does not exist: exit 0" test $? -eq 0
	check "a pager that does not exist: said" grep -q '找不到分页程序' "$work/tty"
	check "a pager that does not exist: the answer on the terminal" \
		grep -q '^retired-overpay ' "$work/tty"

	# Colour: on a terminal that can show it, unless turned off.
	answer='"$yibao" refund --case retired-overpay --date 2026-11-23 --no-pager'
	term "TERM=xterm $answer"
	check "colour: on a terminal" has_escape
	for off in "TERM=dumb $answer" "TERM= $answer" "env -u TERM $answer" \
		"TERM=xterm NO_COLOR=1 $answer" "TERM=xterm $answer --no-color"; do
		term "$off"
		check "no colour: $off" no_escape
	done
	term "TERM=xterm PAGER=\"\$work/pager\" ${answer% --no-pager}"
	check "colour: through the pager too (less -R shows it)" \
		grep -q "$(printf '\033')\\[" "$work/read"
fi
summary
