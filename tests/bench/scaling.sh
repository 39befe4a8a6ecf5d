#!/usr/bin/env bash
# How training time and peak memory grow with sequence length and batch size, ours and PyTorch
# eager (../shared/peer/bench_bert.py) back to back at each point, bert-mini by default.
#
#   tests/bench/scaling.sh [CONFIG] [--threads N] [--build-dir DIR]
#
# Needs what compare.sh builds and installs (bench_train in build-bench, Debian's python3-torch).
# stdout: one JSON line per point, {"name": "scaling-train-bert-CONFIG", batch, seq, ours, peer,
# unit: "seq/s", ratio, ms_per_token_ours, ms_per_token_peer, rss_mb_ours, rss_mb_peer}.
# Sequence lengths 64-512 at batch 32, then batches 8-64 at length 128. Progress: stderr.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
PEER=${BERTWORK_SHARED:-$REPO/../shared}/peer
PY=/usr/bin/python3
CONFIG=mini
THREADS=2
BUILD=$REPO/build-bench
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) THREADS=$2; shift ;;
    --build-dir) BUILD=$2; shift ;;
    tiny|mini|small|medium|base) CONFIG=$1 ;;
    *) echo "scaling.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# side NAME COMMAND...: runs it under peak_rss.py; prints {"seq_per_s", "peak_rss_mb"} or nulls.
side() {
  local name=$1 rate
  shift
  if "$PY" "$BENCH_DIR/peak_rss.py" "$WORK/$name.usage" "$@" >"$WORK/$name.out" 2>"$WORK/$name.log"; then
    rate=$(grep '^{' "$WORK/$name.out" | tail -n 1 | jq '.seq_per_s // .seq_per_s_median')
    jq -c --argjson rate "$rate" '{seq_per_s: $rate, peak_rss_mb}' "$WORK/$name.usage"
  else
    echo "scaling.sh: $name failed: $(tail -n 1 "$WORK/$name.log")" >&2
    echo '{"seq_per_s": null, "peak_rss_mb": null}'
  fi
}

point() {  # BATCH SEQ
  local batch=$1 seq=$2 steps=(--warmup 1 --steps 3 --repeats 3) ours peer
  [ "$seq" -ge 512 ] && steps=(--warmup 1 --steps 2 --repeats 3)
  echo "scaling.sh: batch $batch, length $seq" >&2
  ours=$(side ours "$BUILD/tests/bench/bench_train" "$CONFIG" classify --batch "$batch" --seq "$seq" \
    --threads "$THREADS" "${steps[@]}")
  peer=$(side peer "$PY" "$PEER/bench_bert.py" "bert-$CONFIG" train --batch "$batch" --seq "$seq" \
    --threads "$THREADS" "${steps[@]}" --foreach 1 --out "$WORK/bench_bert.jsonl")  # foreach AdamW, as compare.sh
  jq -nc --arg name "scaling-train-bert-$CONFIG" --argjson b "$batch" --argjson s "$seq" \
    --argjson o "$ours" --argjson p "$peer" '
    def r3: if . == null then null else (. * 1000 | round) / 1000 end;
    def per_token(x): if x == null then null else (1000 / x / $s | r3) end;
    {name: $name, batch: $b, seq: $s, ours: ($o.seq_per_s | r3), peer: ($p.seq_per_s | r3), unit: "seq/s",
     ratio: (if $o.seq_per_s == null or $p.seq_per_s == null then null else ($o.seq_per_s / $p.seq_per_s | r3) end),
     ms_per_token_ours: per_token($o.seq_per_s), ms_per_token_peer: per_token($p.seq_per_s),
     rss_mb_ours: $o.peak_rss_mb, rss_mb_peer: $p.peak_rss_mb}'
}

for seq in 64 128 256 512; do point 32 "$seq"; done
for batch in 8 16 64; do point "$batch" 128; done
