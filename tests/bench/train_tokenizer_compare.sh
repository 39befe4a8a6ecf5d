#!/usr/bin/env bash
# Training a WordPiece vocabulary: `bertwork-cli train-tokenizer` against Hugging Face tokenizers 0.23.2
# (the npm package, Rust inside), on the same ~100 MB of text with the same thread count, and what
# the vocabularies are worth on text neither saw.
#
#   tests/bench/train_tokenizer_compare.sh [--threads N] [--repeats N] [--held-out N] [--corpus FILE]
#                                          [--build-dir DIR] [--peer-dir DIR] [--keep]
#
#   --threads N    threads of both sides (ours: --threads; tokenizers: RAYON_NUM_THREADS), default 2
#   --repeats N    timed runs of each side, interleaved (ours, theirs, theirs, ours, ...), default 3
#   --held-out N   lines kept out of training, for tokens per word and the agreement check (default 1000)
#   --corpus FILE  train on FILE's lines (its last N lines held out) instead of the default corpus:
#                  IMDB's unlabelled reviews (../shared/assets/imdb/unsup.txt) but its last N, and the
#                  25,000 reviews of imdb/train.tsv: about 98 MB; the held-out lines are unsup.txt's last N
#   --build-dir    where bertwork-cli is built (default: build-bench, built here when missing)
#   --peer-dir     folder whose node_modules has tokenizers@0.23.2 (default BUILD/bench-peers/node;
#                  npm installs it there when missing)
#   --keep         keep the work folder and say where it is
#
# What is compared (stdout, one JSON line each, then a summary line):
#   * time: tokenizers' Node binding can only train with its default WordPieceTrainer (vocab_size 30000,
#     min_frequency 0, no alphabet limit, no special tokens), so ours runs with the same settings
#     (--vocab-size 30005 with our 5 special tokens, --min-frequency 0 --limit-alphabet 0): "train-time",
#     median seconds of each (ours: the whole command, reading, learning and writing four files;
#     theirs: Tokenizer.train alone), "ratio" = theirs / ours (> 1: ours is faster); and ours alone
#     at BERT's settings (--vocab-size 30522 --min-frequency 2 --limit-alphabet 1000): "train-time-bert";
#   * "overlap": |A ∩ B| / |A| of the learnt tokens (special tokens left out) at the same settings;
#   * "tokens-per-word" on the held-out lines, for ours (both settings), theirs and bert-base-uncased's
#     vocabulary, each through the same BERT tokenizer in tokenizers (lower-casing, [UNK] for what a
#     vocabulary cannot spell);
#   * "hf-loads-ours": Tokenizer.fromFile on our tokenizer.json (BERT settings) gives the same ids,
#     special tokens included, as `bertwork-cli tokenize` on every held-out line;
#   * "chinese": ours on ChnSentiCorp's training texts (--no-lower-case --limit-alphabet 0): how many
#     tokens hold a CJK ideograph, and how many of those are longer than the ideograph alone (0 expected).
# Needs node, npm (when tokenizers is missing) and jq.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
SHARED=${BERTWORK_SHARED:-$REPO/../shared}
BUILD=$REPO/build-bench
PEER_DIR=
THREADS=2 REPEATS=3 HELD_OUT=1000 CORPUS= KEEP=0

say() { echo "train_tokenizer_compare.sh: $*" >&2; }
usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case "$1" in
    --threads|--repeats|--held-out|--corpus|--build-dir|--peer-dir) [ $# -ge 2 ] || { say "$1 needs a value"; usage; } ;;
  esac
  case "$1" in
    --threads) THREADS=$2; shift ;;
    --repeats) REPEATS=$2; shift ;;
    --held-out) HELD_OUT=$2; shift ;;
    --corpus) CORPUS=$2; shift ;;
    --build-dir) BUILD=$(cd "$2" && pwd); shift ;;
    --peer-dir) PEER_DIR=$2; shift ;;
    --keep) KEEP=1 ;;
    -h|--help) usage ;;
    *) say "unknown option $1"; usage ;;
  esac
  shift
done
PEER_DIR=${PEER_DIR:-$BUILD/bench-peers/node}

