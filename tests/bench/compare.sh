#!/usr/bin/env bash
# Bertwork against its peers (../shared/peer), every comparison set up as a skeptic would ask: each
# peer at its best, both sides doing the same work, and the two run interleaved in one session with
# the same thread count (these machines drift by up to 1.6x within an hour).
#
#   tests/bench/compare.sh [--threads N] [--only REGEX] [--quick] [--full] [--repeats N] [--build-dir DIR] [--keep]
#
#   --threads N    compute threads of every process, ours and the peers' (default 2)
#   --only REGEX   run only the comparisons whose name matches (bash regex), e.g. 'mini|tokenize'
#   --quick        tiny step counts and samples, 2 repeats: checks the script itself, the figures mean nothing
#   --full         time whole epochs in epoch-* instead of a seeded sample
#   --repeats N    runs of each side, interleaved (default 5, with --quick 2; env REPEATS; EPOCH_REPEATS
#                  for the epoch-* comparisons alone)
#   --build-dir    where Bertwork is built (default: build-bench in the repository)
#   --keep         keep the work folder (every run's output and log) and say where it is
#
# How a comparison runs:
#   * interleaved: ours, peer, peer, ours, ours, peer, ... REPEATS rounds, every other one backwards,
#     each run a fresh process (its own warm-up steps, then its timed steps); a line gives each side's
#     median over the runs ("ours", "peer"), their spread ("ours_spread", "peer_spread": n, min, max,
#     q1, q3), and "ratio", the ratio of the medians;
#   * the peers at their best: PyTorch's AdamW with foreach=True (bench_bert.py --foreach 1,
#     peer_epoch.py); in epoch-* Hugging Face's Trainer with group_by_length=True, the same
#     length-grouped batches Bertwork makes (epoch-*-default keeps each program's defaults, and says so
#     in "peer_setting"); ONNX Runtime with every graph optimization ("ort_graph" counts the fused
#     Attention / SkipLayerNormalization / BiasGelu nodes of the graph it ran, dumped with
#     optimizedModelFilePath), and, because its online optimizer does not fuse the exported model's
#     attention, a second ONNX Runtime line (*-ort-fused) on a graph of its fused transformer operators
#     (fused_onnx_bert.py); Hugging Face tokenizers timed without reading the ids back into JavaScript
#     (the work ours does; the figure with the read-back is given too, see tok_peer.js);
#   * memory: peak RSS of the very runs that were timed, raw and net of each side's idle process
#     (Python with torch imported, idle_torch.py; our binary with no model, bench_* --idle or
#     bertwork-cli with no job).
#
# stdout: one JSON line per comparison, {"name", "ours", "peer", "unit", "ratio", ...}, where
# ratio > 1 means Bertwork is better (rates: ours/peer; times and memory: peer/ours), and, whatever
# --only says, the machine's float32 GEMM peaks: {"name": "matmul-peak", "gflops": ...} (PyTorch's
# mm, ../shared/peer/matmul_peak.py), gemm-* lines for every path Bertwork can call (bench_gemm:
# OpenBLAS, oneDNN plain / prepacked / bf16) with the CPU's ISA in "gemm-peak", and "mfu-peak", the
# best float32 figure of them, which the MFU fields divide by.
# A side that cannot run gives null and an "error"; the script still exits 0. Progress: stderr.
#
# Comparisons: train-bert-{tiny,mini,small,base} (+ rss-train-bert-*), epoch-sst2, epoch-sst2-default,
# epoch-imdb, epoch-imdb-default, {infer,latency}-bert-{mini,base}-{torch,ort,ort-fused,ort-int8,ort-fused-int8},
# tokenize-1thread, tokenize-allthreads.
#
# Step counts of each run ("--warmup W --steps N --repeats R") can be set per kind and config:
#   TRAIN_STEPS_BASE='--warmup 1 --steps 2 --repeats 1' INFER_STEPS_MINI=... LATENCY_STEPS_BASE=...
# ORT_STEPS='BATCH32_STEPS LATENCY_STEPS REPEATS' (ort_peer.js), TOKENIZE_REPEATS=1 (passes per run),
# SST2_SAMPLE=20000 IMDB_SAMPLE=2000 (examples timed per epoch-* comparison unless --full).
#
# Beside it: tokenizer_agreement.sh (our tokenizer against Hugging Face's on real text, line by line)
# and pretraining_benefit.sh (SST-2 dev accuracy from the bundled model and from random weights, each
# at the learning rate a held-out share of train picks).
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
REPEATS=${REPEATS:-}
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
      --threads|--only|--build-dir|--repeats) [ $# -ge 2 ] || { say "$1 needs a value"; usage; } ;;
    esac
    case "$1" in
      --threads) THREADS=$2; shift ;;
      --only) ONLY=$2; shift ;;
      --quick) QUICK=1 ;;
      --full) FULL=1 ;;
      --repeats) REPEATS=$2; shift ;;
      --keep) KEEP=1 ;;
      --build-dir) BUILD=$2; shift ;;
      -h|--help) usage ;;
      *) say "unknown option $1"; usage ;;
    esac
    shift
  done
  [[ $THREADS =~ ^[1-9][0-9]*$ ]] || { say "--threads needs a positive number"; exit 2; }
  if [ -z "$REPEATS" ]; then REPEATS=5; [ $QUICK = 1 ] && REPEATS=2; fi
  [[ $REPEATS =~ ^[1-9][0-9]*$ ]] || { say "--repeats needs a positive number"; exit 2; }
  EPOCH_REPEATS=${EPOCH_REPEATS:-$REPEATS}
  [[ $EPOCH_REPEATS =~ ^[1-9][0-9]*$ ]] || { say "EPOCH_REPEATS needs a positive number"; exit 2; }
  IDLE_REPEATS=3
  [ $QUICK = 1 ] && IDLE_REPEATS=1
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
  "$PY" -c 'import onnx' 2>/dev/null || missing+=(python3-onnx)  # fused_onnx_bert.py writes the fused graph with it
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
           -DBERTWORK_GUI=OFF &&
         cmake --build "$BUILD" -j"$(nproc)" --target bench_tokenizer bench_forward bench_train bench_gemm bertwork-cli
       } >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    say "the build failed (log: $log)"
    exit 1
  fi
}

