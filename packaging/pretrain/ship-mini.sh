#!/usr/bin/env bash
# Ships bertwork-mini-en (pretrain-mini.sh's run) as a Hugging Face directory with float16 weights in
# resources/models/bertwork-mini-en, with its model card: data, recipe, steps, training time and
# machine, every held-out evaluation, what fine-tuning it gives against random weights (the
# tests/bench/pretraining_benefit.sh results given, for SST-2 and CoNLL-2003, when they were measured
# on exactly the weights shipped), and the commands that reproduce it.
# Usage: ship-mini.sh WORK_DIR [BENEFIT_JSON...]
#   WORK_DIR      the directory pretrain-mini.sh used
#   BENEFIT_JSON  pretraining-benefit.json files of pretraining_benefit.sh runs with
#                 MODEL_DIR=resources/models/bertwork-mini-en (a file measured on other weights is
#                 left out of the card, with a word on stderr)
# The weights written are the run's newest checkpoint: shipping again after more steps replaces
# them, and then the benefit measurements have to be made again. SHIP_TO writes elsewhere (a trial).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=${1:?usage: ship-mini.sh WORK_DIR [BENEFIT_JSON...]}
shift
cli=${BERTWORK_CLI:-$repo/build/app/cli/bertwork-cli}
run_name=bertwork-mini-en
target=${SHIP_TO:-$repo/resources/models/$run_name}
db=$work/runs.sqlite

run_id=$("$cli" runs --db "$db" --format csv list | awk -F, -v name="$run_name" '$2 == name {print $1; exit}')
[ -n "$run_id" ] || { echo "ship-mini.sh: no run named $run_name in $db" >&2; exit 1; }
show=$("$cli" runs --db "$db" show "$run_id")
step=$(jq -r '[.checkpoints[].step] | max' <<<"$show")
mkdir -p "$target"
"$cli" export --db "$db" --run "$run_id" --checkpoint last --dtype float16 --output "$target" >/dev/null
sha=$(sha256sum "$target/model.safetensors" | cut -d' ' -f1)

arg() { jq -r ".config.training_args.$1" <<<"$show"; }
max_steps=$(arg max_steps) batch=$(arg per_device_train_batch_size) length=$(arg max_seq_length)
parameters=$("$cli" inspect --model "$target" | jq -r '.parameters')
# Where it trained, as the run recorded it (a run pretrained on a lent GPU is shipped from here).
libtorch=$(jq -r '.versions.libtorch // "?"' <<<"$show")
if [ "$(jq -r '.config.compute.device // "cpu"' <<<"$show")" = cpu ]; then
    hardware="the CPU of a 2-core virtual machine ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), shared with builds and tests"
else
    hardware="one $(jq -r '.config.compute.device_name' <<<"$show") GPU"
fi
train_seconds=$(jq -r '.trained_seconds | floor' <<<"$show")  # the processes' time, stops left out
sessions=$(jq -r '.sessions | length' <<<"$show")
thousands() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }
rows=$((step * batch))

# The benefit files measured on these weights, one section each.
benefits=()
for file in "$@"; do
    if [ "$(jq -r .quick "$file")" = true ]; then
        echo "ship-mini.sh: $file is a --quick check of the script; left out of the card" >&2
    elif [ "$(jq -r .model_sha256 "$file")" = "$sha" ]; then
        benefits+=("$file")
    else
        echo "ship-mini.sh: $file was measured on other weights; left out of the card" >&2
    fi
done
benefit_section() {  # FILE
    jq -r 'def pct: if . == null then "-" else (. * 1000 | round) as $t | "\($t / 10 | floor).\($t % 10)" end;
        def row(name): "| \(name) | \(.chosen_learning_rate) | **\(.final_mean | pct)** | \(.final_scores | map(pct) | join(", ")) | \(.seconds_per_finetune | round) s |";
        "### \(.final_split), \(if .metric == "f1_micro" then "entity F1" else .metric end) (%)\n" +
        "One epoch on \(.rows.train) training rows, batch \(.batch), 10% warmup, weight decay \(.weight_decay), max length \(.max_length); " +
        "each start'"'"'s learning rate chosen among \(.learning_rates | map(tostring) | join(", ")) by its mean over seeds " +
        "\(.seeds | map(tostring) | join(", ")) on \(.rows.heldout) held-out training rows; the \(.final_split) set (\(.rows.final) rows) read at that rate only " +
        "(`tests/bench/pretraining_benefit.sh --task \(.task)`).\n\n" +
        "| start | learning rate | mean | per seed | fine-tune time |\n|---|---|---|---|---|\n" +
        (.pretrained | row("this model")) + "\n" + (.random_init | row("same architecture, random weights")) + "\n\n" +
        "Gain over random weights: **\(.gain_points) points**."' "$1"
}

