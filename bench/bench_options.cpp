#include "bench/bench_options.h"

namespace frontseat::bench {

void addModelBenchOptions(CLI::App* cmd, ModelBenchOptions& options, const std::string& lengths_help) {
  cmd->add_option("--shape", options.shapes, "small, base, demo")->delimiter(',')->capture_default_str();
  cmd->add_option("--lengths", options.lengths, lengths_help)->delimiter(',')->capture_default_str();
  cmd->add_option("--device", options.device, "cpu, cuda")->capture_default_str();
  cmd->add_option("--dtype", options.dtype, "auto, float32, bfloat16")->capture_default_str();
  cmd->add_option("--repeats", options.repeats, "Runs per point; the fastest counts")->check(CLI::Range(1, 100));
  cmd->add_option("--threads", options.threads, "Intra-op threads (0 = every core)");
  cmd->add_flag("--json", options.json, "One JSON array of records instead of a table");
}

}  // namespace frontseat::bench
