// VCC in the training loop (engine/train/vcc_training_forward): it computes
// what the inference VCC encoder computes, reduces to full attention when
// nothing is compressed, explores, and its selector loss trains the selector.
#include <gtest/gtest.h>

#include <cmath>
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

// An example whose question (VIP, positions 0-5) names a country at 1, which
// the document mentions at 40 and 80, other countries at 20 and 100; two
// sections with one-token headers.
TrainingExample linkedExample(int64_t vocab) {
  std::mt19937 ids(4);
  auto e = vipExample(ids, 124, 6, vocab);  // 14 whole blocks after smallVcc's 12 VIP
  e.question_positions = {0, 1, 2, 3, 4, 5};
  e.question_country_positions = {1};
  e.country_mention_positions = {40, 80};
  e.other_country_mention_positions = {20, 100};
  e.sections = {{30, 31, 50}, {60, 61, 90}};
  return e;
}

// The country-link loss of `batch` with VCC `o` (encoder half on VCC steps
// when `under_vcc`), or with full attention when `o` is null.
torch::Tensor countryLink(const T5Weights& weights, const TrainingBatch& batch, const VccTrainingOptions* o,
                          bool under_vcc) {
  std::mt19937_64 rng(1);
  LossOptions options;
  options.country_link_weight = 1.0;
  options.country_link_under_vcc = under_vcc;
  options.vcc = o;
  options.rng = &rng;
  return trainingLosses(weights, batch, options).country_link;
}

// Applied on VCC steps, the encoder's country link with every block fine is
// the full-attention one; without it a VCC step has only the decoder's half.
TEST(VccTrainingLoss, CountryLinkWithEveryBlockFineIsFullAttentions) {
  const auto config = vccConfig(true);
  const auto weights = randomT5Weights(config, 12);
  const auto batch = makeTrainingBatch({linkedExample(config.vocab_size)}, config);
  auto o = smallVcc();
  o.num_fine_blocks = 1000, o.segment_size = 1000;
  const double full = countryLink(weights, batch, nullptr, false).item<double>();
  const double under_vcc = countryLink(weights, batch, &o, true).item<double>();
  const double decoder_only = countryLink(weights, batch, &o, false).item<double>();
  EXPECT_NEAR(under_vcc, full, 1e-4 * full);
  EXPECT_GT(under_vcc - decoder_only, 1.0);  // -log of small masses on three terms
}

// Compressed, a VCC layer's attention names the input row of each position:
// the fine blocks' tokens, then the coarse blocks (none), then the VIP set,
// no row twice; the link loss over them is finite and trains the link layer.
TEST(VccTrainingLoss, CountryLinkUnderCompressionDifferentiates) {
  const auto config = vccConfig(true);
  auto weights = randomT5Weights(config, 13);
  for (auto& [name, tensor] : weights.named()) tensor.requires_grad_(true);
  const auto e = linkedExample(config.vocab_size);
  const auto batch = makeTrainingBatch({e}, config);
  const auto o = smallVcc();
  std::mt19937_64 rng(1);
  const auto encoded = trainingEncodeVcc(weights, batch, o, rng, {}, /*keep_attention=*/true);
  ASSERT_EQ(encoded.attention.size(), weights.encoder.size());
  EXPECT_FALSE(encoded.attention[0].probs.defined());  // the local layer
  const int64_t S = batch.input_ids.size(1), vip = o.num_vip;
  const int64_t blocks = (S - vip + o.block_size - 1) / o.block_size;
  for (size_t i = 1; i < encoded.attention.size(); ++i) {
    const auto rows = encoded.attention[i].input_rows[0];
    ASSERT_EQ(rows.size(0), o.num_fine_blocks * o.block_size + (blocks - o.num_fine_blocks) + vip);
    const auto real = rows.masked_select(rows.lt(S));
    EXPECT_EQ(real.size(0), o.num_fine_blocks * o.block_size + vip) << "layer " << i;
    const auto sorted = std::get<0>(real.sort());
    const auto n = sorted.size(0);
    EXPECT_TRUE(sorted.narrow(0, 1, n - 1).gt(sorted.narrow(0, 0, n - 1)).all().item<bool>()) << "layer " << i;
    EXPECT_TRUE(rows.narrow(0, rows.size(0) - vip, vip).equal(torch::arange(vip))) << "layer " << i;
  }
  const auto loss = countryLink(weights, batch, &o, true);
  ASSERT_TRUE(loss.defined());
  EXPECT_TRUE(std::isfinite(loss.item<double>()));
  loss.backward();
  const auto& q = weights.encoder[kCountryLinkLayer].attn.q;
  ASSERT_TRUE(q.grad().defined());
  EXPECT_GT(q.grad().abs().sum().item<double>(), 0.0);
  EXPECT_TRUE(torch::isfinite(q.grad()).all().item<bool>());
}

}  // namespace
}  // namespace frontseat
