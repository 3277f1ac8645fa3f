#include "ui/ask/ask_panel.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "ui/ask/answer_details.h"
#include "ui/ask/progress_estimate.h"

namespace frontseat::ui {

AskPanel::AskPanel(QWidget* parent) : QWidget(parent) {
  question_ = new QLineEdit(this);
  question_->setPlaceholderText(tr("Ask a question about the document, then press Enter"));
  question_->setClearButtonEnabled(true);
  connect(question_, &QLineEdit::returnPressed, this, [this] { submitQuestion(false); });
  connect(question_, &QLineEdit::textChanged, this, &AskPanel::updateEnabled);

  ask_ = new QPushButton(tr("Ask"), this);
  ask_->setDefault(true);
  ask_->setToolTip(tr("Answer the question (Enter)"));
  connect(ask_, &QPushButton::clicked, this, [this] { submitQuestion(false); });
  compare_ = new QPushButton(tr("Compare"), this);
  compare_->setToolTip(tr("Answer with full attention and with VCC, side by side"));
  connect(compare_, &QPushButton::clicked, this, [this] { submitQuestion(true); });

  pins_ = new QLabel(this);
  clear_pins_ = new QPushButton(tr("Clear pins"), this);
  clear_pins_->setFlat(true);
  connect(clear_pins_, &QPushButton::clicked, this, &AskPanel::clearPinsRequested);

  progress_ = new QProgressBar(this);
  progress_->setTextVisible(false);
  progress_->setMaximumHeight(10);
  stage_ = new QLabel(this);
  cancel_ = new QPushButton(tr("Cancel"), this);
  cancel_->setToolTip(tr("Stop after the current layer (Esc)"));
  cancel_->setShortcut(QKeySequence(Qt::Key_Escape));
  connect(cancel_, &QPushButton::clicked, this, &AskPanel::cancelRequested);

  answer_ = new QTextBrowser(this);
  answer_->setOpenLinks(false);
  answer_->setPlaceholderText(tr("The answer appears here, with the passages the model read closely highlighted "
                                 "in the document."));

  history_ = new QListWidget(this);
  history_->setAlternatingRowColors(true);
  history_->setWordWrap(true);
  connect(history_, &QListWidget::itemActivated, this,
          [this](QListWidgetItem* item) { Q_EMIT historyActivated(item->data(Qt::UserRole).toLongLong()); });
  connect(history_, &QListWidget::itemClicked, this,
          [this](QListWidgetItem* item) { Q_EMIT historyActivated(item->data(Qt::UserRole).toLongLong()); });

  auto* ask_row = new QHBoxLayout;
  ask_row->addWidget(question_, 1);
  ask_row->addWidget(ask_);
  ask_row->addWidget(compare_);
  auto* pin_row = new QHBoxLayout;
  pin_row->addWidget(pins_, 1);
  pin_row->addWidget(clear_pins_);
  auto* progress_row = new QHBoxLayout;
  auto* progress_column = new QVBoxLayout;
  progress_column->addWidget(stage_);
  progress_column->addWidget(progress_);
  progress_row->addLayout(progress_column, 1);
  progress_row->addWidget(cancel_);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addLayout(ask_row);
  layout->addLayout(pin_row);
  layout->addLayout(progress_row);
  layout->addWidget(answer_, 3);
  layout->addWidget(new QLabel(tr("<b>Earlier questions</b>"), this));
  layout->addWidget(history_, 2);

  setPinnedCount(0);
  setBusy(false);
  setDocumentTitle({});
}

void AskPanel::setDocumentTitle(const QString& title) {
  has_document_ = !title.isEmpty();
  question_->setPlaceholderText(has_document_ ? tr("Ask a question about “%1”, then press Enter").arg(title)
                                              : tr("Open a document from the library to ask about it"));
  updateEnabled();
}

void AskPanel::setBusy(bool busy) {
  busy_ = busy;
  progress_->setVisible(busy);
  stage_->setVisible(busy);
  cancel_->setVisible(busy);
  if (busy) {
    progress_->setRange(0, 0);
    stage_->setText(tr("Waiting for the engine…"));
  }
  updateEnabled();
}

void AskPanel::updateEnabled() {
  const bool can_ask = has_document_ && !busy_ && !question_->text().trimmed().isEmpty();
  ask_->setEnabled(can_ask);
  compare_->setEnabled(can_ask);
  question_->setEnabled(has_document_);
}

void AskPanel::submitQuestion(bool compare) {
  const QString question = question_->text().trimmed();
  if (question.isEmpty() || busy_ || !has_document_) return;
  if (compare) {
    Q_EMIT compareRequested(question);
  } else {
    Q_EMIT askRequested(question);
  }
}

void AskPanel::showProgress(const QueryProgress& progress) {
  const auto view = describeProgress(progress);
  progress_->setRange(0, view.maximum);
  progress_->setValue(view.value);
  stage_->setText(view.text);
}

void AskPanel::showAnswer(const AnswerRecord& record) {
  const QString answer = QString::fromStdString(record.answer).trimmed();
  answer_->setHtml(QStringLiteral("<p><b>%1</b></p><p style='font-size:large'>%2</p>"
                                  "<p style='color:gray; font-size:small'>%3</p>")
                       .arg(QString::fromStdString(record.question).toHtmlEscaped(),
                            answer.isEmpty() ? tr("<i>(the model gave an empty answer)</i>") : answer.toHtmlEscaped(),
                            describeAnswerSettings(record).toHtmlEscaped()));
}

void AskPanel::showError(const QString& message) {
  answer_->setHtml(QStringLiteral("<p style='color:#b91c1c'><b>%1</b></p><p>%2</p>")
                       .arg(tr("The question could not be answered."), message.toHtmlEscaped()));
}

QString AskPanel::answerText() const { return answer_->toPlainText(); }

int AskPanel::historyCount() const { return history_->count(); }

void AskPanel::setHistory(const std::vector<AnswerRecord>& history) {
  history_->clear();
  for (const auto& record : history) {
    if (record.kind != "answer") continue;
    auto* item = new QListWidgetItem(
        QStringLiteral("%1\n→ %2").arg(QString::fromStdString(record.question), QString::fromStdString(record.answer)),
        history_);
    item->setData(Qt::UserRole, QVariant::fromValue<qlonglong>(record.id));
    item->setToolTip(QLocale().toString(QDateTime::fromSecsSinceEpoch(record.created_at), QLocale::ShortFormat) +
                     QStringLiteral("\n") + describeAnswerSettings(record));
  }
}

void AskPanel::setPinnedCount(int count) {
  pins_->setText(count == 0 ? tr("Tip: select a passage and press Ctrl+P to keep it at full resolution (VIP).")
                            : tr("%n passage(s) pinned VIP for the next question", nullptr, count));
  pins_->setStyleSheet(count == 0 ? QStringLiteral("color: gray; font-size: small;") : QString());
  clear_pins_->setVisible(count > 0);
}

}  // namespace frontseat::ui
