#include "engine/session/answer_record.h"

#include <fstream>
#include <sstream>

#include "engine/core/errors.h"

namespace frontseat {

nlohmann::json answerSettingsJson(const Engine& engine, const AskResult& result, const GenerationOptions& generation) {
  nlohmann::json out = {{"attention", result.attention},
                        {"device", engine.device()},
                        {"dtype", engine.dtype()},
                        {"num_beams", generation.num_beams},
                        {"max_new_tokens", generation.max_new_tokens}};
  if (result.sections > 0) out["sections"] = result.sections;
  if (result.quoted) out["quote_document"] = true;
  if (result.vcc) {
    const auto& v = *result.vcc;
    out["vcc"] = {{"num_vip", v.num_vip},       {"block_size", v.block_size},
                  {"num_fine_blocks", v.num_fine_blocks}, {"num_local_layers", v.num_local_layers},
                  {"segment_size", v.segment_size}, {"levels", v.levels},
                  {"fanout", v.fanout}};
  }
  return out;
}

nlohmann::json answerTimingsJson(const Engine& engine, const AskResult& result) {
  return {{"load_ms", engine.loadMs()},
          {"encode_ms", result.encode_ms},
          {"decode_ms", result.decode_ms},
          {"input_tokens", result.input_tokens}};
}

AnswerRecord makeAnswerRecord(int64_t document_id, const std::string& kind, const std::string& question,
                              const AskResult& result, const Engine& engine, const std::filesystem::path& model_dir,
                              const GenerationOptions& generation, const std::string& trace_path) {
  AnswerRecord record;
  record.document_id = document_id;
  record.kind = kind;
  record.question = question;
  record.answer = result.answer;
  record.model = std::filesystem::absolute(model_dir).lexically_normal().string();
  record.settings_json = answerSettingsJson(engine, result, generation).dump();
  record.timings_json = answerTimingsJson(engine, result).dump();
  record.trace_path = trace_path;
  for (const PinnedRange& place : result.quoted_at) {
    record.quoted_at.emplace_back(static_cast<uint32_t>(place.begin), static_cast<uint32_t>(place.end));
  }
  return record;
}

std::vector<TokenSpan> cachedDocumentTokens(Library& library, int64_t document_id, const std::string& text,
                                            const Engine& engine, const std::filesystem::path& model_dir) {
  std::ifstream in(model_dir / "spiece.model", std::ios::binary);
  if (!in) throw InputError("cannot read " + (model_dir / "spiece.model").string());
  std::stringstream spiece;
  spiece << in.rdbuf();
  const auto bytes = spiece.str();
  const auto tokenizer_hash = sha256Hex(bytes.data(), bytes.size());
  std::vector<TokenSpan> spans;
  if (auto cached = library.tokenMap(document_id, tokenizer_hash)) {
    spans.reserve(cached->ids.size());
    for (size_t i = 0; i < cached->ids.size(); ++i) {
      spans.push_back({cached->ids[i], cached->spans[i].first, cached->spans[i].second});
    }
    return spans;
  }
  spans = engine.tokenizer().encodeWithSpans(text);
  TokenMapRecord record;
  record.tokenizer_hash = tokenizer_hash;
  for (const auto& s : spans) {
    record.ids.push_back(s.id);
    record.spans.emplace_back(static_cast<uint32_t>(s.begin), static_cast<uint32_t>(s.end));
  }
  library.saveTokenMap(document_id, record);
  return spans;
}

}  // namespace frontseat
