#!/usr/bin/env bash
# The main job: set up, build, and answer a question about the long sample
# document (the Factbook profiles of the 45 countries the demo model never saw
# in training, about 16K tokens) with the bundled demo model, read with VCC.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
bash scripts/build.sh
./build/app/frontseat-cli ask \
  --doc resources/samples/world-factbook-profiles.txt \
  --question "What is the capital of Kenya?" --json
