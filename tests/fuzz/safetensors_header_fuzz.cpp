// libFuzzer entry point over the in-memory safetensors parser.
//
//   clang++ -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -I. \
//     tests/fuzz/safetensors_header_fuzz.cpp engine/model/safetensors.cpp -o /tmp/st_fuzz
//   mkdir -p /tmp/st_corpus && /tmp/st_fuzz -max_total_time=60 -max_len=4096 /tmp/st_corpus
//
// Any input must either parse into views that lie inside the input, or throw
// CheckpointError; nothing else (a crash, another exception, a sanitizer report).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "engine/core/errors.h"
#include "engine/model/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Copy into an exact-size heap buffer so ASan catches any read past the end.
  auto* buf = static_cast<std::byte*>(std::malloc(size ? size : 1));
  if (size) std::memcpy(buf, data, size);
  try {
    auto index = frontseat::parseSafetensors(buf, size, "fuzz.safetensors");
    volatile unsigned sum = 0;
    for (const auto& t : index.tensors) {
      if (t.data < buf || t.data + t.nbytes > buf + size) std::abort();
      if (static_cast<std::size_t>(t.numel()) * frontseat::dtypeSize(t.dtype) != t.nbytes) std::abort();
      for (std::size_t i = 0; i < t.nbytes; ++i) sum = sum + static_cast<unsigned>(t.data[i]);
    }
  } catch (const frontseat::CheckpointError&) {
    // expected for malformed input
  }
  std::free(buf);
  return 0;
}
