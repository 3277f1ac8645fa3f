// T5 forward passes; semantics follow transformers' modeling_t5.py exactly
// (see DESIGN.md §3): RMS norm in fp32, no 1/sqrt(d_kv) scaling, relative
// position bias from layer 0 reused by every layer of a stack, none in
// cross-attention, decoder output scaled by d_model^-0.5 when embeddings are tied.
#include "engine/model/t5_model.h"

#include "engine/model/t5_attention.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace frontseat {

namespace {


// In place: x is always a fresh product, so no second buffer is needed.
torch::Tensor activateInPlace(torch::Tensor x, Activation act) {
  switch (act) {
    case Activation::Relu: return x.relu_();
    case Activation::Gelu: return at::gelu_(x);
    case Activation::GeluTanh: return at::gelu_(x, "tanh");
    case Activation::Silu: return x.sigmoid().mul_(x);
  }
  return x;
}

// The FFN's activated hidden layer, before wo.
torch::Tensor feedForwardHidden(const torch::Tensor& x, const T5FeedForward& ff, const T5Config& config) {
  if (config.gated_ffn) return activateInPlace(project(x, ff.wi_0), config.activation).mul_(project(x, ff.wi_1));
  return activateInPlace(project(x, ff.wi), config.activation);
}

// Softmax in fp32 as transformers does, returned in the compute dtype.
torch::Tensor softmaxFloat(const torch::Tensor& scores) {
  if (scores.scalar_type() == torch::kFloat32) return torch::softmax(scores, -1);
  return torch::softmax(scores, -1, torch::kFloat32).to(scores.scalar_type());
}


}  // namespace

torch::Tensor project(const torch::Tensor& x, const torch::Tensor& weight) {
  return torch::matmul(x, weight.t());
}

torch::Tensor splitHeads(const torch::Tensor& x, int64_t heads) {
  const int64_t n = x.size(0);
  return x.view({n, heads, -1}).transpose(0, 1).contiguous();
}

torch::Tensor rmsNorm(const torch::Tensor& x, const torch::Tensor& weight, double eps) {
  auto xf = x.to(torch::kFloat32);
  auto variance = xf.pow(2).mean(-1, /*keepdim=*/true);
  xf = xf * torch::rsqrt(variance + eps);
  if (weight.scalar_type() == torch::kHalf || weight.scalar_type() == torch::kBFloat16) {
    xf = xf.to(weight.scalar_type());
  }
  return weight * xf;
}

torch::Tensor relativePositionBucket(const torch::Tensor& relative_position, bool bidirectional,
                                     int64_t num_buckets, int64_t max_distance) {
  auto rel = relative_position.to(torch::kLong);
  auto buckets = torch::zeros_like(rel);
  if (bidirectional) {
    num_buckets /= 2;
    buckets = buckets + (rel > 0).to(torch::kLong) * num_buckets;
    rel = rel.abs();
  } else {
    rel = -torch::min(rel, torch::zeros_like(rel));
  }
  const int64_t max_exact = num_buckets / 2;
  const auto is_small = rel < max_exact;
  // Same float32 arithmetic as transformers; clamp(1) only avoids log(0) in
  // entries that torch::where discards anyway.
  auto large = torch::log(rel.clamp_min(1).to(torch::kFloat32) / static_cast<double>(max_exact)) /
               std::log(static_cast<double>(max_distance) / static_cast<double>(max_exact)) *
               static_cast<double>(num_buckets - max_exact);
  auto if_large = large.to(torch::kLong) + max_exact;
  if_large = torch::min(if_large, torch::full_like(if_large, num_buckets - 1));
  return buckets + torch::where(is_small, rel, if_large);
}

torch::Tensor positionBias(const torch::Tensor& table, int64_t q_len, int64_t k_len,
                           int64_t q_offset, bool bidirectional, const T5Config& config) {
  auto opts = torch::TensorOptions().dtype(torch::kLong).device(table.device());
  auto context = torch::arange(q_offset, q_offset + q_len, opts).unsqueeze(1);
  auto memory = torch::arange(0, k_len, opts).unsqueeze(0);
  auto buckets = relativePositionBucket(memory - context, bidirectional,
                                        config.relative_attention_num_buckets,
                                        config.relative_attention_max_distance);
  return torch::embedding(table, buckets).permute({2, 0, 1});  // (heads, q, k)
}

