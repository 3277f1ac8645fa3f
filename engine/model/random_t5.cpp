// Random T5 weights with transformers' initialisation scales (T5PreTrainedModel
// ._init_weights), so activations of random models look like real ones.
#include <cmath>

#include "engine/model/random_model.h"
#include "engine/model/t5_model.h"

namespace frontseat {

namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

double initStd(const std::string& name, const T5Config& c) {
  const double d = static_cast<double>(c.d_model);
  if (name == "shared.weight" || name == "lm_head.weight") return 1.0;
  if (endsWith(name, ".q.weight")) return 1.0 / std::sqrt(d * static_cast<double>(c.d_kv));
  if (endsWith(name, ".o.weight")) return 1.0 / std::sqrt(static_cast<double>(c.num_heads * c.d_kv));
  if (endsWith(name, ".wo.weight")) return 1.0 / std::sqrt(static_cast<double>(c.d_ff));
  return 1.0 / std::sqrt(d);  // k, v, wi, wi_0, wi_1, relative_attention_bias
}

}  // namespace

T5Weights randomT5Weights(const T5Config& config, uint64_t seed, torch::Device device,
                          torch::ScalarType dtype) {
  T5Weights w;
  w.config = config;
  auto generator = at::detail::createCPUGenerator(seed);
  forEachWeight(w, [&](const std::string& name, torch::Tensor& slot, const std::vector<int64_t>& shape) {
    torch::Tensor t;
    if (endsWith(name, "layer_norm.weight")) {
      t = torch::ones(shape);
    } else {
      t = at::normal(0.0, initStd(name, config), shape, generator);
    }
    slot = t.to(device, dtype);
  });
  w.lm_head = config.tie_word_embeddings ? w.shared : w.lm_head;
  return w;
}

}  // namespace frontseat

namespace frontseat {

void writeRandomT5Model(const T5Config& config, uint64_t seed, const std::filesystem::path& dir) {
  torch::InferenceMode guard;
  saveT5Weights(randomT5Weights(config, seed), dir);
}

}  // namespace frontseat
