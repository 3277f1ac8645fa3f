#include "ui/window/app_paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace frontseat::ui {

namespace {

bool isModelFolder(const QString& dir) { return QFileInfo::exists(QDir(dir).filePath(QStringLiteral("config.json"))); }

}  // namespace

AppPaths defaultAppPaths() {
  const QDir data(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/frontseat"));
  return {data.filePath(QStringLiteral("library.sqlite")), data.filePath(QStringLiteral("traces")), findBundledModel()};
}

QString findBundledModel() {
  const QString from_env = qEnvironmentVariable("FRONTSEAT_MODEL_DIR");
  if (!from_env.isEmpty()) return from_env;
  const QDir app(QCoreApplication::applicationDirPath());
  QStringList roots = {app.filePath(QStringLiteral("../share/frontseat/models"))};
#ifdef FRONTSEAT_BUILD_MODELS_DIR
  roots << QStringLiteral(FRONTSEAT_SOURCE_MODELS_DIR) << QStringLiteral(FRONTSEAT_BUILD_MODELS_DIR);
#endif
  for (const QString& name : {QStringLiteral("frontseat-demo"), QStringLiteral("tiny-random")}) {
    for (const QString& root : roots) {
      const QString dir = QDir(root).filePath(name);
      if (isModelFolder(dir)) return QDir::cleanPath(dir);
    }
  }
  return {};
}

}  // namespace frontseat::ui
