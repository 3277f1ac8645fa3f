// The learning rate as a pure function of the step: linear warm-up to the
// peak, then a cosine or linear decay to a floor at the last step. Plain C++.
#pragma once

#include <cstdint>

namespace frontseat {

enum class LearningRateDecay { Cosine, Linear };

struct LearningRateSchedule {
  double peak = 1e-3;
  int64_t warmup_steps = 0;
  int64_t total_steps = 1;
  double min_ratio = 0.0;  // floor = peak * min_ratio
  LearningRateDecay decay = LearningRateDecay::Cosine;
};

// The rate for step `step` (0 for the first step). Warm-up reaches the peak at
// step warmup_steps - 1, so no step runs at rate 0; the decay then ends at the
// floor on step total_steps - 1 and stays there after it.
double learningRateAt(const LearningRateSchedule& schedule, int64_t step);

}  // namespace frontseat
