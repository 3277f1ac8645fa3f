// Settings of VCC in the training loop (vcc_training_forward.h). Plain C++:
// the trainer's options and frontseat-train's flags hold them.
#pragma once

#include <cstdint>

namespace frontseat {

// Like the engine's VccOptions with levels = 2. Training inputs are far
// shorter than the documents read at inference, so a training run keeps
// fewer fine blocks than inference does, to compress as much.
struct VccTrainingOptions {
  int64_t num_vip = 48;          // VIP set size: marked tokens, padded with the leading document tokens
  int64_t block_size = 16;
  int64_t num_fine_blocks = 16;  // blocks at full resolution per VCC layer
  int64_t num_local_layers = 1;  // first encoder layers, on segments
  int64_t segment_size = 512;
  double explore_rate = 0.0;     // per example and layer: refine random blocks instead of the best
};

}  // namespace frontseat
