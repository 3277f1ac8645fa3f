// Crash safety of the library (DESIGN.md §7): a child process writes to the library
// in a loop, one transaction per call, and is killed with SIGKILL at random moments.
// After every kill the database must pass `PRAGMA integrity_check`, and every write
// the child reported as committed must be there with exactly the content written;
// nothing else may be there except, possibly, the one write in flight.
//
// The child reports over a pipe: an "intent" message before each call and a
// "commit" message (with the new id and a checksum of the content) after it.
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/store/library.h"
#include "engine/store/sqlite_db.h"
#include "tests/engine/test_paths.h"

namespace frontseat {
namespace {

namespace fs = std::filesystem;

enum Op : uint8_t { kAddDoc = 1, kAnswer, kNote, kTokenMap, kRemove };
enum Phase : uint8_t { kIntent = 1, kCommit = 2 };

struct Msg {
  uint32_t magic = 0x46534d47;
  uint8_t op = 0;
  uint8_t phase = 0;
  uint16_t pad = 0;
  int64_t id = 0;   // the new row's id (commit of an add), else 0
  int64_t doc = 0;  // the document the write is about (0 for kAddDoc)
  uint64_t seed = 0;
  uint64_t checksum = 0;  // of the content written (commit only)
};
static_assert(sizeof(Msg) <= PIPE_BUF, "pipe writes must be atomic");

uint64_t fnv1a(const std::string& s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string randomText(std::mt19937_64& rng, std::size_t min_len, std::size_t max_len) {
  static const char kChars[] = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ.,;\n0123456789";
  const std::size_t n = min_len + rng() % (max_len - min_len + 1);
  std::string s(n, ' ');
  for (auto& c : s) c = kChars[rng() % (sizeof kChars - 1)];
  return s;
}

// Content is a pure function of the seed, so the parent can regenerate it.
StoredDocument docFor(uint64_t seed) {
  std::mt19937_64 rng(seed);
  StoredDocument d;
  d.text = "document " + std::to_string(seed) + "\n" + randomText(rng, 100, 20000);
  d.record.title = "Title " + std::to_string(seed);
  d.record.format = "txt";
  d.record.source_path = "/crash/" + std::to_string(seed) + ".txt";
  d.record.content_hash = sha256Hex(d.text.data(), d.text.size());
  d.structure_json = "{\"pages\":[0],\"seed\":" + std::to_string(seed) + "}";
  return d;
}
uint64_t checksum(const StoredDocument& d) {
  return fnv1a(d.structure_json, fnv1a(d.record.title, fnv1a(d.text)));
}

AnswerRecord answerFor(uint64_t seed, int64_t doc) {
  std::mt19937_64 rng(seed);
  AnswerRecord a;
  a.document_id = doc;
  a.kind = seed % 3 == 0 ? "summary" : "answer";
  a.question = "question " + std::to_string(seed);
  a.answer = randomText(rng, 1, 3000);
  a.model = "t5-crash";
  a.settings_json = "{\"seed\":" + std::to_string(seed) + "}";
  a.timings_json = "{}";
  a.created_at = 1700000000 + static_cast<int64_t>(seed % 1000);
  return a;
}
uint64_t checksum(const AnswerRecord& a) {
  return fnv1a(a.settings_json, fnv1a(a.answer, fnv1a(a.question, fnv1a(a.kind))));
}

std::string noteFor(uint64_t seed) {
  std::mt19937_64 rng(seed);
  return "note " + std::to_string(seed) + " " + randomText(rng, 1, 500);
}

std::string tokenizerFor(uint64_t seed) { return seed % 2 ? "tok-a" : "tok-b"; }

TokenMapRecord tokenMapFor(uint64_t seed) {
  std::mt19937_64 rng(seed);
  TokenMapRecord m;
  m.tokenizer_hash = tokenizerFor(seed);
  const std::size_t n = rng() % 8000;
  uint32_t pos = 0;
  for (std::size_t i = 0; i < n; ++i) {
    m.ids.push_back(static_cast<int32_t>(rng() % 32128));
    m.spans.emplace_back(pos, pos + 1 + static_cast<uint32_t>(rng() % 7));
    pos = m.spans.back().second;
  }
  return m;
}
uint64_t checksum(const TokenMapRecord& m) {
  std::string bytes(m.ids.size() * 12, '\0');
  if (!m.ids.empty()) {
    std::memcpy(&bytes[0], m.ids.data(), m.ids.size() * 4);
    std::memcpy(&bytes[m.ids.size() * 4], m.spans.data(), m.spans.size() * 8);
  }
  return fnv1a(bytes, fnv1a(m.tokenizer_hash));
}

void send(int fd, const Msg& m) {
  if (::write(fd, &m, sizeof m) != static_cast<ssize_t>(sizeof m)) ::_exit(3);
}

// The child: writes until killed. Never returns.
[[noreturn]] void childLoop(const fs::path& db, int round, int fd) {
  try {
    Library lib = Library::open(db);
    std::vector<int64_t> live;
    for (const auto& d : lib.listDocuments()) live.push_back(d.id);
    std::mt19937_64 rng(1000 + round);
    for (uint64_t i = 0;; ++i) {
      const uint64_t seed = static_cast<uint64_t>(round) * 1000000 + i;
      const unsigned p = rng() % 100;
      Msg m;
      m.seed = seed;
      if (live.empty() || p < 30) {
        m.op = kAddDoc;
      } else if (p < 55) {
        m.op = kAnswer;
      } else if (p < 70) {
        m.op = kNote;
      } else if (p < 95 || live.size() < 4) {
        m.op = kTokenMap;
      } else {
        m.op = kRemove;
      }
      if (m.op != kAddDoc) m.doc = live[rng() % live.size()];
      m.phase = kIntent;
      send(fd, m);
      m.phase = kCommit;
      switch (m.op) {
        case kAddDoc: {
          const StoredDocument d = docFor(seed);
          m.id = lib.addDocument(d).first;
          m.checksum = checksum(d);
          live.push_back(m.id);
          break;
        }
        case kAnswer: {
          const AnswerRecord a = answerFor(seed, m.doc);
          m.id = lib.recordAnswer(a);
          m.checksum = checksum(a);
          break;
        }
        case kNote: {
          const std::string text = noteFor(seed);
          m.id = lib.addNote(m.doc, text);
          m.checksum = fnv1a(text);
          break;
        }
        case kTokenMap: {
          const TokenMapRecord t = tokenMapFor(seed);
          lib.saveTokenMap(m.doc, t);
          m.checksum = checksum(t);
          break;
        }
        case kRemove:
          if (!lib.removeDocument(m.doc)) ::_exit(4);
          live.erase(std::find(live.begin(), live.end(), m.doc));
          break;
      }
      send(fd, m);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "crash-test child: %s\n", e.what());
    ::_exit(2);
  }
  ::_exit(5);
}

// What the parent knows has been committed.
struct Expected {
  std::map<int64_t, uint64_t> docs;                                  // id -> seed
  std::map<int64_t, std::pair<int64_t, uint64_t>> answers, notes;   // id -> (doc, seed)
  std::map<std::pair<int64_t, std::string>, uint64_t> token_maps;    // (doc, tokenizer) -> seed

  void removeDoc(int64_t doc) {
    docs.erase(doc);
    for (auto* m : {&answers, &notes}) {
      for (auto it = m->begin(); it != m->end();) {
        it = it->second.first == doc ? m->erase(it) : std::next(it);
      }
    }
    for (auto it = token_maps.begin(); it != token_maps.end();) {
      it = it->first.first == doc ? token_maps.erase(it) : std::next(it);
    }
  }
};

int64_t countRows(sqlite::Database& db, const std::string& table) {
  auto st = db.prepare("SELECT count(*) FROM " + table);
  if (!st.step()) return -1;
  return st.int64(0);
}

// Applies the reported commits; returns the write in flight (phase kIntent), if any.
std::optional<Msg> applyReports(const std::vector<Msg>& msgs, Expected& exp) {
  std::optional<Msg> pending;
  for (const Msg& m : msgs) {
    EXPECT_EQ(m.magic, 0x46534d47u);
    if (m.phase == kIntent) {
      pending = m;
      continue;
    }
    pending.reset();
    switch (m.op) {
      case kAddDoc:
        EXPECT_EQ(m.checksum, checksum(docFor(m.seed)));
        exp.docs[m.id] = m.seed;
        break;
      case kAnswer:
        EXPECT_EQ(m.checksum, checksum(answerFor(m.seed, m.doc)));
        exp.answers[m.id] = {m.doc, m.seed};
        break;
      case kNote:
        EXPECT_EQ(m.checksum, fnv1a(noteFor(m.seed)));
        exp.notes[m.id] = {m.doc, m.seed};
        break;
      case kTokenMap:
        EXPECT_EQ(m.checksum, checksum(tokenMapFor(m.seed)));
        exp.token_maps[{m.doc, tokenizerFor(m.seed)}] = m.seed;
        break;
      case kRemove:
        exp.removeDoc(m.doc);
        break;
    }
  }
  return pending;
}

// The write in flight may or may not have landed; find out which and accept it
// only if it is exactly what the child was writing.
void reconcilePending(const Msg& m, Library& lib, Expected& exp) {
  switch (m.op) {
    case kAddDoc: {
      const StoredDocument d = docFor(m.seed);
      if (auto found = lib.findByHash(d.record.content_hash)) exp.docs[found->id] = m.seed;
      break;
    }
    case kAnswer:
      for (const auto& a : lib.history(m.doc, 0)) {
        if (!exp.answers.count(a.id)) {
          EXPECT_EQ(checksum(a), checksum(answerFor(m.seed, m.doc))) << "in-flight answer";
          exp.answers[a.id] = {m.doc, m.seed};
        }
      }
      break;
    case kNote:
      for (const auto& n : lib.notes(m.doc)) {
        if (!exp.notes.count(n.id)) {
          EXPECT_EQ(n.text, noteFor(m.seed)) << "in-flight note";
          exp.notes[n.id] = {m.doc, m.seed};
        }
      }
      break;
    case kTokenMap: {
      const auto map = lib.tokenMap(m.doc, tokenizerFor(m.seed));
      if (map && checksum(*map) == checksum(tokenMapFor(m.seed))) {
        exp.token_maps[{m.doc, tokenizerFor(m.seed)}] = m.seed;
      }
      break;
    }
    case kRemove:
      if (!lib.document(m.doc)) exp.removeDoc(m.doc);
      break;
  }
}

// Checks the integrity and the row counts, and the content of every committed record
// (`full`) or of those written in this round (seeds encode the round).
void verify(const fs::path& path, const Expected& exp, int round, bool full) {
  SCOPED_TRACE("after kill " + std::to_string(round));
  const auto wanted = [&](uint64_t seed) {
    return full || seed / 1000000 == static_cast<uint64_t>(round);
  };
  // Opened first: a kill before the child's first open finished its
  // migration leaves a file without tables, which this open must migrate.
  Library lib = Library::open(path);
  {
    auto db = sqlite::Database::open(path);
    auto st = db.prepare("PRAGMA integrity_check");
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.text(0), "ok");
    auto fk = db.prepare("PRAGMA foreign_key_check");
    EXPECT_FALSE(fk.step()) << "dangling rows";
    EXPECT_EQ(countRows(db, "documents"), static_cast<int64_t>(exp.docs.size()));
    EXPECT_EQ(countRows(db, "document_texts"), static_cast<int64_t>(exp.docs.size()));
    EXPECT_EQ(countRows(db, "answers"), static_cast<int64_t>(exp.answers.size()));
    EXPECT_EQ(countRows(db, "notes"), static_cast<int64_t>(exp.notes.size()));
    EXPECT_EQ(countRows(db, "token_maps"), static_cast<int64_t>(exp.token_maps.size()));
  }
  for (const auto& [id, seed] : exp.docs) {
    if (!wanted(seed)) continue;
    const auto doc = lib.document(id);
    ASSERT_TRUE(doc) << "committed document " << id << " is missing";
    const StoredDocument want = docFor(seed);
    EXPECT_EQ(checksum(*doc), checksum(want)) << "document " << id;
    EXPECT_EQ(doc->record.content_hash, want.record.content_hash);
    EXPECT_EQ(doc->record.source_path, want.record.source_path);
    EXPECT_EQ(doc->record.text_bytes, static_cast<int64_t>(want.text.size()));
  }
  std::map<int64_t, AnswerRecord> answers;
  for (auto& a : lib.history(std::nullopt, 0)) answers[a.id] = std::move(a);
  for (const auto& [id, ds] : exp.answers) {
    if (!wanted(ds.second)) continue;
    const auto it = answers.find(id);
    ASSERT_NE(it, answers.end()) << "committed answer " << id << " is missing";
    const AnswerRecord want = answerFor(ds.second, ds.first);
    EXPECT_EQ(it->second.document_id, ds.first);
    EXPECT_EQ(checksum(it->second), checksum(want)) << "answer " << id;
    EXPECT_EQ(it->second.created_at, want.created_at);
  }
  std::map<int64_t, NoteRecord> notes;
  std::set<int64_t> note_docs;
  for (const auto& [id, ds] : exp.notes) {
    if (wanted(ds.second)) note_docs.insert(ds.first);
  }
  for (int64_t doc : note_docs) {
    for (auto& n : lib.notes(doc)) notes[n.id] = std::move(n);
  }
  for (const auto& [id, ds] : exp.notes) {
    if (!wanted(ds.second)) continue;
    const auto it = notes.find(id);
    ASSERT_NE(it, notes.end()) << "committed note " << id << " is missing";
    EXPECT_EQ(it->second.text, noteFor(ds.second));
  }
  for (const auto& [key, seed] : exp.token_maps) {
    if (!wanted(seed)) continue;
    const auto map = lib.tokenMap(key.first, key.second);
    ASSERT_TRUE(map) << "committed token map of " << key.first << " is missing";
    EXPECT_EQ(checksum(*map), checksum(tokenMapFor(seed)));
  }
}

TEST(LibraryCrash, SurvivesSigkillAtRandomMoments) {
  const fs::path path = testing::scratchDir("library_crash") / "library.db";
  constexpr int kKills = 36;
  std::mt19937 rng(20240607);
  Expected exp;
  int kills_mid_run = 0;
  std::size_t commits = 0;
  const auto start = std::chrono::steady_clock::now();

  for (int round = 0; round < kKills; ++round) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const int delay_ms = 2 + static_cast<int>(rng() % 99);
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(fds[0]);
      childLoop(path, round, fds[1]);
    }
    ::close(fds[1]);

