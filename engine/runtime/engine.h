// The engine's public face: load a model folder, ask questions about documents.
// No LibTorch or Qt in this header; errors are the typed exceptions of
// engine/core/errors.h with messages meant for the user.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/generation_options.h"
#include "engine/model/t5_config.h"
#include "engine/runtime/job.h"
#include "engine/text/prompt.h"
#include "engine/text/tokenizer.h"
#include "engine/vcc/vcc_options.h"
#include "engine/vcc/vcc_trace.h"

namespace frontseat {

struct ModelOptions {
  std::filesystem::path dir;    // Hugging Face layout: config.json, model.safetensors[.index.json], spiece.model
  std::string device = "cpu";   // cpu, cuda, cuda:N
  std::string dtype = "auto";   // auto, float32, bfloat16
  int threads = 0;              // intra-op threads; 0 = every core
};

// A byte range [begin, end) of the document to keep at full resolution (VIP).
// A byte range [begin, end) of the document.
struct PinnedRange {
  size_t begin = 0, end = 0;
};

struct AskRequest {
  std::string question;
  std::string document;
  std::string prompt_template = kDefaultQuestionTemplate;
  GenerationOptions generation;
  AttentionMode attention = AttentionMode::Auto;  // auto: VCC when the input is long enough to pay
  VccOptions vcc;
  std::vector<PinnedRange> pinned;  // document passages the user marked VIP
  bool want_trace = false;
  // The document's tokens from an earlier tokenizer().encodeWithSpans (a cache);
  // tokenized afresh when absent.
  std::optional<std::vector<TokenSpan>> document_tokens;
};

struct AskResult {
  std::string answer;
  std::vector<int32_t> output_ids;  // without the decoder start token; EOS included if generated
  int64_t input_tokens = 0;         // encoder input length, EOS included
  double encode_ms = 0, decode_ms = 0;
  std::string attention = "full";   // what ran: "full" or "vcc"
  std::optional<ResolvedVcc> vcc;   // the settings, when VCC ran
  std::optional<VccTrace> trace;    // when asked for
  int sections = 0;                 // a summary by section (summarizeBySection): how many; else 0
  // Whether the answer was held to the document's words (GenerationOptions::
  // quote_document, or the model folder's choice when that is unset).
  bool quoted = false;
  // A quoted answer: every place it stands in the document, word for word, in
  // document order; empty otherwise.
  std::vector<PinnedRange> quoted_at;
};

// The devices this machine can run on: "cpu", then "cuda:0", "cuda:1", ... when
// LibTorch was built with CUDA and a GPU is present.
std::vector<std::string> availableDevices();

class Engine {
 public:
  // CheckpointError, TokenizerError or DeviceError when the folder or device is unusable.
  static std::unique_ptr<Engine> load(const ModelOptions& options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  const T5Config& config() const;
  const Tokenizer& tokenizer() const;
  std::string device() const;
  std::string dtype() const;
  double loadMs() const;

  // Encodes the prompt built from the request and decodes an answer. InputError
  // for an unusable request; CancelledError when control.cancel is set.
  AskResult ask(const AskRequest& request, const JobControl& control = {});

 private:
  struct Impl;
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace frontseat
