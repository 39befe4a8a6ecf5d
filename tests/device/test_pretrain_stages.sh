#!/usr/bin/env bash
# The pretraining path of tests/device/gpu_check.sh, run here on the CPU with a small corpus:
# pretrain_start and pretrain_collect run packaging/pretrain/pretrain-mini.sh, stop it at their
# deadline a few steps in (it saves a checkpoint on the way out) and return the store and the
# newest checkpoint in parts of at most 15 MiB, without AdamW's state; unpacked as the script's
# header says (after the work folder is gone, as it is with a machine given back),
# packaging/pretrain/ship-mini.sh ships the model with its card.
# Usage: test_pretrain_stages.sh BERTWORK_CLI FIXTURES_DIR   (ctest runs it)
set -euo pipefail
cli=${1:?usage: test_pretrain_stages.sh BERTWORK_CLI FIXTURES_DIR}
fixtures=${2:?usage: test_pretrain_stages.sh BERTWORK_CLI FIXTURES_DIR}
repo=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

work=$tmp/bertwork-mini
mkdir -p "$work"
cp "$fixtures/data/wikitext2_test_head120.txt" "$work/corpus.txt"
export MINI_WORK=$work BERTWORK_CLI=$cli OUT=$tmp/out PRETRAIN_SETTLE_SECONDS=1 PRETRAIN_DEADLINE=3
bash "$repo/tests/device/gpu_check.sh" pretrain_start >"$tmp/stages.log" 2>&1 ||
    { cat "$tmp/stages.log"; fail "pretrain_start failed"; }
# The deadline counts from the first step, however slow the build (the sanitizer job runs this too).
for _ in $(seq 1 300); do grep -q "step [1-9]" "$work/pretrain.log" && break; sleep 1; done
bash "$repo/tests/device/gpu_check.sh" pretrain_collect >>"$tmp/stages.log" 2>&1 ||
    { cat "$tmp/stages.log"; fail "pretrain_collect failed"; }

parts=("$OUT"/mini-run.tar.part-*)
[ -f "${parts[0]}" ] || fail "no parts in $OUT"
for part in "${parts[@]}"; do
    [ "$(stat -c %s "$part")" -le $((15 * 1024 * 1024)) ] || fail "$part is over 15 MiB"
done
listing=$(cat "${parts[@]}" | tar -tf -)
grep -q "runs.sqlite$" <<<"$listing" || fail "the store is not in the parts"
step=$(grep -o 'checkpoint-[0-9]*/model.safetensors$' <<<"$listing" | grep -o '[0-9][0-9]*') ||
    fail "no checkpoint in the parts: $listing"
! grep -q "optimizer.pt" <<<"$listing" || fail "AdamW's state travels"

mv "$work" "$tmp/gone"  # the lent machine is given back
cat "${parts[@]}" | tar -C / -xf -
[ -f "$work/checkpoints/checkpoint-$step/model.safetensors" ] || fail "unpacking did not restore $work"
SHIP_TO=$tmp/ship bash "$repo/packaging/pretrain/ship-mini.sh" "$work" 2>"$tmp/ship.log" ||
    { cat "$tmp/ship.log"; fail "ship-mini.sh failed"; }
card=$tmp/ship/README.md
grep -q "Step \*\*$step of 12,000\*\*.* Pretraining continues" "$card" || fail "the card's status: $(grep -A1 '## Status' "$card")"
grep -q "h of training in one go" "$card" || fail "the card's training line: $(grep 'h of training' "$card")"
grep -q "LibTorch [0-9]" "$card" || fail "the card names no LibTorch version"
parameters=$("$cli" inspect --model "$tmp/ship" | jq -r .parameters)
[ "$parameters" -gt 11000000 ] || fail "the shipped model has $parameters parameters"
echo "PASS: stopped at step $step, ${#parts[@]} part(s), shipped $parameters parameters with its card"
