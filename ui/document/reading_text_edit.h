// A read-only plain text pane set for reading long documents: a larger font, and
// a text column capped at a comfortable line length and centered when the pane is
// wide (long lines across a full-screen window are hard to follow). With no text
// it shows its placeholder centered, as an empty state.
//
// It also paints backdrops: one background color under many ranges at once
// (evidence passages, find matches, an answer's places), only where they show. Extra selections would
// do the same, but setting them lays out every block they touch: a thousand
// evidence passages in a 128K-token document held the GUI thread for a tenth of a
// second. A backdrop is set in no time and costs only the visible lines to paint.
#pragma once

#include <QColor>
#include <QPlainTextEdit>
#include <array>
#include <utility>
#include <vector>

namespace frontseat::ui {

// Bottom to top; all of them under the extra selections.
enum class Backdrop { Evidence, AnswerPlaces, FindMatches, Count };

// [begin, end) in UTF-16 positions of the document.
using TextRange = std::pair<qsizetype, qsizetype>;

class ReadingTextEdit : public QPlainTextEdit {
  Q_OBJECT

 public:
  explicit ReadingTextEdit(QWidget* parent = nullptr);

  // Replaces one backdrop's ranges (any order, overlaps allowed) and look.
  void setBackdrop(Backdrop which, std::vector<TextRange> ranges, const QColor& color, bool underline = false);
  void clearBackdrop(Backdrop which) { setBackdrop(which, {}, QColor()); }
  // Sorted by position, overlapping ranges merged (so none is painted twice).
  const std::vector<TextRange>& backdrop(Backdrop which) const { return backdrops_[index(which)].ranges; }
  QColor backdropColor(Backdrop which) const { return backdrops_[index(which)].color; }
  bool backdropUnderlined(Backdrop which) const { return backdrops_[index(which)].underline; }

 protected:
  void resizeEvent(QResizeEvent* event) override;
  void changeEvent(QEvent* event) override;
  void paintEvent(QPaintEvent* event) override;

 private:
  struct Layer {
    std::vector<TextRange> ranges;
    QColor color;
    bool underline = false;
  };
  static size_t index(Backdrop which) { return static_cast<size_t>(which); }
  void centerTextColumn();
  void paintBackdrops(const QRect& area);
  void paintBlockBackdrop(QPainter& painter, const QTextBlock& block, const QPointF& block_origin,
                          const Layer& layer) const;

  std::array<Layer, static_cast<size_t>(Backdrop::Count)> backdrops_;
};

}  // namespace frontseat::ui
