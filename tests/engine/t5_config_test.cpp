#include "engine/model/t5_config.h"

#include <gtest/gtest.h>

#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/core/errors.h"
#include "tests/engine/test_paths.h"

namespace frontseat {
namespace {

namespace fs = std::filesystem;

// config.json of t5-small as published on the Hub.
const char* kT5Small = R"({
  "architectures": ["T5ForConditionalGeneration"],
  "d_ff": 2048, "d_kv": 64, "d_model": 512, "decoder_start_token_id": 0,
  "dropout_rate": 0.1, "eos_token_id": 1, "initializer_factor": 1.0,
  "is_encoder_decoder": true, "layer_norm_epsilon": 1e-06, "model_type": "t5",
  "n_positions": 512, "num_heads": 8, "num_layers": 6, "output_past": true,
  "pad_token_id": 0, "relative_attention_num_buckets": 32,
  "task_specific_params": {"summarization": {"prefix": "summarize: "}},
  "vocab_size": 32128
})";

// config.json in the style of google/flan-t5-small (decoder depth changed for the test).
const char* kFlanT5 = R"({
  "architectures": ["T5ForConditionalGeneration"],
  "d_ff": 1024, "d_kv": 64, "d_model": 512, "decoder_start_token_id": 0,
  "dense_act_fn": "gelu_new", "dropout_rate": 0.1, "eos_token_id": 1,
  "feed_forward_proj": "gated-gelu", "initializer_factor": 1.0, "is_encoder_decoder": true,
  "is_gated_act": true, "layer_norm_epsilon": 1e-06, "model_type": "t5",
  "n_positions": 512, "num_decoder_layers": 4, "num_heads": 6, "num_layers": 8,
  "output_past": true, "pad_token_id": 0, "relative_attention_max_distance": 128,
  "relative_attention_num_buckets": 32, "tie_word_embeddings": false,
  "torch_dtype": "float32", "transformers_version": "4.23.1", "use_cache": true,
  "vocab_size": 32128
})";

void expectError(const std::string& jsonText, std::initializer_list<std::string> parts) {
  try {
    T5Config::fromJson(jsonText, "config.json");
  } catch (const CheckpointError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.rfind("config.json", 0), 0u) << msg;
    for (const auto& part : parts) EXPECT_NE(msg.find(part), std::string::npos) << "'" << part << "' not in: " << msg;
    return;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected CheckpointError, got: " << e.what();
    return;
  }
  ADD_FAILURE() << "expected CheckpointError for " << jsonText;
}

// A valid minimal config with one field replaced or added.
std::string with(const std::string& field, const nlohmann::json& value) {
  nlohmann::json j = {{"model_type", "t5"}, {"d_model", 64}, {"vocab_size", 100}};
  j[field] = value;
  return j.dump();
}

TEST(T5Config, T5SmallReluTied) {
  auto c = T5Config::fromJson(kT5Small, "config.json");
  EXPECT_EQ(c.vocab_size, 32128);
  EXPECT_EQ(c.d_model, 512);
  EXPECT_EQ(c.d_kv, 64);
  EXPECT_EQ(c.d_ff, 2048);
  EXPECT_EQ(c.num_layers, 6);
  EXPECT_EQ(c.num_decoder_layers, 6);
  EXPECT_EQ(c.num_heads, 8);
  EXPECT_EQ(c.relative_attention_num_buckets, 32);
  EXPECT_EQ(c.relative_attention_max_distance, 128);
  EXPECT_EQ(c.feed_forward_proj, "relu");
  EXPECT_FALSE(c.gated_ffn);
  EXPECT_EQ(c.activation, Activation::Relu);
  EXPECT_TRUE(c.tie_word_embeddings);
  EXPECT_DOUBLE_EQ(c.layer_norm_epsilon, 1e-6);
  EXPECT_EQ(c.pad_token_id, 0);
  EXPECT_EQ(c.eos_token_id, 1);
  EXPECT_EQ(c.decoder_start_token_id, 0);
  EXPECT_EQ(c.summary(), "T5 v1.0 (relu, tied): 6 enc + 6 dec layers, d_model 512, 8 heads, vocab 32128");
}

