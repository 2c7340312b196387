#!/usr/bin/env bash
# make-seeds.sh OUT_DIR YIBAO — builds the fuzz targets' seed corpora from the shipped rules
# and tests into OUT_DIR/<target>/, and adds the small committed seeds of tests/fuzz/corpus/.
# YIBAO is a built yibao binary (it signs the bundle seeds). See docs/fuzzing.md.
set -euo pipefail
out=${1:?usage: make-seeds.sh OUT_DIR YIBAO}
yibao=${2:?usage: make-seeds.sh OUT_DIR YIBAO}
src=$(cd "$(dirname "$0")/../.." && pwd)
yibao=$(cd "$(dirname "$yibao")" && pwd)/$(basename "$yibao")
cd "$src"

rm -rf "$out"
mkdir -p "$out"/{batch,jsonq,corpus,check,bundle,cli}
seed() { # seed TARGET: standard input becomes a seed of TARGET, named by its SHA-1 as
  local tmp  # libFuzzer names its inputs (so the same input twice is one seed)
  tmp=$(mktemp)
  cat >"$tmp"
  mv "$tmp" "$out/$1/$(sha1sum <"$tmp" | cut -d' ' -f1)"
}

# ---- batch, jsonq and cli: every golden test's command line --------------------------------
# A command line "dental --item filling --cost 300 --retired" becomes the batch line
# {"command":"dental","item":"filling","cost":"300","retired":true}; for the cli target its
# arguments are separated by NUL bytes, and a path becomes cases.yaml (the target's scratch
# folder has no other).
to_json() {
  awk '{
    printf "{\"command\":\"%s\"", $1
    for (i = 2; i <= NF; i++) {
      if ($i !~ /^--/) continue
      key = substr($i, 3)
      if (i < NF && $(i + 1) !~ /^--/) { printf ",\"%s\":\"%s\"", key, $(i + 1); i++ }
      else printf ",\"%s\":true", key
    }
    print "}"
  }'
}
grep -h '^args:' tests/cli/*.test | sed 's/^args: *//' | sort -u >"$out/args.txt"
while read -r line; do
  json=$(printf '%s\n' "$line" | to_json)
  printf '%s\n' "$json" | seed batch
  printf '%s' "$json" | seed jsonq
  printf '%s' "$line" | tr ' ' '\n' | sed 's|.*/.*|cases.yaml|' | tr '\n' '\0' | seed cli
