#!/usr/bin/env bash
# yibao serve switching its rules while it answers: signed updates installed by `yibao update`
# (from the loopback test server) into a temporary data folder, SIGHUP, a rollback, and an
# installed corpus that cannot be opened. Queries run in a loop the whole time: every one must
# succeed, and the version answering must change.
#   switch-test.sh YIBAO TEST_SERVER SOURCE_DIR
set -u
yibao=$1 server=$2 src=$3
work=$(mktemp -d /tmp/yibao-switch-XXXXXX)
pid= server_pid= loops=
cleanup() {
	for p in $loops $pid $server_pid; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
export HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data
unset YIBAO_RULES
mkdir -p "$work/config/yibao" "$work/srv"
# shellcheck source=../check.sh
. "$(dirname "$0")/../check.sh"
# shellcheck source=start.sh
. "$(dirname "$0")/start.sh"
check_detail() { tail -5 "$work/log" | sed 's/^/    log: /'; }

# Two signed bundles of newer rules than the embedded ones, served on loopback.
"$yibao" keygen -o "$work/key" >"$work/key.txt" || exit 1
printf 'keys:\n  - %s\n' "$(sed -n 's/^公钥：//p' "$work/key.txt")" >"$work/config/yibao/config.yaml"
for v in 2030.1.1 2030.2.1; do
	cp -R "$src/rules" "$work/rules-$v"
	sed -i "s/^version: .*/version: $v/" "$work/rules-$v/corpus.yaml"
	"$yibao" bundle "$work/rules-$v" --key "$work/key" -o "$work/srv/$v.bundle" >/dev/null || exit 1
done
"$server" --root "$work/srv" --port-file "$work/port" &
server_pid=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
files=http://127.0.0.1:$(cat "$work/port")/files
"$yibao" update --from "$files/2030.1.1.bundle" >/dev/null 2>&1
check "2030.1.1 installed" test -L "$work/data/yibao/current"

serve_start "$work/log" "$yibao" || { echo "not ok - the server did not start"; exit 1; }
answering() { curl -s "$base/v1/corpus" | sed -n 's/.*"version":"\([^"]*\)".*/\1/p'; }
# becomes VERSION: the server answers from VERSION within 5 seconds.
becomes() {
	for _ in $(seq 50); do
		[ "$(answering)" = "$1" ] && return 0
		sleep 0.1
	done
	return 1
}
check "the installed update answers" becomes 2030.1.1

# Queries in a loop, two at a time: the status and the version of every answer, one a line.
query='{"command":"transfer","from":"changde","to":"changsha","type":"employee","date":"2026-11-23"}'
loop() {
	while [ ! -e "$work/stop" ]; do
		curl -s -o "$work/answer$1" -w '%{http_code} ' --data-binary "$query" "$base/v1/answer"
		sed -n 's/.*"corpus":{"version":"\([^"]*\)".*/\1/p' "$work/answer$1"
	done >"$work/loop$1"
}
loop 1 &
loops=$!
loop 2 &
loops="$loops $!"
sleep 0.5

"$yibao" update --from "$files/2030.2.1.bundle" >/dev/null 2>&1
check "a newer update installed: the server switches to it" becomes 2030.2.1
check "… and says so" grep -q '^yibao serve: a new update installed: rules switched from 2030.1.1 to 2030.2.1 (installed)$' "$work/log"
check "… the metrics gauge shows it" \
	sh -c "curl -s '$base/metrics' | grep -q '^yibao_corpus_info{version=\"2030.2.1\",'"

kill -HUP "$pid"
for _ in $(seq 50); do grep -q '^yibao serve: SIGHUP: ' "$work/log" && break; sleep 0.1; done
check "SIGHUP: the rules are opened again" \
	grep -q '^yibao serve: SIGHUP: rules switched from 2030.2.1 to 2030.2.1 (installed)$' "$work/log"

"$yibao" update --rollback >/dev/null 2>&1
check "a rollback: the server switches back" becomes 2030.1.1

# An installed corpus whose image is damaged: refused, the old one goes on answering.
mkdir -p "$work/data/yibao/corpora/broken"
head -c 1000 /dev/urandom >"$work/data/yibao/corpora/broken/corpus.img"
ln -sfn corpora/broken "$work/data/yibao/current"
for _ in $(seq 50); do grep -q 'rules not switched' "$work/log" && break; sleep 0.1; done
check "a damaged update: refused, saying why" \
	grep -q '^yibao serve: a new update installed: rules not switched, 2030.1.1 still answers: .*corpus.img' "$work/log"
sleep 0.3
check "… the old rules still answer" test "$(answering)" = 2030.1.1
check "… a refusal counted" \
	sh -c "curl -s '$base/metrics' | grep -q '^yibao_corpus_switches_refused_total 1$'"
sleep 0.3

touch "$work/stop"
wait $loops
loops=
cat "$work/loop1" "$work/loop2" >"$work/all"
total=$(grep -c . "$work/all")
check "queries ran all along ($total)" test "$total" -ge 20
check "every query answered 200 with a version" \
	sh -c "! grep -v '^200 20[0-9.]*$' '$work/all'"
check "answers came from 2030.1.1 and from 2030.2.1" \
	sh -c "grep -q '^200 2030.1.1$' '$work/all' && grep -q '^200 2030.2.1$' '$work/all'"

kill -TERM "$pid"
wait "$pid"
code=$?
pid=
check "SIGTERM after the switches: exit 0 (got $code)" test "$code" -eq 0

# --rules DIR: SIGHUP reads the folder again; a folder that does not load is refused.
cp -R "$src/rules" "$work/folder"
serve_start "$work/log" "$yibao" --rules "$work/folder" || { echo "not ok - no server"; exit 1; }
embedded=$(answering)
cp "$work/folder/corpus.yaml" "$work/corpus.yaml"
echo 'version: [' >>"$work/folder/corpus.yaml"
kill -HUP "$pid"
for _ in $(seq 50); do grep -q '^yibao serve: SIGHUP: ' "$work/log" && break; sleep 0.1; done
check "--rules, a folder that does not load: refused, saying where" \
	grep -q "^yibao serve: SIGHUP: rules not switched, $embedded still answers: .*/corpus.yaml:[0-9]*:[0-9]*: " "$work/log"
check "… the old rules still answer" test "$(answering)" = "$embedded"
sed 's/^version: .*/version: 2031.1.1/' "$work/corpus.yaml" >"$work/folder/corpus.yaml"
kill -HUP "$pid"
check "--rules, the folder fixed: SIGHUP switches to it" becomes 2031.1.1
kill -TERM "$pid"
wait "$pid"
pid=
summary
