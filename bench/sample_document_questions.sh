#!/usr/bin/env bash
# Asks the demo model every capital, population and currency question the
# sample document (resources/samples/world-factbook-profiles.txt, 45 held-out
# countries, 18K tokens) can answer, through the real CLI as a user would, and
# prints how many come back exactly right, by field. Unlike
# `frontseat-cli eval`, whose documents mix in the training countries, nothing
# here was seen in training. Extra arguments go to every `ask`, e.g.
# `--vcc-fine-blocks 90`; FRONTSEAT_SAMPLE_DOC names another document of such
# profiles (an edited copy of the sample, say).
#   bash bench/sample_document_questions.sh [ask flags...]   (about 4 min on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
cli=${FRONTSEAT_CLI:-build/app/frontseat-cli}
doc=${FRONTSEAT_SAMPLE_DOC:-resources/samples/world-factbook-profiles.txt}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
declare -A right total
wrong_codes=0
while IFS='|' read -r field country answer; do
  case $field in
    Capital) question="What is the capital of $country?" ;;
    Population) question="What is the population of $country?" ;;
    Currency) question="What is the currency of $country?" ;;
  esac
  got=$("$cli" --db "$scratch/library.sqlite" ask --doc "$doc" --question "$question" "$@" 2>"$scratch/err") ||
    { echo "ask failed: $(cat "$scratch/err")" >&2; exit 1; }
  total[$field]=$((${total[$field]:-0} + 1))
  if [ "$got" = "$answer" ]; then right[$field]=$((${right[$field]:-0} + 1)); fi
  # A country's internet code given for another field: the sample's typical error.
  if [[ $got == .* && $answer != .* ]]; then wrong_codes=$((wrong_codes + 1)); fi
done < <(sed -nE 's/^(Capital|Population|Currency) of (.+): (.+)$/\1|\2|\3/p' "$doc")
all_right=0 all=0
printf '| field | right | asked |\n| --- | ---: | ---: |\n'
for field in Capital Population Currency; do
  printf '| %s | %d | %d |\n' "$field" "${right[$field]:-0}" "${total[$field]:-0}"
  all_right=$((all_right + ${right[$field]:-0})) all=$((all + ${total[$field]:-0}))
done
printf '| all | %d | %d |\n\nanswers that are an internet country code: %d\n' "$all_right" "$all" "$wrong_codes"
