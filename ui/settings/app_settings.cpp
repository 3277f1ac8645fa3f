#include "ui/settings/app_settings.h"

#include <QFile>
#include <QRegularExpression>
#include <cmath>

#include "engine/core/errors.h"
#include "ui/settings/settings_limits.h"

namespace frontseat::ui {

namespace {

QString& defaultModelDirStorage() {
  static QString dir;
  return dir;
}

// Stored values are strings in an INI file and anything in the registry, so
// every read checks the type and the value and falls back to `fallback`.
template <typename IsValid>
int readIntIf(QSettings& store, const QString& key, int fallback, IsValid isValid) {
  bool ok = false;
  const int value = store.value(key).toInt(&ok);
  return ok && isValid(value) ? value : fallback;
}

int readInt(QSettings& store, const QString& key, int fallback, IntRange range) {
  return readIntIf(store, key, fallback, [range](int value) { return range.contains(value); });
}

double readLengthPenalty(QSettings& store, const QString& key, double fallback) {
  bool ok = false;
  const double value = store.value(key).toDouble(&ok);
  return ok && std::isfinite(value) && std::abs(value) <= limits::kMaxLengthPenalty ? value : fallback;
}

// "true" or "false" (an INI file's booleans, or a QVariant bool's text), or "model"
// (as the model folder says); anything else is garbage: the fallback.
std::optional<bool> readQuoting(QSettings& store, const QString& key, std::optional<bool> fallback) {
  const QString text = store.value(key).toString().trimmed().toLower();
  if (text == QLatin1String("model")) return std::nullopt;
  if (text == QLatin1String("true")) return true;
  if (text == QLatin1String("false")) return false;
  return fallback;
}

QString readChoice(QSettings& store, const QString& key, const QString& fallback, const QStringList& choices) {
  const QString value = store.value(key).toString();
  return choices.contains(value) ? value : fallback;
}

bool isDeviceName(const QString& device) {
  static const QRegularExpression pattern(QStringLiteral("^(cpu|cuda(:\\d+)?)$"));
  return pattern.match(device).hasMatch();
}

AttentionMode readAttention(QSettings& store, const QString& key, AttentionMode fallback) {
  try {
    return parseAttentionMode(store.value(key).toString().toStdString());
  } catch (const InputError&) {
    return fallback;
  }
}

GenerationOptions readGeneration(QSettings& store, const QString& group, const GenerationOptions& fallback) {
  GenerationOptions g;
  g.max_new_tokens = readInt(store, group + "/max_new_tokens", fallback.max_new_tokens, limits::kMaxNewTokens);
  g.num_beams = readInt(store, group + "/num_beams", fallback.num_beams, limits::kNumBeams);
  g.length_penalty = readLengthPenalty(store, group + "/length_penalty", fallback.length_penalty);
  g.no_repeat_ngram_size =
      readInt(store, group + "/no_repeat_ngram_size", fallback.no_repeat_ngram_size, limits::kNoRepeatNgram);
  g.quote_document = readQuoting(store, group + "/quote_document", fallback.quote_document);
  return g;
}

void writeGeneration(QSettings& store, const QString& group, const GenerationOptions& g) {
  store.setValue(group + "/max_new_tokens", g.max_new_tokens);
  store.setValue(group + "/num_beams", g.num_beams);
  store.setValue(group + "/length_penalty", g.length_penalty);
  store.setValue(group + "/no_repeat_ngram_size", g.no_repeat_ngram_size);
  store.setValue(group + "/quote_document",
                 g.quote_document ? QVariant(*g.quote_document) : QVariant(QStringLiteral("model")));
}

VccOptions readVcc(QSettings& store, const VccOptions& fallback) {
  VccOptions v;
  v.num_vip = readInt(store, "vcc/num_vip", fallback.num_vip, limits::kNumVip);
  v.block_size = readInt(store, "vcc/block_size", fallback.block_size, limits::kBlockSize);
  v.num_fine_blocks = readInt(store, "vcc/num_fine_blocks", fallback.num_fine_blocks, limits::kNumFineBlocks);
  v.num_local_layers = readInt(store, "vcc/num_local_layers", fallback.num_local_layers, limits::kNumLocalLayers);
  v.segment_size = readInt(store, "vcc/segment_size", fallback.segment_size, limits::kSegmentSize);
  v.levels = readIntIf(store, "vcc/levels", fallback.levels, limits::validLevels);
  v.fanout = readInt(store, "vcc/fanout", fallback.fanout, limits::kFanout);
  return v;
}

void writeVcc(QSettings& store, const VccOptions& v) {
  store.setValue("vcc/num_vip", v.num_vip);
  store.setValue("vcc/block_size", v.block_size);
  store.setValue("vcc/num_fine_blocks", v.num_fine_blocks);
  store.setValue("vcc/num_local_layers", v.num_local_layers);
  store.setValue("vcc/segment_size", v.segment_size);
  store.setValue("vcc/levels", v.levels);
  store.setValue("vcc/fanout", v.fanout);
}

}  // namespace

const QStringList& vccPresetNames() {
  static const QStringList names{QStringLiteral("fast"), QStringLiteral("balanced"), QStringLiteral("accurate"),
                                 QStringLiteral("custom")};
  return names;
}

VccOptions vccPresetOptions(const QString& preset, const VccOptions& custom) {
  VccOptions options;  // balanced
  if (preset == QLatin1String("fast")) {
    options.num_fine_blocks = 40;
    options.levels = 3;
  } else if (preset == QLatin1String("accurate")) {
    options.num_fine_blocks = 800;
    options.num_vip = 96;
  } else if (preset == QLatin1String("custom")) {
    options = custom;
  }
  return options;
}

AppSettings::AppSettings() { setModelDir(defaultModelDir()); }

void AppSettings::setDefaultModelDir(const QString& dir) { defaultModelDirStorage() = dir; }

QString AppSettings::defaultModelDir() { return defaultModelDirStorage(); }

AppSettings AppSettings::load(QSettings& store) {
  const AppSettings defaults;
  AppSettings s;
  const QString dir = store.value("model/dir").toString();
  if (!dir.isEmpty()) s.setModelDir(dir);
  const QString device = store.value("model/device").toString();
  s.model.device = isDeviceName(device) ? device.toStdString() : defaults.model.device;
  s.model.dtype = readChoice(store, "model/dtype", QString::fromStdString(defaults.model.dtype),
                             {QStringLiteral("auto"), QStringLiteral("float32"), QStringLiteral("bfloat16")})
                      .toStdString();
  s.model.threads = readInt(store, "model/threads", defaults.model.threads, limits::kThreads);

  s.attention = readAttention(store, "attention/mode", defaults.attention);
  s.vcc_preset = readChoice(store, "attention/preset", defaults.vcc_preset, vccPresetNames());
  s.custom_vcc = readVcc(store, defaults.custom_vcc);

  s.answer_generation = readGeneration(store, "answer", defaults.answer_generation);
  s.summary_generation = readGeneration(store, "summary", defaults.summary_generation);

  // Added oldest first so the cleanup (dedup, cap) is addRecentFile's.
  const QStringList recent = store.value("recent/files").toStringList();
  for (auto it = recent.crbegin(); it != recent.crend(); ++it) s.addRecentFile(*it);
  return s;
}

void AppSettings::save(QSettings& store) const {
  store.setValue("model/dir", modelDir());
  store.setValue("model/device", QString::fromStdString(model.device));
  store.setValue("model/dtype", QString::fromStdString(model.dtype));
  store.setValue("model/threads", model.threads);
  store.setValue("attention/mode", QString::fromStdString(attentionModeName(attention)));
  store.setValue("attention/preset", vcc_preset);
  writeVcc(store, custom_vcc);
  writeGeneration(store, "answer", answer_generation);
  writeGeneration(store, "summary", summary_generation);
  store.setValue("recent/files", recent_files);
}

VccOptions AppSettings::effectiveVcc() const { return vccPresetOptions(vcc_preset, custom_vcc); }

void AppSettings::addRecentFile(const QString& path) {
  if (path.isEmpty()) return;
  recent_files.removeAll(path);
  recent_files.prepend(path);
  while (recent_files.size() > kMaxRecentFiles) recent_files.removeLast();
}

QString AppSettings::modelDir() const { return QFile::decodeName(model.dir.c_str()); }

void AppSettings::setModelDir(const QString& dir) { model.dir = QFile::encodeName(dir).toStdString(); }

}  // namespace frontseat::ui
