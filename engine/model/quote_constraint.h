// Answers that quote the document: a decoding rule that keeps every output a
// stretch of the document's own tokens, from a word's start to a word's end. A
// small model's wrong answers are often broken copies ("Mountgo" for "Mount
// Kenya"); quoted, an answer is always text the user can find in the document.
// Internal to the engine (includes LibTorch).
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include <torch/torch.h>

namespace frontseat {

class QuoteConstraint {
 public:
  // `source`: the document's token ids; `edges`: wordEdges() of its tokens (one
  // more than `source`), or empty where any token boundary may start or end a
  // quote; `eos`: the token that ends an output.
  QuoteConstraint(std::vector<int32_t> source, std::vector<bool> edges, int64_t eos);

  // Rules out (-inf in `logp`, one row over the vocabulary) every token after
  // which the output so far (`ids`, without the decoder start token) would no
  // longer be the start of a quote: the first token is one that starts a word in
  // the source, and EOS may follow where the output ends on a word's end.
  void restrict(torch::Tensor logp, const std::vector<int32_t>& ids) const;

  // The tokens `restrict` leaves allowed after `ids`, ascending.
  std::vector<int64_t> allowedAfter(const std::vector<int32_t>& ids) const;

  // Where `ids` (an EOS at the end aside) stand in the source as a whole quote,
  // from a word's start to a word's end: the index of each first token, ascending.
  std::vector<size_t> placesOf(std::vector<int32_t> ids) const;

 private:
  bool edgeAt(size_t position) const { return edges_.empty() || edges_[position]; }
  // Where `ids` stand in the source from a word's start, ascending (empty for no ids).
  std::vector<size_t> startsOf(const std::vector<int32_t>& ids) const;

  std::vector<int32_t> source_;
  std::vector<bool> edges_;
  int64_t eos_;
  std::unordered_map<int32_t, std::vector<size_t>> starts_;  // where each token starts a word in the source
  std::vector<int64_t> first_tokens_;                        // the tokens that do, ascending
};

}  // namespace frontseat
