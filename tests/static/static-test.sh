#!/usr/bin/env bash
# The static yibao and yibao-net (YIBAO_STATIC, src/cli/net.c): yibao is linked -static-pie and
# an answer maps no shared library; the commands that load libcurl or libcrypto run in
# yibao-net, found beside yibao or in ../libexec/yibao/; without it they fail with a message
# that says where it was looked for, and exit 5, while answers need nothing but yibao.
#
#   static-test.sh YIBAO YIBAO_NET YB_COMPILE STATIC_LIBRARY SOURCE_DIR
#
# STATIC_LIBRARY is the archive the static yibao links (its dlopen() refuses).
# Prints "ok"/"not ok" per check and ends with "N passed, N failed"; exits 1 on any failure.
set -u
yibao=$1 net=$2 compile=$3 library=$4 src=$5

work=$(mktemp -d /tmp/yibao-static-XXXXXX)
trap 'rm -rf "$work"' EXIT
export HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data
unset YIBAO_RULES
mkdir -p "$work/out"

# shellcheck source=../check.sh
. "$(dirname "$0")/../check.sh"
check_detail() {
	if [ -f "$work/out/stderr" ]; then sed 's/^/    stderr: /' "$work/out/stderr"; fi
}
# run PROGRAM ARGS...: keeps the exit code in $rc and the output in out/.
run() {
	rc=0
	timeout 20 "$@" >"$work/out/stdout" 2>"$work/out/stderr" || rc=$?
}
exits() { [ "$rc" -eq "$1" ]; }
says() { grep -qF -- "$1" "$work/out/stderr"; }
prints_nothing() { [ ! -s "$work/out/stdout" ]; }

# ---- The binaries -------------------------------------------------------------------------------
check "yibao has no program interpreter (no dynamic linker)" \
	sh -c "readelf -lW '$yibao' | grep -q 'LOAD' && ! readelf -lW '$yibao' | grep -q INTERP"
check "yibao needs no shared library" sh -c "! readelf -dW '$yibao' | grep -q NEEDED"
check "yibao-net is linked dynamically" sh -c "readelf -lW '$net' | grep -q INTERP"
check "the library yibao links calls no dlopen()" \
	sh -c "nm -u '$library' >'$work/undefined' && grep -qw yb_malloc '$work/undefined' &&
	       ! grep -qw -e dlopen -e dlsym '$work/undefined'"

# ---- An answer maps no shared library ---------------------------------------------------------
# A batch keeps the process alive: each answer is over 20 KB, so six fill its 64 KB output block,
# which it writes; once the first answer can be read, the answers are made, and the process
# waits to write the rest. Its mappings are then every file it has loaded.
libraries_mapped() { # PROGRAM: prints the shared libraries an answering batch maps
	local maps first pid in out
	coproc BATCH { exec "$1" batch 2>/dev/null; }
	# bash forgets the coprocess's variables once it has ended: keep them.
	pid=$BATCH_PID in=${BATCH[1]} out=${BATCH[0]}
	for _ in 1 2 3 4 5 6; do
		printf '{"command":"transfer","from":"changde","to":"changsha"}\n' >&"$in"
	done
	read -r -t 20 first <&"$out"
	maps=$(cat "/proc/$pid/maps")
	eval "exec $in>&-"
	cat <&"$out" >/dev/null
	wait "$pid"
	# Anything amiss prints a line, which fails the check that expects none.
	case $first in '{"schema"'*) ;; *) echo "no answer: $first" ;; esac
	grep -qF "$(basename "$1")" <<<"$maps" || echo "$1's mappings were not read"
	awk '$6 ~ /\.so(\.[0-9]+)*$/ { print $6 }' <<<"$maps" | sort -u
}
mapped=$(libraries_mapped "$yibao")
check "the static yibao's answer maps no shared library" test -z "$mapped"
mapped=$(libraries_mapped "$net")
check "yibao-net's answer maps libc (what the check above would see)" \
	sh -c 'printf "%s\n" "$1" | grep -q "/libc\.so"' _ "$mapped"

