#!/usr/bin/env zsh
# zsh-complete.zsh SCRIPT LINE [DIR] - the words zsh's completion offers at the end of LINE, with
# the completion script SCRIPT sourced (or, with DIR, autoloaded from DIR, put first in $fpath,
# and SCRIPT not read), sorted, one a line. An interactive zsh in a pseudo-terminal (zpty) loads
# compinit and the script as a user's would, LINE and a TAB are typed into it, and compadd,
# which every completion function ends in, writes down what it adds. A compadd call that only
# sorts out words for its caller (-O, -A, -D) adds none: it is left alone.
setopt err_return
zmodload zsh/zpty
script=$1 line=$2 dir=${3:-}
work=$(mktemp -d)
zpty z zsh -f -i
zpty -w z "PROMPT= RPROMPT= PS2=; unsetopt zle_bracketed_paste 2>/dev/null"
if [[ -n $dir ]]; then
	zpty -w z "fpath=(${(q)dir} \$fpath)"
fi
zpty -w z "autoload -Uz compinit && compinit -u -D"
[[ -n $dir ]] || zpty -w z "source ${(q)script}"
zpty -w z "compadd() {
	if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd \"\$@\"; return; fi
	local -a __got; builtin compadd -O __got \"\$@\"; (( \$#__got )) && print -rl -- \$__got >> ${(q)work}/words
	builtin compadd \"\$@\"
}"
zpty -w z "__done() { : > ${(q)work}/done }; comppostfuncs=(__done)"
zpty -w z "zstyle ':completion:*' insert-tab false; bindkey '^I' complete-word"
zpty -w -n z "$line"$'\t'
for i in {1..200}; do [[ -e $work/done ]] && break; sleep 0.05; done
zpty -d z
[[ -e $work/done ]] || { print -u2 "zsh-complete: no completion for: $line"; rm -rf $work; exit 2; }
[[ -e $work/words ]] && sort -u $work/words
rm -rf $work
