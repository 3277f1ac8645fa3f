#include "engine/runtime/engine.h"

#include <cctype>
#include <chrono>
#include <optional>

#include "engine/core/errors.h"
#include "engine/model/safetensors.h"
#include "engine/model/t5_generate.h"
#include "engine/model/t5_model.h"
#include "engine/runtime/device.h"
#include "engine/text/word_edges.h"
#include "engine/vcc/vcc_encoder.h"

namespace frontseat {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void report(const JobControl& control, const char* stage, int done, int total) {
  if (control.on_progress) control.on_progress(Progress{stage, done, total});
}

// VIP tokens: the template (task prefix) and the question, plus document tokens
// overlapping a pinned passage.
torch::Tensor vipMask(const PromptTokens& prompt, const std::vector<PinnedRange>& pinned, size_t document_size) {
  auto mask = torch::zeros({static_cast<int64_t>(prompt.ids.size())}, torch::kBool);
  auto* m = mask.data_ptr<bool>();
  for (size_t i = 0; i < prompt.roles.size(); ++i) {
    m[i] = prompt.roles[i] == TokenRole::Template || prompt.roles[i] == TokenRole::Question;
  }
  for (const auto& range : pinned) {
    if (range.begin >= range.end || range.end > document_size) {
      throw InputError("pinned passage [" + std::to_string(range.begin) + ", " + std::to_string(range.end) +
                       ") is not inside the document (" + std::to_string(document_size) + " bytes)");
    }
    for (size_t j = 0; j < prompt.document_spans.size(); ++j) {
      const auto& span = prompt.document_spans[j];
      if (span.begin < range.end && range.begin < span.end) m[prompt.document_begin + j] = true;
    }
  }
  return mask;
}

}  // namespace

struct Engine::Impl {
  torch::Device device{torch::kCPU};
  torch::ScalarType dtype = torch::kFloat32;
  T5Weights weights;
  std::optional<Tokenizer> tokenizer;
  double load_ms = 0;
};

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

std::unique_ptr<Engine> Engine::load(const ModelOptions& options) {
  const auto start = Clock::now();
  const auto& dir = options.dir;
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) throw CheckpointError("model folder " + dir.string() + " does not exist");
  if (!std::filesystem::is_directory(dir, ec)) throw CheckpointError("model path " + dir.string() + " is not a folder");
  for (const char* required : {"config.json", "spiece.model"}) {
    if (!std::filesystem::exists(dir / required, ec)) {
      throw CheckpointError("model folder " + dir.string() + " has no " + required);
    }
  }

  auto impl = std::make_unique<Impl>();
  impl->device = parseDevice(options.device);
  impl->dtype = parseDtype(options.dtype, impl->device);
  setComputeThreads(options.threads);

  const auto config = T5Config::load(dir / "config.json");
  impl->tokenizer = Tokenizer::load(dir / "spiece.model");
  if (impl->tokenizer->vocabSize() > config.vocab_size) {
    throw CheckpointError(dir.string() + ": spiece.model has " + std::to_string(impl->tokenizer->vocabSize()) +
                          " pieces but config.json's vocab_size is " + std::to_string(config.vocab_size));
  }
  auto checkpoint = std::make_shared<SafetensorsCheckpoint>(SafetensorsCheckpoint::openFolder(dir));
  torch::InferenceMode guard;
  impl->weights = loadT5Weights(config, checkpoint, impl->device, impl->dtype);
  impl->load_ms = msSince(start);
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

const T5Config& Engine::config() const { return impl_->weights.config; }
const Tokenizer& Engine::tokenizer() const { return *impl_->tokenizer; }
std::string Engine::device() const { return impl_->device.str(); }
std::string Engine::dtype() const { return dtypeLabel(impl_->dtype); }
double Engine::loadMs() const { return impl_->load_ms; }

AskResult Engine::ask(const AskRequest& request, const JobControl& control) {
  torch::InferenceMode guard;
  const auto prompt = buildPrompt(*impl_->tokenizer, request.prompt_template, request.question, request.document,
                                  request.document_tokens ? &*request.document_tokens : nullptr);
  AskResult result;
  result.input_tokens = static_cast<int64_t>(prompt.ids.size());

  const auto& config = impl_->weights.config;
  const int64_t n = result.input_tokens;
  const auto vip = vipMask(prompt, request.pinned, request.document.size());
  const auto vcc = resolveVcc(request.vcc, config, n);
  const bool use_vcc = request.attention == AttentionMode::Vcc ||
                       (request.attention == AttentionMode::Auto && vccPays(vcc, n));
  result.attention = use_vcc ? "vcc" : "full";
  VccTrace* trace = nullptr;
  if (request.want_trace) {
    result.trace.emplace();
    trace = &*result.trace;
    trace->attention = result.attention;
    describeTokens(prompt, *trace);
  }

  auto start = Clock::now();
  std::vector<int64_t> ids(prompt.ids.begin(), prompt.ids.end());
  auto input = torch::tensor(ids, torch::kLong).to(impl_->device);
  auto onLayer = [&](int layer, int total) {
    checkCancel(control);
    report(control, "encode", layer, total);
  };
  torch::Tensor states;
  if (use_vcc) {
    result.vcc = vcc;
    if (trace) {
      trace->num_vip = vcc.num_vip, trace->block_size = vcc.block_size, trace->num_fine_blocks = vcc.num_fine_blocks;
      trace->num_local_layers = vcc.num_local_layers, trace->segment_size = vcc.segment_size;
      trace->levels = vcc.levels, trace->fanout = vcc.fanout;
    }
    states = encodeVcc(impl_->weights, input, vip, vcc, trace, onLayer);
  } else {
    states = encodeFull(impl_->weights, input, onLayer);
    if (trace) {
      for (int64_t i = 0; i < config.num_layers; ++i) trace->layers.push_back(denseLayerTrace("full", n));
    }
  }
  report(control, "encode", static_cast<int>(impl_->weights.encoder.size()), static_cast<int>(impl_->weights.encoder.size()));
  if (impl_->device.is_cuda()) torch::cuda::synchronize();  // so encode_ms is the encoder's time
  result.encode_ms = msSince(start);

  start = Clock::now();
  std::optional<QuoteConstraint> quote;
  result.quoted = request.generation.quote_document.value_or(config.quote_answers.value_or(false));
  if (result.quoted) {
    const auto begin = prompt.ids.begin() + prompt.document_begin;
    quote.emplace(std::vector<int32_t>(begin, begin + static_cast<int64_t>(prompt.document_spans.size())),
                  wordEdges(request.document, prompt.document_spans), config.eos_token_id);
  }
  auto generated = generate(
      impl_->weights, states, request.generation,
      [&](int step, int total) {
        checkCancel(control);
        report(control, "decode", step, total);
      },
      quote ? &*quote : nullptr);
  result.decode_ms = msSince(start);
  result.output_ids = generated.ids;
  result.answer = impl_->tokenizer->decode(generated.ids);
  if (quote) {
    auto quoted = generated.ids;
    if (!quoted.empty() && quoted.back() == config.eos_token_id) quoted.pop_back();
    const auto& spans = prompt.document_spans;
    for (const size_t first : quote->placesOf(quoted)) {
      size_t begin = spans[first].begin;  // a word's first piece covers the space before it
      while (begin < request.document.size() && std::isspace(static_cast<unsigned char>(request.document[begin]))) {
        ++begin;
      }
      result.quoted_at.push_back({begin, spans[first + quoted.size() - 1].end});
    }
  }
  return result;
}

}  // namespace frontseat
