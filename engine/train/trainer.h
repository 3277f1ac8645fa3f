// Trains a T5 with AdamW on batches from a caller's provider, with a
// warm-up + decay schedule, gradient clipping, periodic evaluation and
// crash-safe checkpoints that a later run resumes from exactly. A step is
// deterministic given its batch (T5 without dropout), so checkpoints hold no
// random-generator state.
// No LibTorch in this header: the options and progress are plain structs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/model/t5_config.h"
#include "engine/train/lr_schedule.h"
#include "engine/train/training_example.h"
#include "engine/train/vcc_training_options.h"

namespace frontseat {

struct T5Weights;

struct TrainerOptions {
  int64_t steps = 1000;          // optimizer steps of the whole run
  // run() ends after this step (0: at `steps`); the schedule and the batches
  // still span `steps`, so its checkpoints equal those of the whole run. For a
  // recipe whose next stage starts from a checkpoint before the run's end.
  int64_t stop_after = 0;
  int64_t batch_size = 8;        // examples the batch provider returns per step
  double learning_rate = 1e-3;   // the schedule's peak
  double weight_decay = 0.01;    // AdamW's, decoupled; matrices only (see decayedWeight)
  // T5's dropout in the training forward (TrainingDropout); 0: none. Its masks
  // are drawn from a seed of the step alone, so a resumed run repeats them.
  double dropout = 0;
  // The relative position bias tables learn this many times faster. Adam moves
  // a weight by about the learning rate per step, and a table initialised at
  // d_model^-0.5 needs biases of several units before a head can attend to
  // "the token before me": at 1x a model stays blind to word order for
  // thousands of steps (a key-value lookup stays at bag-of-words level).
  double position_bias_lr_scale = 30;
  // Weight of the alignment loss (trainingLosses): how strongly the decoder is
  // taught to read copied tokens where the examples' alignment says. 0: off.
  double alignment_weight = 0;
  // Weight of the country-link loss (trainingLosses), on full-attention steps
  // (and VCC steps with country_link_under_vcc). 0: off.
  double country_link_weight = 0;
  // Its encoder half on VCC steps too (LossOptions::country_link_under_vcc).
  bool country_link_under_vcc = false;
  // Simulated length (LossOptions::dilution): distractors weigh up to this
  // many times as much. 1: off.
  double dilution = 1;
  // From this step on the encoder runs VCC in the loop with these settings
  // (trainingEncodeVcc), as it will read long documents; -1: full attention throughout.
  int64_t vcc_from_step = -1;
  // Batches whose inputs are at most this long run full attention even then:
  // VCC would hardly compress them, and (without country_link_under_vcc)
  // only full attention steps teach the country link.
  int64_t vcc_min_input_tokens = 0;
  VccTrainingOptions vcc;
  int64_t warmup_steps = 100;
  double min_lr_ratio = 0.1;     // the schedule's floor, as a fraction of the peak
  LearningRateDecay decay = LearningRateDecay::Cosine;
  double clip_norm = 1.0;        // largest global gradient norm; 0: no clipping
  int64_t eval_every = 0;        // steps between evaluations; the last step always evaluates
  int64_t checkpoint_every = 0;  // steps between checkpoints; the last step always saves one
  int64_t keep_checkpoints = 0;  // checkpoint-<step> folders kept, newest first (last/ always); 0: all
  std::filesystem::path out_dir; // checkpoints go to checkpoint-<step>/ and last/; empty: none
  std::vector<std::filesystem::path> checkpoint_files;  // copied into every checkpoint (spiece.model)
  uint64_t seed = 0;             // of the random initial weights
  int threads = 0;               // intra-op threads; 0: every core
  // Where the weights, the optimizer state and each batch live: "cpu", "cuda"
  // or "cuda:N" (DeviceError when CUDA is asked for and absent). Checkpoints
  // are the same files either way, so a run may resume on another device.
  std::string device = "cpu";
};

struct TrainingProgress {
  int64_t step = 0;              // steps completed, this one included
  int64_t steps = 0;             // where the run ends (stop_after, or steps)
  double loss = 0;               // this step's mean token cross-entropy
  double alignment_loss = 0;     // this step's alignment loss (0 when off or nothing aligned)
  double selector_loss = 0;      // this step's VCC selector loss (0 without VCC in the loop)
  double country_link_loss = 0;  // this step's country-link loss (0 when off or nothing linked)
  bool vcc = false;              // whether this step ran VCC in the loop
  double smoothed_loss = 0;      // exponential moving average over recent steps
  double learning_rate = 0;      // the rate this step used
  double grad_norm = 0;          // global gradient norm before clipping
  double tokens_per_second = 0;  // real (unpadded) input + target tokens, in this session
  double elapsed_seconds = 0;    // of training, earlier sessions of a resumed run included
  double eta_seconds = 0;        // for the remaining steps at this session's pace
  std::map<std::string, double> evaluation;  // the evaluator's metrics, when this step evaluated
  std::filesystem::path checkpoint;          // the checkpoint folder, when this step saved one
};

// The examples of step `step` (0 for the first): a function of the step alone,
// so that a resumed run sees the same batches as an uninterrupted one.
using BatchProvider = std::function<std::vector<TrainingExample>(int64_t step)>;
// Metrics of the current weights (e.g. {"eval_loss", ...}); runs under InferenceMode.
using Evaluator = std::function<std::map<std::string, double>(const T5Weights& weights)>;
using ProgressCallback = std::function<void(const TrainingProgress& progress)>;

enum class ExportPrecision { Float32, BFloat16 };

class Trainer {
 public:
  // Random initial weights (transformers' initialisation scales, options.seed).
  // InputError for unusable options or a feed-forward training cannot differentiate.
  Trainer(const T5Config& config, const TrainerOptions& options, BatchProvider batches,
          Evaluator evaluate = nullptr);
  // Initial weights from a model folder (config.json + model.safetensors of any
  // supported dtype, trained in float32); the run starts at step 0.
  Trainer(const std::filesystem::path& model_dir, const TrainerOptions& options, BatchProvider batches,
          Evaluator evaluate = nullptr);
  ~Trainer();
  Trainer(const Trainer&) = delete;
  Trainer& operator=(const Trainer&) = delete;

