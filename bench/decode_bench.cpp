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

struct DecodeBenchOptions : ModelBenchOptions {
  DecodeBenchOptions() {
    shapes = {"demo", "small"};
    lengths = {4096, 16384, 131072};
  }
  std::vector<int> answer_tokens{8, 64};
};

struct Decoded {
  double ms = 1e300;    // fastest of the repeats
  torch::Tensor last;   // the last step's logits
  bool projected = false;
};

// Greedy-shaped decoding: `tokens` steps of one token each against `states`;
// keeps the fastest time.
void decode(const T5Weights& w, const torch::Tensor& states, int tokens, CrossAttentionKeys keys,
            const torch::Device& device, Decoded& out) {
  torch::manual_seed(7);
  out.ms = std::min(out.ms, timeMs(
                                [&] {
                                  auto cache = makeDecoderCache(w, states, keys);
                                  for (int t = 0; t < tokens; ++t) {
                                    auto id = torch::randint(2, w.config.vocab_size, {1, 1}, torch::kLong);
                                    out.last = decodeStep(w, cache, id.to(device));
                                  }
                                  out.projected = !cache.cross_k.empty();
                                },
                                device));
}

const char* keysLabel(CrossAttentionKeys keys) {
  switch (keys) {
    case CrossAttentionKeys::Projected: return "projected";
    case CrossAttentionKeys::Absorbed: return "absorbed";
    case CrossAttentionKeys::WhenTheyPay: return "when_pays";
  }
  return "";
}

void runDecodeBench(const DecodeBenchOptions& opt) {
  torch::InferenceMode guard;
  setComputeThreads(opt.threads);
  const auto device = parseDevice(opt.device);
  const auto dtype = parseDtype(opt.dtype, device);
  nlohmann::json records = nlohmann::json::array();
  if (!opt.json) {
    std::printf("device %s, dtype %s, %d threads; greedy steps of one token, random weights and states\n\n",
                device.str().c_str(), dtypeLabel(dtype).c_str(), torch::get_num_threads());
    std::printf("%-6s %7s %7s %13s %12s %12s %10s %9s %8s %12s\n", "shape", "tokens", "answer", "projected_ms",
                "absorbed_ms", "when_pays_ms", "projects", "speedup", "kv_MB", "max_logit_d");
  }
  const std::vector<CrossAttentionKeys> modes{CrossAttentionKeys::Projected, CrossAttentionKeys::Absorbed,
                                              CrossAttentionKeys::WhenTheyPay};
  for (const auto& shape : opt.shapes) {
    const auto config = shapeConfig(shape);
    const auto weights = randomT5Weights(config, 1, device, dtype);
    const double elem = static_cast<double>(torch::elementSize(dtype));
    for (int64_t n : opt.lengths) {
      const auto states = torch::randn({n, config.d_model}, torch::TensorOptions().dtype(dtype).device(device));
      const double kv_mb = 2.0 * static_cast<double>(config.num_decoder_layers * n * config.num_heads * config.d_kv) *
                           elem / (1 << 20);
      Decoded warm_up;
      decode(weights, states.narrow(0, 0, std::min<int64_t>(n, 64)), 2, CrossAttentionKeys::Projected, device,
             warm_up);
      for (int tokens : opt.answer_tokens) {
        std::vector<Decoded> runs(modes.size());
        for (int r = 0; r < opt.repeats; ++r) {  // the modes take turns, so drift hits them alike
          for (size_t m = 0; m < modes.size(); ++m) decode(weights, states, tokens, modes[m], device, runs[m]);
        }
        double diff = 0;
        for (const auto& run : runs) {
          diff = std::max(diff, (run.last.to(torch::kFloat32) - runs[0].last.to(torch::kFloat32)).abs().max().item<double>());
        }
        const double speedup = runs[0].ms / runs[2].ms;
        nlohmann::json record{{"model", shape}, {"tokens", n}, {"answer_tokens", tokens}, {"kv_mb", kv_mb},
                              {"speedup_when_pays", speedup}, {"when_pays_projects", runs[2].projected},
                              {"max_logit_diff", diff}, {"device", device.str()}, {"dtype", dtypeLabel(dtype)}};
        for (size_t m = 0; m < modes.size(); ++m) record[std::string(keysLabel(modes[m])) + "_ms"] = runs[m].ms;
        records.push_back(record);
        if (!opt.json) {
          std::printf("%-6s %7lld %7d %13.1f %12.1f %12.1f %10s %8.2fx %8.0f %12.2g\n", shape.c_str(),
                      static_cast<long long>(n), tokens, runs[0].ms, runs[1].ms, runs[2].ms,
                      runs[2].projected ? "yes" : "no", speedup, kv_mb, diff);
          std::fflush(stdout);
        }
      }
    }
  }
  if (opt.json) std::cout << records.dump(2) << '\n';
}

}  // namespace

void addDecodeBench(CLI::App& app) {
  auto opt = std::make_shared<DecodeBenchOptions>();
  auto* cmd = app.add_subcommand("decode", "Decoding time by how cross-attention reads the encoder states");
  addModelBenchOptions(cmd, *opt, "Encoder states (document tokens), e.g. 4096,131072");
  cmd->add_option("--answer-tokens", opt->answer_tokens, "Tokens decoded, e.g. 8,64")
      ->delimiter(',')
      ->capture_default_str();
  cmd->callback([opt] { runDecodeBench(*opt); });
}

}  // namespace frontseat::bench
