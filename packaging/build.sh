#!/usr/bin/env bash
# Installs the dependencies (when missing) and builds Bertwork into ./build.
# Usage: bash packaging/build.sh [extra cmake -D options]
set -euo pipefail
cd "$(dirname "$0")/.."

bash packaging/install-deps.sh

# ccache keeps rebuilds (and CI runs on the same machine) fast; the PCH needs the sloppiness.
export CCACHE_SLOPPINESS="pch_defines,time_macros,include_file_mtime,include_file_ctime"
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
# Fresh clones live in other directories: share the cache between them (paths under the clone are
# hashed relative to it, so a clone elsewhere hits what another clone compiled).
export CCACHE_NOHASHDIR=1
export CCACHE_BASEDIR="$PWD"

jobs=$(nproc)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build build --parallel "$jobs"
