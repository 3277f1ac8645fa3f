#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "bench/bench_options.h"
#include "bench/bench_util.h"
#include "bench/benches.h"
#include "engine/model/t5_model.h"
#include "engine/runtime/device.h"

namespace frontseat::bench {

namespace {

struct EncoderBenchOptions : ModelBenchOptions {
  EncoderBenchOptions() { lengths = {512, 1024, 2048, 4096}; }
};

void runEncoderBench(const EncoderBenchOptions& opt) {
  torch::InferenceMode guard;
  setComputeThreads(opt.threads);
  const auto device = parseDevice(opt.device);
  const auto dtype = parseDtype(opt.dtype, device);
  const double peak = matmulGflops(device, dtype);
  nlohmann::json records = nlohmann::json::array();
  if (!opt.json) {
    std::printf("device %s, dtype %s, %d threads; measured matmul (2048^2): %.1f GFLOP/s\n\n",
                device.str().c_str(), dtypeLabel(dtype).c_str(), torch::get_num_threads(), peak);
    std::printf("%-6s %7s %12s %12s %10s\n", "shape", "tokens", "encode_ms", "GFLOP/s", "of_matmul");
  }
  for (const auto& shape : opt.shapes) {
    const auto config = shapeConfig(shape);
    const auto weights = randomT5Weights(config, 1, device, dtype);
    for (int64_t n : opt.lengths) {
      auto ids = torch::randint(2, config.vocab_size, {n}, torch::kLong).to(device);
      encodeFull(weights, ids.narrow(0, 0, std::min<int64_t>(n, 64)));  // warm-up
      double best = 1e300;
      for (int r = 0; r < opt.repeats; ++r) {
        best = std::min(best, timeMs([&] { encodeFull(weights, ids); }, device));
      }
      const double gflops = encoderFlops(config, n) / (best * 1e-3) / 1e9;
      records.push_back({{"model", shape}, {"tokens", n}, {"mode", "full"}, {"encode_ms", best},
                         {"gflops", gflops}, {"matmul_gflops", peak}, {"fraction_of_matmul", gflops / peak},
                         {"device", device.str()}, {"dtype", dtypeLabel(dtype)}});
      if (!opt.json) {
        std::printf("%-6s %7lld %12.1f %12.1f %9.0f%%\n", shape.c_str(), static_cast<long long>(n), best, gflops,
                    100.0 * gflops / peak);
        std::fflush(stdout);
      }
    }
  }
  if (opt.json) std::cout << records.dump(2) << '\n';
}

}  // namespace

void addEncoderBench(CLI::App& app) {
  auto opt = std::make_shared<EncoderBenchOptions>();
  auto* cmd = app.add_subcommand("encoder", "Full-attention encoder time for random-weight T5 shapes");
  addModelBenchOptions(cmd, *opt, "Token counts, e.g. 512,4096");
  cmd->callback([opt] { runEncoderBench(*opt); });
}

}  // namespace frontseat::bench
