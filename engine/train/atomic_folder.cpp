#include "engine/train/atomic_folder.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "engine/core/errors.h"

namespace frontseat {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const fs::path& path, const std::string& what, int err) {
  throw IoError(path.string() + ": cannot " + what + " (" + std::strerror(err) + ")");
}

void flushToDisk(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) fail(path, "open to flush it", errno);
  const int result = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (result != 0) fail(path, "flush to disk", err);
}

// Every file of the folder, then the folder itself, so the rename publishes
// complete data even after a power loss.
void flushFolder(const fs::path& dir) {
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) flushToDisk(entry.path(), O_RDONLY);
    if (entry.is_directory()) flushToDisk(entry.path(), O_RDONLY | O_DIRECTORY);
  }
  flushToDisk(dir, O_RDONLY | O_DIRECTORY);
}

// Puts `fresh` at `dir`; the previous `dir`, if any, ends up at `fresh`.
void publish(const fs::path& fresh, const fs::path& dir) {
  if (!fs::exists(dir)) {
    if (::rename(fresh.c_str(), dir.c_str()) != 0) fail(dir, "create", errno);
    return;
  }
  // One atomic swap of two existing folders (Linux 3.15+).
  if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) == 0) return;
  if (errno != EINVAL && errno != ENOSYS) fail(dir, "replace", errno);
  // File systems without the swap (NFS): two renames; a crash between them
  // leaves the previous folder at <dir>.old.
  const fs::path old = dir.string() + ".old";
  fs::remove_all(old);
  if (::rename(dir.c_str(), old.c_str()) != 0) fail(dir, "move aside", errno);
  if (::rename(fresh.c_str(), dir.c_str()) != 0) fail(dir, "replace", errno);
  if (::rename(old.c_str(), fresh.c_str()) != 0) fail(old, "rename", errno);
}

}  // namespace

void writeFolderAtomically(const fs::path& dir, const std::function<void(const fs::path& tmp)>& fill) {
  const fs::path parent = dir.has_parent_path() ? dir.parent_path() : fs::path(".");
  const fs::path tmp = parent / ("." + dir.filename().string() + ".tmp");
  try {
    fs::create_directories(parent);
    fs::remove_all(tmp);
    fs::create_directory(tmp);
  } catch (const fs::filesystem_error& e) {
    throw IoError(tmp.string() + ": cannot create a fresh folder (" + e.code().message() + ")");
  }
  try {
    fill(tmp);
    flushFolder(tmp);
    publish(tmp, dir);
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(tmp, ignored);
    throw;
  }
  std::error_code ignored;
  fs::remove_all(tmp, ignored);  // the previous content, if any; a leftover is removed next time
  flushToDisk(parent, O_RDONLY | O_DIRECTORY);
}

}  // namespace frontseat
