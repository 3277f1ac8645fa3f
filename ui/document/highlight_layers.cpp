#include "ui/document/highlight_layers.h"

#include <QPlainTextEdit>
#include <QTextCursor>

namespace frontseat::ui {

void HighlightLayers::set(HighlightLayer layer, QList<QTextEdit::ExtraSelection> selections) {
  auto& slot = layers_[static_cast<size_t>(layer)];
  if (slot.isEmpty() && selections.isEmpty()) return;
  slot = std::move(selections);
  apply();
}

void HighlightLayers::clearAll() {
  for (auto& layer : layers_) layer.clear();
  apply();
}

QTextEdit::ExtraSelection HighlightLayers::span(qsizetype begin, qsizetype end, const QColor& background) const {
  QTextEdit::ExtraSelection selection;
  selection.cursor = QTextCursor(target_->document());
  selection.cursor.setPosition(static_cast<int>(begin));
  selection.cursor.setPosition(static_cast<int>(end), QTextCursor::KeepAnchor);
  selection.format.setBackground(background);
  return selection;
}

QTextEdit::ExtraSelection HighlightLayers::line(qsizetype at, const QColor& background) const {
  QTextEdit::ExtraSelection selection;
  selection.cursor = QTextCursor(target_->document());
  selection.cursor.setPosition(static_cast<int>(at));
  selection.format.setBackground(background);
  selection.format.setProperty(QTextFormat::FullWidthSelection, true);
  return selection;
}

void HighlightLayers::apply() {
  QList<QTextEdit::ExtraSelection> stacked;
  for (const auto& layer : layers_) stacked.append(layer);
  target_->setExtraSelections(stacked);
}

}  // namespace frontseat::ui
