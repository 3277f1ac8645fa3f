// Turns a list of tokenized examples into the padded tensors the training
// forward takes. Internal to training (includes LibTorch).
#pragma once

#include <torch/torch.h>

#include <vector>

#include "engine/model/t5_config.h"
#include "engine/train/training_example.h"

namespace frontseat {

// Label value of padded target positions: the loss ignores it (as in transformers).
constexpr int64_t kIgnoredLabel = -100;

struct TrainingBatch {
  torch::Tensor input_ids;          // (B, S) int64, right-padded with the config's pad id
  torch::Tensor attention_mask;     // (B, S) bool, true for real input tokens
  torch::Tensor decoder_input_ids;  // (B, T) int64: decoder start, then targets[:-1]; pad after
  torch::Tensor labels;             // (B, T) int64: the targets; kIgnoredLabel after
  int64_t input_tokens = 0;         // real (unpadded) tokens, for throughput
  int64_t target_tokens = 0;
};

// S and T are the longest input and target of the batch. InputError for an
// empty batch, an example without input or target tokens, a token id outside
// the vocabulary, or a VIP mask whose length differs from the input's.
TrainingBatch makeTrainingBatch(const std::vector<TrainingExample>& examples, const T5Config& config);

}  // namespace frontseat
