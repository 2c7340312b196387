#!/usr/bin/env bash
# yibao serve over a real loopback socket, with curl: every endpoint and error, answers compared
# byte for byte with the command's own --format json and `yibao batch`, faults (malformed JSON,
# invalid UTF-8, oversized bodies, a client that goes away mid-request, a slow client that sends
# its headers a byte at a time) each followed by a
# request the server must still answer, the access log, and a graceful stop on SIGTERM.
#   serve-test.sh YIBAO
set -u
yibao=$1
work=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
failures=0
ok() { echo "ok - $1"; }
not_ok() {
	echo "not ok - $1"
	failures=$((failures + 1))
}
check() { # check NAME COMMAND…: ok when the command succeeds
	local name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name"; fi
}

# shellcheck source=start.sh
. "$(dirname "$0")/start.sh"
if ! serve_start "$work/log" "$yibao"; then
	not_ok "the server says where it listens"
	exit 1
fi

# status PATH [curl options…]: prints the HTTP status; the body goes to $work/body, the headers
# to $work/headers.
sent=0
status() {
	local path=$1
	shift
	curl -s -o "$work/body" -D "$work/headers" -w '%{http_code}' "$@" "$base$path"
}
# expect NAME STATUS PATH [curl options…]
expect() {
	local name=$1 want=$2
	shift 2
	local got
	sent=$((sent + 1))
	got=$(status "$@")
	if [ "$got" = "$want" ]; then ok "$name ($want)"; else
		not_ok "$name: status $got, expected $want"
		cat "$work/body"
	fi
}
alive() { expect "still answering after: $1" 200 /healthz; }
body_has() { grep -q -- "$1" "$work/body"; }

expect "readyz" 200 /readyz
expect "healthz" 200 /healthz
check "healthz says ok" body_has '^ok$'

# POST /v1/answer: the command's answer byte for byte.
query='{"command":"transfer","from":"changde","to":"changsha","type":"employee","date":"2026-11-23"}'
"$yibao" transfer --from changde --to changsha --type employee --date 2026-11-23 --format json \
	>"$work/cli.json"
expect "POST /v1/answer" 200 /v1/answer --data-binary "$query"
check "POST /v1/answer is --format json byte for byte" cmp -s "$work/body" "$work/cli.json"
check "answers are JSON" grep -qi '^content-type: application/json; charset=utf-8' "$work/headers"
expect "POST /v1/answer with a newline after it" 200 /v1/answer --data-binary "$query"$'\n'
check "… the same answer" cmp -s "$work/body" "$work/cli.json"
"$yibao" refund --case retired-overpay --lang en --format json >"$work/cli-en.json"
expect "POST /v1/answer in English" 200 /v1/answer \
	--data-binary '{"command":"refund","case":"retired-overpay","lang":"en"}'
check "… is --lang en --format json byte for byte" cmp -s "$work/body" "$work/cli-en.json"
expect "POST /v1/answer with an id" 200 /v1/answer --data-binary '{"id":"E1","command":"refund","case":"retired-overpay"}'
check "… writes the id back" body_has '^{"schema":1,"id":"E1",'

# GET /v1/<procedure>: the same from a query string, URL-decoded.
expect "GET /v1/transfer" 200 "/v1/transfer?from=changde&to=changsha&type=employee&date=2026-11-23"
check "GET /v1/transfer is --format json byte for byte" cmp -s "$work/body" "$work/cli.json"
expect "GET /v1/transfer with 汉字, URL-encoded" 200 \
	"/v1/transfer?from=%E5%B8%B8%E5%BE%B7&to=changsha&type=employee&date=2026-11-23"
check "… the same answer" cmp -s "$work/body" "$work/cli.json"

