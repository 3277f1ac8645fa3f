// The document library: one SQLite file holding documents (metadata, normalized
// text, structure), questions/answers and summaries, user notes, and cached token
// maps. See DESIGN.md §7.
//
// Durability: every write is one transaction. Killing the process at any moment
// loses at most the write in flight and never corrupts the file (WAL journal).
//
// Threading: a Library is one database connection and is not thread-safe; the
// model is one Library per thread. A writer thread and any number of reader
// threads (or processes) each open their own Library on the same file: readers
// see the last committed state and do not block the writer, and writers wait
// their turn (up to 5 s) rather than fail.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace frontseat {

struct DocumentRecord {
  int64_t id = 0;
  std::string title, format, source_path;
  std::string content_hash;  // hex SHA-256 of the file's bytes; identifies the document
  int64_t text_bytes = 0;    // size of the normalized text (set by the library)
  int64_t added_at = 0;      // unix seconds; 0 on add means "now"
};

struct StoredDocument {
  DocumentRecord record;
  std::string text;            // normalized text
  std::string structure_json;  // pages + headings as JSON, opaque to the store
};

struct AnswerRecord {
  int64_t id = 0, document_id = 0;
  std::string kind;  // "answer" or "summary"
  std::string question, answer, model, settings_json, timings_json, trace_path;
  int64_t created_at = 0;  // unix seconds; 0 on record means "now"
  // [begin, end) byte ranges in the document where a quoted answer stands;
  // empty for answers in the model's own words.
  std::vector<std::pair<uint32_t, uint32_t>> quoted_at;
};

struct NoteRecord {
  int64_t id = 0, document_id = 0;
  std::string text;
  int64_t created_at = 0;
};

// Token ids of a document's normalized text for one tokenizer, and each token's
// [begin, end) byte span in that text. Stored as little-endian BLOBs.
struct TokenMapRecord {
  std::string tokenizer_hash;
  std::vector<int32_t> ids;
  std::vector<std::pair<uint32_t, uint32_t>> spans;  // same length as ids
};

class Library {
 public:
  // Opens the library at `file`, creating its folder and the file if needed, and
  // migrates an older schema forward. Throws IoError when the file cannot be
  // opened, is not an SQLite database, or was made by a newer Frontseat.
  static Library open(const std::filesystem::path& file);

  Library(Library&&) noexcept;
  Library& operator=(Library&&) noexcept;
  ~Library();

  // Adds a document. The same content hash added twice is one document: the
  // second call returns {existing id, false} and changes nothing. InputError when
  // content_hash is empty.
  std::pair<int64_t, bool> addDocument(const StoredDocument& doc);
  // Newest first. Reads no text (fast with thousands of documents).
  std::vector<DocumentRecord> listDocuments() const;
  std::optional<StoredDocument> document(int64_t id) const;
  std::optional<DocumentRecord> findByHash(const std::string& content_hash) const;
  // Removes the document with its answers, notes and token maps. False when no
  // such document.
  bool removeDocument(int64_t id);

  // Records an answer or summary; returns its id. InputError for an unknown
  // document or a kind other than "answer"/"summary".
  int64_t recordAnswer(const AnswerRecord& record);
  // Newest first; one document's or all. limit <= 0 means no limit. InputError
  // for an unknown document.
  std::vector<AnswerRecord> history(std::optional<int64_t> document_id = std::nullopt,
                                    int limit = 100) const;

  // InputError for an unknown document or empty text.
  int64_t addNote(int64_t document_id, const std::string& text);
  // Oldest first. InputError for an unknown document.
  std::vector<NoteRecord> notes(int64_t document_id) const;

  // Stores (or replaces) the document's token map for map.tokenizer_hash.
  // InputError for an unknown document, an empty tokenizer hash, or ids and
  // spans of different lengths.
  void saveTokenMap(int64_t document_id, const TokenMapRecord& map);
  std::optional<TokenMapRecord> tokenMap(int64_t document_id,
                                         const std::string& tokenizer_hash) const;

  int schemaVersion() const;
  const std::filesystem::path& file() const;

 private:
  struct Impl;
  explicit Library(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// SHA-256, for content hashes, in lowercase hex.
std::string sha256Hex(const void* data, std::size_t size);

// Incremental SHA-256, to hash a large file in chunks.
class Sha256 {
 public:
  Sha256();
  void update(const void* data, std::size_t size);
  std::string finishHex();  // the object must not be used afterwards

 private:
  void block(const unsigned char* p);
  uint32_t h_[8];
  unsigned char buf_[64];
  std::size_t buf_len_ = 0;
  uint64_t total_ = 0;
};

}  // namespace frontseat
