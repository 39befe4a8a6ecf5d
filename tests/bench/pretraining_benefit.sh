#!/usr/bin/env bash
# What pretraining buys downstream, measured so that neither start is favoured by its learning rate and
# the final evaluation set is never used to choose anything: one epoch of fine-tuning (batch 32, 10%
# warmup, weight decay 0.01) on
#   sst2:  SST-2 sentiment, max length 64 (as packaging/pretrain/measure-sst2.sh runs it), accuracy on
#          the SST-2 dev set;
#   conll: CoNLL-2003 named entities, max length 128, entity F1 (seqeval's micro F1) on its test set;
# from
#   (a) the pretrained model (resources/models/bertwork-tiny-en, or MODEL_DIR), and
#   (b) the same architecture with random weights,
# each at every learning rate of LRS and every seed of SEEDS, trained on the task's train set less a
# held-out part, which picks each start's learning rate: the one with the best mean held-out score
# over the seeds. For SST-2 the held-out part is 10% of its sentences, each family of phrases whole
# (sst2_sentence_holdout.py: 688 sentences, their 6,728 phrases out of training); `--heldout phrases`
# holds out 5% of the phrases instead (the protocol of 2026-12-04), whose held-out phrases mostly have
# their sentence's other phrases in training. For CoNLL it is 5% of the sentences (stratified:
# `bertwork-cli import --validation-fraction 0.05`). Only then is
# the final set (imported as the test split) read: each start's score at its chosen rate, per seed and
# mean, and the gap between the starts. The gap at every learning rate (held-out and final) shows how
# much the conclusion depends on the rate.
#
#   tests/bench/pretraining_benefit.sh WORK_DIR [--task sst2|conll] [--heldout sentences|phrases] [--quick]
#                                      [--lrs "1e-4 2e-4 3e-4 5e-4"] [--seeds "42 43 44"] [--threads N] [--build-dir DIR]
#
#   WORK_DIR    the store, checkpoints (each deleted once evaluated) and results; a rerun with the same
#               WORK_DIR skips the runs already in WORK_DIR/runs.jsonl
#   --task      sst2 (default) or conll
#   --heldout   SST-2's held-out part: sentences (default) or phrases
#   --quick     checks the script: about 1,000 training rows (SST-2: a seeded sample of phrases, or of
#               100 sentence families; CoNLL: the first sentences), 200 final rows, seed 42 only; the
#               scores mean nothing
#   --lrs       learning rates to try (default 1e-4 2e-4 3e-4 5e-4)
#   --seeds     seeds (default 42 43 44): the classifier's initial weights (for (b) the encoder's too),
#               the data order and dropout
#   --threads   compute threads (default: every core)
#   --build-dir where bertwork-cli is built (default: build-bench; BERTWORK_CLI names the binary itself)
# MODEL_DIR measures another model than the bundled one.
#
# stdout (and WORK_DIR/pretraining-benefit.json): one JSON object: the metric and the final split; for
# each start the chosen learning rate, the held-out mean at each rate, the final score per seed and its
# mean at the chosen rate; the gap in points (pretrained minus random, each at its own chosen rate);
# and "sensitivity": per rate, both starts' held-out and final means and their gaps. Progress: stderr.
# Full run: 2 starts x 4 rates x 3 seeds = 24 fine-tunes of one epoch, on 63,981 SST-2 sentences (about
# 30 minutes on 2 cores for bertwork-tiny-en) or 13,339 CoNLL sentences.
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
TASK=sst2
HELDOUT=sentences
THREADS=0
WORK=""

say() { echo "pretraining_benefit.sh: $*" >&2; }
usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --task|--heldout|--lrs|--seeds|--threads|--build-dir) [ $# -ge 2 ] || { say "$1 needs a value"; usage; } ;;
  esac
  case "$1" in
    --quick) QUICK=1 ;;
    --task) TASK=$2; shift ;;
    --heldout) HELDOUT=$2; shift ;;
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
case "$TASK" in
  sst2) HEAD=sequence-classification METRIC=accuracy FINAL_SPLIT="SST-2 dev" MAX_LENGTH=64 ;;
  conll) HEAD=token-classification METRIC=f1_micro FINAL_SPLIT="CoNLL-2003 test" MAX_LENGTH=128 ;;
  *) say "--task is sst2 or conll, not $TASK"; exit 2 ;;
