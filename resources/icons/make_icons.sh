#!/bin/sh
# Regenerates the hicolor PNGs from frontseat.svg. Run after editing the SVG and
# commit the results, so building the app or the .deb needs no SVG converter.
# Needs rsvg-convert (Debian package librsvg2-bin).
set -eu

cd "$(dirname "$0")"
command -v rsvg-convert >/dev/null || {
  echo "make_icons.sh: rsvg-convert not found; apt-get install librsvg2-bin" >&2
  exit 1
}

for n in 16 24 32 48 64 128 256; do
  mkdir -p "hicolor/${n}x${n}/apps"
  rsvg-convert --width "$n" --height "$n" --format png \
    --output "hicolor/${n}x${n}/apps/frontseat.png" frontseat.svg
done
