// The document view's highlights, kept as separate layers (pins, evidence, find
// matches, ...) that are stacked into the text widget's extra selections in a
// fixed order, so each feature can replace its own highlights without knowing
// about the others.
#pragma once

#include <QColor>
#include <QList>
#include <QTextEdit>
#include <array>

class QPlainTextEdit;

namespace frontseat::ui {

// Bottom to top: later layers paint over earlier ones, and all over the text
// edit's backdrops (evidence, answer places, find matches: too many ranges for
// extra selections).
enum class HighlightLayer { Pinned, CurrentEvidence, CurrentFindMatch, Flash, Count };

class HighlightLayers {
 public:
  explicit HighlightLayers(QPlainTextEdit* target) : target_(target) {}

  void set(HighlightLayer layer, QList<QTextEdit::ExtraSelection> selections);
  void clear(HighlightLayer layer) { set(layer, {}); }
  void clearAll();

  // A background over UTF-16 positions [begin, end) of the target's document.
  QTextEdit::ExtraSelection span(qsizetype begin, qsizetype end, const QColor& background) const;
  // A background across the whole visual line at UTF-16 position `at`.
  QTextEdit::ExtraSelection line(qsizetype at, const QColor& background) const;

 private:
  void apply();

  QPlainTextEdit* target_;
  std::array<QList<QTextEdit::ExtraSelection>, static_cast<size_t>(HighlightLayer::Count)> layers_;
};

}  // namespace frontseat::ui
