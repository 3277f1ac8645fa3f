// How the CLI reaches the library database: its default place and documents
// given as a file or a library id.
#pragma once

#include <filesystem>
#include <string>

#include "engine/store/library.h"

namespace frontseat::cli {

// $XDG_DATA_HOME/frontseat/library.sqlite, else ~/.local/share/frontseat/library.sqlite.
std::filesystem::path defaultDatabasePath();

// The global --db option, or the default.
Library openLibrary(const std::string& db_option);

// --doc: an existing path is imported (see addFileToLibrary); otherwise a number is a
// library id. InputError when it is neither.
StoredDocument resolveDocument(Library& library, const std::string& doc_option);

}  // namespace frontseat::cli
