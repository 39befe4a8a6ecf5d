#!/usr/bin/env bash
# Bertwork against its peers (../shared/peer), back to back in one session with the same thread
# count: these machines drift by up to 1.6x within an hour, so only ratios taken together mean much.
#
#   tests/bench/compare.sh [--threads N] [--only REGEX] [--quick] [--full] [--build-dir DIR] [--keep]
#
#   --threads N    compute threads of every process, ours and the peers' (default 2)
#   --only REGEX   run only the comparisons whose name matches (bash regex), e.g. 'mini|tokenize'
#   --quick        tiny step counts and samples: checks the script itself, the figures mean nothing
#   --full         time whole epochs in epoch-sst2 / epoch-imdb instead of a seeded sample
#   --build-dir    where Bertwork is built (default: build-bench in the repository)
#   --keep         keep the work folder (every run's output and log) and say where it is
#
# stdout: one JSON line per comparison, {"name", "ours", "peer", "unit", "ratio", ...}, where
# ratio > 1 means Bertwork is better (rates: ours/peer; times and memory: peer/ours), and, whatever
# --only says, one {"name": "matmul-peak", "gflops": ...} line: the machine's float32 GEMM peak
# (../shared/peer/matmul_peak.py), which the MFU fields divide by.
# A side that cannot run gives null and an "error"; the script still exits 0. Progress: stderr.
#
# Comparisons: train-bert-{tiny,mini,small,base} (+ rss-train-bert-*), epoch-sst2, epoch-imdb,
# infer-bert-{mini,base}-{torch,ort}, latency-bert-{mini,base}-{torch,ort}, tokenize-1thread,
# tokenize-allthreads.
#
# Step counts ("--warmup W --steps N --repeats R") can be set per kind and config:
#   TRAIN_STEPS_BASE='--warmup 1 --steps 2 --repeats 3' INFER_STEPS_MINI=... LATENCY_STEPS_BASE=...
# ORT_STEPS='BATCH32_STEPS LATENCY_STEPS REPEATS' (ort_bench.js), TOKENIZE_REPEATS=3,
# SST2_SAMPLE=20000 IMDB_SAMPLE=2000 (examples timed per epoch-* comparison unless --full).
#
# On a machine busy with other work, run it niced (nice -n 15 env OMP_WAIT_POLICY=PASSIVE ...) and
# know that the figures then measure the sharing as much as the code.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
SHARED=${BERTWORK_SHARED:-$REPO/../shared}
PEER=$SHARED/peer
PY=/usr/bin/python3  # Debian's python3-torch; a pyenv or venv python would not have it
VOCAB_DIR=$REPO/tests/fixtures/vocab/bert-base-uncased

THREADS=2
ONLY=.
QUICK=0
FULL=0
KEEP=0
BUILD=$REPO/build-bench
BATCH=32
SEQ=128
EPOCH_MAX_LENGTH=256

say() { echo "compare.sh: $*" >&2; }

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

parse_args() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --threads|--only|--build-dir) [ $# -ge 2 ] || { say "$1 needs a value"; usage; } ;;
    esac
    case "$1" in
      --threads) THREADS=$2; shift ;;
      --only) ONLY=$2; shift ;;
      --quick) QUICK=1 ;;
      --full) FULL=1 ;;
      --keep) KEEP=1 ;;
      --build-dir) BUILD=$2; shift ;;
      -h|--help) usage ;;
      *) say "unknown option $1"; usage ;;
    esac
    shift
  done
  [[ $THREADS =~ ^[1-9][0-9]*$ ]] || { say "--threads needs a positive number"; exit 2; }
  [ -d "$PEER" ] || { say "no peers at $PEER (set BERTWORK_SHARED to the shared folder)"; exit 2; }
}

selected() { [[ $1 =~ $ONLY ]]; }

# ---------------------------------------------------------------------------------------------
# Setup: Debian packages, the build, the npm packages of the Node peers.

