// Tests of ui/settings: AppSettings persistence and presets, checkModelFolder,
// and the SettingsDialog's fields.
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include "ui/settings/app_settings.h"
#include "ui/settings/model_folder_check.h"
#include "ui/settings/settings_dialog.h"

using frontseat::AttentionMode;
using frontseat::VccOptions;
using namespace frontseat::ui;

namespace {

const QString kBundledDir = QStringLiteral("/opt/frontseat/models/flan-t5-small");

QString describe(const VccOptions& v) {
  return QStringLiteral("vip=%1 block=%2 fine=%3 local=%4 segment=%5 levels=%6 fanout=%7")
      .arg(v.num_vip)
      .arg(v.block_size)
      .arg(v.num_fine_blocks)
      .arg(v.num_local_layers)
      .arg(v.segment_size)
      .arg(v.levels)
      .arg(v.fanout);
}

QString describe(const frontseat::GenerationOptions& g) {
  return QStringLiteral("max=%1 beams=%2 penalty=%3 no-repeat=%4 quote=%5")
      .arg(g.max_new_tokens)
      .arg(g.num_beams)
      .arg(g.length_penalty)
      .arg(g.no_repeat_ngram_size)
      .arg(!g.quote_document ? QStringLiteral("model") : *g.quote_document ? QStringLiteral("always")
                                                                            : QStringLiteral("never"));
}

// Every field, one per line, so QCOMPARE shows which one differs.
QStringList describe(const AppSettings& s) {
  return {QStringLiteral("dir=") + s.modelDir(),
          QStringLiteral("device=") + QString::fromStdString(s.model.device),
          QStringLiteral("dtype=") + QString::fromStdString(s.model.dtype),
          QStringLiteral("threads=") + QString::number(s.model.threads),
          QStringLiteral("attention=") + QString::fromStdString(frontseat::attentionModeName(s.attention)),
          QStringLiteral("preset=") + s.vcc_preset,
          QStringLiteral("custom: ") + describe(s.custom_vcc),
          QStringLiteral("answer: ") + describe(s.answer_generation),
          QStringLiteral("summary: ") + describe(s.summary_generation),
          QStringLiteral("recent=") + s.recent_files.join(QLatin1Char('|'))};
}

void writeFile(const QString& path, const QByteArray& contents) {
  QFile file(path);
  QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
  file.write(contents);
}

const QByteArray kValidConfig = R"({"model_type": "t5", "d_model": 64, "d_kv": 16, "d_ff": 128,
  "num_layers": 2, "num_heads": 4, "vocab_size": 1000, "feed_forward_proj": "gated-gelu",
  "tie_word_embeddings": false})";

// A folder with everything checkModelFolder looks for: a valid config.json and
// (empty) tokenizer and weight files.
void writeModelFolder(const QString& dir) {
  QVERIFY(QDir().mkpath(dir));
  writeFile(dir + "/config.json", kValidConfig);
  writeFile(dir + "/spiece.model", {});
  writeFile(dir + "/model.safetensors", {});
}

template <typename T>
T* child(const QWidget& parent, const char* name) {
  T* widget = parent.findChild<T*>(QLatin1String(name));
  if (!widget) qFatal("no widget named %s", name);
  return widget;
}

QPushButton* okButton(const SettingsDialog& dialog) {
  return dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
}

QStringList comboValues(const QComboBox* combo) {
  QStringList values;
  for (int i = 0; i < combo->count(); ++i) values << combo->itemData(i).toString();
  return values;
}

void selectValueIn(QComboBox* combo, const QString& value) {
  const int index = combo->findData(value);
  QVERIFY2(index >= 0, qPrintable(value));
  combo->setCurrentIndex(index);
}

const char* const kVccFieldNames[] = {"numVipSpin",      "blockSizeSpin", "numFineBlocksSpin", "numLocalLayersSpin",
                                      "segmentSizeSpin", "levelsCombo",   "fanoutSpin"};

}  // namespace

class SettingsTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { AppSettings::setDefaultModelDir(kBundledDir); }

  void defaultsAreDocumented() {
    const AppSettings s;
    QCOMPARE(s.modelDir(), kBundledDir);
    QCOMPARE(s.model.device, std::string("cpu"));
    QCOMPARE(s.model.dtype, std::string("auto"));
    QCOMPARE(s.attention, AttentionMode::Auto);
    QCOMPARE(s.vcc_preset, QStringLiteral("balanced"));
    QCOMPARE(s.answer_generation.max_new_tokens, 64);
    QCOMPARE(s.answer_generation.num_beams, 1);
    QCOMPARE(s.summary_generation.max_new_tokens, 128);
    QCOMPARE(s.summary_generation.num_beams, 2);
    QCOMPARE(s.answer_generation.no_repeat_ngram_size, 0);
    QCOMPARE(s.summary_generation.no_repeat_ngram_size, 3);
    QVERIFY(!s.answer_generation.quote_document.has_value());  // as the model folder says
    QCOMPARE(s.summary_generation.quote_document, std::optional<bool>(false));
    QVERIFY(s.recent_files.isEmpty());
  }

  void saveThenLoadRoundTrips() {
    AppSettings s;
    s.setModelDir(QStringLiteral("/models/flan-t5-base ü"));
    s.model.device = "cuda:1";
    s.model.dtype = "bfloat16";
    s.model.threads = 6;
    s.attention = AttentionMode::Vcc;
    s.vcc_preset = QStringLiteral("custom");
    s.custom_vcc = VccOptions{64, 32, 50, 2, 1024, 4, 8};
    s.answer_generation = {100, 4, 0.5, 0, false};
    s.summary_generation = {300, 3, 2.0, 5};
    s.addRecentFile(QStringLiteral("/docs/b.pdf"));
    s.addRecentFile(QStringLiteral("/docs/a, with comma.txt"));

    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString path = tmp.filePath(QStringLiteral("frontseat.ini"));
    {
      QSettings store(path, QSettings::IniFormat);
      s.save(store);
      store.sync();
      QCOMPARE(store.status(), QSettings::NoError);
    }
    QSettings store(path, QSettings::IniFormat);
    QCOMPARE(describe(AppSettings::load(store)), describe(s));

    // Quoting: always, never, and as the model folder says each come back as saved.
    for (const std::optional<bool> quote : {std::optional<bool>(true), std::optional<bool>(false),
                                            std::optional<bool>()}) {
      s.answer_generation.quote_document = quote;
      s.save(store);
      QCOMPARE(AppSettings::load(store).answer_generation.quote_document, quote);
    }
    QCOMPARE(store.value("answer/quote_document").toString(), QStringLiteral("model"));
  }

  void emptyStoreGivesDefaults() {
    QTemporaryDir tmp;
    QSettings store(tmp.filePath(QStringLiteral("empty.ini")), QSettings::IniFormat);
    QCOMPARE(describe(AppSettings::load(store)), describe(AppSettings()));
  }

  void garbageFallsBackToDefaults() {
    QTemporaryDir tmp;
    QSettings store(tmp.filePath(QStringLiteral("garbage.ini")), QSettings::IniFormat);
    store.setValue("model/dir", QString());
    store.setValue("model/device", "gpu; rm -rf /");
    store.setValue("model/dtype", "float16");
    store.setValue("model/threads", "many");
    store.setValue("attention/mode", "banana");
    store.setValue("attention/preset", "turbo");
    store.setValue("vcc/num_vip", 0);
    store.setValue("vcc/block_size", "sixteen");
    store.setValue("vcc/num_fine_blocks", -5);
    store.setValue("vcc/num_local_layers", -2);
    store.setValue("vcc/segment_size", 1 << 30);
    store.setValue("vcc/levels", 1);  // resolveVcc rejects 1
    store.setValue("vcc/fanout", 1);
    store.setValue("answer/max_new_tokens", 0);
    store.setValue("answer/num_beams", "2.5");
    store.setValue("answer/length_penalty", "nan");
    store.setValue("summary/max_new_tokens", "1e9");
    store.setValue("summary/num_beams", 999);
    store.setValue("summary/length_penalty", 1e300);
    store.setValue("answer/no_repeat_ngram_size", -1);
    store.setValue("summary/no_repeat_ngram_size", "three");
    store.setValue("answer/quote_document", "perhaps");
    store.setValue("recent/files", QStringList{QString(), QString()});
    QCOMPARE(describe(AppSettings::load(store)), describe(AppSettings()));
  }

  void validEdgeValuesAreKept() {
    QTemporaryDir tmp;
    QSettings store(tmp.filePath(QStringLiteral("edges.ini")), QSettings::IniFormat);
    store.setValue("model/device", "cuda");
    store.setValue("vcc/levels", 0);
    store.setValue("vcc/num_local_layers", -1);
    store.setValue("attention/mode", "full");
    const AppSettings s = AppSettings::load(store);
    QCOMPARE(s.model.device, std::string("cuda"));
    QCOMPARE(s.custom_vcc.levels, 0);
    QCOMPARE(s.custom_vcc.num_local_layers, -1);
    QCOMPARE(s.attention, AttentionMode::Full);
  }

  void recentFilesAreDedupedAndCapped() {
    AppSettings s;
    for (int i = 0; i < 12; ++i) s.addRecentFile(QStringLiteral("/docs/%1.txt").arg(i));
    QCOMPARE(s.recent_files.size(), AppSettings::kMaxRecentFiles);
    QCOMPARE(s.recent_files.first(), QStringLiteral("/docs/11.txt"));
    QCOMPARE(s.recent_files.last(), QStringLiteral("/docs/2.txt"));

    s.addRecentFile(QStringLiteral("/docs/5.txt"));
    QCOMPARE(s.recent_files.size(), AppSettings::kMaxRecentFiles);
    QCOMPARE(s.recent_files.first(), QStringLiteral("/docs/5.txt"));
    QCOMPARE(s.recent_files.count(QStringLiteral("/docs/5.txt")), 1);

    s.addRecentFile(QString());
    QCOMPARE(s.recent_files.first(), QStringLiteral("/docs/5.txt"));
  }

  void loadCleansStoredRecentFiles() {
    QTemporaryDir tmp;
    QSettings store(tmp.filePath(QStringLiteral("recent.ini")), QSettings::IniFormat);
    QStringList stored{"/a", "/b", "/a", ""};
    for (int i = 0; i < 15; ++i) stored << QStringLiteral("/f%1").arg(i);
    store.setValue("recent/files", stored);
    const QStringList loaded = AppSettings::load(store).recent_files;
    QCOMPARE(loaded.size(), AppSettings::kMaxRecentFiles);
    QCOMPARE(loaded.mid(0, 3), (QStringList{"/a", "/b", "/f0"}));
  }

  void presetsGiveDocumentedOptions() {
    const VccOptions defaults;
    const VccOptions custom{10, 8, 20, 1, 256, 2, 2};
    QCOMPARE(describe(vccPresetOptions("balanced", custom)), describe(defaults));

    VccOptions fast = defaults;
    fast.num_fine_blocks = 40;
    fast.levels = 3;
    QCOMPARE(describe(vccPresetOptions("fast", custom)), describe(fast));

    VccOptions accurate = defaults;
    accurate.num_fine_blocks = 800;
    accurate.num_vip = 96;
    QCOMPARE(describe(vccPresetOptions("accurate", custom)), describe(accurate));

    QCOMPARE(describe(vccPresetOptions("custom", custom)), describe(custom));
    QCOMPARE(describe(vccPresetOptions("unknown", custom)), describe(defaults));
    QCOMPARE(vccPresetNames(), (QStringList{"fast", "balanced", "accurate", "custom"}));

    AppSettings s;
    s.custom_vcc = custom;
    s.vcc_preset = "accurate";
    QCOMPARE(describe(s.effectiveVcc()), describe(accurate));
    s.vcc_preset = "custom";
    QCOMPARE(describe(s.effectiveVcc()), describe(custom));
  }

  void completeModelFolderPasses() {
    QTemporaryDir tmp;
    writeModelFolder(tmp.path());
    const ModelFolderCheck check = checkModelFolder(tmp.path());
    QVERIFY2(check.ok, qPrintable(check.message));
    QVERIFY(check.message.isEmpty());
    QVERIFY2(check.summary.contains("d_model 64") && check.summary.contains("2 enc + 2 dec"),
             qPrintable(check.summary));
  }

  void shardedWeightsPass() {
    QTemporaryDir tmp;
    writeModelFolder(tmp.path());
    QVERIFY(QFile::rename(tmp.filePath("model.safetensors"), tmp.filePath("model.safetensors.index.json")));
    QVERIFY(checkModelFolder(tmp.path()).ok);
  }

  void missingPieceIsNamed_data() {
    QTest::addColumn<QString>("removed");
    QTest::addColumn<QString>("expected");
    QTest::newRow("config") << "config.json"
                            << "The model folder has no config.json.";
    QTest::newRow("tokenizer") << "spiece.model"
                               << "The model folder has no spiece.model.";
    QTest::newRow("weights") << "model.safetensors"
                             << "The model folder has no model.safetensors (or model.safetensors.index.json).";
  }

  void missingPieceIsNamed() {
    QFETCH(QString, removed);
    QFETCH(QString, expected);
    QTemporaryDir tmp;
    writeModelFolder(tmp.path());
    QVERIFY(QFile::remove(tmp.filePath(removed)));
    const ModelFolderCheck check = checkModelFolder(tmp.path());
    QVERIFY(!check.ok);
    QCOMPARE(check.message, expected);
    QVERIFY(check.summary.isEmpty());
  }

  void everyMissingPieceIsNamedInOneSentence() {
    QTemporaryDir tmp;
    QCOMPARE(checkModelFolder(tmp.path()).message,
             QStringLiteral("The model folder has no config.json, spiece.model and model.safetensors "
                            "(or model.safetensors.index.json)."));
  }

  void invalidConfigIsReported() {
    QTemporaryDir tmp;
    writeModelFolder(tmp.path());
    writeFile(tmp.filePath("config.json"), R"({"d_model": "wide"})");
    const ModelFolderCheck check = checkModelFolder(tmp.path());
    QVERIFY(!check.ok);
    QVERIFY2(check.message.contains("config.json") && check.message.contains("d_model"), qPrintable(check.message));

    writeFile(tmp.filePath("config.json"), "{not json");
    QVERIFY2(checkModelFolder(tmp.path()).message.contains("not valid JSON"),
             qPrintable(checkModelFolder(tmp.path()).message));
  }

  void absentFolderIsReported() {
    QTemporaryDir tmp;
    const QString gone = tmp.filePath("nowhere");
    QCOMPARE(checkModelFolder(gone).message, QStringLiteral("The folder %1 does not exist.").arg(gone));
    QCOMPARE(checkModelFolder(QString()).message, QStringLiteral("Choose a model folder."));
    writeFile(gone, "a file");
    QCOMPARE(checkModelFolder(gone).message, QStringLiteral("%1 is not a folder.").arg(gone));
  }

  void dialogOffersOnlyListedDevices() {
    AppSettings s;
    s.model.device = "cuda:0";
    const SettingsDialog cpu_only(s, {"cpu"});
    QCOMPARE(comboValues(child<QComboBox>(cpu_only, "deviceCombo")), QStringList{"cpu"});
    QCOMPARE(cpu_only.settings().model.device, std::string("cpu"));

    const SettingsDialog with_gpu(s, {"cpu", "cuda:0"});
    auto* devices = child<QComboBox>(with_gpu, "deviceCombo");
    QCOMPARE(comboValues(devices), (QStringList{"cpu", "cuda:0"}));
    QCOMPARE(devices->currentData().toString(), QStringLiteral("cuda:0"));
    QCOMPARE(with_gpu.settings().model.device, std::string("cuda:0"));
  }

  void okFollowsModelFolderValidity() {
    QTemporaryDir tmp;
    const QString valid = tmp.filePath("model");
    writeModelFolder(valid);

    AppSettings s;
    s.setModelDir(tmp.filePath("missing"));
    SettingsDialog dialog(s, {"cpu"});
    auto* status = child<QLabel>(dialog, "modelStatusLabel");
    QVERIFY(!okButton(dialog)->isEnabled());
    QVERIFY2(status->text().contains("does not exist"), qPrintable(status->text()));

    child<QLineEdit>(dialog, "modelDirEdit")->setText(valid);
    QVERIFY(okButton(dialog)->isEnabled());
    QVERIFY2(status->text().contains("d_model 64"), qPrintable(status->text()));
    QCOMPARE(dialog.settings().modelDir(), valid);

    QVERIFY(QFile::remove(valid + "/spiece.model"));
    child<QLineEdit>(dialog, "modelDirEdit")->setText(valid + "/");
    QVERIFY(!okButton(dialog)->isEnabled());
    QCOMPARE(status->text(), QStringLiteral("The model folder has no spiece.model."));
  }

  void bundledModelButtonFillsDefaultDir() {
    AppSettings s;
    s.setModelDir("/elsewhere");
    SettingsDialog dialog(s, {"cpu"});
    child<QPushButton>(dialog, "bundledModelButton")->click();
    QCOMPARE(child<QLineEdit>(dialog, "modelDirEdit")->text(), kBundledDir);
  }

  void customFieldsEditableOnlyForCustomPreset() {
    AppSettings s;
    s.vcc_preset = "fast";
    s.custom_vcc = VccOptions{64, 32, 50, 2, 1024, 4, 8};
    SettingsDialog dialog(s, {"cpu"});
    auto* preset = child<QComboBox>(dialog, "vccPresetCombo");
    auto* fine_blocks = child<QSpinBox>(dialog, "numFineBlocksSpin");
    auto* levels = child<QComboBox>(dialog, "levelsCombo");

    for (const char* name : kVccFieldNames) QVERIFY2(!child<QWidget>(dialog, name)->isEnabled(), name);
    QCOMPARE(fine_blocks->value(), 40);  // the fast preset's values are shown
    QCOMPARE(levels->currentData().toInt(), 3);

    selectValueIn(preset, "custom");
    for (const char* name : kVccFieldNames) QVERIFY2(child<QWidget>(dialog, name)->isEnabled(), name);
    QCOMPARE(fine_blocks->value(), 50);
    QCOMPARE(levels->currentData().toInt(), 4);

    selectValueIn(preset, "accurate");
    for (const char* name : kVccFieldNames) QVERIFY2(!child<QWidget>(dialog, name)->isEnabled(), name);
    QCOMPARE(fine_blocks->value(), 800);
    QCOMPARE(child<QSpinBox>(dialog, "numVipSpin")->value(), 96);

    selectValueIn(preset, "balanced");  // the engine's default: fine blocks by input length
    QCOMPARE(fine_blocks->value(), 0);
    QCOMPARE(fine_blocks->text(), QStringLiteral("By input length"));
  }

  void fullAttentionDisablesVccFields() {
    AppSettings s;
    s.vcc_preset = "custom";
    SettingsDialog dialog(s, {"cpu"});
    auto* preset = child<QComboBox>(dialog, "vccPresetCombo");
    QVERIFY(preset->isEnabled());
    selectValueIn(child<QComboBox>(dialog, "attentionCombo"), "full");
    QVERIFY(!preset->isEnabled());
    for (const char* name : kVccFieldNames) QVERIFY2(!child<QWidget>(dialog, name)->isEnabled(), name);
    selectValueIn(child<QComboBox>(dialog, "attentionCombo"), "vcc");
    QVERIFY(preset->isEnabled());
    QVERIFY(child<QWidget>(dialog, "fanoutSpin")->isEnabled());
  }

  void settingsReflectEdits() {
    QTemporaryDir tmp;
    const QString model = tmp.filePath("model");
    writeModelFolder(model);
    AppSettings s;
    s.addRecentFile("/docs/kept.pdf");
    SettingsDialog dialog(s, {"cpu", "cuda:0"});

    child<QLineEdit>(dialog, "modelDirEdit")->setText(model);
    selectValueIn(child<QComboBox>(dialog, "deviceCombo"), "cuda:0");
    selectValueIn(child<QComboBox>(dialog, "dtypeCombo"), "bfloat16");
    child<QSpinBox>(dialog, "threadsSpin")->setValue(3);
    selectValueIn(child<QComboBox>(dialog, "attentionCombo"), "vcc");
    selectValueIn(child<QComboBox>(dialog, "vccPresetCombo"), "custom");
    child<QSpinBox>(dialog, "numVipSpin")->setValue(32);
    child<QSpinBox>(dialog, "blockSizeSpin")->setValue(8);
    child<QSpinBox>(dialog, "numFineBlocksSpin")->setValue(120);
    child<QSpinBox>(dialog, "numLocalLayersSpin")->setValue(-1);
    child<QSpinBox>(dialog, "segmentSizeSpin")->setValue(256);
    auto* levels = child<QComboBox>(dialog, "levelsCombo");
    levels->setCurrentIndex(levels->findData(0));
    child<QSpinBox>(dialog, "fanoutSpin")->setValue(2);
    child<QSpinBox>(dialog, "answerMaxNewTokensSpin")->setValue(32);
    child<QSpinBox>(dialog, "answerNumBeamsSpin")->setValue(4);
    child<QSpinBox>(dialog, "summaryMaxNewTokensSpin")->setValue(512);
    child<QSpinBox>(dialog, "summaryNumBeamsSpin")->setValue(1);
    QCOMPARE(child<QSpinBox>(dialog, "summaryNoRepeatNgramSpin")->value(), s.summary_generation.no_repeat_ngram_size);
    child<QSpinBox>(dialog, "answerNoRepeatNgramSpin")->setValue(4);
    child<QSpinBox>(dialog, "summaryNoRepeatNgramSpin")->setValue(0);
    auto* quote = child<QComboBox>(dialog, "answerQuoteMode");
    QCOMPARE(quote->currentIndex(), 0);  // as the model suggests, the default
    quote->setCurrentIndex(quote->findData(false));

    AppSettings expected = s;
    expected.setModelDir(model);
    expected.model.device = "cuda:0";
    expected.model.dtype = "bfloat16";
    expected.model.threads = 3;
    expected.attention = AttentionMode::Vcc;
    expected.vcc_preset = "custom";
    expected.custom_vcc = VccOptions{32, 8, 120, -1, 256, 0, 2};
    expected.answer_generation.max_new_tokens = 32;
    expected.answer_generation.num_beams = 4;
    expected.summary_generation.max_new_tokens = 512;
    expected.summary_generation.num_beams = 1;
    expected.answer_generation.no_repeat_ngram_size = 4;
    expected.summary_generation.no_repeat_ngram_size = 0;
    expected.answer_generation.quote_document = false;
    QCOMPARE(describe(dialog.settings()), describe(expected));

    // Custom values survive a detour through a fixed preset.
    selectValueIn(child<QComboBox>(dialog, "vccPresetCombo"), "fast");
    expected.vcc_preset = "fast";
    QCOMPARE(describe(dialog.settings()), describe(expected));
  }
};

QTEST_MAIN(SettingsTest)
#include "settings_test.moc"
