// The colors that stand for a token's resolution (VIP trace codes, see
// engine/vcc/vcc_trace.h) everywhere in the app: the VIP map, its legend and
// the document view's evidence and pin highlights all use these.
#pragma once

#include <QColor>
#include <QString>
#include <cstdint>

namespace frontseat::ui {

// Code 0 (VIP): magenta; 1 (full resolution): amber; 1 + k (coarse, level k):
// blues that get darker and greyer as the level rises (coarser = less read).
QColor resolutionColor(uint8_t code);

// The color shaded by the selector score in [0, 1] of the token's block: a score
// of 1 gives resolutionColor(code), lower scores blend toward a pale version of
// it (never fully white, so a zero-score block keeps its hue). Scores outside
// [0, 1] are clamped; VIP and dense layers (score 0 by convention) are drawn
// unshaded when `shade` is false.
QColor shadedResolutionColor(uint8_t code, float score, bool shade = true);

// "VIP", "full resolution", "coarse ×16" style label for a code, given the
// trace's block size and fanout (level k covers block_size * fanout^(k-1) tokens).
QString resolutionLabel(uint8_t code, int64_t block_size, int64_t fanout);

// Background of evidence passages in the document view (amber, translucent), of
// passages the user pinned as VIP (magenta, translucent) and of the places a
// quoted answer stands (cyan, translucent, over the evidence's amber; find
// matches are green).
QColor evidenceHighlightColor();
QColor pinnedHighlightColor();
QColor answerHighlightColor();

}  // namespace frontseat::ui
