#!/usr/bin/env bash
# The wizard's time estimate against the real run (issue 18 §4: within 25%). For each of three runs
# on data the tests do not use (../shared/assets), `bertwork-cli train ... --estimate 3` (what the
# review page shows) and then the same `train` for real, its wall time from process start to end.
#
#   tests/bench/estimate_accuracy.sh [--build-dir DIR]
#
# stdout: one JSON line per run (estimate, its parts, real seconds, real/estimate), then a table.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
BUILD=$REPO/build
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) BUILD=$2; shift ;;
    *) echo "estimate_accuracy.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
CLI=$BUILD/app/cli/bertwork-cli
ASSETS=$REPO/../shared/assets
MODEL=$REPO/resources/models/bertwork-tiny-en
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB=$WORK/runs.sqlite

# SST-2 rows 2001-6000 (the tests use the first 2000), IMDB's reviews 10001-12500 and 12501-13000
# (the file is sorted by label: take both), CoNLL-2003's sentences 3001-6000 with valid.txt.
python3 - "$ASSETS" "$WORK" <<'PY'
import sys, random
assets, work = sys.argv[1], sys.argv[2]
lines = open(f"{assets}/sst2/train.tsv", encoding="utf-8").read().rstrip("\n").split("\n")
open(f"{work}/sst2.tsv", "w", encoding="utf-8").write("\n".join([lines[0]] + lines[2001:6001]) + "\n")
lines = open(f"{assets}/imdb/train.tsv", encoding="utf-8").read().rstrip("\n").split("\n")
rows = lines[1:]
random.Random(5).shuffle(rows)
open(f"{work}/imdb_train.tsv", "w", encoding="utf-8").write("\n".join([lines[0]] + rows[:2500]) + "\n")
open(f"{work}/imdb_val.tsv", "w", encoding="utf-8").write("\n".join([lines[0]] + rows[2500:3000]) + "\n")
sentences = open(f"{assets}/conll2003/train.txt", encoding="utf-8").read().split("\n\n")
open(f"{work}/conll.txt", "w", encoding="utf-8").write("\n\n".join(sentences[3001:6001]) + "\n")
PY
"$CLI" import --db "$DB" --name sst2 --input "$WORK/sst2.tsv" --split train >/dev/null
"$CLI" import --db "$DB" --name sst2 --input "$ASSETS/sst2/dev.tsv" --split validation >/dev/null
"$CLI" import --db "$DB" --name imdb --input "$WORK/imdb_train.tsv" --split train >/dev/null
"$CLI" import --db "$DB" --name imdb --input "$WORK/imdb_val.tsv" --split validation >/dev/null
"$CLI" import --db "$DB" --name conll --input "$WORK/conll.txt" --split train >/dev/null
"$CLI" import --db "$DB" --name conll --input "$ASSETS/conll2003/valid.txt" --split validation >/dev/null

run() {  # NAME ARGS...: the estimate, then the real run
  local name=$1; shift
  local args=(train --db "$DB" --model "$MODEL" --output-dir "$WORK/out-$name" "$@")
  local estimate real_start real_end
  estimate=$("$CLI" "${args[@]}" --estimate 3 2>/dev/null | tail -1)
  real_start=$(date +%s.%N)
  "$CLI" "${args[@]}" >/dev/null 2>&1
  real_end=$(date +%s.%N)
  python3 - "$name" "$estimate" "$real_start" "$real_end" <<'PY'
import json, sys
name, e, start, end = sys.argv[1], json.loads(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
real = end - start
print(json.dumps({"run": name, "estimate_seconds": round(e["total_seconds"], 1), "real_seconds": round(real, 1),
                  "real_over_estimate": round(real / e["total_seconds"], 3),
                  "steps": e["total_steps"], "step_seconds": round(e["seconds_per_step"] * e["total_steps"], 1),
                  "evaluations": e["evaluations"], "evaluation_seconds": round(e["seconds_per_evaluation"] * e["evaluations"], 1),
                  "saves": e["saves"], "save_seconds": round(e["seconds_per_save"] * e["saves"], 1),
                  "setup_seconds": round(e["setup_seconds"], 1)}))
PY
}

{
run sst2 --task sequence-classification --dataset sst2 --num-train-epochs 1 --per-device-train-batch-size 32 \
    --max-seq-length 64 --eval-steps 25 --save-steps 50
run imdb --task sequence-classification --dataset imdb --max-steps 80 --per-device-train-batch-size 16 \
    --max-seq-length 256 --eval-steps 40 --save-steps 40
run conll --task token-classification --dataset conll --max-steps 150 --per-device-train-batch-size 32 \
    --max-seq-length 64 --eval-steps 50 --save-steps 50 --metric-for-best-model f1
} | tee "$WORK/results.jsonl"
python3 - "$WORK/results.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print("| run | estimate | real | real / estimate | steps | evaluations | checkpoints (at most) |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r['run']} | {r['estimate_seconds']} s | {r['real_seconds']} s | {r['real_over_estimate']} | "
          f"{r['steps']} ({r['step_seconds']} s) | {r['evaluations']} ({r['evaluation_seconds']} s) | "
          f"{r['saves']} ({r['save_seconds']} s) |")
PY
