// Bringing documents into the library and reading their structure back: what
// the CLI and the desktop app both do when a user adds a file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "engine/import/imported_document.h"
#include "engine/store/library.h"

namespace frontseat {

// Imports a file (validated before anything is stored) and adds it to the
// library keyed by the SHA-256 of its bytes: the same content twice is one
// document. Returns the document's id and whether it was new. InputError (from
// the importer) names the file when it cannot be read.
std::pair<int64_t, bool> addFileToLibrary(Library& library, const std::filesystem::path& file);

// Pages and headings as the library stores them (StoredDocument::structure_json).
std::string structureToJson(const ImportedDocument& doc);

struct DocumentStructure {
  std::vector<DocumentPage> pages;
  std::vector<DocumentHeading> headings;
};
// Reads structureToJson's output; an empty or damaged value gives no structure
// (navigation is a convenience, never a reason to refuse a document).
DocumentStructure structureFromJson(const std::string& json_text);

}  // namespace frontseat
