#include "engine/model/t5_config.h"

#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "engine/core/errors.h"
#include "engine/core/atomic_file.h"

namespace frontseat {

namespace {

using json = nlohmann::json;

[[noreturn]] void fail(const std::string& message) { throw CheckpointError(message); }

std::string typeText(const json& v) {
  if (v.is_number_float()) return "a non-integer number";
  if (v.is_number()) return "a number";
  if (v.is_boolean()) return "a boolean";
  if (v.is_null()) return "null";
  if (v.is_string()) return "the string " + v.dump();
  return std::string("a JSON ") + v.type_name();
}

bool parseActivation(const std::string& name, Activation& out) {
  if (name == "relu") {
    out = Activation::Relu;
  } else if (name == "gelu") {
    out = Activation::Gelu;
  } else if (name == "gelu_new" || name == "gelu_pytorch_tanh" || name == "gelu_fast") {
    out = Activation::GeluTanh;
  } else if (name == "silu" || name == "swish") {
    out = Activation::Silu;
  } else {
    return false;
  }
  return true;
}

class Reader {
 public:
  Reader(const json& obj, const std::string& src) : obj_(obj), src_(src) {}

  [[noreturn]] void error(const std::string& field, const std::string& problem) const {
    fail(src_ + ": '" + field + "' " + problem);
  }

  // nullptr when the field is absent or null.
  const json* get(const std::string& field) const {
    auto it = obj_.find(field);
    if (it == obj_.end() || it->is_null()) return nullptr;
    return &*it;
  }

  bool integer(const std::string& field, int64_t& out) const {
    const json* v = get(field);
    if (!v) return false;
    if (v->is_number_unsigned()) {
      if (v->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<int64_t>::max()))
        error(field, "is too large");
      out = static_cast<int64_t>(v->get<std::uint64_t>());
    } else if (v->is_number_integer()) {
      out = v->get<int64_t>();
    } else {
      error(field, "should be an integer, but is " + typeText(*v));
    }
    return true;
  }

  bool number(const std::string& field, double& out) const {
    const json* v = get(field);
    if (!v) return false;
    if (!v->is_number()) error(field, "should be a number, but is " + typeText(*v));
    out = v->get<double>();
    return true;
  }

  bool boolean(const std::string& field, bool& out) const {
    const json* v = get(field);
    if (!v) return false;
    if (!v->is_boolean()) error(field, "should be true or false, but is " + typeText(*v));
    out = v->get<bool>();
    return true;
  }

  bool string(const std::string& field, std::string& out) const {
    const json* v = get(field);
    if (!v) return false;
    if (!v->is_string()) error(field, "should be a string, but is " + typeText(*v));
    out = v->get<std::string>();
    return true;
  }

 private:
  const json& obj_;
  const std::string& src_;
};

}  // namespace

std::string activationName(Activation a) {
  switch (a) {
    case Activation::Relu:
      return "relu";
    case Activation::Gelu:
      return "gelu";
    case Activation::GeluTanh:
      return "gelu_new";
    case Activation::Silu:
      return "silu";
  }
  return "?";
}

