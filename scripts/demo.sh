#!/usr/bin/env bash
# The main job: set up, build, and answer a question about the sample document.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
bash scripts/build.sh
./build/app/frontseat-cli ask --model build/models/tiny-random \
  --doc resources/samples/harbor-report.txt \
  --question "Who is the harbor master?" --json
