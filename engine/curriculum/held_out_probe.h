// A quick look at how training goes: greedy answers to a fixed set of held-out
// questions, scored by exact match and token F1. Runs inside the training loop,
// so it stays small. Documents of one profile read with full attention show
// whether the model reads; long ones read with VCC (the engine's default
// settings) show whether it finds the profile among many, as users will run it;
// excerpts of several countries whether it answers for the one asked.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/data/factbook.h"
#include "engine/data/text_example.h"
#include "engine/model/t5_model.h"
#include "engine/text/tokenizer.h"

namespace frontseat::train {

class HeldOutProbe {
 public:
  // `count` questions about held-out countries, documents of about
  // `document_bytes` (or, with excerpt_countries > 0, excerpts of that many
  // countries, 3 lines each, which shows whether it tells the country asked
  // from the others); metrics are named "<name>_exact_match" and "<name>_f1".
  HeldOutProbe(const std::vector<CountryFacts>& countries, const Tokenizer& tokenizer, int count,
               size_t document_bytes, uint64_t seed, bool vcc, std::string name, size_t excerpt_countries = 0);
  std::map<std::string, double> operator()(const T5Weights& weights) const;

 private:
  std::vector<TextExample> examples_;
  const Tokenizer& tokenizer_;
  bool vcc_;
  std::string name_;
};

}  // namespace frontseat::train
