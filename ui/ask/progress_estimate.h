// Turns the engine's progress reports into what the progress bar shows: the
// stage in words ("Encoding layer 5 of 12") and an estimate of the time left in
// that stage, from the pace so far.
#pragma once

#include <QString>

#include "ui/bridge/query_types.h"

namespace frontseat::ui {

struct ProgressView {
  QString text;     // e.g. "Encoding layer 5 of 12 · about 40 s left"
  int value = 0;    // for a QProgressBar with range [0, maximum]
  int maximum = 0;  // 0 = busy indicator (stage of unknown length)
};

ProgressView describeProgress(const QueryProgress& progress);

// "0.4 s", "12 s", "3 min 5 s".
QString describeDuration(double ms);

}  // namespace frontseat::ui
