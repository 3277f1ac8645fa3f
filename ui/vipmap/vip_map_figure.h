// The VIP map of a whole trace as a standalone figure, for export: a summary
// line, the token ruler, the labelled bands and the legend, in dark on white
// whatever the app's theme (figures end up in papers and reports).
#pragma once

#include <QFont>
#include <QRect>
#include <QSize>

#include "ui/vipmap/vip_map_axes.h"
#include "ui/vipmap/vip_map_renderer.h"

class QPainter;

namespace frontseat::ui {

class VipMapFigure {
 public:
  static constexpr int kDefaultBandWidth = 2000;

  // `renderer` must outlive the figure.
  explicit VipMapFigure(const VipMapRenderer& renderer, int band_width = kDefaultBandWidth);

  QSize size() const { return size_; }
  // Where the bands lie: one pixel column per `bandsRect().width()`-th of the trace.
  QRect bandsRect() const { return bands_rect_; }
  const VipMapBands& bands() const { return bands_; }

  void paint(QPainter& painter) const;

 private:
  const VipMapRenderer& renderer_;
  VipMapAxisStyle style_;
  QFont title_font_;
  VipMapBands bands_;
  QRect title_rect_, ruler_rect_, gutter_rect_, bands_rect_, legend_rect_;
  QSize size_;
};

}  // namespace frontseat::ui
