#include "bench/ui/timed_application.h"

#include <QMetaEnum>
#include <QThread>
#include <algorithm>
#include <chrono>

namespace frontseat::bench {

double nowMs() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

QString TimedApplication::EventName::text() const {
  if (!receiver_class) return {};
  const char* type_name = QMetaEnum::fromType<QEvent::Type>().valueToKey(type);
  QString out = QString::fromLatin1(receiver_class);
  if (!object_name.isEmpty()) out += "(" + object_name + ")";
  return out + " " + (type_name ? QString::fromLatin1(type_name) : QString::number(type));
}

bool TimedApplication::notify(QObject* receiver, QEvent* event) {
  // Other threads' events (the engine worker's queued jobs) stall nothing a user sees.
  if (QThread::currentThread() != thread()) return QApplication::notify(receiver, event);
  const int depth = depth_++;
  if (depth == 0) {
    inner_ms_ = 0;
    inner_ = {};
  }
  // Named before the dispatch: the event may delete its receiver (deleteLater).
  EventName name{receiver->metaObject()->className(), receiver->objectName(), event->type()};
  const double begin = nowMs();
  const bool handled = QApplication::notify(receiver, event);
  const double end = nowMs();
  --depth_;
  if (depth == 1 && end - begin > inner_ms_) {
    inner_ms_ = end - begin;
    inner_ = std::move(name);
  } else if (depth == 0) {
    events_.push_back({begin, end, std::move(name), inner_});
  }
  return handled;
}

QString TimedApplication::describeSpan(double from_ms, double to_ms) const {
  int count = 0;
  double busy = 0;
  const Dispatch* slowest = nullptr;
  for (const auto& event : events_) {
    const double overlap = std::min(event.end_ms, to_ms) - std::max(event.begin_ms, from_ms);
    if (overlap <= 0) continue;
    ++count;
    busy += overlap;
    if (!slowest || event.end_ms - event.begin_ms > slowest->end_ms - slowest->begin_ms) slowest = &event;
  }
  if (!slowest) return QStringLiteral("no events ran");
  QString text = QStringLiteral("%1 events, %2 ms; the slowest %3 ms: %4")
                     .arg(count)
                     .arg(busy, 0, 'f', 0)
                     .arg(slowest->end_ms - slowest->begin_ms, 0, 'f', 0)
                     .arg(slowest->name.text());
  const QString inside = slowest->slowest_inside.text();
  return inside.isEmpty() ? text : text + " <- " + inside;
}

}  // namespace frontseat::bench
