// `frontseat-cli library add|list|show|remove`, `notes add|list` and `history`:
// the document library, the user's notes and what was asked of it.
#pragma once

#include <CLI/CLI.hpp>

namespace frontseat::cli {

struct GlobalOptions;

void addLibraryCommands(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace frontseat::cli