torch::Tensor relativeBiasVector(const torch::Tensor& table, int64_t n, bool bidirectional,
                                 const T5Config& config) {
  auto opts = torch::TensorOptions().dtype(torch::kLong).device(table.device());
  auto offsets = torch::arange(-(n - 1), n, opts);
  auto buckets = relativePositionBucket(offsets, bidirectional,
                                        config.relative_attention_num_buckets,
                                        config.relative_attention_max_distance);
  return table.index_select(0, buckets).t().contiguous();  // (heads, 2n-1)
}

int64_t bucketSaturation(const T5Config& config) {
  const int64_t limit = 4 * config.relative_attention_max_distance + 2;
  auto distances = torch::arange(0, limit, torch::kLong);
  int64_t saturation = 0;
  for (int sign : {1, -1}) {
    auto buckets = relativePositionBucket(distances * sign, /*bidirectional=*/true,
                                          config.relative_attention_num_buckets,
                                          config.relative_attention_max_distance);
    const auto last = buckets[limit - 1].item<int64_t>();
    saturation = std::max(saturation, torch::nonzero(buckets == last)[0][0].item<int64_t>());
  }
  return saturation;
}

torch::Tensor feedForward(const torch::Tensor& x, const T5FeedForward& ff, const T5Config& config) {
  return project(feedForwardHidden(x, ff, config), ff.wo);
}

torch::Tensor addProjection(const torch::Tensor& x, const torch::Tensor& h, const torch::Tensor& weight) {
  if (x.dim() == 2) return torch::addmm(x, h, weight.t());  // the residual add rides on the product
  return x + project(h, weight);
}

namespace {

// Self-attention over consecutive segments of `segment` tokens, the segments
// folded into the batch of one set of matrix products. `bias` is the relative
// bias vector for that segment length.
torch::Tensor segmentAttention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                               int64_t heads, int64_t segment, const torch::Tensor& bias) {
  const int64_t segments = q.size(0) / segment;
  auto fold = [&](const torch::Tensor& t) {  // (segments*segment, heads*d_kv) -> (segments*heads, segment, d_kv)
    return t.view({segments, segment, heads, -1}).permute({0, 2, 1, 3}).reshape({segments * heads, segment, -1});
  };
  auto batch_bias = segments == 1 ? bias : bias.repeat({segments, 1});
  auto context = contiguousAttention(fold(q), fold(k), fold(v), batch_bias);  // (segment, segments*heads, d_kv)
  return context.view({segment, segments, -1}).transpose(0, 1).reshape({segments * segment, -1});
}

}  // namespace

// Row chunks for per-token work: large enough for efficient matrix products,
// small enough that hidden activations (rows x d_ff) stay bounded at 128K tokens.
constexpr int64_t kRowChunk = 8192;

torch::Tensor encoderFeedForwardBlock(const torch::Tensor& x, const T5EncoderLayer& layer,
                                      const T5Config& config) {
  auto block = [&](const torch::Tensor& rows) {
    auto hidden = feedForwardHidden(rmsNorm(rows, layer.ff_norm, config.layer_norm_epsilon), layer.ff, config);
    return addProjection(rows, hidden, layer.ff.wo);
  };
  const int64_t n = x.size(0);
  if (x.dim() != 2 || n <= kRowChunk) return block(x);
  auto out = torch::empty_like(x);
  for (int64_t r0 = 0; r0 < n; r0 += kRowChunk) {
    const int64_t len = std::min(kRowChunk, n - r0);
    out.narrow(0, r0, len).copy_(block(x.narrow(0, r0, len)));
  }
  return out;
}

