// Small measuring helpers shared by the benchmark programs.
#pragma once

#include <torch/torch.h>

#include <functional>
#include <string>

#include "engine/model/t5_config.h"

namespace frontseat::bench {

// Resident set size of this process now, and its peak so far, in MiB (from /proc).
double currentRssMb();
double peakRssMb();

// Wall-clock milliseconds of fn, after the device has finished its work.
double timeMs(const std::function<void()>& fn, const torch::Device& device);

// This machine's fp32 (or given dtype) square matmul rate, GFLOP/s, best of a few.
double matmulGflops(const torch::Device& device, torch::ScalarType dtype, int64_t size = 2048);

// Model shapes by name: "small" (t5-small), "base" (t5-base), "demo" (the bundled model).
T5Config shapeConfig(const std::string& shape);

// FLOPs of a full-attention encoder forward over n tokens (multiply-add = 2).
double encoderFlops(const T5Config& config, int64_t n);

}  // namespace frontseat::bench
