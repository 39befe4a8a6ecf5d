#!/usr/bin/env bash
# Pretrains the bundled English model (BERT-Tiny shape: L2 H128 A2 I512, bert-base-uncased vocabulary)
# with masked LM + next sentence prediction, in stages. Re-running a stage resumes it.
#   stage 1: from random weights, lr 5e-4, linear decay over 6000 steps. It stopped at step 4727 (its
#            machine was reclaimed and the run store with it); its float16 export is the start of stage 2.
#   stage 2: from stage 1's weights (WORK_DIR/stage1-model, or the copy in git history), a fresh optimizer,
#            lr 5e-4 after 100 warmup steps, linear decay to zero over 3500 steps, another data order
#            (--data-seed). A peak of 1e-3 was tried first: the training loss rose from 6.64 to 6.86 and had
#            not come back 350 steps after the peak, so it was stopped at step 657.
#   stage 3: from stage 2's weights (its float16 export, WORK_DIR/stage2-model or git history), batch 32
#            instead of 64 for twice the updates per sequence seen (early in training a smaller batch learns
#            more per token), lr 3.5e-4 (5e-4 scaled by the square root of the batch ratio), 200 warmup
#            steps, linear decay over 15000 steps, another data order.
#   stage 4: from stage 3's weights (WORK_DIR/stage3-model or git history), stage 3's schedule again
#            (batch 32, lr 3.5e-4 after 200 warmup steps) decaying over 20000 steps, another data order.
#            Stage 3 ended with the held-out loss still falling steadily and SST-2 1.4 points above
#            random weights; this is more of the same, as long as one working session allows.
# Every stage holds out the same 1% of the documents (the split follows --seed, which stays 42).
# Checkpoints every 500 steps, with each evaluation (stages 1-4 saved every 250): load_best_model_at_end
# needs a checkpoint at each evaluation, as in Hugging Face. The trainer saved each best evaluation's
# checkpoint anyway, so the stages' weights come out the same; a killed stage loses up to 500 steps.
# A stored stage run resumes with its own settings.
# Usage: pretrain.sh WORK_DIR [STAGE]   (needs a built bertwork-cli; BERTWORK_CLI overrides its path)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=${1:?usage: pretrain.sh WORK_DIR [STAGE]}
stage=${2:-4}
cli=${BERTWORK_CLI:-$repo/build/app/cli/bertwork-cli}
source "$here/shipped-stages.sh"
mkdir -p "$work"
[ -f "$work/corpus.txt" ] || "$here/make-corpus.sh" "$repo/../shared/assets" "$work/corpus.txt"

# The bundled model as a commit shipped it, unpacked into DIR (once; kept if it is already there).
extract_shipped_model() {
    local commit=$1 dir=$2
    [ -f "$dir/model.safetensors" ] && return 0
    rm -rf "$dir.partial" && mkdir -p "$dir.partial"
    git -C "$repo" archive "$commit" resources/models/bertwork-tiny-en |
        tar -x -C "$dir.partial" --strip-components=3
    mv "$dir.partial" "$dir"
}

batch=64
case "$stage" in
1) schedule=(--learning-rate 5e-4 --warmup-steps 300 --max-steps 6000 --data-seed 42) ;;
2) schedule=(--learning-rate 5e-4 --warmup-steps 100 --max-steps 3500 --data-seed 2) ;;
3) schedule=(--learning-rate 3.5e-4 --warmup-steps 200 --max-steps 15000 --data-seed 3) batch=32 ;;
4) schedule=(--learning-rate 3.5e-4 --warmup-steps 200 --max-steps 20000 --data-seed 4) batch=32 ;;
*)
    echo "pretrain.sh: no stage $stage (1 to 4)" >&2
    exit 2
    ;;
esac
if [ "$stage" = 1 ]; then
    run_name=bertwork-tiny-en
    start=(--init-config tiny --vocab "$repo/tests/fixtures/vocab/bert-base-uncased/vocab.txt")
else
    run_name=bertwork-tiny-en-stage$stage
    previous=$((stage - 1))
    extract_shipped_model "${stage_commit[$previous]}" "$work/stage$previous-model"
    start=(--model "$work/stage$previous-model")
fi

# OpenMP threads spin briefly, then sleep: the machine is shared with builds while this runs.
export GOMP_SPINCOUNT=${GOMP_SPINCOUNT:-20000}
run_id=$("$cli" runs --db "$work/runs.sqlite" --format csv list 2>/dev/null |
    awk -F, -v name="$run_name" '$2 == name {print $1; exit}' || true)
if [ -n "$run_id" ]; then
    exec "$cli" resume --db "$work/runs.sqlite" --run "$run_id"
fi
exec "$cli" train --db "$work/runs.sqlite" --run-name "$run_name" "${start[@]}" "${schedule[@]}" \
    --task pretraining --corpus "$work/corpus.txt" --corpus-validation-fraction 0.01 \
    --output-dir "$work/checkpoints-stage$stage" --max-seq-length 128 \
    --per-device-train-batch-size "$batch" --per-device-eval-batch-size 64 \
    --weight-decay 0.01 --lr-scheduler-type linear \
    --evaluation-strategy steps --eval-steps 500 --save-strategy steps --save-steps 500 --save-total-limit 2 \
    --logging-steps 25 --seed 42
