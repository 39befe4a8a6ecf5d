#!/usr/bin/env bash
# The budget pretraining recipe against BERT's 2018 recipe, on the same machine for the same wall
# clock: both pretrain the bundled model's architecture (L2 H128, bert-base-uncased's vocabulary) from
# random weights on the bundled model's corpus (packaging/pretrain/make-corpus.sh) at the same time,
# one thread each, so that both see the same machine (and the same other load on it), each for
# MINUTES of training. Then, for each:
#   - the masked-LM loss on held-out documents (every 100th document of the corpus, never trained on),
#     read through the masked-LM head alone (`evaluate --task masked-lm`), on the same 128-token
#     windows and the same masks for both;
#   - SST-2 dev accuracy after one epoch of fine-tuning (measure-sst2.sh's settings: batch 32, lr 3e-4,
#     10% warmup, weight decay 0.01, max length 64), mean of SEEDS; and once the same from random
#     weights, the floor both should beat.
#
#   BERT 2018:  --task pretraining (masked LM + next-sentence prediction), mlm_probability 0.15,
#               pairs of sentences, padded rows, lr 5e-4 with 1% warmup then linear decay
#   budget:     --task masked-lm (no NSP: Liu et al. 2019, Izsak et al. 2021), mlm_probability 0.25
#               (Geiping & Goldstein 2022; Wettig et al. 2023), --packing (rows filled with several
#               windows, attention blocked between them), one_cycle at lr 1e-3 (peak half way)
# Both: batch 64, max length 128, AdamW weight decay 0.01, clipping 1.0, and the schedule tied to the
# clock by --max-train-time (so the 2018 recipe decays to 0 within the same budget, rather than being
# cut half way through a schedule planned in steps).
#
#   tests/bench/budget_recipe.sh WORK_DIR [--minutes 45] [--seeds "42 43 44"] [--quick]
#
# --quick checks the script (2 minutes each, 2 MB of corpus, one seed, 2,000 SST-2 sentences).
# stdout and WORK_DIR/budget-recipe.json: one JSON object with both recipes' figures. Progress: stderr.
# Needs a built bertwork-cli (BERTWORK_CLI, else build/app/cli/bertwork-cli) and jq.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
SHARED=${BERTWORK_SHARED:-$REPO/../shared}
CLI=${BERTWORK_CLI:-$REPO/build/app/cli/bertwork-cli}
MODEL=$REPO/resources/models/bertwork-tiny-en
MINUTES=45
SEEDS="42 43 44"
QUICK=0
WORK=""

say() { echo "budget_recipe.sh: $*" >&2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) MINUTES=$2; shift ;;
    --seeds) SEEDS=$2; shift ;;
    --quick) QUICK=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
    -*) say "unknown option $1"; exit 2 ;;
    *) WORK=$1 ;;
  esac
  shift
done
[ -n "$WORK" ] || { say "usage: budget_recipe.sh WORK_DIR [--minutes N] [--seeds \"42 43 44\"] [--quick]"; exit 2; }
[ -x "$CLI" ] || { say "no bertwork-cli at $CLI"; exit 2; }
command -v jq >/dev/null || { say "jq is needed"; exit 2; }
[ $QUICK = 1 ] && MINUTES=2 SEEDS=42
read -r -a seeds <<<"$SEEDS"
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
DB=$WORK/recipes.sqlite

# The corpus, documents separated by blank lines: every 100th document held out.
if [ ! -f "$WORK/heldout.txt" ]; then
  "$REPO/packaging/pretrain/make-corpus.sh" "$SHARED/assets" "$WORK/corpus-all.txt"
  if [ $QUICK = 1 ]; then head -c 2000000 "$WORK/corpus-all.txt" >"$WORK/corpus-cut.txt"; mv "$WORK/corpus-cut.txt" "$WORK/corpus-all.txt"; fi
  awk -v RS= -v ORS='\n\n' -v train="$WORK/train.txt.partial" -v held="$WORK/heldout.txt.partial" \
    '{ if (NR % 100 == 0) print > held; else print > train }' "$WORK/corpus-all.txt"
  mv "$WORK/train.txt.partial" "$WORK/train.txt"
  mv "$WORK/heldout.txt.partial" "$WORK/heldout.txt"
  rm -f "$WORK/corpus-all.txt"
  "$CLI" import --db "$DB" --name heldout --input "$WORK/heldout.txt" --format text >/dev/null
  say "corpus: $(wc -c <"$WORK/train.txt") bytes to train on, $(wc -c <"$WORK/heldout.txt") held out"
fi

common=(--init-config "$MODEL/config.json" --vocab "$MODEL/vocab.txt" --corpus "$WORK/train.txt"
  --max-train-time "${MINUTES}m" --num-train-epochs 1000 --per-device-train-batch-size 64 --max-seq-length 128
  --weight-decay 0.01 --logging-steps 50 --evaluation-strategy no --save-strategy steps --save-steps 100000000
  --budget-checkpoints 1 --seed 42)
