// Greedy and beam-search decoding for T5 with the incremental decoder cache.
// Internal to the engine (includes LibTorch).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "engine/model/generation_options.h"
#include "engine/model/quote_constraint.h"
#include "engine/model/t5_model.h"

namespace frontseat {

struct GeneratedSequence {
  std::vector<int32_t> ids;  // without the decoder start token; EOS included if generated
  double score = 0.0;        // sum of log-probs / length^length_penalty
};

// Called before every decoding step; may throw CancelledError to stop.
using StepCallback = std::function<void(int step, int max_steps)>;

// `quote`, when given, keeps the output a stretch of its source (answers that
// quote the document).

GeneratedSequence greedySearch(const T5Weights& weights, const torch::Tensor& encoder_states,
                               const GenerationOptions& options, const StepCallback& onStep = nullptr,
                               const QuoteConstraint* quote = nullptr);
GeneratedSequence beamSearch(const T5Weights& weights, const torch::Tensor& encoder_states,
                             const GenerationOptions& options, const StepCallback& onStep = nullptr,
                               const QuoteConstraint* quote = nullptr);

// Greedy for one beam, beam search otherwise.
GeneratedSequence generate(const T5Weights& weights, const torch::Tensor& encoder_states,
                           const GenerationOptions& options, const StepCallback& onStep = nullptr,
                               const QuoteConstraint* quote = nullptr);

}  // namespace frontseat
