#!/usr/bin/env bash
# Drives `frontseat-cli ask` as a user would: a real answer, a JSON answer, and
# every kind of bad input giving a one-line error and a non-zero exit.
set -u
cli=$1 model=$2 src=$3 scratch=$4
doc=$src/resources/samples/harbor-report.txt
rm -rf "$scratch" && mkdir -p "$scratch"
failures=0
# Every run uses a library database of its own, never the user's.
fs() { "$cli" --db "$scratch/library.sqlite" "$@"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# A plain answer: one line of text, exit 0.
out=$(fs ask --model "$model" --doc "$doc" --question "Who is the harbor master?" --max-new-tokens 6 2>"$scratch/err")
[ $? -eq 0 ] || fail "plain ask exited non-zero: $(cat "$scratch/err")"
[ -n "$out" ] || fail "plain ask printed no answer"

# No --model: the bundled model ($FRONTSEAT_MODEL_DIR names it here) answers the same.
bundled=$(FRONTSEAT_MODEL_DIR=$model fs ask --doc "$doc" --question "Who is the harbor master?" --max-new-tokens 6 2>"$scratch/err") \
  || fail "ask without --model exited non-zero: $(cat "$scratch/err")"
[ "$bundled" = "$out" ] || fail "ask without --model answered '$bundled', not '$out'"
FRONTSEAT_MODEL_DIR=$scratch/no-such-model fs ask --doc "$doc" -q "Why?" >/dev/null 2>"$scratch/err" \
  && fail "a missing bundled model was not reported"

# JSON: the documented fields, and the same answer as before (deterministic).
fs ask --model "$model" --doc "$doc" --question "Who is the harbor master?" --max-new-tokens 6 --json >"$scratch/a.json" 2>"$scratch/err" \
  || fail "json ask exited non-zero: $(cat "$scratch/err")"
python3 - "$scratch/a.json" "$out" <<'PY' || fail "json output is wrong"
import json, sys
d = json.load(open(sys.argv[1]))
for key in ["answer", "output_ids", "input_tokens", "load_ms", "encode_ms", "decode_ms", "device", "dtype", "attention"]:
    assert key in d, key
assert d["answer"] == sys.argv[2], (d["answer"], sys.argv[2])
assert d["device"] == "cpu" and d["dtype"] == "float32" and d["attention"] == "full", d
assert 1 <= len(d["output_ids"]) <= 6, d["output_ids"]
assert d["output_ids"][0] != 0, "the decoder start token must not be in output_ids"
assert d["input_tokens"] > 1000, d["input_tokens"]
PY

# Quoting follows the model folder unless asked: this test model says nothing,
# so the answer above is free; a copy whose config.json says it answers by
# copying (as frontseat-train's models do) is quoted, and --quote quotes anyway.
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert "quote_document" not in d and "quoted_at" not in d, d' \
  "$scratch/a.json" || fail "a model folder that says nothing of quoting was quoted"
cp -r "$model" "$scratch/copying-model"
python3 - "$scratch/copying-model/config.json" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
config["frontseat_quote_answers"] = True
json.dump(config, open(sys.argv[1], "w"), indent=2)
PY
fs ask --model "$scratch/copying-model" --doc "$doc" --question "Who is the harbor master?" --max-new-tokens 6 --json \
  >"$scratch/q.json" 2>"$scratch/err" || fail "ask on the copying model failed: $(cat "$scratch/err")"
fs ask --model "$model" --doc "$doc" --question "Who is the harbor master?" --max-new-tokens 6 --quote --json \
  >"$scratch/q2.json" 2>"$scratch/err" || fail "ask --quote failed: $(cat "$scratch/err")"
# Every place given holds the answer's words (the test model's answer may end
# mid-word at the token limit, then none is given).
for quoted in "$scratch/q.json" "$scratch/q2.json"; do
  python3 - "$quoted" "$doc" <<'PY' || fail "the quoted answer's places are wrong ($quoted)"
import json, sys
d = json.load(open(sys.argv[1]))
text = open(sys.argv[2], "rb").read()
assert d["quote_document"] is True, d
for begin, end in d["quoted_at"]:
    assert " ".join(text[begin:end].decode().split()) == " ".join(d["answer"].split()), (begin, end, d["answer"])
PY
done
# The history keeps them, so the app can underline a reopened answer.
fs history --json >"$scratch/h.json" || fail "history failed"
python3 - "$scratch/q.json" "$scratch/h.json" <<'PY' || fail "the history lost the answer's places"
import json, sys
d, h = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
entry = next(e for e in h if e["id"] == d["history_id"])
assert entry["quoted_at"] == d["quoted_at"], (entry["quoted_at"], d["quoted_at"])
PY
fs ask --model "$scratch/copying-model" --doc "$doc" --question "Who is the harbor master?" --max-new-tokens 6 --no-quote \
  --json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert "quoted_at" not in d and "quote_document" not in d, d' \
  || fail "ask --no-quote still quoted"

# Beam search runs and is deterministic.
b1=$(fs ask --model "$model" --doc "$doc" -q "What was the surplus?" --beams 3 --max-new-tokens 5 --json) || fail "beam ask failed"
b2=$(fs ask --model "$model" --doc "$doc" -q "What was the surplus?" --beams 3 --max-new-tokens 5 --json) || fail "beam ask failed"
[ "$(echo "$b1" | python3 -c 'import json,sys;print(json.load(sys.stdin)["output_ids"])')" = \
  "$(echo "$b2" | python3 -c 'import json,sys;print(json.load(sys.stdin)["output_ids"])')" ] || fail "beam search is not deterministic"

# VCC: forced on the sample, with a trace; inspect lists layers and passages.
fs ask --model "$model" --doc "$doc" -q "How much was the surplus?" --attention vcc --vcc-fine-blocks 8 \
  --max-new-tokens 4 --trace "$scratch/trace.json" --json >"$scratch/vcc.json" 2>"$scratch/err" \
  || fail "vcc ask failed: $(cat "$scratch/err")"
python3 - "$scratch/vcc.json" "$scratch/trace.json" <<'PY' || fail "vcc output or trace is wrong"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["attention"] == "vcc" and d["vcc"]["num_fine_blocks"] == 8, d
t = json.load(open(sys.argv[2]))
assert t["format"] == "frontseat-vip-trace" and t["tokens"] == d["input_tokens"], t.keys()
kinds = [layer["kind"] for layer in t["layers"]]
assert "vcc" in kinds, kinds
for layer in t["layers"]:
    assert sum(run[1] for run in layer["resolution"]) == t["tokens"]
PY
fs inspect --model "$model" --doc "$doc" -q "How much was the surplus?" --attention vcc --vcc-fine-blocks 8 \
  --max-new-tokens 4 --trace "$scratch/trace2.json" >"$scratch/inspect.txt" 2>"$scratch/err" \
  || fail "inspect failed: $(cat "$scratch/err")"
grep -q "Passages read at full resolution" "$scratch/inspect.txt" || fail "inspect shows no passages: $(cat "$scratch/inspect.txt")"
grep -qE "^[0-9]+ +vcc" "$scratch/inspect.txt" || fail "inspect shows no vcc layer"
fs inspect --model "$model" --doc "$doc" -q "How much was the surplus?" --attention vcc --vcc-fine-blocks 8 \
  --max-new-tokens 4 --trace "$scratch/trace3.json" --json >"$scratch/inspect.json" 2>"$scratch/err" \
  || fail "inspect --json failed: $(cat "$scratch/err")"
# Blocks end on token edges; the passages shown are widened to whole words.
python3 - "$scratch/inspect.json" "$doc" <<'PY' || fail "inspect's passages cut words"
import json, sys
d = json.load(open(sys.argv[1]))
text = open(sys.argv[2], "rb").read()
assert d["evidence"], d.keys()
word = lambda b: chr(b).isalnum()
for p in d["evidence"]:
    b, e = p["begin"], p["end"]
    assert not (0 < b < len(text) and word(text[b - 1]) and word(text[b])), (b, text[b - 8:b + 8])
    assert not (0 < e < len(text) and word(text[e - 1]) and word(text[e])), (e, text[e - 8:e + 8])
    assert p["text"] and p["text"] == " ".join(p["text"].split()), p["text"]  # one line, spaces folded
PY

# Bad input: exit non-zero, exactly one line on stderr that names the problem.
expect_error() {  # name, expected word, command...
  local name=$1 word=$2; shift 2
  "$@" >"$scratch/out" 2>"$scratch/err"
  local rc=$?
  [ $rc -ne 0 ] || { fail "$name: exit 0"; return; }
  [ "$rc" -lt 128 ] || { fail "$name: crashed (exit $rc)"; return; }
  [ "$(wc -l <"$scratch/err")" -eq 1 ] || fail "$name: stderr is not one line: $(cat "$scratch/err")"
  grep -qi -- "$word" "$scratch/err" || fail "$name: message lacks '$word': $(cat "$scratch/err")"
}
printf 'caf\xe9 au lait\n' >"$scratch/latin1.txt"
head -c 3000 /dev/urandom >"$scratch/junk.txt"
: >"$scratch/empty.txt"
mkdir -p "$scratch/broken-model" && cp "$model"/* "$scratch/broken-model/"
head -c 300 "$model/model.safetensors" >"$scratch/broken-model/model.safetensors"
mkdir -p "$scratch/no-config" && cp "$model"/* "$scratch/no-config/" && rm "$scratch/no-config/config.json"

expect_error "missing document" "nothing-here.txt" fs ask --model "$model" --doc "$scratch/nothing-here.txt" -q "Why?"
expect_error "empty document" "empty" fs ask --model "$model" --doc "$scratch/empty.txt" -q "Why?"
expect_error "binary junk" "junk.txt" fs ask --model "$model" --doc "$scratch/junk.txt" -q "Why?"
fs ask --model "$model" --doc "$scratch/latin1.txt" -q "Why?" --max-new-tokens 2 >/dev/null 2>"$scratch/err" \
  || fail "a Windows-1252 text was not read: $(cat "$scratch/err")"
expect_error "directory as document" "folder" fs ask --model "$model" --doc "$scratch" -q "Why?"
expect_error "empty question" "question" fs ask --model "$model" --doc "$doc" -q "   "
expect_error "missing model" "does not exist" fs ask --model "$scratch/no-model" --doc "$doc" -q "Why?"
expect_error "truncated weights" "model.safetensors" fs ask --model "$scratch/broken-model" --doc "$doc" -q "Why?"
expect_error "no config.json" "config.json" fs ask --model "$scratch/no-config" --doc "$doc" -q "Why?"
command -v nvidia-smi >/dev/null || expect_error "cuda without a GPU" "cuda" fs ask --model "$model" --doc "$doc" -q "Why?" --device cuda
expect_error "float16" "float16" fs ask --model "$model" --doc "$doc" -q "Why?" --dtype float16
expect_error "zero block size" "block_size" fs ask --model "$model" --doc "$doc" -q "Why?" --attention vcc --vcc-block-size 0
expect_error "bad pin" "pin" fs ask --model "$model" --doc "$doc" -q "Why?" --pin 10-20
expect_error "pin outside" "pinned" fs ask --model "$model" --doc "$doc" -q "Why?" --pin 5:99999999
expect_error "bad template" "{document}" fs ask --model "$model" --doc "$doc" -q "Why?" --prompt-template "question: {question}"

# The library: add (twice is one document), list, show, ask by id, history, summarize, remove.
id=$(fs library add "$doc" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])') || fail "library add failed"
again=$(fs library add "$doc" --json | python3 -c 'import json,sys; d=json.load(sys.stdin)[0]; print(d["id"], d["created"])')
[ "$again" = "$id False" ] || fail "adding the same file twice gave: $again (first id $id)"
fs library list | grep -q "Annual Report of the Saltmarsh Harbor Cooperative" || fail "library list lacks the document"
fs library show "$id" --json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["text"].startswith("Annual Report"), d["title"]' \
  || fail "library show is wrong"
fs ask --model "$model" --doc "$id" -q "Who chairs the board?" --max-new-tokens 3 >/dev/null 2>"$scratch/err" || fail "ask by id failed: $(cat "$scratch/err")"
fs history --doc "$id" --json | python3 -c '
import json, sys
h = json.load(sys.stdin)
assert any(e["question"] == "Who chairs the board?" and e["kind"] == "answer" for e in h), h
assert all(e["document_id"] == h[0]["document_id"] for e in h)
' || fail "history lacks the question asked by id"
fs summarize --model "$model" --doc "$id" --max-new-tokens 8 --out "$scratch/summary.md" >/dev/null 2>"$scratch/err" || fail "summarize failed: $(cat "$scratch/err")"
head -1 "$scratch/summary.md" | grep -q "^# Summary: Annual Report" || fail "summary.md has no title line"
fs summarize --model "$model" --doc "$id" --max-new-tokens 8 --out "$scratch/summary.html" >/dev/null || fail "summarize to html failed"
grep -q "<h1>Summary: Annual Report" "$scratch/summary.html" || fail "summary.html has no heading"
expect_error "summary to .pdf" ".md" fs summarize --model "$model" --doc "$id" --out "$scratch/summary.pdf"
# By section: the report's 9 parts (its title with the preface, 8 numbered
# sections), each a titled paragraph, and the count in the result.
fs summarize --model "$model" --doc "$id" --max-new-tokens 4 --by-section --json >"$scratch/sections.json" \
  2>"$scratch/err" || fail "summarize --by-section failed: $(cat "$scratch/err")"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
parts = d["summary"].split("\n\n")
assert len(parts) == 9 and d["sections"] == 9, (len(parts), d.get("sections"))
assert parts[0].startswith("Annual Report of the Saltmarsh Harbor Cooperative\n"), parts[0]
assert parts[1].startswith("1. Overview\n") and parts[8].startswith("8. Key figures\n"), parts
' "$scratch/sections.json" 2>"$scratch/err" || fail "summary by section is wrong: $(cat "$scratch/err")"
expect_error "by section with a trace" "trace" fs summarize --model "$model" --doc "$id" --by-section --trace "$scratch/t.json"
fs history --json | python3 -c 'import json,sys; assert any(e["kind"] == "summary" for e in json.load(sys.stdin))' || fail "no summary in history"
fs notes add "$id" "Check the dredging vote." >/dev/null || fail "notes add failed"
fs notes list "$id" --json | python3 -c 'import json,sys; assert json.load(sys.stdin)[0]["text"] == "Check the dredging vote."' || fail "notes list is wrong"
expect_error "unknown id" "999999" fs ask --model "$model" --doc 999999 -q "Why?"
# A broken file is refused and leaves the library as it was.
before=$(fs library list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
expect_error "corrupt pdf" "broken.pdf" fs library add "$src/tests/fixtures/documents/multipage.pdf" "$scratch/broken.pdf"
head -c 2000 "$src/tests/fixtures/documents/multipage.pdf" >"$scratch/broken.pdf"
expect_error "truncated pdf" "broken.pdf" fs library add "$scratch/broken.pdf"
after=$(fs library list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$after" -le "$((before + 1))" ] || fail "library grew from $before to $after after failed adds"
fs library remove "$id" >/dev/null || fail "remove failed"
expect_error "removed id" "$id" fs library show "$id"
printf 'not a database at all, just text that is long enough to be read as a header.....' >"$scratch/not-a-db.sqlite"
expect_error "not a database" "not-a-db.sqlite" "$cli" --db "$scratch/not-a-db.sqlite" library list

# eval on the committed Factbook fixtures takes the same --vcc-* flags as ask:
# one VCC question a cell, as JSON; a VCC setting the engine refuses is an error.
evalargs=(eval --model "$model" --factbook "$src/tests/fixtures/factbook" --lengths 1024 --positions start
          --modes vcc --per-cell 1 --no-counterfactual --summaries 0 --vcc-fine-blocks 2)
fs "${evalargs[@]}" --vcc-block-size 8 --json >"$scratch/eval.json" 2>"$scratch/err" || fail "eval with VCC flags failed: $(cat "$scratch/err")"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["questions"]; assert r and r[0]["mode"] == "vcc", r' \
  "$scratch/eval.json" 2>"$scratch/err" || fail "eval printed no VCC row: $(cat "$scratch/err")"
fs "${evalargs[@]}" --vcc-block-size 0 >/dev/null 2>"$scratch/err" && fail "eval accepted a VCC block size of 0"
grep -qi "block" "$scratch/err" || fail "eval's VCC error does not name the setting: $(cat "$scratch/err")"

if [ $failures -ne 0 ]; then echo "$failures check(s) failed"; exit 1; fi
echo "all CLI checks passed"
