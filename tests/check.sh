# check.sh - the checks of the shell tests (update/, install/), which source it.
# check DESCRIPTION COMMAND...: the command must succeed; prints "ok - …" or "not ok - …", and
# on failure calls check_detail when the test defines one. summary prints "N passed, N failed"
# and fails when a check did.
passed=0 failed=0
check() {
	local what=$1
	shift
	if "$@"; then
		passed=$((passed + 1))
		echo "ok - $what"
	else
		failed=$((failed + 1))
		echo "not ok - $what"
		if declare -F check_detail >/dev/null; then check_detail; fi
	fi
}
summary() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