NODE_DIR=""  # set in main: the npm packages live in the build folder, the peer folder is read-only

# ensure_npm_package NAME VERSION: installed once into NODE_DIR, with our Node scripts beside it (Node
# resolves require() from the script's folder).
ensure_npm_package() {
  local name=$1 version=$2 installed
  if ! { mkdir -p "$NODE_DIR" &&
         cp "$BENCH_DIR/ort_peer.js" "$BENCH_DIR/tok_peer.js" "$BENCH_DIR/tok_dump_ids.js" "$NODE_DIR/"; }; then
    LAST_ERROR="cannot copy the Node scripts into $NODE_DIR"
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
# Sides and their runs. A side is a KEY with a command (WORK/KEY.cmd). Each run of it is a fresh
# process under peak_rss.py; its last JSON line, with peak_rss_mb and wall_s, is appended to
# WORK/KEY.runs. A side that cannot be set up, or whose run fails, gets WORK/KEY.error and no more
# runs. A side runs its repeats once: a side shared by two lines (our inference run, compared with
# PyTorch and with ONNX Runtime) is measured once for both.

WORK=""
LAST_ERROR=""

# define_side KEY COMMAND...
define_side() {
  local key=$1
  shift
  [ -f "$WORK/$key.cmd" ] || printf '%q ' "$@" >"$WORK/$key.cmd"
}

fail_side() {  # KEY MESSAGE
  [ -f "$WORK/$1.error" ] || echo "$2" >"$WORK/$1.error"
  say "  $1 failed: $2"
}

usable() { [ -f "$WORK/$1.cmd" ] && [ ! -f "$WORK/$1.error" ]; }

# run_once KEY: one run of the side.
run_once() {
  local key=$1 n=1 status=0 result cmd
  [ -f "$WORK/$key.runs" ] && n=$(($(wc -l <"$WORK/$key.runs") + 1))
  local base=$WORK/$key.$n
  cmd=$(<"$WORK/$key.cmd")
  eval "set -- $cmd"
  say "running $key, run $n: $*"
  "$PY" "$BENCH_DIR/peak_rss.py" "$base.usage" "$@" >"$base.out" 2>"$base.log" || status=$?
  result=$(grep '^{' "$base.out" | tail -n 1 || true)
  if [ $status -ne 0 ] || [ -z "$result" ]; then
    tail -n 5 "$base.log" | sed 's/^/    /' >&2
    local why
    why=$(grep -v '^\s*$' "$base.log" | tail -n 1 | cut -c1-300 || true)
    fail_side "$key" "$(basename "$1") exited with status $status${why:+: $why}"
    return 1
  fi
  jq -c --slurpfile usage "$base.usage" '. + $usage[0]' <<<"$result" >>"$WORK/$key.runs"
  say "  done in $(jq -r .wall_s "$base.usage") s"
}

# run_interleaved REPEATS KEY...: the sides in turn, REPEATS rounds, so that the machine's drift falls
# on every side alike; every other round goes backwards (ours, peer, peer, ours, ours, peer, ...), so
# that no side always runs first or right after the same neighbour. Keys without a command are left out.
run_interleaved() {
  local repeats=$1 r i key todo=()
  shift
  for key in "$@"; do
    usable "$key" && [ ! -f "$WORK/$key.done" ] && todo+=("$key")
  done
  for ((r = 1; r <= repeats; r++)); do
    for ((i = 0; i < ${#todo[@]}; i++)); do
      key=${todo[$(( r % 2 == 1 ? i : ${#todo[@]} - 1 - i ))]}
      [ -f "$WORK/$key.error" ] || run_once "$key" || true
    done
  done
  for key in "${todo[@]}"; do touch "$WORK/$key.done"; done
  return 0
}

# jq helpers: quantiles with linear interpolation (the median of an even count is the mean of the
# middle two), and the spread of a list of numbers.
JQ_DEFS='
def quantile($p): sort as $s | ($s | length) as $n | (($n - 1) * $p) as $h | ($h | floor) as $i
  | if $i + 1 < $n then $s[$i] + ($h - $i) * ($s[$i + 1] - $s[$i]) else $s[$i] end;
def r4: if . == null then null else (. * 10000 | round) / 10000 end;
def spread: if length == 0 then null
  else {n: length, median: (quantile(0.5) | r4), min: (min | r4), max: (max | r4),
        q1: (quantile(0.25) | r4), q3: (quantile(0.75) | r4)} end;
'

# stats KEY JQ_PATH: {"n", "median", "min", "max", "q1", "q3"} of that field over the side's runs, or null.
stats() {
  if [ -s "$WORK/$1.runs" ]; then jq -sc "$JQ_DEFS map($2 // empty) | spread" "$WORK/$1.runs"; else echo null; fi
}

# median KEY JQ_PATH: the median of that field over the side's runs, or null.
median() { jq -c 'if . == null then null else .median end' <<<"$(stats "$1" "$2")"; }

# first KEY JQ_PATH: that field of the side's first run (for what every run reports alike), or null.
first() {
  if [ -s "$WORK/$1.runs" ]; then head -n 1 "$WORK/$1.runs" | jq -c "$2 // null"; else echo null; fi
}

# shift_stats STATS DELTA: every figure of STATS minus DELTA (net memory), or null.
shift_stats() {
  jq -nc --argjson s "$1" --argjson d "$2" "$JQ_DEFS"'
    if $s == null or $d == null then null
    else $s | with_entries(if .key == "n" then . else .value = ((.value - $d) | r4) end) end'
}

# emit_stats NAME UNIT BETTER OURS_STATS PEER_STATS [EXTRA_JSON [SIDE_KEY...]]
#   BETTER: higher (rates, ratio ours/peer) or lower (times and memory, ratio peer/ours), of the
#   medians. EXTRA_JSON is merged in; the errors of the SIDE_KEYs that failed become "error".
emit_stats() {
  local name=$1 unit=$2 better=$3 ours=$4 peer=$5 extra=${6:-"{}"}
  shift $(($# < 6 ? $# : 6))
  local errors="" key
  for key in "$@"; do
    [ -f "$WORK/$key.error" ] && errors+="${errors:+; }$key: $(cat "$WORK/$key.error")"
  done
  jq -nc --arg name "$name" --arg unit "$unit" --arg better "$better" --argjson os "$ours" \
    --argjson ps "$peer" --argjson extra "$extra" --arg error "$errors" "$JQ_DEFS"'
    def round3: if . == null then null else (. * 1000 | round) / 1000 end;
    ($os.median? // null) as $o | ($ps.median? // null) as $p |
    ({name: $name, ours: ($o | round3), peer: ($p | round3), unit: $unit,
      ratio: (if $o == null or $p == null or $o == 0 or $p == 0 then null
              elif $better == "higher" then $o / $p else $p / $o end | round3),
      ours_spread: (if $os == null then null else $os | del(.median) end),
      peer_spread: (if $ps == null then null else $ps | del(.median) end)}
     + $extra + (if $error == "" then {} else {error: $error} end))'
}

# emit NAME UNIT BETTER OURS_KEY OURS_PATH PEER_KEY PEER_PATH [EXTRA_JSON]: the medians of one field per side.
emit() {
  emit_stats "$1" "$2" "$3" "$(stats "$4" "$5")" "$(stats "$6" "$7")" "${8:-"{}"}" "$4" "$6"
}

# steps_for KIND CONFIG: "--warmup W --steps N --repeats R" of each run (env KIND_STEPS_CONFIG
# overrides). One timed repeat per run: the repeats are the interleaved runs.
steps_for() {
  local var="${1^^}_STEPS_${2^^}"
  if [ -n "${!var:-}" ]; then echo "${!var}"; return; fi
  if [ $QUICK = 1 ]; then echo "--warmup 1 --steps 2 --repeats 1"; return; fi
  case "$1:$2" in
    train:small|train:base|infer:base) echo "--warmup 1 --steps 2 --repeats 1" ;;
    *) echo "--warmup 3 --steps 10 --repeats 1" ;;
  esac
}

# The idle processes whose peak RSS is subtracted: Python with torch and the peer's model code
# imported (idle_torch.py), our benchmark binary with no model (--idle), bertwork-cli with no job.
define_idle_sides() {
  define_side idle-torch "$PY" "$BENCH_DIR/idle_torch.py" "$THREADS" "$PEER"
  define_side idle-bench "$BUILD/tests/bench/bench_train" tiny classify --idle --threads "$THREADS"
}

# rss_extra OURS_KEY OURS_IDLE_KEY PEER_KEY PEER_IDLE_KEY: the raw and net peak RSS fields of a line.
rss_extra() {
  jq -nc --argjson ro "$(median "$1" .peak_rss_mb)" --argjson io "$(median "$2" .peak_rss_mb)" \
    --argjson rp "$(median "$3" .peak_rss_mb)" --argjson ip "$(median "$4" .peak_rss_mb)" '
    def net(r; i): if r == null or i == null then null else ((r - i) * 10 | round) / 10 end;
    {rss_mb_ours: $ro, rss_mb_peer: $rp, idle_rss_mb_ours: $io, idle_rss_mb_peer: $ip,
     net_rss_mb_ours: net($ro; $io), net_rss_mb_peer: net($rp; $ip)}'
}

# ---------------------------------------------------------------------------------------------
# The comparisons, one function per kind.

PEAK_GFLOPS=null

compare_matmul_peak() {
  local args=(2048 10 3)
  [ $QUICK = 1 ] && args=(2048 3 1)
  # RESULTS: matmul_peak.py appends its result there instead of the read-only peer folder.
  define_side matmul-peak env RESULTS="$WORK/matmul.jsonl" "$PY" "$PEER/matmul_peak.py" "$THREADS" "${args[@]}"
  run_interleaved 1 matmul-peak
  if [ -s "$WORK/matmul-peak.runs" ]; then
    PEAK_GFLOPS=$(first matmul-peak .median)
    head -n 1 "$WORK/matmul-peak.runs" |
      jq -c '{name: "matmul-peak", gflops: (.median * 10 | round / 10), threads, n, min, max, blas_libs}'
  else
    jq -nc --arg e "$(cat "$WORK/matmul-peak.error")" '{name: "matmul-peak", gflops: null, error: $e}'
  fi
}

# gemm-*: the GEMM peak of every path Bertwork can call (bench_gemm: OpenBLAS, oneDNN on plain and
# on prepacked weights, bf16 through oneDNN where the CPU has it), on 2048^3 and on BERT's shapes;
# then "gemm-peak", the best float32 path on 2048^3 with the CPU's ISA. MFU divides by the best of
# it and matmul_peak.py's (PyTorch's mm): the fastest float32 GEMM this machine showed in the run.
compare_gemm_peak() {
  local args=(--threads "$THREADS")
  [ $QUICK = 1 ] && args+=(--quick)
  if "$BUILD/tests/bench/bench_gemm" "${args[@]}" >"$WORK/gemm.jsonl" 2>"$WORK/gemm.error"; then
    cat "$WORK/gemm.jsonl"
    local best
    best=$(jq -s 'map(select(.name == "gemm-peak"))[0].gflops // null' "$WORK/gemm.jsonl")
    PEAK_GFLOPS=$(jq -nc --argjson a "$PEAK_GFLOPS" --argjson b "$best" \
      'if $a == null then $b elif $b == null then $a else ([$a, $b] | max) end')
  else
    jq -nc --arg e "$(tail -n 5 "$WORK/gemm.error")" '{name: "gemm-peak", gflops: null, error: $e}'
  fi
  jq -nc --argjson p "$PEAK_GFLOPS" '{name: "mfu-peak", gflops: $p, note: "MFU fields divide by this: the best of matmul-peak and gemm-peak"}'
}

# train-bert-CONFIG: training sequences/s (fwd + bwd + AdamW, full length), MFU and peak memory.
# Peer: bench_bert.py with foreach=True AdamW (its zero_grad() is torch 1.13's, zero-filling;
# bench_bert.py is read-only). rss-train-bert-CONFIG: the same runs' peak RSS, net of the idle processes.
compare_train() {
  local config=$1 name=train-bert-$1
  selected "$name" || selected "rss-$name" || return 0
  local steps shape=(--batch "$BATCH" --seq "$SEQ" --threads "$THREADS")
  read -ra steps <<<"$(steps_for train "$config")"
  define_side "$name-ours" "$BUILD/tests/bench/bench_train" "$config" classify "${shape[@]}" "${steps[@]}"
  define_side "$name-peer" "$PY" "$PEER/bench_bert.py" "bert-$config" train "${shape[@]}" "${steps[@]}" \
    --foreach 1 --out "$WORK/bench_bert.jsonl"
  run_interleaved "$REPEATS" "$name-ours" "$name-peer"
  define_idle_sides
  run_interleaved "$IDLE_REPEATS" idle-bench idle-torch

  local ours peer flops extra rss
  ours=$(median "$name-ours" .seq_per_s)
  peer=$(median "$name-peer" .seq_per_s_median)
  flops=$(first "$name-peer" .flops_per_step)  # the same model, so the same matmul FLOPs per step
  rss=$(rss_extra "$name-ours" idle-bench "$name-peer" idle-torch)
  extra=$(jq -nc --argjson o "$ours" --argjson p "$peer" --argjson f "$flops" --argjson peak "$PEAK_GFLOPS" \
    --argjson rss "$rss" --argjson batch $BATCH --argjson seq $SEQ --argjson threads "$THREADS" \
    --argjson fe "$(first "$name-peer" .foreach)" --argjson ours_opt "$(first "$name-ours" .optimizer)" '
    def mfu(rate): if rate == null or $f == null or $peak == null then null
                   else (rate / $batch * $f / 1e9 / $peak * 1000 | round) / 1000 end;
    {mfu_ours: mfu($o), mfu_peer: mfu($p), batch: $batch, seq: $seq, threads: $threads,
     ours_optimizer: $ours_opt,
     peer_optimizer: "torch.optim.AdamW(foreach=True) (bench_bert.py --foreach 1); zero_grad() as torch 1.13 does it (zero-fill; bench_bert.py is read-only)",
     peer_foreach: $fe}
    + $rss')
  selected "$name" && emit "$name" seq/s higher "$name-ours" .seq_per_s "$name-peer" .seq_per_s_median "$extra"
  if selected "rss-$name"; then
    local ours_idle peer_idle
    ours_idle=$(median idle-bench .peak_rss_mb)
    peer_idle=$(median idle-torch .peak_rss_mb)
    emit_stats "rss-$name" MB lower "$(shift_stats "$(stats "$name-ours" .peak_rss_mb)" "$ours_idle")" \
      "$(shift_stats "$(stats "$name-peer" .peak_rss_mb)" "$peer_idle")" \
      "$(jq -nc --argjson rss "$rss" '$rss + {
         rss_basis: "peak RSS of the timed runs minus that of the side'"'"'s idle process (ours: bench_train --idle; peer: idle_torch.py)",
         ratio_raw: (if $rss.rss_mb_ours == null or $rss.rss_mb_peer == null then null
                     else ($rss.rss_mb_peer / $rss.rss_mb_ours * 1000 | round) / 1000 end)}')" \
      "$name-ours" "$name-peer" idle-bench idle-torch
  fi
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
# bertwork-cli train, length-grouped batches (its default). Peer: peer_epoch.py, Hugging Face
# Trainer's loop on the same token ids, with group_by_length=True (LengthGroupedSampler: the same
# grouping) and foreach AdamW. epoch-DATASET-default: the same ours against Trainer's defaults
# (group_by_length=False: shuffled batches padded to their longest). Our runs are shared by the two
# lines and interleaved with both peers' runs.
compare_epoch() {
  local dataset=$1 source=$2 sample=$3 name=epoch-$1
  selected "$name" || selected "$name-default" || return 0
  [ $FULL = 1 ] && sample=0
  say "preparing $name ($([ "$sample" = 0 ] && echo 'every example' || echo "a sample of $sample"))"
  local cli=$BUILD/app/cli/bertwork-cli
  local prepared=1
  if ! prepare_epoch_data "$dataset" "$source" "$sample" 2>"$WORK/$name.prepare.log"; then
    prepared=0
    local why
    why=$(tail -n 1 "$WORK/$name.prepare.log")
    fail_side "$name-ours" "preparing the data failed: $why"
    fail_side "$name-peer" "no token ids (preparing the data failed)"
    fail_side "$name-default-peer" "no token ids (preparing the data failed)"
  fi
  define_side "$name-ours" "$cli" --threads "$THREADS" train --db "$WORK/epoch.sqlite" \
    --init-config mini --vocab "$VOCAB_DIR/vocab.txt" --task sequence-classification --dataset "$dataset" \
    --output-dir "$WORK/$name-run" --num-train-epochs 1 --per-device-train-batch-size $BATCH \
    --max-seq-length $EPOCH_MAX_LENGTH --group-by-length true --evaluation-strategy no --save-strategy no \
    --learning-rate 5e-5 --weight-decay 0.01 --seed 42
  local peer=("$PY" "$BENCH_DIR/peer_epoch.py" --ids "$WORK/$name.ids.jsonl" --examples "$WORK/$name.jsonl"
              --config bert-mini --batch $BATCH --threads "$THREADS" --seed 42 --foreach 1 --set-to-none 1 --peer "$PEER")
  selected "$name" && define_side "$name-peer" "${peer[@]}" --group-by-length
  selected "$name-default" && define_side "$name-default-peer" "${peer[@]}"
  run_interleaved "$EPOCH_REPEATS" "$name-ours" "$name-peer" "$name-default-peer"
  # Our idle process for this line: bertwork-cli with LibTorch loaded, its threads set, no job but
  # listing the store's datasets.
  [ $prepared = 1 ] && define_side idle-cli "$cli" --threads "$THREADS" datasets --db "$WORK/epoch.sqlite"
  define_idle_sides
  run_interleaved "$IDLE_REPEATS" idle-cli idle-torch

  local rows timed row peer_key setting
  rows=$(jq .rows "$WORK/epoch-$dataset.sample" 2>/dev/null || echo null)
  timed=$(jq .examples "$WORK/epoch-$dataset.sample" 2>/dev/null || echo null)
  for row in "$name" "$name-default"; do
    selected "$row" || continue
    if [ "$row" = "$name" ]; then
      peer_key=$name-peer
      setting="Trainer with group_by_length=True (LengthGroupedSampler, the same length grouping as ours), AdamW(foreach=True), zero_grad(set_to_none=True)"
    else
      peer_key=$name-default-peer
      setting="Trainer's defaults: group_by_length=False (RandomSampler; each batch padded to its longest), here with AdamW(foreach=True), zero_grad(set_to_none=True)"
    fi
    local extra
    extra=$(jq -nc --argjson o "$(median "$name-ours" .train_seconds)" --argjson p "$(median "$peer_key" .train_seconds)" \
      --argjson rows "$rows" --argjson timed "$timed" \
      --argjson so "$(first "$name-ours" .global_step)" --argjson sp "$(first "$peer_key" .steps)" \
      --argjson padding "$(first "$peer_key" .padding_share)" \
      --argjson rss "$(rss_extra "$name-ours" idle-cli "$peer_key" idle-torch)" \
      --arg setting "$setting" --argjson len $EPOCH_MAX_LENGTH --argjson batch $BATCH '
      def full(t): if t == null or $rows == null or $timed == null then null
                   else (t * $rows / $timed * 10 | round) / 10 end;
      {examples_timed: $timed, examples_full: $rows, ours_full_epoch_s_est: full($o),
       peer_full_epoch_s_est: full($p), steps_ours: $so, steps_peer: $sp, peer_padding_share: $padding,
       max_length: $len, batch: $batch,
       ours_setting: "bertwork-cli train, group_by_length true (Bertwork'"'"'s default), FusedAdamW",
       peer_setting: $setting,
       trainer_default_optimizer: "Trainer'"'"'s default optim is adamw_torch: torch.optim.AdamW with foreach left to PyTorch, which takes the per-parameter loop for CPU tensors (from torch 2.8 adamw_torch_fused, a fused kernel torch 1.13 lacks on the CPU); it zero-grads with PyTorch'"'"'s default, set_to_none=True from torch 2.0 (1.13 zero-fills)"}
      + $rss')
    emit "$row" s lower "$name-ours" .train_seconds "$peer_key" .train_seconds "$extra"
  done
}

# KIND: plain, fused, int8 (plain, quantized) or fused-int8; its suffix in file and side names.
kind_suffix() { if [ "$1" != plain ]; then echo "-$1"; fi; }
runtime_kind() { local k=${1#ort}; k=${k#-}; echo "${k:-plain}"; }  # ort-fused-int8 -> fused-int8

# The ONNX model of bert-CONFIG (kind plain: export_onnx.py's export; kind fused: fused_onnx_bert.py's
# graph of fused operators, the same weights), made once per run, with MODEL.check.json beside it,
# and the graph ONNX Runtime runs after its own optimizations, dumped beside it (MODEL.optimized.onnx)
# and counted (MODEL.ops.json). Sets ONNX_MODEL to the model's path, or LAST_ERROR and returns 1.
ONNX_MODEL=""
onnx_model() {
  local config=$1 kind=$2 model log
  model=$WORK/bert-$config$(kind_suffix "$kind").onnx
  ONNX_MODEL=$model
  log=$model.log
  if [ ! -f "$model" ]; then
    if [[ $kind == *int8 ]]; then  # the float32 graph of the same kind, quantized as quantize_dynamic does
      local base=${kind%-int8}
      [ "$base" = int8 ] && base=plain
      onnx_model "$config" "$base" || return 1
      ONNX_MODEL=$model
      "$PY" "$BENCH_DIR/quantize_onnx_dynamic.py" "$WORK/bert-$config$(kind_suffix "$base").onnx" "$model" >"$log" 2>&1 || {
        LAST_ERROR="quantize_onnx_dynamic.py failed: $(tail -n 1 "$log")"; return 1; }
    elif [ "$kind" = fused ]; then
      "$PY" "$BENCH_DIR/fused_onnx_bert.py" "bert-$config" "$model" --peer "$PEER" >"$log" 2>&1 || {
        LAST_ERROR="fused_onnx_bert.py failed: $(tail -n 1 "$log")"; return 1; }
    else
      "$PY" "$PEER/export_onnx.py" "bert-$config" "$model" >"$log" 2>&1 || {
        LAST_ERROR="export_onnx.py failed: $(tail -n 1 "$log")"; return 1; }
    fi
    local layers
    case $config in tiny) layers=2 ;; mini|small) layers=4 ;; medium) layers=8 ;; *) layers=12 ;; esac
    # The dump is made by a session of its own, with the timed runs' settings; it times nothing.
    node "$NODE_DIR/ort_peer.js" "$model" --threads "$THREADS" --save-optimized "$model.optimized.onnx" --dump-only \
      >>"$log" 2>&1 &&
      "$PY" "$BENCH_DIR/onnx_op_counts.py" "$model.optimized.onnx" --layers "$layers" >"$model.ops.json" 2>>"$log" &&
      rm -f "$model.optimized.onnx" ||
      say "  could not count the operators of the graph ONNX Runtime runs for $model (log: $log)"
  fi
}

# define_ort_side CONFIG KIND: the side ort[-fused]-bert-CONFIG (one run times batch 32 and batch 1).
define_ort_side() {
  local config=$1 kind=$2 key
  key=ort$(kind_suffix "$kind")-bert-$config
  if [ -f "$WORK/$key.cmd" ] || [ -f "$WORK/$key.error" ]; then return 0; fi
  ensure_npm_package onnxruntime-node 1.30.0 || { fail_side "$key" "$LAST_ERROR"; return 0; }
  onnx_model "$config" "$kind" || { fail_side "$key" "$LAST_ERROR"; return 0; }
  local ort_steps=(3 20 1)  # batch-32 steps, batch-1 steps, repeats (per run)
  [ $QUICK = 1 ] && ort_steps=(1 3 1)
  [ -n "${ORT_STEPS:-}" ] && read -ra ort_steps <<<"$ORT_STEPS"
  define_side "$key" node "$NODE_DIR/ort_peer.js" "$ONNX_MODEL" --threads "$THREADS" --batch-steps "${ort_steps[0]}" \
    --latency-steps "${ort_steps[1]}" --repeats "${ort_steps[2]}"
}

# {infer,latency}-bert-CONFIG-{torch,ort,ort-fused}: sequences/s at batch 32 and ms at batch 1, seq 128;
# {infer,latency}-bert-CONFIG-{ort-int8,ort-fused-int8}: ours with --int8 against ONNX Runtime's dynamic int8
# graphs (quantize_onnx_dynamic.py).
# Our two runs (infer, latency) are shared by the three lines of each; every side of the config is
# interleaved with the others.
compare_inference() {
  local config=$1 mode runtime name keys=()
  local -A wanted=()
  for mode in infer latency; do
    for runtime in torch ort ort-fused ort-int8 ort-fused-int8; do
      name=$mode-bert-$config-$runtime
      selected "$name" && wanted[$mode]=1 wanted[$runtime]=1 wanted[$mode-$runtime]=1
    done
  done
  [ ${#wanted[@]} -gt 0 ] || return 0
  local steps
  for mode in infer latency; do
    [ -n "${wanted[$mode]:-}" ] || continue
    read -ra steps <<<"$(steps_for "$mode" "$config")"
    local shape=(--batch "$([ $mode = latency ] && echo 1 || echo $BATCH)" --seq "$SEQ" --threads "$THREADS")
    if [ -n "${wanted[$mode-ort]:-}${wanted[$mode-ort-fused]:-}${wanted[$mode-torch]:-}" ]; then
      define_side "$mode-bert-$config-ours" "$BUILD/tests/bench/bench_forward" "$config" "$mode" "${shape[@]}" "${steps[@]}"
      keys+=("$mode-bert-$config-ours")
    fi
    if [ -n "${wanted[$mode-ort-int8]:-}${wanted[$mode-ort-fused-int8]:-}" ]; then
      define_side "$mode-bert-$config-ours-int8" "$BUILD/tests/bench/bench_forward" "$config" "$mode" "${shape[@]}" \
        "${steps[@]}" --int8
      keys+=("$mode-bert-$config-ours-int8")
    fi
    if [ -n "${wanted[$mode-torch]:-}" ]; then
      define_side "$mode-bert-$config-torch-peer" "$PY" "$PEER/bench_bert.py" "bert-$config" "$mode" "${shape[@]}" \
        "${steps[@]}" --out "$WORK/bench_bert.jsonl"
      keys+=("$mode-bert-$config-torch-peer")
    fi
  done
  if [ -n "${wanted[ort]:-}" ]; then define_ort_side "$config" plain; keys+=("ort-bert-$config"); fi
  if [ -n "${wanted[ort-fused]:-}" ]; then define_ort_side "$config" fused; keys+=("ort-fused-bert-$config"); fi
  if [ -n "${wanted[ort-int8]:-}" ]; then define_ort_side "$config" int8; keys+=("ort-int8-bert-$config"); fi
  if [ -n "${wanted[ort-fused-int8]:-}" ]; then define_ort_side "$config" fused-int8; keys+=("ort-fused-int8-bert-$config"); fi
  run_interleaved "$REPEATS" "${keys[@]}"

  for mode in infer latency; do
    for runtime in torch ort ort-fused ort-int8 ort-fused-int8; do
      name=$mode-bert-$config-$runtime
      selected "$name" || continue
      local batch=$BATCH unit=seq/s better=higher ours_field=.seq_per_s peer_field peer_key ours_key=$mode-bert-$config-ours
      [[ $runtime == *int8 ]] && ours_key=$mode-bert-$config-ours-int8
      [ $mode = latency ] && batch=1 unit=ms better=lower ours_field=.ms_per_step
      case $runtime in
        torch) peer_key=$mode-bert-$config-torch-peer ;;
        ort) peer_key=ort-bert-$config ;;
        ort*) peer_key=$runtime-bert-$config ;;
      esac
      case $mode:$runtime in
        infer:torch) peer_field=.seq_per_s_median ;;
        infer:ort*) peer_field=.batch32_seq_per_s_median ;;
        latency:torch) peer_field=.ms_per_step_median ;;
        latency:ort*) peer_field=.latency_ms_median ;;
      esac
      emit "$name" "$unit" "$better" "$ours_key" "$ours_field" "$peer_key" "$peer_field" \
        "$(inference_extra "$peer_key" "$config" "$runtime" "$batch")"
    done
  done
}

# inference_extra PEER_KEY CONFIG RUNTIME BATCH: the shape, and for ONNX Runtime its version, its check
# that the model computes what PyTorch does, and the fused nodes of the graph it ran.
inference_extra() {
  local ort='{}' ops=null model
  if [[ $3 == ort* ]]; then
    model=$WORK/bert-$2$(kind_suffix "$(runtime_kind "$3")").onnx
    [ -f "$model.ops.json" ] && ops=$(jq -c '.fused + {nodes, fully_fused}' "$model.ops.json")
    ort=$(jq -nc --argjson d "$(first "$1" .max_abs_diff_vs_torch)" --argjson v "$(first "$1" .ort_version)" \
      --argjson ops "$ops" --arg runtime "$3" '
      {ort_max_abs_diff_vs_torch: $d, ort_version: $v, ort_session: "graphOptimizationLevel all, intraOpNumThreads = threads, interOpNumThreads 1, CPU provider",
       ort_graph: $ops,
       ort_model: ((if ($runtime | startswith("ort-fused"))
         then "fused_onnx_bert.py: the same weights as a graph of ONNX Runtime'"'"'s fused operators (EmbedLayerNormalization, Attention, SkipLayerNormalization, BiasGelu)"
         else "export_onnx.py'"'"'s torch.onnx export (opset 14)" end)
         + (if ($runtime | endswith("int8"))
         then ", dynamically quantized by quantize_onnx_dynamic.py as quantize_dynamic does by default (DynamicQuantizeMatMul, QAttention; int8 weights per tensor)"
         else "" end)),
       ort_transformers_optimizer: "not used: onnxruntime.transformers.optimizer needs the onnxruntime Python package, which Debian does not ship and PyPI is out of reach here; fused_onnx_bert.py writes the fused graph instead (the *-ort-fused lines)"}')
  fi
  jq -nc --argjson ort "$ort" --argjson b "$4" --argjson s "$SEQ" --argjson t "$THREADS" \
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
# its Node binding, tok_peer.js), both encoding batches of 1024 lines without special tokens. The
# peer's figure is encodeBatch without reading the ids back (the work ours does: its encodings stay in
# C++ memory); the figure with getIds() on every encoding, and the share that read-back takes, come
# along. ids_identical compares every id of every line (untimed dumps: ours by bench_tokenizer
# --dump-ids, theirs by tok_dump_ids.js).
compare_tokenize() {
  selected tokenize-1thread || selected tokenize-allthreads || return 0
  local corpus repeats=${TOKENIZE_REPEATS:-1} peer_ready=1
  corpus=$(tokenize_corpus)
  ensure_npm_package tokenizers 0.23.2 || peer_ready=0
  if [ $peer_ready = 1 ]; then
    node "$NODE_DIR/tok_dump_ids.js" "$VOCAB_DIR/tokenizer.json" "$corpus" "$WORK/ids-peer.txt" \
      >"$WORK/ids-peer.log" 2>&1 || say "  tok_dump_ids.js failed (log: $WORK/ids-peer.log)"
  fi
  "$BUILD/tests/bench/bench_tokenizer" --vocab "$VOCAB_DIR/vocab.txt" --input "$corpus" --repeats 1 \
    --dump-ids "$WORK/ids-ours.txt" >"$WORK/ids-ours.log" 2>&1 || say "  bench_tokenizer --dump-ids failed"

  local name threads parallel
  for name in tokenize-1thread tokenize-allthreads; do
    selected "$name" || continue
    threads=1 parallel=false
    [ $name = tokenize-allthreads ] && threads=$THREADS parallel=true
    define_side "$name-ours" "$BUILD/tests/bench/bench_tokenizer" --vocab "$VOCAB_DIR/vocab.txt" --input "$corpus" \
      --repeats "$repeats" --threads "$threads"
    if [ $peer_ready = 1 ]; then
      # TOKENIZERS_PARALLELISM=false keeps encodeBatch on one thread; else Rayon uses $threads.
      define_side "$name-peer" env TOKENIZERS_PARALLELISM=$parallel RAYON_NUM_THREADS="$threads" \
        RAYON_RS_NUM_CPUS="$threads" node "$NODE_DIR/tok_peer.js" "$VOCAB_DIR/tokenizer.json" "$corpus" "$repeats"
    else
      fail_side "$name-peer" "$LAST_ERROR"
    fi
    run_interleaved "$REPEATS" "$name-ours" "$name-peer"
    local extra
    extra=$(jq -nc --argjson ids "$(ids_agreement "$WORK/ids-ours.txt" "$WORK/ids-peer.txt")" --argjson t "$threads" \
      --argjson b "$(first "$name-ours" .bytes)" --argjson with "$(stats "$name-peer" .with_ids.MB_per_s_median)" \
      --argjson share "$(median "$name-peer" .readback_share)" '
      $ids + {threads: $t, corpus_bytes: $b,
              peer_figure: "encodeBatch without reading the ids back (tok_peer.js no_readback): the work ours does",
              peer_with_ids_mb_per_s: $with.median?, peer_with_ids_spread: (if $with == null then null else $with | del(.median) end),
              peer_readback_share: (if $share == null then null else ($share * 1000 | round) / 1000 end)}')
    emit "$name" MB/s higher "$name-ours" .mb_per_s "$name-peer" .no_readback.MB_per_s_median "$extra"
  done
}

# ids_agreement OURS PEER: {"ids_identical": true|false|null, "ids_lines": N, "ids_first_difference_line": L}
ids_agreement() {
  if [ ! -s "$1" ] || [ ! -s "$2" ]; then
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
  say "threads $THREADS, $REPEATS interleaved runs per side ($EPOCH_REPEATS for epoch-*)$([ $QUICK = 1 ] && echo ', quick')$([ $FULL = 1 ] && echo ', full epochs'); work files in $WORK"

  local sst2_sample=${SST2_SAMPLE:-20000} imdb_sample=${IMDB_SAMPLE:-2000}
  [ $QUICK = 1 ] && sst2_sample=${SST2_SAMPLE:-256} imdb_sample=${IMDB_SAMPLE:-64}

  compare_matmul_peak
  compare_gemm_peak
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
