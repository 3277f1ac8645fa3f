#!/usr/bin/env bash
# Installs every Debian 12 package Frontseat needs to build, test and run.
# Idempotent and non-interactive; run as root or with sudo available.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache git python3
  libtorch-dev            # LibTorch 1.13 (CPU)
  libopenblas0-pthread    # optimized BLAS for LibTorch at run time (reference BLAS is ~45x slower)
  libsentencepiece-dev sentencepiece
  nlohmann-json3-dev libcli11-dev
  libgumbo-dev libpoppler-cpp-dev libzip-dev libpugixml-dev   # document importers
  libsqlite3-dev          # the library database
  libgtest-dev
  qt6-base-dev qt6-svg-dev   # the desktop app (Widgets, Concurrent, PrintSupport, Test; SVG)
  dpkg-dev                # dpkg-shlibdeps, for the .deb CPack builds
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
echo "setup: installing ${missing[*]}"
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
