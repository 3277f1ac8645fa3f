#include "app/cli/ask_command.h"

#include <iostream>

#include "app/cli/query_options.h"

namespace frontseat::cli {

namespace {

int runAsk(const QueryOptions& options, const GlobalOptions& global) {
  try {
    const auto run = runQuery(options, global, !options.trace.empty());
    if (run.result.trace) writeTrace(*run.result.trace, options.trace);
    if (options.json) {
      std::cout << resultJson(options, run).dump(2) << '\n';
    } else {
      std::cout << run.result.answer << '\n';
    }
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
  cmd->add_option("--trace", options->trace, "Also write the VIP trace (JSON) here");
  cmd->callback([options, &global, &exit_code] { exit_code = runAsk(*options, global); });
}

}  // namespace frontseat::cli
