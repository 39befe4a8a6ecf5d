#!/usr/bin/env bash
# Ships the latest pretraining stage's newest checkpoint as the bundled model: a Hugging Face directory
# with float16 weights in resources/models/bertwork-tiny-en, and a model card (held-out metrics, steps,
# wall time, machine, the commands that reproduce it). The current stage's figures come from the run
# store; the finished stages' (their paragraphs under Training and their held-out rows) are carried over
# from the card that the previous stage shipped (shipped-stages.sh names its commit), so the card grows
# a stage at a time. Stages 1 and 2 were shipped by earlier versions of this script: their cards are in
# git commits 92ba691 and c0a4a19, and this one ships stage 3 and later.
# Usage: ship-model.sh WORK_DIR   (the directory pretrain.sh used)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=${1:?usage: ship-model.sh WORK_DIR}
cli=${BERTWORK_CLI:-$repo/build/app/cli/bertwork-cli}
source "$here/shipped-stages.sh"
card_path=resources/models/bertwork-tiny-en
target="$repo/$card_path"
db="$work/runs.sqlite"
runs=$("$cli" runs --db "$db" --format csv list)
# The latest stage that has a run in this store.
run_id="" stage=""
for candidate in 9 8 7 6 5 4 3; do
    run_id=$(awk -F, -v name="bertwork-tiny-en-stage$candidate" '$2 == name {print $1; exit}' <<<"$runs")
    if [ -n "$run_id" ]; then stage=$candidate; break; fi
done
[ -n "$run_id" ] || { echo "ship-model.sh: no run of stage 3 or later (bertwork-tiny-en-stageN) in $db" >&2; exit 1; }
previous=$((stage - 1))
previous_card=$(git -C "$repo" show "${stage_commit[$previous]}:$card_path/README.md")

"$cli" export --db "$db" --run "$run_id" --checkpoint last --dtype float16 --output "$target" >/dev/null
show=$("$cli" runs --db "$db" show "$run_id")
step=$(jq -r '[.checkpoints[].step] | max' <<<"$show")
arg() { jq -r ".config.training_args.$1" <<<"$show"; }
max_steps=$(arg max_steps) batch=$(arg per_device_train_batch_size)
parameters=$("$cli" inspect --model "$target" | jq -r '.parameters')
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
# The time processes trained the run, stops between sessions left out.
train_seconds=$(jq -r '.trained_seconds | floor' <<<"$show")
thousands() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }
sequences_before=$(sequences_before_stage "$stage")
sequences=$((sequences_before + step * batch))

# A list item wrapped to the card's width, continuation lines indented under it.
wrap_item() { fold -s -w 106 | sed -e 's/ *$//' -e '2,$s/^/  /'; }
# The finished stages' paragraphs under Training, from the previous card, the last one told what came of it.
finished_stage_paragraphs() {
    sed -n '/^- Stage 1,/,/^$/p' <<<"$previous_card" | sed '/^$/d'
    echo "  Its float16 export (git commit ${stage_commit[$previous]}) starts stage $stage."
}
current_stage_paragraph() {
    local rate=$((train_seconds > 0 ? step * batch / train_seconds : 0))
    wrap_item <<TEXT
- Stage $stage, from stage $previous's weights with a fresh optimizer, batch $batch: lr $(arg learning_rate), \
$(arg warmup_steps) warmup steps, linear decay over $(thousands "$max_steps") steps, another data order \
(\`--data-seed $(arg data_seed)\`). Training time: $(awk -v s="$train_seconds" 'BEGIN {printf "%.2f", s / 3600}') h \
(stops left out), $rate sequences/s on average, on a machine shared with builds.
TEXT
}
# The finished stages' held-out rows from the previous card, then one row per evaluation of this stage.
evaluation_rows() {
    awk -F'|' -v stage="$stage" 'NF == 9 && $2 ~ /^ [0-9]+ $/ && $2 + 0 < stage' <<<"$previous_card"
    jq -r --argjson upto "$step" --arg stage "$stage" '.evaluations[] | select(.step <= $upto) |
        "| \($stage) | \(.step) | \(.metrics.mlm_accuracy * 10000 | round / 10000) | \(.metrics.perplexity * 10 | round / 10) | " +
        "\(.metrics.nsp_accuracy * 10000 | round / 10000) | \(.metrics.mlm_loss * 10000 | round / 10000) | " +
        "\(.metrics.nsp_loss * 10000 | round / 10000) |"' <<<"$show"
}

