// Measures how long the GUI thread's event loop goes without running: a 5 ms
// timer notes the largest gap between its ticks. A gap over 100 ms is a stall a
// user feels (typing, scrolling and repainting wait that long).
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace frontseat::bench {

class EventLoopProbe : public QObject {
  Q_OBJECT
 public:
  explicit EventLoopProbe(QObject* parent = nullptr);
  // Starts a new measurement window.
  void reset();
  double maxGapMs() const { return max_gap_ms_; }
  int ticks() const { return ticks_; }

 private:
  void tick();

  QTimer timer_;
  QElapsedTimer clock_;
  double last_ms_ = 0, max_gap_ms_ = 0;
  int ticks_ = 0;
};

}  // namespace frontseat::bench
