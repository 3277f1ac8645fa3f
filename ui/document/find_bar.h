// The find-in-document bar: a query field, the "3 of 17" match count, previous /
// next / close buttons. It only reports what the user asks for; the document view
// does the finding.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;

namespace frontseat::ui {

class FindBar : public QWidget {
  Q_OBJECT

 public:
  explicit FindBar(QWidget* parent = nullptr);

  QString query() const;
  void setQuery(const QString& query);  // emits queryChanged when it differs

  // Shows the bar with the query selected, ready to be typed over.
  void openAndFocus();

 public Q_SLOTS:
  // `current` is 0-based, -1 for none; shows "3 of 17", "No matches" or nothing
  // (empty query).
  void showMatchStatus(int current, int count);

 Q_SIGNALS:
  void queryChanged(const QString& query);
  void nextRequested();      // Enter
  void previousRequested();  // Shift+Enter
  void closed();             // Esc or the close button; the bar is hidden by then

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void dismiss();

  QLineEdit* query_edit_;
  QLabel* status_label_;
};

}  // namespace frontseat::ui
