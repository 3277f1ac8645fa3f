#include "tests/engine/test_models.h"

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

}  // namespace frontseat::testing
