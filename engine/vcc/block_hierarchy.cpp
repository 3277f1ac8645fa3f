#include "engine/vcc/block_hierarchy.h"

namespace frontseat {

namespace {

// Weighted means of consecutive groups of `group` rows: (items*group, d) -> (items, d).
torch::Tensor groupMeans(const torch::Tensor& states, const torch::Tensor& weights, int64_t group) {
  const int64_t d = states.size(1);
  auto w = weights.to(states.scalar_type());
  auto sums = (states * w.unsqueeze(1)).view({-1, group, d}).sum(1);
  auto totals = w.view({-1, group}).sum(1).clamp_min(1.0);
  return sums / totals.unsqueeze(1);
}

}  // namespace

BlockHierarchy::BlockHierarchy(const torch::Tensor& tokens, const torch::Tensor& positions, int64_t block_size,
                               int64_t fanout, int64_t block_levels)
    : tokens_(tokens.size(0)), block_levels_(block_levels) {
  spans_.push_back(1);
  spans_.push_back(block_size);
  for (int64_t l = 2; l <= block_levels; ++l) spans_.push_back(spans_.back() * fanout);
  const int64_t top_span = spans_.back();
  padded_ = (tokens_ + top_span - 1) / top_span * top_span;

  const auto long_opts = torch::TensorOptions().dtype(torch::kLong).device(tokens.device());
  const auto float_opts = torch::TensorOptions().dtype(torch::kFloat32).device(tokens.device());
  const int64_t pad = padded_ - tokens_;
  auto padded_tokens = torch::cat({tokens, torch::zeros({pad, tokens.size(1)}, tokens.options())});
  auto valid = torch::cat({torch::ones({tokens_}, float_opts), torch::zeros({pad}, float_opts)});
  auto token_positions = torch::cat({positions.to(torch::kLong), torch::zeros({pad}, long_opts)});
  counts_.push_back(valid);
  positions_.push_back(token_positions);
  auto position_sums = token_positions.to(torch::kFloat64) * valid.to(torch::kFloat64);
  for (int64_t l = 1; l <= block_levels; ++l) {
    const int64_t group = l == 1 ? block_size : fanout;
    counts_.push_back(counts_.back().view({-1, group}).sum(1));
    position_sums = position_sums.view({-1, group}).sum(1);
    positions_.push_back(torch::round(position_sums / counts_.back().to(torch::kFloat64).clamp_min(1)).to(torch::kLong));
  }

  // Means bottom-up; each level's difference is parent mean - item.
  torch::Tensor level_states = padded_tokens;
  for (int64_t l = 1; l <= block_levels; ++l) {
    const int64_t group = l == 1 ? block_size : fanout;
    auto means = groupMeans(level_states, counts_[l - 1], group);
    diff_.push_back(means.repeat_interleave(group, 0) - level_states);
    level_states = means;
  }
  top_ = level_states;
}

torch::Tensor BlockHierarchy::children(int64_t level, const torch::Tensor& ids) const {
  const int64_t group = span(level) / span(level - 1);
  auto offsets = torch::arange(group, ids.options());
  return (ids.unsqueeze(1) * group + offsets.unsqueeze(0)).reshape(-1);
}

torch::Tensor BlockHierarchy::childStates(int64_t level, const torch::Tensor& ids, const torch::Tensor& states) const {
  const int64_t group = span(level) / span(level - 1);
  return states.repeat_interleave(group, 0) - diff_[level - 1].index_select(0, children(level, ids));
}

torch::Tensor BlockHierarchy::recoarsen(int64_t level, const torch::Tensor& ids, const torch::Tensor& child_states) {
  const int64_t group = span(level) / span(level - 1);
  const auto child_ids = children(level, ids);
  auto means = groupMeans(child_states, counts_[level - 1].index_select(0, child_ids), group);
  diff_[level - 1].index_copy_(0, child_ids, means.repeat_interleave(group, 0) - child_states);
  return means;
}

torch::Tensor BlockHierarchy::rebuildTokens() const {
  auto states = top_;
  for (int64_t level = block_levels_; level >= 1; --level) {
    auto all = torch::arange(items(level), torch::TensorOptions().dtype(torch::kLong).device(states.device()));
    states = childStates(level, all, states);
  }
  return states.narrow(0, 0, tokens_);
}

}  // namespace frontseat