# ---- The networking commands run in yibao-net -----------------------------------------------
run "$yibao" keygen -o "$work/key"
check "keygen through yibao-net: exit 0, the key written" sh -c "[ $rc -eq 0 ] && [ -s '$work/key' ]"
run "$yibao" keygen -o "$work/key"
cp "$work/out/stderr" "$work/via-yibao"
code=$rc
run "$net" keygen -o "$work/key"
check "a refusal through yibao is yibao-net's: the same exit code" exits "$code"
check "and the same message" cmp -s "$work/out/stderr" "$work/via-yibao"

# ---- Without yibao-net ---------------------------------------------------------------------------
mkdir -p "$work/alone/bin"
cp "$yibao" "$work/alone/bin/yibao"
alone=$work/alone/bin/yibao
looked="$work/alone/bin/yibao-net（没有那个文件或目录）；$work/alone/bin/../libexec/yibao/yibao-net（没有那个文件或目录）"
for args in "update --from http://127.0.0.1:9/rules.bundle" "update --rollback" \
	"keygen -o $work/alone/key" "bundle $src/rules --key $work/key -o $work/alone/out.bundle"; do
	# shellcheck disable=SC2086 # the arguments are words
	run "$alone" $args
	check "no yibao-net: yibao $args: exit 5" exits 5
	check "no yibao-net: yibao $args: says where it looked" says "${args%% *} 要由 yibao-net 执行"
	check "no yibao-net: yibao $args: names both places" says "$looked"
	check "no yibao-net: yibao $args: prints nothing on stdout" prints_nothing
done
check "no yibao-net: nothing was written" test ! -e "$work/alone/key" -a ! -e "$work/alone/out.bundle"
run "$alone" update --help
check "no yibao-net: yibao update --help still helps" sh -c "[ $rc -eq 0 ] && grep -q 'yibao update' '$work/out/stdout'"
run "$alone" transfer --from changde --to changsha --format json
check "no yibao-net: answers need nothing else" exits 0

# An installed update, laid out as `yibao update` leaves one (docs/updates.md); a query reads only
# its image, yibao corpus checks its signature too.
mkdir -p "$work/data/yibao/corpora/u"
cp -R "$src/rules" "$work/data/yibao/corpora/u/rules"
sed -i 's/^version: .*/version: 9999.1.1/' "$work/data/yibao/corpora/u/rules/corpus.yaml"
"$compile" "$work/data/yibao/corpora/u/rules" "$work/image.c" "$work/data/yibao/corpora/u/corpus.img"
ln -s corpora/u "$work/data/yibao/current"
run "$alone" transfer --from changde --to changsha --format json
check "no yibao-net: the installed update answers" \
	sh -c "[ $rc -eq 0 ] && grep -q '\"corpus\":{\"version\":\"9999.1.1\"' '$work/out/stdout'"
run "$alone" corpus
check "no yibao-net: yibao corpus on an installed update (its check needs libcrypto): exit 5" exits 5
check "no yibao-net: yibao corpus says where it looked" says "$looked"
check "no yibao-net: yibao corpus prints nothing half-way" prints_nothing
run "$alone" corpus --rules "$src/rules"
check "no yibao-net: yibao corpus on a folder needs no check, exit 0" exits 0

# Installed as `cmake --install` lays it out.
mkdir -p "$work/alone/libexec/yibao"
cp "$net" "$work/alone/libexec/yibao/yibao-net"
run "$alone" keygen -o "$work/alone/key"
check "yibao-net in ../libexec/yibao/: found and run" sh -c "[ $rc -eq 0 ] && [ -s '$work/alone/key' ]"

# A static yibao copied in as yibao-net would run itself for ever: it is refused.
cp "$yibao" "$work/alone/bin/yibao-net"
run "$alone" keygen -o "$work/alone/key2"
check "a static yibao as yibao-net: exit 5, no loop" exits 5
check "a static yibao as yibao-net: says so" says "是静态链接的 yibao，不能下载和签名"

summary
