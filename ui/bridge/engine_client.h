// The GUI thread's side of the bridge: starts the engine thread, queues
// requests to it and cancels them. Every call returns at once; results arrive
// as signals on the GUI thread. Cancelling sets a flag the engine checks at
// every layer and decoding step, so a running request stops within one layer.
#pragma once

#include <QObject>
#include <QThread>
#include <atomic>
#include <map>
#include <memory>

#include "ui/bridge/query_types.h"

namespace frontseat::ui {

class EngineWorker;

class EngineClient : public QObject {
  Q_OBJECT
 public:
  EngineClient(const QString& database, const QString& trace_dir, QObject* parent = nullptr);
  // Cancels everything and waits for the engine thread to finish its current layer.
  ~EngineClient() override;

  // Used from the next request on; the model is loaded lazily by that request.
  void setModel(const ModelOptions& options);
  // Queues the request and returns its id.
  quint64 submit(QueryRequest request);
  void cancel(quint64 id);
  void cancelAll();
  // Requests submitted and not yet finished or failed.
  int pending() const { return static_cast<int>(cancel_flags_.size()); }

 Q_SIGNALS:
  void modelLoaded(const QString& summary, const QString& device, const QString& dtype, double load_ms);
  void started(quint64 id);
  void progress(const frontseat::ui::QueryProgress& progress);
  void finished(const frontseat::ui::QueryReply& reply);
  void failed(quint64 id, const QString& message, bool cancelled);

 private:
  void forget(quint64 id);

  QThread thread_;
  EngineWorker* worker_ = nullptr;  // owned by thread_ (deleted when it finishes)
  std::map<quint64, std::shared_ptr<std::atomic<bool>>> cancel_flags_;
  quint64 next_id_ = 1;
};

}  // namespace frontseat::ui
