#!/usr/bin/env bash
# Load figures of yibao serve (docs/performance.md, docs/serve.md): wrk POSTs /v1/answer queries
# of every procedure at 1, 8 and 64 connections, then at 8 with the rules switched (SIGHUP)
# several times mid-run; prints requests/s, p50/p99 latency, errors and the server's peak RSS.
# Needs wrk (Debian: wrk). Not part of the test suite; takes about a minute.
#
#   bench/serve.sh        # 10 seconds a run
#   bench/serve.sh 3      # 3 seconds a run, for a quick look
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
build=${YIBAO_BENCH_BUILD:-build}
command -v wrk >/dev/null || { echo "bench/serve.sh: wrk is needed (apt-get install wrk)" >&2; exit 1; }

cmake -S . -B "$build" >/dev/null
targets=(yibao)
if grep -q '^YIBAO_STATIC:BOOL=ON' "$build/CMakeCache.txt"; then targets+=(yibao-net); fi
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}" >/dev/null

# The embedded rules: no folder, no installed update.
unset YIBAO_RULES
export XDG_DATA_HOME; XDG_DATA_HOME=$(mktemp -d /tmp/yb-serve-bench.XXXXXX)
work=$XDG_DATA_HOME
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

# The queries: the benchmark's mix of procedures, only the lines that are answered (a refused
# one would be a 400, which wrk counts as an error).
bench/gen-queries.sh 140 >"$work/all.jsonl"
"$build/yibao" batch "$work/all.jsonl" 2>/dev/null >"$work/answers.jsonl" || true
paste -d '\t' "$work/all.jsonl" "$work/answers.jsonl" | grep -v $'\t.*"error":{' | cut -f1 \
	>"$work/queries.jsonl"
{
	echo 'local bodies = {'
	while IFS= read -r q; do printf '[==[%s]==],\n' "$q"; done <"$work/queries.jsonl"
	cat <<'EOF'
}
local i = 0
local headers = {["Content-Type"] = "application/json"}
request = function()
	i = i % #bodies + 1
	return wrk.format("POST", "/v1/answer", headers, bodies[i])
end
done = function(summary, latency, requests)
	local e = summary.errors
	io.write(string.format("%.0f req/s, p50 %.2f ms, p99 %.2f ms, %d requests, errors: " ..
		"connect %d read %d write %d timeout %d non-2xx %d, %.1f KiB/answer\n",
		summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
		latency:percentile(99) / 1000, summary.requests, e.connect, e.read, e.write,
		e.timeout, e.status, summary.bytes / summary.requests / 1024))
end
EOF
} >"$work/answer.lua"

. tests/serve/start.sh
serve_start "$work/log" "$build/yibao" --max-connections 128
hwm() { sed -n 's/^VmHWM:[[:space:]]*//p' "/proc/$pid/status"; }
run() { # connections
	wrk -t"$(( $1 < 2 ? 1 : 2 ))" -c"$1" -d"${seconds}s" -s "$work/answer.lua" \
		"http://127.0.0.1:$port/" | tail -1
}

echo "machine: $(nproc) cores, $(uname -sr), $(date -u +%Y-%m-%dT%H:%MZ); build $build" \
	"($(grep -m1 '^CMAKE_BUILD_TYPE' "$build/CMakeCache.txt" | cut -d= -f2))"
echo "queries: $(wc -l <"$work/queries.jsonl") distinct, all procedures, POST /v1/answer"
echo "server peak RSS at start: $(hwm)"
for c in 1 8 64; do
	printf '%2d connections: %s\n' "$c" "$(run "$c")"
done
echo "server peak RSS after:    $(hwm)"

# The rules switched five times, evenly through the run, while 8 connections query.
gap=$(awk -v s="$seconds" 'BEGIN { print s / 7 }')
( sleep "$gap"; for _ in 1 2 3 4 5; do kill -HUP "$pid"; sleep "$gap"; done ) &
hups=$!
printf ' 8 connections, 5 switches: %s\n' "$(run 8)"
wait "$hups"
echo "switches logged: $(grep -c 'rules switched' "$work/log")," \
	"refused: $(grep -c 'rules not switched' "$work/log" || true)"
echo "server peak RSS at the end: $(hwm)"
