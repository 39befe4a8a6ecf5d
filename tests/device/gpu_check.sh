#!/usr/bin/env bash
# The GPU check of issue 16, on a machine with an NVIDIA GPU, PyTorch (its LibTorch), transformers,
# CMake and nvcc, but no Qt: builds the engine, the CLI, device_check and bench_train against that
# LibTorch (-DBERTWORK_GUI=OFF), then runs the stages asked for.
#   bash tests/device/gpu_check.sh build check bench sst2
# Packages the machine lacks (SQLite, utf8proc, CLI11, nlohmann-json) are Debian's, unpacked with
# `dpkg -x` into .devdeps/; SST-2 is copied into .devdata/sst2 (both git-ignored, carried along):
# tests/device/prepare.sh gathers them here (--corpus adds the pretraining corpus).
# Results go to $OUT (or /tmp/gpu-check) as well as stdout.
#
# bertwork-mini-en's pretraining (issue 19) in one lease, where 12,000 steps take about 11 hours of
# a 2-core CPU: `prepare.sh --corpus` here, then two device calls back to back (the machine stays
# warm about 30 s between them; a command may run 10 minutes):
#   bash tests/device/gpu_check.sh build check pretrain_start       # carry .devdeps .devdata
#   PRETRAIN_DEADLINE=420 bash tests/device/gpu_check.sh pretrain_collect
# pretrain_start leaves the run going in its own process session; pretrain_collect waits for it
# (at most PRETRAIN_DEADLINE seconds, then stops it, which saves a checkpoint) and returns the store
# and the newest checkpoint (without AdamW's state) in $OUT as parts of at most 15 MiB. Back here:
#   cat FILES_AT/mini-run.tar.part-* | tar -C / -xf -      # /tmp/bertwork-mini, as on the GPU
#   bash packaging/pretrain/ship-mini.sh /tmp/bertwork-mini
set -uo pipefail
cd "$(dirname "$0")/../.."
out=${OUT:-/tmp/gpu-check}
mkdir -p "$out"
build=build-cuda
cli=$build/app/cli/bertwork-cli
export LD_LIBRARY_PATH="$PWD/.devdeps/usr/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}"
export PYTHONUNBUFFERED=1

stage_build() {
    nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
    python3 -c 'import torch, transformers; print("torch", torch.__version__, "cuda", torch.version.cuda, "transformers", transformers.__version__)'
    local torch_prefix
    torch_prefix=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')
    export TORCH_CUDA_ARCH_LIST=9.0
    local cuda_root=()
    [ -d /usr/local/cuda ] && cuda_root=(-DCUDAToolkit_ROOT=/usr/local/cuda)
    local generator=Ninja
    command -v ninja >/dev/null || generator="Unix Makefiles"
    cmake -S . -B $build -G "$generator" -DCMAKE_BUILD_TYPE=Release -DBERTWORK_GUI=OFF "${cuda_root[@]}" \
        -DCMAKE_PREFIX_PATH="$torch_prefix;$PWD/.devdeps/usr" -DCMAKE_CXX_STANDARD="${CXX_STANDARD:-17}" \
        >"$out/configure.log" 2>&1 || { tail -40 "$out/configure.log"; return 1; }
    grep -iE 'cuda|torch|qt 6' "$out/configure.log" | head -12
    cmake --build $build --parallel "$(nproc)" --target bertwork-cli device_check bench_train >"$out/build.log" 2>&1 ||
        { grep -E 'error|Error' -A4 "$out/build.log" | head -60; return 1; }
    echo "built: $(ls $build/app/cli/bertwork-cli $build/tests/device/device_check $build/tests/bench/bench_train | wc -l) programs"
}

stage_check() {
    $build/tests/device/device_check --device cuda --fixtures tests/fixtures | tee "$out/device_check.txt"
}

# Ours and the peer back to back, per model and precision (the machine's clocks drift: compare
# only the pairs).
stage_bench() {
    for config in mini base; do
        for precision in "" --bf16; do
            $build/tests/bench/bench_train $config classify --device cuda $precision --batch 32 --seq 128 \
                --warmup 5 --steps 20 --repeats 3 --threads 16
            $build/tests/bench/bench_train $config classify --device cuda $precision --batch 32 --seq 128 \
                --warmup 5 --steps 20 --repeats 3 --threads 16 --all-positions
            python3 tests/bench/gpu_peer.py $config $precision --batch 32 --seq 128 --warmup 5 --steps 20 --repeats 3
        done
    done 2>&1 | grep '^{' | tee "$out/bench.jsonl"
}

