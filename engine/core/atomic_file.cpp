#include "engine/core/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <random>
#include <string>

#include "engine/core/errors.h"

namespace frontseat {

namespace fs = std::filesystem;

namespace {

std::string errnoText(int err) { return std::strerror(err); }

}  // namespace

void writeFileAtomically(const fs::path& path,
                         const std::vector<std::pair<const void*, std::size_t>>& chunks) {
  const std::string dst = path.string();
  fs::path dir = path.parent_path();
  if (dir.empty()) dir = ".";

  static std::atomic<unsigned> counter{0};
  std::random_device rd;
  std::string tmp;
  int fd = -1;
  for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
    tmp = (dir / ("." + path.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                  std::to_string(counter++) + "-" + std::to_string(rd())))
              .string();
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) {
    int err = errno;
    throw IoError(dst + ": cannot create a temporary file next to it (" + errnoText(err) + ")");
  }
  auto abandon = [&](const std::string& what, int err) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw IoError(dst + ": cannot " + what + " (" + errnoText(err) + ")");
  };
  for (const auto& chunk : chunks) {
    const char* p = static_cast<const char*>(chunk.first);
    std::size_t left = chunk.second;
    while (left > 0) {
      const std::size_t step = std::min<std::size_t>(left, std::size_t{1} << 30);
      ssize_t n = ::write(fd, p, step);
      if (n < 0) {
        if (errno == EINTR) continue;
        abandon("write", errno);
      }
      p += n;
      left -= static_cast<std::size_t>(n);
    }
  }
  if (::fsync(fd) != 0) abandon("flush to disk", errno);
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    throw IoError(dst + ": cannot close (" + errnoText(err) + ")");
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    throw IoError(dst + ": cannot replace the file (" + errnoText(err) + ")");
  }
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);  // best effort: makes the rename durable
    ::close(dfd);
  }
}

}  // namespace frontseat
