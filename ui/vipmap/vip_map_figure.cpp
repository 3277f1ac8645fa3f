#include "ui/vipmap/vip_map_figure.h"

#include <QFontMetrics>
#include <QPainter>

#include "ui/vipmap/vip_map_legend.h"
#include "ui/vipmap/vip_map_text.h"

namespace frontseat::ui {
namespace {

constexpr int kMargin = 20;
constexpr int kSectionGap = 10;
constexpr int kFontPixels = 13;

QFont figureFont(int pixels, bool bold) {
  QFont font;
  font.setPixelSize(pixels);
  font.setBold(bold);
  return font;
}

}  // namespace

VipMapFigure::VipMapFigure(const VipMapRenderer& renderer, int band_width)
    : renderer_(renderer),
      style_{figureFont(kFontPixels, false), QColor(0x1f, 0x29, 0x37), QColor(0x6b, 0x72, 0x80)},
      title_font_(figureFont(kFontPixels + 2, true)),
      bands_{18, 2} {
  const VccTrace& trace = renderer_.trace();
  const int gutter = layerLabelsWidth(style_, trace);
  const int content_width = gutter + band_width;
  title_rect_ = QRect(kMargin, kMargin, content_width, QFontMetrics(title_font_).height());
  ruler_rect_ = QRect(kMargin + gutter, title_rect_.bottom() + 1 + kSectionGap, band_width, tokenRulerHeight(style_));
  bands_rect_ = QRect(ruler_rect_.left(), ruler_rect_.bottom() + 1, band_width, bands_.height(renderer_.layerCount()));
  gutter_rect_ = QRect(kMargin, bands_rect_.top(), gutter, bands_rect_.height());
  const QSize legend = vipMapLegendSize(&trace, style_.font, content_width);
  legend_rect_ = QRect(QPoint(kMargin, bands_rect_.bottom() + 1 + kSectionGap), legend);
  size_ = QSize(kMargin + content_width + kMargin, legend_rect_.bottom() + 1 + kMargin);
}

void VipMapFigure::paint(QPainter& painter) const {
  const VccTrace& trace = renderer_.trace();
  painter.fillRect(QRect(QPoint(0, 0), size_), Qt::white);
  painter.setFont(title_font_);
  painter.setPen(style_.text);
  painter.drawText(title_rect_, Qt::AlignLeft | Qt::AlignVCenter, traceSummary(trace));
  paintTokenRuler(painter, ruler_rect_, renderer_.allTokens(), style_);
  paintLayerLabels(painter, gutter_rect_, bands_, trace, style_);
  if (renderer_.allTokens().size() > 0) {
    renderer_.paint(painter, bands_rect_.topLeft(), renderer_.allTokens(), bands_rect_.width(), bands_);
  }
  paintVipMapLegend(painter, legend_rect_, &trace, style_.font, style_.text);
}

}  // namespace frontseat::ui
