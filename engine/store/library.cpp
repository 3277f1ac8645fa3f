#include "engine/store/library.h"

#include <algorithm>
#include <cstring>
#include <ctime>
#include <optional>
#include <string_view>
#include <system_error>

#include "engine/core/errors.h"
#include "engine/store/schema.h"
#include "engine/store/sqlite_db.h"

namespace frontseat {

namespace fs = std::filesystem;
using sqlite::Statement;
using sqlite::Transaction;

struct Library::Impl {
  sqlite::Database db;
};

namespace {

int64_t nowSeconds() { return static_cast<int64_t>(std::time(nullptr)); }

constexpr const char* kDocumentColumns =
    "d.id, d.title, d.format, d.source_path, d.content_hash, d.text_bytes, d.added_at";

DocumentRecord readDocument(const Statement& st) {
  DocumentRecord r;
  r.id = st.int64(0);
  r.title = st.text(1);
  r.format = st.text(2);
  r.source_path = st.text(3);
  r.content_hash = st.text(4);
  r.text_bytes = st.int64(5);
  r.added_at = st.int64(6);
  return r;
}

// Little-endian encoding, so a library file moves between machines.
void putU32(std::string& out, uint32_t v) {
  const char b[4] = {static_cast<char>(v & 0xFF), static_cast<char>((v >> 8) & 0xFF),
                     static_cast<char>((v >> 16) & 0xFF), static_cast<char>((v >> 24) & 0xFF)};
  out.append(b, 4);
}

uint32_t getU32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return static_cast<uint32_t>(u[0]) | (static_cast<uint32_t>(u[1]) << 8) |
         (static_cast<uint32_t>(u[2]) << 16) | (static_cast<uint32_t>(u[3]) << 24);
}

// Byte ranges as (begin, end) pairs of the above.
std::string encodeSpans(const std::vector<std::pair<uint32_t, uint32_t>>& spans) {
  std::string out;
  out.reserve(spans.size() * 8);
  for (const auto& [begin, end] : spans) {
    putU32(out, begin);
    putU32(out, end);
  }
  return out;
}

// None when `blob` is not a whole number of pairs.
std::optional<std::vector<std::pair<uint32_t, uint32_t>>> decodeSpans(std::string_view blob) {
  if (blob.size() % 8 != 0) return std::nullopt;
  std::vector<std::pair<uint32_t, uint32_t>> spans(blob.size() / 8);
  for (std::size_t i = 0; i < spans.size(); ++i) {
    spans[i] = {getU32(blob.data() + 8 * i), getU32(blob.data() + 8 * i + 4)};
  }
  return spans;
}

constexpr const char* kAnswerColumns =
    "id, document_id, kind, question, answer, model, settings_json, timings_json, "
    "trace_path, created_at, quoted_at";

AnswerRecord readAnswer(const Statement& st) {
  AnswerRecord r;
  r.id = st.int64(0);
  r.document_id = st.int64(1);
  r.kind = st.text(2);
  r.question = st.text(3);
  r.answer = st.text(4);
  r.model = st.text(5);
  r.settings_json = st.text(6);
  r.timings_json = st.text(7);
  r.trace_path = st.text(8);
  r.created_at = st.int64(9);
  // The places are a convenience beside the answer: damaged ones (another
  // program wrote the column) drop the underline, not the history.
  r.quoted_at = decodeSpans(st.blob(10)).value_or(std::vector<std::pair<uint32_t, uint32_t>>{});
  return r;
}

bool documentExists(const sqlite::Database& db, int64_t id) {
  auto st = db.prepare("SELECT 1 FROM documents WHERE id = ?");
  st.bind(1, id);
  return st.step();
}

[[noreturn]] void unknownDocument(int64_t id) {
  throw InputError("No document with id " + std::to_string(id) + " in the library");
}

void requireDocument(const sqlite::Database& db, int64_t id) {
  if (!documentExists(db, id)) unknownDocument(id);
}

}  // namespace

