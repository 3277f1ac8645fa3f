#include "engine/vcc/vcc_trace.h"

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/core/errors.h"
#include "engine/core/atomic_file.h"

namespace frontseat {

namespace {

using nlohmann::json;

// [[value, run], ...]
template <typename T>
json runLengthEncode(const std::vector<T>& values) {
  json runs = json::array();
  for (size_t i = 0; i < values.size();) {
    size_t j = i + 1;
    while (j < values.size() && values[j] == values[i]) ++j;
    runs.push_back(json::array({values[i], j - i}));
    i = j;
  }
  return runs;
}

template <typename T>
std::vector<T> runLengthDecode(const json& runs, const std::string& what) {
  std::vector<T> out;
  for (const auto& run : runs) {
    if (!run.is_array() || run.size() != 2 || !run[1].is_number_unsigned()) {
      throw InputError("trace: " + what + " is not a list of [value, count] runs");
    }
    out.insert(out.end(), run[1].get<size_t>(), run[0].get<T>());
  }
  return out;
}

// Scores rounded to 4 significant digits: enough to shade a map, and runs stay long.
float roundScore(float s) {
  if (s == 0.0f || !std::isfinite(s)) return 0.0f;
  const float scale = std::pow(10.0f, 3.0f - std::floor(std::log10(std::fabs(s))));
  return std::round(s * scale) / scale;
}

}  // namespace

LayerTrace denseLayerTrace(const std::string& kind, int64_t tokens) {
  return LayerTrace{kind, std::vector<uint8_t>(tokens, kResolutionFine), std::vector<float>(tokens, 0.0f)};
}

void describeTokens(const PromptTokens& prompt, VccTrace& trace) {
  trace.tokens = static_cast<int64_t>(prompt.ids.size());
  trace.roles = prompt.roles;
  trace.spans.assign(prompt.ids.size(), TokenSpanRange{});
  for (size_t i = 0; i < prompt.document_spans.size(); ++i) {
    const auto& s = prompt.document_spans[i];
    trace.spans[prompt.document_begin + i] = {static_cast<int64_t>(s.begin), static_cast<int64_t>(s.end)};
  }
}

std::string traceToJson(const VccTrace& trace) {
  json out;
  out["format"] = "frontseat-vip-trace";
  out["version"] = 1;
  out["attention"] = trace.attention;
  out["tokens"] = trace.tokens;
  out["settings"] = {{"num_vip", trace.num_vip},       {"block_size", trace.block_size},
                     {"num_fine_blocks", trace.num_fine_blocks}, {"num_local_layers", trace.num_local_layers},
                     {"segment_size", trace.segment_size}, {"levels", trace.levels},
                     {"fanout", trace.fanout}};
  std::vector<int> roles;
  for (TokenRole role : trace.roles) roles.push_back(static_cast<int>(role));
  out["roles"] = runLengthEncode(roles);
  // Spans as begin offsets plus lengths: both compress well and stay readable.
  std::vector<int64_t> begins, lengths;
  for (const auto& s : trace.spans) {
    begins.push_back(s.begin);
    lengths.push_back(s.begin < 0 ? 0 : s.end - s.begin);
  }
  out["span_begin"] = begins;
  out["span_length"] = runLengthEncode(lengths);
  json layers = json::array();
  for (const auto& layer : trace.layers) {
    std::vector<int> resolution(layer.resolution.begin(), layer.resolution.end());
    std::vector<float> scores;
    scores.reserve(layer.score.size());
    for (float s : layer.score) scores.push_back(roundScore(s));
    layers.push_back({{"kind", layer.kind}, {"resolution", runLengthEncode(resolution)},
                      {"score", runLengthEncode(scores)}});
  }
  out["layers"] = layers;
  return out.dump();
}

VccTrace traceFromJson(const std::string& text, const std::string& source) {
  json in = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (in.is_discarded() || !in.is_object() || in.value("format", "") != "frontseat-vip-trace") {
    throw InputError(source + " is not a Frontseat VIP trace");
  }
  try {
    VccTrace t;
    t.attention = in.at("attention").get<std::string>();
    t.tokens = in.at("tokens").get<int64_t>();
    const auto& s = in.at("settings");
    t.num_vip = s.at("num_vip"), t.block_size = s.at("block_size"), t.num_fine_blocks = s.at("num_fine_blocks");
    t.num_local_layers = s.at("num_local_layers"), t.segment_size = s.at("segment_size");
    t.levels = s.at("levels"), t.fanout = s.at("fanout");
    for (int r : runLengthDecode<int>(in.at("roles"), "roles")) t.roles.push_back(static_cast<TokenRole>(r));
    const auto begins = in.at("span_begin").get<std::vector<int64_t>>();
    const auto lengths = runLengthDecode<int64_t>(in.at("span_length"), "span_length");
    if (begins.size() != lengths.size()) throw InputError(source + ": span arrays differ in length");
    for (size_t i = 0; i < begins.size(); ++i) {
      t.spans.push_back({begins[i], begins[i] < 0 ? -1 : begins[i] + lengths[i]});
    }
    for (const auto& layer : in.at("layers")) {
      LayerTrace lt;
      lt.kind = layer.at("kind").get<std::string>();
      for (int r : runLengthDecode<int>(layer.at("resolution"), "resolution")) lt.resolution.push_back(static_cast<uint8_t>(r));
      lt.score = runLengthDecode<float>(layer.at("score"), "score");
      t.layers.push_back(std::move(lt));
    }
    const size_t n = static_cast<size_t>(t.tokens);
    bool consistent = t.roles.size() == n && t.spans.size() == n;
    for (const auto& layer : t.layers) consistent = consistent && layer.resolution.size() == n && layer.score.size() == n;
    if (!consistent) throw InputError(source + ": the trace's arrays do not all have one entry per token");
    return t;
  } catch (const json::exception& e) {
    throw InputError(source + " is not a valid VIP trace: " + e.what());
  }
}

void writeTrace(const VccTrace& trace, const std::filesystem::path& path) {
  const std::string text = traceToJson(trace);
  writeFileAtomically(path, {{text.data(), text.size()}});
}

VccTrace readTrace(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot open the trace " + path.string());
  std::stringstream buffer;
  buffer << in.rdbuf();
  return traceFromJson(buffer.str(), path.string());
}

}  // namespace frontseat
