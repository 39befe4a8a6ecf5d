#!/usr/bin/env bash
# What pretraining buys downstream, measured so that neither start is favoured by its learning rate and
# the dev set is never used to choose anything: SST-2 fine-tuning (one epoch, batch 32, 10% warmup,
# weight decay 0.01, max length 64, as packaging/pretrain/measure-sst2.sh runs it) from
#   (a) the bundled pretrained model (resources/models/bertwork-tiny-en), and
#   (b) the same architecture with random weights,
# each at every learning rate of LRS and every seed of SEEDS, trained on 95% of SST-2 train. The other
# 5% (held out, stratified by label: `bertwork-cli import --validation-fraction 0.05`) picks each
# start's learning rate: the one with the best mean held-out accuracy over the seeds. Only then is the
# SST-2 dev set (imported as the test split) read: the dev accuracy of each start's runs at its chosen
# rate, per seed and mean, and the gap between the starts. The gap at every learning rate (held-out and
# dev) shows how much the conclusion depends on the rate.
#
#   tests/bench/pretraining_benefit.sh WORK_DIR [--quick] [--lrs "1e-4 2e-4 3e-4 5e-4"] [--seeds "42 43 44"]
#                                      [--threads N] [--build-dir DIR]
#
#   WORK_DIR    the store, checkpoints (each deleted once evaluated) and results; a rerun with the same
#               WORK_DIR skips the runs already in WORK_DIR/runs.jsonl
#   --quick     checks the script: 1,000 training sentences (a seeded sample, 50 held out), 200 dev
#               sentences, seed 42 only; the accuracies mean nothing
#   --lrs       learning rates to try (default 1e-4 2e-4 3e-4 5e-4)
#   --seeds     seeds (default 42 43 44): the classifier's initial weights (for (b) the encoder's too),
#               the data order and dropout
#   --threads   compute threads (default: every core)
#   --build-dir where bertwork-cli is built (default: build-bench; BERTWORK_CLI names the binary itself)
# MODEL_DIR measures another model than the bundled one.
#
# stdout (and WORK_DIR/pretraining-benefit.json): one JSON object: for each start the chosen learning
# rate, the held-out mean at each rate, the dev accuracy per seed and its mean at the chosen rate; the
# gap in points (pretrained minus random, each at its own chosen rate); and "sensitivity": per rate,
# both starts' held-out and dev means and their gaps. Progress: stderr.
# Full run: 2 starts x 4 rates x 3 seeds = 24 fine-tunes of one epoch on 63,981 sentences, about 30
# minutes on 2 cores.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
SHARED=${BERTWORK_SHARED:-$REPO/../shared}
PY=python3
BUILD=$REPO/build-bench
MODEL=${MODEL_DIR:-$REPO/resources/models/bertwork-tiny-en}
LRS="1e-4 2e-4 3e-4 5e-4"
SEEDS="42 43 44"
QUICK=0
THREADS=0
WORK=""

say() { echo "pretraining_benefit.sh: $*" >&2; }
usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --lrs|--seeds|--threads|--build-dir) [ $# -ge 2 ] || { say "$1 needs a value"; usage; } ;;
  esac
  case "$1" in
    --quick) QUICK=1 ;;
    --lrs) LRS=$2; shift ;;
    --seeds) SEEDS=$2; shift ;;
    --threads) THREADS=$2; shift ;;
    --build-dir) BUILD=$2; shift ;;
    -h|--help) usage ;;
    -*) say "unknown option $1"; usage ;;
    *) [ -z "$WORK" ] || { say "one WORK_DIR only"; usage; }; WORK=$1 ;;
  esac
  shift
