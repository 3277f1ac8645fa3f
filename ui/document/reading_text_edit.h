// A read-only plain text pane set for reading long documents: a larger font, and
// a text column capped at a comfortable line length and centered when the pane is
// wide (long lines across a full-screen window are hard to follow). With no text
// it shows its placeholder centered, as an empty state.
#pragma once

#include <QPlainTextEdit>

namespace frontseat::ui {

class ReadingTextEdit : public QPlainTextEdit {
  Q_OBJECT

 public:
  explicit ReadingTextEdit(QWidget* parent = nullptr);

 protected:
  void resizeEvent(QResizeEvent* event) override;
  void changeEvent(QEvent* event) override;
  void paintEvent(QPaintEvent* event) override;

 private:
  void centerTextColumn();
};

}  // namespace frontseat::ui
