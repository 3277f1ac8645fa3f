#include "ui/vipmap/vip_map_columns.h"

#include <algorithm>

namespace frontseat::ui {

TokenRange columnTokens(TokenRange range, int width, int column) {
  const int64_t n = range.size();
  const int64_t first = range.first + column * n / width;
  const int64_t last = range.first + (column + 1) * n / width;
  return {first, std::max(first + 1, last)};
}

double tokenColumn(TokenRange range, int width, int64_t token) {
  return static_cast<double>(token - range.first) * width / static_cast<double>(range.size());
}

VipMapCell aggregateCell(const LayerTrace& layer, TokenRange tokens) {
  const uint8_t* code = layer.resolution.data();
  const float* score = layer.score.data();
  VipMapCell cell{code[tokens.first], score[tokens.first], tokens.first};
  for (int64_t t = tokens.first + 1; t < tokens.last; ++t) {
    if (code[t] < cell.code || (code[t] == cell.code && score[t] > cell.score)) cell = {code[t], score[t], t};
  }
  return cell;
}

}  // namespace frontseat::ui
