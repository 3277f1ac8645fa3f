// Summaries section by section: a long document of many parts (a report's
// chapters, a file of country profiles) summarized as one input gets one short
// summary of its beginning; summarized part by part it gets a paragraph each.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "engine/import/imported_document.h"
#include "engine/runtime/engine.h"

namespace frontseat {

// A part of a document summarized on its own: the byte range [begin, end) of the
// text, from its heading's line to the next section's, and the heading's title.
struct SummarySection {
  std::string title;
  std::size_t begin = 0, end = 0;
};

// The document's parts at the shallowest heading level that has two headings or
// more (the countries of the Factbook sample, a report's numbered sections), each
// also cut at any shallower heading. A part with nothing beyond its heading's line
// (a title standing alone) is left out; text before the first heading is a part of
// its own, titled by `document_title`, when it holds more than a line. Empty when
// that leaves fewer than two parts: the document is then summarized whole.
std::vector<SummarySection> summarySections(const std::string& text, const std::vector<DocumentHeading>& headings,
                                            const std::string& document_title);

// Summarizes each section in turn as `request` would the whole document (its
// document becomes the section's text; pins, token cache and trace are dropped)
// and joins the summaries as paragraphs of "title" and summary lines. The result's
// times and input tokens are the sums, `sections` their count, no output_ids, and its attention
// "vcc" with that section's settings when any section ran with VCC. Progress:
// stage "section", done of total, before each section and at the end. Throws
// CancelledError when control.cancel is set, between or inside sections.
AskResult summarizeBySection(Engine& engine, const AskRequest& request, const std::vector<SummarySection>& sections,
                             const JobControl& control = {});

}  // namespace frontseat
