#include "engine/train/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <limits>
#include <random>

#include <nlohmann/json.hpp>

#include "engine/core/errors.h"
#include "engine/model/safetensors.h"
#include "engine/model/t5_model.h"
#include "engine/runtime/device.h"
#include "engine/train/atomic_folder.h"
#include "engine/train/batching.h"
#include "engine/train/t5_training_forward.h"
#include "engine/train/training_loss.h"
#include "engine/train/vcc_training_forward.h"
#include "engine/train/training_weights.h"

namespace frontseat {

namespace fs = std::filesystem;

namespace {

// Each checkpoint with its optimizer state is several times the model's size;
// a long run keeps only the newest few.
void removeOldCheckpoints(const fs::path& out_dir, int64_t keep) {
  std::vector<std::pair<int64_t, fs::path>> found;
  for (const auto& entry : fs::directory_iterator(out_dir)) {
    const auto name = entry.path().filename().string();
    if (!entry.is_directory() || name.rfind("checkpoint-", 0) != 0) continue;
    const auto digits = name.substr(11);
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    found.emplace_back(std::stoll(digits), entry.path());
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t i = static_cast<size_t>(keep); i < found.size(); ++i) fs::remove_all(found[i].second);
}


using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Weight of the past in the loss average: it spans about the last 50 steps.
constexpr double kLossSmoothing = 0.98;

void checkOptions(const TrainerOptions& o) {
  auto require = [](bool ok, const std::string& what) {
    if (!ok) throw InputError("training options: " + what);
  };
  require(o.steps > 0, "steps must be positive");
  require(o.stop_after >= 0 && o.stop_after <= o.steps, "the step to stop after must be within the run's steps");
  require(o.batch_size > 0, "batch size must be positive");
  require(o.learning_rate > 0 && std::isfinite(o.learning_rate), "learning rate must be positive");
  require(o.weight_decay >= 0, "weight decay must not be negative");
  require(o.warmup_steps >= 0, "warm-up steps must not be negative");
  require(o.min_lr_ratio >= 0 && o.min_lr_ratio <= 1, "the minimum learning rate ratio must be in [0, 1]");
  require(o.alignment_weight >= 0 && std::isfinite(o.alignment_weight), "the alignment weight must not be negative");
  require(o.country_link_weight >= 0 && std::isfinite(o.country_link_weight),
          "the country-link weight must not be negative");
  require(o.dilution >= 1 && std::isfinite(o.dilution), "the dilution must be at least 1 (1: off)");
  require(o.position_bias_lr_scale > 0, "the position bias learning rate scale must be positive");
  require(o.clip_norm >= 0, "the gradient clipping norm must not be negative (0: no clipping)");
  require(o.eval_every >= 0 && o.checkpoint_every >= 0, "evaluation and checkpoint intervals must not be negative");
}

// Weights of a model folder in float32 on the CPU; they alias the mapped file.
T5Weights loadFolderWeights(const fs::path& dir, const T5Config& config) {
  auto checkpoint = std::make_shared<SafetensorsCheckpoint>(SafetensorsCheckpoint::openFolder(dir));
  return loadT5Weights(config, checkpoint, torch::kCPU, torch::kFloat32);
}

// Three AdamW parameter groups: the decayed matrices, the relative position
// bias tables (faster: groupRate) and the rest (decayedWeight).
constexpr size_t kPositionBiasGroup = 1;

std::unique_ptr<torch::optim::AdamW> makeOptimizer(const T5Weights& weights, const TrainerOptions& o) {
  std::vector<torch::Tensor> decayed, position, undecayed;
  for (const auto& [name, tensor] : weights.named()) {
    (decayedWeight(name) ? decayed : positionBiasTable(name) ? position : undecayed).push_back(tensor);
  }
  using torch::optim::AdamWOptions;
  std::vector<torch::optim::OptimizerParamGroup> groups;
  auto options = [&](double decay) {
    return std::make_unique<AdamWOptions>(AdamWOptions(o.learning_rate).weight_decay(decay));
  };
  groups.emplace_back(decayed, options(o.weight_decay));
  groups.emplace_back(position, options(0.0));  // kPositionBiasGroup
  groups.emplace_back(undecayed, options(0.0));
  return std::make_unique<torch::optim::AdamW>(std::move(groups));
}

// The learning rate of parameter group `group` (see makeOptimizer) at `rate`.
double groupRate(size_t group, double rate, const TrainerOptions& o) {
  return group == kPositionBiasGroup ? rate * o.position_bias_lr_scale : rate;
}

void writeText(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) throw IoError(path.string() + ": cannot write");
}

std::string readText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CheckpointError(path.string() + ": cannot read");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

constexpr const char* kOptimizerFile = "optimizer.pt";
constexpr const char* kStateFile = "trainer_state.json";

// What trainer_state.json holds besides the weights and the optimizer.
struct SavedState {
  int64_t step = 0;
  double loss_average = 0, loss_average_weight = 0, elapsed_seconds = 0;
};

void writeState(const fs::path& file, const SavedState& s) {
  const nlohmann::json j = {{"step", s.step},
                            {"loss_average", s.loss_average},
                            {"loss_average_weight", s.loss_average_weight},
                            {"elapsed_seconds", s.elapsed_seconds}};
  writeText(file, j.dump(2) + "\n");
}

SavedState readState(const fs::path& file) {
  try {
    const auto j = nlohmann::json::parse(readText(file));
    return {j.at("step").get<int64_t>(), j.at("loss_average").get<double>(),
            j.at("loss_average_weight").get<double>(), j.at("elapsed_seconds").get<double>()};
  } catch (const nlohmann::json::exception& e) {
    throw CheckpointError(file.string() + ": " + e.what());
  }
}

}  // namespace

