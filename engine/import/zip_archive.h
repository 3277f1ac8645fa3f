// A read-only zip archive held in memory (libzip), for .docx and .epub.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

struct zip;

namespace frontseat::import {

class ZipArchive {
 public:
  // The largest entry read by default: 512 MB uncompressed (guards against zip bombs).
  static constexpr std::size_t kDefaultEntryCap = std::size_t(512) << 20;

  // Opens the archive held in `bytes`, which must outlive this object. `path` and
  // `kind` ("Word document", "EPUB book") name the file in errors. Throws InputError
  // when `bytes` is not a readable zip archive.
  ZipArchive(const std::filesystem::path& path, const std::string& bytes, const std::string& kind);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  bool contains(const std::string& name) const;

  // The entry's uncompressed bytes, or nullopt when there is no such entry (the name
  // is matched exactly, then ignoring case). Throws InputError when the entry is
  // larger than `cap`, encrypted or corrupt.
  std::optional<std::string> read(const std::string& name,
                                   std::size_t cap = kDefaultEntryCap) const;

  std::vector<std::string> names() const;

 private:
  std::filesystem::path path_;
  std::string kind_;
  zip* archive_ = nullptr;
};

}  // namespace frontseat::import
