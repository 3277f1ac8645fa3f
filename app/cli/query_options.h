// The options `ask` and `inspect` share (model, document, question, decoding,
// attention and VCC settings), and running one query with them.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/runtime/engine.h"

namespace frontseat::cli {

// Options before the subcommand.
struct GlobalOptions {
  std::string db;  // library database; empty: the default place
};

struct QueryOptions {
  std::string model;
  std::string doc;
  std::string question;
  std::string prompt_template = kDefaultQuestionTemplate;
  std::string device = "cpu";
  std::string dtype = "auto";
  int threads = 0;
  GenerationOptions generation;
  std::string attention = "auto";
  VccOptions vcc;
  std::vector<std::string> pins;  // BEGIN:END byte ranges of the document
  std::string trace;              // where to write the VIP trace
  bool json = false;
  bool by_section = false;  // summaries: one for each top-level section (summarizeBySection)
};

// Asking needs --question; summarizing has none and uses the summary template.
enum class QueryKind { Ask, Summarize };

void addQueryOptions(CLI::App& cmd, QueryOptions& options, QueryKind kind = QueryKind::Ask);
// The --vcc-* flags alone (`eval` has them too).
void addVccOptions(CLI::App& cmd, VccOptions& vcc);

struct QueryRun {
  std::string model_dir;  // --model, or the bundled model
  std::unique_ptr<Engine> engine;
  int64_t document_id = 0;
  std::string title;
  std::string document;
  AskResult result;
  int64_t record_id = 0;  // the history entry this run was recorded as
};

// Resolves the document (a file, imported into the library, or a library id),
// loads the model, answers, writes the trace when --trace names a file, and
// records the run in the library's history as `kind` ("answer" or "summary").
// Throws frontseat::Error.
QueryRun runQuery(const QueryOptions& options, const GlobalOptions& global, bool want_trace,
                  const std::string& kind = "answer");

// The fields every JSON answer carries.
nlohmann::json resultJson(const QueryOptions& options, const QueryRun& run);

// Prints the answer, or with --json the result object plus `extra` fields.
void printResult(const QueryOptions& options, const QueryRun& run, const nlohmann::json& extra = nlohmann::json::object());

// Prints a one-line error for any exception and returns the exit code 1.
int reportError(const std::exception_ptr& error);

}  // namespace frontseat::cli
