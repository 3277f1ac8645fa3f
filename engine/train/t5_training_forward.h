// The T5 forward for training (teacher forcing) over a padded batch, written
// with out-of-place ops only so autograd can differentiate it. The inference
// path (t5_model.h) is faster but reuses buffers and softmaxes in place; this
// one builds the whole (B, heads, S, S) attention instead. Same semantics: the
// tests check that both give the same logits, so trained weights behave at
// inference as they did in training.
// Internal to training (includes LibTorch).
#pragma once

#include <torch/torch.h>

#include <vector>

#include "engine/model/t5_model.h"
#include "engine/train/batching.h"

namespace frontseat {

// InputError when the config's feed-forward cannot be differentiated: the
// engine's feedForward activates in place, which autograd accepts for ReLU,
// GELU and gated GELU, but not for SiLU or gated ReLU.
void checkTrainable(const T5Config& config);

// T5's dropout, at `rate`, on the embeddings and on every sub-layer's output
// before its residual add, in the forwards below on this thread while the guard
// lives: the trainer's steps hold one. Probes, diagnoses and the tests that
// compare with inference run without, so they read the model as inference does.
class TrainingDropout {
 public:
  explicit TrainingDropout(double rate);
  ~TrainingDropout();
  TrainingDropout(const TrainingDropout&) = delete;
  TrainingDropout& operator=(const TrainingDropout&) = delete;

 private:
  double previous_;
};

// x with the current TrainingDropout applied (x itself when there is none).
torch::Tensor trainingDropout(const torch::Tensor& x);

// One encoder layer (pre-norm attention and feed-forward, residuals) on x
// (B, n, d_model); `bias` broadcasts to (B, heads, n, n) and carries position
// bias, masks and any scale correction. `probs`, when given, receives the
// attention probabilities (B, heads, n, n).
torch::Tensor trainingEncoderLayer(const T5EncoderLayer& layer, const T5Config& config, const torch::Tensor& x,
                                   const torch::Tensor& bias, torch::Tensor* probs = nullptr);

// Where a caller wants each encoder layer's self-attention probabilities
// (none by default): layer i's go to (*out)[i].
struct EncoderProbsRequest {
  std::vector<torch::Tensor>* out = nullptr;
};

// `key_boost` below, when defined, is (B, S) float: added to every logit on
// that input key, in every attention over the input. +log k on a key weighs it
// as k copies of it would be: training's simulated length (LossOptions::dilution).

// Encoder layers [first, last) on embedded inputs x (B, S, d_model), each
// attending only within consecutive segments of `segment` tokens (VCC's local
// layers; segment >= S: full attention). Padded keys are masked. With full
// attention, the requested probabilities are (B, heads, S, S).
torch::Tensor trainingEncodeLayers(const T5Weights& weights, torch::Tensor x, const torch::Tensor& attention_mask,
                                   int first, int last, int64_t segment, const EncoderProbsRequest& probs = {},
                                   const torch::Tensor& key_boost = {});

// Encoder states (B, S, d_model) for input ids (B, S); attention_mask (B, S)
// is true for real tokens. Padded keys are masked out; padded rows are computed
// but meaningless.
torch::Tensor trainingEncode(const T5Weights& weights, const torch::Tensor& input_ids,
                             const torch::Tensor& attention_mask, const EncoderProbsRequest& probs = {},
                             const torch::Tensor& key_boost = {});

// Teacher-forced decoder logits (B, T, vocab) for decoder input ids (B, T),
// attending to the encoder states of trainingEncode with the same mask. When
// `cross_probs` is given it receives the first and the last decoder layer's
// cross-attention probabilities, each (B, heads, T, S).
struct CrossAttentionProbs {
  torch::Tensor first, last;
};
torch::Tensor trainingDecode(const T5Weights& weights, const torch::Tensor& encoder_states,
                             const torch::Tensor& attention_mask, const torch::Tensor& decoder_input_ids,
                             CrossAttentionProbs* cross_probs = nullptr, const torch::Tensor& key_boost = {});

// Logits (B, T, vocab) of the whole model for a batch.
torch::Tensor trainingLogits(const T5Weights& weights, const TrainingBatch& batch);

// Mean token cross-entropy over the batch's real target positions (a scalar).
torch::Tensor trainingLoss(const T5Weights& weights, const TrainingBatch& batch);

}  // namespace frontseat
