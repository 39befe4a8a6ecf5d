#!/usr/bin/env bash
# A big import beside a training run (issue 17 §4): a corpus of SIZE MiB (WikiText-2 and the IMDB
# unlabelled reviews, repeated) is imported by bertwork-cli while bench_import_load writes a metric
# point every 20 ms to the same store, as a training run does.
#
#   tests/bench/import_load.sh [--build-dir DIR] [--work DIR] [SIZE_MIB ...]   (default: 256 2048)
#
# Corpora and stores go to --work (default /tmp/bertwork-import-load; 2 GiB each, kept for reuse).
# stdout: one JSON line per size, then a table. Peak memory that stays flat from the small corpus to
# the big one is the "constant memory" of the issue; the metric writes' longest wait is the lock.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
BUILD=$REPO/build
WORK=/tmp/bertwork-import-load
SIZES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) BUILD=$2; shift ;;
    --work) WORK=$2; shift ;;
    -*) echo "import_load.sh: unknown argument $1" >&2; exit 2 ;;
    *) SIZES+=("$1") ;;
  esac
  shift
done
[ ${#SIZES[@]} -gt 0 ] || SIZES=(256 2048)
ASSETS=$REPO/../shared/assets
mkdir -p "$WORK"
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT

for size in "${SIZES[@]}"; do
  corpus=$WORK/corpus-${size}mib.txt
  if [ ! -f "$corpus" ] || [ "$(stat -c %s "$corpus")" -lt $((size * 1048576)) ]; then
    echo "import_load.sh: writing $corpus" >&2
    : > "$corpus.tmp"
    while [ "$(stat -c %s "$corpus.tmp")" -lt $((size * 1048576)) ]; do
      cat "$ASSETS"/wikitext2/wiki.*.txt "$ASSETS"/imdb/unsup.txt >> "$corpus.tmp"
    done
    truncate -s $((size * 1048576)) "$corpus.tmp"
    mv "$corpus.tmp" "$corpus"
  fi
  echo "import_load.sh: importing $size MiB beside metric writes" >&2
  "$BUILD/tests/bench/bench_import_load" "$corpus" "$WORK/store-${size}mib.sqlite" \
    --cli "${CLI:-$BUILD/app/cli/bertwork-cli}" | tee -a "$OUT"
  rm -f "$WORK/store-${size}mib.sqlite"*  # and its .control store
done

echo
echo "load avg: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
jq -r '[(.corpus_bytes / 1048576 | round), .rows, (.import_s | round), (.import_peak_rss_mb | round),
        .metric_writes, .locked_errors, (.write_wait_median_ms * 10 | round / 10),
        (.write_wait_p99_ms | round), (.write_wait_max_ms | round),
        "\(.control_wait_median_ms * 10 | round / 10) / \(.control_wait_p99_ms | round) / \(.control_wait_max_ms | round)"] | @tsv' "$OUT" |
  (printf 'MiB\trows\timport s\tpeak MB\twrites\tlocked\twait median ms\tp99 ms\tmax ms\tcontrol store median/p99/max ms\n'; cat) |
  column -t -s $'\t'
