#include "engine/model/t5_attention.h"

#include <algorithm>

namespace frontseat {

namespace {

// Query rows per chunk: large chunks make large matrix products (the fast part),
// while the scores buffer (batch, rows, keys) stays near 48M floats.
int64_t chunkRows(int64_t batch, int64_t queries, int64_t keys) {
  const int64_t budget = int64_t{48} << 20;
  const int64_t rows = std::max<int64_t>(64, budget / std::max<int64_t>(1, batch * keys));
  return std::min(rows, queries);
}

// softmax(scores) @ v for one chunk, in the preallocated buffers; the softmax
// runs in place (for bf16 the kernel accumulates in fp32, like transformers).
void softmaxTimesValues(torch::Tensor& scores, const torch::Tensor& v, torch::Tensor& context) {
  at::_softmax_out(scores, scores, -1, /*half_to_float=*/false);
  at::bmm_out(context, scores, v);
}

}  // namespace

torch::Tensor contiguousAttention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                                  const torch::Tensor& bias_vector) {
  // bias_vector.unfold gives windows[b][w][j] = vec[b][w + j], the bias row of
  // query n-1-w. Processing queries in reverse order makes every chunk's bias a
  // strided view of the vector: no copy, no gather.
  const int64_t batch = q.size(0), n = q.size(1), d_kv = q.size(2);
  const auto windows = bias_vector.unfold(1, n, 1);  // (batch, n, n) view
  const auto q_rev = q.flip(1);
  const auto k_t = k.transpose(1, 2);
  auto out_rev = torch::empty({n, batch, d_kv}, q.options());
  const int64_t rows = chunkRows(batch, n, n);
  auto scores_buffer = torch::empty({batch, rows, n}, q.options());
  auto context_buffer = torch::empty({batch, rows, d_kv}, q.options());
  for (int64_t r0 = 0; r0 < n; r0 += rows) {
    const int64_t len = std::min(rows, n - r0);
    auto scores = len == rows ? scores_buffer : torch::empty({batch, len, n}, q.options());
    auto context = len == rows ? context_buffer : torch::empty({batch, len, d_kv}, q.options());
    at::baddbmm_out(scores, windows.narrow(1, r0, len), q_rev.narrow(1, r0, len), k_t);
    softmaxTimesValues(scores, v, context);
    out_rev.narrow(0, r0, len).copy_(context.transpose(0, 1));
  }
  return out_rev.flip(0);
}

torch::Tensor gatherBias(const RelativeBiasVector& bias, const torch::Tensor& q_positions,
                         const torch::Tensor& k_positions) {
  auto index = k_positions.unsqueeze(0) - q_positions.unsqueeze(1) + (bias.span - 1);  // (q, k)
  const int64_t heads = bias.vector.size(0);
  return bias.vector.index_select(1, index.reshape(-1)).view({heads, q_positions.size(0), k_positions.size(0)});
}

torch::Tensor sortedKeyBias(const RelativeBiasVector& bias, const torch::Tensor& q_positions,
                            const torch::Tensor& sorted_k_positions, const torch::Tensor& key_bias) {
  const int64_t heads = bias.vector.size(0), rows = q_positions.size(0), keys = sorted_k_positions.size(0);
  const int64_t width = 2 * bias.span - 1, center = bias.span - 1;
  const int64_t reach = bias.saturation;
  auto vec = bias.vector.contiguous();
  auto qp = q_positions.contiguous(), kp = sorted_k_positions.contiguous(), kb = key_bias.to(torch::kFloat32).contiguous();
  auto out = torch::empty({heads, rows, keys}, vec.options());
  const float* v = vec.data_ptr<float>();
  const int64_t* q = qp.data_ptr<int64_t>();
  const int64_t* k = kp.data_ptr<int64_t>();
  const float* add = kb.data_ptr<float>();
  float* o = out.data_ptr<float>();
  at::parallel_for(0, heads * rows, 16, [&](int64_t first, int64_t last) {
    for (int64_t item = first; item < last; ++item) {
      const int64_t h = item / rows, i = item % rows;
      const float* row = v + h * width + center - q[i];  // row[p]: bias of a key at position p
      float* dst = o + item * keys;
      // Keys before lo are at offset <= -reach, keys from hi on at offset >= reach.
      const int64_t lo = std::lower_bound(k, k + keys, q[i] - reach + 1) - k;
      const int64_t hi = std::lower_bound(k, k + keys, q[i] + reach) - k;
      const float far_before = lo > 0 ? row[k[0]] : 0.0f, far_after = hi < keys ? row[k[keys - 1]] : 0.0f;
      for (int64_t j = 0; j < lo; ++j) dst[j] = far_before + add[j];
      for (int64_t j = lo; j < hi; ++j) dst[j] = row[k[j]] + add[j];
      for (int64_t j = hi; j < keys; ++j) dst[j] = far_after + add[j];
    }
  });
  return out;
}

torch::Tensor positionedAttention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                                  const torch::Tensor& positions, const RelativeBiasVector& bias,
                                  const torch::Tensor& key_bias) {
  const int64_t heads = q.size(0), r = q.size(1), d_kv = q.size(2);
  // Keys in position order (attention does not care about key order) let the
  // CPU kernel fill each bias row with two constant runs and one short gather.
  const bool fast = q.device().is_cpu() && q.scalar_type() == torch::kFloat32 && bias.saturation > 0;
  const auto sorted = torch::sort(positions);
  const auto key_positions = fast ? std::get<0>(sorted) : positions;
  const auto order = std::get<1>(sorted);
  const auto k_t = (fast ? k.index_select(1, order) : k).transpose(1, 2);
  const auto values = fast ? v.index_select(1, order) : v;
  const auto key_extra = fast ? key_bias.index_select(0, order) : key_bias;
  const auto key_row = key_bias.to(q.scalar_type()).view({1, 1, r});
  auto out = torch::empty({r, heads, d_kv}, q.options());
  const int64_t rows = chunkRows(heads, r, r);
  auto context_buffer = torch::empty({heads, rows, d_kv}, q.options());
  for (int64_t r0 = 0; r0 < r; r0 += rows) {
    const int64_t len = std::min(rows, r - r0);
    const auto q_positions = positions.narrow(0, r0, len);
    auto scores = fast ? sortedKeyBias(bias, q_positions, key_positions, key_extra)
                       : gatherBias(bias, q_positions, positions).add_(key_row);  // (heads, len, r)
    scores.baddbmm_(q.narrow(1, r0, len), k_t);
    auto context = len == rows ? context_buffer : torch::empty({heads, len, d_kv}, q.options());
    softmaxTimesValues(scores, values, context);
    out.narrow(0, r0, len).copy_(context.transpose(0, 1));
  }
  return out;
}

}  // namespace frontseat
