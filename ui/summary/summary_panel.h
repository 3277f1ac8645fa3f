// The Summary panel: summary length and beam count, whether to summarize section
// by section, Summarize and Cancel, progress, the summary with a grey line saying
// how it was made, and export to Markdown, HTML
// or PDF. It only reports what the user asks for; the window runs the engine.
#pragma once

#include <QKeySequence>
#include <QWidget>
#include <optional>

#include "ui/summary/summary_export.h"

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTextBrowser;

namespace frontseat::ui {

class SummaryPanel : public QWidget {
  Q_OBJECT

 public:
  explicit SummaryPanel(QWidget* parent = nullptr);

  // The window's "Summarize Document" action; the button's tooltip names it.
  static QKeySequence summarizeShortcut();

  // The spin boxes' values (defaults from the settings); clamped to 16–1024
  // tokens and 1–8 beams.
  void setGeneration(int max_new_tokens, int num_beams);
  int maxNewTokens() const;
  int numBeams() const;
  // Checked by default: a long document of many parts gets a paragraph a part.
  bool bySection() const;

  // Empty: no document open, summarizing is disabled. A different title clears
  // the summary, which belonged to the previous document.
  void setDocumentTitle(const QString& title);

  bool hasSummary() const { return summary_.has_value(); }
  QString summaryText() const;

  // Writes the shown summary to `path` (.md, .html or .pdf). False with a message
  // in `error` when no summary is shown or the file could not be written.
  bool exportTo(const QString& path, QString* error) const;

 public Q_SLOTS:
  // While busy, Summarize is disabled, Cancel enabled and a busy bar shown.
  void setBusy(bool busy);
  // While busy: the bar at value of maximum (0: busy indicator) and `text` under it.
  void showProgress(const QString& text, int value, int maximum);
  // Replaces the view's content; `details` says how the summary was made;
  // `section_titles`: a summary by section (see SummaryExport).
  void showSummary(const QString& text, const QString& details, bool section_titles = false);
  // Replaces the view's content (and any summary) with the error.
  void showError(const QString& message);
  void clearSummary();

 Q_SIGNALS:
  void summarizeRequested(int max_new_tokens, int num_beams, bool by_section);
  void cancelRequested();

 private:
  void exportWithDialog(SummaryFileType type, const QString& filter);
  void updateEnabled();

  QLabel* title_label_;
  QSpinBox* length_spin_;
  QSpinBox* beams_spin_;
  QCheckBox* by_section_;
  QPushButton* summarize_button_;
  QPushButton* cancel_button_;
  QProgressBar* busy_bar_;
  QLabel* stage_label_;
  QTextBrowser* summary_view_;
  QList<QPushButton*> export_buttons_;
  QString document_title_;
  std::optional<SummaryExport> summary_;
  QString export_folder_;  // where the last export went, to start the next dialog there
  bool busy_ = false;
};

}  // namespace frontseat::ui
