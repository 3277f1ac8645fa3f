#include "ui/library/library_sidebar.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QVBoxLayout>

namespace frontseat::ui {

LibrarySidebar::LibrarySidebar(QWidget* parent) : QWidget(parent) {
  model_ = new LibraryModel(this);
  proxy_ = new QSortFilterProxyModel(this);
  proxy_->setSourceModel(model_);
  proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);

  filter_ = new QLineEdit(this);
  filter_->setPlaceholderText(tr("Filter by title"));
  filter_->setClearButtonEnabled(true);
  connect(filter_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);

  list_ = new QListView(this);
  list_->setModel(proxy_);
  list_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  list_->setUniformItemSizes(true);
  list_->setTextElideMode(Qt::ElideRight);
  list_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  list_->setContextMenuPolicy(Qt::ActionsContextMenu);
  auto* remove = new QAction(tr("Remove from Library…"), list_);
  remove->setShortcut(QKeySequence::Delete);
  remove->setShortcutContext(Qt::WidgetShortcut);
  connect(remove, &QAction::triggered, this, &LibrarySidebar::removeSelected);
  list_->addAction(remove);
  connect(list_->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& current) {
    if (current.isValid()) Q_EMIT documentActivated(current.data(LibraryModel::IdRole).toLongLong());
  });

  empty_hint_ = new QLabel(tr("No documents yet.\nImport one (Ctrl+O) or drop a file on the window."), this);
  empty_hint_->setAlignment(Qt::AlignCenter);
  empty_hint_->setWordWrap(true);
  empty_hint_->setStyleSheet(QStringLiteral("color: palette(mid);"));

  auto* import_button = new QPushButton(tr("Import…"), this);
  import_button->setToolTip(tr("Import a document (Ctrl+O): txt, md, html, pdf, docx, epub"));
  connect(import_button, &QPushButton::clicked, this, &LibrarySidebar::importRequested);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addWidget(filter_);
  layout->addWidget(list_, 1);
  layout->addWidget(empty_hint_, 1);
  layout->addWidget(import_button);
  empty_hint_->hide();
}

void LibrarySidebar::setDocuments(std::vector<DocumentRecord> documents) {
  const int64_t selected = selectedDocument();
  const QSignalBlocker block(list_->selectionModel());
  model_->setDocuments(std::move(documents));
  const bool empty = model_->rowCount() == 0;
  list_->setVisible(!empty);
  empty_hint_->setVisible(empty);
  if (selected) selectDocument(selected);
}

void LibrarySidebar::selectDocument(int64_t id) {
  const int row = model_->rowOf(id);
  if (row < 0) return;
  const QModelIndex index = proxy_->mapFromSource(model_->index(row));
  if (!index.isValid()) return;  // filtered out
  list_->setCurrentIndex(index);
  list_->scrollTo(index);
}

int64_t LibrarySidebar::selectedDocument() const {
  const QModelIndex current = list_->currentIndex();
  return current.isValid() ? current.data(LibraryModel::IdRole).toLongLong() : 0;
}

void LibrarySidebar::removeSelected() {
  const QModelIndex current = list_->currentIndex();
  if (!current.isValid()) return;
  const auto answer = QMessageBox::question(
      this, tr("Remove document"),
      tr("Remove “%1” from the library, with its answers, summaries and notes?\nThe file on disk is not touched.")
          .arg(current.data(Qt::DisplayRole).toString()),
      QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
  if (answer == QMessageBox::Yes) Q_EMIT removeConfirmed(current.data(LibraryModel::IdRole).toLongLong());
}

}  // namespace frontseat::ui
