#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "bench/bench_util.h"
#include "bench/benches.h"
#include "engine/model/safetensors.h"
#include "engine/model/t5_model.h"
#include "engine/runtime/heap_reuse.h"

namespace frontseat::bench {

namespace {

struct LoadBenchOptions {
  std::string shape = "base";
  std::filesystem::path scratch = std::filesystem::temp_directory_path() / "frontseat-load-bench";
  bool json = false;
};

// Writes a random checkpoint in a child-free way, then measures how much resident
// memory loading it adds once every weight has been read (as a forward pass would).
void runLoadBench(const LoadBenchOptions& opt) {
  torch::InferenceMode guard;
  const auto config = shapeConfig(opt.shape);
  std::filesystem::remove_all(opt.scratch);
  saveT5Weights(randomT5Weights(config, 1), opt.scratch);
  const double file_mb = static_cast<double>(std::filesystem::file_size(opt.scratch / "model.safetensors")) / (1 << 20);
  // Writing went through a temporary copy; return that memory before measuring.
  returnFreedMemory();
  const double before = currentRssMb();
  auto checkpoint = std::make_shared<SafetensorsCheckpoint>(SafetensorsCheckpoint::openFolder(opt.scratch));
  auto weights = loadT5Weights(config, checkpoint, torch::kCPU, torch::kFloat32);
  double checksum = 0;
  for (const auto& [name, t] : weights.named()) checksum += t.sum().item<double>();
  const double after = currentRssMb();
  const double added = after - before;
  if (opt.json) {
    std::cout << nlohmann::json{{"model", opt.shape}, {"file_mb", file_mb}, {"rss_added_mb", added},
                                {"ratio", added / file_mb}, {"checksum", checksum}}
                     .dump(2)
              << '\n';
  } else {
    std::printf("%-6s %10s %14s %8s\n", "shape", "file_MB", "RSS_added_MB", "ratio");
    std::printf("%-6s %10.1f %14.1f %8.2f\n", opt.shape.c_str(), file_mb, added, added / file_mb);
  }
  std::filesystem::remove_all(opt.scratch);
}

}  // namespace

void addLoadBench(CLI::App& app) {
  auto opt = std::make_shared<LoadBenchOptions>();
  auto* cmd = app.add_subcommand("load", "Resident memory added by loading a checkpoint");
  cmd->add_option("--shape", opt->shape, "small, base, demo")->capture_default_str();
  cmd->add_option("--scratch", opt->scratch, "Folder for the temporary checkpoint");
  cmd->add_flag("--json", opt->json, "JSON instead of a table");
  cmd->callback([opt] { runLoadBench(*opt); });
}

}  // namespace frontseat::bench
