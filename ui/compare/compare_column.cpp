#include "ui/compare/compare_column.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>

#include "ui/compare/compare_format.h"

namespace frontseat::ui {
namespace {

QLabel* addCell(QWidget* parent, QGridLayout* grid, int row, int column, const QString& object_name) {
  auto* label = new QLabel(parent);
  label->setObjectName(object_name);
  label->setWordWrap(true);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  grid->addWidget(label, row, column, Qt::AlignTop);
  return label;
}

}  // namespace

QStringList CompareColumn::rowNames() {
  return {QString(), tr("Answer"), tr("Encode"), tr("Decode"), tr("Input"), tr("Settings")};
}

CompareColumn::CompareColumn(QWidget* parent, QGridLayout* grid, int column, const QString& heading,
                             const QString& name)
    : answer_(addCell(parent, grid, kAnswerRow, column, name + QStringLiteral("Answer"))),
      encode_(addCell(parent, grid, kEncodeRow, column, name + QStringLiteral("Encode"))),
      decode_(addCell(parent, grid, kDecodeRow, column, name + QStringLiteral("Decode"))),
      input_(addCell(parent, grid, kInputRow, column, name + QStringLiteral("Input"))),
      settings_(addCell(parent, grid, kSettingsRow, column, name + QStringLiteral("Settings"))) {
  QLabel* heading_label = addCell(parent, grid, kHeadingRow, column, name + QStringLiteral("Heading"));
  heading_label->setText(heading);
  heading_label->setStyleSheet(QStringLiteral("font-weight: bold"));
  QFont answer_font = answer_->font();
  answer_font.setPointSizeF(answer_font.pointSizeF() * 1.15);
  answer_->setFont(answer_font);
  settings_->setStyleSheet(QStringLiteral("color: gray"));
  clear();
}

void CompareColumn::showPending() {
  side_.reset();
  pending_ = true;
  showMessage(QStringLiteral("<i style='color:gray'>%1</i>").arg(tr("running…")));
}

void CompareColumn::showSide(const CompareSide& side) {
  side_ = side;
  pending_ = false;
  const QString answer = side.answer.trimmed();
  answer_->setTextFormat(Qt::PlainText);
  answer_->setText(answer.isEmpty() ? tr("(empty answer)") : answer);
  encode_->setText(formatCompareTime(side.encode_ms));
  decode_->setText(formatCompareTime(side.decode_ms));
  input_->setText(tr("%1 tokens").arg(QLocale().toString(side.input_tokens)));
  settings_->setText(side.settings);
}

void CompareColumn::showError(const QString& message) {
  side_.reset();
  pending_ = false;
  showMessage(QStringLiteral("<b style='color:#b91c1c'>%1</b><br>%2").arg(tr("No answer."), message.toHtmlEscaped()));
}

void CompareColumn::clear() {
  side_.reset();
  pending_ = false;
  showMessage({});
}

void CompareColumn::showMessage(const QString& html) {
  answer_->setTextFormat(Qt::RichText);
  answer_->setText(html);
  for (QLabel* label : {encode_, decode_, input_, settings_}) label->clear();
}

}  // namespace frontseat::ui
