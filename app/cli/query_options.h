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
};

void addQueryOptions(CLI::App& cmd, QueryOptions& options);

struct QueryRun {
  std::unique_ptr<Engine> engine;
  std::string document;
  AskResult result;
};

// Loads the document and the model and answers; throws frontseat::Error.
QueryRun runQuery(const QueryOptions& options, bool want_trace);

// The fields every JSON answer carries.
nlohmann::json resultJson(const QueryOptions& options, const QueryRun& run);

// Prints a one-line error for any exception and returns the exit code 1.
int reportError(const std::exception_ptr& error);

}  // namespace frontseat::cli