done
[ -n "$WORK" ] || usage
[ $QUICK = 1 ] && [ "$SEEDS" = "42 43 44" ] && SEEDS=42
read -r -a lrs <<<"$LRS"
read -r -a seeds <<<"$SEEDS"
[ ${#lrs[@]} -gt 0 ] && [ ${#seeds[@]} -gt 0 ] || { say "--lrs and --seeds need at least one value"; exit 2; }
CLI=${BERTWORK_CLI:-$BUILD/app/cli/bertwork-cli}
[ -x "$CLI" ] || { say "no bertwork-cli at $CLI (run tests/bench/compare.sh once, or build the bertwork-cli target)"; exit 2; }
command -v jq >/dev/null || { say "jq is needed"; exit 2; }
[ -f "$MODEL/model.safetensors" ] || { say "no model at $MODEL"; exit 2; }
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
DB=$WORK/sst2.sqlite
DATASET=sst2-heldout
cli() { "$CLI" --threads "$THREADS" "$@"; }

# The data: SST-2 train (or a seeded sample) with 5% held out as the validation split, and the dev set
# as the test split, which only the final evaluations read.
if ! "$CLI" datasets --db "$DB" 2>/dev/null | jq -e --arg n "$DATASET" 'select(.name == $n)' >/dev/null; then
  train_size=0 dev_size=0
  [ $QUICK = 1 ] && train_size=1000 dev_size=200
  "$PY" "$BENCH_DIR/epoch_sample.py" "$SHARED/assets/sst2/train.tsv" "$WORK/train.jsonl" $train_size 42 >&2
  "$PY" "$BENCH_DIR/epoch_sample.py" "$SHARED/assets/sst2/dev.tsv" "$WORK/dev.jsonl" $dev_size 42 >&2
  "$CLI" import --db "$DB" --name "$DATASET" --input "$WORK/train.jsonl" --format jsonl --text-column text \
    --label-column label --validation-fraction 0.05 --seed 42 2>/dev/null >"$WORK/import-train.json"
  "$CLI" import --db "$DB" --name "$DATASET" --input "$WORK/dev.jsonl" --format jsonl --text-column text \
    --label-column label --split test 2>/dev/null >"$WORK/import-dev.json"
  say "imported: $(jq -c . "$WORK/import-train.json") $(jq -c . "$WORK/import-dev.json")"
fi

RUNS=$WORK/runs.jsonl
touch "$RUNS"

# finetune START LR SEED: one fine-tune on the 95%, its held-out accuracy (the trainer's evaluation at
# the end of the epoch) and its dev accuracy (bertwork-cli evaluate on the test split); appends a line
# to runs.jsonl.
finetune() {
  local start=$1 lr=$2 seed=$3 name=$1-lr$2-seed$3
  if [ "$(jq -s --arg n "$name" 'any(.[]; .name == $n)' "$RUNS")" = true ]; then
    say "$name: done already"
    return 0
  fi
  local from=(--model "$MODEL")
  [ "$start" = random ] && from=(--init-config "$MODEL/config.json" --vocab "$MODEL/vocab.txt")
  say "$name: fine-tuning"
  local out=$WORK/$name result checkpoint dev
  rm -rf "$out"
  result=$(cli train --db "$DB" --run-name "$name" --task sequence-classification --dataset "$DATASET" "${from[@]}" \
    --output-dir "$out" --num-train-epochs 1 --per-device-train-batch-size 32 --per-device-eval-batch-size 64 \
    --learning-rate "$lr" --warmup-ratio 0.1 --weight-decay 0.01 --max-seq-length 64 \
    --evaluation-strategy epoch --save-strategy epoch --seed "$seed" 2>"$out.log" | tail -n 1)
  checkpoint=$(jq -r '.last_checkpoint // empty' <<<"$result")
  [ -n "$checkpoint" ] || { say "$name: training gave no checkpoint (log: $out.log)"; exit 1; }
  dev=$(cli evaluate --model "$checkpoint" --db "$DB" --dataset "$DATASET" --split test --batch-size 64 \
    --max-seq-length 64 2>>"$out.log" | tail -n 1)
  jq -nc --arg name "$name" --arg start "$start" --argjson lr "$lr" --argjson seed "$seed" \
    --argjson train "$result" --argjson dev "$dev" '
    {name: $name, start: $start, learning_rate: $lr, seed: $seed,
     heldout_accuracy: $train.metrics.accuracy, dev_accuracy: $dev.accuracy, dev_examples: $dev.examples,
     train_seconds: $train.train_seconds, global_step: $train.global_step, run_id: $train.run_id}' >>"$RUNS"
  say "$name: held-out $(jq -r .metrics.accuracy <<<"$result"), dev $(jq -r .accuracy <<<"$dev"), $(jq -r .train_seconds <<<"$result") s"
  rm -rf "$out"  # the checkpoint (model, optimizer state): evaluated, no longer needed
}

for lr in "${lrs[@]}"; do
  for seed in "${seeds[@]}"; do
    for start in pretrained random; do finetune "$start" "$lr" "$seed"; done
  done
done

# The report, from the runs of this invocation's rates and seeds only.
jq -s --argjson lrs "$(printf '%s\n' "${lrs[@]}" | jq -s 'map(tonumber)')" \
  --argjson seeds "$(printf '%s\n' "${seeds[@]}" | jq -s 'map(tonumber)')" \
  --arg weights "$(sha256sum "$MODEL/model.safetensors" | cut -d' ' -f1)" --arg model "$MODEL" \
  --argjson quick "$QUICK" --argjson split "$(jq -c '.rows // null' "$WORK/import-train.json" 2>/dev/null || echo null)" \
  --argjson dev "$(jq -c '.rows.test // null' "$WORK/import-dev.json" 2>/dev/null || echo null)" '
  def mean: if length == 0 then null else add / length end;
  def r4: if . == null then null else (. * 10000 | round) / 10000 end;
  def points: if . == null then null else (. * 1000 | round) / 10 end;
  map(select(.learning_rate as $l | $lrs | index($l)) | select(.seed as $s | $seeds | index($s))) as $runs
  | def at($start; $lr): $runs | map(select(.start == $start and .learning_rate == $lr));
    def summary($start):
      ($lrs | map({lr: ., heldout: (at($start; .) | map(.heldout_accuracy) | mean)})) as $by_lr
      # The best mean held-out accuracy; a tie goes to the rate listed first.
      | ($by_lr | map(select(.heldout != null)) | (map(.heldout) | max) as $best
         | map(select(.heldout == $best)) | first | .lr?) as $chosen
      | {chosen_learning_rate: $chosen,
         heldout_mean_by_lr: ($by_lr | map({key: (.lr | tostring), value: (.heldout | r4)}) | from_entries),
         dev_accuracies: (at($start; $chosen) | sort_by(.seed) | map(.dev_accuracy | r4)),
         dev_accuracy: (at($start; $chosen) | map(.dev_accuracy) | mean | r4),
         seconds_per_finetune: (at($start; $chosen) | map(.train_seconds) | mean | if . == null then null else (. * 10 | round) / 10 end)};
    summary("pretrained") as $pre | summary("random") as $rand
  | {model: $model, model_sha256: $weights, quick: ($quick == 1),
     protocol: "each start trained on 95% of SST-2 train at every rate and seed; its rate chosen by mean held-out (5%, stratified) accuracy; dev accuracy read at the chosen rate only",
     epochs: 1, batch: 32, warmup_ratio: 0.1, weight_decay: 0.01, max_length: 64,
     learning_rates: $lrs, seeds: $seeds, rows: {train: $split.train?, heldout: $split.validation?, dev: $dev},
     pretrained: $pre, random_init: $rand,
     gain_points: (if $pre.dev_accuracy == null or $rand.dev_accuracy == null then null
                   else ($pre.dev_accuracy - $rand.dev_accuracy) | points end),
     sensitivity: ($lrs | map(. as $lr |
       (at("pretrained"; $lr) | map(.heldout_accuracy) | mean) as $ph | (at("random"; $lr) | map(.heldout_accuracy) | mean) as $rh
       | (at("pretrained"; $lr) | map(.dev_accuracy) | mean) as $pd | (at("random"; $lr) | map(.dev_accuracy) | mean) as $rd
       | {learning_rate: $lr, heldout_pretrained: ($ph | r4), heldout_random: ($rh | r4),
          heldout_gap_points: (if $ph == null or $rh == null then null else ($ph - $rh) | points end),
          dev_pretrained: ($pd | r4), dev_random: ($rd | r4),
          dev_gap_points: (if $pd == null or $rd == null then null else ($pd - $rd) | points end)})),
     runs: ($runs | length)}' "$RUNS" | tee "$WORK/pretraining-benefit.json.partial"
mv "$WORK/pretraining-benefit.json.partial" "$WORK/pretraining-benefit.json"
