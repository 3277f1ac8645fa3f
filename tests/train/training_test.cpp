// The trainer core: the training forward against the inference path, its
// gradients, learning on a toy task, checkpoints, resume, schedule, batching
// and the bfloat16 export.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <numeric>
#include <random>

#include "engine/core/errors.h"
#include "engine/model/safetensors.h"
#include "engine/model/t5_model.h"
#include "engine/runtime/engine.h"
#include "engine/train/batching.h"
#include "engine/train/lr_schedule.h"
#include "engine/train/t5_training_forward.h"
#include "engine/train/trainer.h"
#include "engine/train/training_loss.h"
#include "engine/train/training_weights.h"
#include "tests/engine/test_models.h"
#include "tests/engine/test_paths.h"

namespace frontseat {
namespace {

namespace fs = std::filesystem;

T5Config tinyConfig(bool gated, bool tied) { return testing::testConfig({}, gated, tied); }

TrainingExample example(std::vector<int32_t> input, std::vector<int32_t> target) {
  TrainingExample e;
  e.vip.assign(input.size(), 0);
  e.input_ids = std::move(input);
  e.target_ids = std::move(target);
  return e;
}

// Random ids in [2, vocab) ending with EOS (1), of the given lengths.
std::vector<int32_t> randomIds(std::mt19937& rng, size_t length, int64_t vocab) {
  std::uniform_int_distribution<int32_t> id(2, static_cast<int32_t>(vocab - 1));
  std::vector<int32_t> ids(length);
  for (auto& x : ids) x = id(rng);
  ids.back() = 1;
  return ids;
}

// Inputs long enough for T5's logarithmic position buckets, in both stacks.
std::vector<TrainingExample> variedExamples(int64_t vocab, uint32_t seed = 5) {
  std::mt19937 rng(seed);
  return {example(randomIds(rng, 7, vocab), randomIds(rng, 3, vocab)),
          example(randomIds(rng, 40, vocab), randomIds(rng, 1, vocab)),
          example(randomIds(rng, 12, vocab), randomIds(rng, 21, vocab))};
}

// A model folder's weights as the engine loads them (float32 on the CPU).
T5Weights loadFolder(const fs::path& dir) {
  const auto checkpoint = std::make_shared<SafetensorsCheckpoint>(SafetensorsCheckpoint::openFolder(dir));
  return loadT5Weights(T5Config::load(dir / "config.json"), checkpoint, torch::kCPU, torch::kFloat32);
}

double relativeError(const torch::Tensor& got, const torch::Tensor& want) {
  return (got - want).abs().max().item<double>() / want.abs().max().item<double>();
}

// --- Batching ---------------------------------------------------------------

TEST(Batching, PadsInputsAndShiftsTargets) {
  auto config = tinyConfig(true, false);
  config.pad_token_id = 3, config.decoder_start_token_id = 2;
  const auto batch = makeTrainingBatch({example({5, 6, 1}, {7, 8, 9, 1}), example({10, 1}, {11, 1})}, config);
  EXPECT_TRUE(torch::equal(batch.input_ids, torch::tensor({5, 6, 1, 10, 1, 3}, torch::kLong).view({2, 3})));
  EXPECT_TRUE(torch::equal(batch.attention_mask,
                           torch::tensor({true, true, true, true, true, false}, torch::kBool).view({2, 3})));
  EXPECT_TRUE(torch::equal(batch.decoder_input_ids,
                           torch::tensor({2, 7, 8, 9, 2, 11, 3, 3}, torch::kLong).view({2, 4})));
  EXPECT_TRUE(torch::equal(batch.labels, torch::tensor({7, 8, 9, 1, 11, 1, -100, -100}, torch::kLong).view({2, 4})));
  EXPECT_EQ(batch.input_tokens, 5);
  EXPECT_EQ(batch.target_tokens, 6);
}

TEST(Batching, RejectsUnusableExamples) {
  const auto config = tinyConfig(true, false);
  EXPECT_THROW(makeTrainingBatch({}, config), InputError);
  EXPECT_THROW(makeTrainingBatch({example({}, {1})}, config), InputError);
  EXPECT_THROW(makeTrainingBatch({example({4, 1}, {})}, config), InputError);
  EXPECT_THROW(makeTrainingBatch({example({4, 1}, {64})}, config), InputError);  // vocab is 64
  auto bad_vip = example({4, 1}, {1});
  bad_vip.vip.pop_back();
  EXPECT_THROW(makeTrainingBatch({bad_vip}, config), InputError);
  auto mentions_alone = example({4, 5, 1}, {1});
  mentions_alone.country_mention_positions = {1};
  EXPECT_THROW(makeTrainingBatch({mentions_alone}, config), InputError);
  mentions_alone.question_country_positions = {3};  // past the input
  EXPECT_THROW(makeTrainingBatch({mentions_alone}, config), InputError);
  auto others_alone = example({4, 5, 1}, {1});
  others_alone.other_country_mention_positions = {1};  // without the question's country
  EXPECT_THROW(makeTrainingBatch({others_alone}, config), InputError);
  others_alone.question_country_positions = {0}, others_alone.country_mention_positions = {1};
  others_alone.other_country_mention_positions = {7};  // past the input
  EXPECT_THROW(makeTrainingBatch({others_alone}, config), InputError);
  auto bad_section = example({4, 5, 6, 1}, {1});
  bad_section.sections = {{1, 1, 3}};  // no header
  EXPECT_THROW(makeTrainingBatch({bad_section}, config), InputError);
  bad_section.sections = {{0, 1, 5}};  // past the input
  EXPECT_THROW(makeTrainingBatch({bad_section}, config), InputError);
  auto bad_evidence = example({4, 5, 6, 1}, {1});
  bad_evidence.evidence_first = 2, bad_evidence.evidence_end = 5;  // past the input
  EXPECT_THROW(makeTrainingBatch({bad_evidence}, config), InputError);
  bad_evidence.evidence_first = 3, bad_evidence.evidence_end = 2;
  EXPECT_THROW(makeTrainingBatch({bad_evidence}, config), InputError);
}

// Distractors: the document tokens outside the evidence range, neither VIP nor
// padding; a row without a range has none.
TEST(Batching, MarksTheTokensOutsideTheEvidenceAsDistractors) {
  const auto config = tinyConfig(true, false);
  auto with_range = example({4, 5, 6, 7, 8, 1}, {1});
  with_range.vip = {1, 0, 0, 0, 0, 0};
  with_range.evidence_first = 2, with_range.evidence_end = 4;
  const auto without = example({4, 5, 1}, {1});
  EXPECT_FALSE(makeTrainingBatch({without}, config).distractors.defined());
  const auto batch = makeTrainingBatch({with_range, without}, config);
  ASSERT_TRUE(batch.distractors.defined());
  const auto want = torch::tensor({false, true, false, false, true, true, false, false, false, false, false, false},
                                  torch::kBool)
                        .view({2, 6});
  EXPECT_TRUE(torch::equal(batch.distractors, want)) << batch.distractors;
}

// --- Schedule ---------------------------------------------------------------

TEST(LearningRate, WarmsUpThenDecaysToTheFloor) {
  LearningRateSchedule s{1e-3, 10, 111, 0.1, LearningRateDecay::Cosine};
  EXPECT_DOUBLE_EQ(learningRateAt(s, 0), 1e-4);
  EXPECT_DOUBLE_EQ(learningRateAt(s, 4), 5e-4);
  EXPECT_DOUBLE_EQ(learningRateAt(s, 9), 1e-3);
  EXPECT_DOUBLE_EQ(learningRateAt(s, 10), 1e-3);
  EXPECT_NEAR(learningRateAt(s, 35), 1e-4 + 9e-4 * 0.5 * (1 + std::cos(M_PI / 4)), 1e-15);
  EXPECT_NEAR(learningRateAt(s, 60), 5.5e-4, 1e-15);
  EXPECT_NEAR(learningRateAt(s, 110), 1e-4, 1e-15);
  EXPECT_NEAR(learningRateAt(s, 500), 1e-4, 1e-15);
  s.decay = LearningRateDecay::Linear;
  EXPECT_NEAR(learningRateAt(s, 35), 7.75e-4, 1e-15);
  EXPECT_NEAR(learningRateAt(s, 110), 1e-4, 1e-15);
  s.warmup_steps = 0;
  EXPECT_DOUBLE_EQ(learningRateAt(s, 0), 1e-3);
}

// --- Training forward ---------------------------------------------------------

class TrainingForward : public ::testing::TestWithParam<std::tuple<bool, bool>> {
 protected:
  T5Config config() const { return tinyConfig(std::get<0>(GetParam()), std::get<1>(GetParam())); }
};

// The REQUIRED parity: a padded batch through the training forward gives, for
// every example, the logits the inference path gives for it alone.
TEST_P(TrainingForward, MatchesTheInferencePath) {
  const auto weights = randomT5Weights(config(), 7);
  const auto examples = variedExamples(config().vocab_size);
  const auto batch = makeTrainingBatch(examples, config());
  const auto states = trainingEncode(weights, batch.input_ids, batch.attention_mask);
  const auto logits = trainingDecode(weights, states, batch.attention_mask, batch.decoder_input_ids);
  const auto loss = trainingLoss(weights, batch).item<double>();

  torch::InferenceMode inference;
  double nll = 0;
  int64_t targets = 0;
  for (size_t i = 0; i < examples.size(); ++i) {
    const auto n = static_cast<int64_t>(examples[i].input_ids.size());
    const auto t = static_cast<int64_t>(examples[i].target_ids.size());
    const auto reference_states = encodeFull(weights, batch.input_ids[i].narrow(0, 0, n));
    EXPECT_LT(relativeError(states[i].narrow(0, 0, n), reference_states), 1e-5) << "encoder, example " << i;
    const auto decoder_ids = batch.decoder_input_ids[i].narrow(0, 0, t).unsqueeze(0);
    const auto reference = decodeFull(weights, reference_states, decoder_ids)[0];
    EXPECT_LT(relativeError(logits[i].narrow(0, 0, t), reference), 1e-5) << "logits, example " << i;
    const auto log_probs = torch::log_softmax(reference.to(torch::kDouble), -1);
    nll -= log_probs.gather(1, batch.labels[i].narrow(0, 0, t).unsqueeze(1)).sum().item<double>();
    targets += t;
  }
  EXPECT_NEAR(loss, nll / static_cast<double>(targets), 1e-5);
}

// Dropout applies only while a guard lives on this thread, and only at its
// rate: without one (probes, diagnoses, the parity above) the forward is exact.
TEST_P(TrainingForward, DropsOutOnlyWhileAGuardLives) {
  const auto weights = randomT5Weights(config(), 7);
  const auto batch = makeTrainingBatch(variedExamples(config().vocab_size), config());
  const auto plain = trainingLogits(weights, batch);
  torch::Tensor dropped_once, dropped_twice;
  {
    const TrainingDropout none(0.0);
    EXPECT_TRUE(torch::equal(trainingLogits(weights, batch), plain));
  }
  {
    const TrainingDropout dropout(0.3);
    dropped_once = trainingLogits(weights, batch);
    dropped_twice = trainingLogits(weights, batch);
  }
  EXPECT_GT(relativeError(dropped_once, plain), 1e-2);
  EXPECT_GT(relativeError(dropped_twice, dropped_once), 1e-2);
  EXPECT_TRUE(torch::equal(trainingLogits(weights, batch), plain));
}

// A key boosted by log 2 weighs in the decoder's cross-attention exactly as
// that encoder state twice would: the dilution's simulated length. A boost
// on every key changes nothing in the encoder.
TEST_P(TrainingForward, KeyBoostWeighsAKeyAsThatManyCopies) {
  const auto weights = randomT5Weights(config(), 9);
  const auto batch = makeTrainingBatch({variedExamples(config().vocab_size)[0]}, config());
  const int64_t n = batch.input_ids.size(1);
  const auto states = trainingEncode(weights, batch.input_ids, batch.attention_mask);
  auto boost = torch::zeros({1, n});
  boost.narrow(1, 1, 2).fill_(std::log(2.0));
  const auto boosted = trainingDecode(weights, states, batch.attention_mask, batch.decoder_input_ids, nullptr, boost);
  const auto twice = torch::cat({states, states.narrow(1, 1, 2)}, 1);
  const auto mask = torch::ones({1, n + 2}, torch::kBool);
  const auto copied = trainingDecode(weights, twice, mask, batch.decoder_input_ids);
  EXPECT_LT(relativeError(boosted, copied), 1e-5);
  const auto plain = trainingDecode(weights, states, batch.attention_mask, batch.decoder_input_ids);
  EXPECT_GT(relativeError(boosted, plain), 1e-4);  // the boost did something

  const auto everywhere = torch::full({1, n}, 1.5);
  const auto encoded = trainingEncode(weights, batch.input_ids, batch.attention_mask, {}, everywhere);
  EXPECT_LT(relativeError(encoded, states), 1e-5);
}

TEST_P(TrainingForward, GivesEveryWeightAFiniteNonZeroGradient) {
  const auto weights = trainableCopy(randomT5Weights(config(), 8));
  trainingLoss(weights, makeTrainingBatch(variedExamples(config().vocab_size), config())).backward();
  for (const auto& [name, tensor] : weights.named()) {
    ASSERT_TRUE(tensor.grad().defined()) << name;
    EXPECT_TRUE(torch::isfinite(tensor.grad()).all().item<bool>()) << name;
    EXPECT_GT(tensor.grad().norm().item<double>(), 0.0) << name;
  }
}

// Central differences in double precision on the largest gradient entry of a
// few weights spread over both stacks. The engine's RMS norm computes in
// float32 even for double weights, which bounds the agreement to about 1e-3
// (a wrong gradient is off by far more).
TEST_P(TrainingForward, GradientsMatchFiniteDifferences) {
  const auto weights = trainableCopy(randomT5Weights(config(), 9, torch::kCPU, torch::kDouble));
  const auto batch = makeTrainingBatch(variedExamples(config().vocab_size), config());
  trainingLoss(weights, batch).backward();
  std::map<std::string, torch::Tensor> byName;
  for (const auto& [name, tensor] : weights.named()) byName[name] = tensor;
  for (const std::string name : {"shared.weight", "encoder.block.0.layer.0.SelfAttention.q.weight",
                                 "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight",
                                 "encoder.block.1.layer.1.layer_norm.weight",
                                 "decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight",
                                 "decoder.block.1.layer.1.EncDecAttention.v.weight",
                                 "decoder.block.1.layer.2.DenseReluDense.wo.weight"}) {
    auto flat = byName.at(name).view(-1);
    const auto grad = byName.at(name).grad().view(-1);
    const int64_t index = grad.abs().argmax().item<int64_t>();
    const double analytic = grad[index].item<double>();
    const double h = 3e-3;  // balances truncation against float32 rounding
    torch::NoGradGuard no_grad;
    const double original = flat[index].item<double>();
    flat[index] = original + h;
    const double plus = trainingLoss(weights, batch).item<double>();
    flat[index] = original - h;
    const double minus = trainingLoss(weights, batch).item<double>();
    flat[index] = original;
    const double numeric = (plus - minus) / (2 * h);
    EXPECT_NEAR(numeric, analytic, 2e-4 + 3e-3 * std::abs(analytic)) << name;
  }
}

INSTANTIATE_TEST_SUITE_P(FeedForwardAndHead, TrainingForward,
                         ::testing::Combine(::testing::Bool(), ::testing::Bool()),
                         [](const auto& info) {
                           return std::string(std::get<0>(info.param) ? "GatedGelu" : "Relu") +
                                  (std::get<1>(info.param) ? "Tied" : "Untied");
                         });

TEST(TrainingForward, RefusesFeedForwardsItCannotDifferentiate) {
  auto config = tinyConfig(true, false);
  config.activation = Activation::Silu;
  EXPECT_THROW(checkTrainable(config), InputError);
  config.activation = Activation::Relu;  // gated ReLU
  EXPECT_THROW(checkTrainable(config), InputError);
  config.gated_ffn = false;
  EXPECT_NO_THROW(checkTrainable(config));
}

TEST(TrainingWeights, DecayOnlyMatrices) {
  EXPECT_TRUE(decayedWeight("shared.weight"));
  EXPECT_TRUE(decayedWeight("lm_head.weight"));
  EXPECT_TRUE(decayedWeight("encoder.block.0.layer.0.SelfAttention.q.weight"));
  EXPECT_TRUE(decayedWeight("decoder.block.1.layer.2.DenseReluDense.wi_0.weight"));
  EXPECT_FALSE(decayedWeight("encoder.block.0.layer.0.layer_norm.weight"));
  EXPECT_FALSE(decayedWeight("decoder.final_layer_norm.weight"));
  EXPECT_FALSE(decayedWeight("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"));
}

TEST(TrainingWeights, CopiesShareNothingAndKeepTheTie) {
  const auto original = randomT5Weights(tinyConfig(false, true), 4);
  const auto copy = trainableCopy(original);
  EXPECT_TRUE(copy.shared.requires_grad());
  EXPECT_TRUE(copy.lm_head.is_same(copy.shared));
  EXPECT_NE(copy.shared.data_ptr(), original.shared.data_ptr());
  EXPECT_TRUE(torch::equal(copy.encoder[1].ff.wi, original.encoder[1].ff.wi));
}

// --- Trainer ------------------------------------------------------------------

// A toy task: repeat the input. Batches depend on the step only.
BatchProvider copyTask(int64_t vocab, int64_t batch_size, int distinct_batches) {
  return [=](int64_t step) {
    std::mt19937 rng(static_cast<uint32_t>(step % distinct_batches));
    std::vector<TrainingExample> batch;
    for (int64_t i = 0; i < batch_size; ++i) {
      auto ids = randomIds(rng, 4 + static_cast<size_t>(i % 3), vocab);
      batch.push_back(example(ids, ids));
    }
    return batch;
  };
}

// Six key-value pairs, new every step, then EOS: "k1 v1 ... k6 v6 EOS" with
// key 2 among them; the target is the value that follows key 2. Only word
// order tells which value that is, so it needs the relative position bias.
BatchProvider valueAfterKeyTask(int64_t batch_size) {
  return [=](int64_t step) {
    std::mt19937 rng(static_cast<uint32_t>(1000 + step));
    std::uniform_int_distribution<int32_t> value(32, 63);
    std::vector<TrainingExample> batch;
    for (int64_t i = 0; i < batch_size; ++i) {
      std::vector<int32_t> keys(30);
      std::iota(keys.begin(), keys.end(), 2);  // key 2 first, then shuffled into place
      std::shuffle(keys.begin() + 1, keys.end(), rng);
      std::swap(keys[0], keys[std::uniform_int_distribution<size_t>(0, 5)(rng)]);
      std::vector<int32_t> input;
      int32_t answer = 0;
      for (size_t k = 0; k < 6; ++k) {
        const int32_t v = value(rng);
        if (keys[k] == 2) answer = v;
        input.insert(input.end(), {keys[k], v});
      }
      input.push_back(1);
      batch.push_back(example(input, {answer, 1}));
    }
    return batch;
  };
}

TrainerOptions quickOptions(int64_t steps) {
  TrainerOptions o;
  o.steps = steps;
  o.batch_size = 4;
  o.learning_rate = 1e-2;
  o.weight_decay = 0.01;
  o.warmup_steps = 3;
  o.min_lr_ratio = 0.1;
  o.clip_norm = 1.0;
  o.seed = 1;
  return o;
}

TEST(Trainer, MemorizesATinyCopyTask) {
  const auto config = tinyConfig(true, false);
  Trainer trainer(config, quickOptions(30), copyTask(config.vocab_size, 4, 1));
  std::vector<TrainingProgress> seen;
  trainer.run([&](const TrainingProgress& p) { seen.push_back(p); });
  ASSERT_EQ(seen.size(), 30u);
  EXPECT_EQ(trainer.completedSteps(), 30);
  EXPECT_EQ(seen.back().step, 30);
  EXPECT_EQ(seen.back().steps, 30);
  EXPECT_LT(seen.back().loss, 0.1 * seen.front().loss);
  EXPECT_GT(seen.back().tokens_per_second, 0.0);
  EXPECT_DOUBLE_EQ(seen[0].learning_rate, 1e-2 / 3);
  EXPECT_NEAR(seen.back().learning_rate, 1e-3, 1e-12);
  EXPECT_TRUE(seen.back().checkpoint.empty());  // no output folder
}

// Every batch is new, so a low loss means the model reads word order. With
// position_bias_lr_scale = 1 the loss stays above 1.5 here (near log(6)/2: it
// knows which six values are present, not which one follows key 2).
TEST(Trainer, LearnsWordOrderOnInputsItHasNotSeen) {
  auto options = quickOptions(300);
  options.batch_size = 16;
  options.learning_rate = 3e-3;
  options.warmup_steps = 20;
  Trainer trainer(tinyConfig(true, true), options, valueAfterKeyTask(16));
  double last = 0;
  trainer.run([&](const TrainingProgress& p) { last = p.loss; });
  EXPECT_LT(last, 0.2);
}

TEST(Trainer, RejectsBadOptionsAndBatches) {
  const auto config = tinyConfig(true, false);
  auto options = quickOptions(0);
  EXPECT_THROW(Trainer(config, options, copyTask(64, 4, 1)), InputError);
  options = quickOptions(2);
  options.dilution = 0.5;
  EXPECT_THROW(Trainer(config, options, copyTask(64, 4, 1)), InputError);
  Trainer trainer(config, quickOptions(2), copyTask(64, 3, 1));  // provider disagrees with batch_size 4
  EXPECT_THROW(trainer.step(), InputError);
}

std::vector<double> lossesOf(Trainer& trainer) {
  std::vector<double> losses;
  trainer.run([&](const TrainingProgress& p) { losses.push_back(p.loss); });
  return losses;
}

// A run interrupted right after its step-3 checkpoint, as a user's cancel would.
void runUntilInterruptedAtStep3(const T5Config& config, const TrainerOptions& options, const BatchProvider& provider) {
  Trainer first(config, options, provider);
  EXPECT_THROW(first.run([](const TrainingProgress& p) {
                 if (p.step == 3) throw CancelledError("stopped after the checkpoint");
               }),
               CancelledError);
}

TEST(Trainer, CheckpointIsAModelFolderTheInferencePathLoads) {
  const auto config = tinyConfig(false, true);
  const auto out = testing::scratchDir("train-checkpoint");
  std::ofstream(out / "spiece.model") << "stand-in tokenizer";
  auto options = quickOptions(2);
  options.out_dir = out / "run";
  options.checkpoint_files = {out / "spiece.model"};
  Trainer trainer(config, options, copyTask(config.vocab_size, 4, 2));
  trainer.run();
  for (const auto* dir : {"checkpoint-2", "last"}) {
    for (const auto* file :
         {"config.json", "model.safetensors", "optimizer.pt", "trainer_state.json", "spiece.model"}) {
      EXPECT_TRUE(fs::exists(options.out_dir / dir / file)) << dir << "/" << file;
    }
  }
  torch::InferenceMode inference;
  const auto loaded = loadFolder(options.out_dir / "last");
  const auto trained = trainer.weights().named(), reloaded = loaded.named();
  ASSERT_EQ(trained.size(), reloaded.size());
  for (size_t i = 0; i < trained.size(); ++i) {
    EXPECT_TRUE(torch::equal(trained[i].second, reloaded[i].second)) << trained[i].first;
  }
  const auto ids = torch::tensor({5, 9, 14, 1}, torch::kLong);
  const auto decoder_ids = torch::tensor({0, 5, 9}, torch::kLong).unsqueeze(0);
  EXPECT_TRUE(torch::equal(decodeFull(loaded, encodeFull(loaded, ids), decoder_ids),
                           decodeFull(trainer.weights(), encodeFull(trainer.weights(), ids), decoder_ids)));
}

TEST(Trainer, KeepsOnlyTheNewestCheckpoints) {
  const auto config = tinyConfig(true, false);
  auto options = quickOptions(5);
  options.out_dir = testing::scratchDir("train-keep");
  options.checkpoint_every = 1;
  options.keep_checkpoints = 2;
  fs::create_directories(options.out_dir / "checkpoint-notes");  // not a checkpoint: left alone
  Trainer trainer(config, options, copyTask(config.vocab_size, 4, 1));
  trainer.run();
  for (int step = 1; step <= 3; ++step) {
    EXPECT_FALSE(fs::exists(options.out_dir / ("checkpoint-" + std::to_string(step)))) << step;
  }
  EXPECT_TRUE(fs::exists(options.out_dir / "checkpoint-4/model.safetensors"));
  EXPECT_TRUE(fs::exists(options.out_dir / "checkpoint-5/model.safetensors"));
  EXPECT_TRUE(fs::exists(options.out_dir / "last/model.safetensors"));
  EXPECT_TRUE(fs::exists(options.out_dir / "checkpoint-notes"));
}

TEST(Trainer, StartsFromAModelFolder) {
  const auto config = tinyConfig(true, true);
  const auto dir = testing::scratchDir("train-start");
  saveT5Weights(randomT5Weights(config, 12), dir);
  Trainer trainer(dir, quickOptions(1), copyTask(config.vocab_size, 4, 1));
  EXPECT_EQ(trainer.completedSteps(), 0);
  EXPECT_TRUE(torch::equal(trainer.weights().shared, randomT5Weights(config, 12).shared));
  trainer.step();  // trains its own copy: the file's weights stay as they were
  EXPECT_TRUE(torch::equal(loadFolder(dir).shared, randomT5Weights(config, 12).shared));
}

TEST(Trainer, ResumeContinuesLikeAnUninterruptedRun) {
  const auto config = tinyConfig(true, false);
  const auto provider = copyTask(config.vocab_size, 4, 5);
  Trainer uninterrupted(config, quickOptions(6), provider);
  const auto expected = lossesOf(uninterrupted);

  auto options = quickOptions(6);
  options.out_dir = testing::scratchDir("train-resume");
  options.checkpoint_every = 3;
  runUntilInterruptedAtStep3(config, options, provider);
  auto other_seed = options;
  other_seed.seed = 99;  // the weights must come from the checkpoint
  Trainer second(config, other_seed, provider);
  second.resume(options.out_dir / "last");
  EXPECT_EQ(second.completedSteps(), 3);
  const auto resumed = lossesOf(second);
  ASSERT_EQ(resumed.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_NEAR(resumed[i], expected[3 + i], 1e-6) << "step " << 4 + i;
  const auto final_weights = uninterrupted.weights().named(), resumed_weights = second.weights().named();
  for (size_t i = 0; i < final_weights.size(); ++i) {
    EXPECT_TRUE(torch::allclose(final_weights[i].second, resumed_weights[i].second, 1e-5, 1e-7))
        << final_weights[i].first;
  }
}

// Dropout's masks come from the step, so a resumed run draws the same ones; and
// the trainer really drops out (its losses differ from a run without).
TEST(Trainer, DropoutResumesLikeAnUninterruptedRun) {
  const auto config = tinyConfig(true, false);
  const auto provider = copyTask(config.vocab_size, 4, 5);
  auto options = quickOptions(6);
  Trainer without(config, options, provider);
  const auto plain = lossesOf(without);
  options.dropout = 0.2;
  Trainer uninterrupted(config, options, provider);
  const auto expected = lossesOf(uninterrupted);
  EXPECT_NE(expected[0], plain[0]);

  options.out_dir = testing::scratchDir("train-dropout-resume");
  options.checkpoint_every = 3;
  runUntilInterruptedAtStep3(config, options, provider);
  Trainer second(config, options, provider);
  second.resume(options.out_dir / "last");
  const auto resumed = lossesOf(second);
  ASSERT_EQ(resumed.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_NEAR(resumed[i], expected[3 + i], 1e-6) << "step " << 4 + i;
}

// A run stopped early ends where the whole run passes by, checkpoint and all
// (the schedule still spans every step), so a next stage can start there.
TEST(Trainer, StopsAfterAStepAsTheWholeRunPassesIt) {
  const auto config = tinyConfig(true, false);
  const auto provider = copyTask(config.vocab_size, 4, 5);
  auto whole_options = quickOptions(6);
  whole_options.out_dir = testing::scratchDir("train-stop-whole");
  whole_options.checkpoint_every = 1;
  whole_options.warmup_steps = 1;  // steps 2 and 3 decay: their rates depend on the run's length
  Trainer whole(config, whole_options, provider);
  std::vector<TrainingProgress> whole_seen;
  whole.run([&](const TrainingProgress& p) { whole_seen.push_back(p); });

  auto options = whole_options;
  options.out_dir = testing::scratchDir("train-stop-early");
  options.checkpoint_every = 2;
  options.stop_after = 3;  // not a checkpoint step: the last step still saves one
  Trainer stopped(config, options, provider);
  std::vector<TrainingProgress> seen;
  stopped.run([&](const TrainingProgress& p) { seen.push_back(p); });
  ASSERT_EQ(seen.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(seen[i].learning_rate, whole_seen[i].learning_rate) << "step " << i + 1;
    EXPECT_NEAR(seen[i].loss, whole_seen[i].loss, 1e-6) << "step " << i + 1;
  }
  EXPECT_EQ(seen.back().steps, 3);
  EXPECT_FALSE(seen.back().checkpoint.empty());
  EXPECT_EQ(stopped.completedSteps(), 3);
  EXPECT_FALSE(fs::exists(options.out_dir / "checkpoint-4"));
  EXPECT_TRUE(torch::equal(loadFolder(options.out_dir / "checkpoint-2").shared,
                           loadFolder(whole_options.out_dir / "checkpoint-2").shared));
  EXPECT_TRUE(torch::equal(loadFolder(options.out_dir / "checkpoint-3").shared,
                           loadFolder(whole_options.out_dir / "checkpoint-3").shared));
  Trainer again(config, options, provider);
  again.resume(options.out_dir / "last");
  EXPECT_EQ(again.completedSteps(), 3);
  EXPECT_TRUE(lossesOf(again).empty());  // resumed at its end: nothing left to run

  options.stop_after = 7;
  EXPECT_THROW(Trainer(config, options, provider), InputError);
  options.stop_after = -1;
  EXPECT_THROW(Trainer(config, options, provider), InputError);
}

// A lookup in a long input: 40 random tokens, the first 4 VIP (the "question"),
// and the target is the 3 tokens after a marker (id 2) somewhere in the rest,
// with the alignment pointing at them. Batches depend on the step only.
BatchProvider markedSpanTask(int64_t batch_size) {
  return [=](int64_t step) {
    std::mt19937 rng(static_cast<uint32_t>(500 + step));
    std::vector<TrainingExample> batch;
    for (int64_t i = 0; i < batch_size; ++i) {
      auto ids = randomIds(rng, 40, 64);
      for (auto& id : ids) id = id == 2 ? 3 : id;
      ids.back() = 1;
      const auto at = std::uniform_int_distribution<int32_t>(6, 34)(rng);
      ids[static_cast<size_t>(at)] = 2;
      TrainingExample e = example(ids, {ids[at + 1], ids[at + 2], ids[at + 3], 1});
      for (int k = 0; k < 4; ++k) e.vip[static_cast<size_t>(k)] = 1, e.question_positions.push_back(k);
      e.alignment = {{at + 1}, {at + 2}, {at + 3}, {at + 4}};
      batch.push_back(std::move(e));
    }
    return batch;
  };
}

// How much a loss weight teaches: the term `term` of trainingLosses on
// held-back batches of `task` after training on it with the weight `weight`
// set to 1, and to 0 ({with, without}).
std::pair<double, double> termWithAndWithout(const T5Config& config, int64_t steps, const BatchProvider& task,
                                             double TrainerOptions::*weight, double LossOptions::*measured,
                                             torch::Tensor TrainingLosses::*term) {
  auto options = quickOptions(steps);
  options.batch_size = 8;
  options.learning_rate = 3e-3;
  options.warmup_steps = 10;
  const auto held_back = makeTrainingBatch(task(100000), config);
  const auto after = [&](double w) {
    options.*weight = w;
    Trainer trainer(config, options, task);
    trainer.run();
    torch::NoGradGuard no_grad;
    LossOptions measure;
    measure.*measured = 1.0;
    return (trainingLosses(trainer.weights(), held_back, measure).*term).item<double>();
  };
  return {after(1.0), after(0.0)};
}

// Trained with the alignment loss, the decoder's last layer looks where it is
// told (the alignment loss of held-back batches falls well below that of the
// same model trained on the token loss alone).
TEST(Trainer, AlignmentTeachesTheDecoderWhereToRead) {
  const auto [with_alignment, without] =
      termWithAndWithout(tinyConfig(true, true), 120, markedSpanTask(8), &TrainerOptions::alignment_weight,
                         &LossOptions::alignment_weight, &TrainingLosses::alignment);
  EXPECT_LT(with_alignment, 0.5 * without) << "with " << with_alignment << ", without " << without;
}

// A "question" of 4 VIP tokens whose second is a name (ids 40-51), then a
// document of four sections of 8 tokens, each opened by a header token (60),
// holding four different names, one of them the question's (twice). The
// country-link positions say where the names are (the asked one's and the
// three others'), the sections where the headers are.
BatchProvider namedMentionTask(int64_t batch_size) {
  return [=](int64_t step) {
    std::mt19937 rng(static_cast<uint32_t>(900 + step));
    std::vector<TrainingExample> batch;
    for (int64_t i = 0; i < batch_size; ++i) {
      auto ids = randomIds(rng, 40, 40);  // ids below the names
      std::vector<int32_t> names(12);
      std::iota(names.begin(), names.end(), 40);
      std::shuffle(names.begin(), names.end(), rng);
      std::vector<int32_t> slots;  // odd positions: never a header
      for (int32_t at = 7; at < 38; at += 2) slots.push_back(at);
      std::shuffle(slots.begin(), slots.end(), rng);
      ids[1] = names[0];
      for (int k = 0; k < 5; ++k) ids[static_cast<size_t>(slots[static_cast<size_t>(k)])] = names[static_cast<size_t>(std::max(0, k - 1))];
      TrainingExample e = example(ids, {names[0], 1});
      for (int32_t start = 6; start < 38; start += 8) {
        e.input_ids[static_cast<size_t>(start)] = 60;
        e.sections.push_back({start, start + 1, start + 8});
      }
      e.country_mention_positions = {slots[0], slots[1]};
      e.other_country_mention_positions = {slots[2], slots[3], slots[4]};
      for (int k = 0; k < 4; ++k) e.vip[static_cast<size_t>(k)] = 1, e.question_positions.push_back(k);
      e.question_country_positions = {1};
      batch.push_back(std::move(e));
    }
    return batch;
  };
}

// Trained with the country-link loss, head 0 of layer 1 learns to look from
// each mention of the asked name at the question's, and head 0 of layer 2 from
// each section's tokens at its header (the loss on held-back batches falls
// well below that of the same model trained without it).
TEST(Trainer, CountryLinkTeachesHeadsToMatchTheQuestionsNameAndCarryIt) {
  auto config = tinyConfig(true, true);
  config.num_layers = 3;
  const auto [with_link, without] =
      termWithAndWithout(config, 80, namedMentionTask(8), &TrainerOptions::country_link_weight,
                         &LossOptions::country_link_weight, &TrainingLosses::country_link);
  EXPECT_LT(with_link, 0.5 * without) << "with " << with_link << ", without " << without;
}

// Head 0 of the link layer, trained with the country-link loss, looks at the
// question's name from the asked name's mentions and away from it at the
// other names': it tells which name is asked, not just where the names are.
// The first decoder layer's head 0 reads that name.
TEST(Trainer, CountryLinkTellsTheAskedNameFromTheOthers) {
  auto config = tinyConfig(true, true);
  config.num_layers = 3;
  auto options = quickOptions(80);
  options.batch_size = 8, options.learning_rate = 3e-3, options.warmup_steps = 10;
  options.country_link_weight = 1.0;
  const auto task = namedMentionTask(8);
  Trainer trainer(config, options, task);
  trainer.run();
  torch::NoGradGuard no_grad;
  const auto held_back = makeTrainingBatch(task(100000), config);
  std::vector<torch::Tensor> probs;
  trainingEncode(trainer.weights(), held_back.input_ids, held_back.attention_mask, {&probs});
  const auto head = probs[static_cast<size_t>(kCountryLinkLayer)].select(1, 0);  // (B, S, S)
  const auto on_question = (head * held_back.question_country.unsqueeze(1).to(head.scalar_type())).sum(-1);
  const double asked = on_question.masked_select(held_back.country_mentions).mean().item<double>();
  const double others = on_question.masked_select(held_back.other_country_mentions).mean().item<double>();
  EXPECT_GT(asked, 0.5);
  EXPECT_LT(others, 0.1 * asked) << "asked " << asked << ", others " << others;
  // And head 0 of the first decoder layer reads the question's name.
  CrossAttentionProbs cross;
  trainingDecode(trainer.weights(), trainingEncode(trainer.weights(), held_back.input_ids, held_back.attention_mask),
                 held_back.attention_mask, held_back.decoder_input_ids, &cross);
  const auto reads = (cross.first.select(1, 0) * held_back.question_country.unsqueeze(1).to(torch::kFloat)).sum(-1);
  EXPECT_GT(reads.masked_select(held_back.labels.ne(kIgnoredLabel)).mean().item<double>(), 0.5);
}

// Short batches run full attention even after vcc_from_step.
TEST(Trainer, BatchesUpToTheVccMinimumRunFullAttention) {
  auto config = tinyConfig(true, false);
  config.num_layers = 3;
  auto options = quickOptions(2);
  options.vcc_from_step = 0;
  options.vcc.num_vip = 6, options.vcc.block_size = 4, options.vcc.num_fine_blocks = 2;
  options.vcc.segment_size = 16;
  for (const int64_t minimum : {0, 40}) {  // markedSpanTask's inputs are 40 tokens
    options.vcc_min_input_tokens = minimum;
    Trainer trainer(config, options, markedSpanTask(4));
    EXPECT_EQ(trainer.step().vcc, minimum < 40) << minimum;
  }
}

// A 3-layer encoder for markedSpanTask, with VCC in the loop from step 2
// (the alignment and selector terms, exploration half the time).
T5Config vccLoopConfig() {
  auto config = tinyConfig(true, false);
  config.num_layers = 3;
  return config;
}

TrainerOptions vccLoopOptions(int64_t steps) {
  auto options = quickOptions(steps);
  options.alignment_weight = 1.0;
  options.vcc_from_step = 2;
  options.vcc.num_vip = 6, options.vcc.block_size = 4, options.vcc.num_fine_blocks = 2;
  options.vcc.segment_size = 16, options.vcc.explore_rate = 0.5;
  return options;
}

// The losses of the rest of a run resumed from `checkpoint`.
std::vector<double> lossesAfterResuming(const T5Config& config, const TrainerOptions& options,
                                        const BatchProvider& provider, const fs::path& checkpoint) {
  Trainer trainer(config, options, provider);
  trainer.resume(checkpoint);
  return lossesOf(trainer);
}

// VCC in the loop from step 2: the steps report it, their exploration draws
// depend on the step alone, so a resumed run repeats an uninterrupted one.
TEST(Trainer, VccInTheLoopResumesLikeAnUninterruptedRun) {
  const auto config = vccLoopConfig();
  auto options = vccLoopOptions(5);
  const auto provider = markedSpanTask(4);
  Trainer uninterrupted(config, options, provider);
  std::vector<TrainingProgress> expected;
  uninterrupted.run([&](const TrainingProgress& p) { expected.push_back(p); });
  ASSERT_EQ(expected.size(), 5u);
  EXPECT_FALSE(expected[1].vcc);
  EXPECT_TRUE(expected[2].vcc);
  EXPECT_GT(expected[2].selector_loss, 0.0);

  options.out_dir = testing::scratchDir("train-vcc-resume");
  options.checkpoint_every = 3;
  runUntilInterruptedAtStep3(config, options, provider);
  const auto resumed = lossesAfterResuming(config, options, provider, options.out_dir / "last");
  ASSERT_EQ(resumed.size(), 2u);
  for (size_t i = 0; i < 2; ++i) EXPECT_NEAR(resumed[i], expected[3 + i].loss, 1e-6) << "step " << 4 + i;
}

// The device is checked before any work: an unknown name, or CUDA where no
// GPU is usable, is a DeviceError naming it.
TEST(Trainer, RefusesADeviceItCannotUse) {
  auto options = quickOptions(2);
  options.device = "gpu";
  EXPECT_THROW(Trainer(tinyConfig(true, false), options, copyTask(64, 4, 1)), DeviceError);
  if (!torch::cuda::is_available()) {
    options.device = "cuda";
    EXPECT_THROW(Trainer(tinyConfig(true, false), options, copyTask(64, 4, 1)), DeviceError);
  }
}

// On a GPU the same steps (full attention, then VCC in the loop with the
// alignment and selector terms) give the CPU's losses, and a checkpoint written
// there resumes on the CPU. Skipped where no CUDA GPU is usable.
TEST(Trainer, TrainsOnTheGpuAsOnTheCpu) {
  if (!torch::cuda::is_available()) GTEST_SKIP() << "no CUDA GPU here";
  const auto config = vccLoopConfig();
  auto options = vccLoopOptions(4);
  const auto provider = markedSpanTask(4);
  Trainer on_cpu(config, options, provider);
  const auto expected = lossesOf(on_cpu);

  options.device = "cuda";
  options.out_dir = testing::scratchDir("train-gpu");
  options.checkpoint_every = 3;
  runUntilInterruptedAtStep3(config, options, provider);
  const auto last = lossesAfterResuming(config, options, provider, options.out_dir / "last");
  ASSERT_EQ(last.size(), 1u);
  EXPECT_NEAR(last[0], expected[3], 1e-4);

  options.device = "cpu";
  const auto resumed = lossesAfterResuming(config, options, provider, options.out_dir / "checkpoint-3");
  ASSERT_EQ(resumed.size(), 1u);
  EXPECT_NEAR(resumed[0], expected[3], 1e-4);
}

TEST(Trainer, RejectsUnusableVccSettings) {
  auto options = quickOptions(2);
  options.vcc_from_step = 0;
  options.vcc.num_local_layers = 9;
  EXPECT_THROW(Trainer(tinyConfig(true, false), options, copyTask(64, 4, 1)), InputError);
  options.vcc.num_local_layers = 1;
  options.alignment_weight = -1;
  EXPECT_THROW(Trainer(tinyConfig(true, false), options, copyTask(64, 4, 1)), InputError);
}

TEST(Trainer, ResumeRefusesAnotherModel) {
  const auto dir = testing::scratchDir("train-resume-other");
  auto options = quickOptions(1);
  options.out_dir = dir;
  Trainer(tinyConfig(true, false), options, copyTask(64, 4, 1)).run();
  Trainer other(tinyConfig(false, false), options, copyTask(64, 4, 1));
  EXPECT_THROW(other.resume(dir / "last"), CheckpointError);
}

// A checkpoint that fails half-way (here: a missing extra file) and a stale
// temporary folder from a killed run both leave last/ complete.
TEST(Trainer, CheckpointFailureLeavesLastIntact) {
  const auto config = tinyConfig(true, false);
  auto options = quickOptions(3);
  options.out_dir = testing::scratchDir("train-atomic");
  Trainer trainer(config, options, copyTask(config.vocab_size, 4, 1));
  trainer.step();
  trainer.saveCheckpoint();
  fs::create_directories(options.out_dir / ".last.tmp");
  std::ofstream(options.out_dir / ".last.tmp/junk") << "from a killed run";
  trainer.step();
  trainer.saveCheckpoint();
  EXPECT_FALSE(fs::exists(options.out_dir / "last/junk"));

  auto failing = options;
  failing.checkpoint_files = {options.out_dir / "no-such-file"};
  Trainer broken(config, failing, copyTask(config.vocab_size, 4, 1));
  broken.resume(options.out_dir / "last");
  broken.step();
  EXPECT_ANY_THROW(broken.saveCheckpoint());
  Trainer reader(config, options, copyTask(config.vocab_size, 4, 1));
  reader.resume(options.out_dir / "last");
  EXPECT_EQ(reader.completedSteps(), 2);
  EXPECT_FALSE(fs::exists(options.out_dir / ".last.tmp"));
  EXPECT_FALSE(fs::exists(options.out_dir / "checkpoint-3"));
}

TEST(Trainer, EvaluatesEveryFewStepsAndAtTheEnd) {
  const auto config = tinyConfig(true, false);
  auto options = quickOptions(5);
  options.eval_every = 2;
  std::vector<int64_t> evaluated;
  const auto batch = makeTrainingBatch(copyTask(config.vocab_size, 4, 1)(0), config);
  Trainer trainer(config, options, copyTask(config.vocab_size, 4, 1), [&](const T5Weights& w) {
    return std::map<std::string, double>{{"eval_loss", trainingLoss(w, batch).item<double>()}};
  });
  trainer.run([&](const TrainingProgress& p) {
    if (!p.evaluation.empty()) {
      evaluated.push_back(p.step);
      EXPECT_TRUE(std::isfinite(p.evaluation.at("eval_loss")));
    }
  });
  EXPECT_EQ(evaluated, (std::vector<int64_t>{2, 4, 5}));
}

// --- Export -------------------------------------------------------------------

TEST(Export, Bfloat16ModelLoadsInTheEngineAndAnswers) {
  const auto dir = testing::scratchDir("train-export");
  TokenizerTrainingOptions tokenizer;
  tokenizer.vocabSize = 300;
  trainTokenizer({testing::sourceDir() / "resources/samples/harbor-report.txt"}, dir / "spiece", tokenizer);
  auto config = tinyConfig(true, false);
  config.vocab_size = Tokenizer::load(dir / "spiece.model").vocabSize();
  Trainer trainer(config, quickOptions(1), copyTask(config.vocab_size, 4, 1));
  trainer.step();

  const auto model = dir / "model";
  trainer.exportModel(dir / "model-f32", ExportPrecision::Float32);
  trainer.exportModel(model, ExportPrecision::BFloat16);
  fs::copy_file(dir / "spiece.model", model / "spiece.model");
  const auto file = SafetensorsFile::open(model / "model.safetensors");
  for (const auto& tensor : file->tensors()) EXPECT_EQ(tensor.dtype, DType::BF16) << tensor.name;
  EXPECT_LT(fs::file_size(model / "model.safetensors"), 0.55 * fs::file_size(dir / "model-f32/model.safetensors"));
  // Trained to copy its answers: the app and the CLI quote them by default.
  EXPECT_EQ(T5Config::load(model / "config.json").quote_answers, true);

  {
    torch::InferenceMode inference;
    const auto loaded = loadFolder(model).named();
    const auto trained = trainer.weights().named();
    for (size_t i = 0; i < trained.size(); ++i) {
      EXPECT_TRUE(torch::equal(loaded[i].second, trained[i].second.to(torch::kBFloat16).to(torch::kFloat32)))
          << trained[i].first;
    }
  }

  auto engine = Engine::load(ModelOptions{model});
  EXPECT_EQ(engine->dtype(), "float32");
  AskRequest request;
  request.question = "Who is the harbor master?";
  request.document = "The harbor master is Ingrid Callow.";
  request.generation.max_new_tokens = 6;
  const auto answer = engine->ask(request);
  EXPECT_FALSE(answer.output_ids.empty());
  EXPECT_EQ(engine->ask(request).output_ids, answer.output_ids);
}

}  // namespace
}  // namespace frontseat
