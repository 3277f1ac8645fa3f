// What the library keeps of an answer or summary: the settings it ran with and
// its timings, as the CLI's --json and the desktop app's history show them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/runtime/engine.h"
#include "engine/store/library.h"

namespace frontseat {

// attention, device, dtype, num_beams, max_new_tokens, (VCC runs) vcc{...},
// (summaries by section) sections and (quoted answers) quote_document.
nlohmann::json answerSettingsJson(const Engine& engine, const AskResult& result, const GenerationOptions& generation);
// load_ms, encode_ms, decode_ms, input_tokens.
nlohmann::json answerTimingsJson(const Engine& engine, const AskResult& result);

// The history entry for one run. `kind` is "answer" or "summary"; `trace_path`
// may be empty.
AnswerRecord makeAnswerRecord(int64_t document_id, const std::string& kind, const std::string& question,
                              const AskResult& result, const Engine& engine, const std::filesystem::path& model_dir,
                              const GenerationOptions& generation, const std::string& trace_path);

// The document's tokens for this engine's tokenizer, from the library's cache or
// freshly tokenized (and then cached). The cache is keyed by the SHA-256 of the
// model folder's spiece.model, so another tokenizer never reuses it.
std::vector<TokenSpan> cachedDocumentTokens(Library& library, int64_t document_id, const std::string& text,
                                            const Engine& engine, const std::filesystem::path& model_dir);

}  // namespace frontseat
