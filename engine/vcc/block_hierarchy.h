// The document side of VCC: tokens grouped into blocks, blocks into parent
// blocks (fanout per level), with the "difference cache" that lets any block be
// rebuilt exactly from its parent. Only the top level holds absolute states;
// every lower item (block or token) stores parent mean - item. So moving a
// coarse block's mean moves all its tokens at no cost, and a block refined in a
// layer is re-coarsened afterwards (its mean recomputed, its children's
// differences refreshed). Internal to the engine (includes LibTorch).
//
// Levels: 0 = tokens, 1 = blocks of block_size tokens, l = blocks of
// block_size * fanout^(l-1) tokens, up to block_levels (the top).
#pragma once

#include <torch/torch.h>

#include <vector>

namespace frontseat {

class BlockHierarchy {
 public:
  // tokens (m, d) in document order with their positions (m, int64). The token
  // list is padded to whole top-level blocks; padding has count 0 everywhere.
  BlockHierarchy(const torch::Tensor& tokens, const torch::Tensor& positions, int64_t block_size, int64_t fanout,
                 int64_t block_levels);

  int64_t blockLevels() const { return block_levels_; }
  int64_t tokenCount() const { return tokens_; }
  int64_t paddedTokenCount() const { return padded_; }
  // Items at a level (level 0: padded tokens) and the tokens one item spans.
  int64_t items(int64_t level) const { return padded_ / span(level); }
  int64_t span(int64_t level) const { return spans_[level]; }
  // Valid tokens under each item (float), and its position: a token's own, a
  // block's rounded mean over its valid tokens (0 when it has none).
  const torch::Tensor& counts(int64_t level) const { return counts_[level]; }
  const torch::Tensor& positions(int64_t level) const { return positions_[level]; }

  const torch::Tensor& topStates() const { return top_; }
  void setTopStates(const torch::Tensor& states) { top_ = states; }

  // Ids at level-1 of the children of `ids` at `level` (level >= 1), in order.
  torch::Tensor children(int64_t level, const torch::Tensor& ids) const;
  // Their states, rebuilt from the parents' states: parent - difference.
  torch::Tensor childStates(int64_t level, const torch::Tensor& ids, const torch::Tensor& states) const;
  // The items `ids` at `level` whose children have new states (in children()
  // order): recomputes the items' means (weighted by valid tokens), refreshes
  // the children's differences, and returns the new means.
  torch::Tensor recoarsen(int64_t level, const torch::Tensor& ids, const torch::Tensor& child_states);

  // Every valid token's state, rebuilt top-down: (m, d).
  torch::Tensor rebuildTokens() const;

 private:
  int64_t tokens_, padded_, block_levels_;
  std::vector<int64_t> spans_;            // per level
  std::vector<torch::Tensor> counts_;     // per level
  std::vector<torch::Tensor> positions_;  // per level
  std::vector<torch::Tensor> diff_;       // diff_[l]: parent mean - item, for items at level l < top
  torch::Tensor top_;                     // absolute states of the top level
};

}  // namespace frontseat
