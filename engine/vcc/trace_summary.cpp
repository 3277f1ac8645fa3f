#include "engine/vcc/trace_summary.h"

#include <algorithm>

#include "engine/text/word_edges.h"

namespace frontseat {

std::vector<LayerCounts> countResolutions(const VccTrace& trace) {
  std::vector<LayerCounts> out;
  for (const auto& layer : trace.layers) {
    LayerCounts c;
    c.kind = layer.kind;
    for (uint8_t r : layer.resolution) {
      if (r == kResolutionVip) {
        ++c.vip;
      } else if (r == kResolutionFine) {
        ++c.fine;
      } else {
        const size_t level = r - kResolutionFine;
        if (c.coarse.size() < level) c.coarse.resize(level, 0);
        ++c.coarse[level - 1];
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<EvidencePassage> evidencePassages(const VccTrace& trace) {
  const int64_t n = trace.tokens;
  std::vector<int> layers(n, 0);
  std::vector<double> strength(n, 0.0);
  for (const auto& layer : trace.layers) {
    if (layer.kind != "vcc") continue;
    for (int64_t t = 0; t < n; ++t) {
      if (trace.roles[t] == TokenRole::Document && layer.resolution[t] == kResolutionFine) {
        ++layers[t];
        strength[t] += layer.score[t];
      }
    }
  }
  std::vector<EvidencePassage> out;
  for (int64_t t = 0; t < n;) {
    if (layers[t] == 0 || trace.spans[t].begin < 0) {
      ++t;
      continue;
    }
    EvidencePassage p;
    p.first_token = t;
    while (t < n && layers[t] > 0 && trace.spans[t].begin >= 0) {
      p.layers = std::max(p.layers, layers[t]);
      p.strength = std::max(p.strength, strength[t]);
      ++t;
    }
    p.last_token = t - 1;
    p.begin = trace.spans[p.first_token].begin;
    p.end = trace.spans[p.last_token].end;
    out.push_back(p);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.layers != b.layers ? a.layers > b.layers : a.strength > b.strength;
  });
  return out;
}

void widenToWords(std::vector<EvidencePassage>& passages, std::string_view document) {
  for (auto& p : passages) {
    const auto [begin, end] = widenToWords(document, static_cast<size_t>(p.begin), static_cast<size_t>(p.end));
    p.begin = static_cast<int64_t>(begin);
    p.end = static_cast<int64_t>(end);
  }
}

}  // namespace frontseat
