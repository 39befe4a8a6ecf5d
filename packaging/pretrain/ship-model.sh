#!/usr/bin/env bash
# Ships the pretraining run's latest checkpoint as the bundled model: a Hugging Face directory with
# float16 weights in resources/models/bertwork-tiny-en, and a model card written from the run store
# (held-out metrics, steps, wall time, machine, the commands that reproduce it).
# Usage: ship-model.sh WORK_DIR   (the directory pretrain.sh used)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=${1:?usage: ship-model.sh WORK_DIR}
cli=${BERTWORK_CLI:-$repo/build/app/cli/bertwork-cli}
target="$repo/resources/models/bertwork-tiny-en"
db="$work/runs.sqlite"
run_id=$("$cli" runs --db "$db" --format csv list | awk -F, '$2=="bertwork-tiny-en" {print $1; exit}')
[ -n "$run_id" ] || { echo "ship-model.sh: no bertwork-tiny-en run in $db" >&2; exit 1; }

"$cli" export --db "$db" --run "$run_id" --checkpoint last --dtype float16 --output "$target" >/dev/null
show=$("$cli" runs --db "$db" show "$run_id")
step=$(jq -r '[.checkpoints[].step] | max' <<<"$show")
evaluation=$(jq -c '[.evaluations[] | select(.step <= '"$step"')] | max_by(.step)' <<<"$show")
metric() { jq -r ".metrics.$1 // \"n/a\"" <<<"$evaluation" | awk '{ if ($1 ~ /^[0-9.e-]+$/) printf "%.4f", $1; else print $1 }'; }
# Elapsed between the first and the last logged step (stops between sessions included).
train_hours=$("$cli" runs --db "$db" metrics "$run_id" --name train/loss --format csv |
    awk -F, 'NR == 2 {first = $5} END {printf "%.2f", ($5 - first) / 3600}')
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
max_steps=$(jq -r '.config.training_args.max_steps' <<<"$show")
parameters=$("$cli" inspect --model "$target" | jq -r '.parameters')

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
Checkpoint at step **$step of $max_steps** (batch 64, sequence length 128).$([ "$step" -lt "$max_steps" ] && echo " Pretraining continues;
this directory is replaced when it goes further.")

## Data
\`packaging/pretrain/make-corpus.sh\`: IMDB unlabelled reviews (50,000) and the text of the 25,000
IMDB train reviews (labels unused), and WikiText-2 test paragraphs: 86,605 documents, 100 MB.
1% of the documents are held out for evaluation. SST-2 is not in the corpus: it is the task the
model is measured on.

## Held-out metrics (step $(jq -r '.step' <<<"$evaluation"))
| MLM accuracy | perplexity | NSP accuracy | MLM loss | NSP loss |
|---|---|---|---|---|
| $(metric mlm_accuracy) | $(metric perplexity) | $(metric nsp_accuracy) | $(metric mlm_loss) | $(metric nsp_loss) |

## Training
AdamW (lr 5e-4, weight decay 0.01 except biases and LayerNorm), 300 warmup steps then linear decay,
gradient clipping 1.0, seed 42. Wall time so far: $train_hours h between the first and the last logged step on a shared 2-core
virtual machine ($cpu), LibTorch 1.13 on the CPU; the curves are in the run store.

$(sst2_section)

## Reproduce
    bash packaging/build.sh
    bash packaging/pretrain/pretrain.sh /path/to/work      # re-run to resume after a stop
    bash packaging/pretrain/ship-model.sh /path/to/work
    bash packaging/pretrain/measure-sst2.sh /path/to/work   # the SST-2 comparison, then ship again
CARD
mv "$target/README.md.partial" "$target/README.md"
echo "shipped step $step to $target" >&2
