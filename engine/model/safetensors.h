// Reading and writing safetensors files (https://github.com/huggingface/safetensors).
//
// Format: an 8-byte little-endian u64 header length N, then N bytes of UTF-8 JSON (an
// object: tensor name -> {"dtype", "shape", "data_offsets": [begin, end]}, plus an
// optional "__metadata__" object of string -> string), then the data section. Offsets
// are relative to the start of the data section (byte 8 + N).
//
// Plain C++17: no LibTorch, no Qt. Every malformed input is a CheckpointError whose
// message names the file and the tensor at fault; nothing here trusts the file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace frontseat {

enum class DType { F32, F16, BF16 };

std::size_t dtypeSize(DType dtype);  // 4, 2, 2
std::string dtypeName(DType dtype);  // "F32", "F16", "BF16" (as in the file format)

// A tensor inside a mapped file (or an in-memory image); valid while that file is alive.
// `data` is NOT necessarily aligned to the element size: files from other writers may
// have a header length that is not a multiple of 8. Check before reinterpreting.
struct TensorView {
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  const std::byte* data = nullptr;
  std::size_t nbytes = 0;
  std::size_t dataOffset = 0;  // begin offset within the data section (for messages)

  int64_t numel() const;  // product of shape; 1 for a 0-d scalar
  // True when `data` is aligned to dtypeSize(dtype).
  bool aligned() const;
};

// Upper bound on the JSON header length we accept (the reference implementation uses
// 100 MB as well).
constexpr std::uint64_t kMaxSafetensorsHeaderBytes = 100u * 1000u * 1000u;

// The parsed header of a whole safetensors byte image.
struct SafetensorsIndex {
  std::vector<TensorView> tensors;  // sorted by data offset (data order)
  std::map<std::string, std::string> metadata;
};

// Parses and fully validates a whole safetensors byte image held in memory (used by the
// file class and by the fuzzer). `sourceName` is used in error messages. The views point
// into `data`. Throws CheckpointError on anything malformed: short file, header length
// past the end or above kMaxSafetensorsHeaderBytes, invalid JSON or UTF-8, duplicate
// keys, wrong field types, unsupported dtype, negative dims, overflowing shapes, a size
// that disagrees with the shape, ranges reversed / outside the data section / overlapping.
// Gaps between tensors and trailing bytes after the last tensor are accepted.
SafetensorsIndex parseSafetensors(const std::byte* data, std::size_t size,
                                  const std::string& sourceName);

// One memory-mapped (mmap, read-only, MAP_PRIVATE) file; no copy in RAM.
// Note: if another process truncates the file while it is mapped, reading a view past
// the new end raises SIGBUS; this cannot be detected here.
class SafetensorsFile {
 public:
  static std::shared_ptr<SafetensorsFile> open(const std::filesystem::path& path);
  ~SafetensorsFile();  // munmap

  SafetensorsFile(const SafetensorsFile&) = delete;
  SafetensorsFile& operator=(const SafetensorsFile&) = delete;

  const std::vector<TensorView>& tensors() const { return index_.tensors; }
  const TensorView* find(const std::string& name) const;  // nullptr if absent
  const std::map<std::string, std::string>& metadata() const { return index_.metadata; }
  const std::filesystem::path& path() const { return path_; }
  std::size_t fileSize() const { return size_; }
  // The start of the mapping (for tests and diagnostics).
  const std::byte* mappedData() const { return static_cast<const std::byte*>(map_); }

 private:
  SafetensorsFile() = default;

  std::filesystem::path path_;
  void* map_ = nullptr;
  std::size_t size_ = 0;
  SafetensorsIndex index_;
  std::unordered_map<std::string, std::size_t> byName_;
};

// A model folder's weights: `model.safetensors`, or `model.safetensors.index.json` +
// shards (the index's "weight_map": tensor name -> shard file name). Shards are opened
// once each. When both exist, `model.safetensors` wins (as in transformers). Only the
// tensors named in the weight_map are exposed from a sharded checkpoint.
class SafetensorsCheckpoint {
 public:
  static SafetensorsCheckpoint openFolder(const std::filesystem::path& dir);

  const TensorView* find(const std::string& name) const;  // nullptr if absent
  std::vector<std::string> names() const;                  // sorted
  // "model-00001-of-00002.safetensors: 'name'" for messages (the file holding the
  // tensor; the single file or the index file when the tensor is absent).
  std::string describe(const std::string& name) const;
  std::size_t totalBytes() const;  // sum of mapped file sizes
  const std::vector<std::shared_ptr<SafetensorsFile>>& files() const { return files_; }
  const std::filesystem::path& folder() const { return dir_; }

 private:
  struct Entry {
    const TensorView* view;
    std::size_t file;  // index into files_
  };
  std::filesystem::path dir_;
  std::string fallbackName_;  // file named by describe() for absent tensors
  std::vector<std::shared_ptr<SafetensorsFile>> files_;
  std::map<std::string, Entry> entries_;
};

struct TensorToWrite {
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  const void* data = nullptr;
  std::size_t nbytes = 0;
};

// Writes atomically (temp file in the same folder, fsync, rename), header padded with
// spaces to a multiple of 8 bytes as the reference implementation does, tensors in the
// given order (which is their data order). Throws CheckpointError on invalid input
// (nbytes disagreeing with the shape, duplicate or reserved names) or I/O failure.
void writeSafetensors(const std::filesystem::path& path, const std::vector<TensorToWrite>& tensors,
                      const std::map<std::string, std::string>& metadata = {});


}  // namespace frontseat
