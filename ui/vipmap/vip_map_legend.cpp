#include "ui/vipmap/vip_map_legend.h"

#include <QFontMetrics>
#include <QLinearGradient>
#include <QPainter>
#include <algorithm>
#include <limits>

#include "engine/vcc/trace_summary.h"
#include "ui/theme/resolution_colors.h"

namespace frontseat::ui {
namespace {

constexpr int kSwatchSize = 12;
constexpr int kGradientWidth = 36;  // the score swatch runs from a low to a high score
constexpr int kSwatchGap = 6;       // swatch to label
constexpr int kItemGap = 18;        // label to next swatch
constexpr int kRowGap = 4;

struct LegendItem {
  QString label;
  QColor low, high;  // equal for a plain swatch
  int swatchWidth() const { return low == high ? kSwatchSize : kGradientWidth; }
};

bool hasVccLayer(const VccTrace* trace) {
  return trace &&
         std::any_of(trace->layers.begin(), trace->layers.end(), [](const LayerTrace& l) { return l.kind == "vcc"; });
}

std::vector<LegendItem> legendItems(const VccTrace* trace) {
  std::vector<LegendItem> items;
  for (uint8_t code : legendCodes(trace)) {
    const QColor color = resolutionColor(code);
    items.push_back({resolutionLabel(code, trace ? trace->block_size : 0, trace ? trace->fanout : 0), color, color});
  }
  if (hasVccLayer(trace)) {
    items.push_back({QStringLiteral("lighter = lower selector score"), shadedResolutionColor(kResolutionFine, 0.0f),
                     shadedResolutionColor(kResolutionFine, 1.0f)});
  }
  return items;
}

void paintSwatch(QPainter& painter, const QRect& rect, const LegendItem& item) {
  QLinearGradient gradient(rect.topLeft(), rect.topRight());
  gradient.setColorAt(0, item.low);
  gradient.setColorAt(1, item.high);
  painter.setPen(QPen(item.high.darker(140), 1));
  painter.setBrush(item.low == item.high ? QBrush(item.high) : QBrush(gradient));
  painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 2, 2);
}

struct PlacedItem {
  LegendItem item;
  QRect swatch, label;
};

std::vector<PlacedItem> layoutLegend(const QFontMetrics& metrics, const QRect& area, const VccTrace* trace) {
  const int row_height = std::max(metrics.height(), kSwatchSize);
  std::vector<PlacedItem> placed;
  int x = area.left(), y = area.top();
  for (LegendItem& item : legendItems(trace)) {
    const int label_width = metrics.horizontalAdvance(item.label);
    const int width = item.swatchWidth() + kSwatchGap + label_width;
    if (x > area.left() && x + width > area.right() + 1) {  // wrap
      x = area.left();
      y += row_height + kRowGap;
    }
    const QRect swatch(x, y + (row_height - kSwatchSize) / 2, item.swatchWidth(), kSwatchSize);
    const QRect label(swatch.right() + 1 + kSwatchGap, y, label_width, row_height);
    placed.push_back({std::move(item), swatch, label});
    x += width + kItemGap;
  }
  return placed;
}

}  // namespace

std::vector<uint8_t> legendCodes(const VccTrace* trace) {
  if (!trace) return {kResolutionVip, kResolutionFine};
  bool vip = false;
  std::vector<bool> coarse;  // index k-1: level k is present
  for (const LayerCounts& counts : countResolutions(*trace)) {
    vip = vip || counts.vip > 0;
    coarse.resize(std::max(coarse.size(), counts.coarse.size()), false);
    for (size_t k = 0; k < counts.coarse.size(); ++k) coarse[k] = coarse[k] || counts.coarse[k] > 0;
  }
  std::vector<uint8_t> codes;
  if (vip) codes.push_back(kResolutionVip);
  codes.push_back(kResolutionFine);
  for (size_t k = 0; k < coarse.size(); ++k) {
    if (coarse[k]) codes.push_back(coarseResolution(static_cast<int>(k) + 1));
  }
  return codes;
}

QStringList legendLabels(const VccTrace* trace) {
  QStringList labels;
  for (const LegendItem& item : legendItems(trace)) labels << item.label;
  return labels;
}

QSize vipMapLegendSize(const VccTrace* trace, const QFont& font, int width) {
  QRect bounds;
  for (const PlacedItem& placed : layoutLegend(QFontMetrics(font), QRect(0, 0, width, 0), trace)) {
    bounds |= placed.swatch | placed.label;
  }
  return bounds.size();
}

void paintVipMapLegend(QPainter& painter, const QRect& area, const VccTrace* trace, const QFont& font,
                       const QColor& text) {
  painter.save();
  painter.setFont(font);
  painter.setRenderHint(QPainter::Antialiasing);
  for (const PlacedItem& placed : layoutLegend(QFontMetrics(font), area, trace)) {
    paintSwatch(painter, placed.swatch, placed.item);
    painter.setPen(text);
    painter.drawText(placed.label, Qt::AlignLeft | Qt::AlignVCenter, placed.item.label);
  }
  painter.restore();
}

VipMapLegend::VipMapLegend(QWidget* parent) : QWidget(parent) {
  QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Fixed);
  policy.setHeightForWidth(true);
  setSizePolicy(policy);
}

void VipMapLegend::setTrace(std::shared_ptr<const VccTrace> trace) {
  trace_ = std::move(trace);
  updateGeometry();
  update();
}

int VipMapLegend::heightForWidth(int width) const { return vipMapLegendSize(trace_.get(), font(), width).height(); }

QSize VipMapLegend::sizeHint() const {
  return vipMapLegendSize(trace_.get(), font(), std::numeric_limits<int>::max() / 2);
}

QSize VipMapLegend::minimumSizeHint() const { return vipMapLegendSize(trace_.get(), font(), 1); }

void VipMapLegend::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  paintVipMapLegend(painter, rect(), trace_.get(), font(), palette().color(QPalette::WindowText));
}

}  // namespace frontseat::ui