# The SST-2 comparison of measure-sst2.sh, when it was measured on exactly these weights (else nothing).
sst2_results=""
if [ -f "$work/sst2-finetune.json" ] &&
    [ "$(jq -r .model_sha256 "$work/sst2-finetune.json")" = "$(sha256sum "$target/model.safetensors" | cut -d' ' -f1)" ]; then
    sst2_results="$work/sst2-finetune.json"
fi
sst2_section() {
    [ -n "$sst2_results" ] || return 0
    jq -r 'def pct: (. * 1000 | round) as $t | "\($t / 10 | floor).\($t % 10)%";
        def row(name): "| \(name) | **\(.accuracy | pct)** | \(.accuracies | map(pct) | join(", ")) | \(.seconds | round) s |";
        "## Fine-tuning on SST-2 (one epoch)\n" +
        "Full SST-2 train set (67,349 sentences), dev set (872) accuracy after one epoch, batch \(.batch), learning rate \(.learning_rate),\n" +
        "10% warmup, weight decay 0.01, max length \(.max_length), seeds \(.seeds | map(tostring) | join(", ")) (`measure-sst2.sh`):\n\n" +
        "| start | mean | per seed | epoch time |\n|---|---|---|---|\n" +
        (.pretrained | row("this model")) + "\n" + (.random_init | row("same architecture, random weights"))' "$sst2_results"
}
# What the SST-2 comparison says of these weights, in words.
sst2_verdict() {
    [ -n "$sst2_results" ] || return 0
    jq -r --arg sequences "$(thousands "$sequences")" 'if .gain_points >= 2 then
            "On SST-2 it beats the same architecture with random weights by \(.gain_points) points (mean of \(.seeds | length) seeds, see below)."
        elif .gain_points > 0 then "On SST-2 it beats the same architecture with random weights by \(.gain_points) points
(mean of \(.seeds | length) seeds, see below), short of the 2 points we aim for: \($sequences) sequences are far from
what pretraining needs."
        else "On SST-2 it is not yet better than the same architecture with random weights (\(.gain_points) points,
see below): \($sequences) sequences are far from what pretraining needs." end' "$sst2_results"
}

status="Stage $stage, step **$step of $max_steps** at batch $batch, after stages 1 to $previous:
$(thousands "$sequences") sequences of length 128 in all."
[ "$step" -lt "$max_steps" ] && status="$status Pretraining continues; this directory is replaced when it goes further."

cat >"$target/README.md.partial" <<CARD
---
language: en
license: apache-2.0
library_name: transformers
tags: [bert, pretraining, bertwork]
---
# bertwork-tiny-en

A BERT-Tiny-shaped model (L=2, H=128, A=2, I=512; $parameters parameters) pretrained **from random
weights** by Bertwork's own trainer with masked LM (15%, 80/10/10) and next sentence prediction, on
real English text, with the bert-base-uncased WordPiece vocabulary (30,522 tokens, lower-cased).
Weights are stored as float16 and load as float32; \`BertForPreTraining.from_pretrained\` loads it
with no missing keys.

## Status
$status $(sst2_verdict)

## Data
\`packaging/pretrain/make-corpus.sh\`: IMDB unlabelled reviews (50,000) and the text of the 25,000
IMDB train reviews (labels unused), and WikiText-2 test paragraphs: 86,605 documents, 100 MB.
1% of the documents are held out for evaluation, the same ones in every stage. SST-2 is not in the
corpus: it is the task the model is measured on.

## Training
Every stage: AdamW (weight decay 0.01 except biases and LayerNorm), gradient clipping 1.0, sequence
length 128, seed 42, LibTorch 1.13 on the CPU of a 2-core virtual machine ($cpu).
$(finished_stage_paragraphs)
$(current_stage_paragraph)

## Held-out metrics
| stage | step | MLM accuracy | perplexity | NSP accuracy | MLM loss | NSP loss |
|---|---|---|---|---|---|---|
$(evaluation_rows)

$(sst2_section)

## Reproduce
    bash packaging/build.sh
    bash packaging/pretrain/pretrain.sh /path/to/work 1     # stage 1; re-run to resume after a stop
$(for ((s = 2; s <= stage; s++)); do
    echo "    bash packaging/pretrain/pretrain.sh /path/to/work $s     # stage $s (starts from stage $((s - 1))'s shipped weights)"
done)
    bash packaging/pretrain/ship-model.sh /path/to/work
    bash packaging/pretrain/measure-sst2.sh /path/to/work   # the SST-2 comparison, then ship again
CARD
mv "$target/README.md.partial" "$target/README.md"
echo "shipped stage $stage step $step to $target" >&2
