// The matches of a find-in-document query and which one is current. Plain logic,
// kept apart from the find bar and the text widget so it is simple to test.
#pragma once

#include <QString>
#include <utility>
#include <vector>

namespace frontseat::ui {

class FindMatches {
 public:
  // Finds every non-overlapping, case-insensitive occurrence of `needle` in `text`
  // (an indexOf loop: a 600 KB document takes milliseconds). The current match is
  // the first one at or after `from`, else the first one.
  void search(const QString& text, const QString& needle, qsizetype from);
  void clear();

  const QString& needle() const { return needle_; }
  int count() const { return static_cast<int>(positions_.size()); }
  int current() const { return current_; }  // -1 when there is no match
  qsizetype length() const { return needle_.size(); }
  qsizetype position(int index) const { return positions_[static_cast<size_t>(index)]; }

  // Move the current match forward or back, wrapping around the ends.
  void next();
  void previous();

 private:
  QString needle_;
  std::vector<qsizetype> positions_;
  int current_ = -1;
};

}  // namespace frontseat::ui
