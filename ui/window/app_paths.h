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

// The bundled model folder (see engine/session/bundled_model.h), or empty.
QString findBundledModel();

}  // namespace frontseat::ui
