// The strip above the document: its title, the heading outline, the page box
// ("Page 3 of 12", PDFs only) and the evidence stepper ("Evidence 2 of 5"). Each
// part hides when the document has nothing for it. It speaks in indices; the
// document view turns them into positions.
#pragma once

#include <QWidget>
#include <vector>

#include "engine/import/imported_document.h"

class QComboBox;
class QLabel;
class QSpinBox;
class QToolButton;

namespace frontseat::ui {

class NavigationBar : public QWidget {
  Q_OBJECT

 public:
  explicit NavigationBar(QWidget* parent = nullptr);

  void setTitle(const QString& title);
  void setHeadings(const std::vector<DocumentHeading>& headings);
  void setPageNumbers(const std::vector<DocumentPage>& pages);

  // Follow the reader without emitting anything: the heading (-1: before the first)
  // and page index in view.
  void showHeading(int index);
  void showPage(int index);
  // `current` is 0-based, -1 before any was visited; hidden when `count` is 0.
  void showEvidencePosition(int current, int count);

 Q_SIGNALS:
  void headingChosen(int index);
  void pageChosen(int index);
  void previousEvidenceRequested();
  void nextEvidenceRequested();

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  void elideTitle();

  QString title_;
  QLabel* title_label_;
  QComboBox* outline_box_;
  QSpinBox* page_box_;
  QWidget* evidence_stepper_;
  QLabel* evidence_label_;
};

}  // namespace frontseat::ui