  // Continues from a checkpoint folder of a run of the same model: weights,
  // optimizer state, step, loss average and elapsed time. CheckpointError when
  // the folder is incomplete or holds another model; after an unreadable
  // optimizer state the weights may already be replaced: start a new trainer.
  void resume(const std::filesystem::path& checkpoint_dir);

  // One optimizer step on the provider's batch; no evaluation, no checkpoint.
  // Error when the loss is not finite (the run diverged).
  TrainingProgress step();

  // Steps until options.steps (or options.stop_after), evaluating and saving
  // checkpoints as the options say; the last step does both. The callback sees
  // every step; throwing from it (e.g. CancelledError) stops the run between
  // two steps, and the trainer stays usable.
  void run(const ProgressCallback& progress = nullptr);

  // The evaluator's metrics for the current weights (empty without one).
  std::map<std::string, double> evaluate();

  // Writes out_dir/checkpoint-<step>/ and out_dir/last/, each replaced
  // atomically: config.json, model.safetensors (float32), optimizer.pt,
  // trainer_state.json and options.checkpoint_files, then removes the oldest
  // checkpoint-<step> folders beyond options.keep_checkpoints. Returns checkpoint-<step>.
  std::filesystem::path saveCheckpoint();

  // The weights alone in the Hugging Face layout (config.json + model.safetensors,
  // each written atomically, other files of `dir` left alone); bfloat16 halves
  // the size, and the engine's loader converts back when it loads.
  void exportModel(const std::filesystem::path& dir, ExportPrecision precision) const;

  int64_t completedSteps() const;
  const T5Weights& weights() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace frontseat
