#include "tests/engine/test_paths.h"

#include <unistd.h>

namespace frontseat::testing {

std::filesystem::path sourceDir() { return FRONTSEAT_SOURCE_DIR; }

std::filesystem::path scratchDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("frontseat-test-" + std::to_string(::getuid())) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace frontseat::testing