CLI=$BUILD/app/cli/bertwork-cli
if [ ! -x "$CLI" ]; then
  say "building bertwork-cli in $BUILD"
  { cmake -S "$REPO" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DBERTWORK_BUILD_BENCH=ON -DBERTWORK_GUI=OFF &&
    cmake --build "$BUILD" -j"$(nproc)" --target bertwork-cli; } >"$BUILD.train-tokenizer-build.log" 2>&1 ||
    { tail -n 20 "$BUILD.train-tokenizer-build.log" >&2; say "the build failed"; exit 2; }
fi
if [ "$(jq -r .version "$PEER_DIR/node_modules/tokenizers/package.json" 2>/dev/null || true)" != 0.23.2 ]; then
  say "npm install tokenizers@0.23.2 into $PEER_DIR"
  mkdir -p "$PEER_DIR"
  [ -f "$PEER_DIR/package.json" ] || echo '{"name": "bertwork-bench-peers", "private": true}' >"$PEER_DIR/package.json"
  (cd "$PEER_DIR" && npm install --no-audit --no-fund tokenizers@0.23.2) >&2
fi
peer() { NODE_PATH="$PEER_DIR/node_modules" node "$BENCH_DIR/train_tokenizer_peer.js" "$@"; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/bertwork-train-tokenizer.XXXXXX")
if [ "$KEEP" = 1 ]; then say "work folder: $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi

# The corpus and the held-out lines, which training never sees.
if [ -n "$CORPUS" ]; then
  total=$(wc -l <"$CORPUS")
  head -n $((total - HELD_OUT)) "$CORPUS" >"$WORK/corpus.txt"
  tail -n "$HELD_OUT" "$CORPUS" >"$WORK/held-out.txt"
else
  unsup=$SHARED/assets/imdb/unsup.txt
  [ -f "$unsup" ] || { say "no $unsup (set BERTWORK_SHARED to the shared folder)"; exit 2; }
  total=$(wc -l <"$unsup")
  { head -n $((total - HELD_OUT)) "$unsup"; tail -n +2 "$SHARED/assets/imdb/train.tsv" | cut -f4-; } >"$WORK/corpus.txt"
  tail -n "$HELD_OUT" "$unsup" >"$WORK/held-out.txt"
fi
corpus_bytes=$(stat -c %s "$WORK/corpus.txt")
say "corpus: $corpus_bytes bytes, $(wc -l <"$WORK/corpus.txt") lines; held out: $HELD_OUT lines"

now() { date +%s.%N; }
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

ours_same() {  # tokenizers' default settings
  "$CLI" --threads "$THREADS" train-tokenizer --corpus "$WORK/corpus.txt" --vocab-size 30005 --min-frequency 0 \
    --limit-alphabet 0 --output "$WORK/ours-same" | jq -r .seconds
}
ours_bert() {
  "$CLI" --threads "$THREADS" train-tokenizer --corpus "$WORK/corpus.txt" --vocab-size 30522 --output "$WORK/ours-bert" |
    jq -r .seconds
}
theirs() {
  RAYON_NUM_THREADS=$THREADS peer train "$WORK/theirs" "$WORK/corpus.txt" 2>/dev/null | grep '^{' | jq -r .seconds
}

: >"$WORK/ours.times"; : >"$WORK/theirs.times"; : >"$WORK/ours-bert.times"
for ((r = 0; r < REPEATS; r++)); do
  if ((r % 2 == 0)); then order="ours theirs"; else order="theirs ours"; fi
  for side in $order; do
    if [ "$side" = ours ]; then ours_same >>"$WORK/ours.times"; else theirs >>"$WORK/theirs.times"; fi
    say "round $((r + 1)): $side $(tail -n 1 "$WORK/$side.times") s"
  done
  ours_bert >>"$WORK/ours-bert.times"
done
t_ours=$(median <"$WORK/ours.times")
t_theirs=$(median <"$WORK/theirs.times")
t_bert=$(median <"$WORK/ours-bert.times")
jq -nc --argjson ours "$t_ours" --argjson theirs "$t_theirs" --argjson threads "$THREADS" \
  --argjson bytes "$corpus_bytes" --argjson repeats "$REPEATS" \
  --arg os "$(paste -sd, "$WORK/ours.times")" --arg ts "$(paste -sd, "$WORK/theirs.times")" \
  '{name: "train-time", unit: "s", ours: $ours, peer: $theirs, ratio: ($theirs / $ours), threads: $threads,
    corpus_bytes: $bytes, repeats: $repeats, ours_runs: $os, peer_runs: $ts,
    settings: "vocab 30000 learnt (+5 special tokens for ours), min_frequency 0, no alphabet limit",
    peer_pkg: "tokenizers@0.23.2 (npm)"}'
