#include "engine/train/training_weights.h"

#include <functional>

namespace frontseat {

namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Applies `copy` to every weight once; the tied lm_head follows `shared`.
T5Weights mapWeights(const T5Weights& weights, const std::function<torch::Tensor(const torch::Tensor&)>& copy) {
  T5Weights out = weights;
  out.storage.reset();  // the copies need no mapped file
  forEachWeight(out, [&](const std::string&, torch::Tensor& slot, const std::vector<int64_t>&) { slot = copy(slot); });
  if (out.config.tie_word_embeddings) out.lm_head = out.shared;
  return out;
}

}  // namespace

T5Weights trainableCopy(const T5Weights& weights, const c10::optional<torch::Device>& device) {
  return mapWeights(weights, [&](const torch::Tensor& t) {
    return t.detach().to(device.value_or(t.device()), t.scalar_type(), /*non_blocking=*/false, /*copy=*/true)
        .requires_grad_(true);
  });
}

T5Weights convertedCopy(const T5Weights& weights, torch::ScalarType dtype) {
  return mapWeights(weights, [&](const torch::Tensor& t) {
    return t.detach().to(dtype, /*non_blocking=*/false, /*copy=*/true);
  });
}

bool positionBiasTable(const std::string& name) { return name.find("relative_attention_bias") != std::string::npos; }

bool decayedWeight(const std::string& name) { return !endsWith(name, "layer_norm.weight") && !positionBiasTable(name); }

}  // namespace frontseat
