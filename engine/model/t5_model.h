// The T5 encoder-decoder on LibTorch, functional style: plain weight tensors and
// free functions, so the VCC encoder and the trainer can reuse every piece.
// Internal to the engine: this header includes LibTorch and must not reach the UI.
#pragma once

#include <torch/torch.h>

#include <functional>
#include <vector>

#include "engine/model/t5_config.h"

namespace frontseat {

class SafetensorsCheckpoint;

struct T5Attention {
  torch::Tensor q, k, v, o;  // nn.Linear weights, shape (out, in), no bias
};

struct T5FeedForward {
  torch::Tensor wi;          // ReLU/GELU FFN (T5 v1.0)
  torch::Tensor wi_0, wi_1;  // gated FFN (T5 v1.1, Flan-T5)
  torch::Tensor wo;
};

struct T5EncoderLayer {
  torch::Tensor attn_norm;
  T5Attention attn;
  torch::Tensor ff_norm;
  T5FeedForward ff;
};

struct T5DecoderLayer {
  torch::Tensor self_norm;
  T5Attention self_attn;
  torch::Tensor cross_norm;
  T5Attention cross_attn;
  torch::Tensor ff_norm;
  T5FeedForward ff;
};

struct T5Weights {
  T5Config config;
  torch::Tensor shared;           // (vocab, d_model)
  torch::Tensor encoder_rel_bias; // (buckets, heads), layer 0 of the encoder
  torch::Tensor decoder_rel_bias; // (buckets, heads), layer 0 of the decoder
  std::vector<T5EncoderLayer> encoder;
  torch::Tensor encoder_final_norm;
  std::vector<T5DecoderLayer> decoder;
  torch::Tensor decoder_final_norm;
  torch::Tensor lm_head;          // (vocab, d_model); the same tensor as `shared` when tied
  std::shared_ptr<const void> storage;  // keeps memory-mapped weight files alive

