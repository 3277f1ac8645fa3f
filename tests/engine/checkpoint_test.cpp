// Loading T5 weights from Hugging Face folders.
#include <gtest/gtest.h>

#include <fstream>

#include "engine/core/errors.h"
#include "engine/model/safetensors.h"
#include "engine/model/t5_model.h"
#include "tests/engine/test_models.h"
#include "tests/engine/test_paths.h"

namespace frontseat {
namespace {

T5Config tinyConfig(bool gated, bool tied) {
  return testing::testConfig({300, 32, 8, 48, 4, 2, 2}, gated, tied);
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

// transformers 5 writes tie_word_embeddings true for every T5 and says with
// scale_decoder_outputs whether the decoder output is scaled; the head is
// lm_head.weight when the weights have it.
TEST(Checkpoint, TheWeightsDecideTheHeadAndTheConfigTheScaling) {
  auto w = randomT5Weights(tinyConfig(true, false), 28);
  {
    auto dir = testing::scratchDir("head-in-tied-config");
    writeTensors(dir / "model.safetensors", w.named());  // with lm_head.weight
    auto config = w.config;
    config.tie_word_embeddings = true;
    config.scale_decoder_outputs = false;
    auto loaded = loadT5Weights(config, openCheckpoint(dir), torch::kCPU, torch::kFloat32);
    EXPECT_FALSE(loaded.config.tie_word_embeddings);
    EXPECT_FALSE(loaded.config.scalesDecoderOutputs());
    EXPECT_TRUE(torch::equal(loaded.lm_head, w.lm_head));
    EXPECT_FALSE(torch::equal(loaded.lm_head, loaded.shared));
  }
  {
    // An untied config of old (no scaling) whose weights hold only the shared table.
    auto dir = testing::scratchDir("no-head-in-untied-config");
    auto named = w.named();
    named.erase(std::remove_if(named.begin(), named.end(), [](const auto& e) { return e.first == "lm_head.weight"; }),
                named.end());
    writeTensors(dir / "model.safetensors", named);
    auto loaded = loadT5Weights(w.config, openCheckpoint(dir), torch::kCPU, torch::kFloat32);
    EXPECT_TRUE(loaded.config.tie_word_embeddings);
    EXPECT_FALSE(loaded.config.scalesDecoderOutputs());
    EXPECT_TRUE(loaded.lm_head.is_same(loaded.shared));
  }
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

}  // namespace
}  // namespace frontseat
