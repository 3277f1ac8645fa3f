#!/usr/bin/env bash
# Drives frontseat-train end to end on the committed Factbook fixtures with a
# tiny model: tokenizer, training steps with held-out evaluation, checkpoints,
# resume, bfloat16 export, and the exported model answering through the CLI.
set -u
train=$1 cli=$2 src=$3 scratch=$4
rm -rf "$scratch" && mkdir -p "$scratch"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
run="$scratch/run"
tiny=(--factbook "$src/tests/fixtures/factbook" --out "$run" --vocab 300 --d-model 32 --d-ff 64 --heads 2
      --encoder-layers 2 --decoder-layers 1 --batch 2 --eval-every 2 --checkpoint-every 2 --probe-questions 1
      --start-bytes 600 --end-bytes 900)

"$train" "${tiny[@]}" --steps 4 >"$scratch/first.log" 2>&1 || fail "training failed: $(tail -3 "$scratch/first.log")"
grep -q "step 4/4" "$scratch/first.log" || fail "no progress line for step 4"
grep -q "heldout_exact_match" "$scratch/first.log" || fail "no held-out evaluation"
grep -q "eta" "$scratch/first.log" || fail "no time estimate"
for f in spiece.model last/config.json last/model.safetensors last/optimizer.pt last/spiece.model \
         checkpoint-2/model.safetensors checkpoint-4/model.safetensors; do
  [ -f "$run/$f" ] || fail "missing $f"
done

# The resumed run reads with VCC in the loop from step 5 (blocks of 4, 2 fine).
"$train" "${tiny[@]}" --steps 6 --resume --export "$scratch/export" \
  --vcc-from-step 5 --vcc-vip 8 --vcc-block-size 4 --vcc-fine-blocks 2 --vcc-explore 0.5 >"$scratch/second.log" 2>&1 \
  || fail "resumed training failed: $(tail -3 "$scratch/second.log")"
grep -q "step 6/6 .*vcc sel" "$scratch/second.log" || fail "step 6 did not run VCC in the loop: $(tail -2 "$scratch/second.log")"
grep -q "resumed at step 4" "$scratch/second.log" || fail "did not resume at step 4: $(head -5 "$scratch/second.log")"
grep -q "step 6/6" "$scratch/second.log" || fail "no step 6 after resuming"
grep -q "step 2/" "$scratch/second.log" && fail "the resumed run repeated early steps"
for f in config.json model.safetensors spiece.model; do [ -f "$scratch/export/$f" ] || fail "export lacks $f"; done

# A later stage starts from the export's weights and tokenizer at step 0: its
# steps mix excerpts of 3 countries among whole documents and learn the country
# link (a loss of its own in the progress line); its probe also reads excerpts.
stage2="$scratch/stage2"
"$train" --factbook "$src/tests/fixtures/factbook" --out "$stage2" --init-from "$scratch/export" --batch 2 --steps 3 \
  --eval-every 3 --probe-questions 1 --start-bytes 600 --end-bytes 900 --excerpt-steps 0 --mixed-excerpt-share 0.67 \
  --excerpt-countries 3 --country-link-weight 1 --probe-excerpt-countries 3 >"$scratch/stage2.log" 2>&1 \
  || fail "the second stage failed: $(tail -3 "$scratch/stage2.log")"
grep -q "step 3/3" "$scratch/stage2.log" || fail "no step 3 in the second stage"
grep -q "resumed" "$scratch/stage2.log" && fail "the second stage resumed instead of starting from the export"
grep -q "link [0-9].* lines x 3" "$scratch/stage2.log" || fail "no excerpt step with a country link: $(cat "$scratch/stage2.log")"
grep -q "heldout_excerpt_exact_match" "$scratch/stage2.log" || fail "no excerpt probe: $(tail -2 "$scratch/stage2.log")"
cmp -s "$scratch/export/spiece.model" "$stage2/spiece.model" || fail "the second stage did not take the export's tokenizer"
"$train" --factbook "$src/tests/fixtures/factbook" --out "$scratch/stage3" --init-from "$scratch/no-such-model" \
  >/dev/null 2>"$scratch/err3" && fail "a missing --init-from folder was accepted"
grep -q "not a model folder" "$scratch/err3" || fail "the --init-from message is unclear: $(cat "$scratch/err3")"

# The reading diagnosis needs 6 held-out countries; the fixtures hold one.
"$train" --factbook "$src/tests/fixtures/factbook" --diagnose "$scratch/export" >/dev/null 2>"$scratch/err4" \
  && fail "a diagnosis over too few countries was accepted"
grep -q "needs 6 countries to draw from; it has 1" "$scratch/err4" || fail "the diagnosis message is unclear: $(cat "$scratch/err4")"
"$train" --factbook "$src/tests/fixtures/factbook" --diagnose "$scratch/no-such-model" >/dev/null 2>"$scratch/err5" \
  && fail "a diagnosis of a missing model was accepted"
grep -q "not a model folder" "$scratch/err5" || fail "the --diagnose message is unclear: $(cat "$scratch/err5")"

answer=$("$cli" --db "$scratch/library.sqlite" ask --model "$scratch/export" \
  --doc "$src/resources/samples/world-factbook-profiles.txt" -q "What is the capital of Kenya?" --max-new-tokens 4 \
  2>"$scratch/ask.err") || fail "the exported model does not answer: $(cat "$scratch/ask.err")"

"$train" --factbook "$scratch/no-such-folder" --out "$run" >/dev/null 2>"$scratch/err" && fail "a missing Factbook was accepted"
grep -q "fetch-factbook" "$scratch/err" || fail "the missing-Factbook message does not say how to fetch it: $(cat "$scratch/err")"

[ $failures -eq 0 ] && echo "frontseat-train ok"
exit $((failures > 0))
