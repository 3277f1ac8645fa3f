#include "engine/runtime/device.h"

#include <thread>

#include "engine/core/errors.h"
#include "engine/runtime/engine.h"

namespace frontseat {

std::vector<std::string> availableDevices() {
  std::vector<std::string> out{"cpu"};
  if (torch::cuda::is_available()) {
    for (size_t i = 0; i < torch::cuda::device_count(); ++i) out.push_back("cuda:" + std::to_string(i));
  }
  return out;
}

torch::Device parseDevice(const std::string& name) {
  if (name == "cpu") return torch::kCPU;
  if (name == "cuda" || name.rfind("cuda:", 0) == 0) {
    if (!torch::cuda::is_available()) {
      throw DeviceError("device '" + name + "' was requested, but no CUDA GPU is usable here "
                        "(this LibTorch build has no CUDA, or no GPU is visible); use --device cpu");
    }
    int index = 0;
    if (name.size() > 5) {
      try {
        size_t used = 0;
        index = std::stoi(name.substr(5), &used);
        if (used != name.size() - 5) throw std::invalid_argument(name);
      } catch (const std::exception&) {
        throw DeviceError("device '" + name + "' is not of the form cuda:N");
      }
    }
    if (index < 0 || index >= static_cast<int>(torch::cuda::device_count())) {
      throw DeviceError("device '" + name + "' does not exist: " +
                        std::to_string(torch::cuda::device_count()) + " CUDA device(s) found");
    }
    return torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(index));
  }
  throw DeviceError("unknown device '" + name + "': use cpu, cuda or cuda:N");
}

torch::ScalarType parseDtype(const std::string& name, const torch::Device& device) {
  if (name == "auto") return device.is_cuda() ? torch::kBFloat16 : torch::kFloat32;
  if (name == "float32" || name == "fp32") return torch::kFloat32;
  if (name == "bfloat16" || name == "bf16") return torch::kBFloat16;
  if (name == "float16" || name == "fp16" || name == "half") {
    throw DeviceError("dtype '" + name + "' is not supported: T5 activations overflow in float16; "
                      "use bfloat16 or float32");
  }
  throw DeviceError("unknown dtype '" + name + "': use auto, float32 or bfloat16");
}

std::string dtypeLabel(torch::ScalarType type) {
  switch (type) {
    case torch::kFloat32: return "float32";
    case torch::kBFloat16: return "bfloat16";
    case torch::kHalf: return "float16";
    default: return c10::toString(type);
  }
}

void setComputeThreads(int threads) {
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  torch::set_num_threads(threads > 0 ? threads : cores);
}

}  // namespace frontseat
