// Parity with Hugging Face transformers on fixtures made by
// tests/golden/make_t5_golden.py (run where transformers is installed; see
// ../shared/GPU.md item 1). Skipped, saying so, when no fixtures are committed.
#include <gtest/gtest.h>

#include "engine/model/safetensors.h"
#include "engine/model/t5_generate.h"
#include "engine/model/t5_model.h"
#include "tests/engine/test_paths.h"

namespace frontseat {
namespace {

std::filesystem::path fixturesDir() { return testing::sourceDir() / "tests/golden/fixtures"; }

torch::Tensor readTensor(const SafetensorsFile& file, const std::string& name) {
  const auto* view = file.find(name);
  if (!view) throw std::runtime_error(file.path().string() + " lacks " + name);
  return torch::from_blob(const_cast<std::byte*>(view->data), view->shape, torch::kFloat32).clone();
}

std::vector<int32_t> asIds(const torch::Tensor& t) {
  auto ids = t.to(torch::kInt32).contiguous();
  return std::vector<int32_t>(ids.data_ptr<int32_t>(), ids.data_ptr<int32_t>() + ids.numel());
}

TEST(GoldenParity, MatchesTransformers) {
  if (!std::filesystem::is_directory(fixturesDir())) {
    GTEST_SKIP() << "no parity fixtures in " << fixturesDir()
                 << ": run tests/golden/make_t5_golden.py where transformers is installed";
  }
  int cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(fixturesDir())) {
    if (!entry.is_directory()) continue;
    SCOPED_TRACE(entry.path().filename().string());
    ++cases;
    torch::InferenceMode guard;
    const auto model_dir = entry.path() / "model";
    auto config = T5Config::load(model_dir / "config.json");
    auto checkpoint = std::make_shared<SafetensorsCheckpoint>(SafetensorsCheckpoint::openFolder(model_dir));
    auto weights = loadT5Weights(config, checkpoint, torch::kCPU, torch::kFloat32);
    auto io = SafetensorsFile::open(entry.path() / "io.safetensors");

    auto input_ids = readTensor(*io, "input_ids").to(torch::kLong);
    auto encoded = encodeFull(weights, input_ids);
    auto expected_encoded = readTensor(*io, "encoder_hidden");
    EXPECT_TRUE(torch::allclose(encoded, expected_encoded, 1e-4, 1e-4))
        << "encoder max diff " << (encoded - expected_encoded).abs().max().item<float>();

    auto decoder_ids = readTensor(*io, "decoder_input_ids").to(torch::kLong).unsqueeze(0);
    auto logits = decodeFull(weights, encoded, decoder_ids)[0];
    auto expected_logits = readTensor(*io, "decoder_logits");
    EXPECT_TRUE(torch::allclose(logits, expected_logits, 1e-3, 1e-3))
        << "logits max diff " << (logits - expected_logits).abs().max().item<float>();

    EXPECT_EQ(generate(weights, encoded, GenerationOptions{12, 1, 1.0}).ids, asIds(readTensor(*io, "greedy_ids")));
    EXPECT_EQ(generate(weights, encoded, GenerationOptions{12, 3, 1.0}).ids, asIds(readTensor(*io, "beam_ids")));
  }
  EXPECT_GT(cases, 0) << "the fixtures folder has no cases";
}

}  // namespace
}  // namespace frontseat
