#include "ui/vipmap/vip_map_axes.h"

#include <QFontMetrics>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "ui/vipmap/vip_map_text.h"

namespace frontseat::ui {
namespace {

constexpr int kLabelPadding = 8;  // around the labels column
constexpr int kTickLength = 4;

QFont boldFont(const QFont& font) {
  QFont bold = font;
  bold.setBold(true);
  return bold;
}

// Width of the layer-number part ("L12"), so kinds line up in a column.
int numberWidth(const VipMapAxisStyle& style, const VccTrace& trace) {
  return QFontMetrics(boldFont(style.font)).horizontalAdvance(layerName(static_cast<int>(trace.layers.size()) - 1));
}

// The smallest step of 1, 2 or 5 times a power of ten that is at least `at_least`.
int64_t roundStep(double at_least) {
  int64_t power = 1;
  for (;;) {
    for (int64_t m : {1, 2, 5}) {
      if (static_cast<double>(m * power) >= at_least) return m * power;
    }
    power *= 10;
  }
}

QString tickLabel(int64_t token, int64_t step) {
  return step % 1000 == 0 && token != 0 ? QStringLiteral("%1k").arg(groupedNumber(token / 1000)) : groupedNumber(token);
}

}  // namespace

int layerLabelsWidth(const VipMapAxisStyle& style, const VccTrace& trace) {
  const QFontMetrics metrics(style.font);
  int kind_width = 0;
  for (const auto& layer : trace.layers) {
    kind_width = std::max(kind_width, metrics.horizontalAdvance(QString::fromStdString(layer.kind)));
  }
  return 2 * kLabelPadding + numberWidth(style, trace) + metrics.horizontalAdvance(QLatin1Char(' ')) + kind_width;
}

void paintLayerLabels(QPainter& painter, const QRect& gutter, const VipMapBands& bands, const VccTrace& trace,
                      const VipMapAxisStyle& style) {
  const QFont bold = boldFont(style.font);
  const int line_height = QFontMetrics(style.font).height();
  const int pitch = std::max(1, bands.band_height + bands.band_gap);
  const int every = std::max(1, (line_height + pitch - 1) / pitch);
  const int number_right = gutter.left() + kLabelPadding + numberWidth(style, trace);
  const int kind_left = number_right + QFontMetrics(style.font).horizontalAdvance(QLatin1Char(' '));
  painter.save();
  for (int layer = 0; layer < static_cast<int>(trace.layers.size()); layer += every) {
    const int center = gutter.top() + bands.top(layer) + bands.band_height / 2;
    const QRect row(gutter.left(), center - line_height / 2, gutter.width(), line_height);
    painter.setFont(bold);
    painter.setPen(style.text);
    painter.drawText(QRect(gutter.left(), row.top(), number_right - gutter.left(), row.height()),
                     Qt::AlignRight | Qt::AlignVCenter, layerName(layer));
    painter.setFont(style.font);
    painter.setPen(style.secondary);
    painter.drawText(QRect(kind_left, row.top(), gutter.right() - kind_left, row.height()),
                     Qt::AlignLeft | Qt::AlignVCenter, QString::fromStdString(trace.layers[layer].kind));
  }
  painter.restore();
}

int tokenRulerHeight(const VipMapAxisStyle& style) { return QFontMetrics(style.font).height() + kTickLength + 4; }

void paintTokenRuler(QPainter& painter, const QRect& area, TokenRange range, const VipMapAxisStyle& style) {
  if (range.size() <= 0 || area.width() <= 0) return;
  const QFontMetrics metrics(style.font);
  // Room for the widest label plus a gap, converted to tokens.
  const int label_room = metrics.horizontalAdvance(groupedNumber(range.last)) + 3 * metrics.averageCharWidth();
  const int64_t step = roundStep(std::max(1.0, static_cast<double>(label_room) * range.size() / area.width()));
  painter.save();
  painter.setFont(style.font);
  const int baseline = area.bottom() - kTickLength - 2;
  for (int64_t token = (range.first + step - 1) / step * step; token < range.last; token += step) {
    const int x = area.left() + static_cast<int>(std::lround(tokenColumn(range, area.width(), token)));
    painter.setPen(style.secondary);
    painter.drawLine(x, area.bottom() - kTickLength, x, area.bottom());
    const QString label = tickLabel(token, step);
    const int width = metrics.horizontalAdvance(label);
    const int left = std::clamp(x - width / 2, area.left(), area.right() + 1 - width);
    painter.setPen(style.text);
    painter.drawText(left, baseline, label);
  }
  painter.restore();
}

}  // namespace frontseat::ui