    // Drain the pipe while the child runs, so it never blocks on a full pipe.
    std::string bytes;
    char buf[65536];
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(delay_ms);
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                            deadline - std::chrono::steady_clock::now())
                            .count();
      if (left <= 0) break;
      pollfd pfd{fds[0], POLLIN, 0};
      if (::poll(&pfd, 1, static_cast<int>(left)) > 0) {
        const ssize_t n = ::read(fds[0], buf, sizeof buf);
        if (n <= 0) break;  // the child died on its own: checked below
        bytes.append(buf, static_cast<std::size_t>(n));
      }
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) {
      bytes.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "the child stopped on its own (exit " << WEXITSTATUS(status) << ") in round " << round;

    std::vector<Msg> msgs(bytes.size() / sizeof(Msg));
    if (!msgs.empty()) std::memcpy(msgs.data(), bytes.data(), msgs.size() * sizeof(Msg));
    for (const Msg& m : msgs) commits += m.phase == kCommit;
    const std::optional<Msg> pending = applyReports(msgs, exp);
    if (pending) {
      ++kills_mid_run;
      Library lib = Library::open(path);
      reconcilePending(*pending, lib, exp);
    }
    verify(path, exp, round, round % 6 == 5 || round == kKills - 1);
    if (::testing::Test::HasFatalFailure()) return;
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%d kills (%d with a write in flight), %zu committed writes verified, %.1f s\n",
              kKills, kills_mid_run, commits, secs);
  EXPECT_GT(commits, 100u);
  EXPECT_GT(kills_mid_run, kKills / 4);
  EXPECT_GT(exp.docs.size(), 10u);
}

}  // namespace
}  // namespace frontseat
