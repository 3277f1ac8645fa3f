// Word documents (.docx: Office Open XML) with libzip and pugixml.
#pragma once

#include <filesystem>
#include <string>

#include "engine/import/imported_document.h"

namespace frontseat {

// Reads the main document part (word/document.xml, or the one _rels/.rels names):
// every paragraph becomes a paragraph of text (w:t text, w:tab as TAB, w:br and w:cr
// as line breaks; deleted text and field codes left out); a table becomes one block
// with cells separated by TABs and rows by line breaks. Paragraphs styled Title or
// Heading 1..9 (by style id, by the style's name in word/styles.xml, or by outline
// level) are recorded as headings (Title as level 1). Title: dc:title from
// docProps/core.xml, else the first Title paragraph, else the first heading, else the
// file name. Throws InputError naming `path` for a damaged or encrypted archive, a zip
// that is not a Word document, malformed XML, or a document without text.
ImportedDocument importDocx(const std::filesystem::path& path, const std::string& bytes);

}  // namespace frontseat
