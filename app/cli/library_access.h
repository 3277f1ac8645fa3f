// How the CLI reaches the library database: its default place, documents given
// as a file or a library id, the token cache, and recording what a command did.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "engine/import/imported_document.h"
#include "engine/runtime/engine.h"
#include "engine/store/library.h"

namespace frontseat::cli {

// $XDG_DATA_HOME/frontseat/library.sqlite, else ~/.local/share/frontseat/library.sqlite.
std::filesystem::path defaultDatabasePath();

// The global --db option, or the default.
Library openLibrary(const std::string& db_option);

// Imports a file into the library (the same content twice is one document).
// Returns the document's id and whether it was new.
std::pair<int64_t, bool> addFile(Library& library, const std::filesystem::path& file);

// --doc: an existing path is imported (see addFile); otherwise a number is a
// library id. InputError when it is neither.
StoredDocument resolveDocument(Library& library, const std::string& doc_option);

// The document's tokens for this engine's tokenizer, from the library's cache or
// freshly tokenized (and then cached).
std::vector<TokenSpan> cachedDocumentTokens(Library& library, int64_t document_id, const std::string& text,
                                            const Engine& engine, const std::filesystem::path& model_dir);

}  // namespace frontseat::cli
