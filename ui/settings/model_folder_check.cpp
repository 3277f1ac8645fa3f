#include "ui/settings/model_folder_check.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <exception>

#include "engine/model/t5_config.h"

namespace frontseat::ui {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("ModelFolderCheck", text); }

ModelFolderCheck failure(const QString& message) { return {false, message, {}}; }

// "a", "a and b", "a, b and c".
QString joinedList(const QStringList& items) {
  if (items.size() < 2) return items.join(QString());
  return items.mid(0, items.size() - 1).join(QStringLiteral(", ")) + tr(" and ") + items.last();
}

}  // namespace

ModelFolderCheck checkModelFolder(const QString& dir) {
  if (dir.trimmed().isEmpty()) return failure(tr("Choose a model folder."));
  const QFileInfo info(dir);
  if (!info.exists()) return failure(tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(dir)));
  if (!info.isDir()) return failure(tr("%1 is not a folder.").arg(QDir::toNativeSeparators(dir)));

  const QDir folder(dir);
  QStringList missing;
  for (const char* name : {"config.json", "spiece.model"}) {
    if (!folder.exists(QLatin1String(name))) missing << QLatin1String(name);
  }
  if (!folder.exists(QStringLiteral("model.safetensors")) &&
      !folder.exists(QStringLiteral("model.safetensors.index.json"))) {
    missing << tr("model.safetensors (or model.safetensors.index.json)");
  }
  if (!missing.isEmpty()) {
    return failure(tr("The model folder has no %1.").arg(joinedList(missing)));
  }

  try {
    const T5Config config =
        T5Config::load(QFile::encodeName(folder.filePath(QStringLiteral("config.json"))).toStdString());
    return {true, {}, QString::fromStdString(config.summary())};
  } catch (const std::exception& e) {  // CheckpointError, with a message naming the file and field
    return failure(QString::fromStdString(e.what()));
  }
}

}  // namespace frontseat::ui
