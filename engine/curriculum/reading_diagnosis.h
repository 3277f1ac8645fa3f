// Where a model's reading of a question goes wrong, link by link, on held-out
// excerpts of several countries: the chain the country-link loss teaches
// (training_loss.h). A model that answers for the wrong country shows here
// which link is missing: the encoder's name match, the carry to the values,
// the decoder reading the question's country, or the decoder's pick.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/data/factbook.h"
#include "engine/model/t5_model.h"
#include "engine/text/tokenizer.h"

namespace frontseat::train {

// Means over the questions; masses are attention probabilities in [0, 1].
struct ReadingDiagnosis {
  int questions = 0;
  int countries = 0;  // per excerpt document (1 / countries: a blind pick's share)
  double exact_match = 0;
  double wrong_from_document = 0;  // wrong answers that stand in the document (another country's value)
  // Encoder layer kCountryLinkLayer, head 0: mass on the question's naming of
  // its country, from the asked country's mentions and from the others'.
  double link_asked = 0, link_others = 0;
  double carry = 0;  // layer kCountryCarryLayer, head 0: a section's tokens' mass on its header
  double query_country = 0;  // first decoder layer, head 0, first answer token: mass on the question's country
  double answer_on_target = 0;  // last decoder layer (all heads), first answer token: mass on the asked country's part
  double answer_argmax_on_target = 0;  // share of questions whose most attended input token is in that part
};

// `questions` questions about countries of `pool` (the held-out ones, for a
// trained model), each over excerpts of `countries` of them (3 lines each),
// read with full attention. InputError for fewer than 2 countries, a pool
// smaller than that, or a model with fewer than 3 encoder layers.
ReadingDiagnosis diagnoseReading(const T5Weights& weights, const Tokenizer& tokenizer,
                                 const std::vector<const CountryFacts*>& pool, int questions, size_t countries,
                                 uint64_t seed);

}  // namespace frontseat::train
