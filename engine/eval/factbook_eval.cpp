#include "engine/eval/factbook_eval.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>
#include <utility>

#include "engine/core/errors.h"
#include "engine/data/profile_renderer.h"
#include "engine/text/answer_match.h"
#include "engine/vcc/vcc_trace.h"

namespace frontseat {

namespace {

// Bytes of Factbook text per token of this tokenizer, to size documents in tokens.
double bytesPerToken(const Tokenizer& tokenizer, const std::vector<const CountryFacts*>& countries) {
  std::string sample;
  for (size_t i = 0; i < countries.size() && i < 20; ++i) sample += renderProfile(*countries[i]) + "\n\n";
  return static_cast<double>(sample.size()) / std::max<size_t>(1, tokenizer.encode(sample).size());
}

// The given countries as filler, several times over: 226 profiles make about
// 100K tokens, and the longest documents need more. A repeated filler is harmless:
// the country asked about appears once.
std::vector<const CountryFacts*> fillersFor(const std::vector<const CountryFacts*>& one_pass, int64_t tokens,
                                            double bytes_per_token) {
  size_t bytes = 0;
  for (const auto* c : one_pass) bytes += renderProfile(*c).size() + 2;
  const auto needed = static_cast<size_t>(static_cast<double>(tokens) * bytes_per_token * 1.1);
  std::vector<const CountryFacts*> out;
  for (size_t total = 0; total < needed; total += bytes) {
    for (const auto* c : one_pass) out.push_back(c);
  }
  return out;
}

struct Answered {
  std::string answer;
  int64_t input_tokens = 0;
  double seconds = 0;
  std::optional<bool> evidence_refined;  // VCC runs of an answer the document holds
};

// Whether a token over the bytes the answer is copied from (the example's
// copy sources) had full resolution in the trace's last VCC layer; empty
// without a VCC layer or a source.
std::optional<bool> evidenceRefined(const VccTrace& trace, const TextExample& example) {
  const LayerTrace* last = nullptr;
  for (const auto& layer : trace.layers) {
    if (layer.kind == "vcc") last = &layer;
  }
  if (!last) return std::nullopt;
  bool any_source = false;
  for (const auto& copy : example.copies) {
    for (const auto& [begin, end] : copy.sources) {
      any_source = true;
      for (size_t i = 0; i < trace.spans.size(); ++i) {
        const auto& span = trace.spans[i];
        const bool over = span.begin >= 0 && span.begin < static_cast<int64_t>(end) &&
                          span.end > static_cast<int64_t>(begin);
        if (over && last->resolution[i] <= kResolutionFine) return true;
      }
    }
  }
  return any_source ? std::optional<bool>(false) : std::nullopt;
}

Answered ask(Engine& engine, const TextExample& example, const std::string& mode, const FactbookEvalOptions& options,
             int max_new_tokens) {
  AskRequest request;
  request.question = example.question;
  request.document = example.document;
  request.prompt_template = example.task == "summary" ? kDefaultSummaryTemplate : kDefaultQuestionTemplate;
  request.generation.max_new_tokens = max_new_tokens;
  request.generation.num_beams = options.num_beams;
  if (example.task == "summary") {
    request.generation.no_repeat_ngram_size = options.summary_no_repeat_ngram;
  } else {
    request.generation.quote_document = options.quote_answers;
  }
  request.vcc = options.vcc;
  if (mode == "auto") {
    request.attention = AttentionMode::Auto;
  } else if (mode == "vcc") {
    request.attention = AttentionMode::Vcc;
    request.want_trace = true;
  } else if (mode == "full") {
    request.attention = AttentionMode::Full;
  } else if (mode == "truncate") {
    // The first tokens of the document only, so that the whole input fits the
    // short model's window; the prompt's own tokens count against it too.
    request.attention = AttentionMode::Full;
    auto tokens = engine.tokenizer().encodeWithSpans(example.document);
    const auto prompt_tokens =
        static_cast<int64_t>(engine.tokenizer().encode("question: " + example.question + " context:").size()) + 1;
    tokens.resize(static_cast<size_t>(
        std::clamp<int64_t>(options.truncate_tokens - prompt_tokens, 1, static_cast<int64_t>(tokens.size()))));
    request.document_tokens = std::move(tokens);
  } else {
    throw InputError("unknown evaluation mode '" + mode + "': use vcc, full, truncate or auto");
  }
  const auto result = engine.ask(request);
  Answered answered{result.answer, result.input_tokens, (result.encode_ms + result.decode_ms) / 1000.0, {}};
  if (result.trace) answered.evidence_refined = evidenceRefined(*result.trace, example);
  return answered;
}

}  // namespace

std::string positionName(EvidencePosition position) {
  switch (position) {
    case EvidencePosition::Start: return "start";
    case EvidencePosition::Middle: return "middle";
    case EvidencePosition::End: return "end";
    case EvidencePosition::Random: break;
  }
  return "random";
}

bool standsInDocument(const std::string& answer, const std::string& document) {
  if (answer.empty()) return false;
  const auto digit = [&document](size_t i) {
    return i < document.size() && std::isdigit(static_cast<unsigned char>(document[i]));
  };
  // Part of the same word or number: a letter or digit, or a separator inside a number ("19,924").
  const auto joined = [&](size_t i, size_t beyond) {
    const auto c = static_cast<unsigned char>(document[i]);
    return std::isalnum(c) || ((c == ',' || c == '.') && digit(beyond));
  };
  for (auto at = document.find(answer); at != std::string::npos; at = document.find(answer, at + 1)) {
    const auto end = at + answer.size();
    const bool starts = at == 0 || !joined(at - 1, at >= 2 ? at - 2 : document.size());
    const bool ends = end == document.size() || !joined(end, end + 1);
    if (starts && ends) return true;
  }
  return false;
}

std::vector<FactbookFieldRow> fieldBreakdown(const std::vector<FactbookEvalRow>& rows) {
  const auto known = questionFields();
  std::vector<std::string> modes;
  // Keyed so that the map's order is the table's: mode, known field, name.
  std::map<std::tuple<size_t, size_t, std::string>, FactbookFieldRow> by_key;
  for (const auto& row : rows) {
    auto mode = static_cast<size_t>(std::find(modes.begin(), modes.end(), row.mode) - modes.begin());
    if (mode == modes.size()) modes.push_back(row.mode);
    for (const auto& answer : row.answers) {
      const auto rank = static_cast<size_t>(std::find(known.begin(), known.end(), answer.field) - known.begin());
      auto& r = by_key.try_emplace({mode, rank, answer.field}, FactbookFieldRow{row.mode, answer.field}).first->second;
      ++r.n;
      double& share = answer.exact              ? r.exact_match
                      : answer.in_asked_profile ? r.wrong_in_asked_profile
                      : answer.in_document      ? r.wrong_elsewhere_in_document
                                                : r.wrong_not_in_document;
      share += 1;
    }
  }
  std::vector<FactbookFieldRow> out;
  for (auto& [key, r] : by_key) {
    const double n = r.n;
    r.exact_match /= n, r.wrong_in_asked_profile /= n, r.wrong_elsewhere_in_document /= n, r.wrong_not_in_document /= n;
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<std::string> summaryKeyFacts(const std::string& summary) {
  std::string body = summary;
  if (const auto colon = body.find(':'); colon != std::string::npos) body = body.substr(colon + 1);
  std::vector<std::string> facts;
  std::stringstream parts(body);
  std::string part;
  while (std::getline(parts, part, ';')) {
    const auto fact = normalizeAnswer(part);
    if (!fact.empty()) facts.push_back(fact);
  }
  return facts;
}

std::vector<const CountryFacts*> fillerCountries(const std::vector<CountryFacts>& countries, bool held_out_only) {
  if (held_out_only) return countriesInSplit(countries, /*held_out=*/true);
  std::vector<const CountryFacts*> all;
  for (const auto& c : countries) all.push_back(&c);
  return all;
}

FactbookEvalReport evaluateFactbook(Engine& engine, const std::vector<CountryFacts>& countries,
                                    const FactbookEvalOptions& options,
                                    const std::function<void(const std::string&)>& log) {
  const auto held_out = countriesInSplit(countries, /*held_out=*/true);
  if (held_out.empty()) throw InputError("no held-out countries in the Factbook data");
  const double bytes_per_token = bytesPerToken(engine.tokenizer(), held_out);
  const auto filler_pool = fillerCountries(countries, options.held_out_fillers);
  FactbookEvalReport report;
  for (const int64_t length : options.lengths) {
    const auto fillers = fillersFor(filler_pool, length, bytes_per_token);
    for (const bool counterfactual : {false, true}) {
      if (counterfactual && !options.counterfactual) continue;
      for (const auto position : options.positions) {
        TaskOptions tasks;
        tasks.seed = options.seed + static_cast<uint64_t>(length) * 31 + (counterfactual ? 7 : 0) +
                     static_cast<uint64_t>(position);
        tasks.pool = std::vector<const CountryFacts*>(held_out.begin(), held_out.end());
        tasks.fillers = std::vector<const CountryFacts*>(fillers.begin(), fillers.end());
        tasks.target_bytes = static_cast<size_t>(static_cast<double>(length) * bytes_per_token);
        tasks.counterfactual_rate = counterfactual ? 1.0 : 0.0;
        tasks.position = position;
        FactbookTasks generator(tasks);
        std::vector<TextExample> examples;
        for (int i = 0; i < options.per_cell; ++i) examples.push_back(generator.makeQuestion());
        for (const auto& mode : options.modes) {
          if (mode == "full" && length > options.full_max_tokens) continue;
          FactbookEvalRow row;
          row.length = length, row.position = positionName(position), row.mode = mode;
          row.counterfactual = counterfactual;
          int refined = 0, traced = 0, wrong = 0, wrong_in_document = 0;
          for (const auto& example : examples) {
            const auto answered = ask(engine, example, mode, options, 32);
            if (answered.evidence_refined) refined += *answered.evidence_refined ? 1 : 0, ++traced;
            FactbookEvalAnswer record{example.question, example.field, example.target, answered.answer,
                                      exactMatch(answered.answer, example.target)};
            if (!record.exact) {
              // Searched for wrong answers only: the document may be half a megabyte.
              record.in_document = standsInDocument(answered.answer, example.document);
              const auto asked_begin = std::min(example.evidence_offset, example.document.size());
              const auto asked_end = std::clamp(example.evidence_end, asked_begin, example.document.size());
              record.in_asked_profile =
                  record.in_document &&
                  standsInDocument(answered.answer, example.document.substr(asked_begin, asked_end - asked_begin));
              ++wrong, wrong_in_document += record.in_document ? 1 : 0;
            }
            row.exact_match += record.exact ? 1 : 0;
            row.answers.push_back(std::move(record));
            row.f1 += tokenF1(answered.answer, example.target);
            row.input_tokens += static_cast<double>(answered.input_tokens);
            row.seconds += answered.seconds;
            ++row.n;
          }
          const double n = std::max(1, row.n);
          row.exact_match /= n, row.f1 /= n, row.input_tokens /= n, row.seconds /= n;
          if (traced > 0) row.evidence_refined = static_cast<double>(refined) / traced;
          if (wrong > 0) row.wrong_in_document = static_cast<double>(wrong_in_document) / wrong;
          const auto& done = report.rows.emplace_back(std::move(row));
          if (log) {
            std::ostringstream line;
            line << length << " tokens, " << done.position << ", " << mode << (counterfactual ? ", counterfactual" : "")
                 << ": EM " << done.exact_match << ", F1 " << done.f1 << " (" << done.n << " questions, "
                 << done.seconds << " s each)";
            log(line.str());
          }
        }
      }
    }
  }
  if (options.summaries > 0) {
    TaskOptions tasks;
    tasks.seed = options.seed + 99;
    // Built in place: GCC 12 flags a false null-pointer memmove (-Wnonnull) on
    // copy-assigning these vectors here.
    tasks.pool = std::vector<const CountryFacts*>(held_out.begin(), held_out.end());
    tasks.fillers = tasks.pool;
    FactbookTasks generator(tasks);
    for (int i = 0; i < options.summaries; ++i) {
      const auto example = generator.makeSummary();
      const auto answered = ask(engine, example, "auto", options, 64);
      const auto predicted = summaryKeyFacts(answered.answer), reference = summaryKeyFacts(example.target);
      const std::set<std::string> truth(reference.begin(), reference.end());
      const auto correct = std::count_if(predicted.begin(), predicted.end(),
                                         [&truth](const std::string& f) { return truth.count(f) > 0; });
      report.summaries.precision += predicted.empty() ? 0.0 : static_cast<double>(correct) / predicted.size();
      report.summaries.recall += reference.empty() ? 0.0 : static_cast<double>(correct) / reference.size();
      ++report.summaries.n;
    }
    report.summaries.precision /= report.summaries.n;
    report.summaries.recall /= report.summaries.n;
  }
  return report;
}

}  // namespace frontseat
