#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz with clang (-fsanitize=fuzzer,address,undefined) in
# their own build folder and runs each for SECONDS (default 60), one target at a time, on its seeds
# and dictionary. Prints per target: executions, coverage (libFuzzer's cov: and ft:), corpus size
# and any crash.
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]        # TARGET: safetensors pytorch_bin ... (default: all)
#
# FUZZ_BUILD_DIR (default build-fuzz) holds the build; FUZZ_WORK_DIR (default $FUZZ_BUILD_DIR/work)
# the corpora the runs grow (kept between runs: a campaign adds up) and crash inputs under
# crashes/<target>/. A crash is fixed in core/ and its input copied to tests/fuzz/regressions/<target>/,
# which the normal suite replays (ctest -R fuzz_). Reproduce one with: $FUZZ_BUILD_DIR/tests/fuzz/fuzz_<target> FILE
# FUZZ_BUILD_JOBS (default 2) compiles in parallel; FUZZ_TIMEOUT (default 60) is the seconds an input may run
# before it counts as a hang; extra libFuzzer flags go in FUZZ_FLAGS.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds="${1:-60}"
shift || true
all_targets=(safetensors pytorch_bin torch_pickle model_files dataset_readers wordpiece experiment_store)
targets=("${@:-${all_targets[@]}}")
build="${FUZZ_BUILD_DIR:-build-fuzz}"
work="${FUZZ_WORK_DIR:-$build/work}"
fuzz_dir=tests/fuzz

command -v clang++ >/dev/null || { echo "run.sh: clang++ is needed (Debian: apt-get install clang libclang-rt-14-dev)" >&2; exit 1; }

# The shared compiler cache, as packaging/build.sh sets it up.
export CCACHE_SLOPPINESS="pch_defines,time_macros,include_file_mtime,include_file_ctime"
export CCACHE_NOHASHDIR=1 CCACHE_BASEDIR="$PWD"

# fuzzer-no-link instruments the engine code the harnesses link; the harness executables add the
# libFuzzer driver (tests/fuzz/CMakeLists.txt). Undefined behaviour stops the run like a crash.
sanitizers="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DBERTWORK_FUZZ=ON -DBERTWORK_GUI=OFF -DBERTWORK_BUILD_BENCH=OFF -DCMAKE_CXX_FLAGS="$sanitizers" >/dev/null
cmake --build "$build" --parallel "${FUZZ_BUILD_JOBS:-2}" --target "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE  # LibTorch's kernels on one thread: the other core stays free

summary=()
status=0
for target in "${targets[@]}"; do
    corpus="$work/corpus/$target"
    crashes="$work/crashes/$target"
    log="$work/logs/$target.log"
    mkdir -p "$corpus" "$crashes" "$(dirname "$log")"
    dict=()
    [ -f "$fuzz_dir/dict/$target.dict" ] && dict=(-dict="$fuzz_dir/dict/$target.dict")
    echo "== $target: ${seconds}s"
    # New inputs go to the work corpus; the checked-in seeds and regressions are read only.
    # -timeout: an input still running after FUZZ_TIMEOUT seconds (default 60) is a hang. A config.json
    # of 88,027 labels (within the 100,000 allowed) takes 5 s under ASan, linear in the labels, but 70 s
    # at nice 19 on two cores shared with a training run and a build (2026-12-07): give such runs more.
    set +e
    "$build/tests/fuzz/fuzz_$target" "$corpus" "$fuzz_dir/corpus/$target" \
        $( [ -d "$fuzz_dir/regressions/$target" ] && echo "$fuzz_dir/regressions/$target" ) \
        "${dict[@]}" -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-60}" -rss_limit_mb=2560 -malloc_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$crashes/" ${FUZZ_FLAGS:-} >"$log" 2>&1
    rc=$?
    set -e
    # The last status line carries the coverage; the final stats the executions.
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p' <<<"$last")
    crash_files=$(find "$crashes" -type f | wc -l)
    line=$(printf '%-18s execs %-10s exec/s %-6s cov %-6s ft %-6s corpus %-12s crash files %s' \
        "$target" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$crash_files")
    if [ "$rc" -ne 0 ]; then
        status=1
        line="$line  FAILED (exit $rc): see $log"
        grep -m1 -E 'ERROR: |runtime error|fuzz invariant broken|terminate called|==[0-9]+==' "$log" | sed 's/^/    /' || true
        grep -m1 'Test unit written to' "$log" | sed 's/^/    /' || true
    fi
    echo "$line"
    summary+=("$line")
done

echo
echo "== summary ($(date -u +%Y-%m-%dT%H:%MZ), ${seconds}s per target; logs in $work/logs)"
printf '%s\n' "${summary[@]}"
exit $status
