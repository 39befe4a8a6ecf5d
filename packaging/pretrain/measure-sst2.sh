#!/usr/bin/env bash
# What pretraining buys downstream: SST-2 dev accuracy after one epoch of fine-tuning on the full
# SST-2 train set (67,349 sentences), (a) from the bundled model and (b) from the same architecture
# with random weights, with the same settings (the quick start's: batch 32, learning rate 3e-4,
# 10% warmup, weight decay 0.01, max length 64), each with seeds 42, 43 and 44: the seed draws the
# classifier's initial weights (and, for (b), the encoder's), the data order and dropout, and moves the
# accuracy by about a point, so the comparison is of the means. Writes WORK_DIR/sst2-finetune.json,
# which ship-model.sh puts in the model card, and prints it. (At 1e-4 both starts do worse, the
# pretrained one most: 77.9% vs 80.2% for stage 1's weights.)
# Usage: measure-sst2.sh WORK_DIR [LEARNING_RATE [SEEDS]]   (SEEDS: "42 43 44" unless given; needs a
# built bertwork-cli; BERTWORK_CLI overrides it, MODEL_DIR measures another model than the bundled one)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=${1:?usage: measure-sst2.sh WORK_DIR [LEARNING_RATE [SEEDS]]}
lr=${2:-3e-4}
read -r -a seeds <<<"${3:-42 43 44}"
cli=${BERTWORK_CLI:-$repo/build/app/cli/bertwork-cli}
sst2=${SST2_DIR:-$repo/../shared/assets/sst2}
model=${MODEL_DIR:-$repo/resources/models/bertwork-tiny-en}
db="$work/sst2.sqlite"
mkdir -p "$work"
if ! "$cli" datasets --db "$db" 2>/dev/null | jq -e 'select(.name == "sst2")' >/dev/null; then
    "$cli" import --db "$db" --name sst2 --input "$sst2/train.tsv" >/dev/null
    "$cli" import --db "$db" --name sst2 --input "$sst2/dev.tsv" --split validation >/dev/null
fi
finetune() {  # NAME SEED START_FLAGS...
    local name=$1 seed=$2
    shift 2
    "$cli" train --db "$db" --run-name "$name-seed$seed" --task sequence-classification --dataset sst2 "$@" \
        --output-dir "$work/sst2-$name-seed$seed" --num-train-epochs 1 --per-device-train-batch-size 32 \
        --per-device-eval-batch-size 64 --learning-rate "$lr" --warmup-ratio 0.1 --weight-decay 0.01 \
        --max-seq-length 64 --evaluation-strategy epoch --save-strategy no --seed "$seed" 2>/dev/null | tail -n 1
}
# One JSON result per seed and start, as the CLI prints it at the end of training.
pretrained=() random=()
for seed in "${seeds[@]}"; do
    pretrained+=("$(finetune "pretrained-lr$lr" "$seed" --model "$model")")
    random+=("$(finetune "random-lr$lr" "$seed" --init-config "$model/config.json" --vocab "$model/vocab.txt")")
done
jq -n --argjson a "$(printf '%s\n' "${pretrained[@]}" | jq -s .)" --argjson b "$(printf '%s\n' "${random[@]}" | jq -s .)" \
    --arg lr "$lr" --argjson seeds "$(printf '%s\n' "${seeds[@]}" | jq -s .)" \
    --arg weights "$(sha256sum "$model/model.safetensors" | cut -d' ' -f1)" '
    def summary: {accuracy: (map(.metrics.accuracy) | add / length), accuracies: map(.metrics.accuracy),
        seconds: (map(.train_seconds) | add / length)};
    ($a | summary) as $pre | ($b | summary) as $rand | {
    model_sha256: $weights, learning_rate: ($lr | tonumber), epochs: 1, batch: 32, max_length: 64, seeds: $seeds,
    pretrained: $pre, random_init: $rand,
    gain_points: ((($pre.accuracy - $rand.accuracy) * 1000 | round) / 10)
}' | tee "$work/sst2-finetune.json.partial"
mv "$work/sst2-finetune.json.partial" "$work/sst2-finetune.json"
