#include "bench/ui/event_loop_probe.h"

namespace frontseat::bench {

EventLoopProbe::EventLoopProbe(QObject* parent) : QObject(parent) {
  timer_.setTimerType(Qt::PreciseTimer);
  timer_.setInterval(5);
  connect(&timer_, &QTimer::timeout, this, &EventLoopProbe::tick);
  clock_.start();
  timer_.start();
}

void EventLoopProbe::reset() {
  last_ms_ = static_cast<double>(clock_.nsecsElapsed()) / 1e6;
  max_gap_ms_ = 0;
  ticks_ = 0;
}

void EventLoopProbe::tick() {
  const double now = static_cast<double>(clock_.nsecsElapsed()) / 1e6;
  max_gap_ms_ = std::max(max_gap_ms_, now - last_ms_);
  last_ms_ = now;
  ++ticks_;
}

}  // namespace frontseat::bench
