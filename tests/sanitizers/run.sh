#!/usr/bin/env bash
# The engine and CLI test suite under AddressSanitizer + UndefinedBehaviorSanitizer (gcc), in its own
# build folder without the GUI. Any report fails the test that triggered it: ASan aborts the process,
# and -fno-sanitize-recover turns undefined behaviour into an abort too.
#
#   tests/sanitizers/run.sh [ctest args...]      # e.g. -R test_trainer
#
# SANITIZE_BUILD_DIR (default build-asan) holds the build. LibTorch, Qt and SQLite come from Debian
# uninstrumented: ASan still checks every access our code makes, including into their buffers.
set -euo pipefail
cd "$(dirname "$0")/../.."

bash packaging/install-deps.sh

build="${SANITIZE_BUILD_DIR:-build-asan}"
export CCACHE_SLOPPINESS="pch_defines,time_macros,include_file_mtime,include_file_ctime"
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}" CCACHE_NOHASHDIR=1 CCACHE_BASEDIR="$PWD"

# -O1 keeps the training tests quick enough while the stacks stay readable; -g1 is line tables only
# (half the compile time of full debug info); asserts stay on (no NDEBUG).
sanitizers="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Sanitize -DCMAKE_CXX_FLAGS_SANITIZE="-O1 -g1" \
    -DCMAKE_CXX_FLAGS="$sanitizers" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
    -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" \
    -DBERTWORK_GUI=OFF -DBERTWORK_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" --parallel "$(nproc)"

supp="$PWD/tests/sanitizers"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0:strict_string_checks=1:check_initialization_order=1:suppressions=$supp/asan.supp"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$supp/ubsan.supp"
# One test at a time, as the normal suite: the training tests use every core themselves.
QT_QPA_PLATFORM=offscreen ctest --test-dir "$build" --output-on-failure --timeout 1800 "$@"
