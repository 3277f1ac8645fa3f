#!/usr/bin/env bash
# One round on a lent CUDA machine (../shared/GPU.md), in one go since the
# machine starts bare: the parity fixtures (item 1), a CUDA build of the trainer
# (part of item 2) and the demo model's recipe on the GPU (item 5), stopped at a
# deadline. Everything comes back under $OUT: gpu.log, and bundle.tar.part-*
# (cat them | tar x) holding the fixtures, the training logs, the export or else
# the last checkpoint.
#
# The machine has python3 with PyTorch (CUDA), transformers, CMake and ninja but
# none of the C++ libraries, so the Debian packages the configure step looks for
# travel as .deb files in .gpudeps/ (apt-get download, see the GPU log) and are
# unpacked into a prefix of their own. data/factbook travels too.
#
#   scripts/gpu-round.sh [SECONDS]   (deadline for the whole round, default 540)
#
# A round goes on where the last one stopped when its checkpoint travels too:
# unpack the bundle here and carry runs/<stage>/last (about 40 MB) beside
# data/factbook and .gpudeps; the recipe skips the stages before it.
set -uo pipefail
cd "$(dirname "$0")/.."
deadline=${1:-540}
out=${OUT:-/tmp/gpu-out}
mkdir -p "$out"
exec > >(tee "$out/gpu.log") 2>&1
stamp() { echo "[$(date +%H:%M:%S) +${SECONDS}s] $*"; }

stamp "machine"; nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
python3 -c 'import torch, transformers; print("torch", torch.__version__, "cuda", torch.version.cuda, "transformers", transformers.__version__)'

stamp "parity fixtures (item 1), in the background"
(python3 tests/golden/make_t5_golden.py /tmp/round/golden/fixtures > /tmp/round-golden.log 2>&1; echo "exit $?" >> /tmp/round-golden.log) &
golden=$!