esac
case "$TASK/$HELDOUT" in
  sst2/sentences|sst2/phrases) ;;
  conll/*) HELDOUT=sentences ;;
  *) say "--heldout is sentences or phrases, not $HELDOUT"; exit 2 ;;
esac
DB=$WORK/$TASK.sqlite
DATASET=$TASK-heldout
cli() { "$CLI" --threads "$THREADS" "$@"; }

# The first N sentences of a CoNLL file (blank-line separated; -DOCSTART- lines dropped), for --quick.
conll_head() {
  awk -v n="$2" '/^-DOCSTART-/ {next} /^[[:space:]]*$/ {if (open) {print ""; open = 0; if (++done == n) exit}; next}
                 {print; open = 1} END {if (open) print ""}' "$1"
}

# The data: the train set (or a sample) with 5% held out as the validation split, and the final set
# as the test split, which only the final evaluations read.
if ! "$CLI" datasets --db "$DB" 2>/dev/null | jq -e --arg n "$DATASET" 'select(.name == $n)' >/dev/null; then
  train_size=0 final_size=0
  [ $QUICK = 1 ] && train_size=1000 final_size=200
  holdout=(--validation-fraction 0.05 --seed 42)
  if [ "$TASK" = sst2 ]; then
    import=(--format jsonl --text-column text --label-column label)
    if [ "$HELDOUT" = sentences ]; then
      families=0
      [ $QUICK = 1 ] && families=100
      "$PY" "$BENCH_DIR/sst2_sentence_holdout.py" "$SHARED/assets/sst2/train.tsv" "$WORK/train.jsonl" \
        "$WORK/heldout.jsonl" 0.1 42 $families >&2
      holdout=()
    else
      "$PY" "$BENCH_DIR/epoch_sample.py" "$SHARED/assets/sst2/train.tsv" "$WORK/train.jsonl" $train_size 42 >&2
    fi
    "$PY" "$BENCH_DIR/epoch_sample.py" "$SHARED/assets/sst2/dev.tsv" "$WORK/final.jsonl" $final_size 42 >&2
    train_file=$WORK/train.jsonl final_file=$WORK/final.jsonl
  else
    train_file=$SHARED/assets/conll2003/train.txt final_file=$SHARED/assets/conll2003/test.txt
    if [ $QUICK = 1 ]; then
      conll_head "$train_file" $train_size >"$WORK/train.txt"
      conll_head "$final_file" $final_size >"$WORK/final.txt"
      train_file=$WORK/train.txt final_file=$WORK/final.txt
    fi
    import=(--format conll)
  fi
  "$CLI" import --db "$DB" --name "$DATASET" --input "$train_file" "${import[@]}" "${holdout[@]}" \
    2>/dev/null >"$WORK/import-train.json"
  if [ -f "$WORK/heldout.jsonl" ]; then  # SST-2's held-out sentences, after train (whose labels come first)
    "$CLI" import --db "$DB" --name "$DATASET" --input "$WORK/heldout.jsonl" "${import[@]}" --split validation \
      2>/dev/null >"$WORK/import-train.json"
  fi
  "$CLI" import --db "$DB" --name "$DATASET" --input "$final_file" "${import[@]}" \
    --split test 2>/dev/null >"$WORK/import-final.json"
  say "imported: $(jq -c . "$WORK/import-train.json") $(jq -c . "$WORK/import-final.json")"
fi

RUNS=$WORK/runs.jsonl
touch "$RUNS"

# finetune START LR SEED: one fine-tune on the 95%, its held-out score (the trainer's evaluation at the
# end of the epoch) and its final score (bertwork-cli evaluate on the test split); appends a line to
# runs.jsonl.
finetune() {
  local start=$1 lr=$2 seed=$3 name=$1-lr$2-seed$3
  if [ "$(jq -s --arg n "$name" 'any(.[]; .name == $n)' "$RUNS")" = true ]; then
    say "$name: done already"
    return 0
  fi
  local from=(--model "$MODEL")
  [ "$start" = random ] && from=(--init-config "$MODEL/config.json" --vocab "$MODEL/vocab.txt")
  say "$name: fine-tuning"
  local out=$WORK/$name result checkpoint final
  rm -rf "$out"
  result=$(cli train --db "$DB" --run-name "$name" --task "$HEAD" --dataset "$DATASET" "${from[@]}" \
    --output-dir "$out" --num-train-epochs 1 --per-device-train-batch-size 32 --per-device-eval-batch-size 64 \
    --learning-rate "$lr" --warmup-ratio 0.1 --weight-decay 0.01 --max-seq-length "$MAX_LENGTH" \
    --evaluation-strategy epoch --save-strategy epoch --seed "$seed" 2>"$out.log" | tail -n 1)
  checkpoint=$(jq -r '.last_checkpoint // empty' <<<"$result")
  [ -n "$checkpoint" ] || { say "$name: training gave no checkpoint (log: $out.log)"; exit 1; }
  final=$(cli evaluate --model "$checkpoint" --db "$DB" --dataset "$DATASET" --split test --batch-size 64 \
    --max-seq-length "$MAX_LENGTH" 2>>"$out.log" | tail -n 1)
  jq -nc --arg name "$name" --arg start "$start" --argjson lr "$lr" --argjson seed "$seed" --arg metric "$METRIC" \
    --argjson train "$result" --argjson final "$final" '
    {name: $name, start: $start, learning_rate: $lr, seed: $seed, metric: $metric,
     heldout: $train.metrics[$metric], final: $final[$metric], final_examples: $final.examples,
     train_seconds: $train.train_seconds, global_step: $train.global_step, run_id: $train.run_id}' >>"$RUNS"
  say "$name: held-out $METRIC $(jq -r --arg m "$METRIC" '.metrics[$m]' <<<"$result"), final $(jq -r --arg m "$METRIC" '.[$m]' <<<"$final"), $(jq -r .train_seconds <<<"$result") s"
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
  --argjson quick "$QUICK" --argjson split "$(jq -c '.total_rows // null' "$WORK/import-train.json" 2>/dev/null || echo null)" \
  --argjson final "$(jq -c '.rows.test // null' "$WORK/import-final.json" 2>/dev/null || echo null)" \
  --arg task "$TASK" --arg heldout_kind "$HELDOUT" --arg metric "$METRIC" --arg final_split "$FINAL_SPLIT" --argjson max_length "$MAX_LENGTH" '
  def mean: if length == 0 then null else add / length end;
  def r4: if . == null then null else (. * 10000 | round) / 10000 end;
  def points: if . == null then null else (. * 1000 | round) / 10 end;
  map(select(.learning_rate as $l | $lrs | index($l)) | select(.seed as $s | $seeds | index($s))) as $runs
  | def at($start; $lr): $runs | map(select(.start == $start and .learning_rate == $lr));
    def summary($start):
      ($lrs | map({lr: ., heldout: (at($start; .) | map(.heldout) | mean)})) as $by_lr
      # The best mean held-out score; a tie goes to the rate listed first.
      | ($by_lr | map(select(.heldout != null)) | (map(.heldout) | max) as $best
         | map(select(.heldout == $best)) | first | .lr?) as $chosen
      | {chosen_learning_rate: $chosen,
         heldout_mean_by_lr: ($by_lr | map({key: (.lr | tostring), value: (.heldout | r4)}) | from_entries),
         final_scores: (at($start; $chosen) | sort_by(.seed) | map(.final | r4)),
         final_mean: (at($start; $chosen) | map(.final) | mean | r4),
         seconds_per_finetune: (at($start; $chosen) | map(.train_seconds) | mean | if . == null then null else (. * 10 | round) / 10 end)};
    summary("pretrained") as $pre | summary("random") as $rand
  | {task: $task, heldout_kind: $heldout_kind, metric: $metric, final_split: $final_split, model: $model, model_sha256: $weights, quick: ($quick == 1),
     protocol: "each start trained on the train set less a held-out part at every rate and seed; its rate chosen by the mean held-out score; the final split read at the chosen rate only",
     epochs: 1, batch: 32, warmup_ratio: 0.1, weight_decay: 0.01, max_length: $max_length,
     learning_rates: $lrs, seeds: $seeds, rows: {train: $split.train?, heldout: $split.validation?, final: $final},
     pretrained: $pre, random_init: $rand,
     gain_points: (if $pre.final_mean == null or $rand.final_mean == null then null
                   else ($pre.final_mean - $rand.final_mean) | points end),
     sensitivity: ($lrs | map(. as $lr |
       (at("pretrained"; $lr) | map(.heldout) | mean) as $ph | (at("random"; $lr) | map(.heldout) | mean) as $rh
       | (at("pretrained"; $lr) | map(.final) | mean) as $pf | (at("random"; $lr) | map(.final) | mean) as $rf
       | {learning_rate: $lr, heldout_pretrained: ($ph | r4), heldout_random: ($rh | r4),
          heldout_gap_points: (if $ph == null or $rh == null then null else ($ph - $rh) | points end),
          final_pretrained: ($pf | r4), final_random: ($rf | r4),
          final_gap_points: (if $pf == null or $rf == null then null else ($pf - $rf) | points end)})),
     runs: ($runs | length)}' "$RUNS" | tee "$WORK/pretraining-benefit.json.partial"
mv "$WORK/pretraining-benefit.json.partial" "$WORK/pretraining-benefit.json"