done <"$out/args.txt"
rm "$out/args.txt"
cat tests/cli/batch/*.jsonl | seed batch
for f in tests/cli/batch/*.csv; do seed batch <"$f"; done
while read -r line; do printf '%s' "$line" | seed jsonq; done <tests/cli/batch/mixed.jsonl
printf 'check\0cases.yaml\0--coverage' | seed cli
printf 'batch\0queries.jsonl' | seed cli
printf 'transfer\0--from\0changde\0--to\0changsha\0--rules\0rules' | seed cli
printf 'lint\0--rules\0rules' | seed cli

# ---- check: the case files -------------------------------------------------------------------
for f in tests/cases/*.yaml tests/cli/check/*.yaml; do seed check <"$f"; done

# ---- corpus: rules folders, one file after another ---------------------------------------
# (corpus.yaml first, then "=== PATH" before each other file). Copies of the whole of rules/
# would make every run parse 200 KB, so the seeds are mostly the small complete corpus in
# tests/fuzz/corpus/corpus/mini-transfer.txt with one file of rules/ put in (in place of the
# small one, or added and listed in corpus.yaml), and with each test corpus laid over it. A
# procedure put in without its facts and catalogues does not load, but `yibao lint` reads all
# of it.
mini=$(mktemp -d)
unfold() { # unfold FILE DIR: the files of a corpus seed into DIR
  awk -v dir="$2" 'BEGIN { f = dir "/corpus.yaml" }
    /^=== / { f = dir "/" substr($0, 5); d = f; sub(/\/[^\/]*$/, "", d)
              system("mkdir -p \"" d "\""); next }
    { print > f }' "$1"
}
fold() { # fold DIR: the seed of the corpus in DIR
  cat "$1/corpus.yaml"
  (cd "$1" && find . -name '*.yaml' ! -path ./corpus.yaml | sed 's|^\./||' | sort) |
    while read -r f; do printf '=== %s\n' "$f"; cat "$1/$f"; done
}
unfold tests/fuzz/corpus/corpus/mini-transfer.txt "$mini"
for f in $(cd rules && find . -name '*.yaml' ! -path ./corpus.yaml | sed 's|^\./||' | sort); do
  one=$(mktemp -d)
  cp -r "$mini"/. "$one"
  cp "rules/$f" "$one/$f" 2>/dev/null || { mkdir -p "$one/$(dirname "$f")" && cp "rules/$f" "$one/$f"; }
  case $f in # list a file the small corpus does not have
    procedures/transfer.yaml) ;;
    procedures/*) printf '  %s: %s\n' "$(basename "$f" .yaml)" "$f" >>"$one/corpus.yaml" ;;
    facts/* | catalog/*/* | calendar/2025.yaml)
      kind=$(basename "$f" .yaml)
      case $f in facts/*) kind=facts ;; calendar/*) kind=calendar ;; esac
      awk -v kind="$kind" -v f="$f" '
        $1 == kind ":" && $2 != "" { v = $2; sub(/^\[/, "", v); sub(/\]$/, "", v)
                                     print "  " kind ": [" v ", " f "]"; next }
        { print }' "$one/corpus.yaml" >"$one/c" && mv "$one/c" "$one/corpus.yaml" ;;
  esac
  fold "$one" | seed corpus
  rm -rf "$one"
done
for o in tests/cli/corpora/*/; do
  one=$(mktemp -d)
  cp -r "$mini"/. "$one"
  cp -r "$o"/. "$one"
  fold "$one" | seed corpus
  rm -rf "$one"
done
rm -rf "$mini"
fold rules | seed corpus # and the whole of it once, which loads and answers

# ---- bundle: the rules signed with the target's test key -------------------------------------
key=$(mktemp)
tmp=$(mktemp -d)
trap 'rm -rf "$key" "$tmp"' EXIT
printf 'yibao-ed25519-private-key 1\n%s\n' \
  9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60 >"$key"
"$yibao" bundle rules --key "$key" -o "$tmp/rules.bundle" >/dev/null
seed bundle <"$tmp/rules.bundle"
# and a small one: a folder of the tiny test corpus's two files (not a whole corpus, so made
# here rather than by `yibao bundle`, which lints first).
key_id=$(sed -n 's/^key: //p' "$tmp/rules.bundle" | head -1)
small() {
  local manifest="format: 1
version: \"tiny\"
date: 2026-11-22
key: $key_id
files:
"
  for f in corpus.yaml procedures/transfer.yaml; do
    manifest+="  - {path: $f, size: $(wc -c <tests/cli/corpora/tiny/$f), sha256: $(sha256sum <tests/cli/corpora/tiny/$f | cut -d' ' -f1)}
"
  done
  printf 'yibao-bundle 1\nmanifest %d\n%s\nsignature %0128d\n' "${#manifest}" "$manifest" 0
  for f in corpus.yaml procedures/transfer.yaml; do
    printf 'file %s %d\n' "$f" "$(wc -c <tests/cli/corpora/tiny/$f)"
    cat "tests/cli/corpora/tiny/$f"
    printf '\n'
  done
  printf 'end\n'
}
small | seed bundle

# ---- the committed seeds (regression inputs among them) --------------------------------------
for d in tests/fuzz/corpus/*/; do
  t=$(basename "$d")
  if [ -d "$out/$t" ]; then cp "$d"* "$out/$t/"; fi
done
for t in batch jsonq corpus check bundle cli; do
  printf '%-7s %4d seeds\n' "$t" "$(find "$out/$t" -type f | wc -l)"
done
