// Copies of T5 weights for training and for shipping. The inference loader
// aliases the memory-mapped file read-only, so training works on its own
// copies. Internal to training (includes LibTorch).
#pragma once

#include <torch/torch.h>

#include <string>

#include "engine/model/t5_model.h"

namespace frontseat {

// Fresh leaf tensors (same dtype; on `device`, by default where they are) that
// require grad, sharing nothing with `weights`; a tied lm_head stays the same
// tensor as `shared`. Call it outside torch::InferenceMode.
T5Weights trainableCopy(const T5Weights& weights, const c10::optional<torch::Device>& device = c10::nullopt);

// Detached copies in `dtype`, e.g. bfloat16 to ship a model at half the size
// (the engine's loader converts back to the compute dtype).
T5Weights convertedCopy(const T5Weights& weights, torch::ScalarType dtype);

// Whether AdamW's weight decay applies to the weight of this Hugging Face name:
// to the projection and embedding matrices, not to the RMS norm scales nor the
// relative position bias tables, whose values are not meant to shrink to 0.
bool decayedWeight(const std::string& name);

// A relative position bias table (encoder or decoder), which the trainer
// updates faster (TrainerOptions::position_bias_lr_scale).
bool positionBiasTable(const std::string& name);

}  // namespace frontseat
