// The order evidence passages are shown and numbered in, shared by the document
// view and the evidence list so that "passage 3" means the same stretch in both.
#pragma once

#include <vector>

#include "engine/vcc/trace_summary.h"

namespace frontseat::ui {

// Strongest first: refined in more VCC layers, then higher strength; ties keep
// their order. The engine's evidencePassages() already returns this order, so for
// its output this changes nothing.
std::vector<EvidencePassage> strongestFirst(std::vector<EvidencePassage> passages);

}  // namespace frontseat::ui
