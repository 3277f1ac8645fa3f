#!/usr/bin/env bash
# Keeps the demo model's training progress in the repository: copies a
# checkpoint's weights, config and tokenizer into models/frontseat-demo-progress
# and names the recipe stage that starts from it, so that
# scripts/train-demo-model.sh goes on from there on a machine without runs/
# (CPU sessions get new machines; the recipe takes longer than one of them).
# Commit the folder afterwards, with its README.md updated.
#
#   scripts/save-demo-progress.sh CHECKPOINT
#   e.g. scripts/save-demo-progress.sh runs/demo/checkpoint-2200
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { echo "usage: $0 CHECKPOINT" >&2; exit 2; }
checkpoint=${1%/}
# The stage whose line in the recipe starts from this checkpoint.
next=$(sed -n "s|^stage \([^ ]*\) --init-from $checkpoint .*|\1|p" scripts/train-demo-model.sh)
[ -n "$next" ] || { echo "save-demo-progress: no stage of the recipe starts from $checkpoint" >&2; exit 1; }
files=(config.json model.safetensors spiece.model)
for f in "${files[@]}"; do
  [ -f "$checkpoint/$f" ] || { echo "save-demo-progress: $checkpoint has no $f" >&2; exit 1; }
done
progress=models/frontseat-demo-progress
mkdir -p "$progress"
# All copied before any replaces the old, so a failed copy leaves the old progress whole.
for f in "${files[@]}"; do cp "$checkpoint/$f" "$progress/$f.tmp"; done
for f in "${files[@]}"; do mv "$progress/$f.tmp" "$progress/$f"; done
echo "$checkpoint" >"$progress/source"
echo "$next" >"$progress/next-stage"
echo "Saved $checkpoint in $progress; the recipe goes on with stage $next"
