#include "app/train/held_out_probe.h"

#include "app/train/factbook_batches.h"
#include "engine/data/factbook_tasks.h"
#include "engine/model/t5_generate.h"
#include "engine/text/answer_match.h"

namespace frontseat::train {

HeldOutProbe::HeldOutProbe(const std::vector<CountryFacts>& countries, const Tokenizer& tokenizer, int count,
                           size_t document_bytes, uint64_t seed)
    : tokenizer_(tokenizer) {
  TaskOptions options;
  options.seed = seed;
  options.pool = countriesInSplit(countries, /*held_out=*/true);
  options.fillers = options.pool;
  options.target_bytes = document_bytes;
  FactbookTasks tasks(options);
  for (int i = 0; i < count; ++i) examples_.push_back(tasks.makeQuestion());
}

std::map<std::string, double> HeldOutProbe::operator()(const T5Weights& weights) const {
  torch::InferenceMode guard;
  double exact = 0, f1 = 0;
  for (const auto& example : examples_) {
    const auto tokens = tokenizeExample(tokenizer_, example, 1 << 20);
    const auto states = encodeFull(weights, torch::tensor(tokens.input_ids, torch::kLong));
    GenerationOptions generation;
    generation.max_new_tokens = 24;
    auto ids = generate(weights, states, generation).ids;
    if (!ids.empty() && ids.back() == tokenizer_.eosId()) ids.pop_back();
    const auto answer = tokenizer_.decode(ids);
    exact += exactMatch(answer, example.target) ? 1 : 0;
    f1 += tokenF1(answer, example.target);
  }
  const double n = static_cast<double>(std::max<size_t>(1, examples_.size()));
  return {{"heldout_exact_match", exact / n}, {"heldout_f1", f1 / n}};
}

}  // namespace frontseat::train
