#include "engine/import/text_importer.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "engine/import/import_common.h"
#include "engine/import/text_decode.h"

namespace frontseat {

namespace {

// Leading spaces (at most 3, as in CommonMark) before a block marker.
std::size_t indentOf(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

// "# Title #" -> level 1, "Title"; returns 0 when `line` is no ATX heading.
int atxHeading(std::string_view line, std::string& title) {
  std::size_t i = indentOf(line);
  if (i > 3) return 0;
  std::size_t hashes = 0;
  while (i + hashes < line.size() && line[i + hashes] == '#') ++hashes;
  if (hashes == 0 || hashes > 6) return 0;
  std::size_t j = i + hashes;
  if (j < line.size() && line[j] != ' ' && line[j] != '\t') return 0;
  std::string_view rest = line.substr(j);
  // Drop a closing sequence of #s preceded by a space.
  std::size_t end = rest.size();
  while (end > 0 && (rest[end - 1] == ' ' || rest[end - 1] == '\t')) --end;
  std::size_t k = end;
  while (k > 0 && rest[k - 1] == '#') --k;
  if (k < end && (k == 0 || rest[k - 1] == ' ' || rest[k - 1] == '\t')) end = k;
  title = import::collapseWhitespace(rest.substr(0, end));
  return static_cast<int>(hashes);
}

// A setext underline: 3 or more '=' (level 1) or '-' (level 2) and nothing else.
int setextUnderline(std::string_view line) {
  std::size_t i = indentOf(line);
  if (i > 3 || i >= line.size()) return 0;
  const char c = line[i];
  if (c != '=' && c != '-') return 0;
  std::size_t n = 0;
  for (; i < line.size(); ++i) {
    if (line[i] == c) {
      ++n;
    } else if (line[i] != ' ' && line[i] != '\t') {
      return 0;
    }
  }
  if (n < 3) return 0;
  return c == '=' ? 1 : 2;
}

// An opening or closing code fence: ``` or ~~~ (3 or more).
char fenceChar(std::string_view line) {
  const std::size_t i = indentOf(line);
  if (i > 3 || i + 3 > line.size()) return 0;
  const char c = line[i];
  if ((c == '`' || c == '~') && line[i + 1] == c && line[i + 2] == c) return c;
  return 0;
}

// A line that can be the text of a setext heading (not a list item, quote, ...).
bool isParagraphLine(std::string_view line) {
  const std::size_t i = indentOf(line);
  if (i > 3 || i >= line.size()) return false;
  const char c = line[i];
  if (c == '>' || c == '#' || c == '|') return false;
  if ((c == '-' || c == '*' || c == '+') && i + 1 < line.size() && line[i + 1] == ' ') return false;
  return true;
}

void findMarkdownHeadings(ImportedDocument& doc) {
  const std::string& text = doc.text;
  char fence = 0;
  std::size_t prevStart = 0;
  std::string_view prev;  // the previous line when it can be a setext title, else empty
  for (std::size_t pos = 0; pos <= text.size();) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    const std::string_view line(text.data() + pos, eol - pos);
    std::string_view candidate;
    if (fence) {
      if (fenceChar(line) == fence) fence = 0;
    } else if (const char f = fenceChar(line)) {
      fence = f;
    } else {
      std::string title;
      if (const int level = atxHeading(line, title)) {
        if (!title.empty()) doc.headings.push_back({pos, level, title});
      } else if (const int underline = setextUnderline(line); underline && !prev.empty()) {
        std::string t = import::collapseWhitespace(prev);
        if (!t.empty()) doc.headings.push_back({prevStart, underline, t});
      } else if (isParagraphLine(line)) {
        candidate = line;
      }
    }
    prev = candidate;
    prevStart = pos;
    pos = eol + 1;
  }
}

ImportedDocument importPlain(const std::filesystem::path& path, const std::string& bytes,
                             const char* format) {
  ImportedDocument doc;
  doc.format = format;
  doc.text = import::normalizeText(import::decodeText(path, bytes).text);
  import::requireText(path, doc);
  return doc;
}

// A plain text's first line reads as its title when it is short and not a
// sentence ("Annual Report of the Harbor Cooperative"); otherwise none.
std::string firstLineTitle(const std::string& text) {
  const auto end = text.find('\n');
  const std::string line = import::collapseWhitespace(text.substr(0, end));
  if (line.empty() || line.size() > 100) return {};
  if (std::string(".,;:!?").find(line.back()) != std::string::npos) return {};
  return line;
}

// A line that can head a plain text's section: short, no sentence (no closing
// punctuation), no list item, starting with a capital or a digit where it starts
// with an ASCII letter or digit ("1. Overview", "Geography of Andorra", "CHAPTER I").
bool looksLikeHeading(std::string_view line) {
  constexpr std::size_t kMaxHeadingBytes = 100;
  if (line.empty() || line.size() > kMaxHeadingBytes) return false;
  if (std::string_view(".,;:!?\"'").find(line.back()) != std::string_view::npos) return false;
  if (std::string_view("-*+>|\t ").find(line.front()) != std::string_view::npos) return false;
  if (line.rfind("\u2022", 0) == 0) return false;  // a bullet
  for (const char c : line) {
    if (c >= 'a' && c <= 'z') return false;
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  }
  return false;  // no ASCII letter or digit: leave it to the text
}

}  // namespace

std::vector<DocumentHeading> plainTextHeadings(const std::string& text) {
  std::vector<DocumentHeading> found;
  std::size_t paragraphs = 0, standalone = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t end = text.find("\n\n", pos);
    if (end == std::string::npos) end = text.size();
    const std::string_view paragraph(text.data() + pos, end - pos);
    ++paragraphs;
    const std::size_t eol = std::min(paragraph.find('\n'), paragraph.size());
    const std::string_view first = paragraph.substr(0, eol);
    if (looksLikeHeading(first)) {
      if (eol == paragraph.size()) {
        ++standalone;
        found.push_back({pos, 1, import::collapseWhitespace(first)});
      } else {
        const std::string_view rest = paragraph.substr(eol + 1);
        const std::size_t next = std::min(rest.find('\n'), rest.size());
        if (3 * next >= 4 * first.size()) found.push_back({pos, 2, import::collapseWhitespace(first)});
      }
    }
    pos = end + 2;
  }
  if (2 * standalone > paragraphs) return {};
  return found;
}

ImportedDocument importText(const std::filesystem::path& path, const std::string& bytes) {
  ImportedDocument doc = importPlain(path, bytes, "txt");
  doc.headings = plainTextHeadings(doc.text);
  doc.title = firstLineTitle(doc.text);
  if (doc.title.empty()) doc.title = import::titleFromPath(path);
  return doc;
}

ImportedDocument importMarkdown(const std::filesystem::path& path, const std::string& bytes) {
  ImportedDocument doc = importPlain(path, bytes, "md");
  findMarkdownHeadings(doc);
  for (const auto& h : doc.headings) {
    if (h.level == 1) {
      doc.title = h.title;
      break;
    }
  }
  if (doc.title.empty() && !doc.headings.empty()) doc.title = doc.headings.front().title;
  if (doc.title.empty()) doc.title = import::titleFromPath(path);
  return doc;
}

}  // namespace frontseat
