// The engine end to end on a real model folder written by the test
// (config.json, model.safetensors, spiece.model): full attention and VCC.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "engine/core/errors.h"
#include "engine/model/t5_model.h"
#include "engine/runtime/engine.h"
#include "engine/vcc/trace_summary.h"
#include "tests/engine/test_models.h"
#include "tests/engine/test_paths.h"

namespace frontseat {
namespace {

using testing::makeEngineModel;

std::string sampleDocument() {
  std::ifstream in(testing::sourceDir() / "resources/samples/harbor-report.txt");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Engine, AnswersDeterministicallyFromAFolder) {
  auto dir = makeEngineModel("engine-e2e", true);
  auto engine = Engine::load(ModelOptions{dir});
  EXPECT_EQ(engine->device(), "cpu");
  EXPECT_EQ(engine->dtype(), "float32");
  AskRequest request;
  request.question = "Who is the harbor master?";
  request.document = "The harbor master is Ingrid Callow, who has held the post since 2009.";
  request.generation.max_new_tokens = 8;
  auto a = engine->ask(request);
  auto b = engine->ask(request);
  EXPECT_EQ(a.output_ids, b.output_ids);
  EXPECT_FALSE(a.output_ids.empty());
  EXPECT_LE(a.output_ids.size(), 8u);
  // Input: template + question + document tokens + EOS.
  const auto& tok = engine->tokenizer();
  EXPECT_EQ(a.input_tokens, static_cast<int64_t>(tok.encode("question:").size() + tok.encode(request.question).size() +
                                                 tok.encode("context:").size() + tok.encode(request.document).size() + 1));
  // A second engine on the same folder gives the same answer.
  EXPECT_EQ(Engine::load(ModelOptions{dir})->ask(request).output_ids, a.output_ids);
}

// The shipped demo model asked about Kenya's profile (from the sample document)
// with quoting on: the answer is a whole stretch of the profile, and quoted_at
// gives each place it stands, here "Nairobi" on the capital's line. Unquoted,
// no places are given.
TEST(Engine, QuotedAnswerSaysWhereItStands) {
  std::ifstream in(testing::sourceDir() / "resources/samples/world-factbook-profiles.txt");
  std::stringstream whole;
  whole << in.rdbuf();
  const std::string sample = whole.str();
  const size_t begin = sample.find("Kenya (Republic of Kenya)");
  ASSERT_NE(begin, std::string::npos);
  AskRequest request;
  request.document = sample.substr(begin, sample.find("\n\n\n", begin + 1) - begin);
  request.question = "What is the capital of Kenya?";
  request.generation.quote_document = true;
  auto engine = Engine::load(ModelOptions{(testing::sourceDir() / "models/frontseat-demo").string()});
  const auto quoted = engine->ask(request);
  EXPECT_EQ(quoted.answer, "Nairobi");
  ASSERT_FALSE(quoted.quoted_at.empty());
  for (const auto& place : quoted.quoted_at) {
    EXPECT_EQ(request.document.substr(place.begin, place.end - place.begin), quoted.answer);
  }
  EXPECT_NE(request.document.find("Capital of Kenya: Nairobi"), std::string::npos);
  const bool on_capital_line = std::any_of(quoted.quoted_at.begin(), quoted.quoted_at.end(), [&](const auto& place) {
    return place.begin >= 18 && request.document.compare(place.begin - 18, 18, "Capital of Kenya: ") == 0;
  });
  EXPECT_TRUE(on_capital_line);
  EXPECT_TRUE(quoted.quoted);
  request.generation.quote_document = false;
  const auto free = engine->ask(request);
  EXPECT_TRUE(free.quoted_at.empty());
  EXPECT_FALSE(free.quoted);

  // Unset, as the model folder says: the demo model's config says it copies.
  ASSERT_EQ(engine->config().quote_answers, true);
  request.generation.quote_document = std::nullopt;
  const auto by_model = engine->ask(request);
  EXPECT_TRUE(by_model.quoted);
  EXPECT_EQ(by_model.quoted_at.size(), quoted.quoted_at.size());
}

// A model folder that says nothing of quoting (any other T5) answers freely
// unless asked to quote.
TEST(Engine, QuotingFollowsTheModelFolderWhenUnset) {
  auto engine = Engine::load(ModelOptions{makeEngineModel("engine-quote-default", false)});
  ASSERT_FALSE(engine->config().quote_answers.has_value());
  AskRequest request;
  request.document = "The harbor master is Ingrid Callow. The harbor opened in 1901.";
  request.question = "Who is the harbor master?";
  request.generation.max_new_tokens = 4;
  request.generation.quote_document = std::nullopt;
  EXPECT_FALSE(engine->ask(request).quoted);
  request.generation.quote_document = true;
  EXPECT_TRUE(engine->ask(request).quoted);
}

TEST(Engine, CancelStopsTheRun) {
  auto dir = makeEngineModel("engine-cancel", false);
  auto engine = Engine::load(ModelOptions{dir});
  std::atomic<bool> cancel{false};
  int reports = 0;
  JobControl control{[&](const Progress&) {
                       if (++reports == 1) cancel = true;
                     },
                     &cancel};
  AskRequest request;
  request.question = "What?";
  request.document = "Some text to read.";
  EXPECT_THROW(engine->ask(request, control), CancelledError);
  EXPECT_EQ(reports, 1);
}

TEST(Engine, BadFoldersGiveClearErrors) {
  EXPECT_THROW(Engine::load(ModelOptions{"/nonexistent/model"}), CheckpointError);
  auto dir = makeEngineModel("engine-broken", true);
  std::filesystem::remove(dir / "spiece.model");
  try {
    Engine::load(ModelOptions{dir});
    FAIL();
  } catch (const CheckpointError& e) {
    EXPECT_NE(std::string(e.what()).find("spiece.model"), std::string::npos);
  }
  dir = makeEngineModel("engine-truncated", true);
  std::filesystem::resize_file(dir / "model.safetensors", 100);
  EXPECT_THROW(Engine::load(ModelOptions{dir}), CheckpointError);
  EXPECT_THROW(Engine::load(ModelOptions{dir, "cpu", "float16"}), DeviceError);
  EXPECT_THROW(Engine::load(ModelOptions{dir, "tpu"}), DeviceError);
}

AskRequest harborQuestion() {
  AskRequest request;
  request.question = "Who is the harbor master?";
  request.document = sampleDocument();
  request.generation.max_new_tokens = 6;
  return request;
}

TEST(EngineVcc, AllBlocksFineGivesFullAttentionsAnswer) {
  auto dir = makeEngineModel("engine-vcc-exact", true);
  auto engine = Engine::load(ModelOptions{dir});
  auto request = harborQuestion();
  request.attention = AttentionMode::Full;
  auto full = engine->ask(request);
  EXPECT_EQ(full.attention, "full");
  request.attention = AttentionMode::Vcc;
  request.vcc.num_fine_blocks = 100000;
  request.vcc.num_local_layers = 0;
  for (int levels : {2, 3}) {
    request.vcc.levels = levels;
    auto vcc = engine->ask(request);
    EXPECT_EQ(vcc.attention, "vcc");
    ASSERT_TRUE(vcc.vcc.has_value());
    EXPECT_EQ(vcc.vcc->levels, levels);
    EXPECT_EQ(vcc.output_ids, full.output_ids) << "levels " << levels;
  }
}

TEST(EngineVcc, CompressedRunAnswersAndTracesEveryLayer) {
  auto dir = makeEngineModel("engine-vcc-trace", false);
  auto engine = Engine::load(ModelOptions{dir});
  auto request = harborQuestion();
  request.attention = AttentionMode::Vcc;
  request.vcc.num_fine_blocks = 4;
  request.vcc.num_local_layers = 1;
  request.want_trace = true;
  auto result = engine->ask(request);
  EXPECT_EQ(result.attention, "vcc");
  EXPECT_FALSE(result.output_ids.empty());
  ASSERT_TRUE(result.trace.has_value());
  const auto& trace = *result.trace;
  EXPECT_EQ(trace.tokens, result.input_tokens);
  ASSERT_EQ(trace.layers.size(), 3u);
  EXPECT_EQ(trace.layers[0].kind, "local");
  for (size_t l = 1; l < 3; ++l) {
    EXPECT_EQ(trace.layers[l].kind, "vcc");
    EXPECT_EQ(countResolutions(trace)[l].fine, 4 * 16);
  }
  // Evidence passages map back into the document.
  for (const auto& p : evidencePassages(trace)) {
    EXPECT_GE(p.begin, 0);
    EXPECT_LE(p.end, static_cast<int64_t>(request.document.size()));
    EXPECT_LT(p.begin, p.end);
  }
  // Auto picks full attention for a short input.
  request.attention = AttentionMode::Auto;
  request.document = "A short note.";
  EXPECT_EQ(engine->ask(request).attention, "full");
}

TEST(EngineVcc, PinnedPassageIsVip) {
  auto dir = makeEngineModel("engine-vcc-pin", true);
  auto engine = Engine::load(ModelOptions{dir});
  auto request = harborQuestion();
  request.attention = AttentionMode::Vcc;
  request.vcc.num_fine_blocks = 2;
  request.want_trace = true;
  const auto at = request.document.find("The repair reserve now stands");
  ASSERT_NE(at, std::string::npos);
  request.pinned.push_back({at, at + 60});
  auto trace = *engine->ask(request).trace;
  const auto& last = trace.layers.back();
  int pinned_vip = 0;
  for (int64_t t = 0; t < trace.tokens; ++t) {
    const bool inside = trace.spans[t].begin >= 0 && trace.spans[t].begin < static_cast<int64_t>(at + 60) &&
                        static_cast<int64_t>(at) < trace.spans[t].end;
    if (inside) {
      EXPECT_EQ(last.resolution[t], kResolutionVip) << "token " << t;
      ++pinned_vip;
    }
  }
  EXPECT_GT(pinned_vip, 5);
  request.pinned = {{10, 5}};
  EXPECT_THROW(engine->ask(request), InputError);
}

}  // namespace
}  // namespace frontseat
