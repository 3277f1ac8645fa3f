#include "engine/session/section_summary.h"

#include <algorithm>

namespace frontseat {

namespace {

// Whether the text after a section's first line holds anything but whitespace.
bool hasBody(const std::string& text, std::size_t begin, std::size_t end) {
  const std::size_t eol = text.find('\n', begin);
  if (eol == std::string::npos || eol >= end) return false;
  return text.find_first_not_of(" \t\n", eol) < end;
}

}  // namespace

std::vector<SummarySection> summarySections(const std::string& text, const std::vector<DocumentHeading>& headings,
                                            const std::string& document_title) {
  int level = 0;  // the shallowest level with two headings or more
  for (int candidate = 1; candidate <= 6 && level == 0; ++candidate) {
    const auto count = std::count_if(headings.begin(), headings.end(),
                                     [&](const DocumentHeading& h) { return h.level == candidate; });
    if (count >= 2) level = candidate;
  }
  if (level == 0) return {};
  std::vector<SummarySection> cuts;
  for (const auto& h : headings) {
    if (h.level <= level && h.offset < text.size()) cuts.push_back({h.title, h.offset, 0});
  }
  if (!cuts.empty() && cuts.front().begin > 0) cuts.insert(cuts.begin(), SummarySection{document_title, 0, 0});
  std::vector<SummarySection> sections;
  for (std::size_t i = 0; i < cuts.size(); ++i) {
    auto section = cuts[i];
    section.end = i + 1 < cuts.size() ? cuts[i + 1].begin : text.size();
    if (section.end > section.begin && hasBody(text, section.begin, section.end)) sections.push_back(section);
  }
  if (sections.size() < 2) return {};
  return sections;
}

AskResult summarizeBySection(Engine& engine, const AskRequest& request, const std::vector<SummarySection>& sections,
                             const JobControl& control) {
  const int total = static_cast<int>(sections.size());
  JobControl inner;
  inner.cancel = control.cancel;
  AskResult out;
  out.sections = total;
  AskRequest part = request;  // the settings; each section brings its own text
  part.document.clear();
  part.pinned.clear();
  part.document_tokens.reset();
  part.want_trace = false;
  for (int i = 0; i < total; ++i) {
    checkCancel(control);
    if (control.on_progress) control.on_progress({"section", i, total});
    const auto& section = sections[static_cast<std::size_t>(i)];
    part.document.assign(request.document, section.begin, section.end - section.begin);
    const auto result = engine.ask(part, inner);
    if (!out.answer.empty()) out.answer += "\n\n";
    out.answer += section.title + "\n" + result.answer;
    out.input_tokens += result.input_tokens;
    out.encode_ms += result.encode_ms;
    out.decode_ms += result.decode_ms;
    if (result.attention == "vcc" && !out.vcc) {
      out.attention = "vcc";
      out.vcc = result.vcc;
    }
  }
  if (control.on_progress) control.on_progress({"section", total, total});
  return out;
}

}  // namespace frontseat
