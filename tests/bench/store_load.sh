#!/usr/bin/env bash
# The experiment store under load (issue 17 §4): 10,000 runs and 10 million metric rows.
#
#   tests/bench/store_load.sh [STORE] [--build-dir DIR] [--repeats N] [--runs N] [--rows N]
#
# STORE (default /tmp/bertwork-store-load.sqlite) is generated when missing (about a minute, 1 GB) and
# reused when there: keep it outside the repository. Needs bench_store_load, bertwork-cli and, for the
# Runs page, bench_runs_page (a build with the GUI) in DIR (default build). stdout: the JSON lines of
# both benchmarks, then a table of the medians with the targets next to them. Progress: stderr.
# Wall times depend on what else runs on the machine: cpu_ms (this process and its children) is shown
# beside them; a wall time far above it means the cores were busy with something else.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
BUILD=$REPO/build
STORE=/tmp/bertwork-store-load.sqlite
REPEATS=5
SIZE=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) BUILD=$2; shift ;;
    --repeats) REPEATS=$2; shift ;;
    --runs|--rows) SIZE+=("$1" "$2"); shift ;;
    -*) echo "store_load.sh: unknown argument $1" >&2; exit 2 ;;
    *) STORE=$1 ;;
  esac
  shift
done
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT

"$BUILD/tests/bench/bench_store_load" "$STORE" --cli "$BUILD/app/cli/bertwork-cli" --repeats "$REPEATS" "${SIZE[@]}" | tee "$OUT"
if [ -x "$BUILD/tests/bench/bench_runs_page" ]; then
  QT_QPA_PLATFORM=offscreen "$BUILD/tests/bench/bench_runs_page" "$STORE" --repeats "$REPEATS" 2>/dev/null | tee -a "$OUT"
else
  echo "store_load.sh: no bench_runs_page in $BUILD (a build without the GUI): the Runs page is not timed" >&2
fi

echo
echo "load avg: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
jq -r 'select(.median_ms != null) |
  [.name, (.median_ms | . * 10 | round / 10), (.median_cpu_ms | . * 10 | round / 10),
   (if .target_ms == null then "-" else "< \(.target_ms)" end),
   (if .target_ms == null then "" elif .median_ms < .target_ms then "ok" else "OVER" end)] | @tsv' "$OUT" |
  (printf 'measurement\tmedian ms\tcpu ms\ttarget ms\t\n'; cat) | column -t -s $'\t'
jq -r 'select(.name == "growth-per-1000-points") |
  "store growth per 1,000 metric points: \(.used_bytes_per_1000 | round) bytes used (\(.file_bytes_per_1000 | round) bytes of file) over \(.points) points; file \(.file_bytes / 1048576 | round) MiB"' "$OUT"
jq -r 'select(.name == "generate") | "generated \(.runs) runs, \(.rows) metric rows in \(.seconds | round) s"' "$OUT"
