#!/usr/bin/env bash
# Ships the latest pretraining stage's newest checkpoint as the bundled model: a Hugging Face directory
# with float16 weights in resources/models/bertwork-tiny-en, and a model card written from the run store
# (held-out metrics, steps, wall time, machine, the commands that reproduce it).
# Usage: ship-model.sh WORK_DIR   (the directory pretrain.sh used)
# Stages 1 and 2 are finished and their figures are written here; the latest stage's come from the store.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=${1:?usage: ship-model.sh WORK_DIR}
cli=${BERTWORK_CLI:-$repo/build/app/cli/bertwork-cli}
target="$repo/resources/models/bertwork-tiny-en"
db="$work/runs.sqlite"
runs=$("$cli" runs --db "$db" --format csv list)
run_of() { awk -F, -v name="$1" '$2 == name {print $1; exit}' <<<"$runs"; }
# The latest stage that has a run in this store.
run_id="" stage=""
for candidate in 3 2 1; do
    name=bertwork-tiny-en-stage$candidate
    [ "$candidate" = 1 ] && name=bertwork-tiny-en
    run_id=$(run_of "$name")
    if [ -n "$run_id" ]; then stage=$candidate; break; fi
done
[ -n "$run_id" ] || { echo "ship-model.sh: no bertwork-tiny-en run in $db" >&2; exit 1; }

"$cli" export --db "$db" --run "$run_id" --checkpoint last --dtype float16 --output "$target" >/dev/null
show=$("$cli" runs --db "$db" show "$run_id")
step=$(jq -r '[.checkpoints[].step] | max' <<<"$show")
max_steps=$(jq -r '.config.training_args.max_steps' <<<"$show")
lr=$(jq -r '.config.training_args.learning_rate' <<<"$show")
parameters=$("$cli" inspect --model "$target" | jq -r '.parameters')
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
# Elapsed between the first and the last logged step (stops between sessions included).
train_hours=$("$cli" runs --db "$db" metrics "$run_id" --name train/loss --format csv |
    awk -F, 'NR == 2 {first = $5} END {printf "%.2f", ($5 - first) / 3600}')

# One table row per held-out evaluation of this stage, up to the shipped step.
evaluation_rows() {
    jq -r --argjson upto "$step" --arg stage "$stage" '.evaluations[] | select(.step <= $upto) |
        "| \($stage) | \(.step) | \(.metrics.mlm_accuracy * 10000 | round / 10000) | \(.metrics.perplexity * 10 | round / 10) | " +
        "\(.metrics.nsp_accuracy * 10000 | round / 10000) | \(.metrics.mlm_loss * 10000 | round / 10000) | " +
        "\(.metrics.nsp_loss * 10000 | round / 10000) |"' <<<"$show"
}

# Stage 2's evaluations (finished, shipped in git commit c0a4a19), for the cards of later stages.
stage2_rows() {
    cat <<'ROWS'
| 2 | 500 | 0.1461 | 417.2 | 0.6169 | 6.0335 | 0.6427 |
| 2 | 1000 | 0.1563 | 392.4 | 0.6096 | 5.9723 | 0.6431 |
| 2 | 1500 | 0.171 | 355.2 | 0.6255 | 5.8728 | 0.6406 |
| 2 | 2000 | 0.1887 | 314.5 | 0.6242 | 5.7509 | 0.6615 |
| 2 | 2500 | 0.2008 | 277.9 | 0.6334 | 5.6272 | 0.6316 |
| 2 | 3000 | 0.2079 | 258.3 | 0.6321 | 5.5543 | 0.6276 |
| 2 | 3500 | 0.2103 | 252 | 0.6298 | 5.5292 | 0.62 |
ROWS
}

# The SST-2 comparison of measure-sst2.sh, when it was measured on exactly these weights.
sst2_section() {
    local results="$work/sst2-finetune.json"
    [ -f "$results" ] || return 0
    [ "$(jq -r .model_sha256 "$results")" = "$(sha256sum "$target/model.safetensors" | cut -d' ' -f1)" ] || return 0
    jq -r '"## Fine-tuning on SST-2 (one epoch)\n" +
        "Full SST-2 train set (67,349 sentences), dev set (872) accuracy after one epoch, batch \(.batch), learning rate \(.learning_rate),\n" +
        "10% warmup, weight decay 0.01, max length \(.max_length), seed 42 (`measure-sst2.sh`):\n\n" +
        "| start | SST-2 dev accuracy | epoch time |\n|---|---|---|\n" +
        "| this model | \(.pretrained.accuracy * 1000 | round / 10)% | \(.pretrained.seconds | round) s |\n" +
        "| same architecture, random weights | \(.random_init.accuracy * 1000 | round / 10)% | \(.random_init.seconds | round) s |"' "$results"
}

