// The engine thread's side of the bridge: owns the Engine (loaded lazily on the
// first request, reloaded when the model settings change) and its own library
// connection, answers queued requests one at a time and records them in the
// history. Lives on EngineClient's worker thread; never touched from the GUI
// thread except through queued signals.
#pragma once

#include <QObject>
#include <QString>
#include <memory>

#include "engine/store/library.h"
#include "ui/bridge/query_types.h"

namespace frontseat::ui {

class EngineWorker : public QObject {
  Q_OBJECT
 public:
  // `database` is the library file; traces go to `trace_dir`.
  EngineWorker(QString database, QString trace_dir);
  ~EngineWorker() override;

 public Q_SLOTS:
  void setModel(const frontseat::ModelOptions& options);  // takes effect at the next request
  void run(const frontseat::ui::QueryRequest& request);

 Q_SIGNALS:
  void modelLoaded(const QString& summary, const QString& device, const QString& dtype, double load_ms);
  void started(quint64 id);
  void progress(const frontseat::ui::QueryProgress& progress);
  void finished(const frontseat::ui::QueryReply& reply);
  // `cancelled`: the user stopped it; otherwise `message` says what went wrong.
  void failed(quint64 id, const QString& message, bool cancelled);

 private:
  QueryReply answer(const QueryRequest& request);
  Engine& engine(const QueryRequest& request, double* load_ms);
  Library& library();

  QString database_, trace_dir_;
  ModelOptions model_;
  ModelOptions loaded_model_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Library> library_;
};

}  // namespace frontseat::ui
