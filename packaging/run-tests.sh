#!/usr/bin/env bash
# Installs everything, builds, and runs the whole test suite (Qt Test executables under CTest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/build.sh
# One test at a time: the training tests use every core themselves.
QT_QPA_PLATFORM=offscreen ctest --test-dir build --output-on-failure --timeout 900
