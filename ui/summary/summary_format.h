// A document summary as the text of the files it is exported to: Markdown and a
// complete HTML page (the PDF is printed from the same HTML).
#pragma once

#include <QByteArray>
#include <QString>

namespace frontseat::ui {

struct SummaryExport {
  QString title;    // the summarized document's title
  QString text;     // the summary; blank lines separate paragraphs
  QString details;  // how it was made: model, time, settings
};

// "# <title>", an italic details line, then the text's paragraphs, with every
// character that Markdown would read as markup escaped. UTF-8.
QByteArray summaryMarkdown(const SummaryExport& summary);

// A standalone UTF-8 HTML5 page: <h1> title, grey details line, one <p> per
// paragraph (line breaks kept), all text HTML-escaped.
QString summaryHtml(const SummaryExport& summary);

}  // namespace frontseat::ui
