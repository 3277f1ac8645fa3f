// PDF documents with poppler-cpp.
#pragma once

#include <filesystem>
#include <string>

#include "engine/import/imported_document.h"

namespace frontseat {

// Extracts each page's text in reading order, page by page (pages separated by a blank
// line; one DocumentPage per page with its byte range). A word hyphenated across a
// line break ("exam-" / "ple") is joined when the next line starts with a lower-case
// letter; the completed word stays on the first line. Title: the Title in the
// document information, else the file name. Throws InputError naming `path` for a
// file that is not a readable PDF, an encrypted (password-protected) PDF, or one
// without any text (scanned pages).
ImportedDocument importPdf(const std::filesystem::path& path, const std::string& bytes);

// The hyphen joining used by importPdf, on one page's normalized text.
std::string joinHyphenatedLines(const std::string& text);

}  // namespace frontseat
