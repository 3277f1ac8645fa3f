#include "ui/summary/summary_format.h"

#include <QObject>
#include <QStringList>

namespace frontseat::ui {
namespace {

using Paragraph = QStringList;  // its lines, trimmed and non-empty

// The text's paragraphs: runs of non-blank lines, split at blank lines.
QList<Paragraph> paragraphsOf(const QString& text) {
  QList<Paragraph> paragraphs;
  Paragraph current;
  for (const QString& line : text.split(QLatin1Char('\n'))) {
    const QString trimmed = line.trimmed();
    if (!trimmed.isEmpty()) {
      current.append(trimmed);
    } else if (!current.isEmpty()) {
      paragraphs.append(current);
      current.clear();
    }
  }
  if (!current.isEmpty()) paragraphs.append(current);
  return paragraphs;
}

QString singleLine(const QString& text) { return text.simplified(); }

QString headingOf(const SummaryExport& summary) {
  const QString title = singleLine(summary.title);
  return title.isEmpty() ? QObject::tr("Summary") : title;
}

QString bylineOf(const SummaryExport& summary) {
  const QString details = singleLine(summary.details);
  const QString summarized = QObject::tr("Summarized by Frontseat");
  return details.isEmpty() ? summarized : summarized + QStringLiteral(" · ") + details;
}

// One trimmed line of text as Markdown that renders as exactly that text.
QString markdownLine(const QString& line) {
  static const QString kInlineMarkup = QStringLiteral("\\`*_[]<>&~|#");
  QString escaped;
  escaped.reserve(line.size() + 8);
  for (const QChar c : line) {
    if (kInlineMarkup.contains(c)) escaped += QLatin1Char('\\');
    escaped += c;
  }
  // Markers that only count at the start of a line: bullets, setext underlines
  // and ordered list numbers ("1." or "1)").
  if (escaped.startsWith(QLatin1Char('-')) || escaped.startsWith(QLatin1Char('+')) ||
      escaped.startsWith(QLatin1Char('='))) {
    escaped.prepend(QLatin1Char('\\'));
  } else {
    qsizetype digits = 0;
    while (digits < escaped.size() && escaped.at(digits).isDigit()) ++digits;
    if (digits > 0 && digits < escaped.size() &&
        (escaped.at(digits) == QLatin1Char('.') || escaped.at(digits) == QLatin1Char(')'))) {
      escaped.insert(digits, QLatin1Char('\\'));
    }
  }
  return escaped;
}

}  // namespace

QByteArray summaryMarkdown(const SummaryExport& summary) {
  QStringList blocks;
  blocks.append(QStringLiteral("# ") + markdownLine(headingOf(summary)));
  blocks.append(QLatin1Char('*') + markdownLine(bylineOf(summary)) + QLatin1Char('*'));
  for (Paragraph paragraph : paragraphsOf(summary.text)) {
    if (summary.section_titles) {
      blocks.append(QStringLiteral("## ") + markdownLine(paragraph.takeFirst()));
      if (paragraph.isEmpty()) continue;
    }
    QStringList lines;
    for (const QString& line : paragraph) lines.append(markdownLine(line));
    // A trailing backslash is CommonMark's hard line break, so lines stay lines.
    blocks.append(lines.join(QStringLiteral("\\\n")));
  }
  return (blocks.join(QStringLiteral("\n\n")) + QLatin1Char('\n')).toUtf8();
}

QString summaryBodyHtml(const SummaryExport& summary) {
  QString body;
  for (Paragraph paragraph : paragraphsOf(summary.text)) {
    if (summary.section_titles) {
      body += QStringLiteral("<h2>") + paragraph.takeFirst().toHtmlEscaped() + QStringLiteral("</h2>\n");
      if (paragraph.isEmpty()) continue;
    }
    QStringList lines;
    for (const QString& line : paragraph) lines.append(line.toHtmlEscaped());
    body += QStringLiteral("<p>") + lines.join(QStringLiteral("<br>\n")) + QStringLiteral("</p>\n");
  }
  return body;
}

QString summaryHtml(const SummaryExport& summary) {
  const QString heading = headingOf(summary).toHtmlEscaped();
  const QString body = summaryBodyHtml(summary);
  // The style sheet stays within what QTextDocument understands, since the PDF
  // is printed from this page.
  return QStringLiteral(
             "<!DOCTYPE html>\n"
             "<html>\n<head>\n<meta charset=\"utf-8\">\n<title>%1</title>\n"
             "<style>\n"
             "body { font-family: sans-serif; line-height: 150%; color: #202124; max-width: 42em;"
             " margin: 2em auto; padding: 0 1em; }\n"
             "h1 { font-size: 1.6em; margin-bottom: 0.2em; }\n"
             "h2 { font-size: 1.1em; margin: 1em 0 0.2em; }\n"
             "p.details { color: #6f6f6f; font-size: 0.9em; margin-bottom: 1.5em; }\n"
             "</style>\n</head>\n<body>\n<h1>%1</h1>\n<p class=\"details\">%2</p>\n%3</body>\n</html>\n")
      .arg(heading, bylineOf(summary).toHtmlEscaped(), body);
}

}  // namespace frontseat::ui
