#!/usr/bin/env bash
# run.sh [SECONDS [JOBS]] — runs every fuzz target for SECONDS (default 300) with JOBS
# processes each (default 1), then prints the executions, executions per second and crashes
# of each. Exits 1 when any target crashed. See docs/fuzzing.md.
#
# Environment: BUILD, the build folder configured with -DYIBAO_FUZZ=ON (default build-fuzz);
# WORK, where the corpora grow and crashes are kept (default $BUILD/fuzz-work); TARGETS, the
# targets to run (default all six); FUZZ_FLAGS, more libFuzzer flags for every target.
# New inputs go to $WORK/corpus/<target>, never to the committed seeds, so a later run starts
# from everything found so far; crashing inputs go to $WORK/crashes/<target>.
set -uo pipefail
seconds=${1:-300}
jobs=${2:-1}
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${BUILD:-$src/build-fuzz}" && pwd) || { echo "run.sh: no build folder" >&2; exit 2; }
work=${WORK:-$build/fuzz-work}
mkdir -p "$work"
work=$(cd "$work" && pwd)
targets=${TARGETS:-batch jsonq corpus check bundle cli}

dict_of() {
  case $1 in
    batch | jsonq) echo json.dict ;;
    corpus | check) echo yaml.dict ;;
    *) echo "$1.dict" ;;
  esac
}

"$src/tests/fuzz/make-seeds.sh" "$work/seeds" "$build/yibao" >/dev/null || exit 2
status=0
summary=""
for t in $targets; do
  bin=$build/tests/fuzz/fuzz-$t
  [ -x "$bin" ] || { echo "run.sh: $bin is not built" >&2; exit 2; }
  mkdir -p "$work/corpus/$t" "$work/crashes/$t"
  log=$work/$t.log
  parallel=()
  [ "$jobs" -gt 1 ] && parallel=(-fork="$jobs")
  echo "== fuzz-$t: ${seconds}s, $jobs job(s); log $log"
  # shellcheck disable=SC2086 # FUZZ_FLAGS is a list of flags
  "$bin" "${parallel[@]}" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
    -dict="$src/tests/fuzz/$(dict_of "$t")" -artifact_prefix="$work/crashes/$t/" \
    ${FUZZ_FLAGS:-} "$work/corpus/$t" "$work/seeds/$t" >"$log" 2>&1
  rc=$?
  # In one process libFuzzer ends with "stat::number_of_executed_units: N"; with -fork the
  # last status line "#N: cov: … exec/s: R …" counts them all.
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  [ -n "$runs" ] || runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  rate=$(grep -oE 'exec/s: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
  crashes=$(find "$work/crashes/$t" -type f | wc -l)
  if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    status=1
    grep -E '^(==[0-9]+==ERROR|SUMMARY)|runtime error' "$log" | head -5
  fi
  summary+=$(printf '%-8s %12s runs %8s exec/s %3d crashes  (exit %d)' "$t" "${runs:-?}" \
    "${rate:-?}" "$crashes" "$rc")$'\n'
done
echo "== summary (${seconds}s per target; crashing inputs in $work/crashes)"
printf '%s' "$summary"
exit $status
