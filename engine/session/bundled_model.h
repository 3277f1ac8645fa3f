// Where the model shipped with Frontseat is, for the CLI and the app to use
// when the user names none.
#pragma once

#include <filesystem>

namespace frontseat {

// $FRONTSEAT_MODEL_DIR when set; else next to the installed program
// (<prefix>/share/frontseat/models/<name>, found from /proc/self/exe); else the
// source or build tree's models folder. The trained demo model is preferred to
// the random-weight stand-in. Empty when none is found.
std::filesystem::path findBundledModel();

}  // namespace frontseat
