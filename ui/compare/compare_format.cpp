#include "ui/compare/compare_format.h"

#include <QLocale>
#include <QObject>
#include <cmath>

#include "engine/text/answer_match.h"

namespace frontseat::ui {
namespace {

// `value` with three significant digits (at most two decimals).
QString threeDigits(double value) {
  const int decimals = value < 10 ? 2 : value < 100 ? 1 : 0;
  return QLocale().toString(value, 'f', decimals);
}

}  // namespace

QString formatCompareTime(double ms) {
  if (ms < 1000) {
    return QObject::tr("%1 ms").arg(ms < 10 ? QLocale().toString(ms, 'f', 1) : QLocale().toString(std::lround(ms)));
  }
  if (ms < 60000) return QObject::tr("%1 s").arg(threeDigits(ms / 1000));
  const long seconds = std::lround(ms / 1000);
  return QObject::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
}

QString speedRatioText(double full_encode_ms, double vcc_encode_ms) {
  if (!(full_encode_ms > 0) || !(vcc_encode_ms > 0)) return {};
  const bool faster = vcc_encode_ms <= full_encode_ms;
  const double ratio = faster ? full_encode_ms / vcc_encode_ms : vcc_encode_ms / full_encode_ms;
  if (ratio < 1.05) return QObject::tr("VCC and full attention encoded equally fast");
  const QString shown = QLocale().toString(ratio, 'f', ratio < 100 ? 1 : 0);
  return faster ? QObject::tr("VCC encoded %1× faster").arg(shown) : QObject::tr("VCC encoded %1× slower").arg(shown);
}

AnswerAgreement compareAnswers(const QString& full_answer, const QString& vcc_answer) {
  const std::string full = full_answer.toStdString(), vcc = vcc_answer.toStdString();
  return {exactMatch(full, vcc), tokenF1(full, vcc)};
}

QString formatF1(double f1) { return QObject::tr("%1%").arg(std::lround(f1 * 100)); }

}  // namespace frontseat::ui
