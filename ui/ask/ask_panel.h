// The Ask panel: the question box (Enter asks), Ask and Compare buttons, the
// passages pinned VIP, progress with stage and time left, Cancel, the answer
// with how it was made, and the document's question history.
#pragma once

#include <QWidget>
#include <vector>

#include "engine/store/library.h"
#include "ui/bridge/query_types.h"

class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTextBrowser;

namespace frontseat::ui {

class AskPanel : public QWidget {
  Q_OBJECT
 public:
  explicit AskPanel(QWidget* parent = nullptr);

  // Empty: no document open; asking is disabled.
  void setDocumentTitle(const QString& title);
  void setBusy(bool busy);
  bool busy() const { return busy_; }
  void showProgress(const QueryProgress& progress);
  void showAnswer(const AnswerRecord& record);
  void showError(const QString& message);
  // Newest first, answers only (summaries are in their own panel).
  void setHistory(const std::vector<AnswerRecord>& history);
  void setPinnedCount(int count);

  // Emits askRequested (or compareRequested) for the question in the box, when
  // there is one and nothing is running.
  void submitQuestion(bool compare);

  QLineEdit* questionBox() const { return question_; }
  QString answerText() const;
  int historyCount() const;

 Q_SIGNALS:
  void askRequested(const QString& question);
  void compareRequested(const QString& question);
  void cancelRequested();
  void clearPinsRequested();
  void historyActivated(qint64 record_id);

 private:
  void updateEnabled();

  QLineEdit* question_;
  QPushButton* ask_;
  QPushButton* compare_;
  QPushButton* cancel_;
  QLabel* pins_;
  QPushButton* clear_pins_;
  QProgressBar* progress_;
  QLabel* stage_;
  QTextBrowser* answer_;
  QListWidget* history_;
  bool busy_ = false;
  bool has_document_ = false;
};

}  // namespace frontseat::ui
