// Progress reporting and cancellation for long engine work. Plain C++ so the UI
// thread bridge and the CLI can use it without LibTorch.
#pragma once

#include <atomic>
#include <functional>
#include <string>

#include "engine/core/errors.h"

namespace frontseat {

struct Progress {
  std::string stage;  // "encode" or "decode"
  int done = 0;       // layers or decoding steps finished
  int total = 0;
};

struct JobControl {
  std::function<void(const Progress&)> on_progress;  // called on the engine thread
  const std::atomic<bool>* cancel = nullptr;         // set from any thread to stop at the next layer
};

// Throws CancelledError when the job's cancel flag is set.
inline void checkCancel(const JobControl& control) {
  if (control.cancel && control.cancel->load()) throw CancelledError("cancelled");
}

}  // namespace frontseat
