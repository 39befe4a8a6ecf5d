#!/usr/bin/env bash
# Gathers here, on a machine with Debian's registry, what tests/device/gpu_check.sh needs on a lent
# GPU machine that has PyTorch but none of our other -dev packages and no internet:
#   .devdeps/   SQLite, utf8proc, CLI11 and nlohmann-json, Debian's packages unpacked with `dpkg -x`
#   .devdata/   SST-2 (the sst2 stage) and, with --corpus, the pretraining corpus of
#               packaging/pretrain/make-corpus.sh compressed with xz (the pretrain stage; ~25 MB)
# Both folders are git-ignored through .git/info/exclude; name them in the device call's carry.
# The working tree that travels has a 64 MiB limit: the script prints what it adds up to.
# Usage: tests/device/prepare.sh [--corpus] [ASSETS_DIR]   (ASSETS_DIR defaults to ../shared/assets)
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus=false
if [ "${1:-}" = --corpus ]; then corpus=true; shift; fi
assets=${1:-../shared/assets}

for folder in /.devdeps/ /.devdata/; do
    grep -qxF "$folder" .git/info/exclude 2>/dev/null || echo "$folder" >>.git/info/exclude
done

if [ ! -f .devdeps/usr/include/utf8proc.h ]; then
    downloads=$(mktemp -d)
    # The run-time libraries beside the -dev packages: the lent machine's image may lack them.
    (cd "$downloads" && apt-get download -q libsqlite3-dev libsqlite3-0 libutf8proc-dev libutf8proc2 \
        libcli11-dev nlohmann-json3-dev >/dev/null)
    mkdir -p .devdeps
    for deb in "$downloads"/*.deb; do dpkg -x "$deb" .devdeps; done
    rm -rf "$downloads"
fi

mkdir -p .devdata/sst2
cp "$assets/sst2/train.tsv" "$assets/sst2/dev.tsv" .devdata/sst2/

if $corpus && [ ! -f .devdata/pretrain-corpus.txt.xz ]; then
    packaging/pretrain/make-corpus.sh "$assets" .devdata/pretrain-corpus.txt
    xz -T0 -6 .devdata/pretrain-corpus.txt
fi

echo "carry: .devdeps .devdata; the working tree that travels: $(
    { git ls-files -z; find .devdeps .devdata -type f -print0; } | du -cb --files0-from=- | tail -1 | cut -f1 |
        awk '{printf "%.1f MiB", $1 / 1048576}') of 64 MiB"
