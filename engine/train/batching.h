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

// A new tensor field here needs a line in batchOnDevice too, or a GPU run
// would mix devices.
struct TrainingBatch {
  torch::Tensor input_ids;          // (B, S) int64, right-padded with the config's pad id
  torch::Tensor attention_mask;     // (B, S) bool, true for real input tokens
  torch::Tensor vip;                // (B, S) bool, the examples' VIP marks (false on padding)
  torch::Tensor decoder_input_ids;  // (B, T) int64: decoder start, then targets[:-1]; pad after
  torch::Tensor labels;             // (B, T) int64: the targets; kIgnoredLabel after
  // (B, T, S) bool, true at the input positions target t copies (the
  // examples' alignment); undefined when no example has one.
  torch::Tensor alignment;
  // (B, S) bool, true at question tokens (the examples' question_positions);
  // undefined when no example has a question.
  torch::Tensor question_mask;
  // (B, S) bool: the question's country name and its mentions in the evidence
  // (the examples' country positions); both undefined when no example has them.
  torch::Tensor question_country, country_mentions;
  // (B, S) bool: where the other countries' parts name their own; undefined
  // when no example has any.
  torch::Tensor other_country_mentions;
  // (B, S): the section index of each input position (-1 outside sections)
  // and whether it is in its section's header; undefined when no example has
  // sections.
  torch::Tensor section_id, section_header;
  // (B, S) bool: the document tokens outside the examples' evidence ranges
  // (not VIP, not padding), false in rows without one; undefined when no
  // example has one.
  torch::Tensor distractors;
  int64_t input_tokens = 0;         // real (unpadded) tokens, for throughput
  int64_t target_tokens = 0;
};

// S and T are the longest input and target of the batch. InputError for an
// empty batch, an example without input or target tokens, a token id outside
// the vocabulary, a VIP mask whose length differs from the input's, or an
// alignment that is not one list per target id of positions in the input, a
// question or country position outside the input, country mentions without
// the question's country (or the reverse, or other countries' mentions
// without it), or a section that is not a header
// and a body inside the input, or an evidence range outside it.
TrainingBatch makeTrainingBatch(const std::vector<TrainingExample>& examples, const T5Config& config);

// The batch's tensors on `device` (the batch itself when they are there already).
TrainingBatch batchOnDevice(const TrainingBatch& batch, const torch::Device& device);

}  // namespace frontseat
