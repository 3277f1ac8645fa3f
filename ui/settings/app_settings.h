// The app's persistent settings: which model to load and where, how to attend
// (full or VCC, with a preset), how to decode answers and summaries, and the
// recently opened files. A plain value; load/save go through a QSettings so the
// app, the tests and the settings dialog share one definition of every key.
#pragma once

#include <QSettings>
#include <QString>
#include <QStringList>

#include "engine/model/generation_options.h"
#include "engine/runtime/engine.h"
#include "engine/vcc/vcc_options.h"

namespace frontseat::ui {

// "fast", "balanced", "accurate", "custom", in the order the dialog offers them.
const QStringList& vccPresetNames();

// The VCC options of a preset, or `custom` for "custom". Unknown names give
// "balanced". What each preset trades:
// - balanced: the engine's defaults (48 VIP tokens, fine blocks of 16 tokens by
//   input length: two fifths of the blocks, 90 to 400; levels by input length).
// - fast: 40 fine blocks and a fixed 3-level hierarchy (coarse tokens also
//   merge 4 blocks), so the compressed sequence is much shorter and long inputs
//   run faster, but evidence the selector ranks lower is read only coarsely.
// - accurate: 800 fine blocks and 96 VIP tokens (room for long questions),
//   twice what balanced gives the longest documents: slower, closer to full
//   attention.
VccOptions vccPresetOptions(const QString& preset, const VccOptions& custom);

struct AppSettings {
  static constexpr int kMaxRecentFiles = 10;

  ModelOptions model;  // dir starts as defaultModelDir()
  AttentionMode attention = AttentionMode::Auto;
  QString vcc_preset = QStringLiteral("balanced");  // one of vccPresetNames()
  VccOptions custom_vcc;                            // used when vcc_preset is "custom"
  // Answers quote the document as the model folder says (std::nullopt).
  GenerationOptions answer_generation{64, 1, 1.0, 0, std::nullopt};
  GenerationOptions summary_generation{128, 2, 1.0, kSummaryNoRepeatNgram};
  QStringList recent_files;  // most recent first, no duplicates, at most kMaxRecentFiles

  AppSettings();

  // Where the bundled model is installed; only the app knows. Set it before
  // building or loading settings; empty when there is none.
  static void setDefaultModelDir(const QString& dir);
  static QString defaultModelDir();

  // Missing, garbage or out-of-range values take their defaults, field by field.
  static AppSettings load(QSettings& store);
  void save(QSettings& store) const;

  // The VCC options to run with: the preset's, or custom_vcc for "custom".
  VccOptions effectiveVcc() const;

  // Moves `path` to the front of recent_files, dropping an older copy of it
  // and the oldest entries beyond kMaxRecentFiles.
  void addRecentFile(const QString& path);

  // model.dir as a QString, in the file system's encoding.
  QString modelDir() const;
  void setModelDir(const QString& dir);
};

}  // namespace frontseat::ui