T5Config T5Config::fromJson(const std::string& jsonText, const std::string& src) {
  json root;
  try {
    root = json::parse(jsonText);
  } catch (const json::exception& e) {
    std::string msg = e.what();
    auto pos = msg.find("] ");
    if (msg.rfind("[json.exception", 0) == 0 && pos != std::string::npos) msg = msg.substr(pos + 2);
    fail(src + ": not valid JSON (" + msg + ")");
  }
  if (!root.is_object()) fail(src + ": should be a JSON object, but is " + typeText(root));

  Reader r(root, src);
  T5Config c;

  if (r.string("model_type", c.model_type)) {
    if (c.model_type != "t5" && c.model_type != "mt5")
      r.error("model_type", "is '" + c.model_type +
                                "', which Frontseat does not run; it runs T5 models (model_type 't5' or 'mt5')");
  }

  r.integer("vocab_size", c.vocab_size);
  r.integer("d_model", c.d_model);
  r.integer("d_kv", c.d_kv);
  r.integer("d_ff", c.d_ff);
  r.integer("num_layers", c.num_layers);
  if (!r.integer("num_decoder_layers", c.num_decoder_layers)) c.num_decoder_layers = c.num_layers;
  r.integer("num_heads", c.num_heads);
  r.integer("relative_attention_num_buckets", c.relative_attention_num_buckets);
  r.integer("relative_attention_max_distance", c.relative_attention_max_distance);
  r.integer("pad_token_id", c.pad_token_id);
  r.integer("eos_token_id", c.eos_token_id);
  if (!r.integer("decoder_start_token_id", c.decoder_start_token_id)) c.decoder_start_token_id = c.pad_token_id;
  r.number("layer_norm_epsilon", c.layer_norm_epsilon);
  r.boolean("tie_word_embeddings", c.tie_word_embeddings);
  if (bool scale = false; r.boolean("scale_decoder_outputs", scale)) c.scale_decoder_outputs = scale;
  if (bool quote = false; r.boolean("frontseat_quote_answers", quote)) c.quote_answers = quote;

  // feed_forward_proj, as transformers parses it.
  r.string("feed_forward_proj", c.feed_forward_proj);
  std::vector<std::string> parts;
  {
    std::string part;
    std::istringstream in(c.feed_forward_proj);
    while (std::getline(in, part, '-')) parts.push_back(part);
    if (!c.feed_forward_proj.empty() && c.feed_forward_proj.back() == '-') parts.push_back("");
  }
  if (parts.empty() || parts.size() > 2 || (parts.size() == 2 && parts[0] != "gated"))
    r.error("feed_forward_proj", "is '" + c.feed_forward_proj +
                                     "', which is not a valid activation; use '<act>' or 'gated-<act>', "
                                     "e.g. 'relu' or 'gated-gelu'");
  c.gated_ffn = parts.size() == 2;
  std::string act = c.feed_forward_proj == "gated-gelu" ? "gelu_new" : parts.back();
  std::string actField = "feed_forward_proj";
  // transformers writes these into config.json and, when present, they win.
  if (r.string("dense_act_fn", act)) actField = "dense_act_fn";
  r.boolean("is_gated_act", c.gated_ffn);
  if (!parseActivation(act, c.activation))
    r.error(actField, "names the activation '" + act +
                          "', which Frontseat does not support (relu, gelu, gelu_new, "
                          "gelu_pytorch_tanh, gelu_fast, silu, swish)");

  // Validation.
  const std::pair<const char*, int64_t> positives[] = {
      {"vocab_size", c.vocab_size}, {"d_model", c.d_model},       {"d_kv", c.d_kv},
      {"d_ff", c.d_ff},             {"num_layers", c.num_layers}, {"num_decoder_layers", c.num_decoder_layers},
      {"num_heads", c.num_heads},
  };
  for (const auto& [field, value] : positives)
    if (value <= 0) r.error(field, "should be a positive integer, but is " + std::to_string(value));
  if (c.relative_attention_num_buckets < 4)
    r.error("relative_attention_num_buckets",
            "should be at least 4, but is " + std::to_string(c.relative_attention_num_buckets));
  if (c.relative_attention_max_distance <= c.relative_attention_num_buckets / 2)
    r.error("relative_attention_max_distance",
            "should be larger than half of relative_attention_num_buckets (" +
                std::to_string(c.relative_attention_num_buckets / 2) + "), but is " +
                std::to_string(c.relative_attention_max_distance));
  const std::pair<const char*, int64_t> ids[] = {
      {"pad_token_id", c.pad_token_id},
      {"eos_token_id", c.eos_token_id},
      {"decoder_start_token_id", c.decoder_start_token_id},
  };
  for (const auto& [field, value] : ids)
    if (value < 0 || value >= c.vocab_size)
      r.error(field, "is " + std::to_string(value) + ", outside the vocabulary (vocab_size " +
                         std::to_string(c.vocab_size) + ")");
  if (!(std::isfinite(c.layer_norm_epsilon) && c.layer_norm_epsilon > 0))
    r.error("layer_norm_epsilon", "should be a small positive number, but is " + json(c.layer_norm_epsilon).dump());
  return c;
}

T5Config T5Config::load(const std::filesystem::path& configJson) {
  const std::string src = configJson.string();
  std::error_code ec;
  if (!std::filesystem::exists(configJson, ec)) fail(src + ": not found (every model folder needs a config.json)");
  if (std::filesystem::is_directory(configJson, ec)) fail(src + ": is a folder, not a config.json file");
  std::ifstream in(configJson, std::ios::binary);
  if (!in) fail(src + ": cannot be opened");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) fail(src + ": cannot be read");
  return fromJson(text.str(), src);
}

std::string T5Config::toJson() const {
  nlohmann::ordered_json j;
  j["architectures"] = {"T5ForConditionalGeneration"};
  j["d_ff"] = d_ff;
  j["d_kv"] = d_kv;
  j["d_model"] = d_model;
  j["decoder_start_token_id"] = decoder_start_token_id;
  j["dense_act_fn"] = activationName(activation);
  j["eos_token_id"] = eos_token_id;
  j["feed_forward_proj"] = feed_forward_proj;
  if (quote_answers) j["frontseat_quote_answers"] = *quote_answers;
  j["is_encoder_decoder"] = true;
  j["is_gated_act"] = gated_ffn;
  j["layer_norm_epsilon"] = layer_norm_epsilon;
  j["model_type"] = model_type;
  j["num_decoder_layers"] = num_decoder_layers;
  j["num_heads"] = num_heads;
  j["num_layers"] = num_layers;
  j["pad_token_id"] = pad_token_id;
  j["relative_attention_max_distance"] = relative_attention_max_distance;
  j["relative_attention_num_buckets"] = relative_attention_num_buckets;
  j["scale_decoder_outputs"] = scalesDecoderOutputs();
  j["tie_word_embeddings"] = tie_word_embeddings;
  j["vocab_size"] = vocab_size;
  return j.dump(2) + "\n";
}

void T5Config::save(const std::filesystem::path& configJson) const {
  const std::string text = toJson();
  writeFileAtomically(configJson, {{text.data(), text.size()}});
}

std::string T5Config::summary() const {
  std::string family;
  if (model_type == "mt5") {
    family = "mT5";
  } else if (gated_ffn) {
    family = "T5 v1.1";
  } else {
    family = "T5 v1.0";
  }
  std::ostringstream s;
  s << family << " (" << feed_forward_proj << ", " << (tie_word_embeddings ? "tied" : "untied")
    << "): " << num_layers << " enc + " << num_decoder_layers << " dec layers, d_model " << d_model << ", "
    << num_heads << " heads, vocab " << vocab_size;
  return s.str();
}

}  // namespace frontseat