thousands() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }
case "$stage" in
3) status="Stage 3, step **$step of $max_steps** at batch 32, after stages 1 and 2 (8,227 steps of batch 64):
$(thousands $((8227 * 64 + step * 32))) sequences of length 128 in all." ;;
2) status="Stage 2, step **$step of $max_steps**, after stage 1's 4,727 steps: $((4727 + step)) steps of batch 64 and
sequence length 128 in all." ;;
*) status="Stage 1, step **$step of $max_steps** (batch 64, sequence length 128)." ;;
esac
[ "$step" -lt "$max_steps" ] && status="$status Pretraining continues; this directory is replaced when it goes further."
# What the SST-2 comparison says of these weights, in words.
sst2_verdict() {
    local results="$work/sst2-finetune.json"
    [ -f "$results" ] || return 0
    [ "$(jq -r .model_sha256 "$results")" = "$(sha256sum "$target/model.safetensors" | cut -d' ' -f1)" ] || return 0
    jq -r 'if .gain_points >= 2 then "On SST-2 it beats the same architecture with random weights by \(.gain_points) points."
        elif .gain_points > 0 then "On SST-2 it beats the same architecture with random weights by \(.gain_points) points (see
below), short of the 2 points we aim for: a million sequences are far from what pretraining needs, and the held-out
MLM accuracy was still rising."
        else "On SST-2 it is not yet better than the same architecture with random weights (\(.gain_points) points,
see below): so few steps are far from what pretraining needs, and the held-out MLM accuracy was still rising." end' "$results"
}

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
- Stage 1, from random weights, batch 64: lr 5e-4, 300 warmup steps, then linear decay planned over 6,000
  steps. It stopped at step 4,727 (4.19 h on a machine shared with builds) when its machine was reclaimed,
  which took its run store and optimizer state; its float16 export (git commit 92ba691) starts stage 2.
- Stage 2, from stage 1's weights with a fresh optimizer, batch 64: lr 5e-4, 100 warmup steps, linear decay
  over 3,500 steps, another data order (\`--data-seed 2\`); 1.35 h between its first and last logged step,
  on a machine shared with builds. (A first try with a peak of 1e-3 was stopped at step 657: its training
  loss rose from 6.64 to 6.86 and had not come back.) Its float16 export (git commit c0a4a19) starts stage 3.
$([ "$stage" = 3 ] && echo "- Stage 3, from stage 2's weights with a fresh optimizer, batch 32 (twice the updates for the same sequences):
  lr $lr, 200 warmup steps, linear decay over $max_steps steps, another data order (\`--data-seed 3\`).
  Wall time: $train_hours h between its first and last logged step, stops included, on a machine shared
  with builds and benchmarks. It was stopped and resumed twice, the second time to take up a faster
  trainer build that computes the same thing (about 90 sequences/s before, 143 after).")

## Held-out metrics
| stage | step | MLM accuracy | perplexity | NSP accuracy | MLM loss | NSP loss |
|---|---|---|---|---|---|---|
| 1 | 4500 | 0.1476 | 414.1 | 0.6229 | 6.0261 | 0.6404 |
$(if [ "$stage" = 2 ]; then evaluation_rows; else stage2_rows; fi)
$([ "$stage" = 3 ] && evaluation_rows)

$(sst2_section)

## Reproduce
    bash packaging/build.sh
    bash packaging/pretrain/pretrain.sh /path/to/work 1     # stage 1; re-run to resume after a stop
    bash packaging/pretrain/pretrain.sh /path/to/work 2     # stage 2 (starts from stage 1's shipped weights)
    bash packaging/pretrain/pretrain.sh /path/to/work 3     # stage 3 (starts from stage 2's shipped weights)
    bash packaging/pretrain/ship-model.sh /path/to/work
    bash packaging/pretrain/measure-sst2.sh /path/to/work   # the SST-2 comparison, then ship again
CARD
mv "$target/README.md.partial" "$target/README.md"
echo "shipped stage $stage step $step to $target" >&2
