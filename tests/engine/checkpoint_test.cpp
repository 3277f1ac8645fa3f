// Loading T5 weights from Hugging Face folders, and the engine end to end on a
// tiny random model written by the test.
#include <gtest/gtest.h>

#include <fstream>

#include "engine/core/errors.h"
#include "engine/model/safetensors.h"
#include "engine/model/t5_model.h"
#include "engine/runtime/engine.h"
#include "tests/engine/test_paths.h"

namespace frontseat {
namespace {

T5Config tinyConfig(bool gated, bool tied) {
  T5Config c;
  c.vocab_size = 300, c.d_model = 32, c.d_kv = 8, c.d_ff = 48, c.num_heads = 4;
  c.num_layers = 2, c.num_decoder_layers = 2;
  c.gated_ffn = gated;
  c.activation = gated ? Activation::GeluTanh : Activation::Relu;
  c.feed_forward_proj = gated ? "gated-gelu" : "relu";
  c.tie_word_embeddings = tied;
  return c;
}

// Writes the given named tensors (fp32 or as given) as model.safetensors.
void writeTensors(const std::filesystem::path& file, const std::vector<std::pair<std::string, torch::Tensor>>& named) {
  std::vector<torch::Tensor> keep;
  std::vector<TensorToWrite> out;
  for (const auto& [name, t] : named) {
    auto c = t.contiguous();
    keep.push_back(c);
    DType dtype = c.scalar_type() == torch::kBFloat16 ? DType::BF16 : c.scalar_type() == torch::kHalf ? DType::F16 : DType::F32;
    out.push_back({name, dtype, c.sizes().vec(), c.data_ptr(), static_cast<size_t>(c.numel() * c.element_size())});
  }
  writeSafetensors(file, out);
}

std::shared_ptr<const SafetensorsCheckpoint> openCheckpoint(const std::filesystem::path& dir) {
  return std::make_shared<SafetensorsCheckpoint>(SafetensorsCheckpoint::openFolder(dir));
}

void expectSameWeights(const T5Weights& a, const T5Weights& b) {
  auto na = a.named(), nb = b.named();
  ASSERT_EQ(na.size(), nb.size());
  for (size_t i = 0; i < na.size(); ++i) {
    EXPECT_EQ(na[i].first, nb[i].first);
    EXPECT_TRUE(torch::equal(na[i].second.to(torch::kFloat32), nb[i].second.to(torch::kFloat32))) << na[i].first;
  }
}

TEST(Checkpoint, SaveLoadRoundTripTiedAndUntied) {
  for (bool gated : {false, true}) {
    auto dir = testing::scratchDir(std::string("roundtrip-") + (gated ? "gated" : "relu"));
    auto w = randomT5Weights(tinyConfig(gated, !gated), 21);
    saveT5Weights(w, dir);
    auto config = T5Config::load(dir / "config.json");
    EXPECT_EQ(config.gated_ffn, gated);
    EXPECT_EQ(config.tie_word_embeddings, !gated);
    auto checkpoint = openCheckpoint(dir);
    EXPECT_EQ(checkpoint->find("lm_head.weight") != nullptr, gated);  // tied heads are not written twice
    auto loaded = loadT5Weights(config, checkpoint, torch::kCPU, torch::kFloat32);
    expectSameWeights(w, loaded);
    if (!gated) {
      EXPECT_TRUE(loaded.lm_head.is_same(loaded.shared));
    }
  }
}

TEST(Checkpoint, Float32WeightsAliasTheMappedFile) {
  auto dir = testing::scratchDir("alias");
  saveT5Weights(randomT5Weights(tinyConfig(true, false), 22), dir);
  auto checkpoint = openCheckpoint(dir);
  auto loaded = loadT5Weights(T5Config::load(dir / "config.json"), checkpoint, torch::kCPU, torch::kFloat32);
  const auto* view = checkpoint->find("encoder.block.1.layer.1.DenseReluDense.wo.weight");
  ASSERT_NE(view, nullptr);
  EXPECT_EQ(loaded.encoder[1].ff.wo.data_ptr(), static_cast<const void*>(view->data));
}

TEST(Checkpoint, TiedCopiesMayReplaceShared) {
  auto dir = testing::scratchDir("embed-only");
  auto w = randomT5Weights(tinyConfig(false, true), 23);
  auto named = w.named();
  for (auto& [name, t] : named) {
    if (name == "shared.weight") name = "encoder.embed_tokens.weight";
  }
  writeTensors(dir / "model.safetensors", named);
  auto loaded = loadT5Weights(w.config, openCheckpoint(dir), torch::kCPU, torch::kFloat32);
  EXPECT_TRUE(torch::equal(loaded.shared, w.shared));
}

TEST(Checkpoint, ExtraTiedCopiesAreAccepted) {
  auto dir = testing::scratchDir("extra-copies");
  auto w = randomT5Weights(tinyConfig(false, true), 24);
  auto named = w.named();
  named.emplace_back("encoder.embed_tokens.weight", w.shared);
  named.emplace_back("decoder.embed_tokens.weight", w.shared);
  named.emplace_back("lm_head.weight", w.shared);
  writeTensors(dir / "model.safetensors", named);
  EXPECT_NO_THROW(loadT5Weights(w.config, openCheckpoint(dir), torch::kCPU, torch::kFloat32));
}

TEST(Checkpoint, Bfloat16CheckpointLoadsAsFloat32) {
  auto dir = testing::scratchDir("bf16");
  auto w = randomT5Weights(tinyConfig(true, false), 25);
  auto named = w.named();
  for (auto& entry : named) entry.second = entry.second.to(torch::kBFloat16);
  writeTensors(dir / "model.safetensors", named);
  auto loaded = loadT5Weights(w.config, openCheckpoint(dir), torch::kCPU, torch::kFloat32);
  EXPECT_EQ(loaded.shared.scalar_type(), torch::kFloat32);
  EXPECT_TRUE(torch::equal(loaded.shared, w.shared.to(torch::kBFloat16).to(torch::kFloat32)));
}

TEST(Checkpoint, MissingTensorIsNamed) {
  auto dir = testing::scratchDir("missing");
  auto w = randomT5Weights(tinyConfig(true, false), 26);
  auto named = w.named();
  named.erase(std::remove_if(named.begin(), named.end(),
                             [](const auto& e) { return e.first == "decoder.block.1.layer.1.EncDecAttention.v.weight"; }),
              named.end());
  writeTensors(dir / "model.safetensors", named);
  try {
    loadT5Weights(w.config, openCheckpoint(dir), torch::kCPU, torch::kFloat32);
    FAIL() << "expected CheckpointError";
  } catch (const CheckpointError& e) {
    EXPECT_NE(std::string(e.what()).find("decoder.block.1.layer.1.EncDecAttention.v.weight"), std::string::npos) << e.what();
  }
}

TEST(Checkpoint, WrongShapeIsNamed) {
  auto dir = testing::scratchDir("shape");
  auto w = randomT5Weights(tinyConfig(true, false), 27);
  auto named = w.named();
  for (auto& [name, t] : named) {
    if (name == "encoder.block.0.layer.0.SelfAttention.k.weight") t = torch::zeros({8, 32});
  }
  writeTensors(dir / "model.safetensors", named);
  try {
    loadT5Weights(w.config, openCheckpoint(dir), torch::kCPU, torch::kFloat32);
    FAIL() << "expected CheckpointError";
  } catch (const CheckpointError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("encoder.block.0.layer.0.SelfAttention.k.weight"), std::string::npos) << msg;
    EXPECT_NE(msg.find("[8, 32]"), std::string::npos) << msg;
    EXPECT_NE(msg.find("[32, 32]"), std::string::npos) << msg;
  }
}

// --- The engine on a real folder: config.json, model.safetensors, spiece.model.

std::filesystem::path makeEngineModel(const std::string& name, bool gated) {
  auto dir = testing::scratchDir(name);
  TokenizerTrainingOptions training;
  training.vocabSize = 300;
  trainTokenizer({testing::sourceDir() / "resources/samples/harbor-report.txt"}, dir / "spiece", training);
  auto config = tinyConfig(gated, !gated);
  config.vocab_size = Tokenizer::load(dir / "spiece.model").vocabSize();
  saveT5Weights(randomT5Weights(config, 31), dir);
  return dir;
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

TEST(Engine, CancelStopsTheRun) {
  auto dir = makeEngineModel("engine-cancel", false);
  auto engine = Engine::load(ModelOptions{dir});
  std::atomic<bool> cancel{false};
  int reports = 0;
  JobControl control{[&](const Progress&) {
                       if (++reports == 1) cancel = true;
                     },
                     &cancel};
  AskRequest request{"What?", "Some text to read.", kDefaultQuestionTemplate, {}};
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

}  // namespace
}  // namespace frontseat