# apt_install PACKAGE...: with sudo when not root.
apt_install() {
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  say "installing $*"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

# What the peers and this script run, installed only when the tool itself is missing (Node.js may
# come from elsewhere than Debian, with its own npm: Debian's npm package would then conflict).
install_dependencies() {
  bash "$REPO/packaging/install-deps.sh"  # what the build needs
  local missing=()
  "$PY" -c 'import torch' 2>/dev/null || missing+=(python3-torch)
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  command -v jq >/dev/null || missing+=(jq)
  # A peer that still cannot run gives its line an error, so go on.
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}" || say "warning: could not install ${missing[*]}"
  command -v jq >/dev/null || { say "jq is needed to write the JSON lines"; exit 1; }
}

build() {
  say "building the benchmarks and bertwork-cli in $BUILD (Release)"
  mkdir -p "$BUILD"
  local log=$BUILD/compare-build.log
  # ccache, when installed, is picked up by the top-level CMakeLists.txt.
  if ! { cmake -S "$REPO" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DBERTWORK_BUILD_BENCH=ON \
           -DBERTWORK_BUILD_GUI=OFF &&
         cmake --build "$BUILD" -j"$(nproc)" --target bench_tokenizer bench_forward bench_train bertwork-cli
       } >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    say "the build failed (log: $log)"
    exit 1
  fi
}

NODE_DIR=""  # set in main: the npm packages live in the build folder, the peer folder is read-only

# ensure_npm_package NAME VERSION: installed once into NODE_DIR (with the peers' scripts beside it).
ensure_npm_package() {
  local name=$1 version=$2 installed
  if ! { mkdir -p "$NODE_DIR" &&
         cp "$PEER/node/ort_bench.js" "$PEER/node/tok_bench_rust.js" "$BENCH_DIR/tok_dump_ids.js" "$NODE_DIR/"; }; then
    LAST_ERROR="cannot copy the Node peers into $NODE_DIR"
    return 1
  fi
  [ -f "$NODE_DIR/package.json" ] || echo '{"name": "bertwork-bench-peers", "private": true}' >"$NODE_DIR/package.json"
  installed=$(jq -r .version "$NODE_DIR/node_modules/$name/package.json" 2>/dev/null || true)
  [ "$installed" = "$version" ] && return 0
  command -v npm >/dev/null || { LAST_ERROR="npm is not installed"; return 1; }
  say "npm install $name@$version into $NODE_DIR"
  # ONNXRUNTIME_NODE_INSTALL=skip: otherwise onnxruntime-node tries to download GPU binaries and fails.
  if ! (cd "$NODE_DIR" && ONNXRUNTIME_NODE_INSTALL=skip npm install --no-audit --no-fund "$name@$version") \
      >"$NODE_DIR/npm-$name.log" 2>&1; then
    LAST_ERROR="npm install $name@$version failed: $(grep -m1 -i 'err' "$NODE_DIR/npm-$name.log" || tail -n 1 "$NODE_DIR/npm-$name.log")"
    return 1
  fi
}

# ---------------------------------------------------------------------------------------------
# Running one side. Each run is kept under a KEY in WORK: KEY.json (its last JSON line, plus
# peak_rss_mb and wall_s from peak_rss.py) or KEY.error. A KEY that has run already is not run again, so a result
# shared by two comparisons (our inference against PyTorch and ONNX Runtime) is measured once.

WORK=""
LAST_ERROR=""

