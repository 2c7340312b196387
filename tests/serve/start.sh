# start.sh - sourced by the serve tests and bench/serve.sh.
# serve_start LOG YIBAO ARGS…: starts `YIBAO serve --listen 127.0.0.1:0 ARGS…` with its stderr in
# LOG, sets pid and port (the one the server says it listens on, within 10 seconds) and base
# (http://127.0.0.1:PORT); returns 1, showing the log, when it does not say so.
serve_start() {
	local log=$1 yibao=$2
	shift 2
	"$yibao" serve --listen 127.0.0.1:0 "$@" 2>"$log" &
	pid=$!
	port=
	for _ in $(seq 200); do
		port=$(sed -n 's|^yibao serve: listening on http://127\.0\.0\.1:\([0-9]*\) .*|\1|p' "$log")
		[ -n "$port" ] && break
		sleep 0.05
	done
	base=http://127.0.0.1:$port
	[ -n "$port" ] || { cat "$log" >&2; return 1; }
}
