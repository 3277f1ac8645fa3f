// VCC settings (DESIGN.md §4) and how defaults follow the model and the input.
// Plain C++: shared by the engine, the CLI, the UI and the benchmarks.
#pragma once

#include <cstdint>
#include <string>

#include "engine/model/t5_config.h"

namespace frontseat {

enum class AttentionMode { Auto, Full, Vcc };

AttentionMode parseAttentionMode(const std::string& name);  // auto, full, vcc; InputError otherwise
std::string attentionModeName(AttentionMode mode);

// Zero or negative means "choose for me" where a field says so.
struct VccOptions {
  int num_vip = 48;           // VIP tokens kept at full resolution (question + prefix, padded with leading tokens)
  int block_size = 16;        // tokens per finest block
  int num_fine_blocks = 0;    // finest blocks refined to tokens in each VCC layer; 0: by length
  int num_local_layers = -1;  // first layers run on segments; -1: a third of the encoder (4 of 12)
  int segment_size = 512;     // tokens per segment in the local layers
  int levels = 0;             // resolutions incl. tokens: 2 = token + block (the paper); 0: by length
  int fanout = 4;             // blocks per parent block between levels
};

// Every field decided and checked for this model and input length.
struct ResolvedVcc {
  int64_t num_vip, block_size, num_fine_blocks, num_local_layers, segment_size, levels, fanout;
};

// The fine blocks a document of this length gets when the options leave the
// number to the length: a share of its blocks, within a floor and a ceiling.
int64_t fineBlocksByLength(int64_t input_tokens, int64_t block_size);

// InputError naming the field when a setting is unusable.
ResolvedVcc resolveVcc(const VccOptions& options, const T5Config& config, int64_t input_tokens);

// Whether compression pays for this length: false when the compressed sequence
// would be nearly as long as the input, so full attention is as cheap.
bool vccPays(const ResolvedVcc& vcc, int64_t input_tokens);

}  // namespace frontseat
