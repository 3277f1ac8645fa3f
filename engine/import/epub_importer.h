// EPUB books (.epub) with libzip and pugixml; chapters go through the HTML extractor.
#pragma once

#include <filesystem>
#include <string>

#include "engine/import/imported_document.h"

namespace frontseat {

// Follows META-INF/container.xml to the package (OPF) file and reads the XHTML
// documents of its spine in order, each through htmlToDocument; chapters are
// separated by a blank line and their h1..h6 headings recorded. Title: the package's
// dc:title, else the first heading, else the file name. Throws InputError naming
// `path` for a damaged archive, a zip that is not an EPUB, a DRM-encrypted book,
// malformed XML, or a book without text.
ImportedDocument importEpub(const std::filesystem::path& path, const std::string& bytes);

}  // namespace frontseat
