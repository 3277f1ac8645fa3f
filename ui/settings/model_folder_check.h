// Whether a folder holds a loadable T5 checkpoint in the Hugging Face layout
// (DESIGN.md §3), checked without loading the weights: fast enough to run on
// every keystroke in the settings dialog.
#pragma once

#include <QString>

namespace frontseat::ui {

struct ModelFolderCheck {
  bool ok = false;
  QString message;  // when not ok: one sentence naming what is missing or wrong
  QString summary;  // when ok: the model's T5Config::summary()
};

// ok when `dir` exists and has a config.json that T5Config::load accepts,
// spiece.model, and model.safetensors or model.safetensors.index.json. The
// weight and tokenizer files are only checked for existence.
ModelFolderCheck checkModelFolder(const QString& dir);

}  // namespace frontseat::ui
