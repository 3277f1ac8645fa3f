// `frontseat-cli inspect`: answer with a VIP trace, and show how the model read
// the document: resolutions per layer and the passages it kept at full resolution.
#pragma once

#include <CLI/CLI.hpp>

namespace frontseat::cli {

struct GlobalOptions;

void addInspectCommand(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace frontseat::cli
