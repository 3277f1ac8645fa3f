#include "ui/ask/answer_details.h"

#include <QLocale>
#include <QObject>
#include <QStringList>
#include <nlohmann/json.hpp>

#include "ui/ask/progress_estimate.h"

namespace frontseat::ui {

QString describeAnswerSettings(const AnswerRecord& record) {
  const auto settings = nlohmann::json::parse(record.settings_json, nullptr, false);
  const auto timings = nlohmann::json::parse(record.timings_json, nullptr, false);
  QStringList parts;
  try {
  if (settings.is_object() && settings.contains("sections") && settings["sections"].is_number()) {
    parts << QObject::tr("%n section(s), each on its own", nullptr, settings["sections"].get<int>());
  }
  if (settings.is_object() && settings.contains("attention") && settings["attention"].is_string()) {
    parts << (settings["attention"] == "vcc" ? QObject::tr("VCC") : QObject::tr("Full attention"));
  }
  if (timings.is_object()) {
    if (timings.contains("input_tokens") && timings["input_tokens"].is_number()) {
      parts << QObject::tr("%1 tokens").arg(QLocale().toString(timings["input_tokens"].get<qlonglong>()));
    }
    if (timings.contains("encode_ms") && timings["encode_ms"].is_number()) {
      parts << QObject::tr("encode %1").arg(describeDuration(timings["encode_ms"].get<double>()));
    }
    if (timings.contains("decode_ms") && timings["decode_ms"].is_number()) {
      parts << QObject::tr("decode %1").arg(describeDuration(timings["decode_ms"].get<double>()));
    }
  }
  if (settings.is_object()) {
    if (settings.contains("device") && settings["device"].is_string() && settings.contains("dtype") &&
        settings["dtype"].is_string()) {
      parts << QStringLiteral("%1 %2").arg(QString::fromStdString(settings["device"].get<std::string>()),
                                           QString::fromStdString(settings["dtype"].get<std::string>()));
    }
    if (settings.contains("num_beams") && settings["num_beams"].is_number() && settings["num_beams"].get<int>() > 1) {
      parts << QObject::tr("%1 beams").arg(settings["num_beams"].get<int>());
    }
    if (settings.value("quote_document", false) == true) parts << QObject::tr("quoted from the document");
    const auto vcc = settings.value("vcc", nlohmann::json());
    if (vcc.is_object() && vcc.contains("num_vip") && vcc.contains("num_fine_blocks") && vcc.contains("block_size") &&
        vcc.contains("levels")) {
      parts << QObject::tr("%1 VIP, %2 fine blocks of %3, %4 levels")
                   .arg(vcc["num_vip"].get<qlonglong>())
                   .arg(vcc["num_fine_blocks"].get<qlonglong>())
                   .arg(vcc["block_size"].get<qlonglong>())
                   .arg(vcc["levels"].get<qlonglong>());
    }
  }
  } catch (const nlohmann::json::exception&) {
    // A field of the wrong type: show what was read before it.
  }
  return parts.join(QStringLiteral(" · "));
}

}  // namespace frontseat::ui
