#include "ui/theme/resolution_colors.h"

#include <algorithm>
#include <array>

namespace frontseat::ui {

QColor resolutionColor(uint8_t code) {
  if (code == 0) return QColor(0xc2, 0x18, 0x5b);  // VIP
  if (code == 1) return QColor(0xf5, 0x9e, 0x0b);  // full resolution
  // Coarse levels 1, 2, 3, 4+ : lighter blue for finer compression.
  static const std::array<QColor, 4> coarse = {QColor(0x3b, 0x82, 0xf6), QColor(0x1d, 0x4e, 0xd8),
                                               QColor(0x1e, 0x3a, 0x8a), QColor(0x33, 0x41, 0x55)};
  return coarse[std::min<size_t>(code - 2, coarse.size() - 1)];
}

QColor shadedResolutionColor(uint8_t code, float score, bool shade) {
  const QColor full = resolutionColor(code);
  if (!shade) return full;
  // Blend toward white: score 1 keeps the color, score 0 keeps 45% of it.
  const float s = std::clamp(score, 0.0f, 1.0f);
  const float keep = 0.45f + 0.55f * s;
  auto mix = [keep](int c) { return static_cast<int>(c * keep + 255 * (1.0f - keep) + 0.5f); };
  return QColor(mix(full.red()), mix(full.green()), mix(full.blue()));
}

QString resolutionLabel(uint8_t code, int64_t block_size, int64_t fanout) {
  if (code == 0) return QStringLiteral("VIP");
  if (code == 1) return QStringLiteral("full resolution");
  int64_t tokens = std::max<int64_t>(1, block_size);
  for (int level = 2; level < code; ++level) tokens *= std::max<int64_t>(1, fanout);
  return QStringLiteral("coarse level %1 (blocks of %2 tokens)").arg(code - 1).arg(tokens);
}

QColor evidenceHighlightColor() { return QColor(0xf5, 0x9e, 0x0b, 90); }
QColor pinnedHighlightColor() { return QColor(0xc2, 0x18, 0x5b, 70); }
QColor answerHighlightColor() { return QColor(0x06, 0xb6, 0xd4, 110); }

}  // namespace frontseat::ui
