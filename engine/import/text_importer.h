// Plain text (.txt) and Markdown (.md) from the bytes of a file.
#pragma once

#include <filesystem>
#include <string>

#include "engine/import/imported_document.h"

namespace frontseat {

// Decodes `bytes` (see import::decodeText: UTF-8, UTF-16/32 with BOM, Windows-1252
// fallback) and normalizes the text. Title: a short first line that is no sentence,
// else the file name. Headings: short lines standing alone (level 1) or heading a
// paragraph of prose (level 2), found by layout. `path` names the file in errors.
// Throws InputError for binary data or text that is blank.
ImportedDocument importText(const std::filesystem::path& path, const std::string& bytes);

// As importText, and records ATX (`# Title`) and setext (`Title` over `===`/`---`)
// headings outside fenced code blocks; the text keeps the Markdown markup. Title: the
// first level-1 heading, else the first heading, else the file name.
ImportedDocument importMarkdown(const std::filesystem::path& path, const std::string& bytes);

}  // namespace frontseat
