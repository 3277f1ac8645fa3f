// The library database's schema: a version number in `PRAGMA user_version` and an
// ordered list of forward migrations. Migration N takes a database from version
// N-1 to N; each runs in one transaction that also sets user_version, so a crash
// leaves the database at either the old or the new version.
//
// To change the schema, append a migration; never edit a released one.
#pragma once

#include <vector>

#include "engine/store/sqlite_db.h"

namespace frontseat {

struct Migration {
  int version;      // the user_version after this migration (1, 2, ...)
  const char* sql;  // one or more statements
};

// All migrations, in order: migrations()[i].version == i + 1.
const std::vector<Migration>& schemaMigrations();

// The version this build creates and understands.
int latestSchemaVersion();

// PRAGMA user_version (0 for a new, empty file).
int readSchemaVersion(sqlite::Database& db);

// Applies one migration in its own IMMEDIATE transaction, unless another
// connection already did (the version is re-read under the write lock).
void applyMigration(sqlite::Database& db, const Migration& migration);

// Brings the database to `target` (default: latest). Throws IoError for a
// database newer than this build knows, or a target outside 0..latest.
void migrateSchema(sqlite::Database& db, int target = latestSchemaVersion());

}  // namespace frontseat
