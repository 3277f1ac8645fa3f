#include "ui/library/import_runner.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include "engine/core/errors.h"
#include "engine/session/library_documents.h"

namespace frontseat::ui {

namespace {

struct ImportOutcome {
  qint64 id = 0;
  bool created = false;
  QString error;
};

ImportOutcome importInto(const QString& database, const QString& path) {
  ImportOutcome out;
  try {
    auto library = Library::open(database.toStdString());
    const auto [id, created] = addFileToLibrary(library, path.toStdString());
    out.id = id;
    out.created = created;
  } catch (const Error& e) {
    out.error = QString::fromUtf8(e.what());
  } catch (const std::exception& e) {
    out.error = QObject::tr("Internal error while importing %1: %2").arg(path, QString::fromUtf8(e.what()));
  }
  return out;
}

}  // namespace

ImportRunner::ImportRunner(QString database, QObject* parent) : QObject(parent), database_(std::move(database)) {}

void ImportRunner::importFile(const QString& path) {
  ++running_;
  auto* watcher = new QFutureWatcher<ImportOutcome>(this);
  connect(watcher, &QFutureWatcher<ImportOutcome>::finished, this, [this, watcher, path] {
    const ImportOutcome out = watcher->result();
    watcher->deleteLater();
    --running_;
    if (out.error.isEmpty()) {
      Q_EMIT imported(path, out.id, out.created);
    } else {
      Q_EMIT failed(path, out.error);
    }
  });
  watcher->setFuture(QtConcurrent::run(importInto, database_, path));
}

}  // namespace frontseat::ui
