#!/usr/bin/env bash
# Installs every Debian 12 package Bertwork needs to build, run and test.
# Idempotent: when everything is present it prints nothing and touches nothing.
set -euo pipefail

PACKAGES=(
  cmake g++ make ccache pkg-config
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev
  qt6-translations-l10n  # Qt's own strings (wizard and dialog buttons) in zh_CN and other languages
  libqcustomplot-dev libqcustomplot2.1-qt6
  libtorch-dev libopenblas0-openmp
  libdnnl-dev  # the headers of the oneDNN LibTorch links: inference GEMMs with prepacked weights
  ocl-icd-opencl-dev  # only recommended by libdnnl-dev, but its CMake config requires OpenCL: configure fails without it
  libgloo-dev  # the headers of LibTorch's Gloo process group: data-parallel training (train --nproc-per-node)
  libsqlite3-dev nlohmann-json3-dev libutf8proc-dev libcli11-dev
  xvfb xauth imagemagick
  fonts-wqy-microhei  # a CJK font: Chinese datasets (ChnSentiCorp) and the zh_CN interface draw boxes without one
  jq  # the pretraining recipe (packaging/pretrain) reads the CLI's JSON with it
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

# Debian's libtorch links libblas.so.3; make sure the alternative points at OpenBLAS,
# the reference BLAS is ~30x slower.
for alt in libblas.so.3-x86_64-linux-gnu liblapack.so.3-x86_64-linux-gnu; do
  target=$(update-alternatives --list "$alt" 2>/dev/null | grep openblas | head -n1 || true)
  if [ -n "$target" ]; then $SUDO update-alternatives --set "$alt" "$target" >/dev/null; fi
done
