#!/usr/bin/env bash
# help-forms.sh YIBAO - every command `yibao list` names prints its help for `--help`, for `-h`
# and for `yibao help COMMAND`: the same text on stdout, starting with its usage line, nothing on
# stderr, exit 0. The golden tests (help-*.test) hold each text; this holds that no command is
# left out and that the three forms agree.
set -u
yibao=$1
. "$(dirname "$0")/../check.sh"
work=$(mktemp -d /tmp/yibao-help.XXXXXX)
trap 'rm -rf "$work"' EXIT

# Runs yibao with the arguments; stdout to $work/out.N, stderr to $work/err.N, exit code to .rc.N.
run() {
	local n=$1
	shift
	"$yibao" "$@" >"$work/out.$n" 2>"$work/err.$n"
	echo $? >"$work/rc.$n"
}
helps_agree() {
	local command=$1
	run 1 "$command" --help
	run 2 "$command" -h
	run 3 help "$command"
	for n in 1 2 3; do
		[ "$(cat "$work/rc.$n")" = 0 ] && [ ! -s "$work/err.$n" ] || return 1
	done
	head -n 1 "$work/out.1" | grep -q "^用法：yibao $command\\b" &&
		cmp -s "$work/out.1" "$work/out.2" && cmp -s "$work/out.1" "$work/out.3"
}

commands=$("$yibao" list | cut -d ' ' -f 1)
check "yibao list names the commands" test "$(echo "$commands" | wc -l)" -ge 17
for command in $commands; do
	check "$command: --help, -h and yibao help $command print the same help, exit 0" \
		helps_agree "$command"
done
summary
