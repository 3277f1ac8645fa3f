// The settings dialog's Attention section: full attention or VCC, the VCC
// preset, and the VCC parameters. The parameter fields are editable only for
// the "custom" preset; for the others they show that preset's values. The
// custom values survive a round trip through another preset.
#pragma once

#include <QWidget>

#include "engine/vcc/vcc_options.h"

class QComboBox;
class QSpinBox;

namespace frontseat::ui {

class AttentionEditor : public QWidget {
  Q_OBJECT

 public:
  AttentionEditor(AttentionMode mode, const QString& preset, const VccOptions& custom, QWidget* parent = nullptr);

  AttentionMode mode() const;
  QString preset() const;            // one of vccPresetNames()
  VccOptions customOptions() const;  // the "custom" preset's values, whichever preset is chosen

 private:
  void onPresetChanged();
  void updateEnabled();
  void showOptions(const VccOptions& options);
  VccOptions shownOptions() const;

  QComboBox* mode_;
  QComboBox* preset_;
  QSpinBox* num_vip_;
  QSpinBox* block_size_;
  QSpinBox* num_fine_blocks_;
  QSpinBox* num_local_layers_;
  QSpinBox* segment_size_;
  QComboBox* levels_;
  QSpinBox* fanout_;
  VccOptions custom_;            // the custom values while a fixed preset is shown
  bool showing_custom_ = false;  // whether the fields hold the custom values
};

}  // namespace frontseat::ui
