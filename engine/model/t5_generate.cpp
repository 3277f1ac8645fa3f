#include "engine/model/t5_generate.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/core/errors.h"

namespace frontseat {

namespace {

torch::Tensor tokenColumn(const std::vector<int64_t>& tokens, torch::Device device) {
  return torch::tensor(tokens, torch::TensorOptions().dtype(torch::kLong)).view({-1, 1}).to(device);
}

// Rules out (-inf in `logp`, one row of the vocabulary) every token that would
// repeat an n-gram of the output so far. As in transformers, the output starts
// with the decoder start token.
void banRepeatedNgrams(torch::Tensor logp, int64_t start, const std::vector<int32_t>& ids, int n) {
  if (n <= 0) return;
  std::vector<int64_t> seq{start};
  seq.insert(seq.end(), ids.begin(), ids.end());
  const auto len = static_cast<int64_t>(seq.size());
  if (len < n) return;
  const auto tail = seq.end() - (n - 1);  // the n-1 tokens a next token would extend
  std::vector<int64_t> banned;
  for (int64_t i = 0; i + n <= len; ++i) {
    if (std::equal(tail, seq.end(), seq.begin() + i)) banned.push_back(seq[static_cast<size_t>(i + n - 1)]);
  }
  if (banned.empty()) return;
  logp.index_fill_(0, torch::tensor(banned, torch::kLong).to(logp.device()), -std::numeric_limits<double>::infinity());
}

}  // namespace

GeneratedSequence greedySearch(const T5Weights& w, const torch::Tensor& enc, const GenerationOptions& opt,
                               const StepCallback& onStep, const QuoteConstraint* quote) {
  auto cache = makeDecoderCache(w, enc);
  GeneratedSequence out;
  int64_t next = w.config.decoder_start_token_id;
  for (int step = 0; step < opt.max_new_tokens; ++step) {
    if (onStep) onStep(step, opt.max_new_tokens);
    auto logp = torch::log_softmax(decodeStep(w, cache, tokenColumn({next}, enc.device()))[0][-1], -1);
    banRepeatedNgrams(logp, w.config.decoder_start_token_id, out.ids, opt.no_repeat_ngram_size);
    if (quote) quote->restrict(logp, out.ids);
    next = logp.argmax().item<int64_t>();
    if (!std::isfinite(logp[next].item<double>())) next = w.config.eos_token_id;  // the rules left nothing
    out.ids.push_back(static_cast<int32_t>(next));
    out.score += logp[next].item<double>();
    if (next == w.config.eos_token_id) break;
  }
  out.score /= std::pow(std::max<size_t>(1, out.ids.size()), opt.length_penalty);
  return out;
}

namespace {

struct Beam {
  std::vector<int32_t> ids;
  double sum_logprobs;
};

// Beam search as in transformers (early_stopping=False): an EOS candidate ranked
// within the top `beams` finishes a hypothesis; search stops when `beams`
// hypotheses are finished and no running beam can score better.
}  // namespace

GeneratedSequence beamSearch(const T5Weights& w, const torch::Tensor& enc, const GenerationOptions& opt,
                             const StepCallback& onStep, const QuoteConstraint* quote) {
  const int beams = opt.num_beams;
  const int64_t eos = w.config.eos_token_id;
  auto cache = makeDecoderCache(w, enc);
  auto lengthNorm = [&](double sum, size_t len) {
    return sum / std::pow(static_cast<double>(std::max<size_t>(1, len)), opt.length_penalty);
  };
  std::vector<Beam> running(beams, Beam{{}, -std::numeric_limits<double>::infinity()});
  running[0].sum_logprobs = 0.0;  // only the first beam is live before the first step
  std::vector<GeneratedSequence> finished;
  std::vector<int64_t> inputs(beams, w.config.decoder_start_token_id);

  for (int step = 0; step < opt.max_new_tokens; ++step) {
    if (onStep) onStep(step, opt.max_new_tokens);
    auto logp = torch::log_softmax(decodeStep(w, cache, tokenColumn(inputs, enc.device())).select(1, 0), -1);
    for (int b = 0; b < beams; ++b) {
      banRepeatedNgrams(logp[b], w.config.decoder_start_token_id, running[b].ids, opt.no_repeat_ngram_size);
      if (quote) quote->restrict(logp[b], running[b].ids);
    }
    std::vector<double> sums(beams);
    for (int b = 0; b < beams; ++b) sums[b] = running[b].sum_logprobs;
    auto scores = logp.to(torch::kFloat64) + torch::tensor(sums, torch::kFloat64).view({-1, 1}).to(logp.device());
    const int64_t vocab = logp.size(1);
    auto top = scores.view(-1).topk(std::min<int64_t>(2 * beams, scores.numel()));
    auto top_scores = std::get<0>(top).cpu();
    auto top_index = std::get<1>(top).cpu();

    std::vector<Beam> next;
    std::vector<int64_t> origin;
    for (int64_t j = 0; j < top_index.size(0) && static_cast<int>(next.size()) < beams; ++j) {
      const double s = top_scores[j].item<double>();
      if (!std::isfinite(s)) break;
      const int64_t idx = top_index[j].item<int64_t>();
      const int64_t beam = idx / vocab, token = idx % vocab;
      auto ids = running[beam].ids;
      ids.push_back(static_cast<int32_t>(token));
      if (token == eos) {
        if (j < beams) finished.push_back({ids, lengthNorm(s, ids.size())});
        continue;
      }
      next.push_back({std::move(ids), s});
      origin.push_back(beam);
    }
    std::sort(finished.begin(), finished.end(),
              [](const auto& a, const auto& b) { return a.score > b.score; });
    if (static_cast<int>(finished.size()) > beams) finished.resize(beams);
    if (next.empty()) {  // every candidate ended
      running.clear();
      break;
    }
    const bool enough = static_cast<int>(finished.size()) >= beams;
    if (enough && finished.back().score >= lengthNorm(next.front().sum_logprobs, next.front().ids.size())) {
      running.clear();
      break;
    }
    while (static_cast<int>(next.size()) < beams) {  // tiny vocabularies: pad with dead beams
      next.push_back({next.front().ids, -std::numeric_limits<double>::infinity()});
      origin.push_back(origin.front());
    }
    reorderDecoderCache(cache, torch::tensor(origin, torch::kLong));
    running = std::move(next);
    for (int b = 0; b < beams; ++b) inputs[b] = running[b].ids.back();
  }
  for (const auto& beam : running) {  // hit max_new_tokens: running beams compete too
    if (std::isfinite(beam.sum_logprobs)) finished.push_back({beam.ids, lengthNorm(beam.sum_logprobs, beam.ids.size())});
  }
  if (finished.empty()) return {};
  return *std::max_element(finished.begin(), finished.end(),
                           [](const auto& a, const auto& b) { return a.score < b.score; });
}

GeneratedSequence generate(const T5Weights& weights, const torch::Tensor& encoder_states,
                           const GenerationOptions& options, const StepCallback& onStep,
                           const QuoteConstraint* quote) {
  if (options.max_new_tokens < 1) throw InputError("max new tokens must be at least 1");
  if (options.num_beams < 1) throw InputError("the number of beams must be at least 1");
  if (options.num_beams == 1) return greedySearch(weights, encoder_states, options, onStep, quote);
  return beamSearch(weights, encoder_states, options, onStep, quote);
}

}  // namespace frontseat
