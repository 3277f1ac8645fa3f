#include "engine/store/schema.h"

#include <cstdint>
#include <string>

#include "engine/core/errors.h"

namespace frontseat {

namespace {

constexpr int64_t kApplicationId = 0x46525354;  // 'FRST', set by migration 1

// Version 1: documents (metadata apart from the text, so listing never reads
// text), questions and answers and summaries (one table, `kind`), notes.
// AUTOINCREMENT: ids the user sees are never reused after a removal.
constexpr const char* kSchemaV1 = R"sql(
PRAGMA application_id = 1179800404;  -- 'FRST'
CREATE TABLE documents (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  title        TEXT    NOT NULL,
  format       TEXT    NOT NULL,
  source_path  TEXT    NOT NULL,
  content_hash TEXT    NOT NULL UNIQUE,
  text_bytes   INTEGER NOT NULL,
  added_at     INTEGER NOT NULL
);

CREATE TABLE document_texts (
  document_id    INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  text           TEXT NOT NULL,
  structure_json TEXT NOT NULL
);

CREATE TABLE answers (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind          TEXT    NOT NULL CHECK (kind IN ('answer', 'summary')),
  question      TEXT    NOT NULL,
  answer        TEXT    NOT NULL,
  model         TEXT    NOT NULL,
  settings_json TEXT    NOT NULL,
  timings_json  TEXT    NOT NULL,
  trace_path    TEXT    NOT NULL,
  created_at    INTEGER NOT NULL
);
CREATE INDEX answers_by_document ON answers(document_id, id);

CREATE TABLE notes (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  text        TEXT    NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE INDEX notes_by_document ON notes(document_id, id);
)sql";

// Version 2: the token-map cache. One row per (document, tokenizer); ids are
// little-endian int32, spans little-endian (begin, end) uint32 pairs.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE token_maps (
  document_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  tokenizer_hash TEXT    NOT NULL,
  token_count    INTEGER NOT NULL,
  ids            BLOB    NOT NULL,
  spans          BLOB    NOT NULL,
  created_at     INTEGER NOT NULL,
  PRIMARY KEY (document_id, tokenizer_hash)
);
)sql";

// Version 3: where each quoted answer stands in its document, so an answer
// reopened from the history shows its places again: little-endian (begin, end)
// uint32 byte pairs, as the token maps' spans; empty for older answers.
constexpr const char* kSchemaV3 = R"sql(
ALTER TABLE answers ADD COLUMN quoted_at BLOB NOT NULL DEFAULT x'';
)sql";

}  // namespace

const std::vector<Migration>& schemaMigrations() {
  static const std::vector<Migration> migrations = {
      {1, kSchemaV1},
      {2, kSchemaV2},
      {3, kSchemaV3},
  };
  return migrations;
}

int latestSchemaVersion() { return schemaMigrations().back().version; }

int readSchemaVersion(sqlite::Database& db) {
  auto st = db.prepare("PRAGMA user_version");
  if (!st.step()) db.fail("cannot read the schema version");
  return static_cast<int>(st.int64(0));
}

void applyMigration(sqlite::Database& db, const Migration& migration) {
  sqlite::Transaction tx(db);
  const int current = readSchemaVersion(db);
  if (current >= migration.version) return;  // another connection was first
  if (current != migration.version - 1) {
    throw IoError("Library database " + db.file().string() + ": cannot migrate from schema " +
                  std::to_string(current) + " to " + std::to_string(migration.version));
  }
  db.exec(migration.sql);
  // PRAGMA takes no parameters; the version is our own integer.
  db.exec("PRAGMA user_version = " + std::to_string(migration.version));
  tx.commit();
}

void migrateSchema(sqlite::Database& db, int target) {
  const int latest = latestSchemaVersion();
  int current = 0;
  bool foreign = false;
  {
    // One snapshot for all three reads, so a migration another connection commits
    // meanwhile cannot make a fresh file look foreign.
    sqlite::Transaction read(db, sqlite::Transaction::Mode::kDeferred);
    current = readSchemaVersion(db);
    auto app = db.prepare("PRAGMA application_id");
    const int64_t app_id = app.step() ? app.int64(0) : 0;
    // Never turn someone else's SQLite file into a library.
    foreign = app_id != 0 && app_id != kApplicationId;
    if (current == 0 && !foreign) {
      auto tables = db.prepare("SELECT count(*) FROM sqlite_master");
      foreign = tables.step() && tables.int64(0) > 0;
    }
    read.commit();
  }
  if (foreign) {
    throw IoError("Library database " + db.file().string() +
                  " is an SQLite file of another application, not a Frontseat library");
  }
  if (current > latest) {
    throw IoError("Library database " + db.file().string() + " has schema version " +
                  std::to_string(current) + ", newer than this Frontseat understands (" +
                  std::to_string(latest) + "); update Frontseat or use another database");
  }
  if (target < 0 || target > latest) {
    throw IoError("Library database " + db.file().string() + ": unknown schema version " +
                  std::to_string(target));
  }
  for (const Migration& m : schemaMigrations()) {
    if (m.version > current && m.version <= target) applyMigration(db, m);
  }
}

}  // namespace frontseat