# One epoch of the bundled model on the full SST-2 train set, as packaging/pretrain/measure-sst2.sh
# runs it on the CPU (seed 42: 83.6% there), on the GPU in float32 and in bf16; then the time of
# a bert-base epoch (random weights: the time, not the accuracy) from 30 timed steps.
stage_sst2() {
    local db=/tmp/gpu-sst2.sqlite
    rm -f $db
    $cli import --db $db --name sst2 --input .devdata/sst2/train.tsv >/dev/null
    $cli import --db $db --name sst2 --input .devdata/sst2/dev.tsv --split validation >/dev/null
    local common=(--db $db --task sequence-classification --dataset sst2 --per-device-train-batch-size 32
                  --per-device-eval-batch-size 64 --weight-decay 0.01 --save-strategy no --seed 42 --device cuda)
    for precision in "" --bf16; do
        $cli train "${common[@]}" --model resources/models/bertwork-tiny-en --output-dir /tmp/sst2-cuda$precision \
            --num-train-epochs 1 --learning-rate 3e-4 --warmup-ratio 0.1 --max-seq-length 64 \
            --evaluation-strategy epoch $precision 2>"$out/sst2$precision.err" | tail -n 1 | tee -a "$out/sst2.jsonl"
        grep -E 'started on|error' "$out/sst2$precision.err" | head -3
    done
    # A bert-base epoch (random weights: the time, not the accuracy).
    $cli train "${common[@]}" --init-config base --vocab resources/models/bertwork-tiny-en/vocab.txt \
        --output-dir /tmp/sst2-base --num-train-epochs 1 --learning-rate 5e-5 --max-seq-length 128 \
        --evaluation-strategy no --bf16 2>"$out/sst2-base.err" | tail -n 1 | tee -a "$out/sst2.jsonl"
    grep -E 'started on|error' "$out/sst2-base.err" | head -3
}

# bertwork-mini-en's recipe (packaging/pretrain/pretrain-mini.sh) on the GPU, which --device auto
# picks; the work folder has the same path here and there, so the store's checkpoint paths hold.
# tests/device/test_pretrain_stages.sh runs both stages on the CPU (MINI_WORK, BERTWORK_CLI,
# PRETRAIN_SETTLE_SECONDS are for it).
mini_work=${MINI_WORK:-/tmp/bertwork-mini}
stage_pretrain_start() {
    mkdir -p "$mini_work"
    [ -f "$mini_work/corpus.txt" ] || xz -dc .devdata/pretrain-corpus.txt.xz >"$mini_work/corpus.txt" ||
        { echo "no .devdata/pretrain-corpus.txt.xz: run tests/device/prepare.sh --corpus and carry .devdata"; return 1; }
    BERTWORK_CLI=${BERTWORK_CLI:-$PWD/$cli} setsid nohup bash packaging/pretrain/pretrain-mini.sh "$mini_work" \
        >"$mini_work/pretrain.log" 2>&1 </dev/null &
    echo $! >"$mini_work/pid"
    # The corpus is read and the first steps run: a wrong setup fails here, not in the next call.
    sleep "${PRETRAIN_SETTLE_SECONDS:-60}"
    grep -E 'started on|error|Error' "$mini_work/pretrain.log" | head -5
    tail -c 400 "$mini_work/pretrain.log"; echo
    kill -0 "$(cat "$mini_work/pid")" 2>/dev/null || grep -q '"status":"completed"' "$mini_work/pretrain.log"
}

stage_pretrain_collect() {
    local pid deadline=$((SECONDS + ${PRETRAIN_DEADLINE:-420}))
    pid=$(cat "$mini_work/pid")
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 5; done
    if kill -0 "$pid" 2>/dev/null; then
        echo "deadline: stopping the run (it saves a checkpoint after the current step)"
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
        while kill -0 "$pid" 2>/dev/null; do sleep 1; done
    fi
    grep -E 'started on|error|Error|saved|stopped' "$mini_work/pretrain.log" | tail -5
    tail -c 600 "$mini_work/pretrain.log"; echo
    cp "$mini_work/pretrain.log" "$out/pretrain.log"
    local last
    last=$(ls -d "$mini_work"/checkpoints/checkpoint-* 2>/dev/null | sort -V | tail -1)  # by step: 9500 before 10000
    [ -n "$last" ] || { echo "no checkpoint was saved"; return 1; }
    echo "newest checkpoint: $last"
    tar -C / --exclude optimizer.pt -cf - "${mini_work#/}/runs.sqlite" "${last#/}" |
        split -b 15M - "$out/mini-run.tar.part-"
    ls -l "$out"
}

for stage in "$@"; do
    echo "== $stage ($(date -u +%H:%M:%S))"
    "stage_$stage" || { echo "== $stage FAILED"; exit 1; }
done
echo "== done ($(date -u +%H:%M:%S))"
