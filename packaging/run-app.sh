#!/usr/bin/env bash
# Installs everything, builds, and opens the Bertwork workbench on the bundled model
# (resources/models/bertwork-tiny-en) with the bundled SST-2 slice imported into the workspace.
# Without a display (no $DISPLAY or $WAYLAND_DISPLAY) it runs the headless quick start instead:
# one epoch of fine-tuning of the bundled model on that SST-2 slice, printing the dev accuracy.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/build.sh
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec build/app/gui/bertwork --model resources/models/bertwork-tiny-en "$@"
fi
echo "bertwork: no display found; running the headless quick start (bertwork-cli quickstart) instead" >&2
exec build/app/cli/bertwork-cli quickstart "$@"
