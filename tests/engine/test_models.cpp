#include "tests/engine/test_models.h"

#include "engine/model/t5_model.h"
#include "engine/text/tokenizer.h"
#include "tests/engine/test_paths.h"

namespace frontseat::testing {

T5Config testConfig(const TestShape& shape, bool gated, bool tied) {
  T5Config c;
  c.vocab_size = shape.vocab, c.d_model = shape.d_model, c.d_kv = shape.d_kv, c.d_ff = shape.d_ff;
  c.num_heads = shape.heads, c.num_layers = shape.encoder_layers, c.num_decoder_layers = shape.decoder_layers;
  c.gated_ffn = gated;
  c.activation = gated ? Activation::GeluTanh : Activation::Relu;
  c.feed_forward_proj = gated ? "gated-gelu" : "relu";
  c.tie_word_embeddings = tied;
  return c;
}

std::filesystem::path makeEngineModel(const std::string& name, bool gated) {
  auto dir = scratchDir(name);
  TokenizerTrainingOptions training;
  training.vocabSize = 300;
  trainTokenizer({sourceDir() / "resources/samples/harbor-report.txt"}, dir / "spiece", training);
  auto config = testConfig({300, 32, 8, 48, 4, 3, 2}, gated, !gated);
  config.vocab_size = Tokenizer::load(dir / "spiece.model").vocabSize();
  saveT5Weights(randomT5Weights(config, 31), dir);
  return dir;
}

}  // namespace frontseat::testing
