#include "ui/window/app_paths.h"

#include <QDir>
#include <QStandardPaths>

#include "engine/session/bundled_model.h"

namespace frontseat::ui {

AppPaths defaultAppPaths() {
  const QDir data(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/frontseat"));
  return {data.filePath(QStringLiteral("library.sqlite")), data.filePath(QStringLiteral("traces")), findBundledModel()};
}

QString findBundledModel() { return QString::fromStdString(frontseat::findBundledModel().string()); }

}  // namespace frontseat::ui
