#!/usr/bin/env bash
# Pretrains bertwork-mini-en (BERT-Mini shape: L4 H256 A4 I1024, bert-base-uncased vocabulary) from
# random weights with the budget recipe (README, "From scratch"), on the bundled model's corpus
# (make-corpus.sh: IMDB reviews and WikiText-2, 100 MB; SST-2 left out, it is the task measured):
#   --task masked-lm (no next-sentence prediction), --mlm-probability 0.25, --packing (rows filled
#   with several windows, attention blocked between them), one_cycle to a peak of 5e-4 half way,
#   batch 64 of 128 tokens, AdamW weight decay 0.01, clipping 1.0, and --bf16 autocast (1.5x the
#   float32 speed on this AVX-512 BF16 CPU, the same loss to 1e-3 over the first steps).
# The schedule is planned in steps, not on the clock: the machine is shared with builds and tests, so
# the same hour buys very different numbers of steps, and a schedule in steps resumes to the same model.
# The run saves and evaluates on the held-out 1% of documents every 500 steps. Re-running this
# script resumes the stored run from its last checkpoint, so it can be stopped (Ctrl-C or SIGTERM
# saves after the current step) and taken up again in a later session.
# Usage: pretrain-mini.sh WORK_DIR [MAX_STEPS]   (12000 unless given; needs a built bertwork-cli,
# BERTWORK_CLI overrides its path; BERTWORK_THREADS sets --threads, auto unless given)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=${1:?usage: pretrain-mini.sh WORK_DIR [MAX_STEPS]}
max_steps=${2:-12000}
cli=${BERTWORK_CLI:-$repo/build/app/cli/bertwork-cli}
threads=${BERTWORK_THREADS:-auto}
run_name=bertwork-mini-en
mkdir -p "$work"
[ -f "$work/corpus.txt" ] || "$here/make-corpus.sh" "$repo/../shared/assets" "$work/corpus.txt"

# OpenMP threads spin briefly, then sleep: the machine is shared while this runs.
export GOMP_SPINCOUNT=${GOMP_SPINCOUNT:-20000}
run_id=$("$cli" runs --db "$work/runs.sqlite" --format csv list 2>/dev/null |
    awk -F, -v name="$run_name" '$2 == name {print $1; exit}' || true)
if [ -n "$run_id" ]; then
    exec "$cli" --threads "$threads" resume --db "$work/runs.sqlite" --run "$run_id"
fi
exec "$cli" --threads "$threads" train --db "$work/runs.sqlite" --run-name "$run_name" \
    --init-config mini --vocab "$repo/tests/fixtures/vocab/bert-base-uncased/vocab.txt" \
    --task masked-lm --packing true --mlm-probability 0.25 --bf16 \
    --corpus "$work/corpus.txt" --corpus-validation-fraction 0.01 --output-dir "$work/checkpoints" \
    --max-seq-length 128 --per-device-train-batch-size 64 --per-device-eval-batch-size 64 \
    --learning-rate 5e-4 --lr-scheduler-type one_cycle --max-steps "$max_steps" --weight-decay 0.01 \
    --evaluation-strategy steps --eval-steps 500 --save-strategy steps --save-steps 500 --save-total-limit 2 \
    --logging-steps 25 --seed 42
