#include "ui/document/evidence_item_delegate.h"

#include <QApplication>
#include <QPainter>
#include <algorithm>

#include "ui/theme/resolution_colors.h"

namespace frontseat::ui {
namespace {

constexpr int kPadding = 8;  // around the item and between badge and text
constexpr int kLineGap = 2;

QFont detailFont(const QFont& base) {
  QFont font = base;
  font.setPointSizeF(base.pointSizeF() * 0.9);
  return font;
}

int badgeSide(const QStyleOptionViewItem& option) { return option.fontMetrics.height() + 8; }

}  // namespace

void EvidenceItemDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                 const QModelIndex& index) const {
  QStyleOptionViewItem panel = option;
  initStyleOption(&panel, index);
  panel.text.clear();
  QStyle* style = panel.widget ? panel.widget->style() : QApplication::style();
  style->drawControl(QStyle::CE_ItemViewItem, &panel, painter, panel.widget);  // hover, selection

  painter->save();
  painter->setRenderHint(QPainter::Antialiasing);
  const QRect area = option.rect.adjusted(kPadding, kPadding, -kPadding, -kPadding);

  // The badge wears the color the passage has in the document.
  const int side = badgeSide(option);
  const QRect badge(area.left(), area.top(), side, side);
  QColor badge_fill = evidenceHighlightColor();
  badge_fill.setAlpha(std::min(255, badge_fill.alpha() * 2));
  painter->setPen(Qt::NoPen);
  painter->setBrush(badge_fill);
  painter->drawRoundedRect(badge, 6, 6);
  QFont badge_font = option.font;
  badge_font.setBold(true);
  painter->setFont(badge_font);
  painter->setPen(option.palette.color(QPalette::Text));
  painter->drawText(badge, Qt::AlignCenter, QString::number(index.data(EvidenceRankRole).toInt()));

  const bool selected = option.state & QStyle::State_Selected;
  const QRect text_area = area.adjusted(side + kPadding, 0, 0, 0);
  const QFontMetrics snippet_metrics(option.font);
  painter->setFont(option.font);
  painter->setPen(option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
  const QRect snippet_line(text_area.left(), text_area.top(), text_area.width(), snippet_metrics.height());
  painter->drawText(snippet_line, Qt::AlignLeft | Qt::AlignVCenter,
                    snippet_metrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight,
                                               snippet_line.width()));

  const QFont detail_font = detailFont(option.font);
  const QFontMetrics detail_metrics(detail_font);
  painter->setFont(detail_font);
  painter->setPen(option.palette.color(selected ? QPalette::HighlightedText : QPalette::PlaceholderText));
  const QRect detail_line(text_area.left(), snippet_line.bottom() + 1 + kLineGap, text_area.width(),
                          detail_metrics.height());
  painter->drawText(detail_line, Qt::AlignLeft | Qt::AlignVCenter,
                    detail_metrics.elidedText(index.data(EvidenceDetailRole).toString(), Qt::ElideRight,
                                              detail_line.width()));
  painter->restore();
}

QSize EvidenceItemDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const {
  const int text_height = option.fontMetrics.height() + kLineGap + QFontMetrics(detailFont(option.font)).height();
  return {option.rect.width(), std::max(text_height, badgeSide(option)) + 2 * kPadding};
}

}  // namespace frontseat::ui
