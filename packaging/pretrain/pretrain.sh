#!/usr/bin/env bash
# Pretrains the bundled English model (BERT-Tiny shape: L2 H128 A2 I512, bert-base-uncased vocabulary)
# from random weights with masked LM + next sentence prediction. Re-running it resumes the run.
# Usage: pretrain.sh WORK_DIR   (needs a built bertwork-cli; BERTWORK_CLI overrides its path)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=${1:?usage: pretrain.sh WORK_DIR}
cli=${BERTWORK_CLI:-$repo/build/app/cli/bertwork-cli}
mkdir -p "$work"
[ -f "$work/corpus.txt" ] || "$here/make-corpus.sh" "$repo/../shared/assets" "$work/corpus.txt"
# OpenMP threads spin briefly, then sleep: the machine is shared with builds while this runs.
export GOMP_SPINCOUNT=${GOMP_SPINCOUNT:-20000}
run_id=$("$cli" runs --db "$work/runs.sqlite" --format csv list 2>/dev/null | awk -F, '$2=="bertwork-tiny-en" {print $1; exit}' || true)
if [ -n "$run_id" ]; then
    exec "$cli" resume --db "$work/runs.sqlite" --run "$run_id"
fi
exec "$cli" train --db "$work/runs.sqlite" --run-name bertwork-tiny-en \
    --init-config tiny --vocab "$repo/tests/fixtures/vocab/bert-base-uncased/vocab.txt" \
    --task pretraining --corpus "$work/corpus.txt" --corpus-validation-fraction 0.01 \
    --output-dir "$work/checkpoints" --max-seq-length 128 \
    --per-device-train-batch-size 64 --per-device-eval-batch-size 64 --max-steps 6000 \
    --learning-rate 5e-4 --warmup-steps 300 --weight-decay 0.01 --lr-scheduler-type linear \
    --evaluation-strategy steps --eval-steps 500 --save-strategy steps --save-steps 250 --save-total-limit 2 \
    --logging-steps 25 --seed 42
