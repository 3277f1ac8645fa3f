// How the VIP map turns tokens into pixel columns. Each column covers a
// contiguous run of tokens and shows the most-read resolution among them, so a
// single refined block stays visible when the whole document is in view.
#pragma once

#include <cstdint>

#include "engine/vcc/vcc_trace.h"

namespace frontseat::ui {

// Tokens [first, last) of a trace.
struct TokenRange {
  int64_t first = 0, last = 0;
  int64_t size() const { return last - first; }
  bool contains(int64_t token) const { return token >= first && token < last; }
  bool operator==(const TokenRange& other) const { return first == other.first && last == other.last; }
  bool operator!=(const TokenRange& other) const { return !(*this == other); }
};

// The tokens that column `column` of a `width`-pixel strip showing `range`
// covers. Never empty; when the range has fewer tokens than pixels (zoomed in)
// a token spans several neighbouring columns. `range` must not be empty.
TokenRange columnTokens(TokenRange range, int width, int column);

// Where `token` starts along such a strip, in columns (fractional; may lie
// outside [0, width) for tokens outside the range).
double tokenColumn(TokenRange range, int width, int64_t token);

// What one column of one layer shows.
struct VipMapCell {
  uint8_t code = kResolutionFine;  // most-read (lowest) resolution code among the column's tokens
  float score = 0;                 // highest selector score among the tokens with that code
  int64_t token = 0;               // first token with that code and score: what hover and click refer to
};

// The cell of `layer` for a non-empty run of tokens.
VipMapCell aggregateCell(const LayerTrace& layer, TokenRange tokens);

}  // namespace frontseat::ui
