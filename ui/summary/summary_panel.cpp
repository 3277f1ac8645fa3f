#include "ui/summary/summary_panel.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>

#include "ui/settings/settings_limits.h"
#include "ui/summary/summary_format.h"

namespace frontseat::ui {
namespace {

// The settings' own ranges, so a value the settings accept is never clamped here.
constexpr int kMinTokens = limits::kMaxNewTokens.min, kMaxTokens = limits::kMaxNewTokens.max;
constexpr int kMinBeams = limits::kNumBeams.min, kMaxBeams = limits::kNumBeams.max;
// AppSettings' summary defaults, until the window passes the user's.
constexpr int kDefaultTokens = 128, kDefaultBeams = 2;

struct ExportChoice {
  SummaryFileType type;
  const char* button;  // the button's text
  const char* filter;  // the file dialog's filter
};

constexpr ExportChoice kExportChoices[] = {
    {SummaryFileType::Markdown, QT_TRANSLATE_NOOP("frontseat::ui::SummaryPanel", "Markdown…"),
     QT_TRANSLATE_NOOP("frontseat::ui::SummaryPanel", "Markdown (*.md)")},
    {SummaryFileType::Html, QT_TRANSLATE_NOOP("frontseat::ui::SummaryPanel", "HTML…"),
     QT_TRANSLATE_NOOP("frontseat::ui::SummaryPanel", "Web page (*.html)")},
    {SummaryFileType::Pdf, QT_TRANSLATE_NOOP("frontseat::ui::SummaryPanel", "PDF…"),
     QT_TRANSLATE_NOOP("frontseat::ui::SummaryPanel", "PDF document (*.pdf)")},
};

QSpinBox* makeSpin(QWidget* parent, int minimum, int maximum, const QString& tip) {
  auto* spin = new QSpinBox(parent);
  spin->setRange(minimum, maximum);
  spin->setToolTip(tip);
  spin->setAccelerated(true);
  return spin;
}

}  // namespace

SummaryPanel::SummaryPanel(QWidget* parent)
    : QWidget(parent),
      title_label_(new QLabel(this)),
      length_spin_(makeSpin(this, kMinTokens, kMaxTokens,
                            tr("The longest summary the model may write, in tokens (about ¾ of a word each)"))),
      beams_spin_(makeSpin(this, kMinBeams, kMaxBeams,
                           tr("Beam search width: more beams often give a better summary, but take longer. "
                              "1 is greedy decoding."))),
      by_section_(new QCheckBox(tr("By &section"), this)),
      summarize_button_(new QPushButton(tr("Summarize"), this)),
      cancel_button_(new QPushButton(tr("Cancel"), this)),
      busy_bar_(new QProgressBar(this)),
      stage_label_(new QLabel(this)),
      summary_view_(new QTextBrowser(this)),
      export_folder_(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)) {
  title_label_->setObjectName(QStringLiteral("summaryTitle"));
  title_label_->setWordWrap(true);
  title_label_->setTextFormat(Qt::PlainText);

  length_spin_->setObjectName(QStringLiteral("summaryLength"));
  length_spin_->setSuffix(tr(" tokens"));
  length_spin_->setSingleStep(16);
  beams_spin_->setObjectName(QStringLiteral("summaryBeams"));
  by_section_->setObjectName(QStringLiteral("summaryBySection"));
  by_section_->setChecked(true);
  by_section_->setToolTip(
      tr("Summarize each top-level section (a chapter, a country) on its own, a paragraph each. "
         "A document with fewer than two sections is summarized whole."));

  summarize_button_->setObjectName(QStringLiteral("summarize"));
  summarize_button_->setDefault(true);
  summarize_button_->setToolTip(
      tr("Summarize the whole document (%1)").arg(summarizeShortcut().toString(QKeySequence::NativeText)));
  connect(summarize_button_, &QPushButton::clicked, this, [this] {
    Q_EMIT summarizeRequested(length_spin_->value(), beams_spin_->value(), by_section_->isChecked());
  });
  cancel_button_->setObjectName(QStringLiteral("summaryCancel"));
  cancel_button_->setToolTip(tr("Stop summarizing after the current step"));
  connect(cancel_button_, &QPushButton::clicked, this, &SummaryPanel::cancelRequested);

  // Indeterminate until the window reports progress.
  busy_bar_->setRange(0, 0);
  busy_bar_->setTextVisible(false);
  busy_bar_->setMaximumHeight(6);
  stage_label_->setObjectName(QStringLiteral("summaryStage"));
  stage_label_->setStyleSheet(QStringLiteral("color: gray"));

  summary_view_->setObjectName(QStringLiteral("summaryView"));
  summary_view_->setOpenLinks(false);
  // A summary by section's titles: bold at the text's size, close to their paragraph.
  summary_view_->document()->setDefaultStyleSheet(
      QStringLiteral("h2 { font-size: medium; margin-top: 10px; margin-bottom: 2px; }"));
  summary_view_->setPlaceholderText(
      tr("The summary of the whole document appears here. Longer summaries and more beams take longer."));

  auto* options_row = new QHBoxLayout;
  auto* length_label = new QLabel(tr("&Length:"), this);
  length_label->setBuddy(length_spin_);
  auto* beams_label = new QLabel(tr("&Beams:"), this);
  beams_label->setBuddy(beams_spin_);
  options_row->addWidget(length_label);
  options_row->addWidget(length_spin_);
  options_row->addSpacing(12);
  options_row->addWidget(beams_label);
  options_row->addWidget(beams_spin_);
  options_row->addSpacing(12);
  options_row->addWidget(by_section_);
  options_row->addStretch(1);
  options_row->addWidget(cancel_button_);
  options_row->addWidget(summarize_button_);

  auto* export_row = new QHBoxLayout;
  export_row->addWidget(new QLabel(tr("Export:"), this));
  for (const ExportChoice& choice : kExportChoices) {
    auto* button = new QPushButton(tr(choice.button), this);
    button->setObjectName(QStringLiteral("export_") + summaryFileExtension(choice.type));
    button->setToolTip(tr("Save the summary as %1").arg(tr(choice.filter)));
    connect(button, &QPushButton::clicked, this,
            [this, type = choice.type, filter = tr(choice.filter)] { exportWithDialog(type, filter); });
    export_row->addWidget(button);
    export_buttons_.append(button);
  }
  export_row->addStretch(1);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addWidget(title_label_);
  layout->addLayout(options_row);
  layout->addWidget(busy_bar_);
  layout->addWidget(stage_label_);
  layout->addWidget(summary_view_, 1);
  layout->addLayout(export_row);

  setGeneration(kDefaultTokens, kDefaultBeams);
  setDocumentTitle({});
}

