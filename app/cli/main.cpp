// frontseat-cli: the headless face of Frontseat, for scripts and batch jobs.
#include <CLI/CLI.hpp>

#include "app/cli/ask_command.h"
#include "app/cli/eval_command.h"
#include "app/cli/inspect_command.h"
#include "app/cli/library_access.h"
#include "app/cli/library_commands.h"
#include "app/cli/query_options.h"
#include "app/cli/summarize_command.h"
#include "engine/runtime/heap_reuse.h"

int main(int argc, char** argv) {
  frontseat::keepFreedMemoryForReuse();
  CLI::App app{"Frontseat: ask questions about very long documents, on this machine", "frontseat-cli"};
  app.require_subcommand(1);
  frontseat::cli::GlobalOptions global;
  app.add_option("--db", global.db,
                 "Library database (default: " + frontseat::cli::defaultDatabasePath().string() + ")");
  int exit_code = 0;
  frontseat::cli::addAskCommand(app, global, exit_code);
  frontseat::cli::addSummarizeCommand(app, global, exit_code);
  frontseat::cli::addInspectCommand(app, global, exit_code);
  frontseat::cli::addLibraryCommands(app, global, exit_code);
  frontseat::cli::addEvalCommand(app, exit_code);
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
