// Small T5 configurations for tests, in one place.
#pragma once

#include <cstdint>

#include "engine/model/t5_config.h"

namespace frontseat::testing {

struct TestShape {
  int64_t vocab = 64, d_model = 32, d_kv = 8, d_ff = 48, heads = 4, encoder_layers = 2, decoder_layers = 2;
};

// T5 v1.1 / Flan style (gated GELU) when `gated`, else T5 v1.0 style (ReLU).
T5Config testConfig(const TestShape& shape, bool gated, bool tied);

}  // namespace frontseat::testing
