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
  // A summary by section: each paragraph's first line is its section's title.
  bool section_titles = false;
};

// "# <title>", an italic details line, then the text's paragraphs (a section's
// title as "## <title>" over its paragraph), with every character that Markdown
// would read as markup escaped. UTF-8.
QByteArray summaryMarkdown(const SummaryExport& summary);

// The text's paragraphs as HTML: one <p> each (line breaks kept), a section's
// title as <h2> before it; all text HTML-escaped. The page's body and the
// Summary panel's view.
QString summaryBodyHtml(const SummaryExport& summary);

// A standalone UTF-8 HTML5 page: <h1> title, grey details line, then
// summaryBodyHtml.
QString summaryHtml(const SummaryExport& summary);

}  // namespace frontseat::ui
