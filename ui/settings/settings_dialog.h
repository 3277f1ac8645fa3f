// The "Model & settings" dialog: edits a copy of the AppSettings. OK stays
// disabled while the model folder is not a loadable checkpoint.
#pragma once

#include <QDialog>
#include <QStringList>

#include "ui/settings/app_settings.h"

class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace frontseat::ui {

class AttentionEditor;

class SettingsDialog : public QDialog {
  Q_OBJECT

 public:
  // `available_devices`: what the engine can run on here, e.g. {"cpu"} or
  // {"cpu", "cuda:0"} (frontseat::availableDevices()); only these are offered.
  SettingsDialog(const AppSettings& current, const QStringList& available_devices, QWidget* parent = nullptr);

  // `current` with the edits applied (recent files are kept as they were).
  AppSettings settings() const;

 private:
  struct GenerationFields {
    QSpinBox* max_new_tokens;
    QSpinBox* num_beams;
    QSpinBox* no_repeat_ngram;
    QComboBox* quote_document = nullptr;  // answers only
  };

  QGroupBox* buildModelGroup();
  QGroupBox* buildDeviceGroup(const QStringList& available_devices);
  QGroupBox* buildGenerationGroup(const QString& title, const QString& name_prefix, const GenerationOptions& options,
                                  GenerationFields& fields);
  void browseModelFolder();
  void validateModelFolder();

  AppSettings current_;
  QLineEdit* model_dir_;
  QLabel* model_status_;
  QComboBox* device_;
  QComboBox* dtype_;
  QSpinBox* threads_;
  AttentionEditor* attention_;
  GenerationFields answer_;
  GenerationFields summary_;
  QDialogButtonBox* buttons_;
};

}  // namespace frontseat::ui
