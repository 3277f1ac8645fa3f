// frontseat-cli: the headless face of Frontseat, for scripts and batch jobs.
#include <CLI/CLI.hpp>

#include "app/cli/ask_command.h"
#include "app/cli/inspect_command.h"

int main(int argc, char** argv) {
  CLI::App app{"Frontseat: ask questions about very long documents, on this machine", "frontseat-cli"};
  app.require_subcommand(1);
  int exit_code = 0;
  frontseat::cli::addAskCommand(app, exit_code);
  frontseat::cli::addInspectCommand(app, exit_code);
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
