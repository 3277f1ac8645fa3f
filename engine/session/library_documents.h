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
// A stored document's pages and headings, as structureToJson stored them; an
// empty or damaged value gives no structure (navigation is a convenience, never
// a reason to refuse a document). Plain text stored without headings (imported
// before plain text had any) gets them from its text, as an import would now.
DocumentStructure documentStructure(const StoredDocument& doc);

}  // namespace frontseat
