#include "engine/curriculum/reading_diagnosis.h"

#include <algorithm>
#include <string>

#include "engine/core/errors.h"
#include "engine/curriculum/example_tokenizer.h"
#include "engine/data/factbook_tasks.h"
#include "engine/model/t5_generate.h"
#include "engine/text/answer_match.h"
#include "engine/train/batching.h"
#include "engine/train/t5_training_forward.h"
#include "engine/train/training_loss.h"

namespace frontseat::train {

namespace {

// Mean over the rows marked in `rows` (S) of `probs`' (S, S) mass on the keys
// marked in `keys` (S) or (S, S); 0 when no row is marked.
double meanMass(const torch::Tensor& probs, const torch::Tensor& keys, const torch::Tensor& rows) {
  if (!rows.any().item<bool>()) return 0;
  return (probs * keys.to(probs.scalar_type())).sum(-1).masked_select(rows).mean().item<double>();
}

// The input positions [first, end) of the sections holding a mention of the asked country.
std::pair<int64_t, int64_t> targetPart(const TrainingExample& t) {
  int64_t first = static_cast<int64_t>(t.input_ids.size()), end = 0;
  for (const auto& section : t.sections) {
    const bool asked = std::any_of(t.country_mention_positions.begin(), t.country_mention_positions.end(),
                                   [&](int32_t p) { return p >= section.first && p < section.end; });
    if (asked) first = std::min<int64_t>(first, section.first), end = std::max<int64_t>(end, section.end);
  }
  return {first, end};
}

}  // namespace

ReadingDiagnosis diagnoseReading(const T5Weights& weights, const Tokenizer& tokenizer,
                                 const std::vector<const CountryFacts*>& pool, int questions, size_t countries,
                                 uint64_t seed) {
  if (countries < 2) throw InputError("The reading diagnosis needs excerpts of at least 2 countries");
  if (pool.size() < countries) {
    throw InputError("The reading diagnosis of excerpts of " + std::to_string(countries) + " countries needs " +
                     std::to_string(countries) + " countries to draw from; it has " + std::to_string(pool.size()));
  }
  if (static_cast<int>(weights.encoder.size()) <= kCountryCarryLayer) {
    throw InputError("The reading diagnosis needs a model with at least " + std::to_string(kCountryCarryLayer + 1) +
                     " encoder layers");
  }
  TaskOptions options;
  options.seed = seed;
  options.pool = pool;
  options.fillers = pool;
  options.excerpt_lines = 3;
  options.excerpt_countries = countries;
  FactbookTasks tasks(options);

  torch::NoGradGuard no_grad;
  ReadingDiagnosis d;
  d.countries = static_cast<int>(countries);
  for (int i = 0; i < questions; ++i) {
    const auto example = tasks.makeQuestion();
    const auto tokens = tokenizeExample(tokenizer, example, 1 << 20);
    if (tokens.country_mention_positions.empty()) continue;  // the question does not name the country as the document does
    const auto batch = makeTrainingBatch({tokens}, weights.config);
    std::vector<torch::Tensor> probs;
    const auto states = trainingEncode(weights, batch.input_ids, batch.attention_mask, {&probs});
    const auto asked = batch.question_country[0];
    const auto link = probs[kCountryLinkLayer][0][0];
    d.link_asked += meanMass(link, asked, batch.country_mentions[0]);
    if (batch.other_country_mentions.defined()) d.link_others += meanMass(link, asked, batch.other_country_mentions[0]);
    if (batch.section_id.defined()) {
      const auto id = batch.section_id[0], header = batch.section_header[0];
      const auto own_header = id.unsqueeze(1).eq(id.unsqueeze(0)).logical_and(header.unsqueeze(0));
      d.carry += meanMass(probs[kCountryCarryLayer][0][0], own_header, id.ge(0).logical_and(header.logical_not()));
    }
    CrossAttentionProbs cross;
    trainingDecode(weights, states, batch.attention_mask, batch.decoder_input_ids, &cross);
    const auto query = cross.first[0][0][0];  // head 0, first answer token: (S)
    d.query_country += (query * asked.to(query.scalar_type())).sum().item<double>();
    const auto pick = cross.last[0].mean(0)[0];
    const auto [first, end] = targetPart(tokens);
    if (first < end) {
      d.answer_on_target += pick.narrow(0, first, end - first).sum().item<double>();
      const int64_t most = pick.argmax().item<int64_t>();
      d.answer_argmax_on_target += most >= first && most < end ? 1 : 0;
    }
    GenerationOptions generation;
    generation.max_new_tokens = 24;
    auto ids = generate(weights, states[0], generation).ids;
    if (!ids.empty() && ids.back() == tokenizer.eosId()) ids.pop_back();
    const auto answer = tokenizer.decode(ids);
    const bool right = exactMatch(answer, example.target);
    d.exact_match += right ? 1 : 0;
    d.wrong_from_document += !right && !answer.empty() && example.document.find(answer) != std::string::npos ? 1 : 0;
    ++d.questions;
  }
  if (d.questions > 0) {
    const double n = d.questions;
    for (double* mean : {&d.exact_match, &d.wrong_from_document, &d.link_asked, &d.link_others, &d.carry,
                         &d.query_country, &d.answer_on_target, &d.answer_argmax_on_target}) {
      *mean /= n;
    }
  }
  return d;
}

}  // namespace frontseat::train
