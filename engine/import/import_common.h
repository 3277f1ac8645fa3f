// Internal helpers shared by the importers: errors, normalization, building text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "engine/import/imported_document.h"

namespace frontseat::import {

// Throws InputError("Cannot open the document '<path>': <why>") on one line.
[[noreturn]] void fail(const std::filesystem::path& path, const std::string& why);

// "12 bytes", "1.5 KB", "256 MB" (1 KB = 1024 bytes).
std::string describeSize(std::uintmax_t bytes);

// ASCII lower case.
std::string lowerAscii(std::string_view s);

// The file name without its extension, as a fallback title.
std::string titleFromPath(const std::filesystem::path& path);

// Normalizes valid UTF-8 text: CRLF and CR become LF (so do FF, VT, NEL, U+2028 and U+2029);
// NUL and the other C0 controls except TAB and LF, DEL and the C1 controls are dropped;
// trailing spaces and tabs are trimmed from every line; runs of blank lines collapse to
// one; blank lines at the start and whitespace at the end are removed. Invalid UTF-8
// sequences become U+FFFD, so the result is always valid UTF-8.
std::string normalizeText(std::string_view text);

// Collapses all whitespace (including line breaks) to single spaces and trims both
// ends: for titles and headings.
std::string collapseWhitespace(std::string_view text);

// Appends normalized blocks to a document's text, one blank line between blocks.
class TextBuilder {
 public:
  // Appends `block` (normalized here) as a new paragraph. Returns the byte range it
  // occupies in the text; a blank block adds nothing and returns an empty range at
  // the current end.
  std::pair<std::size_t, std::size_t> addBlock(std::string_view block);

  // Appends a heading as its own paragraph and records it (when not blank).
  void addHeading(int level, std::string_view title);

  // Appends an already imported document's text as blocks, carrying its headings.
  void addDocument(const ImportedDocument& doc);

  const std::string& text() const { return text_; }

  // Moves the text and headings into `doc`.
  void finish(ImportedDocument& doc);

 private:
  std::string text_;
  std::vector<DocumentHeading> headings_;
};

// Throws "contains no text" when doc.text is empty.
void requireText(const std::filesystem::path& path, const ImportedDocument& doc,
                 const std::string& hint = {});

}  // namespace frontseat::import
