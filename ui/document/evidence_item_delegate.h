// Draws one evidence passage in the evidence list: a rank badge in the evidence
// color, the passage's opening words on one elided line, and a quieter line with
// how strongly the model refined it.
#pragma once

#include <QStyledItemDelegate>

namespace frontseat::ui {

// Item data the delegate reads, besides Qt::DisplayRole (the snippet).
enum EvidenceItemRole {
  EvidenceRankRole = Qt::UserRole + 1,  // int, 1-based
  EvidenceDetailRole,                   // QString, "refined in 3 layers · strength 2.41"
};

class EvidenceItemDelegate : public QStyledItemDelegate {
  Q_OBJECT

 public:
  using QStyledItemDelegate::QStyledItemDelegate;

  void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

}  // namespace frontseat::ui
