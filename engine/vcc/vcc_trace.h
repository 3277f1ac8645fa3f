// The VIP trace (DESIGN.md §5): for each encoder layer its kind and, for every
// input token, the resolution it had and the selector score of its block; plus
// the token roles and their character spans in the document. The GUI's VIP map,
// `frontseat-cli inspect` and the tests all read this one structure. On disk it
// is run-length encoded JSON: a few MB for 128K tokens.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/text/prompt.h"

namespace frontseat {

// Resolution codes: 0 = VIP, 1 = full resolution (a token in a full, local or
// refined block), 1 + k = inside a coarse block of level k (k = 1: block_size
// tokens, k = 2: block_size * fanout, ...).
inline constexpr uint8_t kResolutionVip = 0;
inline constexpr uint8_t kResolutionFine = 1;
inline constexpr uint8_t coarseResolution(int level) { return static_cast<uint8_t>(1 + level); }

struct LayerTrace {
  std::string kind;                 // "full", "local" or "vcc"
  std::vector<uint8_t> resolution;  // one per token
  std::vector<float> score;         // one per token: its block's selector probability; 0 where none
};

struct TokenSpanRange {
  int64_t begin = -1, end = -1;  // byte span in the document; -1 for tokens not from the document
};

struct VccTrace {
  std::string attention;            // "full" or "vcc"
  int64_t tokens = 0;
  std::vector<TokenRole> roles;     // one per token
  std::vector<TokenSpanRange> spans;  // one per token
  std::vector<LayerTrace> layers;
  // The settings used (VCC runs): the JSON keeps them for the reader.
  int64_t num_vip = 0, block_size = 0, num_fine_blocks = 0, num_local_layers = 0, segment_size = 0, levels = 0,
          fanout = 0;
};

std::string traceToJson(const VccTrace& trace);
// InputError when the text is not a trace or is inconsistent (wrong lengths).
VccTrace traceFromJson(const std::string& json_text, const std::string& source_name);

void writeTrace(const VccTrace& trace, const std::filesystem::path& path);  // atomic
VccTrace readTrace(const std::filesystem::path& path);

// A layer where every token had full resolution ("full" or "local").
LayerTrace denseLayerTrace(const std::string& kind, int64_t tokens);

// Roles and spans of a prompt, as the trace stores them.
void describeTokens(const PromptTokens& prompt, VccTrace& trace);

}  // namespace frontseat
