// frontseat-make-model: writes a random-weight T5 in the Hugging Face layout with
// a SentencePiece tokenizer trained on the given text. Its answers are noise; it
// exists so the build, the demo command and the tests have a real model folder
// to load before a trained model ships.
#include <CLI/CLI.hpp>
#include <iostream>

#include "engine/core/errors.h"
#include "engine/model/random_model.h"
#include "engine/text/tokenizer.h"

int main(int argc, char** argv) {
  CLI::App app{"Write a random-weight T5 model folder (config.json, model.safetensors, spiece.model)",
               "frontseat-make-model"};
  std::filesystem::path out;
  std::vector<std::filesystem::path> texts;
  std::string shape = "tiny";
  int vocab = 512;
  uint64_t seed = 1;
  int encoder_layers = 0;
  app.add_option("--out", out, "Model folder to write")->required();
  app.add_option("--text", texts, "UTF-8 text files to train the tokenizer on")->required()->check(CLI::ExistingFile);
  app.add_option("--shape", shape, "tiny (d_model 64), small (t5-small), base (t5-base)")
      ->check(CLI::IsMember({"tiny", "small", "base"}))->capture_default_str();
  app.add_option("--vocab", vocab, "Tokenizer pieces")->check(CLI::Range(64, 64000))->capture_default_str();
  app.add_option("--seed", seed, "Random seed")->capture_default_str();
  app.add_option("--encoder-layers", encoder_layers, "Encoder layers instead of the shape's (e.g. 12 for a deep VIP map)")
      ->check(CLI::Range(1, 64));
  CLI11_PARSE(app, argc, argv);

  try {
    std::filesystem::create_directories(out);
    frontseat::TokenizerTrainingOptions training;
    training.vocabSize = vocab;
    frontseat::trainTokenizer(texts, out / "spiece", training);
    std::filesystem::remove(out / "spiece.vocab");

    frontseat::T5Config config;  // t5-small
    if (shape == "tiny") {
      config.d_model = 64, config.d_kv = 16, config.d_ff = 128, config.num_heads = 4;
      config.num_layers = config.num_decoder_layers = 2;
      config.feed_forward_proj = "gated-gelu";
      config.gated_ffn = true, config.activation = frontseat::Activation::GeluTanh;
      config.tie_word_embeddings = false;
    } else if (shape == "base") {
      config.d_model = 768, config.d_ff = 3072, config.num_heads = 12;
      config.num_layers = config.num_decoder_layers = 12;
    }
    if (encoder_layers > 0) config.num_layers = encoder_layers;
    config.vocab_size = frontseat::Tokenizer::load(out / "spiece.model").vocabSize();
    frontseat::writeRandomT5Model(config, seed, out);
    std::cout << "wrote " << out.string() << ": " << config.summary() << '\n';
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "frontseat-make-model: " << e.what() << '\n';
    return 1;
  }
}