# Refused queries: the batch error object, 400.
expect "unknown city" 400 "/v1/transfer?from=nowhere&to=changsha"
check "… the batch error object" body_has '"error":{"code":"not-found","exit":2,'
line_en='{"command":"transfer","from":"nowhere","to":"changsha","lang":"en"}'
printf '%s\n' "$line_en" | "$yibao" batch >"$work/batch-en.json" 2>/dev/null
expect "unknown city, in English" 400 /v1/answer --data-binary "$line_en"
check "… is the batch's error line byte for byte" cmp -s "$work/body" "$work/batch-en.json"
check "… says it in English" body_has '"code":"not-found","exit":2,"message":"unknown city \\"nowhere\\"'
expect "unknown city, in English, from a query string" 400 "/v1/transfer?from=nowhere&to=changsha&lang=en"
check "… in English too" body_has '"message":"unknown city \\"nowhere\\"'
expect "unknown key" 400 /v1/answer --data-binary '{"command":"transfer","colour":"red"}'
expect "unknown command" 400 /v1/answer --data-binary '{"command":"transfur"}'
expect "malformed JSON" 400 /v1/answer --data-binary '{"command":"transfer",'
check "… says what is wrong" body_has '"code":"usage"'
alive "malformed JSON"
expect "empty body" 400 /v1/answer --data-binary ''
expect "two queries in one body" 400 /v1/answer --data-binary "$query"$'\n'"$query"
printf '{"command":"transfer","from":"\xff\xfe","to":"changsha"}' >"$work/bad-utf8"
expect "invalid UTF-8 in the body" 400 /v1/answer --data-binary @"$work/bad-utf8"
check "… says so" body_has 'UTF-8'
alive "invalid UTF-8 in the body"
expect "invalid UTF-8 in the query string" 400 "/v1/transfer?from=%FF%FE&to=changsha"
check "… says so" body_has 'UTF-8'
alive "invalid UTF-8 in the query string"

# Paths and methods.
expect "unknown path" 404 /v2/nothing
check "… a JSON error object" body_has '"code":"not-found"'
expect "unknown procedure" 404 /v1/nothing?from=changde
expect "GET /v1/answer" 405 /v1/answer
check "… Allow: POST" grep -qi '^allow: POST' "$work/headers"
expect "POST /healthz" 405 /healthz --data-binary x
check "… Allow: GET, HEAD" grep -qi '^allow: GET, HEAD' "$work/headers"
expect "DELETE /v1/transfer" 405 /v1/transfer -X DELETE

# Bodies over the limit: announced (Content-Length), and sent chunked with no length.
head -c $((1024 * 1024 + 1)) /dev/zero | tr '\0' ' ' >"$work/big"
expect "a body over 1 MiB" 413 /v1/answer --data-binary @"$work/big"
check "… a JSON error object" body_has '"code":"too-large"'
alive "a body over 1 MiB"
expect "a chunked body over 1 MiB" 413 /v1/answer -H 'Transfer-Encoding: chunked' \
	--data-binary @"$work/big"
alive "a chunked body over 1 MiB"

# A client that goes away mid-request: a body announced and not sent, then a request line cut
# short.
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'POST /v1/answer HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"command":' >&3
exec 3>&-
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /v1/transfer?from=chan' >&3
exec 3>&-
alive "clients that disconnected mid-request"
expect "… and answers a query again" 200 /v1/answer --data-binary "$query"
check "… the same answer" cmp -s "$work/body" "$work/cli.json"

