#include "engine/session/library_documents.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/core/errors.h"
#include "engine/import/text_importer.h"

namespace frontseat {

namespace {

std::string readBytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError("cannot read " + file.string());
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Reads structureToJson's output (see documentStructure).
DocumentStructure structureFromJson(const std::string& json_text) {
  DocumentStructure out;
  const auto json = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return out;
  try {
    for (const auto& p : json.value("pages", nlohmann::json::array())) {
      out.pages.push_back({p.at("begin").get<size_t>(), p.at("end").get<size_t>(), p.at("number").get<int>()});
    }
    for (const auto& h : json.value("headings", nlohmann::json::array())) {
      out.headings.push_back({h.at("offset").get<size_t>(), h.at("level").get<int>(), h.at("title").get<std::string>()});
    }
  } catch (const nlohmann::json::exception&) {
    return {};
  }
  return out;
}

}  // namespace

std::pair<int64_t, bool> addFileToLibrary(Library& library, const std::filesystem::path& file) {
  const auto imported = importDocument(file);
  const auto bytes = readBytes(file);
  const auto hash = sha256Hex(bytes.data(), bytes.size());
  if (auto existing = library.findByHash(hash)) return {existing->id, false};
  StoredDocument doc;
  doc.record.title = imported.title;
  doc.record.format = imported.format;
  doc.record.source_path = std::filesystem::absolute(file).lexically_normal().string();
  doc.record.content_hash = hash;
  doc.text = imported.text;
  doc.structure_json = structureToJson(imported);
  return library.addDocument(doc);
}

std::string structureToJson(const ImportedDocument& doc) {
  nlohmann::json pages = nlohmann::json::array(), headings = nlohmann::json::array();
  for (const auto& p : doc.pages) pages.push_back({{"number", p.number}, {"begin", p.begin}, {"end", p.end}});
  for (const auto& h : doc.headings) headings.push_back({{"level", h.level}, {"title", h.title}, {"offset", h.offset}});
  return nlohmann::json{{"pages", pages}, {"headings", headings}}.dump();
}

DocumentStructure documentStructure(const StoredDocument& doc) {
  auto out = structureFromJson(doc.structure_json);
  if (doc.record.format == "txt" && out.headings.empty()) out.headings = plainTextHeadings(doc.text);
  return out;
}

}  // namespace frontseat
