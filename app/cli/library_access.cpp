#include "app/cli/library_access.h"

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/core/errors.h"

namespace frontseat::cli {

namespace {

std::string readBytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError("cannot read " + file.string());
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string structureJson(const ImportedDocument& doc) {
  nlohmann::json pages = nlohmann::json::array(), headings = nlohmann::json::array();
  for (const auto& p : doc.pages) pages.push_back({{"number", p.number}, {"begin", p.begin}, {"end", p.end}});
  for (const auto& h : doc.headings) headings.push_back({{"level", h.level}, {"title", h.title}, {"offset", h.offset}});
  return nlohmann::json{{"pages", pages}, {"headings", headings}}.dump();
}

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

std::pair<int64_t, bool> addFile(Library& library, const std::filesystem::path& file) {
  const auto imported = importDocument(file);  // validates the file before anything is stored
  const auto bytes = readBytes(file);
  const auto hash = sha256Hex(bytes.data(), bytes.size());
  if (auto existing = library.findByHash(hash)) return {existing->id, false};
  StoredDocument doc;
  doc.record.title = imported.title;
  doc.record.format = imported.format;
  doc.record.source_path = std::filesystem::absolute(file).lexically_normal().string();
  doc.record.content_hash = hash;
  doc.text = imported.text;
  doc.structure_json = structureJson(imported);
  return library.addDocument(doc);
}

StoredDocument resolveDocument(Library& library, const std::string& doc_option) {
  std::error_code ec;
  int64_t id = 0;
  if (std::filesystem::exists(doc_option, ec) || !isNumber(doc_option)) {
    id = addFile(library, doc_option).first;  // importDocument names a missing file
  } else {
    id = std::stoll(doc_option);
  }
  auto doc = library.document(id);
  if (!doc) throw InputError("no document " + doc_option + " in the library (see `frontseat-cli library list`)");
  return *doc;
}

std::vector<TokenSpan> cachedDocumentTokens(Library& library, int64_t document_id, const std::string& text,
                                            const Engine& engine, const std::filesystem::path& model_dir) {
  const auto spiece = readBytes(model_dir / "spiece.model");
  const auto tokenizer_hash = sha256Hex(spiece.data(), spiece.size());
  std::vector<TokenSpan> spans;
  if (auto cached = library.tokenMap(document_id, tokenizer_hash)) {
    spans.reserve(cached->ids.size());
    for (size_t i = 0; i < cached->ids.size(); ++i) {
      spans.push_back({cached->ids[i], cached->spans[i].first, cached->spans[i].second});
    }
    return spans;
  }
  spans = engine.tokenizer().encodeWithSpans(text);
  TokenMapRecord record;
  record.tokenizer_hash = tokenizer_hash;
  for (const auto& s : spans) {
    record.ids.push_back(s.id);
    record.spans.emplace_back(static_cast<uint32_t>(s.begin), static_cast<uint32_t>(s.end));
  }
  library.saveTokenMap(document_id, record);
  return spans;
}

}  // namespace frontseat::cli
