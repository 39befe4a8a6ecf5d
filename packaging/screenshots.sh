#!/usr/bin/env bash
# Renders every page of the workbench to PNG under Xvfb, as a user sees it on a demo workspace:
# the bundled SST-2 slice imported and two short fine-tunes of the bundled model with different
# learning rates (so that Train, Runs and Export have curves and checkpoints to show), the second
# one's best checkpoint analysed on the validation split (for the Errors page).
# Usage: bash packaging/screenshots.sh [OUT_DIR]   (default: docs/screenshots; BUILD_DIR: default build)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshots}
build=${BUILD_DIR:-build}
[ -x "$build/app/gui/bertwork" ] || bash packaging/build.sh  # builds ./build
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for lr in 1e-4 3e-4; do
    "$build/app/cli/bertwork-cli" quickstart --work-dir "$work" --max-steps 150 --learning-rate "$lr" \
        --evaluation-strategy steps --eval-steps 25 --save-strategy steps --save-steps 25 --logging-steps 5 >/dev/null 2>&1
done
"$build/app/cli/bertwork-cli" analyse --db "$work/runs.sqlite" --run 2 >/dev/null
mkdir -p "$out"
xvfb-run -a -s "-screen 0 1400x900x24" "$build/app/gui/bertwork" --store "$work/runs.sqlite" \
    --model resources/models/bertwork-tiny-en --screenshots "$out" 2> >(grep -v 'inactive painter\|engine == 0' >&2)
echo "screenshots of every page in $out" >&2
