#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite. Exits non-zero when a test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
bash scripts/build.sh -DFRONTSEAT_WERROR=ON
ctest --test-dir build --output-on-failure -j "$(nproc)" --timeout 600
