// One task instance as text: what the dataset generators produce and the
// trainer and the evaluation tokenize. Plain C++.
#pragma once

#include <cstddef>
#include <string>

namespace frontseat {

struct TextExample {
  std::string task;      // "qa" or "summary"
  std::string question;  // the question (VIP tokens); empty for summaries
  std::string document;  // the long input
  std::string target;    // the answer, or the key-facts summary
  // Where the answer's evidence is, for evaluation by position.
  std::string country;     // the country the question (or summary) is about
  std::string field;       // e.g. "capital"; "summary" for summaries
  bool counterfactual = false;  // values in the document were replaced at random
  std::size_t evidence_offset = 0;  // byte offset in `document` of the target country's profile
};

}  // namespace frontseat
