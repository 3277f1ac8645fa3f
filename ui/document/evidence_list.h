// The list of evidence passages beside an answer: rank, the passage's opening
// words, in how many layers the model refined it and how strongly, strongest
// first. Choosing one asks the document view to show it.
#pragma once

#include <QListWidget>
#include <string_view>
#include <vector>

#include "engine/vcc/trace_summary.h"

namespace frontseat::ui {

class EvidenceList : public QListWidget {
  Q_OBJECT

 public:
  explicit EvidenceList(QWidget* parent = nullptr);

  // Lists the passages in strongestFirst() order (the document view's evidence
  // indices); snippets come from `document_utf8`, the text their byte spans index.
  void setPassages(std::vector<EvidencePassage> passages, std::string_view document_utf8);
  void clearPassages();

  // Shown instead of the list while it is empty.
  QString placeholderText() const;

 public Q_SLOTS:
  // Selects row `index` (e.g. when the document view steps to it); passageActivated
  // is only for the user's choices.
  void showCurrent(int index);

 Q_SIGNALS:
  void passageActivated(int index);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
};

}  // namespace frontseat::ui
