// Encoder self-attention kernels with T5's relative position bias, shared by the
// full encoder, the local (segment) layers and the VCC layers. They never build
// a (heads, n, n) bias tensor, and work in query chunks so memory stays O(n).
// Internal to the engine (includes LibTorch).
#pragma once

#include <torch/torch.h>

namespace frontseat {

// T5's bias for every relative offset in a sequence span of `span` positions:
// vector (heads, 2*span-1), offset o = key - query at index o + span - 1.
// T5's buckets saturate: every offset at or beyond +-saturation (the config's
// relative_attention_max_distance) has the bias of +-saturation.
struct RelativeBiasVector {
  torch::Tensor vector;
  int64_t span = 0;
  int64_t saturation = 0;
};

// Contiguous positions 0..n-1 (n <= span). q, k, v: (batch, n, d_kv), where
// batch folds sequences and heads; bias: (batch, 2n-1) for exactly n = span.
// Returns (n, batch, d_kv).
torch::Tensor contiguousAttention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                                  const torch::Tensor& bias_vector);

// Tokens at arbitrary positions (VCC's mix of fine tokens, block means and VIP
// tokens). q, k, v: (heads, r, d_kv); positions (r) int64 in [0, span);
// key_bias (r) is added to every query's logit for that key (scale correction,
// masking). Returns (r, heads, d_kv).
torch::Tensor positionedAttention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                                  const torch::Tensor& positions, const RelativeBiasVector& bias,
                                  const torch::Tensor& key_bias);

// The bias rows (heads, q_rows, keys) for queries at q_positions against keys at
// k_positions, gathered from the vector: the reference, for any device and dtype.
torch::Tensor gatherBias(const RelativeBiasVector& bias, const torch::Tensor& q_positions,
                         const torch::Tensor& k_positions);

// The same rows plus key_bias (keys), for keys sorted by position, on the CPU in
// fp32: each row is a gather only within +-saturation of its query and two
// constant fills elsewhere, which is several times faster than a full gather.
torch::Tensor sortedKeyBias(const RelativeBiasVector& bias, const torch::Tensor& q_positions,
                            const torch::Tensor& sorted_k_positions, const torch::Tensor& key_bias);

}  // namespace frontseat