# run_side KEY COMMAND... : runs it with its peak memory recorded; returns non-zero on failure.
run_side() {
  local key=$1
  shift
  [ -f "$WORK/$key.json" ] && return 0
  [ -f "$WORK/$key.error" ] && return 1
  say "running $key: $*"
  local status=0
  "$PY" "$BENCH_DIR/peak_rss.py" "$WORK/$key.usage" "$@" >"$WORK/$key.out" 2>"$WORK/$key.log" || status=$?
  local result
  result=$(grep '^{' "$WORK/$key.out" | tail -n 1 || true)
  if [ $status -ne 0 ] || [ -z "$result" ]; then
    tail -n 5 "$WORK/$key.log" | sed 's/^/    /' >&2
    local why
    why=$(grep -v '^\s*$' "$WORK/$key.log" | tail -n 1 | cut -c1-300 || true)
    fail_side "$key" "$(basename "$1") exited with status $status${why:+: $why}"
    return 1
  fi
  jq -c --slurpfile usage "$WORK/$key.usage" '. + $usage[0]' <<<"$result" >"$WORK/$key.json"
  say "  done in $(jq -r .wall_s "$WORK/$key.json") s"
}

fail_side() {  # KEY MESSAGE
  echo "$2" >"$WORK/$1.error"
  say "  $1 failed: $2"
}

# value KEY JQ_PATH: that field of a side's result, or null.
value() {
  if [ -f "$WORK/$1.json" ]; then jq -c "$2 // null" "$WORK/$1.json"; else echo null; fi
}

# emit NAME UNIT BETTER OURS PEER [EXTRA_JSON [SIDE_KEY...]]
#   BETTER: higher (rates, ratio ours/peer) or lower (times and memory, ratio peer/ours).
#   OURS, PEER: JSON numbers or null. EXTRA_JSON is merged in; the errors of the SIDE_KEYs that
#   failed become "error".
emit() {
  local name=$1 unit=$2 better=$3 ours=$4 peer=$5 extra=${6:-"{}"}
  shift $(($# < 6 ? $# : 6))
  local errors="" key
  for key in "$@"; do
    [ -f "$WORK/$key.error" ] && errors+="${errors:+; }$key: $(cat "$WORK/$key.error")"
  done
  jq -nc --arg name "$name" --arg unit "$unit" --arg better "$better" --argjson ours "$ours" \
    --argjson peer "$peer" --argjson extra "$extra" --arg error "$errors" '
    def round3: if . == null then null else (. * 1000 | round) / 1000 end;
    ({name: $name, ours: ($ours | round3), peer: ($peer | round3), unit: $unit,
      ratio: (if $ours == null or $peer == null or $ours == 0 or $peer == 0 then null
              elif $better == "higher" then $ours / $peer else $peer / $ours end | round3)}
     + $extra + (if $error == "" then {} else {error: $error} end))'
}

# steps_for KIND CONFIG: "--warmup W --steps N --repeats R" (env KIND_STEPS_CONFIG overrides).
# Odd repeats: bench_bert.py's median of an even count is a mean, ours the upper middle value.
steps_for() {
  local var="${1^^}_STEPS_${2^^}"
  if [ -n "${!var:-}" ]; then echo "${!var}"; return; fi
  if [ $QUICK = 1 ]; then echo "--warmup 1 --steps 2 --repeats 1"; return; fi
  case "$1:$2" in
    train:small|train:base|infer:base) echo "--warmup 1 --steps 2 --repeats 3" ;;
    *) echo "--warmup 3 --steps 10 --repeats 3" ;;
  esac
}

# ---------------------------------------------------------------------------------------------
# The comparisons, one function per kind.

PEAK_GFLOPS=null

compare_matmul_peak() {
  local args=(2048 10 3)
  [ $QUICK = 1 ] && args=(2048 3 1)
  # RESULTS: matmul_peak.py appends its result there instead of the read-only peer folder.
  if RESULTS="$WORK/matmul.jsonl" run_side matmul-peak "$PY" "$PEER/matmul_peak.py" "$THREADS" "${args[@]}"; then
    PEAK_GFLOPS=$(value matmul-peak .median)
    jq -c '{name: "matmul-peak", gflops: (.median * 10 | round / 10), threads, n, min, max, blas_libs}' \
      "$WORK/matmul-peak.json"
  else
    jq -nc --arg e "$(cat "$WORK/matmul-peak.error")" '{name: "matmul-peak", gflops: null, error: $e}'
  fi
}

