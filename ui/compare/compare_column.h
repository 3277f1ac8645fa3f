// One side's column of the compare view's table: a heading ("Full attention" or
// "VCC") over the answer, encode and decode times, input length and settings,
// or over "running…" or an error while there is no answer. The view lays both
// columns into one grid so that their rows line up.
#pragma once

#include <QCoreApplication>
#include <optional>

#include "ui/compare/compare_side.h"

class QGridLayout;
class QLabel;
class QWidget;

namespace frontseat::ui {

class CompareColumn {
  Q_DECLARE_TR_FUNCTIONS(CompareColumn)

 public:
  // The grid's rows, shared by both columns; column 0 holds rowNames().
  enum Row { kHeadingRow, kAnswerRow, kEncodeRow, kDecodeRow, kInputRow, kSettingsRow };
  static QStringList rowNames();

  // Adds the column's labels to `grid` at `column`; their object names start
  // with `name` ("fullAnswer", "fullEncode", ...).
  CompareColumn(QWidget* parent, QGridLayout* grid, int column, const QString& heading, const QString& name);

  void showPending();
  void showSide(const CompareSide& side);
  void showError(const QString& message);
  void clear();

  // Whether "running…" is shown; an answer or error replaces it.
  bool pending() const { return pending_; }
  // The answer shown, if any (not while pending or after an error).
  const std::optional<CompareSide>& side() const { return side_; }

 private:
  // Shows `html` in place of the answer, with no times or settings.
  void showMessage(const QString& html);

  QLabel* answer_;
  QLabel* encode_;
  QLabel* decode_;
  QLabel* input_;
  QLabel* settings_;
  std::optional<CompareSide> side_;
  bool pending_ = false;
};

}  // namespace frontseat::ui
