// Writing a file so that a crash at any moment leaves either the old file or the
// new one, never a torn one: a temporary file in the same folder, fsync, rename,
// fsync of the folder.
#pragma once

#include <cstddef>
#include <filesystem>
#include <utility>
#include <vector>

namespace frontseat {

// Writes the concatenation of `chunks` to `path`. The temporary file is removed on
// failure. Throws IoError naming the file.
void writeFileAtomically(const std::filesystem::path& path,
                         const std::vector<std::pair<const void*, std::size_t>>& chunks);

}  // namespace frontseat