torch::Tensor encodeLayers(const T5Weights& w, torch::Tensor x, int first, int last, int64_t segment,
                           const LayerCallback& onLayer) {
  const auto& cfg = w.config;
  const int64_t n = x.size(0);
  segment = std::min(segment, n);
  // Segments never look past their ends, so whole groups of them run one after
  // another: memory then grows with the group, not with n.
  const int64_t group = std::max<int64_t>(1, kRowChunk / segment) * segment;
  const auto segment_bias = relativeBiasVector(w.encoder_rel_bias, segment, /*bidirectional=*/true, cfg);
  const int64_t tail = n % segment;
  const auto tail_bias = tail ? relativeBiasVector(w.encoder_rel_bias, tail, true, cfg) : torch::Tensor();
  const int num_layers = static_cast<int>(w.encoder.size());
  for (int i = first; i < last; ++i) {
    if (onLayer) onLayer(i, num_layers);
    const auto& layer = w.encoder[i];
    auto out = torch::empty_like(x);
    for (int64_t g0 = 0; g0 < n; g0 += group) {
      const int64_t len = std::min(group, n - g0), body = len - len % segment, rest = len % segment;
      const auto xg = x.narrow(0, g0, len);
      auto h = rmsNorm(xg, layer.attn_norm, cfg.layer_norm_epsilon);
      auto q = project(h, layer.attn.q), k = project(h, layer.attn.k), v = project(h, layer.attn.v);
      torch::Tensor context;
      if (body) {
        context = segmentAttention(q.narrow(0, 0, body), k.narrow(0, 0, body), v.narrow(0, 0, body),
                                   cfg.num_heads, segment, segment_bias);
      }
      if (rest) {
        auto last_segment = segmentAttention(q.narrow(0, body, rest), k.narrow(0, body, rest),
                                             v.narrow(0, body, rest), cfg.num_heads, rest, tail_bias);
        context = body ? torch::cat({context, last_segment}, 0) : last_segment;
      }
      out.narrow(0, g0, len).copy_(encoderFeedForwardBlock(addProjection(xg, context, layer.attn.o), layer, cfg));
    }
    x = out;
  }
  return x;
}

torch::Tensor encodeFull(const T5Weights& w, const torch::Tensor& ids, const LayerCallback& onLayer) {
  auto x = torch::embedding(w.shared, ids.to(w.shared.device()));
  x = encodeLayers(w, x, 0, static_cast<int>(w.encoder.size()), ids.size(0), onLayer);
  return rmsNorm(x, w.encoder_final_norm, w.config.layer_norm_epsilon);
}

DecoderCache makeDecoderCache(const T5Weights& w, const torch::Tensor& encoder_states, CrossAttentionKeys keys) {
  DecoderCache cache;
  cache.encoder_states = encoder_states;
  cache.keys = keys;
  cache.self_k.resize(w.decoder.size());
  cache.self_v.resize(w.decoder.size());
  return cache;
}

namespace {

// Per state and layer, projecting K and V costs 2 * d_model * heads * d_kv
// multiply-adds once, in one large product. A query row then reads 2 * heads *
// d_kv values a state and does as many multiply-adds projected; absorbed, it
// reads the state twice (2 * d_model) and does 2 * heads * d_model, in thin
// products that run at about a quarter of the large one's rate per multiply-add
// (`frontseat-bench decode`, 2 CPU cores: t5-base's shape breaks even after 17-19
// rows at 16K states).
// Projection pays once the absorbed rows' extra would match it, the rent-or-buy
// rule: an answer of a few tokens never projects, a long output does so early.
// Where an absorbed row reads at most half as much memory (the bundled model's
// shape), its extra multiply-adds cost nothing measurable (a step takes as long
// either way at 128K states), so projecting never pays.
bool projectionPays(const T5Config& cfg, const DecoderCache& cache, int64_t rows) {
  switch (cache.keys) {
    case CrossAttentionKeys::Projected: return true;
    case CrossAttentionKeys::Absorbed: return false;
    case CrossAttentionKeys::WhenTheyPay: break;
  }
  if (cfg.d_model <= cfg.d_kv || 2 * cfg.d_model <= cfg.num_heads * cfg.d_kv) return false;
  constexpr int64_t kThinProductSlowdown = 4;
  return (cache.absorbed_rows + rows) * (cfg.d_model - cfg.d_kv) * kThinProductSlowdown >= cfg.d_model * cfg.d_kv;
}

void projectCrossAttention(const T5Weights& w, DecoderCache& cache) {
  const int64_t heads = w.config.num_heads;
  for (const auto& layer : w.decoder) {
    cache.cross_k.push_back(splitHeads(project(cache.encoder_states, layer.cross_attn.k), heads));
    cache.cross_v.push_back(splitHeads(project(cache.encoder_states, layer.cross_attn.v), heads));
  }
}

// Cross-attention context (heads, rows, d_kv) for queries q (heads, rows, d_kv).
torch::Tensor crossAttention(const T5Attention& attn, const DecoderCache& cache, size_t layer, const torch::Tensor& q) {
  if (!cache.cross_k.empty()) {
    return torch::bmm(softmaxFloat(torch::bmm(q, cache.cross_k[layer].transpose(1, 2))), cache.cross_v[layer]);
  }
  const auto& x = cache.encoder_states;
  const int64_t heads = q.size(0), d_kv = q.size(2), d_model = x.size(1);
  auto wk = attn.k.reshape({heads, d_kv, d_model}), wv = attn.v.reshape({heads, d_kv, d_model});
  auto probs = softmaxFloat(torch::matmul(torch::bmm(q, wk), x.t()));  // (heads, rows, n)
  return torch::bmm(torch::matmul(probs, x), wv.transpose(1, 2));
}

}  // namespace

