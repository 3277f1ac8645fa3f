// `frontseat-cli ask`: answer a question about a document.
#pragma once

#include <CLI/CLI.hpp>

namespace frontseat::cli {

struct GlobalOptions;

// Adds the subcommand; its callback runs the command and sets the exit code.

void addAskCommand(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace frontseat::cli
