#include "ui/compare/compare_view.h"

#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QStringList>
#include <QVBoxLayout>

#include "ui/compare/compare_column.h"
#include "ui/compare/compare_format.h"

namespace frontseat::ui {

CompareView::CompareView(QWidget* parent)
    : QWidget(parent),
      question_label_(new QLabel(this)),
      agreement_(new QFrame(this)),
      verdict_label_(new QLabel(agreement_)),
      f1_label_(new QLabel(agreement_)),
      speed_label_(new QLabel(agreement_)) {
  question_label_->setObjectName(QStringLiteral("compareQuestion"));
  question_label_->setWordWrap(true);
  question_label_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  // The two sides as columns of one table, so their rows line up.
  auto* table = new QFrame(this);
  table->setFrameShape(QFrame::StyledPanel);
  table->setBackgroundRole(QPalette::Base);
  table->setAutoFillBackground(true);
  auto* grid = new QGridLayout(table);
  grid->setHorizontalSpacing(24);
  grid->setVerticalSpacing(8);
  const QStringList row_names = CompareColumn::rowNames();
  for (int row = 0; row < row_names.size(); ++row) {
    auto* name = new QLabel(row_names[row], table);
    name->setStyleSheet(QStringLiteral("color: gray"));
    grid->addWidget(name, row, 0, Qt::AlignTop);
  }
  full_column_ = std::make_unique<CompareColumn>(table, grid, 1, tr("Full attention"), QStringLiteral("full"));
  vcc_column_ = std::make_unique<CompareColumn>(table, grid, 2, tr("VCC"), QStringLiteral("vcc"));
  grid->setColumnStretch(1, 1);
  grid->setColumnStretch(2, 1);

  agreement_->setObjectName(QStringLiteral("agreement"));
  agreement_->setFrameShape(QFrame::StyledPanel);
  verdict_label_->setObjectName(QStringLiteral("verdict"));
  f1_label_->setObjectName(QStringLiteral("tokenF1"));
  f1_label_->setToolTip(tr("Overlap of the two answers' words (SQuAD token F1, after lower-casing and "
                           "dropping punctuation and articles)"));
  speed_label_->setObjectName(QStringLiteral("speedRatio"));
  speed_label_->setToolTip(tr("Full attention's encode time divided by VCC's"));
  auto* agreement_row = new QHBoxLayout(agreement_);
  agreement_row->addWidget(verdict_label_);
  agreement_row->addSpacing(16);
  agreement_row->addWidget(f1_label_);
  agreement_row->addStretch(1);
  agreement_row->addWidget(speed_label_);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addWidget(question_label_);
  layout->addWidget(table);
  layout->addWidget(agreement_);
  layout->addStretch(1);

  clear();
}

CompareView::~CompareView() = default;

void CompareView::setQuestion(const QString& question) {
  if (question.isEmpty()) {
    question_label_->setTextFormat(Qt::PlainText);
    question_label_->setStyleSheet(QStringLiteral("color: gray"));
    question_label_->setText(tr("Type a question in the Ask panel and press Compare to answer it with full "
                                "attention and with VCC, side by side."));
  } else {
    question_label_->setTextFormat(Qt::RichText);
    question_label_->setStyleSheet({});
    question_label_->setText(tr("<b>Question:</b> %1").arg(question.toHtmlEscaped()));
  }
}

void CompareView::setPending(bool full_pending, bool vcc_pending) {
  for (const bool vcc : {false, true}) {
    CompareColumn& side = column(vcc);
    if (vcc ? vcc_pending : full_pending) {
      side.showPending();
    } else if (side.pending()) {
      side.clear();
    }
  }
  updateAgreement();
}

void CompareView::setSide(bool vcc, const CompareSide& side) {
  column(vcc).showSide(side);
  updateAgreement();
}

void CompareView::setSideError(bool vcc, const QString& message) {
  column(vcc).showError(message);
  updateAgreement();
}

void CompareView::clear() {
  setQuestion({});
  full_column_->clear();
  vcc_column_->clear();
  updateAgreement();
}

QString CompareView::agreementText() const {
  if (agreement_->isHidden()) return {};
  QStringList parts;
  for (const QLabel* label : {verdict_label_, f1_label_, speed_label_}) {
    if (!label->isHidden() && !label->text().isEmpty()) parts.append(label->text());
  }
  return parts.join(QStringLiteral(" · "));
}

void CompareView::updateAgreement() {
  const auto& full = full_column_->side();
  const auto& vcc = vcc_column_->side();
  agreement_->setVisible(full && vcc);
  if (!full || !vcc) return;

  const AnswerAgreement agreement = compareAnswers(full->answer, vcc->answer);
  verdict_label_->setText(agreement.same ? tr("✓ Same answer") : tr("≠ Different answers"));
  verdict_label_->setStyleSheet(agreement.same ? QStringLiteral("font-weight: bold; color: #15803d")
                                               : QStringLiteral("font-weight: bold; color: #b45309"));
  f1_label_->setText(tr("token F1 %1").arg(formatF1(agreement.f1)));
  f1_label_->setVisible(!agreement.same);
  speed_label_->setText(speedRatioText(full->encode_ms, vcc->encode_ms));
}

}  // namespace frontseat::ui
