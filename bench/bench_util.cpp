#include "bench/bench_util.h"

#include <chrono>
#include <fstream>
#include <stdexcept>

namespace frontseat::bench {

namespace {

double statusFieldMb(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stod(line.substr(field.size() + 1)) / 1024.0;
  }
  return 0;
}

void synchronize(const torch::Device& device) {
  if (device.is_cuda()) torch::cuda::synchronize();
}

}  // namespace

double currentRssMb() { return statusFieldMb("VmRSS"); }
double peakRssMb() { return statusFieldMb("VmHWM"); }

double timeMs(const std::function<void()>& fn, const torch::Device& device) {
  synchronize(device);
  const auto start = std::chrono::steady_clock::now();
  fn();
  synchronize(device);
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

double matmulGflops(const torch::Device& device, torch::ScalarType dtype, int64_t size) {
  auto opts = torch::TensorOptions().device(device).dtype(dtype);
  auto a = torch::randn({size, size}, opts), b = torch::randn({size, size}, opts);
  torch::mm(a, b);  // warm-up
  double best = 1e300;
  for (int i = 0; i < 5; ++i) best = std::min(best, timeMs([&] { torch::mm(a, b); }, device));
  return 2.0 * size * size * size / (best * 1e-3) / 1e9;
}

T5Config shapeConfig(const std::string& shape) {
  T5Config c;  // t5-small: d_model 512, 8 heads, d_ff 2048, 6 layers, ReLU
  c.vocab_size = 32128;
  if (shape == "base") {
    c.d_model = 768, c.d_ff = 3072, c.num_heads = 12;
    c.num_layers = c.num_decoder_layers = 12;
  } else if (shape == "demo") {  // the bundled model's shape (models/frontseat-demo)
    c.vocab_size = 8000, c.d_model = 128, c.d_ff = 512, c.num_heads = 4;
    c.num_layers = 4, c.num_decoder_layers = 2;
    c.feed_forward_proj = "gated-gelu", c.gated_ffn = true, c.activation = Activation::GeluTanh;
  } else if (shape != "small") {
    throw std::invalid_argument("unknown shape '" + shape + "': use small, base or demo");
  }
  return c;
}

double encoderFlops(const T5Config& c, int64_t n) {
  const double inner = static_cast<double>(c.num_heads * c.d_kv), d = c.d_model, nn = static_cast<double>(n);
  const double projections = 2.0 * nn * d * inner * 4;             // q, k, v, o
  const double attention = 2.0 * nn * nn * inner * 2;              // QK^T and PV
  const double ffn = 2.0 * nn * d * c.d_ff * (c.gated_ffn ? 3 : 2);
  return c.num_layers * (projections + attention + ffn);
}

}  // namespace frontseat::bench
