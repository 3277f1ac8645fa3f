#include "engine/curriculum/selection_diagnosis.h"

#include <random>

#include "engine/core/errors.h"
#include "engine/curriculum/example_tokenizer.h"
#include "engine/data/factbook_tasks.h"
#include "engine/train/batching.h"
#include "engine/train/vcc_training_forward.h"

namespace frontseat::train {

SelectionDiagnosis diagnoseSelection(const T5Weights& weights, const Tokenizer& tokenizer,
                                     const std::vector<const CountryFacts*>& pool, int questions,
                                     size_t document_bytes, VccTrainingOptions vcc, uint64_t seed) {
  if (pool.empty()) throw InputError("The selection diagnosis needs countries to ask about");
  if (document_bytes < 1) throw InputError("The selection diagnosis needs documents of at least 1 byte");
  vcc.explore_rate = 0;  // the selector's own choice
  checkVccTrainingOptions(vcc, weights.config);
  TaskOptions options;
  options.seed = seed;
  options.pool = pool;
  options.fillers = pool;
  options.target_bytes = document_bytes;
  FactbookTasks tasks(options);

  torch::NoGradGuard no_grad;
  std::mt19937_64 rng(seed);
  SelectionDiagnosis d;
  for (int i = 0; i < questions; ++i) {
    const auto tokens = tokenizeExample(tokenizer, tasks.makeQuestion(), 1 << 20);
    if (tokens.alignment.empty()) continue;  // the answer is not in the document as the target writes it
    const auto batch = makeTrainingBatch({tokens}, weights.config);
    const auto encoded = trainingEncodeVcc(weights, batch, vcc, rng);
    if (encoded.evidence_mass.empty()) continue;  // nothing to compress
    d.evidence_mass.resize(encoded.evidence_mass.size(), 0.0);
    d.evidence_refined.resize(encoded.evidence_refined.size(), 0.0);
    for (size_t layer = 0; layer < encoded.evidence_mass.size(); ++layer) {
      d.evidence_mass[layer] += encoded.evidence_mass[layer][0].item<double>();
      d.evidence_refined[layer] += encoded.evidence_refined[layer][0].item<double>();
    }
    d.evidence_share += encoded.evidence_share[0].item<double>();
    d.input_tokens += static_cast<double>(tokens.input_ids.size());
    ++d.questions;
  }
  if (d.questions > 0) {
    const double n = d.questions;
    d.input_tokens /= n, d.evidence_share /= n;
    for (auto& x : d.evidence_mass) x /= n;
    for (auto& x : d.evidence_refined) x /= n;
  }
  return d;
}

}  // namespace frontseat::train
