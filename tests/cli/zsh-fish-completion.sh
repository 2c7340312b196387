#!/usr/bin/env bash
# zsh-fish-completion.sh YIBAO - the zsh and fish completion scripts in zsh and fish: each loaded
# as a user loads it, then the words it offers for a few command lines, which must be the ones
# the bash script offers (bash-completion.sh checks those against the command). A shell that is
# not installed is skipped; with neither, the whole test is (exit 77).
set -u
yibao=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../check.sh"
work=$(mktemp -d /tmp/yibao-completion.XXXXXX)
trap 'rm -rf "$work"' EXIT
have_zsh=$(command -v zsh) have_fish=$(command -v fish)
if [ -z "$have_zsh" ] && [ -z "$have_fish" ]; then
	echo "skipped: neither zsh nor fish is installed"
	exit 77
fi

source <("$yibao" completion bash)
# bash_offers LINE: what the bash script offers at the end of LINE, sorted. "--name=value" is
# split at "=" as bash splits it.
bash_offers() {
	local line=${1//=/ = }
	read -ra COMP_WORDS <<<"$line"
	[[ $1 == *' ' || $1 == *= ]] && COMP_WORDS+=('')
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_yibao
	printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | LC_ALL=C sort
}

lines=("yibao tra" "yibao transfer --fr" "yibao transfer --type " "yibao transfer --to-type fl"
	"yibao transfer --from chan" "yibao transfer --from=chan" "yibao transfer --to 长"
	"yibao transfer --explain --fo" "yibao refund --case ret" "yibao dental --item ro"
	"yibao dental --level " "yibao batch --command re" "yibao batch --hol" "yibao help tr"
	"yibao completion ")

# same SHELL LINE GOT: GOT is what bash offers for LINE.
same() {
	local want
	want=$(bash_offers "$2")
	[ -n "$want" ] && [ "$3" = "$want" ] ||
		{ printf '%s offered for "%s":\n%s\nbash offers:\n%s\n' "$1" "$2" "$3" "$want"; false; }
}

if [ -n "$have_zsh" ]; then
	"$yibao" completion zsh >"$work/_yibao"
	check "zsh: the script parses" zsh -n "$work/_yibao"
	for line in "${lines[@]}"; do
		got=$(zsh "$here/zsh-complete.zsh" "$work/_yibao" "$line" | LC_ALL=C sort)
		check "zsh: $line<TAB>" same zsh "$line" "$got"
	done
	# Installed as a file of $fpath, autoloaded, rather than sourced.
	mkdir "$work/fpath"
	cp "$work/_yibao" "$work/fpath/_yibao"
	got=$(zsh "$here/zsh-complete.zsh" - "yibao transfer --ty" "$work/fpath")
	check "zsh: autoloaded from \$fpath too" test "$got" = --type
	# Made in an English locale, its descriptions are English, and it offers the same words.
	LANG=en_US.UTF-8 "$yibao" completion zsh >"$work/_yibao_en"
	check "zsh: the English script parses" zsh -n "$work/_yibao_en"
	got=$(zsh "$here/zsh-complete.zsh" "$work/_yibao_en" "yibao transfer --type " | LC_ALL=C sort)
	check "zsh, English: yibao transfer --type <TAB>" same zsh "yibao transfer --type " "$got"
else
	echo "skipped: zsh is not installed"
fi

if [ -n "$have_fish" ]; then
	"$yibao" completion fish >"$work/yibao.fish"
	export XDG_CONFIG_HOME="$work/fish" XDG_DATA_HOME="$work/fish" XDG_CACHE_HOME="$work/fish"
	check "fish: the script parses" fish --no-execute "$work/yibao.fish"
	for line in "${lines[@]}"; do
		# fish gives WORD<TAB>WHAT, and --from=WORD after "=".
		got=$(fish -c 'source $argv[1]; complete -C $argv[2]' "$work/yibao.fish" "$line" |
			cut -f1 | sed 's/^--[a-z-]*=//' | LC_ALL=C sort)
		check "fish: $line<TAB>" same fish "$line" "$got"
	done
	got=$(fish -c 'source $argv[1]; complete -C "yibao transfer --from chan"' \
		"$work/yibao.fish" | grep '^changsha')
	check "fish: a city is described by its Chinese name and province" \
		test "$got" = "changsha	长沙市（湖南省）"
	# Made in an English locale: the corpus's English labels and the script's own words.
	LANG=en_US.UTF-8 "$yibao" completion fish >"$work/yibao-en.fish"
	check "fish: the English script parses" fish --no-execute "$work/yibao-en.fish"
	got=$(fish -c 'source $argv[1]; complete -C "yibao transfer --type re"' "$work/yibao-en.fish")
	check "fish, English: a value is described by its English label" \
		test "$got" = "resident	Urban and rural resident medical insurance"
	got=$(fish -c 'source $argv[1]; complete -C "yibao transfer --expl"' "$work/yibao-en.fish")
	check "fish, English: an option is described in English" \
		test "$got" = "--explain	show the reasoning"
else
	echo "skipped: fish is not installed"
fi
summary
