// The VIP map's words: layer names, the one-line trace summary, numbers for
// people, and the hover text of a cell (the token's text in context, its
// layer, resolution and selector score).
#pragma once

#include <QString>
#include <cstdint>
#include <string>

#include "engine/vcc/vcc_trace.h"
#include "ui/vipmap/vip_map_columns.h"

namespace frontseat::ui {

class VipMapRenderer;

// "L7" for layer index 6.
QString layerName(int layer);

// "131 072", grouped with narrow no-break spaces.
QString groupedNumber(int64_t value);

// "12 layers · 4 local · VCC: 48 VIP, 90 fine blocks of 16, 2 levels · 131 072 tokens".
QString traceSummary(const VccTrace& trace);

// What the token is, for people: its text from `document` (null when not at
// hand) through its byte span, or "question token", "prompt token", "end token".
QString tokenText(const VccTrace& trace, const std::string* document, int64_t token);

// Rich-text hover text for `cell` of `layer`, which stands for the tokens `column`.
QString cellToolTip(const VipMapRenderer& renderer, const std::string* document, int layer, const VipMapCell& cell,
                    TokenRange column);

}  // namespace frontseat::ui
