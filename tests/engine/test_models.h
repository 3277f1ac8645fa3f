// Small T5 configurations for tests, in one place.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "engine/model/t5_config.h"

namespace frontseat::testing {

struct TestShape {
  int64_t vocab = 64, d_model = 32, d_kv = 8, d_ff = 48, heads = 4, encoder_layers = 2, decoder_layers = 2;
};

// T5 v1.1 / Flan style (gated GELU) when `gated`, else T5 v1.0 style (ReLU).
T5Config testConfig(const TestShape& shape, bool gated, bool tied);

// A model folder (config.json, model.safetensors, spiece.model) in the scratch
// folder `name`: random weights of a 3-layer encoder and 2-layer decoder, tied
// unless `gated`, and a 300-piece tokenizer trained on the harbor report sample.
std::filesystem::path makeEngineModel(const std::string& name, bool gated);

}  // namespace frontseat::testing