# train-bert-CONFIG: training sequences/s (fwd + bwd + AdamW, full length), MFU and peak memory.
compare_train() {
  local config=$1 name=train-bert-$1
  selected "$name" || selected "rss-$name" || return 0
  local steps shape=(--batch "$BATCH" --seq "$SEQ" --threads "$THREADS")
  read -ra steps <<<"$(steps_for train "$config")"
  run_side "$name-ours" "$BUILD/tests/bench/bench_train" "$config" classify "${shape[@]}" "${steps[@]}" || true
  run_side "$name-peer" "$PY" "$PEER/bench_bert.py" "bert-$config" train "${shape[@]}" "${steps[@]}" \
    --out "$WORK/bench_bert.jsonl" || true

  local ours peer flops extra
  ours=$(value "$name-ours" .seq_per_s)
  peer=$(value "$name-peer" .seq_per_s_median)
  flops=$(value "$name-peer" .flops_per_step)  # the same model, so the same matmul FLOPs per step
  extra=$(jq -nc --argjson o "$ours" --argjson p "$peer" --argjson f "$flops" --argjson peak "$PEAK_GFLOPS" \
    --argjson ro "$(value "$name-ours" .peak_rss_mb)" --argjson rp "$(value "$name-peer" .peak_rss_mb)" \
    --argjson batch $BATCH --argjson seq $SEQ --argjson threads "$THREADS" '
    def mfu(rate): if rate == null or $f == null or $peak == null then null
                   else (rate / $batch * $f / 1e9 / $peak * 1000 | round) / 1000 end;
    {mfu_ours: mfu($o), mfu_peer: mfu($p), rss_mb_ours: $ro, rss_mb_peer: $rp,
     batch: $batch, seq: $seq, threads: $threads}')
  selected "$name" && emit "$name" seq/s higher "$ours" "$peer" "$extra" "$name-ours" "$name-peer"
  selected "rss-$name" && emit "rss-$name" MB lower "$(value "$name-ours" .peak_rss_mb)" \
    "$(value "$name-peer" .peak_rss_mb)" '{}' "$name-ours" "$name-peer"
  return 0
}

# The examples of epoch-DATASET: a seeded sample (or all, --full) as JSONL, imported into our store,
# and our tokenization of them (truncated to EPOCH_MAX_LENGTH) for the peer. Prints the file's row count.
prepare_epoch_data() {
  local dataset=$1 source=$2 size=$3 prefix=$WORK/epoch-$1
  local cli=$BUILD/app/cli/bertwork-cli
  "$PY" "$BENCH_DIR/epoch_sample.py" "$source" "$prefix.jsonl" "$size" 42 >"$prefix.sample" &&
    "$cli" import --db "$WORK/epoch.sqlite" --name "$dataset" --input "$prefix.jsonl" --format jsonl \
      --text-column text --label-column label >"$prefix.import" &&
    "$cli" tokenize --vocab "$VOCAB_DIR/vocab.txt" --max-length $EPOCH_MAX_LENGTH --input "$prefix.jsonl" |
    jq -c .input_ids >"$prefix.ids.jsonl"
}

# epoch-DATASET: one fine-tuning epoch of bert-mini from scratch, batch 32, max length 256. Ours:
# bertwork-cli train with its length-grouped batches. Peer: peer_epoch.py, Hugging Face Trainer's
# defaults (shuffled, each batch padded to its longest), on the same token ids.
compare_epoch() {
  local dataset=$1 source=$2 sample=$3 name=epoch-$1
  selected "$name" || return 0
  [ $FULL = 1 ] && sample=0
  say "preparing $name ($([ "$sample" = 0 ] && echo 'every example' || echo "a sample of $sample"))"
  if ! prepare_epoch_data "$dataset" "$source" "$sample" 2>"$WORK/$name.prepare.log"; then
    local why
    why=$(tail -n 1 "$WORK/$name.prepare.log")
    fail_side "$name-ours" "preparing the data failed: $why"
    fail_side "$name-peer" "no token ids (preparing the data failed)"
  fi
  local out_dir=$WORK/$name-run
  run_side "$name-ours" "$BUILD/app/cli/bertwork-cli" --threads "$THREADS" train --db "$WORK/epoch.sqlite" \
    --init-config mini --vocab "$VOCAB_DIR/vocab.txt" --task sequence-classification --dataset "$dataset" \
    --output-dir "$out_dir" --num-train-epochs 1 --per-device-train-batch-size $BATCH \
    --max-seq-length $EPOCH_MAX_LENGTH --group-by-length true --evaluation-strategy no --save-strategy no \
    --learning-rate 5e-5 --weight-decay 0.01 --seed 42 || true
  run_side "$name-peer" "$PY" "$BENCH_DIR/peer_epoch.py" --ids "$WORK/$name.ids.jsonl" \
    --examples "$WORK/$name.jsonl" --config bert-mini --batch $BATCH --threads "$THREADS" --seed 42 \
    --peer "$PEER" || true

  local ours peer rows timed extra
  ours=$(value "$name-ours" .train_seconds)
  peer=$(value "$name-peer" .train_seconds)
  rows=$(jq .rows "$WORK/$name.sample" 2>/dev/null || echo null)
  timed=$(jq .examples "$WORK/$name.sample" 2>/dev/null || echo null)
  extra=$(jq -nc --argjson o "$ours" --argjson p "$peer" --argjson rows "$rows" --argjson timed "$timed" \
    --argjson so "$(value "$name-ours" .global_step)" --argjson sp "$(value "$name-peer" .steps)" \
    --argjson padding "$(value "$name-peer" .padding_share)" --argjson ro "$(value "$name-ours" .peak_rss_mb)" \
    --argjson rp "$(value "$name-peer" .peak_rss_mb)" --argjson len $EPOCH_MAX_LENGTH --argjson batch $BATCH '
    def full(t): if t == null or $rows == null or $timed == null then null
                 else (t * $rows / $timed * 10 | round) / 10 end;
    {examples_timed: $timed, examples_full: $rows, ours_full_epoch_s_est: full($o),
     peer_full_epoch_s_est: full($p), steps_ours: $so, steps_peer: $sp, peer_padding_share: $padding,
     max_length: $len, batch: $batch,
     rss_mb_ours: $ro, rss_mb_peer: $rp}')
  emit "$name" s lower "$ours" "$peer" "$extra" "$name-ours" "$name-peer"
}

# The ONNX model of bert-CONFIG, exported once per run (export_onnx.py writes MODEL.check.json beside it).
onnx_model() {
  local model=$WORK/bert-$1.onnx
  [ -f "$model" ] || "$PY" "$PEER/export_onnx.py" "bert-$1" "$model" >"$WORK/bert-$1.export.log" 2>&1 || {
    LAST_ERROR="export_onnx.py failed: $(tail -n 1 "$WORK/bert-$1.export.log")"
    return 1
  }
  echo "$model"
}

# infer-bert-CONFIG-{torch,ort} (sequences/s at batch 32) and latency-bert-CONFIG-{torch,ort}
# (ms at batch 1), seq 128. Our two runs are shared by the PyTorch and the ONNX Runtime lines.
compare_inference() {
  local config=$1 mode runtime
  for mode in infer latency; do
    for runtime in torch ort; do
      local name=$mode-bert-$config-$runtime ours_key=$mode-bert-$config-ours peer_key steps
      selected "$name" || continue
      local batch=$BATCH unit=seq/s better=higher ours_field=.seq_per_s peer_field
      [ $mode = latency ] && batch=1 unit=ms better=lower ours_field=.ms_per_step
      local shape=(--batch "$batch" --seq "$SEQ" --threads "$THREADS")
      read -ra steps <<<"$(steps_for "$mode" "$config")"
      run_side "$ours_key" "$BUILD/tests/bench/bench_forward" "$config" "$mode" "${shape[@]}" "${steps[@]}" || true
      if [ $runtime = torch ]; then
        peer_key=$mode-bert-$config-torch-peer
        run_side "$peer_key" "$PY" "$PEER/bench_bert.py" "bert-$config" "$mode" "${shape[@]}" "${steps[@]}" \
          --out "$WORK/bench_bert.jsonl" || true
      else
        peer_key=ort-bert-$config  # one ort_bench.js run measures both batch 32 and batch 1
        run_ort "$config" || true
      fi
      case $mode:$runtime in
        infer:torch) peer_field=.seq_per_s_median ;;
        infer:ort) peer_field=.batch32_seq_per_s_median ;;
        latency:torch) peer_field=.ms_per_step_median ;;
        latency:ort) peer_field=.latency_ms_median ;;
      esac
      emit "$name" "$unit" "$better" "$(value "$ours_key" "$ours_field")" "$(value "$peer_key" "$peer_field")" \
        "$(inference_extra "$peer_key" "$batch")" "$ours_key" "$peer_key"
    done
  done
}