QKeySequence SummaryPanel::summarizeShortcut() { return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S); }

void SummaryPanel::setGeneration(int max_new_tokens, int num_beams) {
  length_spin_->setValue(max_new_tokens);
  beams_spin_->setValue(num_beams);
}

int SummaryPanel::maxNewTokens() const { return length_spin_->value(); }

int SummaryPanel::numBeams() const { return beams_spin_->value(); }

bool SummaryPanel::bySection() const { return by_section_->isChecked(); }

void SummaryPanel::setDocumentTitle(const QString& title) {
  if (title != document_title_) clearSummary();
  document_title_ = title;
  if (title.isEmpty()) {
    title_label_->setText(tr("Open a document from the library to summarize it."));
    title_label_->setStyleSheet(QStringLiteral("color: gray"));
  } else {
    title_label_->setText(title);
    title_label_->setStyleSheet(QStringLiteral("font-weight: bold"));
  }
  updateEnabled();
}

QString SummaryPanel::summaryText() const { return summary_ ? summary_->text : QString(); }

bool SummaryPanel::exportTo(const QString& path, QString* error) const {
  if (!summary_) {
    if (error != nullptr) *error = tr("There is no summary to export yet.");
    return false;
  }
  return exportSummary(*summary_, path, error);
}

void SummaryPanel::setBusy(bool busy) {
  busy_ = busy;
  showProgress({}, 0, 0);
  updateEnabled();
}

void SummaryPanel::showProgress(const QString& text, int value, int maximum) {
  busy_bar_->setRange(0, maximum);
  busy_bar_->setValue(value);
  stage_label_->setText(text);
}

void SummaryPanel::showSummary(const QString& text, const QString& details, bool section_titles) {
  summary_ = SummaryExport{document_title_, text.trimmed(), details, section_titles};
  summary_view_->setHtml(summaryBodyHtml(*summary_) +
                         QStringLiteral("<p style='color:gray; font-size:small'>%1</p>").arg(details.toHtmlEscaped()));
  updateEnabled();
}

void SummaryPanel::showError(const QString& message) {
  summary_.reset();
  summary_view_->setHtml(QStringLiteral("<p style='color:#b91c1c'><b>%1</b></p><p style='white-space:pre-wrap'>%2</p>")
                             .arg(tr("The document could not be summarized."), message.toHtmlEscaped()));
  updateEnabled();
}

void SummaryPanel::clearSummary() {
  summary_.reset();
  summary_view_->clear();
  updateEnabled();
}

void SummaryPanel::updateEnabled() {
  summarize_button_->setEnabled(!busy_ && !document_title_.isEmpty());
  cancel_button_->setEnabled(busy_);
  busy_bar_->setVisible(busy_);
  stage_label_->setVisible(busy_);
  for (QPushButton* button : export_buttons_) button->setEnabled(summary_.has_value());
}

void SummaryPanel::exportWithDialog(SummaryFileType type, const QString& filter) {
  if (!summary_) return;
  const QString suggested = QDir(export_folder_).filePath(defaultSummaryFileName(summary_->title, type));
  QString path = QFileDialog::getSaveFileName(this, tr("Export Summary"), suggested, filter);
  if (path.isEmpty()) return;  // cancelled
  // Qt's own dialog does not add the extension when the user leaves it out.
  if (QFileInfo(path).suffix().isEmpty()) path += QLatin1Char('.') + summaryFileExtension(type);
  export_folder_ = QFileInfo(path).absolutePath();
  QString error;
  if (!exportTo(path, &error)) QMessageBox::warning(this, tr("Export Failed"), error);
}

}  // namespace frontseat::ui