TEST(T5Config, FlanT5GatedGeluUntied) {
  auto c = T5Config::fromJson(kFlanT5, "config.json");
  EXPECT_EQ(c.feed_forward_proj, "gated-gelu");
  EXPECT_TRUE(c.gated_ffn);
  EXPECT_EQ(c.activation, Activation::GeluTanh);
  EXPECT_FALSE(c.tie_word_embeddings);
  EXPECT_EQ(c.num_layers, 8);
  EXPECT_EQ(c.num_decoder_layers, 4);
  EXPECT_EQ(c.num_heads, 6);
  EXPECT_EQ(c.d_ff, 1024);
  EXPECT_EQ(c.summary(), "T5 v1.1 (gated-gelu, untied): 8 enc + 4 dec layers, d_model 512, 6 heads, vocab 32128");
}

TEST(T5Config, GatedGeluWithoutDenseActFnIsTanhGelu) {
  auto c = T5Config::fromJson(R"({"feed_forward_proj": "gated-gelu"})", "config.json");
  EXPECT_TRUE(c.gated_ffn);
  EXPECT_EQ(c.activation, Activation::GeluTanh);
}

TEST(T5Config, ActivationNames) {
  struct Case {
    const char* proj;
    bool gated;
    Activation act;
  } cases[] = {
      {"relu", false, Activation::Relu},          {"gelu", false, Activation::Gelu},
      {"gelu_new", false, Activation::GeluTanh},  {"gated-gelu_new", true, Activation::GeluTanh},
      {"gated-relu", true, Activation::Relu},     {"silu", false, Activation::Silu},
      {"swish", false, Activation::Silu},         {"gated-silu", true, Activation::Silu},
      {"gelu_pytorch_tanh", false, Activation::GeluTanh},
  };
  for (const auto& k : cases) {
    auto c = T5Config::fromJson(with("feed_forward_proj", k.proj), "config.json");
    EXPECT_EQ(c.gated_ffn, k.gated) << k.proj;
    EXPECT_EQ(c.activation, k.act) << k.proj;
  }
}

TEST(T5Config, DenseActFnAndIsGatedActOverrideAsInTransformers) {
  auto c = T5Config::fromJson(R"({"feed_forward_proj": "gated-gelu", "dense_act_fn": "gelu"})", "config.json");
  EXPECT_TRUE(c.gated_ffn);
  EXPECT_EQ(c.activation, Activation::Gelu);
  c = T5Config::fromJson(R"({"feed_forward_proj": "relu", "is_gated_act": true})", "config.json");
  EXPECT_TRUE(c.gated_ffn);
  EXPECT_EQ(c.activation, Activation::Relu);
}

TEST(T5Config, DefaultsWhenFieldsAbsent) {
  auto c = T5Config::fromJson("{}", "config.json");
  const T5Config d;
  EXPECT_EQ(c.vocab_size, d.vocab_size);
  EXPECT_EQ(c.d_model, 512);
  EXPECT_EQ(c.d_kv, 64);
  EXPECT_EQ(c.d_ff, 2048);
  EXPECT_EQ(c.num_layers, 6);
  EXPECT_EQ(c.num_decoder_layers, 6);
  EXPECT_EQ(c.num_heads, 8);
  EXPECT_EQ(c.relative_attention_num_buckets, 32);
  EXPECT_EQ(c.relative_attention_max_distance, 128);
  EXPECT_DOUBLE_EQ(c.layer_norm_epsilon, 1e-6);
  EXPECT_EQ(c.feed_forward_proj, "relu");
  EXPECT_TRUE(c.tie_word_embeddings);
  EXPECT_EQ(c.model_type, "t5");
  EXPECT_EQ(c.pad_token_id, 0);
  EXPECT_EQ(c.eos_token_id, 1);
  EXPECT_EQ(c.decoder_start_token_id, 0);
}

TEST(T5Config, NumDecoderLayersDefaultsToNumLayers) {
  EXPECT_EQ(T5Config::fromJson(R"({"num_layers": 3})", "c").num_decoder_layers, 3);
  EXPECT_EQ(T5Config::fromJson(R"({"num_layers": 3, "num_decoder_layers": null})", "c").num_decoder_layers, 3);
  EXPECT_EQ(T5Config::fromJson(R"({"num_layers": 3, "num_decoder_layers": 2})", "c").num_decoder_layers, 2);
}

TEST(T5Config, DecoderStartDefaultsToPad) {
  auto c = T5Config::fromJson(R"({"pad_token_id": 5})", "c");
  EXPECT_EQ(c.decoder_start_token_id, 5);
}

