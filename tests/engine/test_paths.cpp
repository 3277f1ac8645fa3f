#include "tests/engine/test_paths.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>

namespace frontseat::testing {

std::filesystem::path sourceDir() { return FRONTSEAT_SOURCE_DIR; }

namespace {

// ctest runs every test in its own process, several at once: a folder per
// running test keeps two processes that build the same fixture (a tokenizer
// trained once per process) from writing the same files at the same time.
std::string runningTestFolder() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  if (info == nullptr) return "process-" + std::to_string(::getpid());
  std::string name = std::string(info->test_suite_name()) + "." + info->name();
  std::replace(name.begin(), name.end(), '/', '_');
  return name;
}

}  // namespace

std::filesystem::path scratchDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("frontseat-test-" + std::to_string(::getuid())) / runningTestFolder() / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace frontseat::testing
