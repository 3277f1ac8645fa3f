#include "engine/vcc/vcc_options.h"

#include <algorithm>
#include <cmath>

#include "engine/core/errors.h"

namespace frontseat {

AttentionMode parseAttentionMode(const std::string& name) {
  if (name == "auto") return AttentionMode::Auto;
  if (name == "full") return AttentionMode::Full;
  if (name == "vcc") return AttentionMode::Vcc;
  throw InputError("unknown attention mode '" + name + "': use auto, full or vcc");
}

std::string attentionModeName(AttentionMode mode) {
  switch (mode) {
    case AttentionMode::Auto: return "auto";
    case AttentionMode::Full: return "full";
    case AttentionMode::Vcc: return "vcc";
  }
  return "auto";
}

namespace {

void requireAtLeast(const char* name, int64_t value, int64_t minimum) {
  if (value < minimum) {
    throw InputError(std::string("VCC setting ") + name + " must be at least " + std::to_string(minimum) +
                     ", not " + std::to_string(value));
  }
}

}  // namespace

// Measured with the demo model (docs/demo-model.md): at 16K tokens exact match
// rises up to about two fifths of the blocks refined (more at 4K gained
// nothing), while the time a question takes grows with the refined tokens;
// past 400 blocks 64K and 128K documents gained nothing measurable for twice
// the time.
int64_t fineBlocksByLength(int64_t n, int64_t block_size) {
  constexpr int64_t kFloor = 90, kCeiling = 400, kShareNumerator = 2, kShareDenominator = 5;
  const int64_t blocks = (std::max<int64_t>(n, 0) + block_size - 1) / block_size;
  return std::clamp(blocks * kShareNumerator / kShareDenominator, kFloor, kCeiling);
}

ResolvedVcc resolveVcc(const VccOptions& o, const T5Config& config, int64_t n) {
  ResolvedVcc r{};
  r.num_vip = o.num_vip;
  r.block_size = o.block_size;
  r.segment_size = o.segment_size;
  r.fanout = o.fanout;
  requireAtLeast("num_vip", r.num_vip, 1);
  requireAtLeast("block_size", r.block_size, 1);
  requireAtLeast("num_fine_blocks", o.num_fine_blocks, 0);  // 0: by length
  r.num_fine_blocks = o.num_fine_blocks > 0 ? o.num_fine_blocks : fineBlocksByLength(n, r.block_size);
  requireAtLeast("segment_size", r.segment_size, 1);
  requireAtLeast("fanout", r.fanout, 2);
  // The paper's T5-base runs 4 of 12 layers locally: keep that third for any depth.
  r.num_local_layers = o.num_local_layers >= 0 ? o.num_local_layers
                                               : static_cast<int64_t>(std::lround(config.num_layers / 3.0));
  if (r.num_local_layers > config.num_layers) {
    throw InputError("VCC setting num_local_layers (" + std::to_string(r.num_local_layers) +
                     ") exceeds the encoder's " + std::to_string(config.num_layers) + " layers");
  }
  // More levels once the top-level block count would dwarf the refined part:
  // each level divides the number of coarse tokens by the fanout.
  if (o.levels > 0) {
    r.levels = o.levels;
  } else {
    const int64_t fine_span = r.num_fine_blocks * r.block_size;
    r.levels = 2;
    int64_t top_blocks = n / r.block_size;
    while (r.levels < 5 && top_blocks > 4 * fine_span / r.block_size) {
      ++r.levels;
      top_blocks /= r.fanout;
    }
  }
  requireAtLeast("levels", r.levels, 2);
  if (r.levels > 8) throw InputError("VCC setting levels must be at most 8, not " + std::to_string(r.levels));
  return r;
}

bool vccPays(const ResolvedVcc& vcc, int64_t n) {
  const int64_t kept = vcc.num_vip + vcc.num_fine_blocks * vcc.block_size;
  return n > 2 * kept;
}

}  // namespace frontseat
