// Where tests find fixtures and write scratch files.
#pragma once

#include <filesystem>
#include <string>

namespace frontseat::testing {

// The repository's source folder (fixtures live under tests/fixtures).
std::filesystem::path sourceDir();

// A fresh, empty folder for this test, under a folder named after the running
// test; removed at the start of the next run of that test with the same name,
// so a failing test leaves its files to look at.
std::filesystem::path scratchDir(const std::string& name);

}  // namespace frontseat::testing
