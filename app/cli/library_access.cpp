#include "app/cli/library_access.h"

#include <cstdlib>

#include "engine/core/errors.h"
#include "engine/session/library_documents.h"

namespace frontseat::cli {

namespace {

bool isNumber(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos && s.size() < 18;
}

}  // namespace

std::filesystem::path defaultDatabasePath() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    return std::filesystem::path(xdg) / "frontseat" / "library.sqlite";
  }
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home && *home ? home : ".") / ".local" / "share" / "frontseat" / "library.sqlite";
}

Library openLibrary(const std::string& db_option) {
  return Library::open(db_option.empty() ? defaultDatabasePath() : std::filesystem::path(db_option));
}

StoredDocument resolveDocument(Library& library, const std::string& doc_option) {
  std::error_code ec;
  int64_t id = 0;
  if (std::filesystem::exists(doc_option, ec) || !isNumber(doc_option)) {
    id = addFileToLibrary(library, doc_option).first;  // importDocument names a missing file
  } else {
    id = std::stoll(doc_option);
  }
  auto doc = library.document(id);
  if (!doc) throw InputError("no document " + doc_option + " in the library (see `frontseat-cli library list`)");
  return *doc;
}

}  // namespace frontseat::cli
