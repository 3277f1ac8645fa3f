// The words and numbers of the compare view: times, the speed ratio and whether
// the two answers agree.
#pragma once

#include <QString>

namespace frontseat::ui {

// "0.8 ms", "85 ms", "1.24 s", "12.3 s", "2 min 5 s": three significant digits
// below a minute, since the two sides' times are read against each other.
QString formatCompareTime(double ms);

// "VCC encoded 11.2× faster" (or "… slower"), "VCC and full attention encoded
// equally fast" when the ratio rounds to 1.0; empty when either time is not
// positive.
QString speedRatioText(double full_encode_ms, double vcc_encode_ms);

struct AnswerAgreement {
  bool same = false;  // exact match after SQuAD normalization
  double f1 = 0;      // token F1 in [0, 1]
};
AnswerAgreement compareAnswers(const QString& full_answer, const QString& vcc_answer);

// "67%": a token F1 as a whole percentage.
QString formatF1(double f1);

}  // namespace frontseat::ui
