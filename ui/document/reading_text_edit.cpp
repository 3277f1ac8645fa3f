#include "ui/document/reading_text_edit.h"

#include <QEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextLayout>
#include <algorithm>

namespace frontseat::ui {
namespace {

constexpr int kMaxColumnCharacters = 96;  // a generous reading measure
constexpr int kMinSideMargin = 12;        // pixels, beside the document's own margin
constexpr qreal kFontScale = 1.15;        // body text a little larger than the UI's

}  // namespace

ReadingTextEdit::ReadingTextEdit(QWidget* parent) : QPlainTextEdit(parent) {
  setReadOnly(true);
  setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
  setLineWrapMode(QPlainTextEdit::WidgetWidth);
  setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
  setUndoRedoEnabled(false);
  setFrameShape(QFrame::NoFrame);
  // The side margins lie outside the viewport: paint them like the page.
  setBackgroundRole(QPalette::Base);
  setAutoFillBackground(true);

  QFont body = font();
  body.setPointSizeF(body.pointSizeF() * kFontScale);
  setFont(body);
  document()->setDocumentMargin(16);
  centerTextColumn();
}

void ReadingTextEdit::resizeEvent(QResizeEvent* event) {
  centerTextColumn();
  QPlainTextEdit::resizeEvent(event);
}

void ReadingTextEdit::changeEvent(QEvent* event) {
  if (event->type() == QEvent::FontChange) centerTextColumn();
  QPlainTextEdit::changeEvent(event);
}

void ReadingTextEdit::setBackdrop(Backdrop which, std::vector<TextRange> ranges, const QColor& color,
                                  bool underline) {
  std::sort(ranges.begin(), ranges.end());
  std::vector<TextRange> merged;
  merged.reserve(ranges.size());
  for (const auto& range : ranges) {
    if (range.second <= range.first) continue;
    if (!merged.empty() && range.first < merged.back().second) {
      merged.back().second = std::max(merged.back().second, range.second);
    } else {
      merged.push_back(range);
    }
  }
  auto& layer = backdrops_[index(which)];
  if (layer.ranges.empty() && merged.empty()) return;
  layer = {std::move(merged), color, underline};
  viewport()->update();
}

void ReadingTextEdit::paintEvent(QPaintEvent* event) {
  if (!document()->isEmpty()) {
    paintBackdrops(event->rect());
    QPlainTextEdit::paintEvent(event);
    return;
  }
  // Instead of QPlainTextEdit's placeholder, top-left beside a blinking caret.
  QPainter painter(viewport());
  QFont message_font = font();
  message_font.setPointSizeF(message_font.pointSizeF() * 1.1);
  painter.setFont(message_font);
  painter.setPen(palette().color(QPalette::PlaceholderText));
  painter.drawText(viewport()->rect().adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap,
                   placeholderText());
}

void ReadingTextEdit::paintBackdrops(const QRect& area) {
  if (std::all_of(backdrops_.begin(), backdrops_.end(), [](const Layer& layer) { return layer.ranges.empty(); })) {
    return;
  }
  QPainter painter(viewport());
  painter.setClipRect(area);
  const QPointF offset = contentOffset();
  for (QTextBlock block = firstVisibleBlock(); block.isValid(); block = block.next()) {
    if (!block.isVisible()) continue;
    const QRectF box = blockBoundingGeometry(block).translated(offset);
    if (box.top() > area.bottom()) break;
    if (box.bottom() < area.top()) continue;
    for (const auto& layer : backdrops_) paintBlockBackdrop(painter, block, box.topLeft(), layer);
  }
}

void ReadingTextEdit::paintBlockBackdrop(QPainter& painter, const QTextBlock& block, const QPointF& block_origin,
                                         const Layer& layer) const {
  const qsizetype start = block.position();
  const qsizetype stop = start + block.length();
  auto range = std::lower_bound(layer.ranges.begin(), layer.ranges.end(), start,
                                [](const TextRange& r, qsizetype at) { return r.second <= at; });
  const QTextLayout* layout = block.layout();
  const QPointF origin = block_origin + layout->position();
  for (; range != layer.ranges.end() && range->first < stop; ++range) {
    const int from = static_cast<int>(std::max(range->first, start) - start);
    const int to = static_cast<int>(std::min(range->second, stop) - start);
    // Only the range's own lines: one block may hold a whole wrapped document.
    for (QTextLine line = layout->lineForTextPosition(from); line.isValid() && line.textStart() < to;
         line = layout->lineAt(line.lineNumber() + 1)) {
      const int line_from = std::max(from, line.textStart());
      const int line_to = std::min(to, line.textStart() + line.textLength());
      if (line_from >= line_to) continue;
      const qreal x1 = line.cursorToX(line_from);
      const qreal x2 = line.cursorToX(line_to);
      const QRectF box(origin.x() + std::min(x1, x2), origin.y() + line.y(), std::abs(x2 - x1), line.height());
      painter.fillRect(box, layer.color);
      if (layer.underline) {
        const qreal under = box.top() + line.ascent() + 1.5;
        painter.fillRect(QRectF(box.left(), under, box.width(), 1.5), palette().color(QPalette::Text));
      }
    }
  }
}

void ReadingTextEdit::centerTextColumn() {
  const int scroll_bar = verticalScrollBar()->isVisible() ? verticalScrollBar()->width() : 0;
  const int column = fontMetrics().averageCharWidth() * kMaxColumnCharacters;
  const int side = std::max(kMinSideMargin, (width() - scroll_bar - column) / 2);
  if (side != viewportMargins().left()) setViewportMargins(side, 0, side, 0);
}

}  // namespace frontseat::ui
