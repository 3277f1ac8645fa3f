#include "app/cli/ask_command.h"

#include "app/cli/query_options.h"

namespace frontseat::cli {

namespace {

int runAsk(const QueryOptions& options, const GlobalOptions& global) {
  try {
    printResult(options, runQuery(options, global, false));
    return 0;
  } catch (...) {
    return reportError(std::current_exception());
  }
}

}  // namespace

void addAskCommand(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<QueryOptions>();
  auto* cmd = app.add_subcommand("ask", "Answer a question about a document");
  addQueryOptions(*cmd, *options);
  cmd->callback([options, &global, &exit_code] { exit_code = runAsk(*options, global); });
}

}  // namespace frontseat::cli
