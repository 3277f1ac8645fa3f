// The library's documents as a Qt list model for the sidebar: title (display),
// a tooltip with format, size, source and date, and the document id (IdRole).
// Reloaded from a Library snapshot; the sidebar filters it with a proxy.
#pragma once

#include <QAbstractListModel>
#include <vector>

#include "engine/store/library.h"

namespace frontseat::ui {

class LibraryModel : public QAbstractListModel {
  Q_OBJECT
 public:
  enum Roles { IdRole = Qt::UserRole + 1, FormatRole };

  using QAbstractListModel::QAbstractListModel;

  void setDocuments(std::vector<DocumentRecord> documents);
  const std::vector<DocumentRecord>& documents() const { return documents_; }
  // The row of a document id, or -1.
  int rowOf(int64_t id) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;

 private:
  std::vector<DocumentRecord> documents_;
};

// "1.2 MB", "830 KB", "512 bytes".
QString describeBytes(int64_t bytes);

}  // namespace frontseat::ui
