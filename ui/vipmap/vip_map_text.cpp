#include "ui/vipmap/vip_map_text.h"

#include <QStringList>
#include <algorithm>

#include "ui/theme/resolution_colors.h"
#include "ui/vipmap/vip_map_renderer.h"

namespace frontseat::ui {
namespace {

// Bytes of document context shown on each side of a hovered token.
constexpr int64_t kContextBytes = 40;

QString plural(int64_t count, const char* one, const char* many) {
  return groupedNumber(count) + QLatin1Char(' ') + QLatin1String(count == 1 ? one : many);
}

bool isUtf8Continuation(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

// Document bytes [begin, end) widened or narrowed to whole UTF-8 characters,
// with line breaks and tabs flattened to spaces so a tooltip line stays one line.
QString documentSlice(const std::string& document, int64_t begin, int64_t end) {
  const auto size = static_cast<int64_t>(document.size());
  begin = std::clamp<int64_t>(begin, 0, size);
  end = std::clamp<int64_t>(end, begin, size);
  while (begin < end && isUtf8Continuation(document[begin])) ++begin;
  while (end < size && end > begin && isUtf8Continuation(document[end])) --end;
  QString text = QString::fromUtf8(document.data() + begin, end - begin);
  for (QChar& c : text) {
    if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t')) c = QLatin1Char(' ');
  }
  return text;
}

bool hasDocumentSpan(const VccTrace& trace, const std::string* document, int64_t token) {
  const TokenSpanRange& span = trace.spans[token];
  return document && span.begin >= 0 && span.end >= span.begin && span.end <= static_cast<int64_t>(document->size());
}

// "…the <u>penalties</u> for late…" around a document token.
QString tokenContext(const VccTrace& trace, const std::string& document, int64_t token) {
  const TokenSpanRange& span = trace.spans[token];
  const QString before = documentSlice(document, span.begin - kContextBytes, span.begin);
  const QString after = documentSlice(document, span.end, span.end + kContextBytes);
  const QString ellipsis(QChar(0x2026));
  return (span.begin > kContextBytes ? ellipsis : QString()) + before.toHtmlEscaped() + QStringLiteral("<u>") +
         documentSlice(document, span.begin, span.end).toHtmlEscaped() + QStringLiteral("</u>") +
         after.toHtmlEscaped() +
         (span.end + kContextBytes < static_cast<int64_t>(document.size()) ? ellipsis : QString());
}

}  // namespace

QString layerName(int layer) { return QStringLiteral("L%1").arg(layer + 1); }

QString groupedNumber(int64_t value) {
  QString digits = QString::number(value < 0 ? -value : value);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(i, QChar(0x202F));
  return value < 0 ? QLatin1Char('-') + digits : digits;
}

QString traceSummary(const VccTrace& trace) {
  const auto layers = static_cast<int64_t>(trace.layers.size());
  const auto local =
      std::count_if(trace.layers.begin(), trace.layers.end(), [](const LayerTrace& l) { return l.kind == "local"; });
  const bool vcc =
      std::any_of(trace.layers.begin(), trace.layers.end(), [](const LayerTrace& l) { return l.kind == "vcc"; });
  QStringList parts{plural(layers, "layer", "layers")};
  if (local > 0) parts << QStringLiteral("%1 local").arg(local);
  if (vcc) {
    parts << QStringLiteral("VCC: %1 VIP, %2 of %3, %4")
                 .arg(groupedNumber(trace.num_vip), plural(trace.num_fine_blocks, "fine block", "fine blocks"),
                      groupedNumber(trace.block_size), plural(trace.levels, "level", "levels"));
  } else {
    parts << QStringLiteral("full attention");
  }
  parts << plural(trace.tokens, "token", "tokens");
  return parts.join(QStringLiteral(" \u00B7 "));
}

QString tokenText(const VccTrace& trace, const std::string* document, int64_t token) {
  switch (trace.roles[token]) {
    case TokenRole::Question:
      return QStringLiteral("question token");
    case TokenRole::Template:
      return QStringLiteral("prompt token");
    case TokenRole::End:
      return QStringLiteral("end token");
    case TokenRole::Document:
      break;
  }
  if (!hasDocumentSpan(trace, document, token)) return QStringLiteral("document token");
  const QString text = documentSlice(*document, trace.spans[token].begin, trace.spans[token].end).trimmed();
  return text.isEmpty() ? QStringLiteral("(whitespace)") : QStringLiteral("\u201C%1\u201D").arg(text);
}

QString cellToolTip(const VipMapRenderer& renderer, const std::string* document, int layer, const VipMapCell& cell,
                    TokenRange column) {
  const VccTrace& trace = renderer.trace();
  QStringList lines;
  lines << QStringLiteral("<b>%1</b> &nbsp;token %2")
               .arg(tokenText(trace, document, cell.token).toHtmlEscaped(), groupedNumber(cell.token));
  if (trace.roles[cell.token] == TokenRole::Document && hasDocumentSpan(trace, document, cell.token)) {
    lines << QStringLiteral("<i>%1</i>").arg(tokenContext(trace, *document, cell.token));
  }
  lines << QStringLiteral("%1 %2 \u00B7 %3")
               .arg(layerName(layer), QString::fromStdString(trace.layers[layer].kind),
                    resolutionLabel(cell.code, trace.block_size, trace.fanout));
  if (const auto relative = renderer.relativeScore(layer, cell)) {
    lines << QStringLiteral("selector score %1 \u00B7 %2% of the best at this resolution in this layer")
                 .arg(QString::number(cell.score, 'g', 3))
                 .arg(static_cast<int>(*relative * 100.0f + 0.5f));
  }
  if (column.size() > 1) {
    lines << QStringLiteral("<small>This column covers tokens %1\u2013%2 and shows its most-read one.</small>")
                 .arg(groupedNumber(column.first), groupedNumber(column.last - 1));
  }
  return QStringLiteral("<p style='white-space:pre'>%1</p>").arg(lines.join(QStringLiteral("<br>")));
}

}  // namespace frontseat::ui
