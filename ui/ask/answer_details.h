// One line describing how an answer was made, from its history record:
// attention, timings, input length, device and the VCC settings.
#pragma once

#include <QString>

#include "engine/store/library.h"

namespace frontseat::ui {

// e.g. "VCC · 16 384 tokens · encode 1.2 s · decode 0.3 s · cpu float32 ·
// 48 VIP, 90 fine blocks of 16, 2 levels". Missing or damaged JSON fields are
// left out rather than shown wrong.
QString describeAnswerSettings(const AnswerRecord& record);

}  // namespace frontseat::ui
