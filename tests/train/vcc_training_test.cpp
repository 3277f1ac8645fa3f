// VCC in the training loop (engine/train/vcc_training_forward): it computes
// what the inference VCC encoder computes, reduces to full attention when
// nothing is compressed, explores, and its selector loss trains the selector.
#include <gtest/gtest.h>

#include <random>

#include "engine/core/errors.h"
#include "engine/model/t5_model.h"
#include "engine/train/batching.h"
#include "engine/train/t5_training_forward.h"
#include "engine/train/training_loss.h"
#include "engine/train/vcc_training_forward.h"
#include "engine/vcc/vcc_encoder.h"
#include "tests/engine/test_models.h"

namespace frontseat {
namespace {

T5Config vccConfig(bool gated) {
  testing::TestShape shape;
  shape.encoder_layers = 4;
  return testing::testConfig(shape, gated, /*tied=*/true);
}

// Random ids in [2, vocab), EOS last; the first `vip` tokens are VIP.
TrainingExample vipExample(std::mt19937& rng, size_t length, size_t vip, int64_t vocab) {
  std::uniform_int_distribution<int32_t> id(2, static_cast<int32_t>(vocab - 1));
  TrainingExample e;
  for (size_t i = 0; i < length; ++i) e.input_ids.push_back(i + 1 == length ? 1 : id(rng));
  e.vip.assign(length, 0);
  for (size_t i = 0; i < vip; ++i) e.vip[i] = 1;
  e.target_ids = {id(rng), id(rng), 1};
  return e;
}

std::vector<TrainingExample> examples(int64_t vocab) {
  std::mt19937 rng(11);
  return {vipExample(rng, 203, 9, vocab), vipExample(rng, 150, 5, vocab), vipExample(rng, 97, 12, vocab)};
}

VccTrainingOptions smallVcc() {
  VccTrainingOptions o;
  o.num_vip = 12, o.block_size = 8, o.num_fine_blocks = 4, o.num_local_layers = 1, o.segment_size = 64;
  return o;
}

double relativeError(const torch::Tensor& got, const torch::Tensor& want) {
  return (got - want).abs().max().item<double>() / want.abs().max().item<double>();
}

class VccTraining : public ::testing::TestWithParam<bool> {};

// The training VCC encoder and the inference one (two levels) agree per example.
TEST_P(VccTraining, MatchesTheInferenceEncoder) {
  const auto config = vccConfig(GetParam());
  const auto weights = randomT5Weights(config, 3);
  const auto list = examples(config.vocab_size);
  const auto batch = makeTrainingBatch(list, config);
  const auto o = smallVcc();
  std::mt19937_64 rng(1);
  const auto encoded = trainingEncodeVcc(weights, batch, o, rng);

  torch::InferenceMode inference;
  const ResolvedVcc resolved{o.num_vip, o.block_size, o.num_fine_blocks, o.num_local_layers, o.segment_size, 2, 4};
  for (size_t i = 0; i < list.size(); ++i) {
    const auto n = static_cast<int64_t>(list[i].input_ids.size());
    const auto reference = encodeVcc(weights, batch.input_ids[i].narrow(0, 0, n), batch.vip[i].narrow(0, 0, n), resolved);
    EXPECT_LT(relativeError(encoded.states[i].narrow(0, 0, n), reference), 1e-5) << "example " << i;
    if (n < batch.input_ids.size(1)) {
      EXPECT_EQ(encoded.states[i].narrow(0, n, batch.input_ids.size(1) - n).abs().max().item<double>(), 0.0);
    }
  }
}

// With every block fine and segments as long as the input, nothing is
// compressed: it is the full-attention training encoder.
TEST_P(VccTraining, WithEveryBlockFineIsFullAttention) {
  const auto config = vccConfig(GetParam());
  const auto weights = randomT5Weights(config, 4);
  const auto list = examples(config.vocab_size);
  const auto batch = makeTrainingBatch(list, config);
  auto o = smallVcc();
  o.num_fine_blocks = 1000, o.segment_size = 1000;
  std::mt19937_64 rng(1);
  const auto encoded = trainingEncodeVcc(weights, batch, o, rng);
  const auto full = trainingEncode(weights, batch.input_ids, batch.attention_mask);
  for (size_t i = 0; i < list.size(); ++i) {
    const auto n = static_cast<int64_t>(list[i].input_ids.size());
    EXPECT_LT(relativeError(encoded.states[i].narrow(0, 0, n), full[i].narrow(0, 0, n)), 1e-5) << "example " << i;
  }
}

// A boost on every key cancels in every softmax, the coarse blocks' and the
// selector's included, so it changes nothing; one on some keys changes the states.
TEST_P(VccTraining, KeyBoostOnEveryKeyChangesNothing) {
  const auto config = vccConfig(GetParam());
  const auto weights = randomT5Weights(config, 10);
  const auto batch = makeTrainingBatch(examples(config.vocab_size), config);
  const auto o = smallVcc();
  std::mt19937_64 rng(1);
  const auto plain = trainingEncodeVcc(weights, batch, o, rng).states;
  const auto everywhere = torch::full(batch.input_ids.sizes(), 2.0);
  const auto uniform = trainingEncodeVcc(weights, batch, o, rng, everywhere).states;
  EXPECT_LT(relativeError(uniform, plain), 1e-5);
  auto some = torch::zeros(batch.input_ids.sizes());
  some.narrow(1, 40, 60).fill_(2.0);
  const auto boosted = trainingEncodeVcc(weights, batch, o, rng, some).states;
  EXPECT_GT(relativeError(boosted, plain), 1e-3);
}

INSTANTIATE_TEST_SUITE_P(FeedForwards, VccTraining, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "GatedGelu" : "Relu"; });

TEST(VccTrainingExploration, RefinesOtherBlocks) {
  const auto config = vccConfig(true);
  const auto weights = randomT5Weights(config, 5);
  const auto batch = makeTrainingBatch(examples(config.vocab_size), config);
  auto o = smallVcc();
  std::mt19937_64 rng(1);
  const auto best = trainingEncodeVcc(weights, batch, o, rng).states;
  o.explore_rate = 1.0;
  const auto explored = trainingEncodeVcc(weights, batch, o, rng).states;
  EXPECT_GT(relativeError(explored, best), 1e-3);
}

TEST(VccTrainingOptionsCheck, RejectsUnusableSettings) {
  const auto config = vccConfig(true);
  auto o = smallVcc();
  o.num_local_layers = 5;
  EXPECT_THROW(checkVccTrainingOptions(o, config), InputError);
  o = smallVcc();
  o.explore_rate = 1.5;
  EXPECT_THROW(checkVccTrainingOptions(o, config), InputError);
  o = smallVcc();
  o.block_size = 0;
  EXPECT_THROW(checkVccTrainingOptions(o, config), InputError);
  EXPECT_NO_THROW(checkVccTrainingOptions(smallVcc(), config));
}

// A few steps on the selector loss alone move the selector's mass onto the
// block an example's copied tokens lie in.
TEST(VccTrainingSelector, LearnsToScoreTheEvidenceBlock) {
  const auto config = vccConfig(true);
  auto weights = randomT5Weights(config, 6);
  std::vector<torch::Tensor> parameters;
  for (auto& [name, tensor] : weights.named()) {
    tensor.requires_grad_(true);
    parameters.push_back(tensor);
  }
  std::mt19937 ids(2);
  auto e = vipExample(ids, 160, 6, config.vocab_size);
  // The target copies two tokens of document block 9 (positions after the VIP set).
  e.alignment = {{12 + 9 * 8 + 2}, {12 + 9 * 8 + 3}, {}};
  const auto batch = makeTrainingBatch({e}, config);
  const auto o = smallVcc();
  torch::optim::Adam adam(parameters, torch::optim::AdamOptions(1e-2));
  std::mt19937_64 rng(1);
  double first = 0, last = 0;
  for (int step = 0; step < 30; ++step) {
    adam.zero_grad();
    const auto loss = trainingEncodeVcc(weights, batch, o, rng).selector_loss;
    ASSERT_TRUE(loss.defined());
    (step == 0 ? first : last) = loss.item<double>();
    loss.backward();
    adam.step();
  }
  EXPECT_GT(first, 1.0);      // about -log(1/20) before training
  EXPECT_LT(last, 0.5 * first);
}

// With VCC in the loop the total loss is the token loss plus the weighted
// alignment and selector terms, and it differentiates.
TEST(VccTrainingLoss, AddsTheSelectorTermAndDifferentiates) {
  const auto config = vccConfig(false);
  auto weights = randomT5Weights(config, 8);
  for (auto& [name, tensor] : weights.named()) tensor.requires_grad_(true);
  std::mt19937 ids(3);
  auto e = vipExample(ids, 120, 6, config.vocab_size);
  e.alignment = {{40}, {41}, {42}};
  e.question_positions = {1, 2, 3};
  const auto batch = makeTrainingBatch({e}, config);
  auto o = smallVcc();
  std::mt19937_64 rng(1);
  LossOptions options;
  options.alignment_weight = 0.5;
  options.vcc = &o;
  options.rng = &rng;
  const auto losses = trainingLosses(weights, batch, options);
  ASSERT_TRUE(losses.alignment.defined());
  ASSERT_TRUE(losses.selector.defined());
  const double expected = losses.tokens.item<double>() +
                          0.5 * (losses.alignment.item<double>() + losses.selector.item<double>());
  EXPECT_NEAR(losses.total.item<double>(), expected, 1e-5);
  losses.total.backward();
  const auto& q = weights.encoder[2].attn.q;
  ASSERT_TRUE(q.grad().defined());
  EXPECT_GT(q.grad().abs().sum().item<double>(), 0.0);
  EXPECT_TRUE(torch::isfinite(q.grad()).all().item<bool>());
}

}  // namespace
}  // namespace frontseat