run_ort() {
  local config=$1 key=ort-bert-$1 model
  [ -f "$WORK/$key.json" ] && return 0
  [ -f "$WORK/$key.error" ] && return 1
  ensure_npm_package onnxruntime-node 1.30.0 || { fail_side "$key" "$LAST_ERROR"; return 1; }
  model=$(onnx_model "$config") || { fail_side "$key" "$LAST_ERROR"; return 1; }
  local ort_steps=(3 20 3)  # batch-32 steps, batch-1 steps, repeats
  [ $QUICK = 1 ] && ort_steps=(1 3 1)
  [ -n "${ORT_STEPS:-}" ] && read -ra ort_steps <<<"$ORT_STEPS"
  run_side "$key" node "$NODE_DIR/ort_bench.js" "$model" "$THREADS" "${ort_steps[@]}"
}

# inference_extra PEER_KEY BATCH: the shape, and for ONNX Runtime its version and its check that
# the exported model computes what PyTorch does.
inference_extra() {
  local ort='{}'
  [[ $1 == ort-* ]] && ort=$(jq -nc --argjson d "$(value "$1" .max_abs_diff_vs_torch)" \
    --argjson v "$(value "$1" .ort_version)" '{ort_max_abs_diff_vs_torch: $d, ort_version: $v}')
  jq -nc --argjson ort "$ort" --argjson b "$2" --argjson s "$SEQ" --argjson t "$THREADS" \
    '{batch: $b, seq: $s, threads: $t} + $ort'
}

