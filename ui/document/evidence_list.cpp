#include "ui/document/evidence_list.h"

#include <QKeyEvent>
#include <QPainter>
#include <algorithm>

#include "ui/document/evidence_item_delegate.h"
#include "ui/document/evidence_ranking.h"

namespace frontseat::ui {
namespace {

// Bytes of a passage read for its list line and its tooltip; enough for a screen
// line and a short paragraph.
constexpr size_t kSnippetBytes = 400;
constexpr size_t kTooltipBytes = 1200;

bool isContinuationByte(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

// Up to `max_bytes` of document[begin, end) as one line of text: clamped to the
// document, an offset inside a character standing for its start (as in
// ByteOffsetMap), whitespace collapsed, "…" when cut short.
QString passageExcerpt(std::string_view document, int64_t begin, int64_t end, size_t max_bytes) {
  const auto size = static_cast<int64_t>(document.size());
  size_t from = static_cast<size_t>(std::clamp<int64_t>(begin, 0, size));
  const size_t passage_end = static_cast<size_t>(std::clamp<int64_t>(end, static_cast<int64_t>(from), size));
  size_t to = std::min(passage_end, from + max_bytes);
  const bool cut = to < passage_end;
  while (from > 0 && from < document.size() && isContinuationByte(document[from])) --from;
  while (to > from && to < document.size() && isContinuationByte(document[to])) --to;
  QString excerpt = QString::fromUtf8(document.data() + from, static_cast<qsizetype>(to - from)).simplified();
  if (cut) excerpt += QChar(0x2026);  // …
  return excerpt;
}

QString detailLine(const EvidencePassage& passage) {
  const QString layers = passage.layers == 1 ? EvidenceList::tr("refined in 1 layer")
                                             : EvidenceList::tr("refined in %1 layers").arg(passage.layers);
  return EvidenceList::tr("%1 · strength %2").arg(layers, QString::number(passage.strength, 'f', 2));
}

}  // namespace

EvidenceList::EvidenceList(QWidget* parent) : QListWidget(parent) {
  setItemDelegate(new EvidenceItemDelegate(this));
  setSelectionMode(QAbstractItemView::SingleSelection);
  setUniformItemSizes(true);
  setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  setMouseTracking(true);  // hover feedback
  connect(this, &QListWidget::clicked, this, [this](const QModelIndex& index) { Q_EMIT passageActivated(index.row()); });
}

void EvidenceList::setPassages(std::vector<EvidencePassage> passages, std::string_view document_utf8) {
  clear();
  int rank = 0;
  for (const auto& passage : strongestFirst(std::move(passages))) {
    auto* item = new QListWidgetItem(passageExcerpt(document_utf8, passage.begin, passage.end, kSnippetBytes), this);
    item->setData(EvidenceRankRole, ++rank);
    item->setData(EvidenceDetailRole, detailLine(passage));
    // Rich text, so the tooltip wraps instead of running off the screen.
    item->setToolTip(QStringLiteral("<p>%1</p>")
                         .arg(passageExcerpt(document_utf8, passage.begin, passage.end, kTooltipBytes).toHtmlEscaped()));
  }
  viewport()->update();  // the empty state may have to go
}

void EvidenceList::clearPassages() {
  clear();
  viewport()->update();
}

QString EvidenceList::placeholderText() const {
  return tr("No evidence yet: answers with VCC attention show here the passages read at full resolution");
}

void EvidenceList::showCurrent(int index) {
  setCurrentRow(index);
  if (QListWidgetItem* shown = item(index)) scrollToItem(shown);
}

void EvidenceList::paintEvent(QPaintEvent* event) {
  QListWidget::paintEvent(event);
  if (count() > 0) return;
  QPainter painter(viewport());
  painter.setPen(palette().color(QPalette::PlaceholderText));
  const QRect area = viewport()->rect().adjusted(16, 16, -16, -16);
  painter.drawText(area, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, placeholderText());
}

void EvidenceList::keyPressEvent(QKeyEvent* event) {
  // Enter shows the current passage, as a click does.
  if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && currentRow() >= 0) {
    Q_EMIT passageActivated(currentRow());
    return;
  }
  QListWidget::keyPressEvent(event);
}

}  // namespace frontseat::ui
