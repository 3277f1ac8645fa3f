// VCC exactness checks (DESIGN.md §4): the block hierarchy rebuilds tokens
// exactly, a VCC layer with every block refined is the standard layer, local
// layers are segment-wise attention, the selector finds a planted block, and the
// trace is consistent.
#include <gtest/gtest.h>

#include "engine/core/errors.h"
#include "engine/vcc/block_hierarchy.h"
#include "engine/vcc/vcc_encoder.h"
#include "tests/engine/test_models.h"
#include "tests/engine/test_paths.h"

namespace frontseat {
namespace {

T5Config vccConfig(bool gated = true) { return testing::testConfig({60, 32, 8, 48, 4, 5, 2}, gated, !gated); }

double relativeError(const torch::Tensor& got, const torch::Tensor& expected) {
  return ((got - expected).norm() / expected.norm()).item<double>();
}

// ---- Block hierarchy -------------------------------------------------------

TEST(BlockHierarchy, CoarsenThenRebuildIsTheIdentity) {
  torch::InferenceMode guard;
  for (int64_t levels : {1, 2, 3}) {
    for (int64_t m : {1, 15, 16, 17, 200, 1000}) {
      auto tokens = torch::randn({m, 8});
      BlockHierarchy h(tokens, torch::arange(m) + 7, 4, 3, levels);
      EXPECT_EQ(h.paddedTokenCount() % h.span(levels), 0);
      EXPECT_TRUE(torch::allclose(h.rebuildTokens(), tokens, 1e-5, 1e-6)) << "levels " << levels << " m " << m;
      // Every valid token is counted once at every level.
      for (int64_t l = 0; l <= levels; ++l) EXPECT_EQ(h.counts(l).sum().item<float>(), m);
    }
  }
}

TEST(BlockHierarchy, BlockPositionIsTheRoundedMeanOfItsTokens) {
  torch::InferenceMode guard;
  BlockHierarchy h(torch::randn({10, 4}), torch::tensor({0, 1, 2, 3, 10, 11, 12, 13, 40, 41}), 4, 2, 2);
  EXPECT_EQ(h.positions(1)[0].item<int64_t>(), 2);   // round(1.5) = 2 (half to even)
  EXPECT_EQ(h.positions(1)[1].item<int64_t>(), 12);  // round(11.5) = 12
  EXPECT_EQ(h.positions(1)[2].item<int64_t>(), 40);  // round(40.5) = 40; two padding tokens do not count
  EXPECT_EQ(h.counts(1)[2].item<float>(), 2.0f);
}

// Several "layers" of updates: a refined block gets new token states, every
// other block is shifted as a whole. Rebuilding must give exactly that.
TEST(BlockHierarchy, DifferenceCacheRebuildsEveryTokenAfterUpdates) {
  torch::InferenceMode guard;
  const int64_t m = 90, d = 6, bs = 4, fanout = 3;
  auto expected = torch::randn({m, d});
  BlockHierarchy h(expected, torch::arange(m), bs, fanout, 2);
  const int64_t top_items = h.items(2), mid_items = h.items(1);
  auto all_top = torch::arange(top_items);
  for (int step = 0; step < 5; ++step) {
    auto mid = h.childStates(2, all_top, h.topStates());  // (mid_items, d)
    const int64_t refined = (step * 7) % (m / bs);
    auto tokens = h.childStates(1, torch::tensor({refined}), mid.narrow(0, refined, 1));
    auto new_tokens = tokens + torch::randn_like(tokens);
    auto refined_mean = h.recoarsen(1, torch::tensor({refined}), new_tokens);
    auto shift = torch::randn({mid_items, d});
    auto mid_new = mid + shift;
    mid_new[refined] = refined_mean[0];
    h.setTopStates(h.recoarsen(2, all_top, mid_new));
    // Expected: the refined block's tokens are the new ones; the rest moved with their block.
    auto block_of = torch::arange(m).div(bs, "floor");
    expected = expected + shift.index_select(0, block_of);
    expected.narrow(0, refined * bs, bs).copy_(new_tokens);
    ASSERT_TRUE(torch::allclose(h.rebuildTokens(), expected, 1e-4, 1e-5)) << "after step " << step;
  }
}

// ---- Encoder ------------------------------------------------------------------

TEST(LocalLayers, AreAttentionWithinSegments) {
  torch::InferenceMode guard;
  auto w = randomT5Weights(vccConfig(), 41);
  // 150 tokens: two whole segments and a short one. 9000 tokens: also more than
  // one group of segments (groups hold about 8192 tokens) and FFN row chunks.
  for (auto [n, segment] : {std::pair<int64_t, int64_t>{150, 64}, {9000, 700}}) {
    auto x = torch::randn({n, 32});
    auto segmented = encodeLayers(w, x, 0, 3, segment);
    for (int64_t s = 0; s < n; s += segment) {
      const int64_t len = std::min<int64_t>(segment, n - s);
      auto alone = encodeLayers(w, x.narrow(0, s, len), 0, 3, 100000);
      ASSERT_TRUE(torch::allclose(segmented.narrow(0, s, len), alone, 1e-4, 1e-5)) << "segment at " << s;
    }
  }
}

// Reference: local layers on segments, then full attention, no compression.
torch::Tensor localThenFull(const T5Weights& w, const torch::Tensor& ids, int local, int64_t segment) {
  auto x = torch::embedding(w.shared, ids);
  x = encodeLayers(w, x, 0, local, segment);
  x = encodeLayers(w, x, local, static_cast<int>(w.encoder.size()), ids.size(0));
  return rmsNorm(x, w.encoder_final_norm, w.config.layer_norm_epsilon);
}

class AllBlocksFine : public ::testing::TestWithParam<int> {};

TEST_P(AllBlocksFine, VccEqualsStandardLayers) {
  torch::InferenceMode guard;
  const int levels = GetParam();
  for (bool gated : {true, false}) {
    auto w = randomT5Weights(vccConfig(gated), 42);
    for (int64_t n : {40, 203, 700}) {
      auto ids = torch::randint(2, 60, {n}, torch::kLong);
      auto vip = torch::zeros({n}, torch::kBool);
      vip.narrow(0, 0, 6).fill_(true);
      ResolvedVcc o{8, 4, 1000, 2, 64, levels, 2};  // 1000 fine blocks: all of them
      auto got = encodeVcc(w, ids, vip, o);
      auto expected = localThenFull(w, ids, 2, 64);
      ASSERT_EQ(got.sizes(), expected.sizes());  // the decoder sees all n states
      EXPECT_LT(relativeError(got, expected), 1e-5) << "levels " << levels << " n " << n << " gated " << gated;
      o.num_local_layers = 0;
      EXPECT_LT(relativeError(encodeVcc(w, ids, vip, o), encodeFull(w, ids)), 1e-5) << "no local layers";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Levels, AllBlocksFine, ::testing::Values(2, 3, 4));

TEST(Vcc, RefiningMoreBlocksApproachesFullAttention) {
  torch::InferenceMode guard;
  torch::manual_seed(43);
  auto w = randomT5Weights(vccConfig(), 43);
  const int64_t n = 600;
  auto ids = torch::randint(2, 60, {n}, torch::kLong);
  auto vip = torch::zeros({n}, torch::kBool);
  vip.narrow(0, 0, 5).fill_(true);
  auto expected = localThenFull(w, ids, 1, 64);
  double previous = 1e9;
  for (int64_t fine : {5, 40, 100, 1000}) {
    auto got = encodeVcc(w, ids, vip, ResolvedVcc{8, 4, fine, 1, 64, 2, 4});
    ASSERT_FALSE(torch::any(torch::isnan(got)).item<bool>());
    const double err = relativeError(got, expected);
    EXPECT_LE(err, previous + 1e-6) << fine << " fine blocks";
    if (fine < 100) {
      EXPECT_GT(err, 1e-4) << "no compression with " << fine << " fine blocks?";
    }
    previous = err;
  }
  EXPECT_LT(previous, 1e-5);
}

// Every layer's queries and keys measure one direction: the embedding of token 5
// (Wq = Wk = rows of that unit vector, scaled). VIP tokens are token 5; one block
// of the document is token 5 too; the rest are other tokens, nearly orthogonal to
// it. Layer outputs are damped so states stay near their tokens through the
// stack. The selector must refine that block in every VCC layer, also when it has
// to find it inside a coarser parent block first (3 levels).
TEST(Vcc, SelectorFindsThePlantedBlock) {
  torch::InferenceMode guard;
  torch::manual_seed(44);  // the construction holds for any seed; this keeps runs identical
  auto w = randomT5Weights(vccConfig(), 44);
  const auto direction = w.shared[5] / w.shared[5].norm();
  for (auto& layer : w.encoder) {
    layer.attn.q = 3.0 * direction.unsqueeze(0).expand({32, 32}).contiguous();
    layer.attn.k = layer.attn.q;
    layer.attn.o = layer.attn.o * 0.1;
    layer.ff.wo = layer.ff.wo * 0.1;
  }
  const int64_t n = 512, bs = 8, planted = 37;  // block 37 of the document
  const int64_t vip_count = 8;
  auto ids = torch::randint(10, 60, {n}, torch::kLong);
  ids.narrow(0, 0, vip_count).fill_(5);
  ids.narrow(0, vip_count + planted * bs, bs).fill_(5);
  auto vip = torch::zeros({n}, torch::kBool);
  vip.narrow(0, 0, vip_count).fill_(true);
  for (int levels : {2, 3}) {
    VccTrace trace;
    encodeVcc(w, ids, vip, ResolvedVcc{vip_count, bs, 1, 1, 64, levels, 4}, &trace);
    ASSERT_EQ(trace.layers.size(), 5u);
    for (size_t l = 1; l < trace.layers.size(); ++l) {
      const auto& layer = trace.layers[l];
      EXPECT_EQ(layer.kind, "vcc");
      for (int64_t t = 0; t < n; ++t) {
        const bool in_planted = t >= vip_count + planted * bs && t < vip_count + (planted + 1) * bs;
        if (t < vip_count) {
          ASSERT_EQ(layer.resolution[t], kResolutionVip);
        } else {
          ASSERT_EQ(layer.resolution[t] == kResolutionFine, in_planted)
              << "levels " << levels << " layer " << l << " token " << t;
        }
      }
    }
  }
}

TEST(VccTrace, CountsMatchTheSettingsAndSurviveTheRoundTrip) {
  torch::InferenceMode guard;
  auto w = randomT5Weights(vccConfig(), 45);
  const int64_t n = 12 + 8 * 4 * 31;  // document part: whole blocks at every level
  auto ids = torch::randint(2, 60, {n}, torch::kLong);
  auto vip = torch::zeros({n}, torch::kBool);
  vip.narrow(0, 0, 5).fill_(true);
  for (int levels : {2, 3}) {
    const ResolvedVcc o{12, 8, 6, 2, 128, levels, 4};
    VccTrace trace;
    trace.tokens = n;
    trace.roles.assign(n, TokenRole::Document);
    trace.spans.assign(n, TokenSpanRange{});
    trace.attention = "vcc";
    encodeVcc(w, ids, vip, o, &trace);
    ASSERT_EQ(trace.layers.size(), 5u);
    EXPECT_EQ(trace.layers[0].kind, "local");
    EXPECT_EQ(trace.layers[1].kind, "local");
    for (size_t l = 2; l < 5; ++l) {
      const auto& layer = trace.layers[l];
      ASSERT_EQ(layer.resolution.size(), static_cast<size_t>(n));
      int64_t vip_tokens = 0, fine = 0, coarse = 0;
      for (auto r : layer.resolution) {
        vip_tokens += r == kResolutionVip;
        fine += r == kResolutionFine;
        coarse += r >= coarseResolution(1);
        EXPECT_LE(r, coarseResolution(levels - 1));
      }
      EXPECT_EQ(vip_tokens, 12);         // num_vip (5 marked, padded with 7 leading tokens)
      EXPECT_EQ(fine, 6 * 8);            // num_fine_blocks * block_size
      EXPECT_EQ(coarse, n - 12 - 6 * 8);
    }
    auto dir = testing::scratchDir("vcc-trace");
    writeTrace(trace, dir / "trace.json");
    auto back = readTrace(dir / "trace.json");
    ASSERT_EQ(back.layers.size(), trace.layers.size());
    for (size_t l = 0; l < trace.layers.size(); ++l) {
      EXPECT_EQ(back.layers[l].kind, trace.layers[l].kind);
      EXPECT_EQ(back.layers[l].resolution, trace.layers[l].resolution);
      for (int64_t t = 0; t < n; ++t) {
        EXPECT_NEAR(back.layers[l].score[t], trace.layers[l].score[t], 1e-3 * trace.layers[l].score[t] + 1e-12);
      }
    }
  }
}

TEST(VccTrace, RejectsWhatIsNotATrace) {
  EXPECT_THROW(traceFromJson("{\"a\": 1}", "x.json"), InputError);
  EXPECT_THROW(traceFromJson("not json", "x.json"), InputError);
  VccTrace t;
  t.tokens = 3;
  t.roles.assign(2, TokenRole::Document);  // one short
  t.spans.assign(3, TokenSpanRange{});
  EXPECT_THROW(traceFromJson(traceToJson(t), "x.json"), InputError);
}


TEST(VccOptions, FineBlocksFollowTheLengthUnlessSet) {
  const auto config = vccConfig();
  VccOptions by_length;  // the default leaves the number to the length
  EXPECT_EQ(resolveVcc(by_length, config, 2048).num_fine_blocks, 90);              // 128 blocks: the floor
  EXPECT_EQ(resolveVcc(by_length, config, 8192).num_fine_blocks, 512 * 2 / 5);      // two fifths of the blocks
  EXPECT_EQ(resolveVcc(by_length, config, 8192 + 1).num_fine_blocks, 513 * 2 / 5);  // a partial block counts
  EXPECT_EQ(resolveVcc(by_length, config, 131072).num_fine_blocks, 400);            // the ceiling
  by_length.block_size = 32;
  EXPECT_EQ(resolveVcc(by_length, config, 16384).num_fine_blocks, 512 * 2 / 5);  // blocks, not tokens

  VccOptions fixed;
  fixed.num_fine_blocks = 37;
  for (int64_t n : {100, 16384, 131072}) EXPECT_EQ(resolveVcc(fixed, config, n).num_fine_blocks, 37);
  fixed.num_fine_blocks = -1;
  EXPECT_THROW(resolveVcc(fixed, config, 16384), InputError);

  // Compression still pays only where the kept part is well under the input.
  EXPECT_FALSE(vccPays(resolveVcc(VccOptions{}, config, 2048), 2048));
  EXPECT_TRUE(vccPays(resolveVcc(VccOptions{}, config, 16384), 16384));
  EXPECT_TRUE(vccPays(resolveVcc(VccOptions{}, config, 131072), 131072));
}

}  // namespace
}  // namespace frontseat
