#!/usr/bin/env bash
# Reproduces the README's claim that Bertwork's WordPiece tokenizer gives the same input ids, offsets and
# word ids as Hugging Face tokenizers 0.23 (the npm package, Rust inside) on real text: every line of
# the sources below goes through `bertwork-cli tokenize` (special tokens added, no truncation) and
# through Tokenizer.encodeBatch with the same vocabulary's tokenizer.json, and the two are compared
# token by token (tok_agreement.js). Why a script: a claim of agreement is only as good as the lines it
# was checked on, so anyone can rerun it, on all of them or on a sample.
#
#   tests/bench/tokenizer_agreement.sh [--per-source N] [--sources a,b,...] [--show K] [--build-dir DIR]
#
#   --per-source N  the first N lines of each source (default: every line; about 480,000 in all)
#   --sources LIST  comma-separated, default all: imdb-unsup (50,000 reviews), imdb-train (25,000),
#                   sst2 (train + dev + test, 70,042), wikitext2 (2,891 non-blank test lines),
#                   conll2003-sentences (20,744), conll2003-words (301,418 words, one per line),
#                   chnsenticorp (10,800, bert-base-chinese vocabulary, no lower-casing)
#   --show K        print the first K mismatches in full (default 10)
#   --build-dir     where bertwork-cli is built (default: build-bench, as compare.sh builds it; built
#                   here when missing)
#
# stdout: a {"mismatch": {...}} line for each shown mismatch (the line, the field, the first position
# that differs, both sides' tokens around it), then one summary line {"name": "tokenizer-agreement",
# "lines", "identical", "mismatched", "ids_mismatch", "offsets_mismatch", "word_ids_mismatch",
# "by_source": {...}, "seconds"}. Exit status 0 when every line agrees, 1 when some do not.
# Needs node and npm (tokenizers@0.23.2 is installed into BUILD/bench-peers/node, as compare.sh does).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
SHARED=${BERTWORK_SHARED:-$REPO/../shared}
BUILD=$REPO/build-bench
ARGS=()

say() { echo "tokenizer_agreement.sh: $*" >&2; }
usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --per-source|--sources|--show|--build-dir) [ $# -ge 2 ] || { say "$1 needs a value"; usage; } ;;
  esac
  case "$1" in
    --per-source|--sources|--show) ARGS+=("$1" "$2"); shift ;;
    --build-dir) BUILD=$2; shift ;;
    -h|--help) usage ;;
    *) say "unknown option $1"; usage ;;
  esac
  shift
done
[ -d "$SHARED/assets" ] || { say "no assets at $SHARED/assets (set BERTWORK_SHARED to the shared folder)"; exit 2; }

CLI=$BUILD/app/cli/bertwork-cli
if [ ! -x "$CLI" ]; then
  say "building bertwork-cli in $BUILD"
  { cmake -S "$REPO" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DBERTWORK_BUILD_BENCH=ON -DBERTWORK_GUI=OFF &&
    cmake --build "$BUILD" -j"$(nproc)" --target bertwork-cli; } >"$BUILD.agreement-build.log" 2>&1 ||
    { tail -n 20 "$BUILD.agreement-build.log" >&2; say "the build failed"; exit 2; }
fi

NODE_DIR=$BUILD/bench-peers/node
mkdir -p "$NODE_DIR"
cp "$BENCH_DIR/tok_agreement.js" "$NODE_DIR/"  # Node resolves require('tokenizers') from the script's folder
[ -f "$NODE_DIR/package.json" ] || echo '{"name": "bertwork-bench-peers", "private": true}' >"$NODE_DIR/package.json"
if [ "$(jq -r .version "$NODE_DIR/node_modules/tokenizers/package.json" 2>/dev/null || true)" != 0.23.2 ]; then
  say "npm install tokenizers@0.23.2 into $NODE_DIR"
  (cd "$NODE_DIR" && npm install --no-audit --no-fund tokenizers@0.23.2) >&2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/bertwork-agreement.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
node "$NODE_DIR/tok_agreement.js" --cli "$CLI" --assets "$SHARED/assets" \
  --uncased-dir "$REPO/tests/fixtures/vocab/bert-base-uncased" --work "$WORK" ${ARGS[@]+"${ARGS[@]}"}
