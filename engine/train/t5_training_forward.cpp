// Follows transformers' modeling_t5.py (DESIGN.md §3): RMS norm before every
// sublayer, no 1/sqrt(d_kv) scaling, layer 0's relative position bias reused
// by every layer of its stack, none in cross-attention, and the decoder output
// scaled by d_model^-0.5 before a tied LM head.
#include "engine/train/t5_training_forward.h"

#include <cmath>

#include "engine/core/errors.h"

namespace frontseat {

namespace {

// Added to the logit of every key a query must not see: exp() of it is exactly
// 0, and unlike -inf it never turns a row into NaN.
constexpr double kMaskedLogit = -1e9;

// (B, n, heads * d_kv) -> (B, heads, n, d_kv)
torch::Tensor splitBatchHeads(const torch::Tensor& x, int64_t heads) {
  return x.view({x.size(0), x.size(1), heads, -1}).transpose(1, 2);
}

// Queries from x attend to keys and values from memory. `bias` broadcasts to
// (B, heads, queries, keys) and carries position bias and masks.
torch::Tensor attention(const torch::Tensor& x, const torch::Tensor& memory, const T5Attention& a,
                        const torch::Tensor& bias, int64_t heads) {
  auto q = splitBatchHeads(project(x, a.q), heads);
  auto k = splitBatchHeads(project(memory, a.k), heads);
  auto v = splitBatchHeads(project(memory, a.v), heads);
  auto probs = torch::softmax(torch::matmul(q, k.transpose(2, 3)) + bias, -1);
  auto context = torch::matmul(probs, v).transpose(1, 2).reshape({x.size(0), x.size(1), -1});
  return project(context, a.o);
}

// (B, S) true for real tokens -> additive (B, 1, 1, S) bias masking padded keys.
torch::Tensor keyPaddingBias(const torch::Tensor& attention_mask, const torch::TensorOptions& options) {
  return torch::zeros(attention_mask.sizes(), options)
      .masked_fill(attention_mask.logical_not(), kMaskedLogit)
      .unsqueeze(1)
      .unsqueeze(1);
}

}  // namespace

void checkTrainable(const T5Config& config) {
  const bool trainable = config.activation == Activation::Gelu || config.activation == Activation::GeluTanh ||
                         (config.activation == Activation::Relu && !config.gated_ffn);
  if (!trainable) {
    throw InputError("training supports ReLU, GELU and gated-GELU feed-forwards, not " +
                     std::string(config.gated_ffn ? "gated-" : "") + activationName(config.activation));
  }
}

torch::Tensor trainingEncode(const T5Weights& w, const torch::Tensor& input_ids, const torch::Tensor& attention_mask) {
  const auto& c = w.config;
  const int64_t n = input_ids.size(1);
  auto x = torch::embedding(w.shared, input_ids);
  const auto bias = positionBias(w.encoder_rel_bias, n, n, 0, /*bidirectional=*/true, c).unsqueeze(0) +
                    keyPaddingBias(attention_mask, x.options());
  for (const auto& layer : w.encoder) {
    const auto h = rmsNorm(x, layer.attn_norm, c.layer_norm_epsilon);
    x = x + attention(h, h, layer.attn, bias, c.num_heads);
    x = x + feedForward(rmsNorm(x, layer.ff_norm, c.layer_norm_epsilon), layer.ff, c);
  }
  return rmsNorm(x, w.encoder_final_norm, c.layer_norm_epsilon);
}

torch::Tensor trainingDecode(const T5Weights& w, const torch::Tensor& encoder_states,
                             const torch::Tensor& attention_mask, const torch::Tensor& decoder_input_ids) {
  const auto& c = w.config;
  const int64_t t = decoder_input_ids.size(1);
  auto x = torch::embedding(w.shared, decoder_input_ids);
  const auto future = torch::ones({t, t}, torch::TensorOptions().dtype(torch::kBool).device(x.device())).triu(1);
  const auto self_bias =
      positionBias(w.decoder_rel_bias, t, t, 0, /*bidirectional=*/false, c).masked_fill(future, kMaskedLogit);
  const auto cross_bias = keyPaddingBias(attention_mask, x.options());
  for (const auto& layer : w.decoder) {
    const auto h = rmsNorm(x, layer.self_norm, c.layer_norm_epsilon);
    x = x + attention(h, h, layer.self_attn, self_bias, c.num_heads);
    x = x + attention(rmsNorm(x, layer.cross_norm, c.layer_norm_epsilon), encoder_states, layer.cross_attn,
                      cross_bias, c.num_heads);
    x = x + feedForward(rmsNorm(x, layer.ff_norm, c.layer_norm_epsilon), layer.ff, c);
  }
  x = rmsNorm(x, w.decoder_final_norm, c.layer_norm_epsilon);
  if (c.tie_word_embeddings) x = x * std::pow(static_cast<double>(c.d_model), -0.5);
  return project(x, w.lm_head);
}

torch::Tensor trainingLogits(const T5Weights& w, const TrainingBatch& batch) {
  const auto states = trainingEncode(w, batch.input_ids, batch.attention_mask);
  return trainingDecode(w, states, batch.attention_mask, batch.decoder_input_ids);
}

torch::Tensor trainingLoss(const T5Weights& w, const TrainingBatch& batch) {
  const auto logits = trainingLogits(w, batch);
  namespace F = torch::nn::functional;
  return F::cross_entropy(logits.reshape({-1, logits.size(-1)}), batch.labels.reshape({-1}),
                          F::CrossEntropyFuncOptions().ignore_index(kIgnoredLabel));
}

}  // namespace frontseat
