#!/usr/bin/env bash
# examples.sh YIBAO SOURCE_DIR - the example outputs in README.md and docs/*.md are what yibao
# prints. An example is marked by a comment before its ```text block:
#
#   <!-- output: transfer --from changde --to changsha --date 2026-11-23 -->
#
# The block is the output of `yibao` with those arguments (off a terminal: no colour, no pager),
# after the command itself where the block shows it ("$ yibao …" as its first line); a block
# whose last line is "…" is its start. Prints ok / not ok for each and the closing count.
set -u
yibao=$1 src=$2
. "$(dirname "$0")/../check.sh"

# Each example as "file<TAB>line<TAB>args", then its block's lines, then a line "\x1e".
examples() {
	awk -v OFS='\t' '
		/^<!-- output: .* -->$/ { args = $0; sub(/^<!-- output: /, "", args);
		                          sub(/ -->$/, "", args); where = FNR; next }
		args != "" && /^```text$/ { print FILENAME, where, args; inblock = 1; next }
		inblock && /^```$/ { print "\036"; inblock = 0; args = ""; next }
		inblock { print; next }
		args != "" && !/^$/ { args = "" }
	' "$src"/README.md "$src"/docs/*.md
}

n=0
work=$(mktemp -d /tmp/yibao-examples.XXXXXX)
trap 'rm -rf "$work"' EXIT
while IFS= read -r head; do
	IFS=$'\t' read -r file line args <<<"$head"
	: >"$work/want"
	while IFS= read -r l && [ "$l" != $'\036' ]; do
		printf '%s\n' "$l" >>"$work/want"
	done
	n=$((n + 1))
	if [ "$(head -n 1 "$work/want")" = "\$ yibao $args" ]; then
		tail -n +2 "$work/want" >"$work/want.out" && mv "$work/want.out" "$work/want"
	fi
	# shellcheck disable=SC2086 # the arguments are words, as written in the comment
	(cd "$src" && "$yibao" $args) >"$work/got" 2>/dev/null
	if [ "$(tail -n 1 "$work/want")" = "…" ]; then
		lines=$(($(wc -l <"$work/want") - 1))
		head -n "$lines" "$work/want" >"$work/want.start"
		head -n "$lines" "$work/got" >"$work/got.start"
		check "${file#"$src"/}:$line: yibao $args (its start)" cmp -s "$work/want.start" "$work/got.start"
	else
		check "${file#"$src"/}:$line: yibao $args" cmp -s "$work/want" "$work/got"
	fi
	if ! cmp -s "$work/want" "$work/got" && [ "$(tail -n 1 "$work/want")" != "…" ]; then
		diff "$work/want" "$work/got" | head -n 10
	fi
done < <(examples)
check "the documents hold examples" test "$n" -gt 0
summary
