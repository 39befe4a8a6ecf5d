#!/usr/bin/env bash
# What `--bf16` costs and buys on the CPU: one epoch of the bundled model on the full SST-2 train set
# (67,349 sentences; the quick start's settings: batch 32, learning rate 3e-4, 10% warmup, weight
# decay 0.01, max length 64), in float32 and in bf16 autocast, for each seed, back to back; dev
# accuracy and training time of each. The performance issue's bar: bf16 within 0.5 point of float32.
#
#   tests/bench/bf16_accuracy.sh WORK_DIR [SEEDS] [--threads N]   (SEEDS: "42 43" unless given)
#
# Needs a built bertwork-cli (build/, or BERTWORK_CLI) and a CPU with AVX-512 BF16 or AMX to be
# worth running (elsewhere LibTorch emulates bf16, slowly). stdout: one JSON line per run
# {"precision", "seed", "accuracy", "train_seconds"}, then {"name": "bf16-sst2", "float32", "bf16"
# (mean accuracies), "points" (bf16 - float32), "speed" (float32 seconds / bf16 seconds)}.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=${1:?usage: bf16_accuracy.sh WORK_DIR [SEEDS] [--threads N]}
shift
seeds="42 43"
threads=0
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads=$2; shift ;;
    *) seeds=$1 ;;
  esac
  shift
done
cli=${BERTWORK_CLI:-$REPO/build/app/cli/bertwork-cli}
sst2=${SST2_DIR:-$REPO/../shared/assets/sst2}
model=$REPO/resources/models/bertwork-tiny-en
db=$work/sst2.sqlite
mkdir -p "$work"
if ! "$cli" datasets --db "$db" 2>/dev/null | jq -e 'select(.name == "sst2")' >/dev/null; then
  "$cli" import --db "$db" --name sst2 --input "$sst2/train.tsv" >/dev/null
  "$cli" import --db "$db" --name sst2 --input "$sst2/dev.tsv" --split validation >/dev/null
fi

results=()
for seed in $seeds; do
  for precision in float32 bf16; do
    flags=()
    [ "$precision" = bf16 ] && flags=(--bf16)
    echo "bf16_accuracy.sh: $precision, seed $seed" >&2
    line=$("$cli" --threads "$threads" train --db "$db" --run-name "$precision-seed$seed" --model "$model" \
      --task sequence-classification --dataset sst2 --output-dir "$work/$precision-seed$seed" \
      --num-train-epochs 1 --per-device-train-batch-size 32 --per-device-eval-batch-size 64 \
      --learning-rate 3e-4 --warmup-ratio 0.1 --weight-decay 0.01 --max-seq-length 64 \
      --evaluation-strategy epoch --save-strategy no --seed "$seed" --device cpu "${flags[@]}" 2>/dev/null | tail -n 1)
    result=$(jq -c --arg p "$precision" --argjson seed "$seed" \
      '{precision: $p, seed: $seed, accuracy: .metrics.accuracy, train_seconds}' <<<"$line")
    echo "$result"
    results+=("$result")
  done
done
printf '%s\n' "${results[@]}" | jq -sc '
  def mean(p): map(select(.precision == p)) | (map(.accuracy) | add / length) as $a
    | (map(.train_seconds) | add / length) as $s | {accuracy: $a, seconds: $s};
  mean("float32") as $f | mean("bf16") as $b
  | {name: "bf16-sst2", float32: $f, bf16: $b,
     points: ((($b.accuracy - $f.accuracy) * 10000 | round) / 100),
     speed: (($f.seconds / $b.seconds * 1000 | round) / 1000)}'
