#!/usr/bin/env bash
# Installs everything, builds, and starts Bertwork on the bundled default model.
# Until the GUI and the bundled model land, this runs the headless CLI on the golden Hugging Face
# fixture model: it inspects it, then classifies a sentence and fills a mask.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/build.sh
cli=build/app/cli/bertwork-cli
echo "bertwork: the desktop window and the bundled pretrained model are not built yet;" >&2
echo "bertwork: showing the headless CLI on the Hugging Face parity fixture instead." >&2
model=tests/fixtures/golden/seqcls
echo "== bertwork-cli inspect --model $model" >&2
"$cli" inspect --model "$model"
echo "== bertwork-cli predict --model $model --text \"it 's a charming and often affecting journey .\"" >&2
"$cli" predict --model "$model" --text "it 's a charming and often affecting journey ."
echo "== bertwork-cli fill-mask --model tests/fixtures/golden/pretraining --text \"a charming [MASK] .\"" >&2
"$cli" fill-mask --model tests/fixtures/golden/pretraining --text "a charming [MASK] ." --top-k 3
