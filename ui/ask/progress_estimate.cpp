#include "ui/ask/progress_estimate.h"

#include <QObject>
#include <cmath>

namespace frontseat::ui {

QString describeDuration(double ms) {
  if (ms < 10000) return QObject::tr("%1 s").arg(QString::number(ms / 1000.0, 'f', 1));
  const auto seconds = static_cast<long long>(std::llround(ms / 1000.0));
  if (seconds < 60) return QObject::tr("%1 s").arg(seconds);
  return QObject::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
}

ProgressView describeProgress(const QueryProgress& p) {
  ProgressView view;
  if (p.stage == QLatin1String("load")) {
    view.text = QObject::tr("Loading the model…");
    return view;
  }
  if (p.stage == QLatin1String("tokenize")) {
    view.text = QObject::tr("Reading the document…");
    return view;
  }
  const bool decode = p.stage == QLatin1String("decode");
  view.maximum = std::max(p.total, 1);
  view.value = std::clamp(p.done, 0, view.maximum);
  const int current = std::min(p.done + 1, p.total);
  if (decode) {
    view.text = QObject::tr("Writing the answer: token %1 (at most %2)").arg(p.done).arg(p.total);
  } else if (p.stage == QLatin1String("section")) {
    view.text = QObject::tr("Summarizing section %1 of %2").arg(current).arg(p.total);
  } else {
    view.text = QObject::tr("Encoding layer %1 of %2").arg(current).arg(p.total);
  }
  if (p.done > 0 && p.done < p.total && p.stage_elapsed_ms > 0) {
    // Decoding stops at the end of the answer, usually well before the step
    // limit, so its estimate is an upper bound.
    const QString left = describeDuration(p.stage_elapsed_ms / p.done * (p.total - p.done));
    view.text += decode ? QObject::tr(" · at most %1 left").arg(left) : QObject::tr(" · about %1 left").arg(left);
  }
  return view;
}

}  // namespace frontseat::ui
