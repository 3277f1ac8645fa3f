#include "engine/import/import_common.h"

#include <cstdio>
#include <utility>

#include "engine/core/errors.h"

namespace frontseat::import {

namespace fs = std::filesystem;

void fail(const fs::path& path, const std::string& why) {
  // Keep the message on one line even for a file name with control characters.
  std::string shown = path.string();
  for (char& c : shown) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
  }
  std::string reason = why;
  for (char& c : reason) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  throw InputError("Cannot open the document '" + shown + "': " + reason);
}

std::string describeSize(std::uintmax_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
  const char* units[] = {"KB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  int unit = -1;
  while (value >= 1024 && unit < 3) {
    value /= 1024;
    ++unit;
  }
  char buffer[32];
  if (value == static_cast<double>(static_cast<std::uintmax_t>(value))) {
    std::snprintf(buffer, sizeof buffer, "%.0f %s", value, units[unit]);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f %s", value, units[unit]);
  }
  return buffer;
}

std::string lowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string titleFromPath(const fs::path& path) {
  return collapseWhitespace(path.stem().string());
}

namespace {

// Decodes one well-formed UTF-8 sequence at s[i]; returns its length, or 0 when the
// bytes there are ill-formed.
std::size_t decodeUtf8(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  const std::size_t left = s.size() - i;
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  auto cont = [&](std::size_t k) { return k < left && (b(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) {
    if (!cont(1)) return 0;
    cp = (char32_t(c & 0x1F) << 6) | (b(1) & 0x3F);
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && b(1) < 0xA0) return 0;  // overlong
    if (c == 0xED && b(1) >= 0xA0) return 0;  // surrogate
    cp = (char32_t(c & 0x0F) << 12) | (char32_t(b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && b(1) < 0x90) return 0;  // overlong
    if (c == 0xF4 && b(1) >= 0x90) return 0;  // above U+10FFFF
    cp = (char32_t(c & 0x07) << 18) | (char32_t(b(1) & 0x3F) << 12) |
         (char32_t(b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    return 4;
  }
  return 0;
}

}  // namespace

std::string normalizeText(std::string_view text) {
  // Pass 1: line ends to LF, control characters dropped, bad UTF-8 replaced.
  std::string flat;
  flat.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      if (c == '\r') {
        if (i < text.size() && text[i] == '\n') ++i;
        flat.push_back('\n');
      } else if (c == '\n' || c == '\f' || c == '\v') {
        flat.push_back('\n');
      } else if (c == '\t' || (c >= 0x20 && c != 0x7F)) {
        flat.push_back(static_cast<char>(c));
      }
      continue;
    }
    char32_t cp = 0;
    const std::size_t len = decodeUtf8(text, i, cp);
    if (len == 0) {
      flat.append("\xEF\xBF\xBD");
      ++i;
      continue;
    }
    if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) {  // LS, PS, NEL
      flat.push_back('\n');
    } else if (cp >= 0xA0) {  // C1 controls (U+0080..U+009F) are dropped
      flat.append(text.substr(i, len));
    }
    i += len;
  }

  // Pass 2: trim each line's end, collapse blank lines, trim the ends of the text.
  std::string out;
  out.reserve(flat.size());
  std::size_t blankRun = 0;  // blank lines seen since the last non-blank line
  std::size_t pos = 0;
  while (pos <= flat.size()) {
    std::size_t eol = flat.find('\n', pos);
    if (eol == std::string::npos) eol = flat.size();
    std::size_t end = eol;
    while (end > pos && (flat[end - 1] == ' ' || flat[end - 1] == '\t')) --end;
    if (end == pos) {
      ++blankRun;
    } else {
      if (!out.empty()) out.append(blankRun > 0 ? "\n\n" : "\n");
      out.append(flat, pos, end - pos);
      blankRun = 0;
    }
    pos = eol + 1;
  }
  return out;
}

std::string collapseWhitespace(std::string_view text) {
  const std::string n = normalizeText(text);
  std::string out;
  out.reserve(n.size());
  bool space = false;
  for (char c : n) {
    if (c == ' ' || c == '\t' || c == '\n') {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
  }
  return out;
}

std::pair<std::size_t, std::size_t> TextBuilder::addBlock(std::string_view block) {
  const std::string n = normalizeText(block);
  if (n.empty()) return {text_.size(), text_.size()};
  if (!text_.empty()) text_.append("\n\n");
  const std::size_t begin = text_.size();
  text_.append(n);
  return {begin, text_.size()};
}

void TextBuilder::addHeading(int level, std::string_view title) {
  std::string t = collapseWhitespace(title);
  if (t.empty()) return;
  const auto range = addBlock(t);
  headings_.push_back(DocumentHeading{range.first, level, std::move(t)});
}

void TextBuilder::addDocument(const ImportedDocument& doc) {
  const auto range = addBlock(doc.text);
  if (range.first == range.second) return;
  for (const auto& h : doc.headings) {
    headings_.push_back(DocumentHeading{range.first + h.offset, h.level, h.title});
  }
}

void TextBuilder::finish(ImportedDocument& doc) {
  doc.text = std::move(text_);
  doc.headings = std::move(headings_);
  text_.clear();
  headings_.clear();
}

void requireText(const fs::path& path, const ImportedDocument& doc, const std::string& hint) {
  if (doc.text.empty()) fail(path, "it contains no text" + (hint.empty() ? "." : hint));
}

}  // namespace frontseat::import
