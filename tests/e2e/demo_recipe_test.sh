#!/usr/bin/env bash
# The demo model's recipe script with a stand-in trainer that only records its
# arguments: which stages run, from which weights, resumed or not, when runs/
# holds some stages and when the repository holds saved progress
# (scripts/save-demo-progress.sh), and the errors for bad progress.
set -u
src=$1 scratch=$2
rm -rf "$scratch" && mkdir -p "$scratch"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# The stand-in writes one line per stage: its --out, its --init-from and
# whether it was resumed.
stub="$scratch/train-stub"
cat >"$stub" <<'EOF'
#!/usr/bin/env bash
out= init= resume=no
while [ $# -gt 0 ]; do
  case $1 in
    --out) out=$2; shift ;;
    --init-from) init=$2; shift ;;
    --resume) resume=yes ;;
  esac
  shift
done
echo "$out from=${init:-scratch} resume=$resume" >>"$STUB_LOG"
EOF
chmod +x "$stub"

# A fresh tree with the two scripts; runs the recipe and leaves its record in $tree/calls.
new_tree() {
  tree="$scratch/$1"
  mkdir -p "$tree/scripts"
  cp "$src/scripts/train-demo-model.sh" "$src/scripts/save-demo-progress.sh" "$tree/scripts/"
}
recipe() { (cd "$tree" && FRONTSEAT_TRAIN="$stub" STUB_LOG="$tree/calls" bash scripts/train-demo-model.sh) >"$tree/out" 2>&1; }
checkpoint() {  # a checkpoint folder as frontseat-train writes it
  mkdir -p "$tree/$1"
  for f in config.json model.safetensors spiece.model; do echo "$1/$f" >"$tree/$1/$f"; done
}

# From nothing: every stage in order, each from the last one's checkpoint.
new_tree fresh
recipe || fail "the recipe failed from scratch: $(cat "$tree/out")"
expected="runs/demo from=scratch resume=no
runs/demo-stage2 from=runs/demo/checkpoint-2200 resume=no
runs/demo-stage3 from=runs/demo-stage2/checkpoint-900 resume=no
runs/demo-stage4 from=runs/demo-stage3/checkpoint-360 resume=no
runs/demo-stage5 from=runs/demo-stage4/checkpoint-250 resume=no
runs/demo-lines from=runs/demo-stage5/checkpoint-600 resume=no
runs/demo-titles90 from=runs/demo-lines/checkpoint-450 resume=no
runs/demo-more16 from=runs/demo-titles90/checkpoint-400 resume=no"
[ "$(cat "$tree/calls")" = "$expected" ] || fail "stages from scratch: $(cat "$tree/calls")"

# An interrupted stage resumes from its own checkpoint; the earlier ones are skipped.
new_tree interrupted
checkpoint runs/demo-stage3/last
recipe || fail "the interrupted recipe failed: $(cat "$tree/out")"
[ "$(head -1 "$tree/calls")" = "runs/demo-stage3 from=runs/demo-stage3/last resume=yes" ] \
  || fail "stage 3 did not resume: $(cat "$tree/calls")"
grep -q "demo-stage2" "$tree/calls" && fail "a stage before the interrupted one ran again"
[ "$(wc -l <"$tree/calls")" -eq 6 ] || fail "not every later stage ran: $(cat "$tree/calls")"

# Saved progress on a machine without runs/: the stage it names starts from it.
new_tree progress
checkpoint runs/demo-stage3/checkpoint-360
(cd "$tree" && bash scripts/save-demo-progress.sh runs/demo-stage3/checkpoint-360 >/dev/null) \
  || fail "saving stage 3's checkpoint failed"
progress="$tree/models/frontseat-demo-progress"
[ "$(cat "$progress/next-stage" 2>/dev/null)" = demo-stage4 ] || fail "the saved progress does not name stage 4"
cmp -s "$progress/model.safetensors" "$tree/runs/demo-stage3/checkpoint-360/model.safetensors" \
  || fail "the saved weights are not the checkpoint's"
rm -rf "$tree/runs"
recipe || fail "the recipe failed from saved progress: $(cat "$tree/out")"
[ "$(head -1 "$tree/calls")" = "runs/demo-stage4 from=models/frontseat-demo-progress resume=no" ] \
  || fail "stage 4 did not start from the saved progress: $(cat "$tree/calls")"
grep -q "runs/demo-stage5 from=runs/demo-stage4/checkpoint-250 resume=no" "$tree/calls" \
  || fail "stage 5 did not follow the recipe after the saved progress: $(cat "$tree/calls")"
grep -q "starts from models/frontseat-demo-progress (runs/demo-stage3/checkpoint-360)" "$tree/out" \
  || fail "the recipe does not say where stage 4 starts from: $(cat "$tree/out")"

# A local run at a later stage goes before older saved progress.
rm -f "$tree/calls"
checkpoint runs/demo-stage5/last
recipe || fail "the recipe failed with runs/ past the saved progress: $(cat "$tree/out")"
[ "$(head -1 "$tree/calls")" = "runs/demo-stage5 from=runs/demo-stage5/last resume=yes" ] \
  || fail "the older saved progress went before the local stage 5: $(cat "$tree/calls")"

# Bad progress and bad checkpoints stop with a message and change nothing.
echo demo-stage9 >"$progress/next-stage"
recipe && fail "a next-stage naming no stage was accepted"
grep -q "names no stage: demo-stage9" "$tree/out" || fail "the bad next-stage message is unclear: $(cat "$tree/out")"
echo demo-stage4 >"$progress/next-stage"
before=$(cat "$progress/source")
checkpoint runs/demo-stage4/checkpoint-100
(cd "$tree" && bash scripts/save-demo-progress.sh runs/demo-stage4/checkpoint-100) >"$tree/err" 2>&1 \
  && fail "a checkpoint no stage starts from was saved"
grep -q "no stage of the recipe starts from runs/demo-stage4/checkpoint-100" "$tree/err" \
  || fail "the unknown checkpoint message is unclear: $(cat "$tree/err")"
mkdir -p "$tree/runs/demo-stage4/checkpoint-250"
(cd "$tree" && bash scripts/save-demo-progress.sh runs/demo-stage4/checkpoint-250) >"$tree/err" 2>&1 \
  && fail "a checkpoint without weights was saved"
grep -q "has no config.json" "$tree/err" || fail "the missing file message is unclear: $(cat "$tree/err")"
[ "$(cat "$progress/source")" = "$before" ] || fail "a failed save changed the saved progress"

[ $failures -eq 0 ] && echo "demo recipe: all checks passed"
exit $((failures > 0))
