#include "ui/document/find_bar.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QToolButton>

#include "ui/theme/tool_button.h"

namespace frontseat::ui {

FindBar::FindBar(QWidget* parent)
    : QWidget(parent), query_edit_(new QLineEdit(this)), status_label_(new QLabel(this)) {
  query_edit_->setObjectName(QStringLiteral("findQuery"));
  query_edit_->setPlaceholderText(tr("Find in document"));
  query_edit_->setClearButtonEnabled(true);
  query_edit_->setMinimumWidth(query_edit_->fontMetrics().averageCharWidth() * 32);
  query_edit_->installEventFilter(this);

  status_label_->setObjectName(QStringLiteral("findStatus"));
  // Wide enough for "12345 of 12345" so the buttons do not jump while typing.
  status_label_->setMinimumWidth(status_label_->fontMetrics().horizontalAdvance(QStringLiteral("00000 of 00000")));

  auto* previous = makeToolButton(this, QStyle::SP_ArrowUp, tr("Previous match (Shift+Enter, Shift+F3)"));
  auto* next = makeToolButton(this, QStyle::SP_ArrowDown, tr("Next match (Enter, F3)"));
  auto* close_button = makeToolButton(this, QStyle::SP_TitleBarCloseButton, tr("Close (Esc)"));

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(8, 4, 8, 4);
  layout->setSpacing(4);
  layout->addWidget(query_edit_);
  layout->addWidget(status_label_);
  layout->addWidget(previous);
  layout->addWidget(next);
  layout->addStretch(1);
  layout->addWidget(close_button);

  connect(query_edit_, &QLineEdit::textChanged, this, &FindBar::queryChanged);
  connect(previous, &QToolButton::clicked, this, &FindBar::previousRequested);
  connect(next, &QToolButton::clicked, this, &FindBar::nextRequested);
  connect(close_button, &QToolButton::clicked, this, &FindBar::dismiss);
}

QString FindBar::query() const { return query_edit_->text(); }

void FindBar::setQuery(const QString& query) { query_edit_->setText(query); }

void FindBar::openAndFocus() {
  show();
  query_edit_->setFocus(Qt::ShortcutFocusReason);
  query_edit_->selectAll();
}

void FindBar::showMatchStatus(int current, int count) {
  if (query_edit_->text().isEmpty()) {
    status_label_->clear();
  } else if (count == 0) {
    status_label_->setText(tr("No matches"));
  } else {
    status_label_->setText(tr("%1 of %2").arg(current + 1).arg(count));
  }
}

bool FindBar::eventFilter(QObject* watched, QEvent* event) {
  // QLineEdit reports Enter alike with or without Shift, so the keys are read here.
  if (watched == query_edit_ && event->type() == QEvent::KeyPress) {
    const auto* key = static_cast<QKeyEvent*>(event);
    if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
      if (key->modifiers() & Qt::ShiftModifier) {
        Q_EMIT previousRequested();
      } else {
        Q_EMIT nextRequested();
      }
      return true;
    }
    if (key->key() == Qt::Key_Escape) {
      dismiss();
      return true;
    }
  }
  return QWidget::eventFilter(watched, event);
}

void FindBar::dismiss() {
  hide();
  Q_EMIT closed();
}

}  // namespace frontseat::ui
