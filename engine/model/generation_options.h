// Decoding settings shared by the engine API, the CLI and the UI.
#pragma once

#include <optional>

namespace frontseat {

struct GenerationOptions {
  int max_new_tokens = 64;
  int num_beams = 1;            // 1 = greedy
  double length_penalty = 1.0;  // beam score = sum of log-probs / length^length_penalty
  // > 0: no n-gram of this many tokens twice in one output (transformers'
  // no_repeat_ngram_size), which stops a weak model's loops ("capital X: capital
  // X: ..."); 0: off.
  int no_repeat_ngram_size = 0;
  // Every answer is a stretch of the document's own text (QuoteConstraint): a
  // copy the user can find in it, never a made-up or broken one. Meant for
  // questions a model answers by copying, not for summaries. Unset: as the model
  // folder says (T5Config::quote_answers), so a model that answers in its own
  // words ("yes", an explanation) is not forced to copy.
  std::optional<bool> quote_document = false;
};

// Summaries' no_repeat_ngram_size unless the user sets another: the demo model's
// summaries lose their loops, and on its held-out summaries key-fact precision
// rose from 60.6% to 62.5% at the same speed (docs/demo-model.md).
inline constexpr int kSummaryNoRepeatNgram = 3;

}  // namespace frontseat
