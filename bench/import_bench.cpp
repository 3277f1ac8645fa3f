// `frontseat-bench import`: time to import a document (any supported format) and
// to tokenize its text with spans, as opening a new document does.
#include <chrono>
#include <cstdio>
#include <optional>

#include "bench/benches.h"
#include "engine/import/imported_document.h"
#include "engine/text/tokenizer.h"

namespace frontseat::bench {

namespace {

double msSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void runImportBench(const std::vector<std::string>& files, const std::string& tokenizer_path) {
  std::optional<Tokenizer> tokenizer;
  if (!tokenizer_path.empty()) tokenizer = Tokenizer::load(tokenizer_path);
  std::printf("%-40s %-5s %6s %10s %9s %10s %11s\n", "file", "fmt", "pages", "text_KB", "import_ms", "tokens",
              "tokenize_ms");
  for (const auto& file : files) {
    auto start = std::chrono::steady_clock::now();
    const auto doc = importDocument(file);
    const double import_ms = msSince(start);
    size_t tokens = 0;
    double tokenize_ms = 0;
    if (tokenizer) {
      start = std::chrono::steady_clock::now();
      tokens = tokenizer->encodeWithSpans(doc.text).size();
      tokenize_ms = msSince(start);
    }
    std::printf("%-40s %-5s %6zu %10.0f %9.0f %10zu %11.0f\n", file.substr(file.size() > 40 ? file.size() - 40 : 0).c_str(),
                doc.format.c_str(), doc.pages.size(), doc.text.size() / 1024.0, import_ms, tokens, tokenize_ms);
  }
}

}  // namespace

void addImportBench(CLI::App& app) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto tokenizer = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("import", "Import (and tokenize) documents, timed");
  cmd->add_option("files", *files, "Documents")->required()->check(CLI::ExistingFile);
  cmd->add_option("--tokenizer", *tokenizer, "spiece.model to tokenize with")->check(CLI::ExistingFile);
  cmd->callback([files, tokenizer] { runImportBench(*files, *tokenizer); });
}

}  // namespace frontseat::bench
