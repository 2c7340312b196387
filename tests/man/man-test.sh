#!/usr/bin/env bash
# man-test.sh YIBAO SOURCE_DIR [MAN_DIR] - the man pages say what the command does: every command
# of `yibao list` has its page, every option its parser reads (as the completion script lists
# them, from the same tables) is in that page, and yibao(1) lists every exit code `yibao --help`
# prints. With MAN_DIR (the pages made by scdoc, build/man) and man-db installed: each page
# formats without a warning, and `man yibao transfer` finds yibao-transfer(1).
set -u
yibao=$1 src=$2 mandir=${3:-}
. "$src/tests/check.sh"

source <("$yibao" completion bash)
# options COMMAND: the options the command's parser reads, one a line.
options() {
	COMP_WORDS=(yibao "$1" -)
	COMP_CWORD=2
	COMPREPLY=()
	_yibao
	printf '%s\n' "${COMPREPLY[@]}"
}

for command in $("$yibao" list | cut -d' ' -f1); do
	page=$src/man/yibao-$command.1.scd
	check "yibao $command has a man page" test -f "$page"
	[ -f "$page" ] || continue
	missing=""
	for option in $(options "$command"); do
		grep -qF -- "*$option*" "$page" || missing="$missing $option"
	done
	check "yibao-$command(1) names each of its options${missing:+ (missing:$missing)}" \
		test -z "$missing"
	check "yibao(1) lists yibao $command" grep -qF -- "*yibao-$command*(1)" "$src/man/yibao.1.scd"
done

missing=""
for code in $("$yibao" --help | sed -n '/^退出码/,/^$/p' | grep -Eo '^  [0-9]+'); do
	grep -qx "\*$code\*" "$src/man/yibao.1.scd" || missing="$missing $code"
done
check "yibao(1) lists every exit code of yibao --help${missing:+ (missing:$missing)}" \
	test -z "$missing"

if [ -n "$mandir" ] && command -v man >/dev/null; then
	export LC_ALL=C.UTF-8 MANWIDTH=80
	for page in "$mandir"/man*/*; do
		warnings=$(man --warnings -l "$page" 2>&1 >/dev/null)
		check "$(basename "$page") formats without a warning${warnings:+: $warnings}" \
			test -z "$warnings"
	done
	check "man yibao transfer finds yibao-transfer(1)" \
		sh -c 'man -M "$1" -P cat yibao transfer | grep -q "^NAME" &&
		       man -M "$1" -P cat yibao transfer | grep -q "yibao-transfer - "' _ "$mandir"
	check "man 5 yibao-rules finds the corpus format" \
		sh -c 'man -M "$1" -P cat 5 yibao-rules | grep -q "yibao-rules - "' _ "$mandir"
else
	echo "skipped: formatting the pages (${mandir:+no man-db}${mandir:-no scdoc})"
fi
summary
