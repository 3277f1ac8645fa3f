// One tokenized training example: the encoder input with its VIP mask (the
// question and prompt tokens, which VCC keeps at full resolution) and the
// decoder target. Made from a TextExample by tokenizing it with the model's
// prompt template.
#pragma once

#include <cstdint>
#include <vector>

namespace frontseat {

struct TrainingExample {
  std::vector<int32_t> input_ids;   // encoder input, EOS last
  std::vector<uint8_t> vip;         // 1 for VIP tokens, one per input id
  std::vector<int32_t> target_ids;  // decoder target, EOS last (no decoder start token)
  // Empty, or one entry per target id: the input positions holding the token
  // that target id copies (empty where it copies nothing). The trainer's
  // alignment loss teaches cross-attention to look there while writing it.
  std::vector<std::vector<int32_t>> alignment;
  // The question's input positions (empty for a summary): the alignment loss
  // also teaches the first decoder layer to read the question there, so the
  // last one knows what to look for.
  std::vector<int32_t> question_positions;
  // The input positions where the question names its country, and those where
  // the evidence does (both empty, or neither): the country-link loss teaches
  // one encoder head to attend from each mention to the question's.
  std::vector<int32_t> question_country_positions;
  std::vector<int32_t> country_mention_positions;
  // The input positions where the other countries' parts name their own
  // country (only with the two above): that head learns to look away from the
  // question there, so looking at it tells "this is the country asked".
  std::vector<int32_t> other_country_mention_positions;
  // The document's sections (blank-line separated, each opened by a line that
  // names its country: a profile's title or section header, an excerpt's
  // title) as input positions: the header is [first, body), the rest [body,
  // end). The country-link loss teaches a second head to look from a section's
  // tokens at its header, which tells whose values they are.
  struct Section {
    int32_t first = 0, body = 0, end = 0;
  };
  std::vector<Section> sections;
  // The input positions [evidence_first, evidence_end) of the document's part
  // about the country asked about (its profile, or its excerpt); empty when the
  // example names none. The rest of the document is what a longer document has
  // more of: training can weigh it as if it were longer (LossOptions::dilution).
  int32_t evidence_first = 0, evidence_end = 0;
};

}  // namespace frontseat
