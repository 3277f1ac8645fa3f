// The options every model benchmark takes, and their command-line flags.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace frontseat::bench {

struct ModelBenchOptions {
  std::vector<std::string> shapes{"small", "base"};
  std::vector<int64_t> lengths;
  std::string device = "cpu";
  std::string dtype = "auto";
  int repeats = 1;
  int threads = 0;
  bool json = false;
};

// Adds --shape, --lengths (described by `lengths_help`), --device, --dtype,
// --repeats, --threads and --json to `cmd`, read into `options`.
void addModelBenchOptions(CLI::App* cmd, ModelBenchOptions& options, const std::string& lengths_help);

}  // namespace frontseat::bench
