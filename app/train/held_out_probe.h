// A quick look at how training goes: greedy answers to a fixed set of short
// held-out questions (full attention), scored by exact match and token F1, plus
// the loss on them. Runs inside the training loop, so it stays small.
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
  // `count` questions about held-out countries, documents of about `document_bytes`.
  HeldOutProbe(const std::vector<CountryFacts>& countries, const Tokenizer& tokenizer, int count,
               size_t document_bytes, uint64_t seed);
  std::map<std::string, double> operator()(const T5Weights& weights) const;

 private:
  std::vector<TextExample> examples_;
  const Tokenizer& tokenizer_;
};

}  // namespace frontseat::train