TEST(T5Config, Mt5Accepted) {
  auto c = T5Config::fromJson(R"({"model_type": "mt5", "vocab_size": 250112, "feed_forward_proj": "gated-gelu",
                                  "tie_word_embeddings": false})",
                              "config.json");
  EXPECT_EQ(c.model_type, "mt5");
  EXPECT_EQ(c.summary().rfind("mT5 (gated-gelu, untied)", 0), 0u) << c.summary();
}

TEST(T5Config, InvalidJson) {
  expectError("{\"d_model\": ", {"not valid JSON"});
  expectError("[1,2]", {"JSON object"});
}

TEST(T5Config, WrongModelType) {
  expectError(with("model_type", "bart"), {"'model_type'", "bart", "'t5' or 'mt5'"});
  expectError(with("model_type", "umt5"), {"'model_type'", "umt5"});
  expectError(with("model_type", 5), {"'model_type'", "should be a string"});
}

TEST(T5Config, NonPositiveSizes) {
  for (const char* field : {"d_model", "d_kv", "num_heads", "num_layers", "num_decoder_layers", "vocab_size", "d_ff"}) {
    expectError(with(field, 0), {std::string("'") + field + "'", "positive"});
    expectError(with(field, -3), {std::string("'") + field + "'", "positive", "-3"});
  }
}

TEST(T5Config, WrongTypes) {
  expectError(with("d_model", "512"), {"'d_model'", "integer", "\"512\""});
  expectError(with("d_model", 512.5), {"'d_model'", "integer"});
  expectError(with("num_heads", true), {"'num_heads'", "integer"});
  expectError(with("tie_word_embeddings", "false"), {"'tie_word_embeddings'", "true or false"});
  expectError(with("layer_norm_epsilon", "1e-6"), {"'layer_norm_epsilon'", "number"});
  expectError(with("feed_forward_proj", 1), {"'feed_forward_proj'", "string"});
  expectError(with("eos_token_id", nlohmann::json::array({1, 2})), {"'eos_token_id'", "integer"});
  expectError(with("d_model", 18446744073709551615ull), {"'d_model'", "too large"});
}

TEST(T5Config, BadFeedForwardProj) {
  expectError(with("feed_forward_proj", "gated-gelu-x"), {"'feed_forward_proj'", "gated-gelu-x", "gated-<act>"});
  expectError(with("feed_forward_proj", "double-gelu"), {"'feed_forward_proj'", "double-gelu"});
  expectError(with("feed_forward_proj", ""), {"'feed_forward_proj'"});
  expectError(with("feed_forward_proj", "tanh"), {"'feed_forward_proj'", "'tanh'", "does not support"});
  expectError(with("feed_forward_proj", "gated-"), {"'feed_forward_proj'"});
  expectError(with("dense_act_fn", "quick_gelu"), {"'dense_act_fn'", "quick_gelu"});
}

TEST(T5Config, RelativeAttentionLimits) {
  expectError(with("relative_attention_num_buckets", 1), {"'relative_attention_num_buckets'", "at least 4"});
  expectError(with("relative_attention_num_buckets", 0), {"'relative_attention_num_buckets'"});
  expectError(with("relative_attention_max_distance", 16), {"'relative_attention_max_distance'", "(16)"});
  EXPECT_NO_THROW(T5Config::fromJson(with("relative_attention_max_distance", 17), "c"));
}

TEST(T5Config, TokenIdsInsideVocabulary) {
  expectError(with("eos_token_id", 100), {"'eos_token_id'", "100", "vocab_size 100"});
  expectError(with("pad_token_id", -1), {"'pad_token_id'", "-1"});
  expectError(with("decoder_start_token_id", 1000), {"'decoder_start_token_id'"});
}

TEST(T5Config, LayerNormEpsilonPositive) {
  expectError(with("layer_norm_epsilon", 0), {"'layer_norm_epsilon'", "positive"});
  expectError(with("layer_norm_epsilon", -1e-6), {"'layer_norm_epsilon'"});
  EXPECT_DOUBLE_EQ(T5Config::fromJson(with("layer_norm_epsilon", 1), "c").layer_norm_epsilon, 1.0);
}

