// Where the desktop app keeps its data and finds the bundled model. The library
// file is the one frontseat-cli uses by default, so both see the same documents.
#pragma once

#include <QString>

namespace frontseat::ui {

struct AppPaths {
  QString database;  // $XDG_DATA_HOME/frontseat/library.sqlite
  QString traces;    // $XDG_DATA_HOME/frontseat/traces: VIP traces of past answers
  QString bundled_model;  // the model shipped with the app, or empty when none is found
};

AppPaths defaultAppPaths();

// The bundled model folder: $FRONTSEAT_MODEL_DIR when set; else next to the
// installed app (<prefix>/share/frontseat/models/<name>); else the build tree's.
// Looks for the trained demo model first, then the random-weight stand-in.
QString findBundledModel();

}  // namespace frontseat::ui
