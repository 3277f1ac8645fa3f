// What frames the VIP map's bands, in the widget and in exported figures
// alike: the layer labels on the left ("L7 vcc") and the token ruler on top.
#pragma once

#include <QColor>
#include <QFont>
#include <QRect>

#include "engine/vcc/vcc_trace.h"
#include "ui/vipmap/vip_map_columns.h"
#include "ui/vipmap/vip_map_renderer.h"

class QPainter;

namespace frontseat::ui {

struct VipMapAxisStyle {
  QFont font;
  QColor text;       // layer numbers and ruler labels
  QColor secondary;  // layer kinds and ticks
};

// Width of the labels column for `trace`'s layers, padding included.
int layerLabelsWidth(const VipMapAxisStyle& style, const VccTrace& trace);

// Labels in `gutter` (its top at the first band's top), one per band, or every
// few bands when the bands are thinner than a line of text.
void paintLayerLabels(QPainter& painter, const QRect& gutter, const VipMapBands& bands, const VccTrace& trace,
                      const VipMapAxisStyle& style);

int tokenRulerHeight(const VipMapAxisStyle& style);

// Ticks at round token indices along `area` (as wide as the bands, in columns),
// labelled above.
void paintTokenRuler(QPainter& painter, const QRect& area, TokenRange range, const VipMapAxisStyle& style);

}  // namespace frontseat::ui
