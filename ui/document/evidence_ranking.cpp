#include "ui/document/evidence_ranking.h"

#include <algorithm>

namespace frontseat::ui {

std::vector<EvidencePassage> strongestFirst(std::vector<EvidencePassage> passages) {
  std::stable_sort(passages.begin(), passages.end(), [](const EvidencePassage& a, const EvidencePassage& b) {
    return a.layers != b.layers ? a.layers > b.layers : a.strength > b.strength;
  });
  return passages;
}

}  // namespace frontseat::ui
