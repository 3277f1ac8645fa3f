// `frontseat-bench library`: how long listing the library takes with many
// documents in it (the list must not read their texts).
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "bench/benches.h"
#include "engine/store/library.h"

namespace frontseat::bench {

namespace {

void runLibraryBench(int documents, int text_kb) {
  const auto dir = std::filesystem::temp_directory_path() / "frontseat-library-bench";
  std::filesystem::remove_all(dir);
  {
    auto library = Library::open(dir / "library.sqlite");
    std::string text(static_cast<size_t>(text_kb) * 1024, 'a');
    for (int i = 0; i < documents; ++i) {
      const std::string tag = std::to_string(i);
      std::copy(tag.begin(), tag.end(), text.begin());
      StoredDocument doc;
      doc.record.title = "Document " + tag;
      doc.record.format = "txt";
      doc.record.source_path = "/tmp/" + tag + ".txt";
      doc.record.content_hash = sha256Hex(text.data(), text.size());
      doc.text = text;
      library.addDocument(doc);
    }
  }
  auto library = Library::open(dir / "library.sqlite");  // a fresh connection, as a new process has
  double first = 0, best = 1e300;
  for (int rep = 0; rep < 5; ++rep) {
    const auto start = std::chrono::steady_clock::now();
    const auto listed = library.listDocuments();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (rep == 0) first = ms;
    best = std::min(best, ms);
    if (static_cast<int>(listed.size()) != documents) std::printf("warning: listed %zu documents\n", listed.size());
  }
  std::printf("%9s %8s %14s %13s\n", "documents", "text_KB", "first_list_ms", "best_list_ms");
  std::printf("%9d %8d %14.2f %13.2f\n", documents, text_kb, first, best);
  std::filesystem::remove_all(dir);
}

}  // namespace

void addLibraryBench(CLI::App& app) {
  auto documents = std::make_shared<int>(1000);
  auto text_kb = std::make_shared<int>(100);
  auto* cmd = app.add_subcommand("library", "Listing time of a library with many documents");
  cmd->add_option("--documents", *documents, "Documents to add")->check(CLI::Range(1, 1000000))->capture_default_str();
  cmd->add_option("--text-kb", *text_kb, "Text per document, KB")->check(CLI::Range(1, 100000))->capture_default_str();
  cmd->callback([documents, text_kb] { runLibraryBench(*documents, *text_kb); });
}

}  // namespace frontseat::bench