status="Step **$(thousands "$step") of $(thousands "$max_steps")** at batch $batch: $(thousands "$rows") packed rows of $length tokens."
[ "$step" -lt "$max_steps" ] && status="$status Pretraining continues; this directory is replaced when it goes further."

cat >"$target/README.md.partial" <<CARD
---
language: en
license: apache-2.0
library_name: transformers
tags: [bert, fill-mask, bertwork]
---
# $run_name

A BERT-Mini-shaped model (L=4, H=256, A=4, I=1024; $(thousands "$parameters") parameters) pretrained **from random
weights** by Bertwork's own trainer with its budget recipe, on real English text, with the
bert-base-uncased WordPiece vocabulary (30,522 tokens, lower-cased). Weights are stored as float16
and load as float32; \`BertForMaskedLM.from_pretrained\` loads it with no missing keys.

## Status
$status

## Data
\`packaging/pretrain/make-corpus.sh\`: IMDB unlabelled reviews (50,000) and the text of the 25,000
IMDB train reviews (labels unused), and WikiText-2 test paragraphs: 86,605 documents, 100 MB, the
corpus of bertwork-tiny-en. 1% of the documents are held out for evaluation. SST-2 and CoNLL-2003
are not in the corpus: they are the tasks the model is measured on.

## Training
\`packaging/pretrain/pretrain-mini.sh\`: masked LM alone (no next-sentence prediction) with
$(awk -v p="$(arg mlm_probability)" 'BEGIN {printf "%d", p * 100 + 0.5}')% of the tokens masked (80/10/10), rows packed with several windows of the corpus
(attention blocked between them), a one-cycle learning rate to $(arg learning_rate) at mid-run
planned over $(thousands "$max_steps") steps, batch $batch of $length tokens, AdamW (weight decay $(arg weight_decay)
except biases and LayerNorm), gradient clipping $(arg max_grad_norm), bf16 autocast with float32
weights, seed $(arg seed). LibTorch $libtorch on $hardware: $(awk -v s="$train_seconds" 'BEGIN {printf "%.1f", s / 3600}') h of training $(if [ "$sessions" -eq 1 ]; then echo "in one go"; else echo "in $sessions sessions (resumed from checkpoints)"; fi),
$(awk -v r="$rows" -v s="$train_seconds" 'BEGIN {printf "%.1f", (s > 0 ? r / s : 0)}') rows/s on average.

## Held-out metrics
Masked-LM loss, accuracy and perplexity on the held-out 1% of documents, packed and masked as in
training:

| step | MLM accuracy | perplexity | MLM loss |
|---|---|---|---|
$(jq -r --argjson upto "$step" '.evaluations[] | select(.step <= $upto) |
    "| \(.step) | \(.metrics.mlm_accuracy * 10000 | round / 10000) | \(.metrics.perplexity * 10 | round / 10) | \(.metrics.mlm_loss * 10000 | round / 10000) |"' <<<"$show")

## Fine-tuning against random weights
$(if [ ${#benefits[@]} -eq 0 ]; then
    echo "Not measured on these weights yet (tests/bench/pretraining_benefit.sh with MODEL_DIR=resources/models/$run_name)."
else
    for file in "${benefits[@]}"; do benefit_section "$file"; echo; done
fi)

## Reproduce
    bash packaging/build.sh
    bash packaging/pretrain/pretrain-mini.sh /path/to/work      # re-run to resume after a stop
    bash packaging/pretrain/ship-mini.sh /path/to/work
    MODEL_DIR=resources/models/$run_name BERTWORK_CLI=build/app/cli/bertwork-cli \\
      tests/bench/pretraining_benefit.sh /path/to/sst2 --task sst2
    MODEL_DIR=resources/models/$run_name BERTWORK_CLI=build/app/cli/bertwork-cli \\
      tests/bench/pretraining_benefit.sh /path/to/conll --task conll
    bash packaging/pretrain/ship-mini.sh /path/to/work /path/to/sst2/pretraining-benefit.json \\
      /path/to/conll/pretraining-benefit.json
CARD
mv "$target/README.md.partial" "$target/README.md"
echo "shipped $run_name step $step to $target" >&2
