#include "ui/vipmap/vip_map_renderer.h"

#include <QPainter>
#include <QVector>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

#include "ui/theme/resolution_colors.h"

namespace frontseat::ui {

int VipMapBands::layerAt(int y, int layers) const {
  const int pitch = band_height + band_gap;
  if (y < 0 || pitch <= 0) return -1;
  const int layer = y / pitch;
  return layer < layers && y % pitch < band_height ? layer : -1;
}

VipMapRenderer::VipMapRenderer(std::shared_ptr<const VccTrace> trace) : trace_(std::move(trace)) {
  for (const auto& layer : trace_->layers) {
    std::vector<float> top;
    if (layer.kind == "vcc") {
      for (size_t t = 0; t < layer.resolution.size(); ++t) {
        const uint8_t code = layer.resolution[t];
        if (code >= top.size()) top.resize(code + 1, 0.0f);
        top[code] = std::max(top[code], layer.score[t]);
      }
    }
    for (float& scale : top) scale = scale > 0 ? 1.0f / scale : 0.0f;
    score_scale_.push_back(std::move(top));
  }
}

std::optional<float> VipMapRenderer::relativeScore(int layer, const VipMapCell& cell) const {
  const std::vector<float>& scales = score_scale_[layer];
  if (cell.code == kResolutionVip || cell.code >= scales.size()) return std::nullopt;
  const float relative = std::clamp(cell.score * scales[cell.code], 0.0f, 1.0f);
  return std::round(relative * kShadeSteps) / kShadeSteps;
}

QColor VipMapRenderer::cellColor(int layer, const VipMapCell& cell) const {
  const auto relative = relativeScore(layer, cell);
  return shadedResolutionColor(cell.code, relative.value_or(1.0f), relative.has_value());
}

std::vector<QRgb> VipMapRenderer::columnColors(int layer, TokenRange range, int width) const {
  const LayerTrace& trace_layer = trace_->layers[layer];
  std::vector<QRgb> colors(width);
  for (int column = 0; column < width; ++column) {
    colors[column] = cellColor(layer, aggregateCell(trace_layer, columnTokens(range, width, column))).rgba();
  }
  return colors;
}

QImage VipMapRenderer::render(TokenRange range, int width, const VipMapBands& bands) const {
  QImage image(width, bands.height(layerCount()), QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::transparent);
  for (int layer = 0; layer < layerCount(); ++layer) {
    const std::vector<QRgb> colors = columnColors(layer, range, width);
    for (int y = bands.top(layer); y < bands.top(layer) + bands.band_height; ++y) {
      std::memcpy(image.scanLine(y), colors.data(), colors.size() * sizeof(QRgb));
    }
  }
  return image;
}

void VipMapRenderer::paint(QPainter& painter, QPoint top_left, TokenRange range, int width,
                           const VipMapBands& bands) const {
  // Vector outputs start a new group at each color change: one group per color keeps them small.
  std::map<QRgb, QVector<QRect>> runs;
  for (int layer = 0; layer < layerCount(); ++layer) {
    const std::vector<QRgb> colors = columnColors(layer, range, width);
    for (int begin = 0; begin < width;) {
      int end = begin + 1;
      while (end < width && colors[end] == colors[begin]) ++end;
      runs[colors[begin]].append(
          QRect(top_left.x() + begin, top_left.y() + bands.top(layer), end - begin, bands.band_height));
      begin = end;
    }
  }
  painter.save();
  painter.setPen(Qt::NoPen);
  for (const auto& [color, rects] : runs) {
    painter.setBrush(QColor::fromRgba(color));
    painter.drawRects(rects);
  }
  painter.restore();
}

}  // namespace frontseat::ui
