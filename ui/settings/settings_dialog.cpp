#include "ui/settings/settings_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/settings/attention_editor.h"
#include "ui/settings/form_fields.h"
#include "ui/settings/model_folder_check.h"
#include "ui/settings/settings_limits.h"

namespace frontseat::ui {

namespace {

// "cpu" -> "CPU", "cuda:1" -> "CUDA GPU 1".
QString deviceLabel(const QString& device) {
  if (device == QLatin1String("cpu")) return SettingsDialog::tr("CPU");
  if (device.startsWith(QLatin1String("cuda:"))) return SettingsDialog::tr("CUDA GPU %1").arg(device.mid(5));
  if (device == QLatin1String("cuda")) return SettingsDialog::tr("CUDA GPU");
  return device;
}

}  // namespace

SettingsDialog::SettingsDialog(const AppSettings& current, const QStringList& available_devices, QWidget* parent)
    : QDialog(parent), current_(current) {
  setWindowTitle(tr("Model & settings"));

  buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);

  attention_ = new AttentionEditor(current.attention, current.vcc_preset, current.custom_vcc);
  auto* attention_group = new QGroupBox(tr("Attention"));
  (new QVBoxLayout(attention_group))->addWidget(attention_);

  // Model across the top; device and decoding on the left, attention on the right.
  auto* columns = new QGridLayout;
  columns->addWidget(buildDeviceGroup(available_devices), 0, 0);
  auto* answers = buildGenerationGroup(tr("Answers"), QStringLiteral("answer"), current.answer_generation, answer_);
  // The item data: unset (as the model folder says), true or false.
  answer_.quote_document = new QComboBox;
  answer_.quote_document->setObjectName(QStringLiteral("answerQuoteMode"));
  answer_.quote_document->addItem(tr("As the model suggests"), QVariant());
  answer_.quote_document->addItem(tr("Always"), true);
  answer_.quote_document->addItem(tr("Never"), false);
  answer_.quote_document->setToolTip(
      tr("A quoted answer is a passage copied word for word from the document, so you can always find it there; "
         "the model chooses which. The bundled model answers by copying and is quoted; other T5 folders answer "
         "in their own words (yes or no, explanations) and are not, unless you choose Always."));
  const auto& quote = current.answer_generation.quote_document;
  answer_.quote_document->setCurrentIndex(!quote ? 0 : *quote ? 1 : 2);
  static_cast<QFormLayout*>(answers->layout())->addRow(tr("Quote the document:"), answer_.quote_document);
  columns->addWidget(answers, 1, 0);
  columns->addWidget(
      buildGenerationGroup(tr("Summaries"), QStringLiteral("summary"), current.summary_generation, summary_), 2, 0);
  columns->addWidget(attention_group, 0, 1, 4, 1);
  columns->setRowStretch(3, 1);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(buildModelGroup());
  layout->addLayout(columns);
  layout->addWidget(buttons_);

  validateModelFolder();
}

AppSettings SettingsDialog::settings() const {
  AppSettings s = current_;
  s.setModelDir(model_dir_->text().trimmed());
  s.model.device = device_->currentData().toString().toStdString();
  s.model.dtype = dtype_->currentData().toString().toStdString();
  s.model.threads = threads_->value();
  s.attention = attention_->mode();
  s.vcc_preset = attention_->preset();
  s.custom_vcc = attention_->customOptions();
  s.answer_generation.max_new_tokens = answer_.max_new_tokens->value();
  s.answer_generation.num_beams = answer_.num_beams->value();
  s.answer_generation.no_repeat_ngram_size = answer_.no_repeat_ngram->value();
  const QVariant quote = answer_.quote_document->currentData();
  s.answer_generation.quote_document = quote.isValid() ? std::optional<bool>(quote.toBool()) : std::nullopt;
  s.summary_generation.max_new_tokens = summary_.max_new_tokens->value();
  s.summary_generation.num_beams = summary_.num_beams->value();
  s.summary_generation.no_repeat_ngram_size = summary_.no_repeat_ngram->value();
  return s;
}

