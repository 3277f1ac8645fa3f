// Replacing a whole folder so that a crash at any moment leaves either the old
// folder or the new one in place, never a mix: what checkpoints need, since a
// training run may be killed while it writes one. Plain C++ (Linux).
#pragma once

#include <filesystem>
#include <functional>

namespace frontseat {

// `fill` writes the new content into a fresh temporary folder next to `dir`
// (a stale one from a killed run is removed first). Its files are then flushed
// to disk and the folder takes the place of `dir` in one atomic rename. When
// `fill` throws, `dir` is left as it was. IoError when the file system fails.
void writeFolderAtomically(const std::filesystem::path& dir,
                           const std::function<void(const std::filesystem::path& tmp)>& fill);

}  // namespace frontseat