TEST(T5Config, DecoderOutputScaling) {
  // Old configs leave it out: it follows tie_word_embeddings.
  EXPECT_TRUE(T5Config::fromJson(kT5Small, "config.json").scalesDecoderOutputs());
  EXPECT_FALSE(T5Config::fromJson(kFlanT5, "config.json").scalesDecoderOutputs());
  // transformers 5 writes it beside tie_word_embeddings, which it sets true for every T5.
  auto c = T5Config::fromJson(R"({"tie_word_embeddings": true, "scale_decoder_outputs": false})", "config.json");
  EXPECT_TRUE(c.tie_word_embeddings);
  EXPECT_FALSE(c.scalesDecoderOutputs());
  EXPECT_EQ(nlohmann::json::parse(c.toJson()).at("scale_decoder_outputs"), false);
  expectError(R"({"scale_decoder_outputs": 1})", {"'scale_decoder_outputs'", "true or false"});
}

TEST(T5Config, QuoteAnswersIsFrontseatsOwnField) {
  // Other checkpoints leave it out, and so does toJson then.
  EXPECT_FALSE(T5Config::fromJson(kFlanT5, "config.json").quote_answers.has_value());
  EXPECT_FALSE(nlohmann::json::parse(T5Config::fromJson(kFlanT5, "config.json").toJson()).contains("frontseat_quote_answers"));
  for (const bool quote : {true, false}) {
    const auto c = T5Config::fromJson(std::string(R"({"frontseat_quote_answers": )") + (quote ? "true" : "false") + "}",
                                      "config.json");
    EXPECT_EQ(c.quote_answers, quote);
    EXPECT_EQ(nlohmann::json::parse(c.toJson()).at("frontseat_quote_answers"), quote);
  }
  expectError(R"({"frontseat_quote_answers": "yes"})", {"'frontseat_quote_answers'", "true or false"});
}

TEST(T5Config, ToJsonRoundTrip) {
  for (const char* text : {kT5Small, kFlanT5}) {
    auto a = T5Config::fromJson(text, "config.json");
    auto b = T5Config::fromJson(a.toJson(), "round-trip");
    EXPECT_EQ(a.toJson(), b.toJson());
    EXPECT_EQ(b.vocab_size, a.vocab_size);
    EXPECT_EQ(b.num_decoder_layers, a.num_decoder_layers);
    EXPECT_EQ(b.gated_ffn, a.gated_ffn);
    EXPECT_EQ(b.activation, a.activation);
    EXPECT_EQ(b.tie_word_embeddings, a.tie_word_embeddings);
    EXPECT_EQ(b.feed_forward_proj, a.feed_forward_proj);
    EXPECT_DOUBLE_EQ(b.layer_norm_epsilon, a.layer_norm_epsilon);
    EXPECT_EQ(b.summary(), a.summary());
  }
  // transformers' field names are there.
  auto j = nlohmann::json::parse(T5Config::fromJson(kFlanT5, "c").toJson());
  EXPECT_EQ(j.at("model_type"), "t5");
  EXPECT_EQ(j.at("feed_forward_proj"), "gated-gelu");
  EXPECT_EQ(j.at("dense_act_fn"), "gelu_new");
  EXPECT_EQ(j.at("is_gated_act"), true);
  EXPECT_EQ(j.at("tie_word_embeddings"), false);
  EXPECT_EQ(j.at("num_decoder_layers"), 4);
  EXPECT_EQ(j.at("architectures")[0], "T5ForConditionalGeneration");
}

TEST(T5Config, SaveAndLoad) {
  const fs::path dir = testing::scratchDir("t5-config-save");
  auto a = T5Config::fromJson(kFlanT5, "config.json");
  a.save(dir / "config.json");
  auto b = T5Config::load(dir / "config.json");
  EXPECT_EQ(a.toJson(), b.toJson());
  int count = 0;
  for (const auto& entry : fs::directory_iterator(dir)) count += entry.is_regular_file();
  EXPECT_EQ(count, 1);
}

TEST(T5Config, LoadErrorsNameTheFile) {
  const fs::path dir = testing::scratchDir("t5-config-load");
  try {
    T5Config::load(dir / "config.json");
    ADD_FAILURE() << "expected CheckpointError";
  } catch (const CheckpointError& e) {
    EXPECT_NE(std::string(e.what()).find((dir / "config.json").string()), std::string::npos) << e.what();
  }
  {
    std::ofstream out(dir / "config.json");
    out << R"({"d_model": -1})";
  }
  try {
    T5Config::load(dir / "config.json");
    ADD_FAILURE() << "expected CheckpointError";
  } catch (const CheckpointError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("config.json"), std::string::npos) << msg;
    EXPECT_NE(msg.find("'d_model'"), std::string::npos) << msg;
  }
}

}  // namespace
}  // namespace frontseat