  // Every tensor with its Hugging Face name (tied copies once), for saving and checks.
  std::vector<std::pair<std::string, torch::Tensor>> named() const;
};

// Visits every weight slot with its Hugging Face name and the shape config.json
// implies; the one list of names that loading, saving and random init share.
// A tied lm_head is not visited (it is `shared`).
using WeightVisitor =
    std::function<void(const std::string& name, torch::Tensor& slot, const std::vector<int64_t>& shape)>;
void forEachWeight(T5Weights& weights, const WeightVisitor& visit);

// Reads the weights named as transformers writes them. Tied copies may be absent:
// `shared.weight` alone suffices, and the head is `lm_head.weight` when the
// checkpoint has one, else the shared table (transformers 5's rule). fp32 tensors
// on the CPU alias the mapped file, which the returned weights keep open.
T5Weights loadT5Weights(const T5Config& config, std::shared_ptr<const SafetensorsCheckpoint> checkpoint,
                        torch::Device device, torch::ScalarType dtype);

// Random weights with transformers' initialisation scales, for tests and benchmarks.
T5Weights randomT5Weights(const T5Config& config, uint64_t seed,
                          torch::Device device = torch::kCPU,
                          torch::ScalarType dtype = torch::kFloat32);

// Writes `config.json` and `model.safetensors` in the Hugging Face layout, each
// tensor in its own dtype when that is fp32, bf16 or fp16 (else as fp32).
void saveT5Weights(const T5Weights& weights, const std::filesystem::path& dir);

// --- Building blocks (exposed for tests and for the VCC encoder) ----------

// T5 RMS norm: no mean subtraction, no bias, computed in fp32.
torch::Tensor rmsNorm(const torch::Tensor& x, const torch::Tensor& weight, double eps);

// transformers' _relative_position_bucket, elementwise on (key - query) offsets.
torch::Tensor relativePositionBucket(const torch::Tensor& relative_position, bool bidirectional,
                                     int64_t num_buckets, int64_t max_distance);

// Position bias (heads, q_len, k_len) for queries at q_offset.. and keys at 0..k_len.
torch::Tensor positionBias(const torch::Tensor& rel_bias_table, int64_t q_len, int64_t k_len,
                           int64_t q_offset, bool bidirectional, const T5Config& config);

torch::Tensor feedForward(const torch::Tensor& x, const T5FeedForward& ff, const T5Config& config);

// x @ weight^T for an nn.Linear weight (out, in) without bias.
torch::Tensor project(const torch::Tensor& x, const torch::Tensor& weight);

// x + h @ weight^T, fused into one product for 2-D x (residual connections).
torch::Tensor addProjection(const torch::Tensor& x, const torch::Tensor& h, const torch::Tensor& weight);

// (n, heads*d_kv) -> (heads, n, d_kv), contiguous.
torch::Tensor splitHeads(const torch::Tensor& x, int64_t heads);

// Checked between layers; throwing from it (CancelledError) stops the run.
using LayerCallback = std::function<void(int layer, int num_layers)>;

// Full-attention encoder over one sequence: ids (n) -> hidden states (n, d_model).
// Attention is computed in query chunks with the bias read from a per-head
// relative-offset vector, so no (heads, n, n) bias tensor is ever built.
torch::Tensor encodeFull(const T5Weights& w, const torch::Tensor& ids,
                         const LayerCallback& onLayer = nullptr);

// Runs encoder layers [first, last) on x (n, d_model), attention restricted to
// consecutive segments of `segment` tokens (segment >= n: full attention).
// Positions are absolute, so segment boundaries are the only difference.
torch::Tensor encodeLayers(const T5Weights& w, torch::Tensor x, int first, int last, int64_t segment,
                           const LayerCallback& onLayer = nullptr);

// The second half of an encoder layer: x + FFN(norm(x)).
torch::Tensor encoderFeedForwardBlock(const torch::Tensor& x, const T5EncoderLayer& layer,
                                      const T5Config& config);

// Per-head bias for every offset -(n-1)..(n-1): (heads, 2n-1); entry j is offset j-(n-1).
torch::Tensor relativeBiasVector(const torch::Tensor& rel_bias_table, int64_t n, bool bidirectional,
                                 const T5Config& config);

// The smallest distance from which every larger offset, in both directions, falls
// in the same bucket as it (buckets are monotone in the distance and capped).
int64_t bucketSaturation(const T5Config& config);

// How the decoder's cross-attention reads the encoder states. Projected: every
// layer's keys and values are computed for every state once, as transformers
// does. Absorbed: each query is taken into the states' own space instead
// (q.K^T = (q.Wk).X^T and p.V = (p.X).Wv^T), so nothing the size of the
// document is computed or kept per layer, at more work per decoded token.
// WhenTheyPay: absorbed until the extra work spent would have paid for the
// projection, then projected; an answer of a few tokens on a long document
// then skips a projection that costs more than the whole decoding.
enum class CrossAttentionKeys { WhenTheyPay, Projected, Absorbed };

// Decoder state: the encoder output with, once projected, its cross-attention
// K/V, and self-attention K/V cached per step. Rows of the batch are beams
// sharing one encoder output.
struct DecoderCache {
  torch::Tensor encoder_states;                 // (n, d_model)
  CrossAttentionKeys keys = CrossAttentionKeys::WhenTheyPay;
  int64_t absorbed_rows = 0;                    // query rows answered without the projection
  std::vector<torch::Tensor> cross_k, cross_v;  // per layer (heads, n, d_kv); empty until projected
  std::vector<torch::Tensor> self_k, self_v;    // per layer (batch, heads, t, d_kv)
  int64_t length = 0;                           // decoded positions so far
};

DecoderCache makeDecoderCache(const T5Weights& w, const torch::Tensor& encoder_states,
                              CrossAttentionKeys keys = CrossAttentionKeys::WhenTheyPay);

// Feeds `ids` (batch, steps) after the cached positions; returns logits
// (batch, steps, vocab) in fp32 and extends the cache.
torch::Tensor decodeStep(const T5Weights& w, DecoderCache& cache, const torch::Tensor& ids);

// Reorders the cached beams (after a beam-search step).
void reorderDecoderCache(DecoderCache& cache, const torch::Tensor& beam_indices);

// Teacher-forced decoder without a cache: ids (batch, t) -> logits (batch, t, vocab).
torch::Tensor decodeFull(const T5Weights& w, const torch::Tensor& encoder_states,
                         const torch::Tensor& ids);

}  // namespace frontseat
