#!/usr/bin/env bash
# End-to-end tests of signed rule updates: `yibao update` against a real HTTP server on
# loopback that this script starts and stops (tests/update/server.c). No test touches the
# internet. Every failure must leave the corpus in use exactly as it was.
#
#   update-test.sh YIBAO TEST_SERVER SOURCE_DIR YIBAO_TEST_HOOKS
#
# YIBAO_TEST_HOOKS is the same command built with the test hooks, for the one check that needs
# one (a pause mid-install, to kill it there). A static YIBAO (YIBAO_STATIC) runs update, bundle,
# keygen and corpus's check in yibao-net, beside it: these tests then go through it.
# Prints "ok"/"not ok" per check and ends with "N passed, N failed"; exits 1 on any failure.
set -u
yibao=$1 server=$2 src=$3 hooked=$4

work=$(mktemp -d /tmp/yibao-update-XXXXXX)
server_pid=
cleanup() {
	[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

export HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data
unset YIBAO_RULES YIBAO_TEST_INSTALL_PAUSE
mkdir -p "$work/config/yibao" "$work/srv" "$work/out"

# shellcheck source=../check.sh
. "$(dirname "$0")/../check.sh"
check_detail() {
	if [ -f "$work/out/stderr" ]; then sed 's/^/    stderr: /' "$work/out/stderr"; fi
}

# run ARGS...: runs yibao, keeping its exit code in $rc and its output in out/.
run() {
	"$yibao" "$@" >"$work/out/stdout" 2>"$work/out/stderr"
	rc=$?
}
exits() { [ "$rc" -eq "$1" ]; }
says() { grep -q -- "$1" "$work/out/stdout" "$work/out/stderr"; }
# in_english CMD...: runs CMD in an English locale (LANG; what would override it unset).
in_english() { LC_ALL= LC_MESSAGES= LANG=en_US.UTF-8 "$@"; }
# The message on stderr is all English: not one byte outside ASCII.
stderr_in_english() { [ -s "$work/out/stderr" ] && ! LC_ALL=C grep -q "$(printf '[\200-\377]')" "$work/out/stderr"; }
active_version() { "$yibao" corpus 2>/dev/null | sed -n 's/^版本：//p'; }
answers() { # the corpus in use answers a query, from the version expected
	"$yibao" transfer --from changde --to changsha --format json --date 2026-11-23 \
		2>/dev/null | grep -q "\"corpus\":{\"version\":\"$1\""
}
unchanged() { [ "$(active_version)" = "$1" ] && answers "$1"; }

# ---- Keys and bundles ----------------------------------------------------------------------
"$yibao" keygen -o "$work/trusted.key" >"$work/trusted.txt" || exit 1
"$yibao" keygen -o "$work/stranger.key" >/dev/null || exit 1
printf 'keys:\n  - %s\n' "$(sed -n 's/^公钥：//p' "$work/trusted.txt")" >"$work/config/yibao/config.yaml"

embedded=$(active_version)
make_bundle() { # version key output
	rm -rf "$work/rules-$1"
	cp -R "$src/rules" "$work/rules-$1"
	sed -i "s/^version: .*/version: $1/" "$work/rules-$1/corpus.yaml"
	"$yibao" bundle "$work/rules-$1" --key "$2" -o "$3" >/dev/null
}
make_bundle 2030.1.1 "$work/trusted.key" "$work/srv/v1.bundle" || exit 1
make_bundle 2030.2.1 "$work/trusted.key" "$work/srv/v2.bundle" || exit 1
make_bundle 2030.3.1 "$work/stranger.key" "$work/srv/stranger.bundle" || exit 1
make_bundle 2029.1.1 "$work/trusted.key" "$work/srv/older.bundle" || exit 1
# Same size, one rule changed: the manifest's hash no longer matches.
sed 's/同城不需要转移/同城也要转移啊/' "$work/srv/v2.bundle" >"$work/srv/badhash.bundle"
# One hex digit of the signature changed.
awk '/^signature /{ c = substr($2, 1, 1); $2 = (c == "0" ? "1" : "0") substr($2, 2) } { print }' \
	"$work/srv/v2.bundle" >"$work/srv/badsig.bundle"
grep -av '^signature ' "$work/srv/v2.bundle" >"$work/srv/unsigned.bundle"

# ---- The server ------------------------------------------------------------------------------
# start_server: starts it, setting $server_pid and $url. It stops itself after 120 s.
start_server() {
	rm -f "$work/port"
	"$server" --root "$work/srv" --port-file "$work/port" --log "$work/requests.log" &
	server_pid=$!
	for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
	port=$(cat "$work/port" 2>/dev/null)
	[ -n "$port" ] || { echo "not ok - the test server did not start"; echo "0 passed, 1 failed"; exit 1; }
	url=http://127.0.0.1:$port
}
start_server

# ---- First install, 304, a newer version, rollback ------------------------------------------
check "the embedded corpus answers before any update" unchanged "$embedded"
run update --from "$url/files/v1.bundle"
check "first install: exit 0" exits 0
check "first install: corpus shows the installed update" \
	sh -c "'$yibao' corpus | grep -q '来源：已安装的更新' && '$yibao' corpus | grep -q '2030.1.1'"
check "first install: answers come from it" answers 2030.1.1

run update --from "$url/files/v1.bundle"
check "same bundle again: 304 not modified, exit 0" exits 0
check "same bundle again: says it is current" says "已是最新"
check "the second request carried If-None-Match" \
	sh -c "tail -1 '$work/requests.log' | grep -q '\"'"
LANG=en_US.UTF-8 run update --from "$url/files/v1.bundle"
check "same bundle again, English locale: says it in English" \
	says "the rules are up to date (2030.1.1)"
check "corpus in an English locale: says where the rules come from in English" \
	sh -c "LANG=en_US.UTF-8 '$yibao' corpus | grep -q '^Source: an installed update'"

run update --from "$url/files/v2.bundle"
check "a newer version installs" exits 0
check "the newer version answers" answers 2030.2.1
run update --rollback
check "rollback: exit 0" exits 0
check "rollback: the previous version answers again" unchanged 2030.1.1
run update --rollback --from "$url/files/v1.bundle"
check "rolling back again returns to the newer one" unchanged 2030.2.1
check "a URL with --rollback: says it is not used" says "warning: update: --rollback 不下载，--from 不起作用"

# ---- Refusals: each leaves the corpus in use as it was ---------------------------------------
v=2030.2.1
refused() { # description, expected exit, expected message, url path, [extra args]
	local what=$1 code=$2 message=$3 path=$4
	shift 4
	run update --from "$url/$path" "$@"
	check "$what: exit $code" exits "$code"
	check "$what: says why" says "$message"
	check "$what: the corpus in use is unchanged" unchanged "$v"
}
refused "wrong hash" 3 "与 manifest 中记录的 SHA-256 不符" files/badhash.bundle
refused "bad signature" 3 "签名无效：manifest 不是用公钥 .* 签名的" files/badsig.bundle
refused "unsigned bundle" 3 "规则包没有签名" files/unsigned.bundle
refused "unknown key" 3 "不受信任" files/stranger.bundle
refused "older version" 3 "比正在用的规则库（2030.2.1）旧：未安装" files/older.bundle
refused "truncated body" 4 "规则包还没有下载完，连接就断开了" truncated/v1.bundle
refused "connection dropped mid-transfer" 4 "规则包还没有下载完，连接就断开了" drop/v1.bundle
refused "body over the cap" 4 "响应超过了 .* 字节的上限" big/64
refused "body over the cap without a length" 4 "响应超过了 .* 字节的上限" big-nolength/64
refused "a server that stalls" 4 "：超时" stall --timeout 2
refused "404" 4 "服务器返回了 404" status/404
refused "500" 4 "服务器返回了 500" status/500
refused "redirect to a non-loopback http:// URL" 4 "拒绝用不加密的 http:// 连接 example.com" \
	"redirect?to=http%3A%2F%2Fexample.com%2Frules.bundle"
run update --from "http://example.com/rules.bundle"
check "http:// to a public host is refused before any connection: exit 4" exits 4

# ---- Killed mid-way ----------------------------------------------------------------------------
"$yibao" update --from "$url/slow/v1.bundle" >/dev/null 2>&1 &
pid=$!
sleep 1
if ! readelf -lW "$yibao" | grep -q INTERP; then
	check "static yibao: the update runs as yibao-net in the same process, which a signal reaches" \
		sh -c "readlink /proc/$pid/exe | grep -q '/yibao-net\$'"
fi
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
check "killed during download: the old corpus still loads and answers" unchanged "$v"

make_bundle 2030.5.1 "$work/trusted.key" "$work/srv/v5.bundle"
check "the command that is installed has no test hook" sh -c "! grep -q YIBAO_TEST_ '$yibao'"
net=$(dirname "$yibao")/yibao-net
if [ -e "$net" ]; then
	check "nor has yibao-net" sh -c "! grep -q YIBAO_TEST_ '$net'"
fi
check "the command built for the tests has it" grep -q YIBAO_TEST_INSTALL_PAUSE "$hooked"
YIBAO_TEST_INSTALL_PAUSE=5 "$hooked" update --from "$url/files/v5.bundle" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 50); do ls -d "$work"/data/yibao/corpora/.tmp-* >/dev/null 2>&1 && break; sleep 0.1; done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
check "killed during install: it had started writing" sh -c "ls -d '$work'/data/yibao/corpora/.tmp-* >/dev/null 2>&1"
check "killed during install: the old corpus still loads and answers" unchanged "$v"
make_bundle 2030.4.1 "$work/trusted.key" "$work/srv/v4.bundle"
run update --from "$url/files/v4.bundle"
check "the next update succeeds after a kill" exits 0
check "and sweeps what the killed one left" sh -c "! ls -d '$work'/data/yibao/corpora/.tmp-* >/dev/null 2>&1"
v=2030.4.1

# ---- Verified at install; a query maps the compiled image and reads nothing else ------------
check "the installed corpus holds its compiled image" test -s "$work/data/yibao/current/corpus.img"
printf '# tampered\n' >>"$work/data/yibao/current/rules/procedures/transfer.yaml"
run transfer --from changde --to changsha --format json --date 2026-11-23
check "a file edited after install: the query still answers from the image (exit 0)" exits 0
check "a file edited after install: the installed image answers, no fallback" \
	sh -c "grep -q '\"corpus\":{\"version\":\"$v\"' '$work/out/stdout' && ! grep -q fallback '$work/out/stdout'"
run corpus
check "yibao corpus checks everything again: the edited file fails (exit 3)" exits 3
check "yibao corpus names what failed" says "校验：未通过"
img=$work/data/yibao/current/corpus.img
cp "$img" "$work/good.img"
head -c 1000 "$work/good.img" >"$img"
run transfer --from changde --to changsha --format json --date 2026-11-23
check "a truncated image: still answers (exit 0)" exits 0
check "a truncated image: refused with a warning that says why" says "无法使用"
check "a truncated image: the embedded corpus answers" answers "$embedded"
check "yibao corpus says so too" sh -c "'$yibao' corpus 2>&1 | grep -q '来源：内置'"
check "a truncated image: the answer itself says so (JSON corpus.fallback)" \
	grep -q '"corpus":{[^}]*"fallback":{"kind":"rejected","reason":"已安装的规则库' "$work/out/stdout"
printf 'not an image' >"$img"
run transfer --from changde --to changsha --date 2026-11-23
check "a file that is no image: refused, the embedded corpus answers" \
	sh -c "grep -q '不是规则库映像' '$work/out/stderr' && sed -n 2p '$work/out/stdout' | grep -q '^注意：本回答来自内置规则库 $embedded'"
check "the warning says how to mend it" says "运行 yibao update 可以重新安装"
run update --from "$url/files/v4.bundle"
check "yibao update over an unusable image installs the bundle again (exit 0)" exits 0
check "and the installed rules answer again" answers "$v"

# ---- A --rules folder holding a FIFO: refused at once, never waited on -------------------------
rm -rf "$work/rules-fifo" && cp -R "$src/rules" "$work/rules-fifo"
rm "$work/rules-fifo/procedures/transfer.yaml" && mkfifo "$work/rules-fifo/procedures/transfer.yaml"
rc=0
timeout 20 "$yibao" transfer --from changde --to changsha --rules "$work/rules-fifo" \
	>"$work/out/stdout" 2>"$work/out/stderr" || rc=$?
check "a FIFO in a --rules folder: refused (exit 3), not waited on" exits 3
check "a FIFO in a --rules folder: says it is not a regular file" says "transfer.yaml：不是普通文件"

# ---- An answer from other rules than the installed ones says so in the answer -----------------
make_bundle 2030.6.1 "$work/trusted.key" "$work/srv/v6.bundle"
run update --from "$url/files/v6.bundle"
check "a good update over a tampered one installs" exits 0
run transfer --from changde --to changsha --format json --date 2026-11-23
check "an installed corpus that checks out: no fallback in the answer" \
	sh -c "grep -q '\"corpus\":{\"version\":\"2030.6.1\"' '$work/out/stdout' && ! grep -q fallback '$work/out/stdout'"
# libcrypto that cannot be loaded: no query needs it (the image was verified at install).
mkdir -p "$work/nocrypto"
: >"$work/nocrypto/libcrypto.so.3"
: >"$work/nocrypto/libcrypto.so"
nocrypto() { LD_LIBRARY_PATH=$work/nocrypto "$@"; }
nocrypto run transfer --from changde --to changsha --format json --date 2026-11-23
check "no libcrypto: the installed corpus still answers, exit 0" exits 0
check "no libcrypto: the answer carries no fallback" \
	sh -c "grep -q '\"corpus\":{\"version\":\"2030.6.1\"' '$work/out/stdout' && ! grep -q fallback '$work/out/stdout'"
printf '{"command":"transfer","from":"changde","to":"changsha","date":"2026-11-23"}\n' |
	LD_LIBRARY_PATH=$work/nocrypto "$yibao" batch >"$work/out/stdout" 2>"$work/out/stderr" || true
check "no libcrypto: batch answers come from the installed corpus too" \
	sh -c "grep -q '\"version\":\"2030.6.1\"' '$work/out/stdout' && ! grep -q fallback '$work/out/stdout'"
nocrypto run corpus
check "no libcrypto: yibao corpus says its check cannot run" \
	sh -c "[ $rc -ne 0 ] && grep -q libcrypto '$work/out/stdout' '$work/out/stderr'"
run corpus
check "with libcrypto, yibao corpus checks it out" says "校验：通过"

# A FIFO in place of the image is refused, never waited on.
fifo=$work/data/yibao/current/corpus.img
rm "$fifo" && mkfifo "$fifo"
rc=0
timeout 20 "$yibao" transfer --from changde --to changsha --format json --date 2026-11-23 \
	>"$work/out/stdout" 2>"$work/out/stderr" || rc=$?
check "a FIFO as the image: no hang, the embedded corpus answers (exit 0)" exits 0
check "a FIFO as the image: says it is not a corpus image" says "不是规则库映像"
check "a FIFO as the image: the answer marks the fallback" \
	grep -q '"fallback":{"kind":"rejected"' "$work/out/stdout"
make_bundle 2030.7.1 "$work/trusted.key" "$work/srv/v7.bundle"
rc=0
timeout 60 "$yibao" update --from "$url/files/v7.bundle" >"$work/out/stdout" 2>"$work/out/stderr" || rc=$?
check "a FIFO in the installed folder does not hold up the next update" exits 0
check "and the new corpus answers" answers 2030.7.1
v=2030.7.1

# ---- Versions, and the files a bundle may hold --------------------------------------------------
make_bundle 2030.9.1a "$work/trusted.key" "$work/out/bad.bundle" 2>"$work/out/stderr"
rc=$?
check "a version with a letter is not bundled: exit 3" exits 3
check "a version with a letter: says what a version is" says "每个数 1 到 9 位"
make_bundle 2030.99999999999999999999 "$work/trusted.key" "$work/out/bad.bundle" 2>"$work/out/stderr"
rc=$?
check "a version part of 20 digits is not bundled: exit 3" exits 3
rm -rf "$work/rules-notes" && cp -R "$src/rules" "$work/rules-notes"
printf '# notes\n' >"$work/rules-notes/Notes.yaml"
run bundle "$work/rules-notes" --key "$work/trusted.key" -o "$work/out/notes.bundle"
check "a file name clients refuse is not bundled: exit 3" exits 3
check "a file name clients refuse: says which and why" says "Notes.yaml：没有打包，客户端会拒绝它：不安全的路径 \"Notes.yaml\""
check "a file name clients refuse: no bundle written" test ! -e "$work/out/notes.bundle"

# ---- Validators written to origin.yaml safely ---------------------------------------------------
n=0
sent_back() { tail -1 "$work/requests.log" | cut -f2 | grep -qxF -- "$1"; }
etag_round_trip() { # description, ETag percent-encoded, the ETag as the server sends it
	n=$((n + 1))
	make_bundle "2030.8.$n" "$work/trusted.key" "$work/srv/etag$n.bundle"
	run update --from "$url/etag/etag$n.bundle?value=$2"
	check "ETag $1: installs" exits 0
	check "ETag $1: origin.yaml reads back (yibao corpus shows the URL)" \
		sh -c "'$yibao' corpus | grep -qF '下载地址：$url/etag/etag$n.bundle'"
	run update --from "$url/etag/etag$n.bundle?value=$2"
	check "ETag $1: the next request sends it back exactly" sent_back "$3"
	check "ETag $1: and the server's 304 means already current" says "已是最新"
}
etag_round_trip "with a single quote" "%22it's%22" "\"it's\""
etag_round_trip "with a double quote and a backslash" '%22a%5C%22b%5C%5C%22' '"a\"b\\"'
etag_round_trip "weak, with quotes of both kinds" "W%2F%22x'%22y%22" "W/\"x'\"y\""
n=$((n + 1))
make_bundle "2030.8.$n" "$work/trusted.key" "$work/srv/etag$n.bundle"
run update --from "$url/etag/etag$n.bundle?value=%22%FF%FE%22"
check "ETag not ASCII: installs" exits 0
check "ETag not ASCII: not kept, origin.yaml still reads back" \
	sh -c "'$yibao' corpus | grep -qF '下载地址：$url/etag/etag$n.bundle'"
run update --from "$url/etag/etag$n.bundle?value=%22%FF%FE%22"
check "ETag not ASCII: the next request asks by date instead" \
	sh -c "tail -1 '$work/requests.log' | cut -f2,3 | grep -q '^-	[A-Z][a-z][a-z], '"
v=2030.8.$n

# ---- Long URLs are refused, never cut -----------------------------------------------------------
long=$(printf 'a%.0s' $(seq 1100))
run update --from "$url/files/$long"
check "a URL over 1023 bytes: exit 2" exits 2
check "a URL over 1023 bytes: says so" says "超过了 1023 字节的上限"
check "a URL over 1023 bytes: nothing was requested" sh -c "! grep -q '$long' '$work/requests.log'"
refused "a redirect to a URL over 1023 bytes" 4 "重定向到的 URL 长 10[0-9][0-9] 字节，超过了 1023 字节的上限" \
	long-redirect/1000

# ---- In English ----------------------------------------------------------------------------------
# The same failures in an English locale: the message changes, and nothing else (that the corpus
# in use stays as it was is checked above, once). A server of their own, so that they do not
# count against the first one's time limit.
kill "$server_pid" 2>/dev/null
wait "$server_pid" 2>/dev/null
start_server
refused_in_english() { # description, expected exit, expected message, url path
	in_english run update --from "$url/$4"
	check "$1, in English: exit $2" exits "$2"
	check "$1, in English: says why" says "$3"
	check "$1, in English: nothing but English" stderr_in_english
}
refused_in_english "wrong hash" 3 "does not match the SHA-256 recorded in the manifest" \
	files/badhash.bundle
refused_in_english "bad signature" 3 \
	"invalid signature: the manifest was not signed with the public key [0-9a-f]*$" \
	files/badsig.bundle
refused_in_english "older version" 3 \
	"the bundle's version 2029.1.1 is older than the rules in use ($v): not installed" \
	files/older.bundle
refused_in_english "truncated body" 4 \
	"the connection closed before the bundle was fully downloaded" truncated/v1.bundle
refused_in_english "redirect to a non-loopback http:// URL" 4 \
	"redirected to http://example.com/rules.bundle: refusing an unencrypted http:// connection to example.com" \
	"redirect?to=http%3A%2F%2Fexample.com%2Frules.bundle"
check "the checks in English left the corpus in use as it was" unchanged "$v"
# A file edited, then the image cut short, as above; both put back after.
cur=$work/data/yibao/current
cp "$cur/rules/procedures/transfer.yaml" "$work/transfer.saved" && cp "$cur/corpus.img" "$work/img.saved"
printf '# tampered\n' >>"$cur/rules/procedures/transfer.yaml"
in_english run corpus
check "yibao corpus in English: an edited file fails (exit 3)" exits 3
check "yibao corpus in English: says which file and how" \
	says "error: procedures/transfer.yaml has [0-9]* bytes, the manifest says [0-9]*$"
check "yibao corpus in English: an English message" stderr_in_english
head -c 1000 "$work/img.saved" >"$cur/corpus.img"
run transfer --from changde --to changsha --format json --lang en --date 2026-11-23
check "a truncated image, an answer in English: the reason in English, the image's own words too" \
	grep -q '"fallback":{"kind":"rejected","reason":"the installed rules [^"]* cannot be used, so the built-in rules answer (yibao update installs them again): the rules image [^"]*/corpus.img is damaged: it has 1000 bytes, but its header says [0-9]*"' "$work/out/stdout"
cp "$work/transfer.saved" "$cur/rules/procedures/transfer.yaml" && cp "$work/img.saved" "$cur/corpus.img"
check "put back, the installed corpus answers again" unchanged "$v"

# ---- The lock and the data folder ---------------------------------------------------------------
lock=$work/data/yibao/lock
flock "$lock" sleep 5 &
locker=$!
sleep 0.5
refused "another update holding the lock" 5 "另一个 yibao update 正在运行（.*lock 已被锁定）" files/v6.bundle
kill "$locker" 2>/dev/null
wait "$locker" 2>/dev/null
rm -f "$lock" && mkdir "$lock"
refused "a lock that cannot be opened" 5 "无法打开锁文件 $lock：是一个目录" \
	files/v6.bundle
check "a lock that cannot be opened: not called another update" sh -c "! grep -q '另一个 yibao update' '$work/out/stderr'"
rmdir "$lock"
if [ "$(id -u)" != 0 ]; then # permissions do not bind root
	rm -f "$lock"
	chmod 555 "$work/data/yibao"
	refused "a read-only data folder" 5 "权限不够" files/v6.bundle
	chmod 755 "$work/data/yibao"
fi

# ---- The configuration -------------------------------------------------------------------------
cp "$work/config/yibao/config.yaml" "$work/config.saved"
printf 'ulr: %s/files/v6.bundle\n' "$url" >>"$work/config/yibao/config.yaml"
run update
check "a misspelt key in the configuration: exit 2" exits 2
check "a misspelt key in the configuration: file:line:column and the key meant" \
	says "config.yaml:3:1: 未知的键 \"ulr\"；是不是 \"url\"？"
in_english run update
check "a misspelt key, in English: exit 2" exits 2
check "a misspelt key, in English: file:line:column, the key meant, the line quoted" \
	sh -c "grep -q 'config.yaml:3:1: unknown key \"ulr\"; did you mean \"url\"? (valid keys: url, keys)\$' '$work/out/stderr' &&
		grep -q '^  3 | ulr: ' '$work/out/stderr'"
cp "$work/config.saved" "$work/config/yibao/config.yaml"
printf 'url: [%s]\n' "$url" >>"$work/config/yibao/config.yaml"
in_english run update
check "a url that is not a web address, in English: exit 2, and where" \
	sh -c "[ $rc -eq 2 ] && grep -q 'config.yaml:3:6: url should be a web address\$' '$work/out/stderr'"
cp "$work/config.saved" "$work/config/yibao/config.yaml"
in_english run update
check "no URL given or configured, in English: exit 2, and what to do" \
	sh -c "[ $rc -eq 2 ] && grep -q 'error: nowhere to update from: use --from URL, or write url in $work/config/yibao/config.yaml\$' '$work/out/stderr'"

# ---- Rolling back with nothing to roll back to ---------------------------------------------------
XDG_DATA_HOME=$work/fresh run update --rollback
check "rollback with no update installed: exit 2" exits 2
check "rollback with no update installed: says there is nothing to roll back to" \
	says "没有安装过更新，正在用的就是内置规则库，无可回退"
XDG_DATA_HOME=$work/fresh in_english run update --rollback
check "rollback with no update installed, in English: exit 2" exits 2
check "rollback with no update installed, in English: says so" \
	says "error: no update has been installed: the built-in rules are in use, so there is nothing to roll back to"
check "rollback with no update installed, in English: an English message" stderr_in_english

summary