torch::Tensor decodeStep(const T5Weights& w, DecoderCache& cache, const torch::Tensor& ids) {
  const auto& cfg = w.config;
  const int64_t heads = cfg.num_heads, batch = ids.size(0), steps = ids.size(1);
  const int64_t past = cache.length, total = past + steps;
  if (cache.cross_k.empty()) {
    if (projectionPays(cfg, cache, batch * steps)) {
      projectCrossAttention(w, cache);
    } else {
      cache.absorbed_rows += batch * steps;
    }
  }
  auto x = torch::embedding(w.shared, ids.to(w.shared.device()));  // (batch, steps, d)

  // Self-attention bias for positions past.., causal buckets; mask future keys
  // when several positions are fed at once.
  auto self_bias = positionBias(w.decoder_rel_bias, steps, total, past, /*bidirectional=*/false, cfg);
  if (steps > 1) {
    auto opts = torch::TensorOptions().dtype(torch::kLong).device(x.device());
    auto q_pos = torch::arange(past, total, opts).unsqueeze(1);
    auto k_pos = torch::arange(0, total, opts).unsqueeze(0);
    self_bias = self_bias.masked_fill(k_pos > q_pos, -std::numeric_limits<float>::infinity());
  }
  self_bias = self_bias.unsqueeze(0);  // broadcast over the batch

  for (size_t i = 0; i < w.decoder.size(); ++i) {
    const auto& layer = w.decoder[i];
    // Causal self-attention with the cache: (batch, heads, steps, d_kv).
    auto h = rmsNorm(x, layer.self_norm, cfg.layer_norm_epsilon);
    auto split = [&](const torch::Tensor& t) { return t.view({batch, steps, heads, -1}).transpose(1, 2); };
    auto q = split(project(h, layer.self_attn.q));
    auto k = split(project(h, layer.self_attn.k));
    auto v = split(project(h, layer.self_attn.v));
    if (cache.self_k[i].defined()) {
      k = torch::cat({cache.self_k[i], k}, 2);
      v = torch::cat({cache.self_v[i], v}, 2);
    }
    cache.self_k[i] = k;
    cache.self_v[i] = v;
    auto probs = softmaxFloat(torch::matmul(q, k.transpose(2, 3)) + self_bias);
    auto ctx = torch::matmul(probs, v).transpose(1, 2).reshape({batch, steps, -1});
    x = x + project(ctx, layer.self_attn.o);

    // Cross-attention: all beams' queries share the encoder's states, so fold the
    // batch into the query rows instead of copying them per beam. No bias.
    h = rmsNorm(x, layer.cross_norm, cfg.layer_norm_epsilon);
    auto cq = project(h, layer.cross_attn.q).view({batch * steps, heads, -1}).transpose(0, 1);
    auto cctx = crossAttention(layer.cross_attn, cache, i, cq).transpose(0, 1).reshape({batch, steps, -1});
    x = x + project(cctx, layer.cross_attn.o);

    x = x + feedForward(rmsNorm(x, layer.ff_norm, cfg.layer_norm_epsilon), layer.ff, cfg);
  }
  cache.length = total;
  x = rmsNorm(x, w.decoder_final_norm, cfg.layer_norm_epsilon);
  if (cfg.scalesDecoderOutputs()) x = x * std::pow(static_cast<double>(cfg.d_model), -0.5);
  return project(x, w.lm_head).to(torch::kFloat32);
}

void reorderDecoderCache(DecoderCache& cache, const torch::Tensor& beam_indices) {
  for (size_t i = 0; i < cache.self_k.size(); ++i) {
    if (!cache.self_k[i].defined()) continue;
    auto idx = beam_indices.to(cache.self_k[i].device());
    cache.self_k[i] = cache.self_k[i].index_select(0, idx);
    cache.self_v[i] = cache.self_v[i].index_select(0, idx);
  }
}

torch::Tensor decodeFull(const T5Weights& w, const torch::Tensor& encoder_states, const torch::Tensor& ids) {
  auto cache = makeDecoderCache(w, encoder_states);
  return decodeStep(w, cache, ids);
}

}  // namespace frontseat