jq -nc --argjson ours "$t_bert" --argjson threads "$THREADS" --argjson bytes "$corpus_bytes" \
  '{name: "train-time-bert", unit: "s", ours: $ours, threads: $threads, corpus_bytes: $bytes,
    mb_per_s: ($bytes / 1e6 / $ours), settings: "vocab 30522, min_frequency 2, limit_alphabet 1000 (BERT)"}'

# Overlap of the learnt tokens at the same settings.
overlap() {  # A B: |A ∩ B| / |A|, special tokens left out of both
  local specials='^\[(PAD|UNK|CLS|SEP|MASK)\]$'
  grep -Ev "$specials" "$1" | sort -u >"$WORK/a.sorted"
  grep -Ev "$specials" "$2" | sort -u >"$WORK/b.sorted"
  local a both
  a=$(wc -l <"$WORK/a.sorted")
  both=$(comm -12 "$WORK/a.sorted" "$WORK/b.sorted" | wc -l)
  echo "$a $both"
}
read -r a both < <(overlap "$WORK/ours-same/vocab.txt" "$WORK/theirs/vocab.txt")
read -r ab bothb < <(overlap "$WORK/ours-bert/vocab.txt" "$WORK/theirs/vocab.txt")
jq -nc --argjson a "$a" --argjson both "$both" --argjson ab "$ab" --argjson bothb "$bothb" \
  --argjson b "$(grep -c '' "$WORK/theirs/vocab.txt")" \
  '{name: "overlap", ours: $a, peer: $b, common: $both, overlap: ($both / $a),
    bert_settings: {ours: $ab, common: $bothb, overlap: ($bothb / $ab)}}'

# Tokens per word on the held-out lines.
peer tokens-per-word "$WORK/held-out.txt" "ours-bert=$WORK/ours-bert/vocab.txt" "ours-same=$WORK/ours-same/vocab.txt" \
  "theirs=$WORK/theirs/vocab.txt" "bert-base-uncased=$REPO/tests/fixtures/vocab/bert-base-uncased/vocab.txt" |
  jq -c '{name: "tokens-per-word"} + .'

# Hugging Face loads our tokenizer.json and agrees with our ids.
jq -R -c '{text: .}' "$WORK/held-out.txt" >"$WORK/held-out.jsonl"
"$CLI" tokenize --model "$WORK/ours-bert" --input "$WORK/held-out.jsonl" >"$WORK/ours-ids.jsonl"
peer agree "$WORK/ours-bert/tokenizer.json" "$WORK/held-out.txt" "$WORK/ours-ids.jsonl" | jq -c '{name: "hf-loads-ours"} + .'

# Chinese: every CJK ideograph its own token.
tail -n +2 "$SHARED/assets/chnsenticorp/train.tsv" | cut -f2- >"$WORK/chinese.txt"
"$CLI" --threads "$THREADS" train-tokenizer --corpus "$WORK/chinese.txt" --vocab-size 21128 --no-lower-case \
  --limit-alphabet 0 --output "$WORK/chinese" >"$WORK/chinese.json"
node -e '
  const fs = require("fs");
  const cjk = /[\u4E00-\u9FFF\u3400-\u4DBF\uF900-\uFAFF]|[\u{20000}-\u{2FA1F}]/u;
  const tokens = fs.readFileSync(process.argv[1], "utf8").split("\n").filter((t) => t);
  const withCjk = tokens.filter((t) => cjk.test(t));
  const longer = withCjk.filter((t) => [...t].length !== 1);
  const summary = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  console.log(JSON.stringify({ name: "chinese", vocab_size: tokens.length, cjk_tokens: withCjk.length,
                               cjk_tokens_longer_than_one_ideograph: longer.length, examples: longer.slice(0, 5),
                               corpus_bytes: summary.corpus.bytes, seconds: summary.seconds }));
' "$WORK/chinese/vocab.txt" "$WORK/chinese.json"
