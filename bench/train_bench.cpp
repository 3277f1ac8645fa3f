// `frontseat-bench train`: the time of one training step's forward and backward
// (the trainer's loss with alignment) for full attention and for VCC in the
// loop, by input length, on random examples shaped like the demo model's
// (a question of VIP tokens, a short copied answer). Side by side in one run.
#include <algorithm>
#include <cstdio>
#include <random>

#include "bench/bench_util.h"
#include "bench/benches.h"
#include "engine/model/t5_model.h"
#include "engine/runtime/device.h"
#include "engine/train/batching.h"
#include "engine/train/training_loss.h"
#include "engine/train/training_weights.h"

namespace frontseat::bench {

namespace {

struct TrainBenchOptions {
  int64_t d_model = 128, d_ff = 512, heads = 4, encoder_layers = 4, decoder_layers = 2, vocab = 8000;
  std::vector<int64_t> lengths{512, 2048, 8192};
  int64_t batch = 16;
  int64_t question_tokens = 16, answer_tokens = 6;
  VccTrainingOptions vcc;
  int64_t max_full = 8192;
  int repeats = 3;
  int threads = 0;
};

std::vector<TrainingExample> randomBatch(const TrainBenchOptions& o, int64_t length, std::mt19937& rng) {
  std::uniform_int_distribution<int32_t> id(2, static_cast<int32_t>(o.vocab - 1));
  std::uniform_int_distribution<int64_t> where(o.question_tokens, length - o.answer_tokens - 2);
  std::vector<TrainingExample> batch;
  for (int64_t b = 0; b < o.batch; ++b) {
    TrainingExample e;
    for (int64_t i = 0; i < length; ++i) e.input_ids.push_back(i + 1 == length ? 1 : id(rng));
    e.vip.assign(static_cast<size_t>(length), 0);
    for (int64_t i = 0; i < o.question_tokens; ++i) {
      e.vip[static_cast<size_t>(i)] = 1;
      e.question_positions.push_back(static_cast<int32_t>(i));
    }
    const int64_t at = where(rng);
    for (int64_t t = 0; t < o.answer_tokens; ++t) {
      e.target_ids.push_back(e.input_ids[static_cast<size_t>(at + t)]);
      e.alignment.push_back({static_cast<int32_t>(at + t)});
    }
    e.target_ids.push_back(1);
    e.alignment.push_back({static_cast<int32_t>(at + o.answer_tokens)});
    batch.push_back(std::move(e));
  }
  return batch;
}

void run(const TrainBenchOptions& o) {
  setComputeThreads(o.threads);
  T5Config config;
  config.vocab_size = o.vocab, config.d_model = o.d_model, config.d_ff = o.d_ff, config.num_heads = o.heads;
  config.d_kv = o.d_model / o.heads, config.num_layers = o.encoder_layers, config.num_decoder_layers = o.decoder_layers;
  config.feed_forward_proj = "gated-gelu", config.gated_ffn = true, config.activation = Activation::GeluTanh;
  config.tie_word_embeddings = true;
  auto weights = trainableCopy(randomT5Weights(config, 1));
  std::mt19937 rng(7);
  std::mt19937_64 explore(1);
  std::printf("model: %s, batch %lld, VCC: %lld local layer(s), %lld fine blocks of %lld, %lld VIP\n\n",
              config.summary().c_str(), static_cast<long long>(o.batch), static_cast<long long>(o.vcc.num_local_layers),
              static_cast<long long>(o.vcc.num_fine_blocks), static_cast<long long>(o.vcc.block_size),
              static_cast<long long>(o.vcc.num_vip));
  std::printf("| tokens | mode | step ms (forward + backward) | tokens/s | vs full |\n| ---: | --- | ---: | ---: | ---: |\n");
  for (int64_t length : o.lengths) {
    const auto batch = makeTrainingBatch(randomBatch(o, length, rng), config);
    double full_ms = 0;
    for (bool vcc : {false, true}) {
      if (!vcc && length > o.max_full) continue;
      LossOptions loss;
      loss.alignment_weight = 1.0;
      if (vcc) loss.vcc = &o.vcc, loss.rng = &explore;
      std::vector<double> times;
      for (int r = 0; r < o.repeats + 1; ++r) {
        for (auto& [name, tensor] : weights.named()) tensor.mutable_grad() = torch::Tensor();
        const double ms = timeMs([&] { trainingLosses(weights, batch, loss).total.backward(); }, torch::kCPU);
        if (r > 0) times.push_back(ms);  // the first run warms up
      }
      std::sort(times.begin(), times.end());
      const double ms = times[times.size() / 2];
      if (!vcc) full_ms = ms;
      const double tokens = static_cast<double>(batch.input_tokens + batch.target_tokens);
      char ratio[32] = "";
      if (vcc && full_ms > 0) std::snprintf(ratio, sizeof ratio, "%.2fx", full_ms / ms);
      std::printf("| %lld | %s | %.0f | %.0f | %s |\n", static_cast<long long>(length), vcc ? "vcc" : "full", ms,
                  tokens / ms * 1000, ratio);
      std::fflush(stdout);
    }
  }
}

}  // namespace

void addTrainBench(CLI::App& app) {
  auto o = std::make_shared<TrainBenchOptions>();
  auto* cmd = app.add_subcommand("train", "Training step time: full attention vs VCC in the loop, by length");
  cmd->add_option("--d-model", o->d_model)->capture_default_str();
  cmd->add_option("--d-ff", o->d_ff)->capture_default_str();
  cmd->add_option("--heads", o->heads)->capture_default_str();
  cmd->add_option("--encoder-layers", o->encoder_layers)->capture_default_str();
  cmd->add_option("--decoder-layers", o->decoder_layers)->capture_default_str();
  cmd->add_option("--vocab", o->vocab)->capture_default_str();
  cmd->add_option("--lengths", o->lengths)->delimiter(',')->capture_default_str();
  cmd->add_option("--batch", o->batch)->capture_default_str();
  cmd->add_option("--max-full", o->max_full, "Longest input for full attention")->capture_default_str();
  cmd->add_option("--vcc-fine-blocks", o->vcc.num_fine_blocks)->capture_default_str();
  cmd->add_option("--vcc-local-layers", o->vcc.num_local_layers)->capture_default_str();
  cmd->add_option("--repeats", o->repeats)->capture_default_str();
  cmd->add_option("--threads", o->threads)->capture_default_str();
  cmd->callback([o] { run(*o); });
}

}  // namespace frontseat::bench
