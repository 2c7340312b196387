#!/usr/bin/env bash
# bash-completion.sh YIBAO - the bash completion script in bash: `yibao completion bash` loaded
# as a user loads it, then the words it offers (COMPREPLY) for command lines as bash hands them
# to it (COMP_WORDS, COMP_CWORD; "--from=chan" comes as --from, =, chan). Each city offered is
# one the command accepts. Run from the source folder (check's files).
set -u
yibao=$1
. "$(dirname "$0")/../check.sh"

source <("$yibao" completion bash)
check "the script loads and registers _yibao for yibao" \
	sh -c 'test "$1" = "complete -F _yibao yibao"' _ "$(complete -p yibao)"

# offered WORD…: COMPREPLY for the command line WORD… (the last one is being typed), sorted,
# one a line.
offered() {
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_yibao
	printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
}
# is EXPECTED WORD…: the words offered are exactly EXPECTED (one a line).
is() {
	local want=$1 got
	shift
	got=$(offered "$@")
	[ "$got" = "$want" ] || { printf 'offered for "%s":\n%s\nwanted:\n%s\n' "$*" "$got" "$want"; false; }
}
# has NEEDLE WORD…: NEEDLE is among the words offered.
has() {
	local needle=$1
	shift
	offered "$@" | grep -qxF -- "$needle" || { echo "\"$needle\" not offered for \"$*\""; false; }
}

# lacks NEEDLE WORD…: NEEDLE is not among them.
lacks() { ! has "$@" >/dev/null; }

check "yibao tra<TAB>: the command" is transfer yibao tra
check "yibao <TAB>: every command of yibao list, and --help, --version" \
	is "$( ("$yibao" list | cut -d' ' -f1; printf '%s\n' --help -h --version -V) | LC_ALL=C sort)" \
	yibao ''
check "yibao transfer --fr<TAB>: --from and --from-type" \
	is "$(printf '%s\n' --from --from-type)" yibao transfer --fr
check "yibao transfer --type <TAB>: the insurance types" \
	is "$(printf '%s\n' employee flexible resident)" yibao transfer --type ''
check "yibao transfer --from chan<TAB>: cities by pinyin" \
	is "$(printf '%s\n' changchun changde changdu changji changjiang changsha changzhi changzhou)" \
	yibao transfer --from chan
check "yibao transfer --from=chan<TAB>: the same after =" \
	is "$(offered yibao transfer --from chan)" yibao transfer --from = chan
check "yibao transfer --to=<TAB>: every city after =" has changsha yibao transfer --to =
check "yibao transfer --to 长<TAB>: cities by Chinese name" has 长沙 yibao transfer --to 长
check "a slug two cities share is not offered (fuzhou: 福州 and 抚州)" \
	lacks fuzhou yibao transfer --from fu
check "福州 is offered by its Chinese name" has 福州 yibao transfer --from 福
check "抚州 is offered by its Chinese name" has 抚州 yibao transfer --from 抚
accepted() {
	local city
	for city in $(offered yibao transfer --from chan) $(offered yibao transfer --from 长); do
		"$yibao" transfer --from "$city" --to changsha --type employee --date 2026-11-23 \
			>/dev/null 2>&1 || { echo "offered $city, refused"; return 1; }
	done
}
check "every city offered for chan and 长 is accepted" accepted
check "yibao transfer --date <TAB>: nothing (a date)" is "" yibao transfer --date ''
check "yibao transfer --explain --fo<TAB>: a switch takes no value" \
	is --format yibao transfer --explain --fo
check "yibao transfer --format <TAB>" is "$(printf '%s\n' json text)" yibao transfer --format ''
check "yibao refund --case retired<TAB>: case ids" \
	is "$(printf '%s\n' retired-makeup-overpay retired-overpay)" yibao refund --case retired
check "yibao refund --case <TAB>: every case of refund --list" \
	is "$("$yibao" refund --list | cut -d' ' -f1 | LC_ALL=C sort)" yibao refund --case ''
check "yibao dental --item <TAB>: every item of dental --list" \
	is "$("$yibao" dental --item x --list | cut -d' ' -f1 | LC_ALL=C sort)" yibao dental --item ''
check "yibao dental --level <TAB>" is "$(printf '%s\n' 1 2 3)" yibao dental --level ''
check "yibao batch --command <TAB>: the procedures" \
	is "$(printf '%s\n' activate dental refund region-change transfer waiting)" \
	yibao batch --command ''
check "yibao batch --ty<TAB>: a procedure's flag is a batch default" is --type yibao batch --ty
check "yibao batch --city sha<TAB>: cities" has shanghai yibao batch --city sha
check "yibao update --from <TAB>: a URL, not a city" is "" yibao update --from ''
check "yibao help tra<TAB>: commands" is transfer yibao help tra
check "yibao completion <TAB>: the shells" is "$(printf '%s\n' bash fish zsh)" yibao completion ''
check "yibao check tests/ca<TAB>: files and folders" is tests/cases yibao check tests/ca
check "yibao lint --rules rul<TAB>: folders" is rules yibao lint --rules rul
check "yibao check --cov<TAB>: options still" is --coverage yibao check --cov
check "yibao workday <TAB>: its options (a date and a number are not offered)" \
	is "$(printf '%s\n' --help --lang --no-pager --rules)" yibao workday ''
check "an unknown command: nothing" is "" yibao nonsense --f

# Every command offers exactly the options its parser lists when it refuses an unknown one.
for command in $("$yibao" list | cut -d' ' -f1); do
	refused=$("$yibao" "$command" --no-such-option 2>&1 >/dev/null |
		sed -n 's/.*（可用：\(.*\)）$/\1/p' | tr -d ' ' | tr ',' '\n' | LC_ALL=C sort)
	check "yibao $command -<TAB>: the options its parser takes" \
		is "$refused" yibao "$command" -
done
summary
