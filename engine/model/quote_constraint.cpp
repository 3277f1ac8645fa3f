#include "engine/model/quote_constraint.h"

#include <algorithm>
#include <limits>

#include "engine/core/errors.h"

namespace frontseat {

QuoteConstraint::QuoteConstraint(std::vector<int32_t> source, std::vector<bool> edges, int64_t eos)
    : source_(std::move(source)), edges_(std::move(edges)), eos_(eos) {
  if (!edges_.empty() && edges_.size() != source_.size() + 1) {
    throw InputError("a quote's word edges must number one more than its tokens");
  }
  for (size_t i = 0; i < source_.size(); ++i) {
    if (edgeAt(i)) starts_[source_[i]].push_back(i);
  }
  for (const auto& [token, at] : starts_) first_tokens_.push_back(token);
  std::sort(first_tokens_.begin(), first_tokens_.end());
}

std::vector<size_t> QuoteConstraint::startsOf(const std::vector<int32_t>& ids) const {
  std::vector<size_t> found;
  const auto starts = ids.empty() ? starts_.end() : starts_.find(ids.front());
  if (starts == starts_.end()) return found;
  for (const size_t start : starts->second) {
    if (start + ids.size() <= source_.size() && std::equal(ids.begin() + 1, ids.end(), source_.begin() + start + 1)) {
      found.push_back(start);
    }
  }
  return found;
}

std::vector<int64_t> QuoteConstraint::allowedAfter(const std::vector<int32_t>& ids) const {
  if (ids.empty()) return first_tokens_;
  std::vector<int64_t> allowed;
  for (const size_t start : startsOf(ids)) {
    const size_t end = start + ids.size();  // where the next token would stand
    if (edgeAt(end)) allowed.push_back(eos_);
    if (end < source_.size()) allowed.push_back(source_[end]);
  }
  if (allowed.empty()) allowed.push_back(eos_);  // `ids` quote nothing (not from restrict): end them
  std::sort(allowed.begin(), allowed.end());
  allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
  return allowed;
}

std::vector<size_t> QuoteConstraint::placesOf(std::vector<int32_t> ids) const {
  if (!ids.empty() && ids.back() == eos_) ids.pop_back();
  auto places = startsOf(ids);
  places.erase(std::remove_if(places.begin(), places.end(),
                              [&](size_t start) { return !edgeAt(start + ids.size()); }),
               places.end());
  return places;
}

void QuoteConstraint::restrict(torch::Tensor logp, const std::vector<int32_t>& ids) const {
  if (first_tokens_.empty()) return;  // nothing to quote: decoding is left free
  const auto allowed = torch::tensor(allowedAfter(ids), torch::kLong).to(logp.device());
  const auto kept = logp.index_select(0, allowed);
  logp.fill_(-std::numeric_limits<double>::infinity());
  logp.index_copy_(0, allowed, kept);
}

}  // namespace frontseat
