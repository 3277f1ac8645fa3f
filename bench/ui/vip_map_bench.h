// `frontseat-ui-bench vipmap`: how long the VIP map takes to redraw a long
// trace, against the 50 ms a redraw may take on one slow core.
#pragma once

#include <cstdint>

namespace frontseat::bench {

// Builds a synthetic trace shaped like a real VCC run (a third of the layers
// local, the rest VCC with 48 VIP tokens, ~90 refined blocks of 16 at random
// places, the rest coarse at levels 1 and 2 with random scores), then times
// `repeats` full redraws of the bands (VipMapRenderer) and of the whole
// widget (labels, ruler, bands) `width` pixels wide, and prints the median
// and the slowest. Needs a QApplication (the offscreen platform will do).
// Returns 0, or 2 when run without a QApplication.
int runVipMapBench(int64_t tokens, int layers, int width, int repeats);

}  // namespace frontseat::bench
