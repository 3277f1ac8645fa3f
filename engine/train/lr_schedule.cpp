#include "engine/train/lr_schedule.h"

#include <algorithm>
#include <cmath>

namespace frontseat {

double learningRateAt(const LearningRateSchedule& s, int64_t step) {
  if (step < s.warmup_steps) {
    return s.peak * static_cast<double>(step + 1) / static_cast<double>(s.warmup_steps);
  }
  const int64_t decay_steps = s.total_steps - 1 - s.warmup_steps;
  const double progress = decay_steps <= 0 ? 1.0
                                           : std::min(1.0, static_cast<double>(step - s.warmup_steps) /
                                                               static_cast<double>(decay_steps));
  const double remaining = s.decay == LearningRateDecay::Cosine ? 0.5 * (1.0 + std::cos(M_PI * progress))
                                                                 : 1.0 - progress;
  const double floor = s.peak * s.min_ratio;
  return floor + (s.peak - floor) * remaining;
}

}  // namespace frontseat
