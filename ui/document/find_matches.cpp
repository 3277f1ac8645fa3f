#include "ui/document/find_matches.h"

#include <algorithm>

namespace frontseat::ui {

void FindMatches::search(const QString& text, const QString& needle, qsizetype from) {
  clear();
  needle_ = needle;
  if (needle.isEmpty()) return;
  for (qsizetype at = text.indexOf(needle, 0, Qt::CaseInsensitive); at >= 0;
       at = text.indexOf(needle, at + needle.size(), Qt::CaseInsensitive)) {
    positions_.push_back(at);
  }
  if (positions_.empty()) return;
  const auto at_or_after = std::lower_bound(positions_.begin(), positions_.end(), from);
  current_ = at_or_after == positions_.end() ? 0 : static_cast<int>(at_or_after - positions_.begin());
}

void FindMatches::clear() {
  needle_.clear();
  positions_.clear();
  current_ = -1;
}

void FindMatches::next() {
  if (current_ >= 0) current_ = (current_ + 1) % count();
}

void FindMatches::previous() {
  if (current_ >= 0) current_ = (current_ + count() - 1) % count();
}

}  // namespace frontseat::ui
