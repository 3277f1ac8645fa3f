// Measures how long the GUI thread's event loop goes without running: a 5 ms
// timer notes the largest gap between its ticks. A gap over 100 ms is a stall a
// user feels (typing, scrolling and repainting wait that long).
#pragma once

#include <QObject>
#include <QTimer>
#include <utility>

namespace frontseat::bench {

class EventLoopProbe : public QObject {
  Q_OBJECT
 public:
  explicit EventLoopProbe(QObject* parent = nullptr);
  // Starts a new measurement window.
  void reset();
  // When the longest gap began and ended, in bench::nowMs() time. It includes the
  // gap still open: a stall that ends the window (the handler that shows the
  // answer, say) has no tick after it yet.
  std::pair<double, double> maxGapSpan() const;
  int ticks() const { return ticks_; }

 private:
  void tick();

  QTimer timer_;
  double last_ms_ = 0, max_gap_ms_ = 0, max_gap_begin_ms_ = 0;
  int ticks_ = 0;
};

}  // namespace frontseat::bench
