#include "ui/document/navigation_bar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>
#include <algorithm>

#include "ui/theme/tool_button.h"

namespace frontseat::ui {
namespace {

constexpr int kMaxOutlineIndent = 4;  // deeper headings indent no further

}  // namespace

NavigationBar::NavigationBar(QWidget* parent)
    : QWidget(parent),
      title_label_(new QLabel(this)),
      outline_box_(new QComboBox(this)),
      page_box_(new QSpinBox(this)),
      evidence_stepper_(new QWidget(this)),
      evidence_label_(new QLabel(evidence_stepper_)) {
  QFont title_font = title_label_->font();
  title_font.setBold(true);
  title_label_->setFont(title_font);
  title_label_->setTextFormat(Qt::PlainText);
  title_label_->setMinimumWidth(0);
  title_label_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

  outline_box_->setObjectName(QStringLiteral("outline"));
  outline_box_->setPlaceholderText(tr("Outline"));
  outline_box_->setToolTip(tr("Jump to a heading"));
  outline_box_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  outline_box_->setMinimumContentsLength(14);
  outline_box_->setMaxVisibleItems(24);

  page_box_->setObjectName(QStringLiteral("page"));
  page_box_->setPrefix(tr("Page "));
  page_box_->setKeyboardTracking(false);  // typing "12" must not visit page 1 first
  page_box_->setToolTip(tr("Jump to a page"));

  evidence_label_->setObjectName(QStringLiteral("evidencePosition"));
  auto* previous = makeToolButton(evidence_stepper_, QStyle::SP_ArrowUp, tr("Previous evidence passage"));
  auto* next = makeToolButton(evidence_stepper_, QStyle::SP_ArrowDown, tr("Next evidence passage"));
  auto* stepper_layout = new QHBoxLayout(evidence_stepper_);
  stepper_layout->setContentsMargins(0, 0, 0, 0);
  stepper_layout->setSpacing(2);
  stepper_layout->addWidget(evidence_label_);
  stepper_layout->addWidget(previous);
  stepper_layout->addWidget(next);

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(10, 6, 10, 6);
  layout->setSpacing(10);
  layout->addWidget(title_label_, 1);
  layout->addWidget(evidence_stepper_);
  layout->addWidget(outline_box_);
  layout->addWidget(page_box_);

  outline_box_->hide();
  page_box_->hide();
  evidence_stepper_->hide();

  connect(outline_box_, &QComboBox::activated, this, &NavigationBar::headingChosen);
  connect(page_box_, &QSpinBox::valueChanged, this, [this](int number) { Q_EMIT pageChosen(number - 1); });
  connect(previous, &QToolButton::clicked, this, &NavigationBar::previousEvidenceRequested);
  connect(next, &QToolButton::clicked, this, &NavigationBar::nextEvidenceRequested);
}

void NavigationBar::setTitle(const QString& title) {
  title_ = title;
  title_label_->setToolTip(title);
  elideTitle();
}

void NavigationBar::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);  // the layout has placed the label by now
  elideTitle();
}

void NavigationBar::elideTitle() {
  const QString elided = title_label_->fontMetrics().elidedText(title_, Qt::ElideRight, title_label_->width());
  title_label_->setText(elided == QStringLiteral("\u2026") ? QString() : elided);  // a lone "…" says nothing
}

void NavigationBar::setHeadings(const std::vector<DocumentHeading>& headings) {
  outline_box_->clear();
  for (const auto& heading : headings) {
    const int indent = std::clamp(heading.level - 1, 0, kMaxOutlineIndent);
    outline_box_->addItem(QString(indent * 3, QLatin1Char(' ')) + QString::fromStdString(heading.title));
  }
  outline_box_->setCurrentIndex(-1);
  outline_box_->setVisible(!headings.empty());
}

void NavigationBar::setPageNumbers(const std::vector<DocumentPage>& pages) {
  const QSignalBlocker quiet(page_box_);
  const int count = static_cast<int>(pages.size());
  page_box_->setRange(1, std::max(1, count));
  page_box_->setSuffix(tr(" of %1").arg(count));
  page_box_->setValue(1);
  page_box_->setVisible(count > 0);
}

void NavigationBar::showHeading(int index) {
  // activated() is only emitted for the user's choices, so no blocker is needed.
  outline_box_->setCurrentIndex(index);
}

void NavigationBar::showPage(int index) {
  const QSignalBlocker quiet(page_box_);
  page_box_->setValue(index + 1);
}

void NavigationBar::showEvidencePosition(int current, int count) {
  if (current >= 0) {
    evidence_label_->setText(tr("Evidence %1 of %2").arg(current + 1).arg(count));
  } else {
    evidence_label_->setText(count == 1 ? tr("1 evidence passage") : tr("%1 evidence passages").arg(count));
  }
  evidence_stepper_->setVisible(count > 0);
}

}  // namespace frontseat::ui
