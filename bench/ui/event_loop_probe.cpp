#include "bench/ui/event_loop_probe.h"

#include "bench/ui/timed_application.h"

#include <algorithm>

namespace frontseat::bench {

EventLoopProbe::EventLoopProbe(QObject* parent) : QObject(parent) {
  timer_.setTimerType(Qt::PreciseTimer);
  timer_.setInterval(5);
  connect(&timer_, &QTimer::timeout, this, &EventLoopProbe::tick);
  timer_.start();
}

void EventLoopProbe::reset() {
  last_ms_ = nowMs();
  max_gap_ms_ = 0;
  max_gap_begin_ms_ = last_ms_;
  ticks_ = 0;
}

std::pair<double, double> EventLoopProbe::maxGapSpan() const {
  const double now = nowMs();
  if (now - last_ms_ > max_gap_ms_) return {last_ms_, now};
  return {max_gap_begin_ms_, max_gap_begin_ms_ + max_gap_ms_};
}

void EventLoopProbe::tick() {
  const double now = nowMs();
  if (now - last_ms_ > max_gap_ms_) {
    max_gap_ms_ = now - last_ms_;
    max_gap_begin_ms_ = last_ms_;
  }
  last_ms_ = now;
  ++ticks_;
}

}  // namespace frontseat::bench
