#!/usr/bin/env bash
# ATen's element-wise kernels with AVX2 against AVX-512 (ATEN_CPU_CAPABILITY), training and
# inference, back to back in alternating order, on a machine that has AVX-512. LibTorch picks one
# set of vectorised kernels per process (LibTorch 1.13 prefers AVX2 even where AVX-512 is there);
# the GEMMs (OpenBLAS, oneDNN) choose their own and do not change with it.
#
#   tests/bench/cpu_capability.sh [CONFIG...] [--threads N] [--repeats N] [--build-dir DIR]
#
# CONFIG: tiny and mini by default. Needs what compare.sh builds (build-bench).
# stdout: one JSON line per config, job and capability: {"name": "capability-{train,infer}-bert-CONFIG",
# "capability": "avx2" | "avx512", "seq_per_s" (the median of the repeats), "runs": [...]}, then
# {"name": ..., "ratio": avx512 / avx2}.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
BUILD=$REPO/build-bench
THREADS=2
REPEATS=3
CONFIGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) THREADS=$2; shift ;;
    --repeats) REPEATS=$2; shift ;;
    --build-dir) BUILD=$2; shift ;;
    tiny|mini|small|medium|base) CONFIGS+=("$1") ;;
    *) echo "cpu_capability.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[ ${#CONFIGS[@]} -gt 0 ] || CONFIGS=(tiny mini)
grep -qw avx512bw /proc/cpuinfo || { echo "cpu_capability.sh: this CPU has no AVX-512" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# run JOB CONFIG CAPABILITY: one timed run; prints its sequences per second (or null).
run() {
  local job=$1 config=$2 capability=$3 cmd
  case "$job" in
    train) cmd=("$BUILD/tests/bench/bench_train" "$config" classify --warmup 3 --steps 10 --repeats 1) ;;
    infer) cmd=("$BUILD/tests/bench/bench_forward" "$config" infer --warmup 3 --steps 20 --repeats 1) ;;
  esac
  if ATEN_CPU_CAPABILITY=$capability "${cmd[@]}" --batch 32 --seq 128 --threads "$THREADS" >"$WORK/out" 2>"$WORK/log"; then
    grep '^{' "$WORK/out" | tail -n 1 | jq '.seq_per_s // .seq_per_s_median'
  else
    echo "cpu_capability.sh: $job $config $capability failed: $(tail -n 1 "$WORK/log")" >&2
    echo null
  fi
}

median() { jq -s 'map(select(. != null)) | sort | if length == 0 then null else .[(length - 1) / 2 | floor] end'; }

for config in "${CONFIGS[@]}"; do
  for job in train infer; do
    avx2=() avx512=()
    for ((r = 0; r < REPEATS; r++)); do
      echo "cpu_capability.sh: $job $config, round $((r + 1))" >&2
      if [ $((r % 2)) = 0 ]; then
        avx2+=("$(run "$job" "$config" avx2)"); avx512+=("$(run "$job" "$config" avx512)")
      else
        avx512+=("$(run "$job" "$config" avx512)"); avx2+=("$(run "$job" "$config" avx2)")
      fi
    done
    name=capability-$job-bert-$config
    a=$(printf '%s\n' "${avx2[@]}" | median)
    b=$(printf '%s\n' "${avx512[@]}" | median)
    jq -nc --arg name "$name" --argjson s "$a" --argjson runs "[$(IFS=,; echo "${avx2[*]}")]" \
      '{name: $name, capability: "avx2", seq_per_s: $s, runs: $runs}'
    jq -nc --arg name "$name" --argjson s "$b" --argjson runs "[$(IFS=,; echo "${avx512[*]}")]" \
      '{name: $name, capability: "avx512", seq_per_s: $s, runs: $runs}'
    jq -nc --arg name "$name" --argjson a "$a" --argjson b "$b" \
      '{name: $name, ratio: (if $a == null or $b == null then null else ($b / $a * 1000 | round / 1000) end)}'
  done
done
