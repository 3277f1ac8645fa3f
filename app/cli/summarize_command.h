// `frontseat-cli summarize`: summarize a document (T5's `summarize:` prefix),
// optionally written to Markdown, HTML or text.
#pragma once

#include <CLI/CLI.hpp>

namespace frontseat::cli {

struct GlobalOptions;

void addSummarizeCommand(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace frontseat::cli
