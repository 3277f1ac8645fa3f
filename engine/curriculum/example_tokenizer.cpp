#include "engine/curriculum/example_tokenizer.h"

#include <algorithm>

#include "engine/text/prompt.h"

namespace frontseat::train {

namespace {

// The indices of the tokens whose bytes overlap [begin, end) (spans are in order).
std::vector<size_t> tokensOver(const std::vector<TokenSpan>& spans, size_t begin, size_t end) {
  auto it = std::partition_point(spans.begin(), spans.end(), [&](const TokenSpan& s) { return s.end <= begin; });
  std::vector<size_t> found;
  for (; it != spans.end() && it->begin < end; ++it) {
    if (it->end > begin) found.push_back(static_cast<size_t>(it - spans.begin()));
  }
  return found;
}

// Fills out.alignment from the example's copies: a copied target token points
// at the same token of each place the document holds it, when the document
// tokenizes that place exactly as the target does (else that place is left
// out). The EOS after a whole-answer copy points at the token after each place,
// where the value ends. Positions past a cut input are dropped.
void alignCopies(const TextExample& example, const PromptTokens& prompt, const std::vector<TokenSpan>& target,
                 TrainingExample& out) {
  std::vector<std::vector<int32_t>> alignment(out.target_ids.size());
  const auto input_len = static_cast<int64_t>(out.input_ids.size());
  const auto position = [&](size_t document_token) { return prompt.document_begin + static_cast<int64_t>(document_token); };
  bool any = false;
  for (const auto& copy : example.copies) {
    auto wanted = tokensOver(target, copy.target_begin, copy.target_end);
    if (wanted.empty()) continue;
    const bool whole_answer = wanted.back() + 1 == target.size();
    // A lone "▁" before the copy (".fr" is "▁", ".", "fr") covers no byte of it
    // but is written as part of it: it copies the "▁" before the same bytes.
    const bool lone_space = wanted.front() > 0 && target[wanted.front() - 1].end <= copy.target_begin &&
                            example.target.find_first_not_of(" ", target[wanted.front() - 1].begin) >= copy.target_begin;
    if (lone_space) wanted.insert(wanted.begin(), wanted.front() - 1);
    for (const auto& [begin, end] : copy.sources) {
      auto found = tokensOver(prompt.document_spans, begin, end);
      if (lone_space && !found.empty() && found.front() > 0) found.insert(found.begin(), found.front() - 1);
      if (found.size() != wanted.size()) continue;
      bool same = true;
      for (size_t i = 0; i < found.size() && same; ++i) same = prompt.document_spans[found[i]].id == target[wanted[i]].id;
      if (!same || position(found.back()) >= input_len - 1) continue;
      for (size_t i = 0; i < found.size(); ++i) alignment[wanted[i]].push_back(static_cast<int32_t>(position(found[i])));
      if (whole_answer) alignment.back().push_back(static_cast<int32_t>(position(found.back()) + 1));
      any = true;
    }
  }
  if (any) out.alignment = std::move(alignment);
}

// Fills out's country positions from the example's mentions. The prompt's
// question tokens are the question tokenized on its own, which gives their spans.
void linkCountry(const Tokenizer& tokenizer, const TextExample& example, const PromptTokens& prompt,
                 TrainingExample& out) {
  const auto [begin, end] = example.question_country;
  if (begin >= end || example.country_mentions.empty()) return;
  const auto question = tokenizer.encodeWithSpans(example.question);
  if (question.size() != out.question_positions.size()) return;
  std::vector<int32_t> asked;
  for (size_t i : tokensOver(question, begin, end)) asked.push_back(out.question_positions[i]);
  const auto input_len = static_cast<int64_t>(out.input_ids.size());
  // The input positions of the document's tokens over `spans` (not past a cut input).
  const auto positions = [&](const std::vector<std::pair<size_t, size_t>>& spans) {
    std::vector<int32_t> found;
    for (const auto& [from, to] : spans) {
      for (size_t i : tokensOver(prompt.document_spans, from, to)) {
        const int64_t at = prompt.document_begin + static_cast<int64_t>(i);
        if (at < input_len - 1) found.push_back(static_cast<int32_t>(at));
      }
    }
    return found;
  };
  auto mentions = positions(example.country_mentions);
  if (asked.empty() || mentions.empty()) return;
  out.question_country_positions = std::move(asked);
  out.country_mention_positions = std::move(mentions);
  out.other_country_mention_positions = positions(example.other_country_mentions);
}

// Fills out.sections: every block of two or more lines between blank lines,
// its first line the header. Blocks past a cut input are dropped.
void findSections(const std::string& document, const PromptTokens& prompt, TrainingExample& out) {
  const auto input_len = static_cast<int64_t>(out.input_ids.size());
  size_t begin = 0;
  while (begin < document.size()) {
    size_t end = document.find("\n\n", begin);
    if (end == std::string::npos) end = document.size();
    const size_t header_end = document.find('\n', begin);
    if (header_end != std::string::npos && header_end + 1 < end) {
      const auto header = tokensOver(prompt.document_spans, begin, header_end);
      const auto body = tokensOver(prompt.document_spans, header_end + 1, end);
      if (!header.empty() && !body.empty()) {
        const auto at = [&](size_t token) { return prompt.document_begin + static_cast<int64_t>(token); };
        const int64_t last = std::min(at(body.back()) + 1, input_len - 1);
        if (at(body.front()) < last) {
          out.sections.push_back({static_cast<int32_t>(at(header.front())), static_cast<int32_t>(at(body.front())),
                                  static_cast<int32_t>(last)});
        }
      }
    }
    begin = document.find_first_not_of('\n', end);
    if (begin == std::string::npos) break;
  }
}

// Fills out's evidence range from the example's evidence bytes (not past a cut
// input). Without its leading and trailing blanks: a token that holds the
// newlines before a name belongs to the part that name opens.
void findEvidence(const TextExample& example, const PromptTokens& prompt, TrainingExample& out) {
  const std::string& text = example.document;
  const size_t end_limit = std::min(example.evidence_end, text.size());
  const size_t from = text.find_first_not_of(" \n", example.evidence_offset);
  if (from == std::string::npos || from >= end_limit) return;
  const size_t to = text.find_last_not_of(" \n", end_limit - 1) + 1;
  const auto tokens = tokensOver(prompt.document_spans, from, to);
  if (tokens.empty()) return;
  const int64_t last = static_cast<int64_t>(out.input_ids.size()) - 1;
  const int64_t first = std::min(prompt.document_begin + static_cast<int64_t>(tokens.front()), last);
  const int64_t end = std::min(prompt.document_begin + static_cast<int64_t>(tokens.back()) + 1, last);
  if (first < end) out.evidence_first = static_cast<int32_t>(first), out.evidence_end = static_cast<int32_t>(end);
}

}  // namespace

TrainingExample tokenizeExample(const Tokenizer& tokenizer, const TextExample& example, int64_t max_input_tokens) {
  const bool summary = example.task == "summary";
  const auto prompt = buildPrompt(tokenizer, summary ? kDefaultSummaryTemplate : kDefaultQuestionTemplate,
                                  example.question, example.document);
  TrainingExample out;
  out.input_ids = prompt.ids;
  out.vip.reserve(prompt.roles.size());
  for (size_t i = 0; i < prompt.roles.size(); ++i) {
    // As the engine marks them: the EOS is no VIP token.
    out.vip.push_back(prompt.roles[i] == TokenRole::Template || prompt.roles[i] == TokenRole::Question ? 1 : 0);
    if (prompt.roles[i] == TokenRole::Question) out.question_positions.push_back(static_cast<int32_t>(i));
  }
  if (static_cast<int64_t>(out.input_ids.size()) > max_input_tokens) {
    // Keep the EOS last, as the engine's inputs always have it.
    out.input_ids.resize(static_cast<size_t>(max_input_tokens));
    out.vip.resize(static_cast<size_t>(max_input_tokens));
    out.input_ids.back() = tokenizer.eosId();
    out.vip.back() = 0;
  }
  const auto target = tokenizer.encodeWithSpans(example.target);
  for (const auto& token : target) out.target_ids.push_back(token.id);
  out.target_ids.push_back(tokenizer.eosId());
  alignCopies(example, prompt, target, out);
  linkCountry(tokenizer, example, prompt, out);
  findSections(example.document, prompt, out);
  findEvidence(example, prompt, out);
  return out;
}

}  // namespace frontseat::train
