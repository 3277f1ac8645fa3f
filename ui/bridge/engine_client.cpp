#include "ui/bridge/engine_client.h"

#include "ui/bridge/engine_worker.h"

namespace frontseat::ui {

EngineClient::EngineClient(const QString& database, const QString& trace_dir, QObject* parent) : QObject(parent) {
  qRegisterMetaType<QueryRequest>();
  qRegisterMetaType<QueryReply>();
  qRegisterMetaType<QueryProgress>();
  qRegisterMetaType<ModelOptions>();
  thread_.setObjectName(QStringLiteral("frontseat-engine"));
  worker_ = new EngineWorker(database, trace_dir);
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(worker_, &EngineWorker::modelLoaded, this, &EngineClient::modelLoaded);
  connect(worker_, &EngineWorker::started, this, &EngineClient::started);
  connect(worker_, &EngineWorker::progress, this, &EngineClient::progress);
  connect(worker_, &EngineWorker::finished, this, [this](const QueryReply& reply) {
    forget(reply.id);
    Q_EMIT finished(reply);
  });
  connect(worker_, &EngineWorker::failed, this, [this](quint64 id, const QString& message, bool cancelled) {
    forget(id);
    Q_EMIT failed(id, message, cancelled);
  });
  thread_.start();
}

EngineClient::~EngineClient() {
  cancelAll();
  thread_.quit();
  thread_.wait();
}

void EngineClient::setModel(const ModelOptions& options) {
  QMetaObject::invokeMethod(worker_, [w = worker_, options] { w->setModel(options); }, Qt::QueuedConnection);
}

quint64 EngineClient::submit(QueryRequest request) {
  request.id = next_id_++;
  request.cancel = std::make_shared<std::atomic<bool>>(false);
  cancel_flags_[request.id] = request.cancel;
  QMetaObject::invokeMethod(worker_, [w = worker_, request] { w->run(request); }, Qt::QueuedConnection);
  return request.id;
}

void EngineClient::cancel(quint64 id) {
  if (auto it = cancel_flags_.find(id); it != cancel_flags_.end()) it->second->store(true);
}

void EngineClient::cancelAll() {
  for (auto& [id, flag] : cancel_flags_) flag->store(true);
}

void EngineClient::forget(quint64 id) { cancel_flags_.erase(id); }

}  // namespace frontseat::ui