deps=/tmp/round/deps
mkdir -p "$deps"
for f in .gpudeps/*.deb; do dpkg -x "$f" "$deps"; done
arch=x86_64-linux-gnu
# Only the configure step (pkgconf) and the trainer (SentencePiece) load them.
deplibs=$deps/usr/lib/$arch:${LD_LIBRARY_PATH:-}
export PKG_CONFIG_SYSROOT_DIR=$deps PKG_CONFIG_LIBDIR=$deps/usr/lib/$arch/pkgconfig:$deps/usr/share/pkgconfig
torch_prefix=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')

stamp "configure"
build=/tmp/round/build
LD_LIBRARY_PATH=$deplibs cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFRONTSEAT_UI=OFF -DFRONTSEAT_TESTS=OFF \
  -DFRONTSEAT_BENCH=OFF -DFRONTSEAT_CCACHE=OFF -DFRONTSEAT_SENTENCEPIECE_DEEPBIND=OFF -DPKG_CONFIG_EXECUTABLE="$deps/usr/bin/pkgconf" \
  -DCMAKE_PREFIX_PATH="$deps/usr;$torch_prefix" > /tmp/round-configure.log 2>&1
configured=$?
grep -E "Frontseat:|Error|error" /tmp/round-configure.log | head -20
stamp "build the trainer (configure exit $configured)"
if [ $configured -eq 0 ]; then
  cmake --build "$build" -j "$(nproc)" --target frontseat-train frontseat_sentencepiece > /tmp/round-build.log 2>&1
  built=$?
  grep -E "error|Error" /tmp/round-build.log | head -30
else
  built=1
fi
stamp "build exit $built"

wait $golden
cat /tmp/round-golden.log

train=$build/app/frontseat-train
if [ $built -eq 0 ]; then
  # A smoke run on a tiny model first, under cuda-gdb (the machine has no gdb), so
  # that a crash comes back with its backtrace instead of costing the round.
  # The 2026-12-04 round crashed in a call through a null pointer, where gdb's
  # backtrace stops; the words above the stack pointer still name the callers.
  # Whether LibTorch exports a protobuf of its own matters to SentencePiece's
  # (engine/text/sentencepiece_backend.h).
  torch_lib=$(dirname "$torch_prefix")/../lib
  stamp "protobuf symbols LibTorch exports: $(nm -D --defined-only "$torch_lib"/libtorch_cpu.so 2>/dev/null | grep -c _ZN6google8protobuf)"
  smoke() {
    local name=$1
    shift
    stamp "smoke run on cuda: $name"
    LD_LIBRARY_PATH=$deplibs cuda-gdb -q -batch -ex "set cuda api_failures ignore" -ex run -ex bt \
      -ex "info registers rip rsp" -ex 'x/40a $sp' --args "$train" --factbook data/factbook \
      --out "/tmp/round/smoke-$name" --device cuda --vocab 1000 --d-model 32 --d-ff 64 --heads 2 --encoder-layers 2 \
      --decoder-layers 1 --batch 2 --warmup 1 --probe-questions 2 "$@" > "/tmp/round-smoke-$name.log" 2>&1
    grep -vE "^\[(New|Thread|Detaching)|^warning" "/tmp/round-smoke-$name.log" | tail -50
    [ -f "/tmp/round/smoke-$name/last/model.safetensors" ]
  }
  # Apart, then together: excerpts with full attention, whole documents with
  # VCC, evaluations and checkpoints.
  smoke excerpts --steps 6 --eval-every 0 --checkpoint-every 0 --excerpt-steps 6
  smoke vcc --steps 6 --eval-every 0 --checkpoint-every 0 --excerpt-steps 0 --vcc-from-step 0 --vcc-min-tokens 64 \
    --start-bytes 3000 --end-bytes 3000
  smoke all --steps 6 --eval-every 2 --checkpoint-every 2 --excerpt-steps 2 --vcc-from-step 2 --vcc-min-tokens 64 \
    --start-bytes 3000 --end-bytes 3000 || { stamp "the smoke runs failed: no recipe"; built=1; }
fi
if [ $built -eq 0 ]; then
  left=$((deadline - SECONDS - 25))
  stamp "the demo model's recipe on cuda for at most ${left}s"
  # In its own process group, so that the deadline stops the trainer too.
  # A crash costs only the steps since the stage's last checkpoint: the
  # recipe resumes from it when run again.
  setsid bash -c 'for try in 1 2 3 4 5 6; do
      echo "recipe, try $try"
      env LD_LIBRARY_PATH="$1" FRONTSEAT_TRAIN="$2" FRONTSEAT_TRAIN_ARGS="--device cuda --threads 8" \
        stdbuf -oL -eL bash scripts/train-demo-model.sh && exit 0
    done; exit 1' recipe "$deplibs" "$train" > /tmp/round-train.log 2>&1 &
  trainer=$!
  while kill -0 $trainer 2>/dev/null && [ $SECONDS -lt $((deadline - 25)) ]; do sleep 2; done
  kill -0 $trainer 2>/dev/null && { stamp "deadline: stopping the recipe"; kill -TERM -- -$trainer; }
  wait $trainer
  stamp "training exit $?"
  grep -E "^(stage|step [0-9]+0+/|probe|eval|export)|held-out|EM" /tmp/round-train.log | tail -40
  tail -5 /tmp/round-train.log
fi

stamp "bundle"
keep=(/tmp/round-*.log)
[ -d /tmp/round/golden/fixtures ] && keep+=(/tmp/round/golden)
[ -d runs/frontseat-demo ] && keep+=(runs/frontseat-demo)
last=$(ls -td runs/demo*/last 2>/dev/null | head -1)
[ -n "$last" ] && keep+=("$last")
tar cf - "${keep[@]}" | split -b 15M - "$out/bundle.tar.part-"
ls -la "$out"
stamp "done"
