// The decoder and generation: incremental decoding against full recomputation,
// beam search against greedy, determinism, tied and untied heads.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <set>
#include <vector>

#include "engine/core/errors.h"
#include "engine/model/t5_generate.h"
#include "engine/model/t5_model.h"

#include "tests/engine/test_models.h"

namespace frontseat {
namespace {

T5Config smallConfig(bool gated, bool tied) { return testing::testConfig({}, gated, tied); }

class DecoderTest : public ::testing::TestWithParam<std::tuple<bool, bool>> {
 protected:
  void SetUp() override {
    auto [gated, tied] = GetParam();
    weights = randomT5Weights(smallConfig(gated, tied), 11);
    encoder_states = encodeFull(weights, torch::randint(2, 64, {23}, torch::kLong));
  }
  T5Weights weights;
  torch::Tensor encoder_states;
};

TEST_P(DecoderTest, IncrementalEqualsFullRecomputation) {
  auto ids = torch::randint(0, 64, {2, 9}, torch::kLong);
  auto full = decodeFull(weights, encoder_states, ids);  // (2, 9, vocab)
  auto cache = makeDecoderCache(weights, encoder_states);
  for (int64_t t = 0; t < 9; ++t) {
    auto step = decodeStep(weights, cache, ids.narrow(1, t, 1));
    ASSERT_TRUE(torch::allclose(step.select(1, 0), full.select(1, t), 1e-4, 1e-5)) << "position " << t;
  }
  EXPECT_EQ(cache.length, 9);
}

TEST_P(DecoderTest, CrossAttentionReadsTheSameProjectedOrAbsorbed) {
  auto ids = torch::randint(0, 64, {2, 9}, torch::kLong);
  auto projected = makeDecoderCache(weights, encoder_states, CrossAttentionKeys::Projected);
  auto absorbed = makeDecoderCache(weights, encoder_states, CrossAttentionKeys::Absorbed);
  auto when_they_pay = makeDecoderCache(weights, encoder_states);
  for (int64_t t = 0; t < 9; ++t) {
    auto expected = decodeStep(weights, projected, ids.narrow(1, t, 1));
    ASSERT_TRUE(torch::allclose(decodeStep(weights, absorbed, ids.narrow(1, t, 1)), expected, 1e-4, 1e-5))
        << "position " << t;
    ASSERT_TRUE(torch::allclose(decodeStep(weights, when_they_pay, ids.narrow(1, t, 1)), expected, 1e-4, 1e-5))
        << "position " << t;
  }
  EXPECT_EQ(projected.cross_k.size(), weights.decoder.size());
  EXPECT_TRUE(absorbed.cross_k.empty());  // never projected, however long it decodes
}

TEST_P(DecoderTest, ProjectsTheStatesOnceAbsorbingHasCostAsMuch) {
  // d_model 32, d_kv 8, 4 heads: a projection costs 32 * 8 per state, each
  // absorbed row (32 - 8) * 4 more than a projected one, so the 3rd row pays.
  const auto& cfg = weights.config;
  ASSERT_EQ(cfg.d_model, 32);
  ASSERT_EQ(cfg.d_kv, 8);
  ASSERT_EQ(cfg.num_heads, 4);
  auto cache = makeDecoderCache(weights, encoder_states);
  for (int64_t row = 1; row <= 4; ++row) {
    decodeStep(weights, cache, torch::tensor({{row % 64}}, torch::kLong));
    EXPECT_EQ(cache.cross_k.empty(), row < 3) << "after row " << row;
  }
  // Never where a head's keys are as wide as the states (no more work), nor
  // where the heads' keys are twice as wide (half the memory read a row).
  auto neverProjects = [](T5Config config, const char* why) {
    auto w = randomT5Weights(config, 5);
    auto c = makeDecoderCache(w, encodeFull(w, torch::randint(2, 64, {17}, torch::kLong)));
    for (int64_t row = 0; row < 40; ++row) decodeStep(w, c, torch::tensor({{row % 64}}, torch::kLong));
    EXPECT_TRUE(c.cross_k.empty()) << why;
  };
  auto wide_keys = smallConfig(false, true);
  wide_keys.d_kv = wide_keys.d_model;
  neverProjects(wide_keys, "d_kv = d_model");
  auto many_heads = smallConfig(false, true);
  many_heads.num_heads = 2 * many_heads.d_model / many_heads.d_kv;
  neverProjects(many_heads, "heads * d_kv = 2 * d_model");
}

TEST_P(DecoderTest, FuturePositionsDoNotLeak) {
  auto ids = torch::randint(0, 64, {1, 6}, torch::kLong);
  auto changed = ids.clone();
  changed[0][5] = (ids[0][5].item<int64_t>() + 1) % 64;
  auto a = decodeFull(weights, encoder_states, ids);
  auto b = decodeFull(weights, encoder_states, changed);
  EXPECT_TRUE(torch::allclose(a.narrow(1, 0, 5), b.narrow(1, 0, 5)));
  EXPECT_FALSE(torch::allclose(a.narrow(1, 5, 1), b.narrow(1, 5, 1)));
}

TEST_P(DecoderTest, BeamOfOneEqualsGreedy) {
  const GenerationOptions options{12, 1, 1.0};
  auto greedy = greedySearch(weights, encoder_states, options);
  auto beam = beamSearch(weights, encoder_states, options);  // the beam code path with one beam
  EXPECT_EQ(greedy.ids, beam.ids);
  EXPECT_NEAR(greedy.score, beam.score, 1e-4);
  EXPECT_LE(greedy.ids.size(), 12u);
}

TEST_P(DecoderTest, GreedyFollowsArgmaxOfFullDecoder) {
  auto out = generate(weights, encoder_states, GenerationOptions{8, 1, 1.0});
  // Re-derive every token from teacher-forced logits.
  std::vector<int64_t> prefix{weights.config.decoder_start_token_id};
  for (size_t i = 0; i < out.ids.size(); ++i) {
    auto logits = decodeFull(weights, encoder_states, torch::tensor(prefix).view({1, -1}));
    EXPECT_EQ(logits[0][-1].argmax().item<int64_t>(), out.ids[i]) << "token " << i;
    prefix.push_back(out.ids[i]);
  }
}

TEST_P(DecoderTest, BeamSearchScoresAtLeastGreedy) {
  auto greedy = generate(weights, encoder_states, GenerationOptions{10, 1, 1.0});
  auto beam = generate(weights, encoder_states, GenerationOptions{10, 4, 1.0});
  EXPECT_FALSE(beam.ids.empty());
  EXPECT_GE(beam.score, greedy.score - 1e-5);  // greedy sums in float32
  // Deterministic.
  auto again = generate(weights, encoder_states, GenerationOptions{10, 4, 1.0});
  EXPECT_EQ(beam.ids, again.ids);
}

// The number of n-grams of the output (after the decoder start token) seen before.
int repeatedNgrams(const std::vector<int32_t>& ids, int64_t start, size_t n) {
  std::vector<int64_t> seq{start};
  seq.insert(seq.end(), ids.begin(), ids.end());
  std::set<std::vector<int64_t>> seen;
  int repeats = 0;
  for (size_t i = 0; i + n <= seq.size(); ++i) {
    if (!seen.insert(std::vector<int64_t>(seq.begin() + i, seq.begin() + i + n)).second) ++repeats;
  }
  return repeats;
}

// A random model loops; with no_repeat_ngram_size n its outputs, greedy and beam,
// hold no n-gram twice, and the greedy one follows the argmax among the rest.
TEST_P(DecoderTest, NoRepeatedNgramsWhenAsked) {
  const int64_t start = weights.config.decoder_start_token_id;
  const auto plain = generate(weights, encoder_states, GenerationOptions{24, 1, 1.0});
  ASSERT_GT(repeatedNgrams(plain.ids, start, 2), 0) << "the random model should loop";
  for (const int n : {1, 2, 3}) {
    for (const int beams : {1, 3}) {
      GenerationOptions options{24, beams, 1.0};
      options.no_repeat_ngram_size = n;
      const auto out = generate(weights, encoder_states, options);
      ASSERT_FALSE(out.ids.empty());
      EXPECT_EQ(repeatedNgrams(out.ids, start, static_cast<size_t>(n)), 0) << n << "-grams, " << beams << " beams";
    }
  }
  GenerationOptions two{24, 1, 1.0};
  two.no_repeat_ngram_size = 2;
  const auto out = generate(weights, encoder_states, two);
  std::vector<int64_t> prefix{start};
  for (size_t i = 0; i < out.ids.size(); ++i) {
    auto logits = decodeFull(weights, encoder_states, torch::tensor(prefix).view({1, -1}))[0][-1];
    for (size_t j = 0; j + 1 < prefix.size(); ++j) {
      if (prefix[j] == prefix.back()) logits[prefix[j + 1]] = -std::numeric_limits<float>::infinity();
    }
    EXPECT_EQ(logits.argmax().item<int64_t>(), out.ids[i]) << "token " << i;
    prefix.push_back(out.ids[i]);
  }
}

// Whether `ids` (an EOS at the end aside) stand in `source` as one stretch.
bool standsIn(std::vector<int32_t> ids, const std::vector<int32_t>& source, int32_t eos) {
  if (!ids.empty() && ids.back() == eos) ids.pop_back();
  return !ids.empty() && std::search(source.begin(), source.end(), ids.begin(), ids.end()) != source.end();
}

// With a quote constraint the random model's outputs, greedy and beam, are
// stretches of the source, and the greedy one follows the argmax among the
// tokens the constraint allows; an empty source leaves decoding free.
TEST_P(DecoderTest, QuotedOutputsStandInTheSource) {
  const auto eos = static_cast<int32_t>(weights.config.eos_token_id);
  std::vector<int32_t> source;
  for (int i = 0; i < 40; ++i) source.push_back(static_cast<int32_t>(2 + (i * 7) % 13));  // repeats, so choices branch
  const QuoteConstraint quote(source, {}, eos);
  for (const int beams : {1, 3}) {
    const GenerationOptions options{16, beams, 1.0};
    const auto free = generate(weights, encoder_states, options);
    ASSERT_FALSE(standsIn(free.ids, source, eos)) << "the free output should leave the source";
    const auto out = generate(weights, encoder_states, options, nullptr, &quote);
    EXPECT_TRUE(standsIn(out.ids, source, eos)) << beams << " beams";
    const QuoteConstraint nothing({}, {}, eos);
    EXPECT_EQ(generate(weights, encoder_states, options, nullptr, &nothing).ids, free.ids);
  }
  const auto out = generate(weights, encoder_states, GenerationOptions{16, 1, 1.0}, nullptr, &quote);
  std::vector<int64_t> prefix{weights.config.decoder_start_token_id};
  std::vector<int32_t> so_far;
  for (size_t i = 0; i < out.ids.size(); ++i) {
    auto logits = decodeFull(weights, encoder_states, torch::tensor(prefix).view({1, -1}))[0][-1];
    const auto allowed = quote.allowedAfter(so_far);
    int64_t best = allowed.front();
    for (const int64_t token : allowed) {
      if (logits[token].item<float>() > logits[best].item<float>()) best = token;
    }
    EXPECT_EQ(best, out.ids[i]) << "token " << i;
    prefix.push_back(out.ids[i]);
    so_far.push_back(out.ids[i]);
  }
}

TEST(QuoteConstraint, AllowsWhatContinuesAStretchOfTheSource) {
  const QuoteConstraint quote({5, 6, 7, 5, 8}, {}, 1);
  using Ids = std::vector<int64_t>;
  EXPECT_EQ(quote.allowedAfter({}), (Ids{5, 6, 7, 8}));  // any source token starts; EOS does not
  EXPECT_EQ(quote.allowedAfter({5}), (Ids{1, 6, 8}));
  EXPECT_EQ(quote.allowedAfter({5, 6}), (Ids{1, 7}));
  EXPECT_EQ(quote.allowedAfter({5, 8}), (Ids{1}));  // the source ends: only EOS
  EXPECT_EQ(quote.allowedAfter({6, 5}), (Ids{1}));  // not in the source (cannot happen while decoding)
  auto logp = torch::zeros({10});
  quote.restrict(logp, {5});
  EXPECT_TRUE(torch::equal(torch::isfinite(logp).nonzero().view(-1), torch::tensor(Ids{1, 6, 8})));
}

// Source "A Bc D": tokens 5 6 7 8, where 7 continues 6's word.
TEST(QuoteConstraint, StartsAndEndsOnWordEdges) {
  const QuoteConstraint quote({5, 6, 7, 8}, {true, true, false, true, true}, 1);
  using Ids = std::vector<int64_t>;
  EXPECT_EQ(quote.allowedAfter({}), (Ids{5, 6, 8}));  // 7 starts no word
  EXPECT_EQ(quote.allowedAfter({6}), (Ids{7}));       // no EOS inside "Bc"
  EXPECT_EQ(quote.allowedAfter({6, 7}), (Ids{1, 8}));
  EXPECT_EQ(quote.allowedAfter({5}), (Ids{1, 6}));
  EXPECT_THROW(QuoteConstraint({5, 6}, {true, true}, 1), InputError);
}

INSTANTIATE_TEST_SUITE_P(Variants, DecoderTest,
                         ::testing::Values(std::make_tuple(false, true),    // T5 v1.0: ReLU, tied
                                           std::make_tuple(true, false)));  // v1.1 / Flan: gated GELU, untied

TEST(Decoder, TiedHeadScalesByInverseSqrtDModel) {
  auto tied = randomT5Weights(smallConfig(false, true), 12);
  auto untied = tied;
  untied.config.tie_word_embeddings = false;
  untied.lm_head = tied.shared;  // same matrix, but no scaling
  auto enc = encodeFull(tied, torch::randint(2, 64, {5}, torch::kLong));
  auto ids = torch::randint(0, 64, {1, 3}, torch::kLong);
  auto a = decodeFull(tied, enc, ids);
  auto b = decodeFull(untied, enc, ids);
  EXPECT_TRUE(torch::allclose(a, b * std::pow(32.0, -0.5), 1e-5, 1e-6));
}

TEST(Decoder, StopsAtEos) {
  auto w = randomT5Weights(smallConfig(true, false), 13);
  auto enc = encodeFull(w, torch::randint(2, 64, {7}, torch::kLong));
  // Declare the token greedy decoding emits first to be EOS: it must stop there.
  const auto first = generate(w, enc, GenerationOptions{1, 1, 1.0}).ids.at(0);
  w.config.eos_token_id = first;
  EXPECT_EQ(generate(w, enc, GenerationOptions{20, 1, 1.0}).ids, std::vector<int32_t>{first});
  // Beam search returns a finished hypothesis or one cut at the length limit.
  auto beam = generate(w, enc, GenerationOptions{20, 3, 1.0});
  ASSERT_FALSE(beam.ids.empty());
  EXPECT_TRUE(beam.ids.back() == first || beam.ids.size() == 20u);
}

}  // namespace
}  // namespace frontseat
