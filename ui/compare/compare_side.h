// One side of a full-attention-versus-VCC comparison: the answer and how it was
// made.
#pragma once

#include <QString>
#include <QtGlobal>

namespace frontseat::ui {

struct CompareSide {
  QString answer;
  double encode_ms = 0;
  double decode_ms = 0;
  qint64 input_tokens = 0;
  QString settings;  // one line: model, device, VCC settings
};

}  // namespace frontseat::ui