QGroupBox* SettingsDialog::buildModelGroup() {
  model_dir_ = new QLineEdit(current_.modelDir());
  model_dir_->setObjectName(QStringLiteral("modelDirEdit"));
  model_dir_->setPlaceholderText(tr("A folder with config.json, spiece.model and model.safetensors"));
  model_dir_->setClearButtonEnabled(true);
  connect(model_dir_, &QLineEdit::textChanged, this, &SettingsDialog::validateModelFolder);

  auto* browse = new QPushButton(tr("Browse…"));
  connect(browse, &QPushButton::clicked, this, &SettingsDialog::browseModelFolder);

  auto* bundled = new QPushButton(tr("Use bundled model"));
  bundled->setObjectName(QStringLiteral("bundledModelButton"));
  bundled->setToolTip(
      tr("The model installed with Frontseat: %1").arg(QDir::toNativeSeparators(AppSettings::defaultModelDir())));
  bundled->setEnabled(!AppSettings::defaultModelDir().isEmpty());
  connect(bundled, &QPushButton::clicked, this, [this] { model_dir_->setText(AppSettings::defaultModelDir()); });

  auto* folder_row = new QHBoxLayout;
  folder_row->addWidget(model_dir_, 1);
  folder_row->addWidget(browse);
  folder_row->addWidget(bundled);

  model_status_ = new QLabel;
  model_status_->setObjectName(QStringLiteral("modelStatusLabel"));
  model_status_->setWordWrap(true);
  model_status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  auto* group = new QGroupBox(tr("Model"));
  auto* form = new QFormLayout(group);
  form->addRow(tr("Folder:"), folder_row);
  form->addRow(QString(), model_status_);
  return group;
}

QGroupBox* SettingsDialog::buildDeviceGroup(const QStringList& available_devices) {
  std::vector<std::pair<QString, QVariant>> devices;
  for (const QString& device : available_devices) devices.emplace_back(deviceLabel(device), device);
  if (devices.empty()) devices.emplace_back(deviceLabel(QStringLiteral("cpu")), QStringLiteral("cpu"));
  device_ = makeComboBox(devices, QStringLiteral("deviceCombo"), tr("Where the model runs."));
  selectValue(device_, QString::fromStdString(current_.model.device));

  dtype_ = makeComboBox({{tr("Automatic"), QStringLiteral("auto")},
                         {QStringLiteral("float32"), QStringLiteral("float32")},
                         {QStringLiteral("bfloat16"), QStringLiteral("bfloat16")}},
                        QStringLiteral("dtypeCombo"),
                        tr("Number format of the weights: automatic is bfloat16 on a GPU and float32 on the "
                           "CPU (T5 overflows in float16)."));
  selectValue(dtype_, QString::fromStdString(current_.model.dtype));

  threads_ = makeSpinBox(limits::kThreads, QStringLiteral("threadsSpin"),
                         tr("CPU threads per operation; all cores is usually fastest."), tr("All cores"));
  threads_->setValue(current_.model.threads);

  auto* group = new QGroupBox(tr("Device"));
  auto* form = new QFormLayout(group);
  form->addRow(tr("Device:"), device_);
  form->addRow(tr("Precision:"), dtype_);
  form->addRow(tr("Threads:"), threads_);
  return group;
}

QGroupBox* SettingsDialog::buildGenerationGroup(const QString& title, const QString& name_prefix,
                                                const GenerationOptions& options, GenerationFields& fields) {
  fields.max_new_tokens = makeSpinBox(limits::kMaxNewTokens, name_prefix + QStringLiteral("MaxNewTokensSpin"),
                                      tr("The longest output, in tokens; decoding stops earlier when the model "
                                         "ends it."));
  fields.max_new_tokens->setValue(options.max_new_tokens);
  fields.num_beams = makeSpinBox(limits::kNumBeams, name_prefix + QStringLiteral("NumBeamsSpin"),
                                 tr("Beam search width: more beams can find better wording but decode slower; "
                                    "1 decodes greedily."),
                                 tr("1 (greedy)"));
  fields.num_beams->setValue(options.num_beams);
  fields.no_repeat_ngram =
      makeSpinBox(limits::kNoRepeatNgram, name_prefix + QStringLiteral("NoRepeatNgramSpin"),
                  tr("Never repeat a run of this many tokens in the output: stops a model that loops "
                     "(\"capital X: capital X: ...\"). 0 allows any repeat."),
                  tr("off"));
  fields.no_repeat_ngram->setValue(options.no_repeat_ngram_size);

  auto* group = new QGroupBox(title);
  auto* form = new QFormLayout(group);
  form->addRow(tr("Max new tokens:"), fields.max_new_tokens);
  form->addRow(tr("Beams:"), fields.num_beams);
  form->addRow(tr("No repeated runs of:"), fields.no_repeat_ngram);
  return group;
}

void SettingsDialog::browseModelFolder() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a model folder"), model_dir_->text());
  if (!dir.isEmpty()) model_dir_->setText(dir);
}

void SettingsDialog::validateModelFolder() {
  const ModelFolderCheck check = checkModelFolder(model_dir_->text().trimmed());
  model_status_->setText(check.ok ? check.summary : check.message);
  model_status_->setStyleSheet(check.ok ? QString() : QStringLiteral("color: #c62828;"));
  buttons_->button(QDialogButtonBox::Ok)->setEnabled(check.ok);
}

}  // namespace frontseat::ui