# The first 10 MB (1 MB with --quick) of the IMDB unlabelled reviews, cut back to whole lines.
tokenize_corpus() {
  local corpus=$WORK/corpus.txt bytes=10000000
  [ $QUICK = 1 ] && bytes=1000000
  [ -f "$corpus" ] || head -c $bytes "$SHARED/assets/imdb/unsup.txt" | head -n -1 >"$corpus"
  echo "$corpus"
}

# tokenize-1thread, tokenize-allthreads: WordPiece MB/s against Hugging Face tokenizers (Rust, through
# its Node binding), both encoding batches of 1024 lines without special tokens. ids_identical
# compares every id of every line: ours dumped by our first run (after its timing), theirs by
# tok_dump_ids.js.
compare_tokenize() {
  selected tokenize-1thread || selected tokenize-allthreads || return 0
  local corpus repeats=${TOKENIZE_REPEATS:-3} peer_ready=1
  [ $QUICK = 1 ] && repeats=${TOKENIZE_REPEATS:-1}
  corpus=$(tokenize_corpus)
  ensure_npm_package tokenizers 0.23.2 || peer_ready=0
  [ $peer_ready = 1 ] && { run_side tokenize-ids-peer node "$NODE_DIR/tok_dump_ids.js" "$VOCAB_DIR/tokenizer.json" \
    "$corpus" "$WORK/ids-peer.txt" || true; }

  local name threads parallel dump
  for name in tokenize-1thread tokenize-allthreads; do
    selected "$name" || continue
    threads=1 parallel=false
    [ $name = tokenize-allthreads ] && threads=$THREADS parallel=true
    dump=()
    [ -f "$WORK/ids-ours.txt" ] || dump=(--dump-ids "$WORK/ids-ours.txt")
    run_side "$name-ours" "$BUILD/tests/bench/bench_tokenizer" --vocab "$VOCAB_DIR/vocab.txt" --input "$corpus" \
      --repeats "$repeats" --threads "$threads" "${dump[@]}" || true
    if [ $peer_ready = 1 ]; then
      # TOKENIZERS_PARALLELISM=false keeps encodeBatch on one thread; else Rayon uses $threads.
      run_side "$name-peer" env TOKENIZERS_PARALLELISM=$parallel RAYON_NUM_THREADS="$threads" \
        RAYON_RS_NUM_CPUS="$threads" TOKENIZER_JSON="$VOCAB_DIR/tokenizer.json" \
        node "$NODE_DIR/tok_bench_rust.js" "$corpus" "$repeats" || true
    else
      fail_side "$name-peer" "$LAST_ERROR"
    fi
    emit "$name" MB/s higher "$(value "$name-ours" .mb_per_s)" "$(value "$name-peer" .encodeBatch_1024.MB_per_s_median)" \
      "$(jq -nc --argjson ids "$(ids_agreement "$WORK/ids-ours.txt" "$WORK/ids-peer.txt")" --argjson t "$threads" \
          --argjson b "$(value "$name-ours" .bytes)" '$ids + {threads: $t, corpus_bytes: $b}')" \
      "$name-ours" "$name-peer"
  done
}

