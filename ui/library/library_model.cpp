#include "ui/library/library_model.h"

#include <QDateTime>
#include <QFileInfo>
#include <QLocale>

namespace frontseat::ui {

void LibraryModel::setDocuments(std::vector<DocumentRecord> documents) {
  beginResetModel();
  documents_ = std::move(documents);
  endResetModel();
}

int LibraryModel::rowOf(int64_t id) const {
  for (size_t i = 0; i < documents_.size(); ++i) {
    if (documents_[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

int LibraryModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(documents_.size());
}

QVariant LibraryModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const auto& d = documents_[static_cast<size_t>(index.row())];
  switch (role) {
    case Qt::DisplayRole: {
      const QString title = QString::fromStdString(d.title);
      return title.isEmpty() ? QFileInfo(QString::fromStdString(d.source_path)).fileName() : title;
    }
    case Qt::ToolTipRole:
      return tr("%1 · %2 of text\n%3\nAdded %4")
          .arg(QString::fromStdString(d.format).toUpper(), describeBytes(d.text_bytes),
               QString::fromStdString(d.source_path),
               QLocale().toString(QDateTime::fromSecsSinceEpoch(d.added_at), QLocale::ShortFormat));
    case IdRole:
      return QVariant::fromValue<qlonglong>(d.id);
    case FormatRole:
      return QString::fromStdString(d.format);
    default:
      return {};
  }
}

QString describeBytes(int64_t bytes) {
  if (bytes < 1024) return QObject::tr("%1 bytes").arg(bytes);
  if (bytes < 1024 * 1024) return QObject::tr("%1 KB").arg(QString::number(bytes / 1024.0, 'f', 0));
  return QObject::tr("%1 MB").arg(QString::number(bytes / (1024.0 * 1024.0), 'f', 1));
}

}  // namespace frontseat::ui
