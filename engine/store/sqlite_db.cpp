#include "engine/store/sqlite_db.h"

#include <sqlite3.h>

#include <utility>

#include "engine/core/errors.h"

namespace frontseat::sqlite {

struct Database::State {
  sqlite3* db = nullptr;
  std::filesystem::path file;
  ~State() {
    // close_v2 defers the close until every statement is finalized; statements
    // must not outlive the Database anyway.
    if (db != nullptr) sqlite3_close_v2(db);
  }
};

namespace {

[[noreturn]] void throwFor(const Database::State& state, const std::string& what) {
  const char* msg = state.db != nullptr ? sqlite3_errmsg(state.db) : "out of memory";
  throw IoError("Library database " + state.file.string() + ": " + what + ": " + msg);
}

}  // namespace

// ---- Database ----------------------------------------------------------------

Database::Database(std::unique_ptr<State> state) : state_(std::move(state)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

Database Database::open(const std::filesystem::path& file) {
  auto state = std::make_unique<State>();
  state->file = file;
  // FULLMUTEX: a connection misused from two threads stays memory-safe inside
  // SQLite; the documented model is still one connection per thread.
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
  const int rc = sqlite3_open_v2(file.c_str(), &state->db, flags, nullptr);
  if (rc != SQLITE_OK) throwFor(*state, "cannot open the file");
  sqlite3_extended_result_codes(state->db, 1);
  // Set first: even switching to WAL may have to wait for another connection.
  sqlite3_busy_timeout(state->db, kBusyTimeoutMs);

  Database db(std::move(state));
  // The first statement reads the file header, so a file that is not a database
  // ("file is not a database") is reported here, not later.
  std::string mode;
  {
    Statement st = db.prepare("PRAGMA journal_mode=WAL");
    if (st.step()) mode = st.text(0);
  }
  db.exec("PRAGMA foreign_keys=ON");
  // With WAL, synchronous=NORMAL fsyncs only at checkpoints, not at every commit.
  // That is still crash-safe: a commit is one append to the -wal file, and a
  // transaction counts only once its commit frame (with checksums) is complete, so
  // a killed process loses nothing it committed (the data is in the OS page cache
  // and the WAL is replayed on the next open). A power loss or OS crash may lose
  // the last few commits, but the checksummed WAL stops at the first torn frame
  // and the database is never corrupted. In the rollback-journal modes NORMAL is
  // not that safe, so should WAL be unavailable (e.g. some network file systems)
  // we fall back to FULL.
  if (mode == "wal") {
    db.exec("PRAGMA synchronous=NORMAL");
  } else {
    db.exec("PRAGMA synchronous=FULL");
  }
  return db;
}

void Database::exec(const std::string& sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(state_->db, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    const std::string msg = err != nullptr ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    std::string first = sql.substr(0, sql.find('\n'));
    if (first.size() > 60) first = first.substr(0, 60) + "...";
    throw IoError("Library database " + state_->file.string() + ": \"" + first +
                  "\" failed: " + msg);
  }
}

Statement Database::prepare(std::string_view sql) const {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(state_->db, sql.data(), static_cast<int>(sql.size()),
                                    &stmt, nullptr);
  if (rc != SQLITE_OK) throwFor(*state_, "cannot prepare a query");
  return Statement(stmt, state_.get());
}

int64_t Database::lastInsertRowId() const { return sqlite3_last_insert_rowid(state_->db); }
int Database::changes() const { return sqlite3_changes(state_->db); }
bool Database::inTransaction() const { return sqlite3_get_autocommit(state_->db) == 0; }
const std::filesystem::path& Database::file() const { return state_->file; }
sqlite3* Database::handle() const { return state_->db; }
void Database::fail(const std::string& what) const { throwFor(*state_, what); }

// ---- Statement ---------------------------------------------------------------

Statement::Statement(sqlite3_stmt* stmt, const Database::State* db) : stmt_(stmt), db_(db) {}

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)), db_(other.db_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (stmt_ != nullptr) sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
    db_ = other.db_;
  }
  return *this;
}

Statement::~Statement() {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
}

void Statement::check(int rc, const char* what) const {
  if (rc != SQLITE_OK) throwFor(*db_, what);
}

Statement& Statement::bind(int index, int64_t value) {
  check(sqlite3_bind_int64(stmt_, index, value), "cannot bind a query value");
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  check(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                            SQLITE_UTF8),
        "cannot bind a query value");
  return *this;
}

Statement& Statement::bindBlob(int index, const void* data, std::size_t size) {
  // A null pointer would bind NULL; an empty BLOB must stay a BLOB.
  static const char kEmpty = 0;
  check(sqlite3_bind_blob64(stmt_, index, size == 0 ? &kEmpty : data, size, SQLITE_TRANSIENT),
        "cannot bind a query value");
  return *this;
}

Statement& Statement::bindNull(int index) {
  check(sqlite3_bind_null(stmt_, index), "cannot bind a query value");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throwFor(*db_, "query failed");
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() { sqlite3_reset(stmt_); }

bool Statement::isNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  const int n = sqlite3_column_bytes(stmt_, column);
  if (p == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
}

std::string_view Statement::blob(int column) const {
  const void* p = sqlite3_column_blob(stmt_, column);
  const int n = sqlite3_column_bytes(stmt_, column);
  if (p == nullptr) return {};
  return std::string_view(static_cast<const char*>(p), static_cast<std::size_t>(n));
}

// ---- Transaction -------------------------------------------------------------

Transaction::Transaction(Database& db, Mode mode) : db_(db) {
  db_.exec(mode == Mode::kImmediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

void Transaction::commit() {
  db_.exec("COMMIT");
  open_ = false;
}

Transaction::~Transaction() {
  // Some errors (disk full, I/O) roll back on their own; ROLLBACK only when a
  // transaction is still open. Errors here cannot be reported from a destructor;
  // SQLite rolls back on close in any case.
  if (open_ && db_.inTransaction()) {
    sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

}  // namespace frontseat::sqlite
