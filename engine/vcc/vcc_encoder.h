// The VCC encoder (DESIGN.md §4): VIP tokens in front at full resolution, local
// early layers on segments, then layers that each select the blocks that matter
// to the VIP tokens, refine them top-down through the block hierarchy, run the
// standard layer on [fine tokens; coarse blocks; VIP tokens] with scale
// correction, and fold the update back. Every token is rebuilt at the end, so
// the decoder cross-attends to all n states. Internal (includes LibTorch).
#pragma once

#include <torch/torch.h>

#include "engine/model/t5_model.h"
#include "engine/vcc/vcc_options.h"
#include "engine/vcc/vcc_trace.h"

namespace frontseat {

// ids (n); vip (n, bool): question, prefix and pinned tokens. When `trace` is
// given, its layers are filled (one per encoder layer). Returns (n, d_model).
torch::Tensor encodeVcc(const T5Weights& w, const torch::Tensor& ids, const torch::Tensor& vip,
                        const ResolvedVcc& options, VccTrace* trace = nullptr,
                        const LayerCallback& onLayer = nullptr);

// The number of items refined per block level (index 1 = finest) so that each
// level offers the next twice the candidates it needs.
std::vector<int64_t> refineQuotas(const ResolvedVcc& options);

}  // namespace frontseat
