#include "engine/vcc/vcc_encoder.h"

#include <cmath>
#include <limits>

#include "engine/model/t5_attention.h"
#include "engine/vcc/block_hierarchy.h"

namespace frontseat {

namespace {

constexpr float kNegInf = -std::numeric_limits<float>::infinity();

// Which tokens sit in front at full resolution, and which are blocked.
struct VipSplit {
  torch::Tensor vip_index;   // (V) positions in the input, VIP-marked ones first
  torch::Tensor query_rows;  // rows of the VIP set that are really VIP: the selector's queries
  torch::Tensor doc_index;   // (m) the rest, in document order
};

// Stable: VIP-marked tokens in order, then the others in order; the first
// max(num_vip, #marked) form the VIP set. Like the paper's fixed num_vip, a short
// question is padded with the leading tokens (the document's opening, or a
// summary's first sentences); unlike it, marked tokens are never cut, so a long
// question or a pinned passage stays whole.
VipSplit splitVip(const torch::Tensor& vip_mask, int64_t num_vip) {
  auto mask = vip_mask.to(torch::kCPU, torch::kBool);
  auto marked = torch::nonzero(mask).flatten();
  auto rest = torch::nonzero(~mask).flatten();
  const int64_t count = marked.size(0), n = mask.size(0);
  const int64_t v = std::min(n, std::max(num_vip, count));
  VipSplit split;
  split.vip_index = torch::cat({marked, rest.narrow(0, 0, v - count)});
  split.doc_index = rest.narrow(0, v - count, rest.size(0) - (v - count));
  split.query_rows = torch::arange(count > 0 ? count : v, torch::kLong);
  return split;
}

// The selector (DESIGN.md §4 step 4): VIP queries attend, with this layer's norm,
// q/k projections and position bias, to the candidates; probabilities averaged
// over heads and queries. Empty candidates (padding) get 0.
torch::Tensor selectorScores(const T5EncoderLayer& layer, const T5Config& cfg, const torch::Tensor& queries,
                             const torch::Tensor& query_positions, const torch::Tensor& candidates,
                             const torch::Tensor& candidate_positions, const torch::Tensor& candidate_counts,
                             const RelativeBiasVector& bias) {
  auto q = splitHeads(project(rmsNorm(queries, layer.attn_norm, cfg.layer_norm_epsilon), layer.attn.q), cfg.num_heads);
  auto k = splitHeads(project(rmsNorm(candidates, layer.attn_norm, cfg.layer_norm_epsilon), layer.attn.k), cfg.num_heads);
  auto scores = gatherBias(bias, query_positions, candidate_positions);
  auto empty = torch::where(candidate_counts > 0, 0.0f, kNegInf).to(scores.scalar_type());
  scores.add_(empty.view({1, 1, -1}));
  scores.baddbmm_(q, k.transpose(1, 2));
  return torch::softmax(scores, -1, torch::kFloat32).mean(std::vector<int64_t>{0, 1});
}

// The standard encoder layer on a mixture of tokens and block means at given
// positions; key_bias carries the scale correction (+log of the tokens a key
// stands for) and masks padding.
torch::Tensor layerOnMixture(const T5EncoderLayer& layer, const T5Config& cfg, const torch::Tensor& x,
                             const torch::Tensor& positions, const torch::Tensor& key_bias,
                             const RelativeBiasVector& bias) {
  auto h = rmsNorm(x, layer.attn_norm, cfg.layer_norm_epsilon);
  auto q = splitHeads(project(h, layer.attn.q), cfg.num_heads);
  auto k = splitHeads(project(h, layer.attn.k), cfg.num_heads);
  auto v = splitHeads(project(h, layer.attn.v), cfg.num_heads);
  auto context = positionedAttention(q, k, v, positions, bias, key_bias).reshape({x.size(0), -1});
  return encoderFeedForwardBlock(addProjection(x, context, layer.attn.o), layer, cfg);
}

// One level's refinement in one layer: its candidates, which were refined
// (chosen) and which stayed coarse, and the selector's scores.
struct Round {
  int64_t level;
  torch::Tensor candidates, chosen, coarse, scores;
};

torch::Tensor complement(const torch::Tensor& chosen, int64_t size) {
  auto keep = torch::ones({size}, chosen.options().dtype(torch::kBool));
  keep.index_fill_(0, chosen, false);
  return torch::nonzero(keep).flatten();
}

// Per-token resolution and score of one VCC layer, in input order.
LayerTrace traceLayer(const std::vector<Round>& rounds, const BlockHierarchy& h, const VipSplit& split,
                      int64_t n) {
  LayerTrace layer{"vcc", std::vector<uint8_t>(n, kResolutionFine), std::vector<float>(n, 0.0f)};
  std::vector<uint8_t> doc_res(h.paddedTokenCount(), kResolutionFine);
  std::vector<float> doc_score(h.paddedTokenCount(), 0.0f);
  auto paint = [&](int64_t level, const torch::Tensor& ids, const torch::Tensor& scores, uint8_t res) {
    auto ids_cpu = ids.cpu(), scores_cpu = scores.to(torch::kCPU, torch::kFloat32);
    const auto* id = ids_cpu.data_ptr<int64_t>();
    const auto* sc = scores_cpu.data_ptr<float>();
    const int64_t span = h.span(level);
    for (int64_t i = 0; i < ids_cpu.size(0); ++i) {
      std::fill(doc_res.begin() + id[i] * span, doc_res.begin() + (id[i] + 1) * span, res);
      std::fill(doc_score.begin() + id[i] * span, doc_score.begin() + (id[i] + 1) * span, sc[i]);
    }
  };
  for (const auto& r : rounds) {
    paint(r.level, r.candidates.index_select(0, r.coarse), r.scores.index_select(0, r.coarse),
          coarseResolution(static_cast<int>(r.level)));
    if (r.level == 1) {
      paint(1, r.candidates.index_select(0, r.chosen), r.scores.index_select(0, r.chosen), kResolutionFine);
    }
  }
  const auto* doc = split.doc_index.data_ptr<int64_t>();
  for (int64_t j = 0; j < split.doc_index.size(0); ++j) {
    layer.resolution[doc[j]] = doc_res[j];
    layer.score[doc[j]] = doc_score[j];
  }
  const auto* vip = split.vip_index.data_ptr<int64_t>();
  for (int64_t j = 0; j < split.vip_index.size(0); ++j) layer.resolution[vip[j]] = kResolutionVip;
  return layer;
}

void traceDenseLayers(VccTrace* trace, const char* kind, int64_t count, int64_t n) {
  if (!trace) return;
  for (int64_t i = 0; i < count; ++i) trace->layers.push_back(denseLayerTrace(kind, n));
}

}  // namespace

std::vector<int64_t> refineQuotas(const ResolvedVcc& o) {
  std::vector<int64_t> quotas(o.levels, 0);  // index 0 unused (tokens)
  quotas[1] = o.num_fine_blocks;
  for (int64_t l = 2; l < o.levels; ++l) quotas[l] = std::max<int64_t>(1, (2 * quotas[l - 1] + o.fanout - 1) / o.fanout);
  return quotas;
}

torch::Tensor encodeVcc(const T5Weights& w, const torch::Tensor& ids, const torch::Tensor& vip,
                        const ResolvedVcc& o, VccTrace* trace, const LayerCallback& onLayer) {
  const auto& cfg = w.config;
  const auto device = w.shared.device();
  const int64_t n = ids.size(0);
  const int num_layers = static_cast<int>(w.encoder.size());
  const int local = static_cast<int>(std::min<int64_t>(o.num_local_layers, num_layers));

  auto x = torch::embedding(w.shared, ids.to(device));
  x = encodeLayers(w, x, 0, local, o.segment_size, onLayer);
  traceDenseLayers(trace, "local", local, n);

  const auto split = splitVip(vip, o.num_vip);
  if (split.doc_index.size(0) == 0) {  // nothing to compress: the rest is full attention
    x = encodeLayers(w, x, local, num_layers, n, onLayer);
    traceDenseLayers(trace, "full", num_layers - local, n);
    return rmsNorm(x, w.encoder_final_norm, cfg.layer_norm_epsilon);
  }
  const auto vip_index = split.vip_index.to(device), doc_index = split.doc_index.to(device);
  const auto query_rows = split.query_rows.to(device);
  const auto vip_positions = vip_index;
  const auto query_positions = vip_positions.index_select(0, query_rows);
  auto vip_states = x.index_select(0, vip_index);
  BlockHierarchy h(x.index_select(0, doc_index), doc_index, o.block_size, o.fanout, o.levels - 1);
  x = torch::Tensor();  // the hierarchy holds the document from here on

  const RelativeBiasVector bias{relativeBiasVector(w.encoder_rel_bias, n, /*bidirectional=*/true, cfg), n,
                                bucketSaturation(cfg)};
  const auto quotas = refineQuotas(o);
  const int64_t top = h.blockLevels();
  const auto long_opts = torch::TensorOptions().dtype(torch::kLong).device(device);

  for (int i = local; i < num_layers; ++i) {
    if (onLayer) onLayer(i, num_layers);
    const auto& layer = w.encoder[i];
    const auto queries = vip_states.index_select(0, query_rows);

    // Top-down: score the candidates, refine the best, keep the rest coarse.
    std::vector<Round> rounds;
    std::vector<torch::Tensor> parts, part_positions, part_bias;
    auto candidates = torch::arange(h.items(top), long_opts);
    auto states = h.topStates();
    for (int64_t level = top; level >= 1; --level) {
      const auto positions = h.positions(level).index_select(0, candidates);
      const auto counts = h.counts(level).index_select(0, candidates);
      auto scores = selectorScores(layer, cfg, queries, query_positions, states, positions, counts, bias);
      const int64_t c = candidates.size(0);
      Round r{level, candidates, {}, {}, scores};
      if (quotas[level] >= c) {
        r.chosen = torch::arange(c, long_opts);
      } else {
        r.chosen = std::get<0>(torch::sort(std::get<1>(torch::topk(scores, quotas[level]))));
      }
      r.coarse = complement(r.chosen, c);
      parts.push_back(states.index_select(0, r.coarse));
      part_positions.push_back(positions.index_select(0, r.coarse));
      part_bias.push_back(torch::log(counts.index_select(0, r.coarse)));  // scale correction; log 0 masks
      const auto chosen_ids = candidates.index_select(0, r.chosen);
      states = h.childStates(level, chosen_ids, states.index_select(0, r.chosen));
      candidates = h.children(level, chosen_ids);
      rounds.push_back(std::move(r));
    }
    // `states` are now the refined tokens; padding tokens are masked.
    const int64_t fine = states.size(0);
    const auto fine_counts = h.counts(0).index_select(0, candidates);
    std::vector<torch::Tensor> seq{states}, seq_positions{h.positions(0).index_select(0, candidates)},
        seq_bias{torch::where(fine_counts > 0, 0.0f, kNegInf)};
    seq.insert(seq.end(), parts.begin(), parts.end());
    seq_positions.insert(seq_positions.end(), part_positions.begin(), part_positions.end());
    seq_bias.insert(seq_bias.end(), part_bias.begin(), part_bias.end());
    seq.push_back(vip_states);
    seq_positions.push_back(vip_positions);
    seq_bias.push_back(torch::zeros({vip_states.size(0)}, seq_bias[0].options()));
    auto out = layerOnMixture(layer, cfg, torch::cat(seq), torch::cat(seq_positions), torch::cat(seq_bias), bias);

    // Bottom-up: re-coarsen refined blocks, keep coarse blocks' new means.
    int64_t offset = fine;
    std::vector<torch::Tensor> coarse_out;
    for (const auto& part : parts) {
      coarse_out.push_back(out.narrow(0, offset, part.size(0)));
      offset += part.size(0);
    }
    vip_states = out.narrow(0, offset, vip_states.size(0));
    auto children_new = out.narrow(0, 0, fine);
    for (size_t k = rounds.size(); k-- > 0;) {
      const auto& r = rounds[k];
      auto means = h.recoarsen(r.level, r.candidates.index_select(0, r.chosen), children_new);
      auto level_new = torch::empty({r.candidates.size(0), means.size(1)}, means.options());
      level_new.index_copy_(0, r.chosen, means);
      level_new.index_copy_(0, r.coarse, coarse_out[k]);
      children_new = level_new;
    }
    h.setTopStates(children_new);
    if (trace) trace->layers.push_back(traceLayer(rounds, h, split, n));
  }

  auto result = torch::empty({n, vip_states.size(1)}, vip_states.options());
  result.index_copy_(0, vip_index, vip_states);
  result.index_copy_(0, doc_index, h.rebuildTokens());
  return rmsNorm(result, w.encoder_final_norm, cfg.layer_norm_epsilon);
}

}  // namespace frontseat
