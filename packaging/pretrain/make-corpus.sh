#!/usr/bin/env bash
# Builds the English pretraining corpus of the bundled model from ../shared/assets:
# plain text, one document per line (split into sentences by the trainer), a blank line between documents.
#   imdb/unsup.txt      50,000 unlabelled reviews
#   imdb/train.tsv      25,000 labelled reviews, text column only (labels unused)
#   wikitext2 test      Wikipedia paragraphs (headings dropped, @-@ style escapes undone)
# SST-2 is deliberately left out: it is the downstream task the model is measured on.
# Usage: make-corpus.sh ASSETS_DIR OUTPUT_FILE
set -euo pipefail
assets=${1:?usage: make-corpus.sh ASSETS_DIR OUTPUT_FILE}
output=${2:?usage: make-corpus.sh ASSETS_DIR OUTPUT_FILE}
tmp="$output.partial"
{
    sed -e 's#<br */*>#  #g' -e 's/$/\n/' "$assets/imdb/unsup.txt"
    tail -n +2 "$assets/imdb/train.tsv" | cut -f4 | sed -e 's#<br */*>#  #g' -e 's/$/\n/'
    grep -v '^ *= .* = *$' "$assets/wikitext2/wiki.test.raw.txt" | grep -v '^ *$' |
        sed -e 's/ @\([-,.]\)@ /\1/g' -e 's/^ //' -e 's/$/\n/'
} >"$tmp"
mv "$tmp" "$output"
echo "$output: $(grep -c . "$output") documents, $(wc -c <"$output") bytes" >&2
