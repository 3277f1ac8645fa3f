#include "ui/document/reading_text_edit.h"

#include <QEvent>
#include <QPainter>
#include <QScrollBar>
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

void ReadingTextEdit::paintEvent(QPaintEvent* event) {
  if (!document()->isEmpty()) {
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

void ReadingTextEdit::centerTextColumn() {
  const int scroll_bar = verticalScrollBar()->isVisible() ? verticalScrollBar()->width() : 0;
  const int column = fontMetrics().averageCharWidth() * kMaxColumnCharacters;
  const int side = std::max(kMinSideMargin, (width() - scroll_bar - column) / 2);
  if (side != viewportMargins().left()) setViewportMargins(side, 0, side, 0);
}

}  // namespace frontseat::ui
