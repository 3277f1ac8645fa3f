// The T5 model configuration (a Hugging Face `config.json`), read with the same
// semantics as transformers' T5Config (models/t5/configuration_t5.py).
//
// Plain C++17 + nlohmann-json. Every problem is a CheckpointError naming the file and
// the field at fault.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace frontseat {

enum class Activation {
  Relu,
  Gelu,      // exact erf GELU (transformers "gelu")
  GeluTanh,  // tanh approximation (transformers "gelu_new", "gelu_pytorch_tanh", "gelu_fast")
  Silu,      // "silu" / "swish"
};

std::string activationName(Activation a);  // "relu", "gelu", "gelu_new", "silu"

struct T5Config {
  int64_t vocab_size = 32128, d_model = 512, d_kv = 64, d_ff = 2048, num_layers = 6,
          num_decoder_layers = 6, num_heads = 8, relative_attention_num_buckets = 32,
          relative_attention_max_distance = 128, pad_token_id = 0, eos_token_id = 1,
          decoder_start_token_id = 0;
  double layer_norm_epsilon = 1e-6;
  std::string feed_forward_proj = "relu";
  bool gated_ffn = false;                    // transformers' is_gated_act
  Activation activation = Activation::Relu;  // transformers' dense_act_fn
  // Whether the LM head is the shared embedding table. Checkpoints decide it
  // when they are loaded (loadT5Weights): transformers 5 writes true for every
  // T5 and keeps an own head only as lm_head.weight in the weights.
  bool tie_word_embeddings = true;
  // Whether the decoder output is scaled by d_model**-0.5 before the head.
  // transformers 5 writes it; older configs leave it out and mean
  // tie_word_embeddings (scalesDecoderOutputs()).
  std::optional<bool> scale_decoder_outputs;
  std::string model_type = "t5";  // "t5" or "mt5"
  // Frontseat's own field, "frontseat_quote_answers": the model answers questions
  // by copying from the document (frontseat-train's models do), so its answers
  // are quoted unless the user says otherwise. Absent from other checkpoints.
  std::optional<bool> quote_answers;

  // Semantics as transformers' T5Config:
  // - num_decoder_layers defaults to num_layers when absent or null;
  // - feed_forward_proj is "<act>" or "gated-<act>"; "gated-gelu" means the tanh GELU;
  // - "dense_act_fn" / "is_gated_act", when present in the JSON (transformers writes
  //   them), override what feed_forward_proj implies, as they do in transformers;
  // - decoder_start_token_id defaults to pad_token_id when absent or null;
  // - other absent fields take the defaults above; unknown fields are ignored.
  // Validation: positive sizes and layer counts, at least 4 relative-attention buckets
  // and a max distance above half the buckets (T5's bucket formula divides by
  // log(max_distance / (buckets/2)) in the decoder), pad/eos/decoder-start ids inside
  // the vocabulary, a positive finite layer_norm_epsilon, model_type "t5" or "mt5".
  bool scalesDecoderOutputs() const { return scale_decoder_outputs.value_or(tie_word_embeddings); }

  static T5Config fromJson(const std::string& jsonText, const std::string& sourceName);
  static T5Config load(const std::filesystem::path& configJson);

  // The transformers field names, loadable by transformers' T5Config.
  std::string toJson() const;
  void save(const std::filesystem::path& configJson) const;  // atomic write

  // One line, e.g. "T5 v1.1 (gated-gelu, untied): 8 enc + 8 dec layers, d_model 512,
  // 6 heads, vocab 32128".
  std::string summary() const;
};

}  // namespace frontseat