Library::Library(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Library::Library(Library&&) noexcept = default;
Library& Library::operator=(Library&&) noexcept = default;
Library::~Library() = default;

Library Library::open(const fs::path& file) {
  const fs::path dir = file.parent_path();
  if (!dir.empty()) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
      throw IoError("Cannot create the folder " + dir.string() + " for the library database " +
                    file.string() + ": " + ec.message());
    }
  }
  std::error_code ec;
  if (fs::is_directory(file, ec)) {
    throw IoError("Library database " + file.string() + " is a folder, not a file");
  }
  auto impl = std::make_unique<Impl>(Impl{sqlite::Database::open(file)});
  migrateSchema(impl->db);
  return Library(std::move(impl));
}

std::pair<int64_t, bool> Library::addDocument(const StoredDocument& doc) {
  const DocumentRecord& r = doc.record;
  if (r.content_hash.empty()) throw InputError("A document needs a content hash to be stored");
  auto& db = impl_->db;
  Transaction tx(db);
  {
    auto st = db.prepare("SELECT id FROM documents WHERE content_hash = ?");
    st.bind(1, r.content_hash);
    if (st.step()) return {st.int64(0), false};  // nothing written; tx rolls back
  }
  auto ins = db.prepare(
      "INSERT INTO documents (title, format, source_path, content_hash, text_bytes, added_at) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  ins.bind(1, r.title)
      .bind(2, r.format)
      .bind(3, r.source_path)
      .bind(4, r.content_hash)
      .bind(5, static_cast<int64_t>(doc.text.size()))
      .bind(6, r.added_at != 0 ? r.added_at : nowSeconds());
  ins.run();
  const int64_t id = db.lastInsertRowId();
  auto text = db.prepare(
      "INSERT INTO document_texts (document_id, text, structure_json) VALUES (?, ?, ?)");
  text.bind(1, id).bind(2, doc.text).bind(3, doc.structure_json);
  text.run();
  tx.commit();
  return {id, true};
}

std::vector<DocumentRecord> Library::listDocuments() const {
  auto st = impl_->db.prepare(std::string("SELECT ") + kDocumentColumns +
                              " FROM documents d ORDER BY d.id DESC");
  std::vector<DocumentRecord> out;
  while (st.step()) out.push_back(readDocument(st));
  return out;
}

std::optional<StoredDocument> Library::document(int64_t id) const {
  auto st = impl_->db.prepare(std::string("SELECT ") + kDocumentColumns +
                              ", t.text, t.structure_json FROM documents d "
                              "JOIN document_texts t ON t.document_id = d.id WHERE d.id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  StoredDocument doc;
  doc.record = readDocument(st);
  doc.text = st.text(7);
  doc.structure_json = st.text(8);
  return doc;
}

std::optional<DocumentRecord> Library::findByHash(const std::string& content_hash) const {
  auto st = impl_->db.prepare(std::string("SELECT ") + kDocumentColumns +
                              " FROM documents d WHERE d.content_hash = ?");
  st.bind(1, content_hash);
  if (!st.step()) return std::nullopt;
  return readDocument(st);
}

bool Library::removeDocument(int64_t id) {
  auto& db = impl_->db;
  Transaction tx(db);
  auto st = db.prepare("DELETE FROM documents WHERE id = ?");  // cascades
  st.bind(1, id);
  st.run();
  const bool removed = db.changes() > 0;
  tx.commit();
  return removed;
}

int64_t Library::recordAnswer(const AnswerRecord& r) {
  if (r.kind != "answer" && r.kind != "summary") {
    throw InputError("Unknown answer kind \"" + r.kind + "\" (expected answer or summary)");
  }
  auto& db = impl_->db;
  Transaction tx(db);
  requireDocument(db, r.document_id);
  auto st = db.prepare(
      "INSERT INTO answers (document_id, kind, question, answer, model, settings_json, "
      "timings_json, trace_path, created_at, quoted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const std::string places = encodeSpans(r.quoted_at);
  st.bind(1, r.document_id)
      .bind(2, r.kind)
      .bind(3, r.question)
      .bind(4, r.answer)
      .bind(5, r.model)
      .bind(6, r.settings_json)
      .bind(7, r.timings_json)
      .bind(8, r.trace_path)
      .bind(9, r.created_at != 0 ? r.created_at : nowSeconds())
      .bindBlob(10, places.data(), places.size());
  st.run();
  const int64_t id = db.lastInsertRowId();
  tx.commit();
  return id;
}

std::vector<AnswerRecord> Library::history(std::optional<int64_t> document_id,
                                           int limit) const {
  auto& db = impl_->db;
  std::string sql = std::string("SELECT ") + kAnswerColumns + " FROM answers";
  if (document_id) sql += " WHERE document_id = ?1";
  sql += " ORDER BY id DESC LIMIT ?2";  // ids grow with time (AUTOINCREMENT)
  auto st = db.prepare(sql);
  if (document_id) st.bind(1, *document_id);
  st.bind(2, static_cast<int64_t>(limit > 0 ? limit : -1));
  std::vector<AnswerRecord> out;
  while (st.step()) out.push_back(readAnswer(st));
  if (out.empty() && document_id) requireDocument(db, *document_id);
  return out;
}

int64_t Library::addNote(int64_t document_id, const std::string& text) {
  if (text.empty()) throw InputError("A note cannot be empty");
  auto& db = impl_->db;
  Transaction tx(db);
  requireDocument(db, document_id);
  auto st = db.prepare("INSERT INTO notes (document_id, text, created_at) VALUES (?, ?, ?)");
  st.bind(1, document_id).bind(2, text).bind(3, nowSeconds());
  st.run();
  const int64_t id = db.lastInsertRowId();
  tx.commit();
  return id;
}

std::vector<NoteRecord> Library::notes(int64_t document_id) const {
  auto& db = impl_->db;
  auto st = db.prepare(
      "SELECT id, document_id, text, created_at FROM notes WHERE document_id = ? ORDER BY id");
  st.bind(1, document_id);
  std::vector<NoteRecord> out;
  while (st.step()) {
    NoteRecord n;
    n.id = st.int64(0);
    n.document_id = st.int64(1);
    n.text = st.text(2);
    n.created_at = st.int64(3);
    out.push_back(std::move(n));
  }
  if (out.empty()) requireDocument(db, document_id);
  return out;
}

void Library::saveTokenMap(int64_t document_id, const TokenMapRecord& map) {
  if (map.tokenizer_hash.empty()) throw InputError("A token map needs a tokenizer hash");
  if (map.ids.size() != map.spans.size()) {
    throw InputError("A token map needs one span per token id (" +
                     std::to_string(map.ids.size()) + " ids, " +
                     std::to_string(map.spans.size()) + " spans)");
  }
  std::string ids;
  ids.reserve(map.ids.size() * 4);
  for (int32_t id : map.ids) putU32(ids, static_cast<uint32_t>(id));
  const std::string spans = encodeSpans(map.spans);
  auto& db = impl_->db;
  Transaction tx(db);
  requireDocument(db, document_id);
  auto st = db.prepare(
      "INSERT INTO token_maps (document_id, tokenizer_hash, token_count, ids, spans, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (document_id, tokenizer_hash) DO UPDATE SET "
      "token_count = excluded.token_count, ids = excluded.ids, spans = excluded.spans, "
      "created_at = excluded.created_at");
  st.bind(1, document_id)
      .bind(2, map.tokenizer_hash)
      .bind(3, static_cast<int64_t>(map.ids.size()))
      .bindBlob(4, ids.data(), ids.size())
      .bindBlob(5, spans.data(), spans.size())
      .bind(6, nowSeconds());
  st.run();
  tx.commit();
}

std::optional<TokenMapRecord> Library::tokenMap(int64_t document_id,
                                                const std::string& tokenizer_hash) const {
  auto& db = impl_->db;
  auto st = db.prepare(
      "SELECT token_count, ids, spans FROM token_maps "
      "WHERE document_id = ? AND tokenizer_hash = ?");
  st.bind(1, document_id).bind(2, tokenizer_hash);
  if (!st.step()) return std::nullopt;
  const int64_t count = st.int64(0);
  const std::string_view ids = st.blob(1);
  auto spans = decodeSpans(st.blob(2));
  if (count < 0 || ids.size() != static_cast<std::size_t>(count) * 4 || !spans ||
      spans->size() != static_cast<std::size_t>(count)) {
    throw IoError("Library database " + db.file().string() + ": the token map of document " +
                  std::to_string(document_id) + " is damaged");
  }
  TokenMapRecord map;
  map.tokenizer_hash = tokenizer_hash;
  map.ids.resize(static_cast<std::size_t>(count));
  for (std::size_t i = 0; i < map.ids.size(); ++i) map.ids[i] = static_cast<int32_t>(getU32(ids.data() + 4 * i));
  map.spans = std::move(*spans);
  return map;
}

int Library::schemaVersion() const { return readSchemaVersion(impl_->db); }

const fs::path& Library::file() const { return impl_->db.file(); }

// ---- SHA-256 (FIPS 180-4) ------------------------------------------------------

namespace {

constexpr uint32_t kK[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2};

inline uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

}  // namespace

Sha256::Sha256()
    : h_{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
         0x5be0cd19},
      buf_{} {}

void Sha256::block(const unsigned char* p) {
  uint32_t w[64];
  for (int i = 0; i < 16; ++i) {
    w[i] = (static_cast<uint32_t>(p[4 * i]) << 24) | (static_cast<uint32_t>(p[4 * i + 1]) << 16) |
           (static_cast<uint32_t>(p[4 * i + 2]) << 8) | static_cast<uint32_t>(p[4 * i + 3]);
  }
  for (int i = 16; i < 64; ++i) {
    const uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    const uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4], f = h_[5], g = h_[6],
           h = h_[7];
  for (int i = 0; i < 64; ++i) {
    const uint32_t s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
    const uint32_t ch = (e & f) ^ (~e & g);
    const uint32_t t1 = h + s1 + ch + kK[i] + w[i];
    const uint32_t s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
    const uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
    const uint32_t t2 = s0 + maj;
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  h_[0] += a;
  h_[1] += b;
  h_[2] += c;
  h_[3] += d;
  h_[4] += e;
  h_[5] += f;
  h_[6] += g;
  h_[7] += h;
}

void Sha256::update(const void* data, std::size_t size) {
  const auto* p = static_cast<const unsigned char*>(data);
  total_ += size;
  if (buf_len_ > 0) {
    const std::size_t take = std::min(size, sizeof buf_ - buf_len_);
    std::memcpy(buf_ + buf_len_, p, take);
    buf_len_ += take;
    p += take;
    size -= take;
    if (buf_len_ < sizeof buf_) return;
    block(buf_);
    buf_len_ = 0;
  }
  for (; size >= 64; p += 64, size -= 64) block(p);
  if (size > 0) {
    std::memcpy(buf_, p, size);
    buf_len_ = size;
  }
}

std::string Sha256::finishHex() {
  const uint64_t bits = total_ * 8;
  static const unsigned char kPad[64] = {0x80};
  update(kPad, 1 + ((119 - (total_ % 64)) % 64));  // up to 56 mod 64
  unsigned char len[8];
  for (int i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>(bits >> (56 - 8 * i));
  update(len, 8);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (uint32_t v : h_) {
    for (int shift = 28; shift >= 0; shift -= 4) out.push_back(kHex[(v >> shift) & 0xF]);
  }
  return out;
}

std::string sha256Hex(const void* data, std::size_t size) {
  Sha256 h;
  h.update(data, size);
  return h.finishHex();
}

}  // namespace frontseat
