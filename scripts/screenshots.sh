#!/usr/bin/env bash
# Starts the real app under Xvfb and drives it the way a person would, with
# xdotool: open a long document, ask a question, compare full attention with
# VCC, summarize, open the settings. Saves a screenshot of the screen after each
# step in docs/screenshots/ (or the folder given). Needs a build (scripts/build.sh).
#
# The model is the bundled one (the demo model, models/frontseat-demo, once it
# ships) and the document
# the long sample: the Factbook profiles of the countries it never saw in
# training (about 16K tokens).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshots}
build=${FRONTSEAT_BUILD_DIR:-build}

need=()
for tool in Xvfb:xvfb xdotool:xdotool import:imagemagick; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool##*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

work=$(mktemp -d)
export XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config XDG_RUNTIME_DIR=$work/run
mkdir -p "$XDG_RUNTIME_DIR" "$out"
chmod 700 "$XDG_RUNTIME_DIR"
display=:$((90 + RANDOM % 9))
cleanup() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

[ -f models/frontseat-demo/config.json ] && export FRONTSEAT_MODEL_DIR=$PWD/models/frontseat-demo
doc=$PWD/resources/samples/world-factbook-profiles.txt

Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

cli() { "$build/app/frontseat-cli" --db "$XDG_DATA_HOME/frontseat/library.sqlite" "$@"; }
# Waits until the library's history holds $1 entries (the app records every answer).
wait_history() {
  for _ in $(seq 600); do
    n=$(cli history --json 2>/dev/null | grep -c '"kind"' || true)
    [ "$n" -ge "$1" ] && sleep 1 && return 0
    sleep 0.2
  done
  echo "screenshots: timed out waiting for answer $1" >&2
  return 1
}
shot() { import -window root "$out/$1.png"; echo "wrote $out/$1.png"; }
keys() { xdotool windowfocus --sync "$window" key --delay 80 "$@"; }
type_text() { xdotool windowfocus --sync "$window" type --delay 15 "$1"; }

"$build/app/frontseat" "$doc" >"$work/app.log" 2>&1 &
app_pid=$!
window=$(xdotool search --sync --name "— Frontseat" | head -1)
# No window manager: place and size the window by hand.
xdotool windowmove "$window" 0 0 windowsize "$window" 1600 1000
sleep 2
shot library-and-document

keys ctrl+l
type_text "What is the capital of Kenya?"
keys Return
wait_history 1
shot main-window

keys ctrl+shift+Return
wait_history 3
shot compare

keys ctrl+shift+s
wait_history 4
shot summary

keys ctrl+comma
sleep 1.5
shot settings
keys Escape
