// Writes a T5 with random weights (transformers' initialisation scales) as a
// Hugging Face folder: config.json and model.safetensors. No LibTorch here, so
// tools can call it without compiling against torch.
#pragma once

#include <cstdint>
#include <filesystem>

#include "engine/model/t5_config.h"

namespace frontseat {

void writeRandomT5Model(const T5Config& config, uint64_t seed, const std::filesystem::path& dir);

}  // namespace frontseat
