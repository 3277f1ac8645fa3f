// HTML (.html, .htm, .xhtml) to text with gumbo; also used for EPUB chapters.
#pragma once

#include <filesystem>
#include <string>

#include "engine/import/imported_document.h"

namespace frontseat {

// Extracts the text of an HTML document given as UTF-8 (invalid bytes are replaced):
// headings, paragraphs and other blocks as paragraphs; list items one per line; table
// cells separated by tabs and rows by line breaks; <pre> keeps its line breaks;
// script, style, head, noscript, template and embedded objects are dropped; character
// references are decoded. Headings h1..h6 are recorded. Title: <title>, else the first
// h1, else empty. format is "html". The text may be empty. Throws InputError naming
// `source` only for markup nested so deeply (over kMaxHtmlNesting open tags) that
// parsing would take minutes (gumbo is quadratic in the nesting depth).
inline constexpr int kMaxHtmlNesting = 5000;
ImportedDocument htmlToDocument(const std::string& html,
                                const std::filesystem::path& source = "document.html");

// Decodes `bytes` like a text file (UTF-8, UTF-16 with BOM, Windows-1252 fallback),
// then htmlToDocument. Title falls back to the file name. Throws InputError naming
// `path` for binary data or a page without text.
ImportedDocument importHtml(const std::filesystem::path& path, const std::string& bytes);

}  // namespace frontseat
