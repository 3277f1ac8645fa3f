// Reading a VIP trace for people: per-layer counts of each resolution, and the
// evidence passages (document stretches the model read at full resolution),
// strongest first. Used by `frontseat-cli inspect` and the GUI.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/vcc/vcc_trace.h"

namespace frontseat {

struct LayerCounts {
  std::string kind;
  int64_t vip = 0, fine = 0;
  std::vector<int64_t> coarse;  // index k-1: tokens inside coarse blocks of level k
};

std::vector<LayerCounts> countResolutions(const VccTrace& trace);

struct EvidencePassage {
  int64_t first_token = 0, last_token = 0;  // inclusive, input token indices
  int64_t begin = 0, end = 0;               // byte span in the document
  int layers = 0;                           // VCC layers that refined it
  double strength = 0;                      // sum over those layers of its block's selector score
};

// Maximal runs of document tokens refined in at least one VCC layer, sorted by
// strength (most layers and highest scores first). Empty for full-attention traces.
std::vector<EvidencePassage> evidencePassages(const VccTrace& trace);

// Each passage's byte span widened to the edges of the words it cuts
// (widenToWords): blocks start and end on token edges, and people read words.
void widenToWords(std::vector<EvidencePassage>& passages, std::string_view document);

}  // namespace frontseat
