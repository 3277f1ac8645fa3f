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
// When `probs_out` is given it receives the (B, heads, queries, keys) probabilities.
torch::Tensor attention(const torch::Tensor& x, const torch::Tensor& memory, const T5Attention& a,
                        const torch::Tensor& bias, int64_t heads, torch::Tensor* probs_out = nullptr) {
  auto q = splitBatchHeads(project(x, a.q), heads);
  auto k = splitBatchHeads(project(memory, a.k), heads);
  auto v = splitBatchHeads(project(memory, a.v), heads);
  auto probs = torch::softmax(torch::matmul(q, k.transpose(2, 3)) + bias, -1);
  if (probs_out) *probs_out = probs;
  auto context = torch::matmul(probs, v).transpose(1, 2).reshape({x.size(0), x.size(1), -1});
  return project(context, a.o);
}

// (B, S) true for real tokens -> additive (B, 1, 1, S) bias masking padded
// keys and adding key_boost (when defined) on the others.
torch::Tensor keyBias(const torch::Tensor& attention_mask, const torch::Tensor& key_boost,
                      const torch::TensorOptions& options) {
  const auto base = key_boost.defined() ? key_boost.to(options) : torch::zeros(attention_mask.sizes(), options);
  return base.masked_fill(attention_mask.logical_not(), kMaskedLogit).unsqueeze(1).unsqueeze(1);
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

thread_local double dropout_rate = 0;

TrainingDropout::TrainingDropout(double rate) : previous_(dropout_rate) { dropout_rate = rate; }

TrainingDropout::~TrainingDropout() { dropout_rate = previous_; }

torch::Tensor trainingDropout(const torch::Tensor& x) {
  return dropout_rate > 0 ? torch::dropout(x, dropout_rate, /*train=*/true) : x;
}

torch::Tensor trainingEncoderLayer(const T5EncoderLayer& layer, const T5Config& c, const torch::Tensor& x,
                                   const torch::Tensor& bias, torch::Tensor* probs) {
  const auto h = rmsNorm(x, layer.attn_norm, c.layer_norm_epsilon);
  const auto y = x + trainingDropout(attention(h, h, layer.attn, bias, c.num_heads, probs));
  return y + trainingDropout(feedForward(rmsNorm(y, layer.ff_norm, c.layer_norm_epsilon), layer.ff, c));
}

torch::Tensor trainingEncodeLayers(const T5Weights& w, torch::Tensor x, const torch::Tensor& attention_mask, int first,
                                   int last, int64_t segment, const EncoderProbsRequest& probs,
                                   const torch::Tensor& key_boost) {
  if (first >= last) return x;
  const int64_t batch = x.size(0), n = x.size(1), d = x.size(2);
  const int64_t seg = std::max<int64_t>(1, std::min(segment, n));
  const int64_t padded = (n + seg - 1) / seg * seg;
  auto mask = attention_mask;
  auto boost = key_boost;
  if (padded > n) {
    x = torch::cat({x, torch::zeros({batch, padded - n, d}, x.options())}, 1);
    mask = torch::cat({mask, torch::zeros({batch, padded - n}, mask.options())}, 1);
    if (boost.defined()) boost = torch::cat({boost, torch::zeros({batch, padded - n}, boost.options())}, 1);
  }
  // Segments become rows of the batch: relative positions are all a layer sees.
  x = x.reshape({batch * (padded / seg), seg, d});
  const auto bias = positionBias(w.encoder_rel_bias, seg, seg, 0, /*bidirectional=*/true, w.config).unsqueeze(0) +
                    keyBias(mask.reshape({-1, seg}), boost.defined() ? boost.reshape({-1, seg}) : boost, x.options());
  if (probs.out) probs.out->resize(w.encoder.size());
  for (int i = first; i < last; ++i) {
    x = trainingEncoderLayer(w.encoder[i], w.config, x, bias, probs.out ? &(*probs.out)[i] : nullptr);
  }
  return x.reshape({batch, padded, d}).narrow(1, 0, n);
}

torch::Tensor trainingEncode(const T5Weights& w, const torch::Tensor& input_ids, const torch::Tensor& attention_mask,
                             const EncoderProbsRequest& probs, const torch::Tensor& key_boost) {
  const auto x = trainingDropout(torch::embedding(w.shared, input_ids));
  const int layers = static_cast<int>(w.encoder.size());
  return rmsNorm(trainingEncodeLayers(w, x, attention_mask, 0, layers, input_ids.size(1), probs, key_boost),
                 w.encoder_final_norm, w.config.layer_norm_epsilon);
}

torch::Tensor trainingDecode(const T5Weights& w, const torch::Tensor& encoder_states,
                             const torch::Tensor& attention_mask, const torch::Tensor& decoder_input_ids,
                             CrossAttentionProbs* cross_probs, const torch::Tensor& key_boost) {
  const auto& c = w.config;
  const int64_t t = decoder_input_ids.size(1);
  auto x = trainingDropout(torch::embedding(w.shared, decoder_input_ids));
  const auto future = torch::ones({t, t}, torch::TensorOptions().dtype(torch::kBool).device(x.device())).triu(1);
  const auto self_bias =
      positionBias(w.decoder_rel_bias, t, t, 0, /*bidirectional=*/false, c).masked_fill(future, kMaskedLogit);
  const auto cross_bias = keyBias(attention_mask, key_boost, x.options());
  for (size_t i = 0; i < w.decoder.size(); ++i) {
    const auto& layer = w.decoder[i];
    const auto h = rmsNorm(x, layer.self_norm, c.layer_norm_epsilon);
    x = x + trainingDropout(attention(h, h, layer.self_attn, self_bias, c.num_heads));
    torch::Tensor probs;
    x = x + trainingDropout(attention(rmsNorm(x, layer.cross_norm, c.layer_norm_epsilon), encoder_states,
                                      layer.cross_attn, cross_bias, c.num_heads, cross_probs ? &probs : nullptr));
    if (cross_probs && i == 0) cross_probs->first = probs;
    if (cross_probs && i + 1 == w.decoder.size()) cross_probs->last = probs;
    x = x + trainingDropout(feedForward(rmsNorm(x, layer.ff_norm, c.layer_norm_epsilon), layer.ff, c));
  }
  x = rmsNorm(x, w.decoder_final_norm, c.layer_norm_epsilon);
  if (c.scalesDecoderOutputs()) x = x * std::pow(static_cast<double>(c.d_model), -0.5);
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
