// Plain text (.txt) and Markdown (.md) from the bytes of a file.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "engine/import/imported_document.h"

namespace frontseat {

// Decodes `bytes` (see import::decodeText: UTF-8, UTF-16/32 with BOM, Windows-1252
// fallback) and normalizes the text. Title: a short first line that is no sentence,
// else the file name. Headings: plainTextHeadings. `path` names the file in errors.
// Throws InputError for binary data or text that is blank.
ImportedDocument importText(const std::filesystem::path& path, const std::string& bytes);

// The headings of normalized plain text, which marks them by layout alone: a
// heading-like paragraph of one line (level 1), or a heading-like first line of a
// paragraph whose next line is a third longer or more, so prose follows it rather
// than the next line of the same hard-wrapped paragraph (level 2; "Geography of
// Andorra" over its text). Heading-like: short, no closing punctuation, no list
// item, no lower-case start. A text whose one-line paragraphs look like headings
// more often than not is a list or verse rather than sections: it gets none.
std::vector<DocumentHeading> plainTextHeadings(const std::string& text);

// As importText, and records ATX (`# Title`) and setext (`Title` over `===`/`---`)
// headings outside fenced code blocks; the text keeps the Markdown markup. Title: the
// first level-1 heading, else the first heading, else the file name.
ImportedDocument importMarkdown(const std::filesystem::path& path, const std::string& bytes);

}  // namespace frontseat
