#include "engine/curriculum/held_out_probe.h"

#include "engine/curriculum/example_tokenizer.h"
#include "engine/data/factbook_tasks.h"
#include "engine/model/t5_generate.h"
#include "engine/text/answer_match.h"
#include "engine/vcc/vcc_encoder.h"

namespace frontseat::train {

HeldOutProbe::HeldOutProbe(const std::vector<CountryFacts>& countries, const Tokenizer& tokenizer, int count,
                           size_t document_bytes, uint64_t seed, bool vcc, std::string name,
                           size_t excerpt_countries)
    : tokenizer_(tokenizer), vcc_(vcc), name_(std::move(name)) {
  TaskOptions options;
  options.seed = seed;
  options.pool = countriesInSplit(countries, /*held_out=*/true);
  options.fillers = options.pool;
  options.target_bytes = document_bytes;
  if (excerpt_countries > 0) {
    options.excerpt_lines = 3;
    options.excerpt_countries = excerpt_countries;
  }
  FactbookTasks tasks(options);
  for (int i = 0; i < count; ++i) examples_.push_back(tasks.makeQuestion());
}

std::map<std::string, double> HeldOutProbe::operator()(const T5Weights& weights) const {
  torch::InferenceMode guard;
  double exact = 0, f1 = 0;
  for (const auto& example : examples_) {
    const auto tokens = tokenizeExample(tokenizer_, example, 1 << 20);
    const auto ids = torch::tensor(tokens.input_ids, torch::kLong);
    torch::Tensor states;
    if (vcc_) {
      const auto vip = torch::tensor(std::vector<int64_t>(tokens.vip.begin(), tokens.vip.end())).to(torch::kBool);
      states = encodeVcc(weights, ids, vip, resolveVcc(VccOptions{}, weights.config, ids.size(0)));
    } else {
      states = encodeFull(weights, ids);
    }
    GenerationOptions generation;
    generation.max_new_tokens = 24;
    auto answer_ids = generate(weights, states, generation).ids;
    if (!answer_ids.empty() && answer_ids.back() == tokenizer_.eosId()) answer_ids.pop_back();
    const auto answer = tokenizer_.decode(answer_ids);
    exact += exactMatch(answer, example.target) ? 1 : 0;
    f1 += tokenF1(answer, example.target);
  }
  const double n = static_cast<double>(std::max<size_t>(1, examples_.size()));
  return {{name_ + "_exact_match", exact / n}, {name_ + "_f1", f1 / n}};
}

}  // namespace frontseat::train
