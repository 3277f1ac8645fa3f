// The compare view: one question answered with full attention and with VCC, side
// by side (answer, encode and decode times, input length, settings), and below,
// whether the answers agree (exact match, token F1) and how much faster VCC
// encoded.
#pragma once

#include <QWidget>
#include <memory>

#include "ui/compare/compare_side.h"

class QFrame;
class QLabel;

namespace frontseat::ui {

class CompareColumn;

class CompareView : public QWidget {
  Q_OBJECT

 public:
  explicit CompareView(QWidget* parent = nullptr);
  ~CompareView() override;

  void setQuestion(const QString& question);
  // A side that is pending shows "running…" until its answer or error comes; a
  // side that is not keeps what it shows, unless that was "running…".
  void setPending(bool full_pending, bool vcc_pending);
  void setSide(bool vcc, const CompareSide& side);
  void setSideError(bool vcc, const QString& message);
  // Both sides and the question emptied, the agreement hidden.
  void clear();

  // The agreement line as shown ("Different answers · token F1 67% · VCC encoded
  // 11.2× faster"); empty while it is hidden, i.e. until both sides have answers.
  QString agreementText() const;

 private:
  CompareColumn& column(bool vcc) const { return vcc ? *vcc_column_ : *full_column_; }
  void updateAgreement();

  QLabel* question_label_;
  std::unique_ptr<CompareColumn> full_column_;
  std::unique_ptr<CompareColumn> vcc_column_;
  QFrame* agreement_;
  QLabel* verdict_label_;
  QLabel* f1_label_;
  QLabel* speed_label_;
};

}  // namespace frontseat::ui
