#include "engine/train/vcc_training_forward.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/core/errors.h"
#include "engine/train/t5_training_forward.h"

namespace frontseat {

namespace {

// Masks a key without -inf, so no softmax row or gradient turns into NaN.
constexpr double kMaskedLogit = -1e9;
// Selector mass below this counts as this much (keeps the log finite).
constexpr double kMinSelectedMass = 1e-6;

}  // namespace

void checkVccTrainingOptions(const VccTrainingOptions& o, const T5Config& config) {
  auto require = [](bool ok, const std::string& what) {
    if (!ok) throw InputError("VCC training options: " + what);
  };
  require(o.num_vip >= 1 && o.block_size >= 1 && o.num_fine_blocks >= 1 && o.segment_size >= 1,
          "num_vip, block_size, num_fine_blocks and segment_size must be at least 1");
  require(o.num_local_layers >= 0 && o.num_local_layers <= config.num_layers,
          "num_local_layers must be between 0 and the encoder's " + std::to_string(config.num_layers) + " layers");
  require(o.explore_rate >= 0 && o.explore_rate <= 1, "explore_rate must be between 0 and 1");
}

namespace {

// Position bias (B, heads, q, k) for queries and keys at absolute positions (B, q)
// and (B, k). A constant here: the table learns in the local layers (and in
// full-attention training), because its gradient over every (query, key) pair
// of every example would cost more than the rest of a VCC layer's backward.
torch::Tensor positionBiasAt(const T5Weights& w, const torch::Tensor& query_positions,
                             const torch::Tensor& key_positions) {
  const auto buckets = relativePositionBucket(key_positions.unsqueeze(1) - query_positions.unsqueeze(2),
                                              /*bidirectional=*/true, w.config.relative_attention_num_buckets,
                                              w.config.relative_attention_max_distance);
  return torch::embedding(w.encoder_rel_bias.detach(), buckets).permute({0, 3, 1, 2});
}

// (B, n, d) rows picked by index (B, k) -> (B, k, d); differentiable in `x`.
torch::Tensor gatherRows(const torch::Tensor& x, const torch::Tensor& index) {
  return x.gather(1, index.unsqueeze(-1).expand({index.size(0), index.size(1), x.size(2)}));
}

// The batch's VCC bookkeeping, built once on the CPU and then moved to the
// batch's device: which rows of each example sit in front (VIP, as
// encodeVcc's splitVip), which form its document (in order, padded to whole
// blocks), and its evidence blocks. Padding entries point at row 0 and are masked.
struct Layout {
  int64_t V = 0, Q = 0, NB = 0, P = 0;  // VIP rows, query rows, blocks, padded document rows
  torch::Tensor vip_index, vip_valid;     // (B, V) long, bool
  torch::Tensor query_rows, query_valid;  // (B, Q) rows of the VIP set that are queries
  torch::Tensor doc_index, doc_valid;     // (B, P) long, float 1/0
  std::vector<int64_t> blocks;            // real blocks per example
  torch::Tensor evidence;                 // (B, NB) float 1 on evidence blocks
  std::vector<bool> has_evidence;
};

Layout makeLayout(const TrainingBatch& batch, const VccTrainingOptions& o) {
  const int64_t B = batch.input_ids.size(0), bs = o.block_size;
  const auto lengths = batch.attention_mask.sum(1).cpu().contiguous();
  const auto vip_marks = batch.vip.cpu().contiguous();
  const auto evidence_marks =
      batch.alignment.defined() ? batch.alignment.any(1).cpu().contiguous() : torch::Tensor();
  std::vector<std::vector<int64_t>> vips(B), docs(B), evidence_rows(B);
  std::vector<int64_t> queries(B);
  Layout l;
  for (int64_t b = 0; b < B; ++b) {
    const int64_t n = lengths[b].item<int64_t>();
    const auto* marks = vip_marks[b].data_ptr<bool>();
    std::vector<int64_t> rest;
    for (int64_t i = 0; i < n; ++i) (marks[i] ? vips[b] : rest).push_back(i);
    const auto count = static_cast<int64_t>(vips[b].size());
    const int64_t v = std::min(n, std::max(o.num_vip, count));
    vips[b].insert(vips[b].end(), rest.begin(), rest.begin() + (v - count));
    docs[b].assign(rest.begin() + (v - count), rest.end());
    queries[b] = count > 0 ? count : v;
    l.V = std::max(l.V, v);
    l.Q = std::max(l.Q, queries[b]);
    l.blocks.push_back((static_cast<int64_t>(docs[b].size()) + bs - 1) / bs);
    l.NB = std::max(l.NB, l.blocks.back());
    if (evidence_marks.defined()) {
      std::vector<int64_t> row_of(static_cast<size_t>(n), -1);
      for (size_t j = 0; j < docs[b].size(); ++j) row_of[static_cast<size_t>(docs[b][j])] = static_cast<int64_t>(j);
      const auto* e = evidence_marks[b].data_ptr<bool>();
      for (int64_t i = 0; i < n; ++i) {
        if (e[i] && row_of[static_cast<size_t>(i)] >= 0) evidence_rows[b].push_back(row_of[static_cast<size_t>(i)]);
      }
    }
  }
  l.NB = std::max<int64_t>(l.NB, 1);
  l.P = l.NB * bs;
  l.vip_index = torch::zeros({B, l.V}, torch::kLong), l.vip_valid = torch::zeros({B, l.V}, torch::kBool);
  l.query_rows = torch::zeros({B, l.Q}, torch::kLong), l.query_valid = torch::zeros({B, l.Q}, torch::kBool);
  l.doc_index = torch::zeros({B, l.P}, torch::kLong), l.doc_valid = torch::zeros({B, l.P}, torch::kFloat32);
  l.evidence = torch::zeros({B, l.NB}, torch::kFloat32);
  auto vi = l.vip_index.accessor<int64_t, 2>(), qr = l.query_rows.accessor<int64_t, 2>(),
       di = l.doc_index.accessor<int64_t, 2>();
  auto vv = l.vip_valid.accessor<bool, 2>(), qv = l.query_valid.accessor<bool, 2>();
  auto dv = l.doc_valid.accessor<float, 2>(), ev = l.evidence.accessor<float, 2>();
  for (int64_t b = 0; b < B; ++b) {
    for (size_t j = 0; j < vips[b].size(); ++j) vi[b][j] = vips[b][j], vv[b][j] = true;
    for (int64_t j = 0; j < queries[b]; ++j) qr[b][j] = j, qv[b][j] = true;
    for (size_t j = 0; j < docs[b].size(); ++j) di[b][j] = docs[b][j], dv[b][j] = 1;
    for (int64_t row : evidence_rows[b]) ev[b][row / bs] = 1;
    l.has_evidence.push_back(!evidence_rows[b].empty());
  }
  const auto device = batch.input_ids.device();
  for (torch::Tensor* t : {&l.vip_index, &l.vip_valid, &l.query_rows, &l.query_valid, &l.doc_index, &l.doc_valid,
                           &l.evidence}) {
    *t = t->to(device);
  }
  return l;
}

// The selector of encodeVcc for the whole batch: each example's VIP queries
// attend to its block means; probabilities averaged over heads and queries, (B, NB).
torch::Tensor selectorScores(const T5Weights& w, const T5EncoderLayer& layer, const torch::Tensor& queries,
                             const torch::Tensor& query_positions, const torch::Tensor& query_valid,
                             const torch::Tensor& means, const torch::Tensor& block_positions,
                             const torch::Tensor& block_mask) {
  const auto& c = w.config;
  const int64_t B = queries.size(0);
  const auto q = project(rmsNorm(queries, layer.attn_norm, c.layer_norm_epsilon), layer.attn.q)
                     .view({B, queries.size(1), c.num_heads, -1})
                     .transpose(1, 2);
  const auto k = project(rmsNorm(means, layer.attn_norm, c.layer_norm_epsilon), layer.attn.k)
                     .view({B, means.size(1), c.num_heads, -1})
                     .transpose(1, 2);
  const auto logits = torch::matmul(q, k.transpose(2, 3)) + positionBiasAt(w, query_positions, block_positions) +
                      block_mask.view({B, 1, 1, -1});
  const auto per_query = torch::softmax(logits, -1).mean(1);  // (B, Q, NB)
  const auto weights = query_valid.to(per_query.scalar_type());
  return (per_query * weights.unsqueeze(-1)).sum(1) / weights.sum(1, /*keepdim=*/true).clamp_min(1);
}

// Which blocks of each example run at full resolution, ascending: the best
// `count` by score, or random ones when exploring; an example with fewer real
// blocks takes them all and fills up with its padding blocks. (B, count).
torch::Tensor chooseBlocks(const torch::Tensor& scores, const std::vector<int64_t>& real_blocks, int64_t count,
                           const VccTrainingOptions& o, std::mt19937_64& rng) {
  const int64_t B = scores.size(0);
  auto chosen = torch::zeros({B, count}, torch::kLong);
  auto out = chosen.accessor<int64_t, 2>();
  const auto detached = scores.detach().cpu();
  for (int64_t b = 0; b < B; ++b) {
    const int64_t blocks = real_blocks[static_cast<size_t>(b)];
    std::vector<int64_t> picked;
    if (blocks <= count) {
      picked.resize(static_cast<size_t>(count));
      std::iota(picked.begin(), picked.end(), 0);
    } else if (o.explore_rate > 0 && static_cast<double>(rng() >> 11) * 0x1.0p-53 < o.explore_rate) {
      std::vector<int64_t> all(static_cast<size_t>(blocks));
      std::iota(all.begin(), all.end(), 0);
      for (size_t i = 0; i < static_cast<size_t>(count); ++i) std::swap(all[i], all[i + rng() % (all.size() - i)]);
      picked.assign(all.begin(), all.begin() + count);
    } else {
      const auto top = std::get<1>(torch::topk(detached[b].narrow(0, 0, blocks), count)).contiguous();
      picked.assign(top.data_ptr<int64_t>(), top.data_ptr<int64_t>() + count);
    }
    std::sort(picked.begin(), picked.end());
    for (int64_t j = 0; j < count; ++j) out[b][j] = picked[static_cast<size_t>(j)];
  }
  return chosen.to(scores.device());
}

// The blocks of 0..blocks-1 not in `chosen` (B, k), ascending: (B, blocks - k).
torch::Tensor otherBlocks(const torch::Tensor& chosen, int64_t blocks) {
  const int64_t B = chosen.size(0);
  auto taken = torch::zeros({B, blocks}, chosen.options().dtype(torch::kBool));
  taken.scatter_(1, chosen, true);
  return torch::nonzero(taken.logical_not()).select(1, 1).view({B, blocks - chosen.size(1)});
}

torch::Tensor maskedWhereNot(const torch::Tensor& valid) {
  return torch::where(valid, 0.0, kMaskedLogit).to(torch::kFloat32);
}

}  // namespace

VccTrainingEncoding trainingEncodeVcc(const T5Weights& w, const TrainingBatch& batch, const VccTrainingOptions& o,
                                      std::mt19937_64& rng, const torch::Tensor& key_boost, bool keep_attention) {
  checkVccTrainingOptions(o, w.config);
  const auto& c = w.config;
  const int local = static_cast<int>(o.num_local_layers);
  const int layers = static_cast<int>(w.encoder.size());
  auto x = trainingEncodeLayers(w, trainingDropout(torch::embedding(w.shared, batch.input_ids)), batch.attention_mask,
                                0, local, o.segment_size, {}, key_boost);
  const int64_t B = x.size(0), S = x.size(1), d = x.size(2), bs = o.block_size;
  const auto l = makeLayout(batch, o);
  const auto rows = torch::arange(B, x.options().dtype(torch::kLong)).unsqueeze(1);

  auto vip = gatherRows(x, l.vip_index);
  auto doc = gatherRows(x, l.doc_index) * l.doc_valid.unsqueeze(-1);
  const auto block_counts = l.doc_valid.view({B, l.NB, bs}).sum(2);
  const auto block_positions =
      torch::round((l.doc_index.to(torch::kFloat64) * l.doc_valid.to(torch::kFloat64)).view({B, l.NB, bs}).sum(2) /
                   block_counts.to(torch::kFloat64).clamp_min(1))
          .to(torch::kLong);
  const auto doc_boost = key_boost.defined() ? key_boost.to(torch::kFloat32).gather(1, l.doc_index) * l.doc_valid
                                             : torch::zeros({B, l.P}, x.options().dtype(torch::kFloat32));
  const auto vip_boost = key_boost.defined() ? key_boost.to(torch::kFloat32).gather(1, l.vip_index) * l.vip_valid
                                             : torch::zeros({B, l.V}, x.options().dtype(torch::kFloat32));
  const auto token_key_bias = maskedWhereNot(l.doc_valid > 0) + doc_boost;
  const auto vip_key_bias = maskedWhereNot(l.vip_valid) + vip_boost;
  // A coarse key stands for the tokens of its block, each as boosted: log(count)
  // without a boost; empty blocks are masked. The selector weighs a block as
  // its tokens' mean copies.
  const auto valid_blocks = block_counts > 0;
  const auto coarse_key_bias =
      torch::where(valid_blocks, torch::logsumexp((doc_boost + maskedWhereNot(l.doc_valid > 0)).view({B, l.NB, bs}), 2),
                   kMaskedLogit);
  const auto block_mask =
      torch::where(valid_blocks, coarse_key_bias - block_counts.clamp_min(1).log(), kMaskedLogit);
  const auto query_positions = l.vip_index.gather(1, l.query_rows);
  const int64_t K = std::min(o.num_fine_blocks, l.NB), C = l.NB - K;

  VccTrainingEncoding out;
  if (keep_attention) out.attention.resize(static_cast<size_t>(layers));
  if (local < layers) {
    out.evidence_share = l.evidence.sum(1) / torch::tensor(l.blocks, torch::kFloat32).to(x.device()).clamp_min(1);
  }
  std::vector<torch::Tensor> selector_terms;
  for (int i = local; i < layers; ++i) {
    const auto& layer = w.encoder[i];
    const auto means = (doc * l.doc_valid.unsqueeze(-1)).view({B, l.NB, bs, d}).sum(2) /
                       block_counts.clamp_min(1).unsqueeze(-1);
    const auto scores = selectorScores(w, layer, vip.gather(1, l.query_rows.unsqueeze(-1).expand({B, l.Q, d})),
                                       query_positions, l.query_valid, means, block_positions, block_mask);
    for (int64_t b = 0; b < B; ++b) {
      if (l.has_evidence[static_cast<size_t>(b)]) {
        selector_terms.push_back(-(scores[b] * l.evidence[b]).sum().clamp_min(kMinSelectedMass).log());
      }
    }
    const auto chosen = chooseBlocks(scores, l.blocks, K, o, rng);
    const auto coarse = otherBlocks(chosen, l.NB);
    out.evidence_mass.push_back((scores.detach() * l.evidence).sum(1));
    out.evidence_refined.push_back(l.evidence.gather(1, chosen).amax(1));

    // [fine tokens; coarse blocks; VIP], with the scale correction on coarse keys.
    const auto fine = doc.view({B, l.NB, bs, d}).index({rows, chosen}).reshape({B, K * bs, d});
    const auto coarse_states = means.index({rows, coarse});
    const auto seq = torch::cat({fine, coarse_states, vip}, 1);
    const auto fine_index = l.doc_index.view({B, l.NB, bs}).index({rows, chosen}).reshape({B, K * bs});
    const auto positions = torch::cat({fine_index, block_positions.index({rows, coarse}), l.vip_index}, 1);
    const auto key_bias = torch::cat({token_key_bias.view({B, l.NB, bs}).index({rows, chosen}).reshape({B, K * bs}),
                                      coarse_key_bias.index({rows, coarse}), vip_key_bias},
                                     1);
    const auto bias = positionBiasAt(w, positions, positions) + key_bias.view({B, 1, 1, -1});
    auto* kept = keep_attention ? &out.attention[static_cast<size_t>(i)] : nullptr;
    const auto y = trainingEncoderLayer(layer, c, seq, bias, kept ? &kept->probs : nullptr);
    if (kept) {
      const auto fine_valid = l.doc_valid.view({B, l.NB, bs}).index({rows, chosen}).reshape({B, K * bs}) > 0;
      kept->input_rows = torch::cat({torch::where(fine_valid, fine_index, S), torch::full({B, C}, S, fine_index.options()),
                                     torch::where(l.vip_valid, l.vip_index, S)},
                                    1);
    }

    // A fine block takes its new tokens; a coarse block's update moves all its tokens.
    auto delta = torch::zeros({B, l.NB, bs, d}, x.options());
    delta = delta.index_put({rows, chosen}, (y.narrow(1, 0, K * bs) - fine).view({B, K, bs, d}));
    if (C > 0) {
      delta = delta.index_put({rows, coarse},
                              (y.narrow(1, K * bs, C) - coarse_states).unsqueeze(2).expand({B, C, bs, d}));
    }
    doc = doc + delta.view({B, l.P, d});
    vip = y.narrow(1, K * bs + C, l.V);
  }

  // Back to input order; padding entries land on a spare row that is dropped.
  const auto spare = [&](const torch::Tensor& index, const torch::Tensor& valid) {
    return torch::where(valid, index, S).unsqueeze(-1).expand({B, index.size(1), d});
  };
  auto states = torch::zeros({B, S + 1, d}, x.options())
                    .scatter(1, spare(l.vip_index, l.vip_valid), vip)
                    .scatter(1, spare(l.doc_index, l.doc_valid > 0), doc)
                    .narrow(1, 0, S);
  out.states = rmsNorm(states, w.encoder_final_norm, c.layer_norm_epsilon);
  if (!selector_terms.empty()) out.selector_loss = torch::stack(selector_terms).mean();
  return out;
}

}  // namespace frontseat