struct Trainer::Impl {
  TrainerOptions options;
  BatchProvider batches;
  Evaluator evaluator;
  torch::Device device;
  T5Weights weights;  // trainable leaves, float32, on `device`
  std::vector<torch::Tensor> parameters;
  std::unique_ptr<torch::optim::AdamW> optimizer;
  LearningRateSchedule schedule;

  int64_t step = 0;  // completed steps
  // Exponential moving average of the loss; dividing by the weight of its terms
  // removes the bias towards the initial 0.
  double loss_average = 0, loss_average_weight = 0;
  double earlier_seconds = 0;  // of the sessions before a resume

  // This session: all work (steps, evaluations, checkpoints) and the steps alone.
  double session_seconds = 0, step_seconds = 0;
  int64_t session_steps = 0, session_tokens = 0;

  Impl(const T5Weights& initial, const TrainerOptions& o, BatchProvider b, Evaluator e)
      : options(o), batches(std::move(b)), evaluator(std::move(e)), device(parseDevice(o.device)) {
    checkOptions(options);
    checkTrainable(initial.config);
    if (options.vcc_from_step >= 0) checkVccTrainingOptions(options.vcc, initial.config);
    if (!batches) throw InputError("training needs a batch provider");
    setComputeThreads(options.threads);
    weights = trainableCopy(initial, device);
    for (const auto& named : weights.named()) parameters.push_back(named.second);
    optimizer = makeOptimizer(weights, options);
    schedule = {options.learning_rate, options.warmup_steps, options.steps, options.min_lr_ratio, options.decay};
  }

  // Where run() ends.
  int64_t lastStep() const { return options.stop_after > 0 ? options.stop_after : options.steps; }

  void fillProgress(TrainingProgress& p) const {
    p.step = step;
    p.steps = lastStep();
    p.smoothed_loss = loss_average_weight > 0 ? loss_average / loss_average_weight : 0.0;
    p.tokens_per_second = step_seconds > 0 ? static_cast<double>(session_tokens) / step_seconds : 0.0;
    p.elapsed_seconds = earlier_seconds + session_seconds;
    p.eta_seconds = session_steps > 0 ? static_cast<double>(std::max<int64_t>(0, lastStep() - step)) *
                                            session_seconds / static_cast<double>(session_steps)
                                      : 0.0;
  }