# ids_agreement OURS PEER: {"ids_identical": true|false|null, "ids_lines": N, "ids_first_difference_line": L}
ids_agreement() {
  if [ ! -f "$1" ] || [ ! -f "$2" ]; then
    echo '{"ids_identical": null}'
  elif cmp -s "$1" "$2"; then
    jq -nc --argjson n "$(wc -l <"$1")" '{ids_identical: true, ids_lines: $n}'
  else
    local line
    line=$(cmp "$1" "$2" 2>&1 | sed -n 's/.*line \([0-9]*\).*/\1/p')
    jq -nc --argjson n "$(wc -l <"$1")" --argjson l "${line:-null}" \
      '{ids_identical: false, ids_lines: $n, ids_first_difference_line: $l}'
  fi
}

# ---------------------------------------------------------------------------------------------

main() {
  parse_args "$@"
  install_dependencies
  build
  NODE_DIR=$BUILD/bench-peers/node
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/bertwork-compare.XXXXXX")
  if [ $KEEP = 1 ]; then trap 'say "work files kept in $WORK"' EXIT; else trap 'rm -rf "$WORK"' EXIT; fi
  say "threads $THREADS$([ $QUICK = 1 ] && echo ', quick')$([ $FULL = 1 ] && echo ', full epochs'); work files in $WORK"

  local sst2_sample=${SST2_SAMPLE:-20000} imdb_sample=${IMDB_SAMPLE:-2000}
  [ $QUICK = 1 ] && sst2_sample=${SST2_SAMPLE:-256} imdb_sample=${IMDB_SAMPLE:-64}

  compare_matmul_peak
  local config
  for config in tiny mini small base; do compare_train "$config"; done
  compare_epoch sst2 "$SHARED/assets/sst2/train.tsv" "$sst2_sample"
  compare_epoch imdb "$SHARED/assets/imdb/train.tsv" "$imdb_sample"
  for config in mini base; do compare_inference "$config"; done
  compare_tokenize
  say "done"
}

# Sourcing the file (to try one function) defines everything and runs nothing.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then main "$@"; fi
