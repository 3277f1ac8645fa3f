#include "engine/text/sentencepiece_module.h"

#include <dlfcn.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <vector>

#include "engine/core/errors.h"

namespace frontseat {

namespace {

constexpr const char* kModuleFile = "libfrontseat_sentencepiece.so";

std::vector<std::filesystem::path> candidates() {
  std::vector<std::filesystem::path> out;
  if (const char* env = std::getenv("FRONTSEAT_SENTENCEPIECE_MODULE")) out.emplace_back(env);
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto dir = exe.parent_path();
    out.push_back(dir / ".." / "lib" / "frontseat" / kModuleFile);
    out.push_back(dir / ".." / "lib" / kModuleFile);
    out.push_back(dir / kModuleFile);
  }
#ifdef FRONTSEAT_INSTALL_MODULE_DIR
  out.push_back(std::filesystem::path(FRONTSEAT_INSTALL_MODULE_DIR) / kModuleFile);
#endif
#ifdef FRONTSEAT_BUILD_MODULE_DIR
  out.push_back(std::filesystem::path(FRONTSEAT_BUILD_MODULE_DIR) / kModuleFile);
#endif
  return out;
}

SentencePieceModule loadModule() {
  std::string tried;
  for (const auto& path : candidates()) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      tried += (tried.empty() ? "" : ", ") + path.lexically_normal().string();
      continue;
    }
    // DEEPBIND: the module and SentencePiece resolve their own (protobuf) symbols
    // first; LOCAL: nothing else in the process sees them. Off for the pip
    // wheel's LibTorch on the GPU machine: there, under DEEPBIND, SentencePiece's
    // static initialisers crashed inside std::ostream (bench/GPU-LOG.md).
#if FRONTSEAT_SENTENCEPIECE_DEEPBIND
    const int flags = RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND;
#else
    const int flags = RTLD_NOW | RTLD_LOCAL;
#endif
    void* handle = dlopen(path.c_str(), flags);
    if (!handle) throw TokenizerError(std::string("cannot load the SentencePiece module: ") + dlerror());
    SentencePieceModule module;
    module.create = reinterpret_cast<CreateSentencePieceModelFn>(dlsym(handle, kCreateSentencePieceModelSymbol));
    module.train = reinterpret_cast<TrainSentencePieceFn>(dlsym(handle, kTrainSentencePieceSymbol));
    if (!module.create || !module.train) {
      throw TokenizerError("the SentencePiece module " + path.string() + " lacks its entry points");
    }
    return module;  // the handle stays open for the life of the process
  }
  throw TokenizerError(std::string("cannot find the SentencePiece module ") + kModuleFile + " (looked in: " +
                       tried + "); reinstall Frontseat or set FRONTSEAT_SENTENCEPIECE_MODULE");
}

}  // namespace

const SentencePieceModule& sentencePieceModule() {
  static std::once_flag once;
  static SentencePieceModule module;
  static std::string failure;
  std::call_once(once, [] {
    try {
      module = loadModule();
    } catch (const TokenizerError& e) {
      failure = e.what();
    }
  });
  if (!failure.empty()) throw TokenizerError(failure);
  return module;
}

}  // namespace frontseat
