// One task instance as text: what the dataset generators produce and the
// trainer and the evaluation tokenize. Plain C++.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

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
  std::size_t evidence_end = 0;     // and the end of its part of `document`
  // Parts of the target the document holds word for word: the answer, or a
  // summary's values, each with the byte ranges of `document` it can be read
  // from (only inside the profile it is about). Training teaches the decoder
  // to look there while it writes them (attention alignment).
  struct Copy {
    std::size_t target_begin = 0, target_end = 0;                 // bytes of `target`
    std::vector<std::pair<std::size_t, std::size_t>> sources;     // [begin, end) bytes of `document`
  };
  std::vector<Copy> copies;
  // Where the question names its country (bytes of `question`) and where the
  // evidence does (bytes of `document`, only inside the profile it is about);
  // empty when the question does not name it as the document does. Training
  // links each mention to the question's (a country-matching attention head),
  // so that a model can tell the country asked about among many.
  std::pair<std::size_t, std::size_t> question_country{0, 0};
  std::vector<std::pair<std::size_t, std::size_t>> country_mentions;
  // Where the other countries' parts of the document name their own country
  // (set with question_country): training teaches the same head to look away
  // from the question there, so that looking at it means "this is the one asked".
  std::vector<std::pair<std::size_t, std::size_t>> other_country_mentions;
};

}  // namespace frontseat
