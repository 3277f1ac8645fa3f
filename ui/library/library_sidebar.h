// The library sidebar: the documents, newest first, a filter box, an Import
// button, and Remove (with confirmation) on the context menu and Delete key.
#pragma once

#include <QWidget>

#include "ui/library/library_model.h"

class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QLabel;

namespace frontseat::ui {

class LibrarySidebar : public QWidget {
  Q_OBJECT
 public:
  explicit LibrarySidebar(QWidget* parent = nullptr);

  void setDocuments(std::vector<DocumentRecord> documents);
  void selectDocument(int64_t id);
  // The selected document's id, or 0.
  int64_t selectedDocument() const;
  QLineEdit* filterBox() const { return filter_; }
  QListView* listView() const { return list_; }

 Q_SIGNALS:
  void documentActivated(int64_t id);
  void importRequested();
  // Emitted after the user confirmed.
  void removeConfirmed(int64_t id);

 public Q_SLOTS:
  // Asks "Remove <title> and its answers?" and emits removeConfirmed on yes.
  void removeSelected();

 private:
  LibraryModel* model_;
  QSortFilterProxyModel* proxy_;
  QLineEdit* filter_;
  QListView* list_;
  QLabel* empty_hint_;
};

}  // namespace frontseat::ui
