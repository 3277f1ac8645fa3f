#include "engine/session/bundled_model.h"

#include <cstdlib>
#include <system_error>
#include <vector>

namespace frontseat {

std::filesystem::path findBundledModel() {
  if (const char* env = std::getenv("FRONTSEAT_MODEL_DIR"); env && *env) return env;
  std::vector<std::filesystem::path> roots;
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) roots.push_back(exe.parent_path() / ".." / "share" / "frontseat" / "models");
#ifdef FRONTSEAT_SOURCE_MODELS_DIR
  roots.emplace_back(FRONTSEAT_SOURCE_MODELS_DIR);
#endif
#ifdef FRONTSEAT_BUILD_MODELS_DIR
  roots.emplace_back(FRONTSEAT_BUILD_MODELS_DIR);
#endif
  for (const char* name : {"frontseat-demo", "tiny-random"}) {
    for (const auto& root : roots) {
      const auto dir = root / name;
      if (std::filesystem::exists(dir / "config.json", ec)) return dir.lexically_normal();
    }
  }
  return {};
}

}  // namespace frontseat
