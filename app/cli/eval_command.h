// `frontseat-cli eval`: the demo model's Factbook evaluation (engine/eval) as a
// table or JSON.
#pragma once

#include <CLI/CLI.hpp>

namespace frontseat::cli {

void addEvalCommand(CLI::App& app, int& exit_code);

}  // namespace frontseat::cli
