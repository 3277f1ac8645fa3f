// A thin RAII wrapper over the SQLite C API: a connection, prepared statements with
// bind/step/column helpers, and a transaction guard. Every failure throws IoError with
// SQLite's message and the database file's name, in one line.
//
// Threading: one Database (connection) per thread. Several connections — one writer
// thread and any number of reader threads, or several processes — may use the same
// file at once; WAL mode and the busy timeout make that safe (readers see the last
// committed state and never block the writer; writers take turns).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace frontseat::sqlite {

// How long a connection waits for another connection's lock before giving up.
constexpr int kBusyTimeoutMs = 5000;

class Statement;

class Database {
 public:
  // Opens (creating if needed) the database file and sets up the connection:
  // WAL journal, foreign keys, synchronous=NORMAL, busy timeout. The folder must
  // exist. A file that is not an SQLite database is reported here.
  static Database open(const std::filesystem::path& file);

  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Runs one or more SQL statements that return no rows we need.
  void exec(const std::string& sql);
  Statement prepare(std::string_view sql) const;

  int64_t lastInsertRowId() const;
  int changes() const;  // rows changed by the last INSERT/UPDATE/DELETE
  bool inTransaction() const;

  const std::filesystem::path& file() const;
  sqlite3* handle() const;

  // Throws IoError "Library database FILE: WHAT: <sqlite3_errmsg>".
  [[noreturn]] void fail(const std::string& what) const;

  struct State;  // connection + file name; stable across moves of Database

 private:
  explicit Database(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// A prepared statement. Must not outlive its Database. Bind indexes start at 1,
// column indexes at 0 (as in SQLite).
class Statement {
 public:
  Statement(Statement&&) noexcept;
  Statement& operator=(Statement&&) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind(int index, std::string_view text);  // copied by SQLite
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) {
    return bind(index, std::string_view(text));
  }
  Statement& bindBlob(int index, const void* data, std::size_t size);  // copied by SQLite
  Statement& bindNull(int index);

  // Advances: true when a row is available, false when done. Throws on error.
  bool step();
  // Steps a statement expected to return no rows (INSERT, UPDATE, DELETE, ...).
  void run();
  // Resets to run again; bindings are kept.
  void reset();

  bool isNull(int column) const;
  int64_t int64(int column) const;
  std::string text(int column) const;  // NULL reads as ""
  // The column's bytes, valid until the next step/reset. NULL reads as empty.
  std::string_view blob(int column) const;

 private:
  friend class Database;
  Statement(sqlite3_stmt* stmt, const Database::State* db);
  void check(int rc, const char* what) const;
  sqlite3_stmt* stmt_ = nullptr;
  const Database::State* db_ = nullptr;
};

// BEGIN on construction, COMMIT on commit(), ROLLBACK in the destructor when not
// committed (an exception unwinding through the guard undoes the whole transaction).
class Transaction {
 public:
  enum class Mode {
    // Takes the write lock at BEGIN, so the busy timeout applies there and a
    // writer never fails half-way for lack of a lock. Use for every write.
    kImmediate,
    // Takes locks lazily: a read transaction (one consistent snapshot).
    kDeferred,
  };
  explicit Transaction(Database& db, Mode mode = Mode::kImmediate);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool open_ = true;
};

}  // namespace frontseat::sqlite
