#!/usr/bin/env bash
# Builds the .deb with CPack from this build tree and checks it as a user's
# machine would see it: the files and dependencies it declares, and the app and
# CLI run from the unpacked package layout (they find their SentencePiece module
# and the bundled model relative to /usr/bin, not in the build tree).
set -u
build=$1 scratch=$2 src=$3
rm -rf "$scratch" && mkdir -p "$scratch"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

cpack --config "$build/CPackConfig.cmake" -B "$scratch/package" >"$scratch/cpack.log" 2>&1 \
  || { cat "$scratch/cpack.log"; echo "FAIL: cpack"; exit 1; }
deb=$(ls "$scratch"/package/frontseat_*_*.deb 2>/dev/null | head -1)
[ -f "$deb" ] || { echo "FAIL: no frontseat_<version>_<arch>.deb"; exit 1; }

contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
# The trained demo model is the bundled one when the source ships it, the
# random-weight tiny model otherwise.
bundled=tiny-random
[ -f "$src/models/frontseat-demo/config.json" ] && bundled=frontseat-demo
models=./usr/share/frontseat/models
for f in ./usr/bin/frontseat ./usr/bin/frontseat-cli ./usr/lib/frontseat/libfrontseat_sentencepiece.so \
         ./usr/share/applications/frontseat.desktop ./usr/share/metainfo/io.github.frontseat.Frontseat.metainfo.xml \
         ./usr/share/icons/hicolor/48x48/apps/frontseat.png ./usr/share/icons/hicolor/scalable/apps/frontseat.svg \
         $models/tiny-random/config.json $models/$bundled/config.json \
         $models/$bundled/model.safetensors $models/$bundled/spiece.model \
         ./usr/share/doc/frontseat/copyright; do
  grep -qxF "$f" <<<"$contents" || fail "the package lacks $f"
done
depends=$(dpkg-deb -f "$deb" Depends)
for d in libtorch1.13 libqt6widgets6 libopenblas0-pthread libsentencepiece0 libpoppler-cpp0v5 libsqlite3-0; do
  grep -q "$d" <<<"$depends" || fail "Depends lacks $d: $depends"
done

root=$scratch/root
dpkg-deb -x "$deb" "$root"
unset FRONTSEAT_SENTENCEPIECE_MODULE FRONTSEAT_MODEL_DIR  # found next to the binary, as installed
answer=$("$root/usr/bin/frontseat-cli" --db "$scratch/library.sqlite" ask \
  --model "$root/usr/share/frontseat/models/tiny-random" --doc "$src/resources/samples/harbor-report.txt" \
  --question "Who is the harbor master?" --max-new-tokens 4 2>"$scratch/cli.err") \
  || fail "the packaged CLI failed: $(cat "$scratch/cli.err")"
[ -n "${answer:-}" ] || fail "the packaged CLI printed no answer"

ms=$(XDG_DATA_HOME=$scratch/data XDG_CONFIG_HOME=$scratch/config QT_QPA_PLATFORM=offscreen \
  "$root/usr/bin/frontseat" --measure-startup 2>"$scratch/app.err") || fail "the packaged app failed: $(cat "$scratch/app.err")"
[[ "${ms:-}" =~ ^[0-9]+$ ]] || fail "the packaged app did not start: ${ms:-} $(cat "$scratch/app.err")"
paths=$(QT_QPA_PLATFORM=offscreen "$root/usr/bin/frontseat" --paths 2>&1)
grep -qx "bundled model: $root/usr/share/frontseat/models/$bundled" <<<"$paths" \
  || fail "the packaged app did not find its bundled model next to it: $paths"

[ $failures -eq 0 ] && echo "package ok: $(basename "$deb")"
exit $((failures > 0))
