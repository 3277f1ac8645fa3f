// A QApplication that notes when each event on the GUI thread ran and what it was,
// so a stall the EventLoopProbe measures comes with what filled it: one slow event
// (a paint, a queued reply), many small ones back to back, or none (the thread was
// not running at all).
#pragma once

#include <QApplication>
#include <QEvent>
#include <QString>
#include <vector>

namespace frontseat::bench {

// Milliseconds on a steady clock shared by the probe and the application.
double nowMs();

class TimedApplication : public QApplication {
 public:
  TimedApplication(int& argc, char** argv) : QApplication(argc, argv) {}
  bool notify(QObject* receiver, QEvent* event) override;

  // Forgets the events noted so far.
  void resetEvents() { events_.clear(); }
  // What ran between two times of nowMs(): "12 events, 95 ms; the slowest 43 ms:
  // QWidgetWindow Expose <- QWidget(qt_scrollarea_viewport) Paint" (the slowest event
  // dispatched inside it after "<-").
  QString describeSpan(double from_ms, double to_ms) const;

 private:
  struct EventName {
    const char* receiver_class = nullptr;
    QString object_name;
    QEvent::Type type = QEvent::None;
    QString text() const;
  };
  struct Dispatch {
    double begin_ms, end_ms;
    EventName name, slowest_inside;
  };

  int depth_ = 0;
  std::vector<Dispatch> events_;
  // The slowest event nested inside the current top-level one.
  double inner_ms_ = 0;
  EventName inner_;
};

}  // namespace frontseat::bench
