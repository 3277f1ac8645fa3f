// Parsing the user's device and dtype choices into LibTorch's, with readable
// errors. Internal to the engine (includes LibTorch).
#pragma once

#include <torch/torch.h>

#include <string>

namespace frontseat {

// "cpu", "cuda" or "cuda:N". DeviceError when CUDA is asked for and absent.
torch::Device parseDevice(const std::string& name);

// "auto" (fp32 on CPU, bf16 on CUDA), "float32"/"fp32", "bfloat16"/"bf16".
// float16 is refused: T5 activations overflow in it.
torch::ScalarType parseDtype(const std::string& name, const torch::Device& device);

std::string dtypeLabel(torch::ScalarType type);

// Intra-op threads: the given count, or every core when 0.
void setComputeThreads(int threads);

}  // namespace frontseat