  // Everything resume() needs, into a folder that is also a model folder.
  void writeCheckpoint(const fs::path& dir) const {
    saveT5Weights(weights, dir);
    torch::save(*optimizer, (dir / kOptimizerFile).string());
    writeState(dir / kStateFile, {step, loss_average, loss_average_weight, earlier_seconds + session_seconds});
    for (const auto& file : options.checkpoint_files) fs::copy_file(file, dir / file.filename());
  }
};

Trainer::Trainer(const T5Config& config, const TrainerOptions& options, BatchProvider batches, Evaluator evaluate)
    : impl_(std::make_unique<Impl>(randomT5Weights(config, options.seed), options, std::move(batches),
                                   std::move(evaluate))) {}

Trainer::Trainer(const fs::path& model_dir, const TrainerOptions& options, BatchProvider batches,
                 Evaluator evaluate)
    : impl_(std::make_unique<Impl>(loadFolderWeights(model_dir, T5Config::load(model_dir / "config.json")), options,
                                   std::move(batches), std::move(evaluate))) {}

Trainer::~Trainer() = default;

void Trainer::resume(const fs::path& dir) {
  auto& s = *impl_;
  const auto config = T5Config::load(dir / "config.json");
  if (config.toJson() != s.weights.config.toJson()) {
    throw CheckpointError(dir.string() + ": the checkpoint is of another model (" + config.summary() + ", not " +
                          s.weights.config.summary() + ")");
  }
  const auto optimizer_file = dir / kOptimizerFile;
  if (!fs::exists(optimizer_file)) throw CheckpointError(optimizer_file.string() + " is missing");
  const auto state = readState(dir / kStateFile);

  const auto loaded = loadFolderWeights(dir, config);
  {
    torch::NoGradGuard no_grad;
    const auto source = loaded.named();
    for (size_t i = 0; i < source.size(); ++i) s.parameters[i].copy_(source[i].second);
  }
  try {
    torch::load(*s.optimizer, optimizer_file.string(), s.device);
  } catch (const c10::Error& e) {
    throw CheckpointError(optimizer_file.string() + ": unreadable optimizer state (" + e.what_without_backtrace() +
                          ")");
  }
  s.step = state.step;
  s.loss_average = state.loss_average;
  s.loss_average_weight = state.loss_average_weight;
  s.earlier_seconds = state.elapsed_seconds;
  s.session_seconds = s.step_seconds = 0;
  s.session_steps = s.session_tokens = 0;
}