pretrain() {  # NAME FLAGS...: prints the checkpoint written when the budget was spent
  local name=$1
  shift
  if [ -f "$WORK/$name.result.json" ]; then jq -r .last_checkpoint "$WORK/$name.result.json"; return; fi
  "$CLI" --threads 1 train --db "$DB" --run-name "$name" "${common[@]}" --output-dir "$WORK/$name" "$@" \
    2>"$WORK/$name.log" | tail -n 1 >"$WORK/$name.result.json.partial"
  mv "$WORK/$name.result.json.partial" "$WORK/$name.result.json"
  jq -r .last_checkpoint "$WORK/$name.result.json"
}

say "pretraining both recipes at once for $MINUTES minutes each"
pretrain bert2018 --task pretraining --mlm-probability 0.15 --learning-rate 5e-4 --lr-scheduler-type linear \
  --warmup-ratio 0.01 >"$WORK/bert2018.checkpoint" &
first=$!
pretrain budget --task masked-lm --packing --mlm-probability 0.25 --learning-rate 1e-3 \
  --lr-scheduler-type one_cycle >"$WORK/budget.checkpoint" &
second=$!
wait $first
wait $second

heldout_loss() {  # CHECKPOINT
  "$CLI" evaluate --model "$1" --db "$DB" --dataset heldout --split train --task masked-lm --max-seq-length 128 \
    2>/dev/null | jq .loss
}

if ! "$CLI" datasets --db "$DB" 2>/dev/null | jq -e 'select(.name == "sst2")' >/dev/null; then
  train_tsv=$SHARED/assets/sst2/train.tsv
  if [ $QUICK = 1 ]; then head -n 2001 "$train_tsv" >"$WORK/sst2-train-quick.tsv"; train_tsv=$WORK/sst2-train-quick.tsv; fi
  "$CLI" import --db "$DB" --name sst2 --input "$train_tsv" >/dev/null
  "$CLI" import --db "$DB" --name sst2 --input "$SHARED/assets/sst2/dev.tsv" --split validation >/dev/null
fi
finetune() {  # NAME SEED START_FLAGS...: the dev accuracy after one epoch
  local name=$1 seed=$2
  shift 2
  "$CLI" train --db "$DB" --run-name "sst2-$name-seed$seed" --task sequence-classification --dataset sst2 "$@" \
    --output-dir "$WORK/sst2-$name-seed$seed" --num-train-epochs 1 --per-device-train-batch-size 32 \
    --per-device-eval-batch-size 64 --learning-rate 3e-4 --warmup-ratio 0.1 --weight-decay 0.01 \
    --max-seq-length 64 --evaluation-strategy epoch --save-strategy no --seed "$seed" 2>/dev/null |
    tail -n 1 | jq '.metrics.accuracy'
}

result='{}'
for recipe in bert2018 budget; do
  checkpoint=$(cat "$WORK/$recipe.checkpoint")
  [ -d "$checkpoint" ] || { say "$recipe left no checkpoint (see $WORK/$recipe.log)"; exit 1; }
  state=$checkpoint/trainer_state.json
  loss=$(heldout_loss "$checkpoint")
  say "$recipe: held-out masked-LM loss $loss; fine-tuning on SST-2"
  accuracies=()
  for seed in "${seeds[@]}"; do accuracies+=("$(finetune "$recipe" "$seed" --model "$checkpoint")"); done
  result=$(jq -c --arg r "$recipe" --argjson loss "$loss" --argjson steps "$(jq .global_step "$state")" \
    --argjson seconds "$(jq .train_seconds "$state")" --argjson acc "$(printf '%s\n' "${accuracies[@]}" | jq -s .)" \
    '.[$r] = {heldout_mlm_loss: $loss, steps: $steps, train_seconds: $seconds, sst2_dev_accuracy: $acc,
              sst2_dev_mean: ($acc | add / length)}' <<<"$result")
done
accuracies=()
for seed in "${seeds[@]}"; do
  accuracies+=("$(finetune random "$seed" --init-config "$MODEL/config.json" --vocab "$MODEL/vocab.txt")")
done
result=$(jq -c --argjson acc "$(printf '%s\n' "${accuracies[@]}" | jq -s .)" --arg when "$(date -u +%F)" \
  --argjson minutes "$MINUTES" --arg cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
  '.random_weights = {sst2_dev_accuracy: $acc, sst2_dev_mean: ($acc | add / length)}
   | .minutes_each = $minutes | .date = $when | .cpu = $cpu' <<<"$result")
echo "$result" | jq . | tee "$WORK/budget-recipe.json"
