// Draws the VIP map's bands: one horizontal band per encoder layer, one pixel
// column per run of tokens, colored by resolution and shaded by selector score.
// Two outputs of the same picture: a QImage written scanline by scanline (the
// widget's fast path) and QPainter rectangles, with equal neighbouring columns
// merged, for vector output such as SVG.
#pragma once

#include <QColor>
#include <QImage>
#include <QPoint>
#include <memory>
#include <optional>
#include <vector>

#include "engine/vcc/vcc_trace.h"
#include "ui/vipmap/vip_map_columns.h"

class QPainter;

namespace frontseat::ui {

// Vertical layout of the bands: layer 0 on top.
struct VipMapBands {
  int band_height = 16;  // pixels per layer
  int band_gap = 2;      // pixels between layers, left transparent

  int top(int layer) const { return layer * (band_height + band_gap); }
  int height(int layers) const { return layers > 0 ? layers * (band_height + band_gap) - band_gap : 0; }
  // The layer whose band holds `y`, or -1 in a gap or outside the bands.
  int layerAt(int y, int layers) const;
};

class VipMapRenderer {
 public:
  // `trace` must be non-null and consistent (as traceFromJson guarantees).
  explicit VipMapRenderer(std::shared_ptr<const VccTrace> trace);

  const VccTrace& trace() const { return *trace_; }
  int layerCount() const { return static_cast<int>(trace_->layers.size()); }
  TokenRange allTokens() const { return {0, trace_->tokens}; }

  // The cell's selector score relative to the highest score among the blocks
  // of its resolution in its layer, in [0, 1], in steps of 1/kShadeSteps.
  // Raw scores are probabilities over thousands of blocks, so only ratios are
  // readable, and each resolution is chosen in its own round of the selector.
  // nullopt for VIP cells and dense layers.
  std::optional<float> relativeScore(int layer, const VipMapCell& cell) const;
  // Few enough shades that neighbouring columns often merge (small SVGs),
  // more than the eye tells apart.
  static constexpr int kShadeSteps = 20;
  QColor cellColor(int layer, const VipMapCell& cell) const;

  // The bands for `range` (non-empty) as an image `width` pixels wide, one
  // column per pixel; gaps between bands are transparent.
  QImage render(TokenRange range, int width, const VipMapBands& bands) const;
  // The same picture drawn with `painter`, its top-left corner at `top_left`:
  // one rectangle per run of equal columns, batched by color.
  void paint(QPainter& painter, QPoint top_left, TokenRange range, int width, const VipMapBands& bands) const;

 private:
  std::vector<QRgb> columnColors(int layer, TokenRange range, int width) const;

  std::shared_ptr<const VccTrace> trace_;
  // Per layer, per resolution code: 1 / the highest score; empty where scores don't shade.
  std::vector<std::vector<float>> score_scale_;
};

}  // namespace frontseat::ui
