#!/usr/bin/env bash
# Training speed when another process takes a core: each thread setting of ours (and PyTorch eager's
# default) on an idle machine and beside busy loops, back to back, so that the settings are
# compared under the same load. What the performance issue asks: a run that keeps its speed when
# one of the cores is taken, instead of waiting at every parallel region for the busy core.
#
#   tests/bench/contention.sh [CONFIG...] [--busy N] [--repeats N] [--steps N] [--busy-window S:E] [--build-dir DIR]
#
# CONFIG: tiny and mini by default. --busy N: the busy loops of the loaded rounds (default 1).
# Needs what compare.sh builds (bench_train in build-bench) and Debian's python3-torch for the peer.
# stdout: one JSON line per config, load and setting: {"name": "contention-train-bert-CONFIG",
# "busy": 0|N, "busy_window" (S:E or null), "setting", "seq_per_s" (the median of the repeats), "runs": [...]}.
# Settings: "ours-2-threads" (libgomp's default waits: spin, then sleep), "ours-2-threads-passive"
# (OMP_WAIT_POLICY=PASSIVE: sleep at once), "ours-1-thread", "ours-default" (--threads 0: what the
# CLI and the window do by default), "ours-adaptive" (2 threads at most, fewer while other processes
# keep a core busy: what `--threads auto` does in the trainer), "peer-2-threads" (bench_bert.py,
# foreach AdamW). --steps N: the timed steps of a run (default 10; an adaptive run decides after its
# first second, so longer runs show its steady state). --busy-window S:E (whole seconds): in the loaded rounds the
# busy loops run only from S to E seconds after each run starts (a neighbour that comes and goes:
# the whole run's rate shows how a setting loses and recovers its speed; use enough --steps).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
PEER=${BERTWORK_SHARED:-$REPO/../shared}/peer
PY=/usr/bin/python3
BUILD=$REPO/build-bench
BUSY=1
REPEATS=2
STEPS=10
BUSY_WINDOW=""
CONFIGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --busy) BUSY=$2; shift ;;
    --repeats) REPEATS=$2; shift ;;
    --steps) STEPS=$2; shift ;;
    --busy-window) BUSY_WINDOW=$2; shift ;;
    --build-dir) BUILD=$2; shift ;;
    tiny|mini|small|medium|base) CONFIGS+=("$1") ;;
    *) echo "contention.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[ ${#CONFIGS[@]} -gt 0 ] || CONFIGS=(tiny mini)
[ -x "$BUILD/tests/bench/bench_train" ] || { echo "contention.sh: no $BUILD/tests/bench/bench_train (run compare.sh once)" >&2; exit 2; }
WORK=$(mktemp -d)
BUSY_PIDS=()
stop_busy() { [ ${#BUSY_PIDS[@]} -eq 0 ] || kill "${BUSY_PIDS[@]}" 2>/dev/null || true; BUSY_PIDS=(); }
trap 'stop_busy; rm -rf "$WORK"' EXIT

start_busy() {  # N busy loops, each a process of its own that never sleeps
  local i
  for ((i = 0; i < $1; i++)); do
    sh -c 'while :; do :; done' &
    BUSY_PIDS+=($!)
  done
  sleep 1
}

# busy_during START END N: N busy loops from START to END seconds from now, in the background.
busy_during() {
  (
    sleep "$1"
    pids=()
    for ((i = 0; i < $3; i++)); do sh -c 'while :; do :; done' & pids+=($!); done
    trap 'kill "${pids[@]}" 2>/dev/null' EXIT
    sleep $(($2 - $1))
  ) &
  WINDOW_PID=$!
}

# run_setting CONFIG SETTING [BUSY]: one timed run; prints its sequences per second (or null). With
# --busy-window and BUSY > 0 the busy loops come and go during the run.
run_setting() {
  local config=$1 setting=$2 busy=${3:-0} steps=(--batch 32 --seq 128 --warmup 3 --steps "$STEPS" --repeats 1)
  local cmd
  case "$setting" in
    ours-2-threads) cmd=(env -u OMP_WAIT_POLICY "$BUILD/tests/bench/bench_train" "$config" classify --threads 2) ;;
    ours-2-threads-passive) cmd=(env OMP_WAIT_POLICY=PASSIVE "$BUILD/tests/bench/bench_train" "$config" classify --threads 2) ;;
    ours-1-thread) cmd=(env -u OMP_WAIT_POLICY "$BUILD/tests/bench/bench_train" "$config" classify --threads 1) ;;
    ours-default) cmd=(env -u OMP_WAIT_POLICY "$BUILD/tests/bench/bench_train" "$config" classify --threads 0) ;;
    ours-adaptive) cmd=(env -u OMP_WAIT_POLICY "$BUILD/tests/bench/bench_train" "$config" classify --threads 2 --adaptive-threads) ;;
    peer-2-threads) cmd=(env -u OMP_WAIT_POLICY "$PY" "$PEER/bench_bert.py" "bert-$config" train --threads 2 --foreach 1
                         --out "$WORK/bench_bert.jsonl") ;;
  esac
  WINDOW_PID=""
  [ -n "$BUSY_WINDOW" ] && [ "$busy" -gt 0 ] && busy_during "${BUSY_WINDOW%%:*}" "${BUSY_WINDOW##*:}" "$busy"
  if "${cmd[@]}" "${steps[@]}" >"$WORK/out" 2>"$WORK/log"; then
    grep '^{' "$WORK/out" | tail -n 1 | jq '.seq_per_s // .seq_per_s_median'
    grep '^{' "$WORK/out" | tail -n 1 | jq -c 'select(.adaptive_threads) | .adaptive_threads' >&2 || true
  else
    echo "contention.sh: $config $setting failed: $(tail -n 1 "$WORK/log")" >&2
    echo null
  fi
  if [ -n "$WINDOW_PID" ]; then kill "$WINDOW_PID" 2>/dev/null || true; wait "$WINDOW_PID" 2>/dev/null || true; fi
}

SETTINGS=(ours-2-threads ours-2-threads-passive ours-1-thread ours-default ours-adaptive peer-2-threads)
for config in "${CONFIGS[@]}"; do
  for busy in 0 "$BUSY"; do
    declare -A rates=()
    [ "$busy" -gt 0 ] && [ -z "$BUSY_WINDOW" ] && start_busy "$busy"
    for ((r = 0; r < REPEATS; r++)); do
      order=("${SETTINGS[@]}")
      if [ $((r % 2)) = 1 ]; then  # every other round backwards, so that drift falls on all alike
        order=()
        for ((i = ${#SETTINGS[@]} - 1; i >= 0; i--)); do order+=("${SETTINGS[$i]}"); done
      fi
      for setting in "${order[@]}"; do
        echo "contention.sh: $config, $busy busy, $setting, round $((r + 1))" >&2
        rates[$setting]="${rates[$setting]:-} $(run_setting "$config" "$setting" "$busy")"
      done
    done
    stop_busy
    for setting in "${SETTINGS[@]}"; do
      jq -nc --arg name "contention-train-bert-$config" --argjson busy "$busy" --arg setting "$setting" \
        --arg window "$BUSY_WINDOW" --argjson runs "[$(echo ${rates[$setting]} | tr ' ' ',')]" '
        ($runs | map(select(. != null)) | sort) as $ok
        | {name: $name, busy: $busy, busy_window: (if $busy > 0 and $window != "" then $window else null end), setting: $setting,
           seq_per_s: (if ($ok | length) == 0 then null else ($ok[(($ok | length) - 1) / 2 | floor] * 10 | round / 10) end),
           runs: $runs}'
    done
    unset rates
  done
done