TrainingProgress Trainer::step() {
  auto& s = *impl_;
  const auto start = Clock::now();
  const auto examples = s.batches(s.step);
  if (static_cast<int64_t>(examples.size()) != s.options.batch_size) {
    throw InputError("the batch provider gave " + std::to_string(examples.size()) + " examples for step " +
                     std::to_string(s.step) + "; the batch size is " + std::to_string(s.options.batch_size));
  }
  const auto batch = batchOnDevice(makeTrainingBatch(examples, s.weights.config), s.device);
  const double rate = learningRateAt(s.schedule, s.step);
  auto& groups = s.optimizer->param_groups();
  for (size_t g = 0; g < groups.size(); ++g) {
    static_cast<torch::optim::AdamWOptions&>(groups[g].options()).lr(groupRate(g, rate, s.options));
  }

  // Undefined gradients (rather than zeroed ones) let backward() hand its
  // buffers over instead of adding them to zeros.
  for (auto& parameter : s.parameters) parameter.mutable_grad() = torch::Tensor();
  LossOptions loss_options;
  loss_options.alignment_weight = s.options.alignment_weight;
  loss_options.country_link_weight = s.options.country_link_weight;
  loss_options.country_link_under_vcc = s.options.country_link_under_vcc;
  loss_options.dilution = s.options.dilution;
  const bool vcc = s.options.vcc_from_step >= 0 && s.step >= s.options.vcc_from_step &&
                   batch.input_ids.size(1) > s.options.vcc_min_input_tokens;
  // Exploration and dilution draw from a generator of the step alone, so a resumed run repeats them.
  std::mt19937_64 rng(s.options.seed * 0x9E3779B97F4A7C15ull + static_cast<uint64_t>(s.step));
  loss_options.rng = &rng;
  if (vcc) loss_options.vcc = &s.options.vcc;
  if (s.options.dropout > 0) torch::manual_seed(rng());
  const TrainingDropout dropout(s.options.dropout);
  const auto losses = trainingLosses(s.weights, batch, loss_options);
  const double value = losses.tokens.item<double>();
  if (!std::isfinite(value)) {
    throw Error("training diverged at step " + std::to_string(s.step) + ": the loss is " + std::to_string(value) +
                "; a lower learning rate may help");
  }
  losses.total.backward();
  const double max_norm = s.options.clip_norm > 0 ? s.options.clip_norm : std::numeric_limits<double>::infinity();
  const double grad_norm = torch::nn::utils::clip_grad_norm_(s.parameters, max_norm);
  s.optimizer->step();

  ++s.step;
  s.loss_average = kLossSmoothing * s.loss_average + (1 - kLossSmoothing) * value;
  s.loss_average_weight = kLossSmoothing * s.loss_average_weight + (1 - kLossSmoothing);
  const double seconds = secondsSince(start);
  s.session_seconds += seconds;
  s.step_seconds += seconds;
  ++s.session_steps;
  s.session_tokens += batch.input_tokens + batch.target_tokens;

  TrainingProgress progress;
  progress.loss = value;
  progress.alignment_loss = losses.alignment.defined() ? losses.alignment.item<double>() : 0.0;
  progress.selector_loss = losses.selector.defined() ? losses.selector.item<double>() : 0.0;
  progress.country_link_loss = losses.country_link.defined() ? losses.country_link.item<double>() : 0.0;
  progress.vcc = vcc;
  progress.learning_rate = rate;
  progress.grad_norm = grad_norm;
  s.fillProgress(progress);
  return progress;
}

void Trainer::run(const ProgressCallback& report) {
  auto& s = *impl_;
  while (s.step < s.lastStep()) {
    auto progress = step();
    const bool last = s.step == s.lastStep();
    auto due = [&](int64_t every) { return last || (every > 0 && s.step % every == 0); };
    if (s.evaluator && due(s.options.eval_every)) progress.evaluation = evaluate();
    if (!s.options.out_dir.empty() && due(s.options.checkpoint_every)) progress.checkpoint = saveCheckpoint();
    s.fillProgress(progress);
    if (report) report(progress);
  }
}

std::map<std::string, double> Trainer::evaluate() {
  auto& s = *impl_;
  if (!s.evaluator) return {};
  const auto start = Clock::now();
  std::map<std::string, double> metrics;
  {
    torch::InferenceMode inference;
    metrics = s.evaluator(s.weights);
  }
  s.session_seconds += secondsSince(start);
  return metrics;
}

fs::path Trainer::saveCheckpoint() {
  auto& s = *impl_;
  if (s.options.out_dir.empty()) throw InputError("training options: no output folder for checkpoints");
  const auto start = Clock::now();
  const auto dir = s.options.out_dir / ("checkpoint-" + std::to_string(s.step));
  const auto write = [&](const fs::path& tmp) { s.writeCheckpoint(tmp); };
  writeFolderAtomically(dir, write);
  writeFolderAtomically(s.options.out_dir / "last", write);
  if (s.options.keep_checkpoints > 0) removeOldCheckpoints(s.options.out_dir, s.options.keep_checkpoints);
  s.session_seconds += secondsSince(start);
  return dir;
}

void Trainer::exportModel(const fs::path& dir, ExportPrecision precision) const {
  const auto dtype = precision == ExportPrecision::BFloat16 ? torch::kBFloat16 : torch::kFloat32;
  auto exported = convertedCopy(impl_->weights, dtype);
  // Trained to copy its answers from the document (the alignment loss), so the
  // app and the CLI quote them unless the user says otherwise.
  exported.config.quote_answers = true;
  saveT5Weights(exported, dir);
}

int64_t Trainer::completedSteps() const { return impl_->step; }

const T5Weights& Trainer::weights() const { return impl_->weights; }

}  // namespace frontseat
