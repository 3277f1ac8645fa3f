// T5 building blocks against independently computed values: scalar loops and
// the formulas of transformers' modeling_t5.py, not the engine's own code.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/model/t5_attention.h"
#include "engine/model/t5_model.h"

#include "tests/engine/test_models.h"

namespace frontseat {
namespace {

// transformers' _relative_position_bucket, one scalar at a time, in the same
// float32 arithmetic.
int64_t referenceBucket(int64_t rel, bool bidirectional, int64_t num_buckets, int64_t max_distance) {
  int64_t bucket = 0;
  if (bidirectional) {
    num_buckets /= 2;
    if (rel > 0) bucket += num_buckets;
    rel = std::abs(rel);
  } else {
    rel = -std::min<int64_t>(rel, 0);
  }
  const int64_t max_exact = num_buckets / 2;
  if (rel < max_exact) return bucket + rel;
  float large = std::log(static_cast<float>(rel) / static_cast<float>(max_exact));
  large = large / static_cast<float>(std::log(static_cast<double>(max_distance) / max_exact));
  large = large * static_cast<float>(num_buckets - max_exact);
  return bucket + std::min<int64_t>(max_exact + static_cast<int64_t>(large), num_buckets - 1);
}

TEST(RelativePositionBucket, KnownValuesBidirectional) {
  // (key - query) -> bucket for T5's defaults (32 buckets, max distance 128).
  const std::vector<std::pair<int64_t, int64_t>> expected = {
      {0, 0}, {1, 17}, {-1, 1}, {7, 23}, {-7, 7}, {8, 24}, {20, 26}, {-20, 10}, {127, 31}, {200, 31}, {-200, 15}};
  for (auto [rel, bucket] : expected) {
    auto got = relativePositionBucket(torch::tensor({rel}), true, 32, 128).item<int64_t>();
    EXPECT_EQ(got, bucket) << "relative position " << rel;
  }
}

TEST(RelativePositionBucket, KnownValuesCausal) {
  const std::vector<std::pair<int64_t, int64_t>> expected = {
      {0, 0}, {5, 0}, {-1, 1}, {-15, 15}, {-16, 16}, {-100, 30}, {-1000, 31}};
  for (auto [rel, bucket] : expected) {
    auto got = relativePositionBucket(torch::tensor({rel}), false, 32, 128).item<int64_t>();
    EXPECT_EQ(got, bucket) << "relative position " << rel;
  }
}

TEST(RelativePositionBucket, MatchesScalarFormulaEverywhere) {
  for (bool bidirectional : {true, false}) {
    for (auto [buckets, distance] : {std::pair<int64_t, int64_t>{32, 128}, {64, 256}, {8, 20}}) {
      auto rel = torch::arange(-3000, 3000);
      auto got = relativePositionBucket(rel, bidirectional, buckets, distance);
      auto acc = got.accessor<int64_t, 1>();
      for (int64_t i = 0; i < rel.size(0); ++i) {
        ASSERT_EQ(acc[i], referenceBucket(i - 3000, bidirectional, buckets, distance))
            << "rel " << i - 3000 << " bidirectional " << bidirectional << " buckets " << buckets;
      }
    }
  }
}

TEST(RmsNorm, MatchesScalarLoop) {
  torch::manual_seed(1);
  auto x = torch::randn({5, 32});
  auto w = torch::randn({32});
  auto y = rmsNorm(x, w, 1e-6);
  auto xa = x.accessor<float, 2>();
  auto wa = w.accessor<float, 1>();
  for (int r = 0; r < 5; ++r) {
    double ms = 0;
    for (int c = 0; c < 32; ++c) ms += double(xa[r][c]) * xa[r][c];
    ms /= 32;
    for (int c = 0; c < 32; ++c) {
      EXPECT_NEAR(y[r][c].item<float>(), wa[c] * xa[r][c] / std::sqrt(ms + 1e-6), 1e-5);
    }
  }
}

TEST(RmsNorm, NoMeanSubtraction) {
  auto x = torch::full({1, 4}, 3.0f);
  auto y = rmsNorm(x, torch::ones({4}), 0.0);
  EXPECT_TRUE(torch::allclose(y, torch::ones({1, 4})));  // a layer norm would give zeros
}

TEST(RmsNorm, ComputedInFloat32ForBfloat16Weights) {
  auto x = torch::randn({3, 16}).to(torch::kBFloat16);
  auto y = rmsNorm(x, torch::ones({16}, torch::kBFloat16), 1e-6);
  EXPECT_EQ(y.scalar_type(), torch::kBFloat16);
  auto ref = rmsNorm(x.to(torch::kFloat32), torch::ones({16}), 1e-6);
  EXPECT_TRUE(torch::allclose(y.to(torch::kFloat32), ref, 1e-2, 1e-2));
}

T5Config tinyConfig(bool gated, bool tied) {
  auto c = testing::testConfig({50, 16, 4, 24, 4, 2, 3}, gated, tied);
  c.relative_attention_num_buckets = 8, c.relative_attention_max_distance = 20;
  return c;
}

TEST(FeedForward, GatedGeluMatchesScalarFormula) {
  auto w = randomT5Weights(tinyConfig(true, false), 3);
  const auto& ff = w.encoder[0].ff;
  auto x = torch::randn({2, 16});
  auto y = feedForward(x, ff, w.config);
  // Reference with explicit loops: wo · (gelu_tanh(wi_0 x) * (wi_1 x)).
  auto gelu = [](double v) { return 0.5 * v * (1 + std::tanh(std::sqrt(2 / M_PI) * (v + 0.044715 * v * v * v))); };
  for (int r = 0; r < 2; ++r) {
    std::vector<double> hidden(24);
    for (int j = 0; j < 24; ++j) {
      double a = 0, b = 0;
      for (int k = 0; k < 16; ++k) {
        a += ff.wi_0[j][k].item<double>() * x[r][k].item<double>();
        b += ff.wi_1[j][k].item<double>() * x[r][k].item<double>();
      }
      hidden[j] = gelu(a) * b;
    }
    for (int o = 0; o < 16; ++o) {
      double out = 0;
      for (int j = 0; j < 24; ++j) out += ff.wo[o][j].item<double>() * hidden[j];
      EXPECT_NEAR(y[r][o].item<double>(), out, 1e-5);
    }
  }
}

TEST(FeedForward, ReluVariant) {
  auto w = randomT5Weights(tinyConfig(false, true), 4);
  auto x = torch::randn({3, 16});
  const auto& ff = w.encoder[1].ff;
  auto expected = torch::relu(x.matmul(ff.wi.t())).matmul(ff.wo.t());
  EXPECT_TRUE(torch::allclose(feedForward(x, ff, w.config), expected, 1e-5, 1e-6));
}

TEST(PositionBias, VectorFormEqualsMatrixForm) {
  auto w = randomT5Weights(tinyConfig(true, false), 5);
  const int64_t n = 37;
  auto matrix = positionBias(w.encoder_rel_bias, n, n, 0, true, w.config);  // (h, n, n)
  auto vec = relativeBiasVector(w.encoder_rel_bias, n, true, w.config);     // (h, 2n-1)
  for (int64_t q = 0; q < n; ++q) {
    for (int64_t k = 0; k < n; ++k) {
      ASSERT_TRUE(torch::equal(matrix.select(1, q).select(1, k), vec.select(1, k - q + n - 1)));
    }
  }
}

// The encoder written the plain way: an explicit (h, n, n) bias and one softmax.
torch::Tensor referenceEncoder(const T5Weights& w, const torch::Tensor& ids) {
  const auto& c = w.config;
  const int64_t n = ids.size(0);
  auto x = w.shared.index_select(0, ids);
  auto bias = positionBias(w.encoder_rel_bias, n, n, 0, true, c);
  for (const auto& layer : w.encoder) {
    auto h = rmsNorm(x, layer.attn_norm, c.layer_norm_epsilon);
    auto heads = [&](const torch::Tensor& wt) { return h.matmul(wt.t()).view({n, c.num_heads, c.d_kv}).transpose(0, 1); };
    auto scores = heads(layer.attn.q).matmul(heads(layer.attn.k).transpose(1, 2)) + bias;  // no 1/sqrt(d_kv)
    auto ctx = torch::softmax(scores, -1).matmul(heads(layer.attn.v)).transpose(0, 1).reshape({n, -1});
    x = x + ctx.matmul(layer.attn.o.t());
    x = x + feedForward(rmsNorm(x, layer.ff_norm, c.layer_norm_epsilon), layer.ff, c);
  }
  return rmsNorm(x, w.encoder_final_norm, c.layer_norm_epsilon);
}

TEST(Encoder, ChunkedRelativeAttentionEqualsPlainAttention) {
  for (bool gated : {false, true}) {
    auto w = randomT5Weights(tinyConfig(gated, !gated), 6);
    for (int64_t n : {1, 2, 17, 300, 2100}) {  // 2100 spans several query chunks
      auto ids = torch::randint(0, 50, {n}, torch::kLong);
      auto got = encodeFull(w, ids);
      auto expected = referenceEncoder(w, ids);
      ASSERT_EQ(got.sizes(), expected.sizes());
      EXPECT_TRUE(torch::allclose(got, expected, 1e-4, 1e-5))
          << "n=" << n << " max diff " << (got - expected).abs().max().item<float>();
    }
  }
}

TEST(Encoder, LayerCallbackSeesEveryLayer) {
  auto w = randomT5Weights(tinyConfig(true, false), 7);
  std::vector<int> seen;
  encodeFull(w, torch::randint(0, 50, {9}, torch::kLong), [&](int layer, int total) {
    EXPECT_EQ(total, 2);
    seen.push_back(layer);
  });
  EXPECT_EQ(seen, (std::vector<int>{0, 1}));
}

TEST(PositionBias, SaturatesFromTheBucketFormula) {
  T5Config c;  // 32 buckets, max distance 128
  const int64_t s = bucketSaturation(c);
  EXPECT_GE(s, 64);
  EXPECT_LE(s, 128);
  for (int64_t sign : {1, -1}) {
    auto b = relativePositionBucket(torch::arange(s, 5000) * sign, true, 32, 128);
    EXPECT_TRUE(torch::all(b == b[0]).item<bool>());
    EXPECT_NE(relativePositionBucket(torch::tensor({(s - 1) * sign}), true, 32, 128).item<int64_t>(), b[0].item<int64_t>());
  }
}

// The fast CPU kernel against the plain gather, with duplicate positions and
// queries near both ends.
TEST(PositionedAttention, SortedKeyBiasEqualsGather) {
  T5Config c;
  c.relative_attention_num_buckets = 16, c.relative_attention_max_distance = 40;
  auto table = torch::randn({16, 3});
  const int64_t n = 700;
  RelativeBiasVector bias{relativeBiasVector(table, n, true, c), n, bucketSaturation(c)};
  auto keys = std::get<0>(torch::sort(torch::randint(0, n, {300}, torch::kLong)));
  auto queries = torch::cat({torch::tensor({int64_t{0}, n - 1}), torch::randint(0, n, {50}, torch::kLong), keys.narrow(0, 0, 20)});
  auto key_bias = torch::randn({300});
  auto expected = gatherBias(bias, queries, keys) + key_bias.view({1, 1, -1});
  EXPECT_TRUE(torch::equal(sortedKeyBias(bias, queries, keys, key_bias), expected));
}

// The kernel sums over keys in position order, the reference in the given
// order: float32 results differ by rounding, so the reference runs in float64
// and the bound is float32's (the outputs are weighted means of values near 1).
TEST(PositionedAttention, EqualsPlainAttentionAtPositions) {
  T5Config c;
  const int64_t n = 1000, r = 150;
  for (int seed = 0; seed < 20; ++seed) {
    torch::manual_seed(seed);
    auto table = torch::randn({32, 4});
    RelativeBiasVector bias{relativeBiasVector(table, n, true, c), n, bucketSaturation(c)};
    auto positions = torch::randint(0, n, {r}, torch::kLong);
    auto q = torch::randn({4, r, 8}), k = torch::randn({4, r, 8}), v = torch::randn({4, r, 8});
    auto key_bias = torch::randn({r});
    auto scores = q.to(torch::kFloat64).matmul(k.to(torch::kFloat64).transpose(1, 2)) +
                  gatherBias(bias, positions, positions).to(torch::kFloat64) + key_bias.to(torch::kFloat64).view({1, 1, -1});
    auto expected = torch::softmax(scores, -1).matmul(v.to(torch::kFloat64)).transpose(0, 1);  // (r, heads, d_kv)
    auto got = positionedAttention(q, k, v, positions, bias, key_bias);
    const double diff = (got.to(torch::kFloat64) - expected).abs().max().item<double>();
    EXPECT_LT(diff, 1e-5) << "seed " << seed;
  }
}

}  // namespace
}  // namespace frontseat
