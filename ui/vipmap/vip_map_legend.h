// The VIP map's legend: a swatch per resolution the trace uses (VIP, full
// resolution, each coarse level) and, for VCC traces, the score shading.
// The same painting serves the legend widget and exported figures.
#pragma once

#include <QColor>
#include <QFont>
#include <QRect>
#include <QStringList>
#include <QWidget>
#include <cstdint>
#include <memory>
#include <vector>

#include "engine/vcc/vcc_trace.h"

class QPainter;

namespace frontseat::ui {

// The resolution codes the legend explains: full resolution always, VIP and
// each coarse level where `trace` has them (null: VIP and full resolution).
std::vector<uint8_t> legendCodes(const VccTrace* trace);

// The legend's labels, in order (the score hint last, for VCC traces).
QStringList legendLabels(const VccTrace* trace);

// The size the legend takes laid out left to right, wrapping at `width`.
QSize vipMapLegendSize(const VccTrace* trace, const QFont& font, int width);

// The legend laid out from `area`'s top-left corner, wrapping at its width.
void paintVipMapLegend(QPainter& painter, const QRect& area, const VccTrace* trace, const QFont& font,
                       const QColor& text);

class VipMapLegend : public QWidget {
  Q_OBJECT

 public:
  explicit VipMapLegend(QWidget* parent = nullptr);

  void setTrace(std::shared_ptr<const VccTrace> trace);
  QStringList labels() const { return legendLabels(trace_.get()); }

  bool hasHeightForWidth() const override { return true; }
  int heightForWidth(int width) const override;
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  std::shared_ptr<const VccTrace> trace_;
};

}  // namespace frontseat::ui