# A slow client: its request line and headers come a byte at a time. Others are answered while
# it is still typing, and it gets its whole answer at the end.
slow_request=$'GET /v1/transfer?from=changde&to=changsha&type=employee&date=2026-11-23 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'
exec 4<>"/dev/tcp/127.0.0.1/$port"
half=$((${#slow_request} / 2))
for ((i = 0; i < half; i++)); do
	printf '%s' "${slow_request:i:1}" >&4
	sleep 0.005
done
expect "answered while a slow client sends its headers a byte at a time" 200 /v1/answer \
	--data-binary "$query"
for ((i = half; i < ${#slow_request}; i++)); do
	printf '%s' "${slow_request:i:1}" >&4
	sleep 0.005
done
cat <&4 >"$work/slow"
exec 4<&-
check "… the slow client gets its whole answer (200, the command's JSON)" \
	sh -c 'head -n 1 "$1" | grep -q "^HTTP/1.1 200" &&
	       tr -d "\r" <"$1" | sed "1,/^\$/d" | cmp -s - "$2"' _ "$work/slow" "$work/cli.json"
alive "a slow client"

# POST /v1/batch: the lines of `yibao batch`, errors and blank lines included.
printf '%s\n\n{"command":"refund","case":"retired-overpay","id":7}\n{"command":\n%s\n' \
	"$query" "$query" >"$work/batch.jsonl"
"$yibao" batch "$work/batch.jsonl" >"$work/cli-batch.jsonl" 2>/dev/null
expect "POST /v1/batch" 200 /v1/batch --data-binary @"$work/batch.jsonl"
check "POST /v1/batch is yibao batch byte for byte" cmp -s "$work/body" "$work/cli-batch.jsonl"
check "… four answer lines" test "$(wc -l <"$work/body")" -eq 4
expect "an empty batch" 200 /v1/batch --data-binary ''
check "… no answer line" test ! -s "$work/body"
expect "a batch over 1 MiB is taken" 200 /v1/batch --data-binary @"$work/big"
# A batch whose answers (about 20 MB) are sent as they are made: chunked, whole, and a client
# that reads the start of them and goes away leaves the server answering.
for _ in $(seq 2000); do echo "$query"; done >"$work/long.jsonl"
"$yibao" batch "$work/long.jsonl" >"$work/cli-long.jsonl" 2>/dev/null
expect "a batch of 2000 lines" 200 /v1/batch --data-binary @"$work/long.jsonl"
check "… sent as it is made (chunked)" grep -qi '^transfer-encoding: chunked' "$work/headers"
check "… yibao batch byte for byte" cmp -s "$work/body" "$work/cli-long.jsonl"
curl -s -N --data-binary @"$work/long.jsonl" "$base/v1/batch" | head -c 1000 >/dev/null
sent=$((sent + 1))
alive "a client that went away mid-batch"

# GET /v1/cities.
expect "a city by pinyin" 200 "/v1/cities?q=changsha"
check "… resolved" body_has '"city":{"adcode":"430100","name":"长沙市"'
expect "a city by 汉字" 200 "/v1/cities?q=%E9%95%BF%E6%B2%99"
check "… resolved" body_has '"adcode":"430100"'
expect "a city by adcode" 200 "/v1/cities?q=430100"
check "… resolved" body_has '"slug":"changsha"'
expect "a misspelt city" 404 "/v1/cities?q=changsah"
check "… suggests the near one" body_has '"suggestions":\[{"adcode":"430100"'
check "… in Chinese" body_has '"message":"未找到城市 \\"changsah\\"'
expect "a misspelt city, lang=en" 404 "/v1/cities?q=changsah&lang=en"
check "… says it in English" body_has '"message":"unknown city \\"changsah\\"; did you mean changsha 长沙 (Hunan)'
expect "a city shared by two" 404 "/v1/cities?q=fuzhou"
check "… says it is ambiguous" body_has '"code":"ambiguous"'
expect "no q" 400 "/v1/cities"

# GET /v1/procedures: what each procedure asks, from the corpus.
expect "GET /v1/procedures" 200 /v1/procedures
check "… is JSON" grep -qi '^content-type: application/json; charset=utf-8' "$work/headers"
check "… transfer's places first, with flag, kind and label" \
	body_has '"id":"transfer","inputs":\[{"name":"from","flag":"--from","kind":"place","label":"转出地",'
check "… an enum's choices with their labels and aliases" \
	body_has '{"name":"type","flag":"--type","kind":"enum",[^]]*"choices":\[{"value":"employee","label":"职工医保","aliases":\["'
check "… a number's range" body_has '"name":"cost","flag":"--cost","kind":"number",[^}]*"min":0,'
for p in transfer region-change activate refund dental waiting; do
	check "… lists $p" body_has "\"id\":\"$p\",\"inputs\""
done

# The page at / and its files, embedded from src/serve/page/: types, CSP, caching.
page_dir=$(cd "$(dirname "$0")/../../src/serve/page" && pwd)
for f in index.html:/:text/html page.js:/page.js:text/javascript page.css:/page.css:text/css \
	favicon.svg:/favicon.svg:image/svg+xml; do
	IFS=: read -r file path type <<<"$f"
	expect "GET $path" 200 "$path"
	check "… is $file byte for byte" cmp -s "$work/body" "$page_dir/$file"
	check "… Content-Type $type" grep -qi "^content-type: $type" "$work/headers"
	check "… Content-Security-Policy default-src 'self'" \
		grep -qi "^content-security-policy: default-src 'self';" "$work/headers"
	check "… X-Content-Type-Options: nosniff" grep -qi '^x-content-type-options: nosniff' "$work/headers"
	check "… Cache-Control: no-cache, with an ETag" \
		grep -qi '^cache-control: no-cache' "$work/headers"
	etag=$(sed -n 's/^[Ee][Tt][Aa][Gg]: *\("[0-9a-f]*"\).*/\1/p' "$work/headers")
	check "… a strong ETag ($etag)" test -n "$etag"
	rm -f "$work/body"
	expect "GET $path with its ETag in If-None-Match" 304 "$path" -H "If-None-Match: $etag"
	check "… no body" test ! -s "$work/body"
done
expect "HEAD /" 200 / -I
expect "POST /" 405 / --data-binary x
expect "a file the page does not have" 404 /page.map
page_refs=$(grep -o '\(src\|href\)="[^"]*"' "$page_dir/index.html" | sed 's/^[a-z]*="\(.*\)"$/\1/')
for ref in $page_refs; do
	check "index.html refers to $ref, a file of the server's own" grep -q '^/[a-z]' <<<"$ref"
done

# GET /v1/corpus and /metrics.
version=$("$yibao" --version | sed -n 's/^规则库 \([^（]*\)（.*/\1/p')
expect "GET /v1/corpus" 200 /v1/corpus
check "… the version answering" body_has "\"version\":\"$version\""
check "… and its origin" body_has '"origin":"embedded"'
expect "GET /metrics" 200 /metrics
check "… the corpus version as a label" body_has "^yibao_corpus_info{version=\"$version\","
check "… requests by endpoint and status" \
	body_has '^yibao_http_requests_total{endpoint="answer",status="413"} 2$'
check "… a latency histogram" \
	body_has '^yibao_http_request_duration_seconds_bucket{endpoint="answer",le="+Inf"} '

# Queries at once, on as many connections: each answer whole and the same.
for i in 1 2 3 4 5 6 7 8; do
	curl -s --data-binary "$query" "$base/v1/answer" >"$work/parallel$i" &
done
wait $(jobs -p | grep -v "^$pid$")
same=0
for i in 1 2 3 4 5 6 7 8; do cmp -s "$work/parallel$i" "$work/cli.json" && same=$((same + 1)); done
check "eight queries at once: eight whole answers ($same)" test "$same" -eq 8
sent=$((sent + 8))

# The access log: one JSON line a request.
check "access log: one line for the 413" \
	grep -q '^{"method":"POST","path":"/v1/answer","status":413,"bytes":[0-9]*,"us":[0-9]*}$' \
	"$work/log"
requests=$(grep -c '^{"method":' "$work/log")
check "access log: a line for every request ($requests for $sent)" test "$requests" -ge "$sent"

# SIGTERM while a request is under way: it is answered, then the server stops with 0.
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'POST /v1/answer HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: %d\r\n\r\n' \
	"${#query}" >&3
sleep 0.2
kill -TERM "$pid"
sleep 0.2
printf '%s' "$query" >&3
response=$(timeout 10 cat <&3)
exec 3>&-
check "a request under way at SIGTERM is answered" grep -q '^HTTP/1.1 200' <<<"$response"
wait "$pid"
code=$?
pid=
check "SIGTERM: exit 0 (got $code)" test "$code" -eq 0
check "SIGTERM: says it stopped" grep -q '^yibao serve: stopped$' "$work/log"

# Options.
"$yibao" serve --listen nowhere 2>"$work/err"
check "a --listen with no port: exit 2" test $? -eq 2
"$yibao" serve --timeout 0 2>"$work/err"
check "--timeout 0: exit 2" test $? -eq 2

[ "$failures" -eq 0 ] || echo "$failures failed"
[ "$failures" -eq 0 ]
