#include "engine/train/training_loss.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/core/errors.h"
#include "engine/train/t5_training_forward.h"

namespace frontseat {

namespace {

torch::Tensor tokenCrossEntropy(const torch::Tensor& logits, const TrainingBatch& batch) {
  namespace F = torch::nn::functional;
  return F::cross_entropy(logits.reshape({-1, logits.size(-1)}), batch.labels.reshape({-1}),
                          F::CrossEntropyFuncOptions().ignore_index(kIgnoredLabel));
}

// Attention below this mass on a copied token's source counts as this much:
// keeps the log finite where a row starts far from its target.
constexpr double kMinAlignedMass = 1e-6;

// The head-averaged mass (B, T) of `probs` (B, heads, T, S) on the keys marked
// in `keys` (B, T, S) or (B, 1, S).
torch::Tensor attentionMass(const torch::Tensor& probs, const torch::Tensor& keys) {
  return (probs.mean(1) * keys.to(probs.scalar_type())).sum(-1);
}

// Mean over the rows (B, T) marked in `rows` of -log(attentionMass).
torch::Tensor attentionMassLoss(const torch::Tensor& probs, const torch::Tensor& keys, const torch::Tensor& rows) {
  return -attentionMass(probs, keys).clamp_min(kMinAlignedMass).log().masked_select(rows).mean();
}

// Mean over the rows marked in `rows` of -log(1 - attentionMass): looking away.
torch::Tensor attentionAwayLoss(const torch::Tensor& probs, const torch::Tensor& keys, const torch::Tensor& rows) {
  return -(1 - attentionMass(probs, keys)).clamp_min(kMinAlignedMass).log().masked_select(rows).mean();
}

// `marks` (B, S) at the positions of a layer's attention: the input's own
// (full attention, no input_rows), or the VCC layer's, with `fill` where a
// position is no input token.
torch::Tensor atPositions(const VccLayerAttention& layer, const torch::Tensor& marks, int64_t fill) {
  if (!layer.input_rows.defined()) return marks;
  const auto spare = torch::full({marks.size(0), 1}, fill, marks.options());
  return torch::cat({marks, spare}, 1).gather(1, layer.input_rows);
}

// The sum of `terms`, undefined when there are none.
torch::Tensor sumOf(const std::vector<torch::Tensor>& terms) {
  if (terms.empty()) return {};
  auto sum = terms[0];
  for (size_t i = 1; i < terms.size(); ++i) sum = sum + terms[i];
  return sum;
}

// The country_link term of TrainingLosses from the encoder layers' attention
// (a layer without probabilities gives no term); undefined when no term has a row.
torch::Tensor countryLinkLoss(const std::vector<VccLayerAttention>& layers, const TrainingBatch& batch) {
  std::vector<torch::Tensor> terms;
  const auto head0 = [](const VccLayerAttention& layer) { return layer.probs.narrow(1, 0, 1); };
  const auto& link = layers[static_cast<size_t>(std::min(kCountryLinkLayer, static_cast<int>(layers.size()) - 1))];
  if (link.probs.defined()) {
    const auto asked = atPositions(link, batch.question_country, 0).unsqueeze(1);
    const auto mentions = atPositions(link, batch.country_mentions, 0);
    if (mentions.any().item<bool>()) terms.push_back(attentionMassLoss(head0(link), asked, mentions));
    if (batch.other_country_mentions.defined()) {
      const auto others = atPositions(link, batch.other_country_mentions, 0);
      if (others.any().item<bool>()) terms.push_back(attentionAwayLoss(head0(link), asked, others));
    }
  }
  if (static_cast<int>(layers.size()) > kCountryCarryLayer && batch.section_id.defined() &&
      layers[kCountryCarryLayer].probs.defined()) {
    // Each section's body tokens look at its header (of the same section),
    // where the layer sees both.
    const auto& carry = layers[kCountryCarryLayer];
    const auto section = atPositions(carry, batch.section_id, -1);
    const auto header = atPositions(carry, batch.section_header, 0);
    const auto same = section.unsqueeze(2).eq(section.unsqueeze(1));
    const auto keys = same.logical_and(header.unsqueeze(1));
    const auto rows = section.ge(0).logical_and(header.logical_not()).logical_and(keys.any(-1));
    if (rows.any().item<bool>()) terms.push_back(attentionMassLoss(head0(carry), keys, rows));
  }
  return sumOf(terms);
}

// LossOptions::dilution's key boost (B, S), undefined when off or nothing is a distractor.
torch::Tensor dilutionBoost(const TrainingBatch& batch, double dilution, std::mt19937_64& rng) {
  if (dilution <= 1 || !batch.distractors.defined()) return {};
  const int64_t B = batch.distractors.size(0);
  std::uniform_real_distribution<double> log_k(0.0, std::log(dilution));
  auto per_example = torch::empty({B, 1}, torch::kFloat32);
  for (int64_t b = 0; b < B; ++b) per_example[b][0] = static_cast<float>(log_k(rng));
  return batch.distractors.to(torch::kFloat32) * per_example.to(batch.distractors.device());
}

}  // namespace

TrainingLosses trainingLosses(const T5Weights& w, const TrainingBatch& batch, const LossOptions& options) {
  TrainingLosses losses;
  if ((options.vcc || options.dilution > 1) && !options.rng) {
    throw InputError("VCC and dilution in training need a random generator");
  }
  const auto boost = options.rng ? dilutionBoost(batch, options.dilution, *options.rng) : torch::Tensor();
  torch::Tensor states;
  const bool link = options.country_link_weight > 0 && batch.country_mentions.defined() &&
                    (!options.vcc || options.country_link_under_vcc);
  if (options.vcc) {
    auto encoded = trainingEncodeVcc(w, batch, *options.vcc, *options.rng, boost, link);
    states = encoded.states;
    if (options.alignment_weight > 0) losses.selector = encoded.selector_loss;
    if (link) losses.country_link = countryLinkLoss(encoded.attention, batch);
  } else {
    std::vector<torch::Tensor> probs;
    states = trainingEncode(w, batch.input_ids, batch.attention_mask, {link ? &probs : nullptr}, boost);
    if (link) {
      std::vector<VccLayerAttention> layers(probs.size());
      for (size_t i = 0; i < probs.size(); ++i) layers[i].probs = probs[i];
      losses.country_link = countryLinkLoss(layers, batch);
    }
  }
  // The decoder's half of the country link needs its first layer's probabilities.
  const bool link_query = options.country_link_weight > 0 && batch.question_country.defined() && w.decoder.size() > 1;
  const bool align = link_query ||
                     (options.alignment_weight > 0 && (batch.alignment.defined() || batch.question_mask.defined()));
  CrossAttentionProbs probs;
  const auto logits =
      trainingDecode(w, states, batch.attention_mask, batch.decoder_input_ids, align ? &probs : nullptr, boost);
  losses.tokens = tokenCrossEntropy(logits, batch);
  losses.total = losses.tokens;
  std::vector<torch::Tensor> terms;
  if (link_query) {
    // Head 0 of the first decoder layer reads the question's country at every
    // target position, so the last layer's queries carry the name to match
    // against the sections' headers (which the encoder's carry head brings to
    // their values).
    const auto asked = batch.question_country.unsqueeze(1);
    const auto rows = batch.labels.ne(kIgnoredLabel).logical_and(batch.question_country.any(-1, /*keepdim=*/true));
    const auto term = attentionMassLoss(probs.first.narrow(1, 0, 1), asked, rows);
    losses.country_link = losses.country_link.defined() ? losses.country_link + term : term;
  }
  if (options.alignment_weight > 0 && batch.alignment.defined()) {
    const auto rows = batch.alignment.any(-1);  // (B, T): target tokens that copy
    if (rows.any().item<bool>()) terms.push_back(attentionMassLoss(probs.last, batch.alignment, rows));
  }
  if (options.alignment_weight > 0 && batch.question_mask.defined() && w.decoder.size() > 1) {
    // Every real target position of an example with a question. (A one-layer
    // decoder has to find the question and the answer with the same layer.)
    const auto rows = batch.labels.ne(kIgnoredLabel).logical_and(batch.question_mask.any(-1, /*keepdim=*/true));
    terms.push_back(attentionMassLoss(probs.first, batch.question_mask.unsqueeze(1), rows));
  }
  losses.alignment = sumOf(terms);
  if (losses.alignment.defined()) losses.total = losses.total + options.alignment_weight * losses.alignment;
  if (losses.selector.defined()) losses.total = losses.total + options.alignment_weight * losses.selector;
  if (losses.country_link.defined()) losses.total = losses.total + options.country_link_weight * losses.country_link;
  return losses;
}

}  // namespace frontseat
