// Decoding settings shared by the engine API, the CLI and the UI.
#pragma once

namespace frontseat {

struct GenerationOptions {
  int max_new_tokens = 64;
  int num_beams = 1;            // 1 = greedy
  double length_penalty = 1.0;  // beam score = sum of log-probs / length^length_penalty
};

}  // namespace frontseat
