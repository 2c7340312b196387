#!/usr/bin/env bash
# The performance benchmark (docs/performance.md): builds the release the README builds, then
# prints every figure from one run, batch output included (whole answers, --fields and CSV, to
# /dev/null and through a pipe). Not part of the test suite; takes a few minutes.
#
#   bench/run.sh            # 1,000,000 mixed batch queries
#   bench/run.sh 200000     # fewer, for a quick look
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
build=${YIBAO_BENCH_BUILD:-build}

cmake -S . -B "$build" >/dev/null
targets=(yibao yb-bench yb-compile)
if grep -q '^YIBAO_STATIC:BOOL=ON' "$build/CMakeCache.txt"; then targets+=(yibao-net); fi
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}" >/dev/null

# Measure the compiled-in corpus: no folder given, no installed update.
unset YIBAO_RULES
export XDG_DATA_HOME; XDG_DATA_HOME=$(mktemp -d /tmp/yb-bench-data.XXXXXX)
queries=$(mktemp /tmp/yb-bench-queries.XXXXXX)
installed=$(mktemp -d /tmp/yb-bench-installed.XXXXXX)
trap 'rm -rf "$queries" "$XDG_DATA_HOME" "$installed"' EXIT
bench/gen-queries.sh "$n" >"$queries"

# An installed update, laid out as `yibao update` leaves one (docs/updates.md): the rules with a
# newer version, compiled into corpus.img, and the `current` link. Only the image is read by a
# query, so the signature and origin files are left out here.
mkdir -p "$installed/yibao/corpora/bench/rules"
cp -R rules/. "$installed/yibao/corpora/bench/rules/"
sed -i 's/^version: .*/version: 9999.1.1/' "$installed/yibao/corpora/bench/rules/corpus.yaml"
"$build/yb-compile" "$installed/yibao/corpora/bench/rules" "$installed/image.c" \
	"$installed/yibao/corpora/bench/corpus.img"
ln -s corpora/bench "$installed/yibao/current"

echo "machine:                      $(nproc) cores, $(uname -sr), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "build:                        $build ($(grep -m1 '^CMAKE_BUILD_TYPE' "$build/CMakeCache.txt" | cut -d= -f2))"
links() { # how a program is linked, and the libraries it needs
	if readelf -lW "$1" | grep -q INTERP; then
		echo "dynamic PIE, needs $(ldd "$1" | awk '{print $1}' | tr '\n' ' ')"
	else
		echo "static PIE, needs no library"
	fi
}
echo "binary:                       $(stat -c %s "$build/yibao") bytes; $(links "$build/yibao")"
if [ -e "$build/yibao-net" ]; then
	echo "yibao-net (updates, signing): $(stat -c %s "$build/yibao-net") bytes; $(links "$build/yibao-net")"
fi
"$build/yb-bench" "$build/yibao" "$queries" tests/cases "$installed"
