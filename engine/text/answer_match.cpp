#include "engine/text/answer_match.h"

#include <unordered_map>
#include <vector>

namespace frontseat {
namespace {

bool isAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// Python's string.punctuation, which SQuAD strips.
bool isAsciiPunctuation(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

bool isArticle(std::string_view token) { return token == "a" || token == "an" || token == "the"; }

std::vector<std::string> normalizedTokens(std::string_view answer) {
  std::vector<std::string> tokens;
  std::string token;
  const auto finishToken = [&] {
    if (!token.empty() && !isArticle(token)) tokens.push_back(token);
    token.clear();
  };
  for (const char c : answer) {
    if (isAsciiSpace(c)) {
      finishToken();
    } else if (!isAsciiPunctuation(c)) {
      token.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
  }
  finishToken();
  return tokens;
}

}  // namespace

std::string normalizeAnswer(std::string_view answer) {
  std::string normalized;
  for (const std::string& token : normalizedTokens(answer)) {
    if (!normalized.empty()) normalized.push_back(' ');
    normalized += token;
  }
  return normalized;
}

bool exactMatch(std::string_view prediction, std::string_view reference) {
  return normalizedTokens(prediction) == normalizedTokens(reference);
}

double tokenF1(std::string_view prediction, std::string_view reference) {
  const std::vector<std::string> predicted = normalizedTokens(prediction);
  const std::vector<std::string> expected = normalizedTokens(reference);
  if (predicted.empty() || expected.empty()) return predicted.empty() && expected.empty() ? 1.0 : 0.0;

  std::unordered_map<std::string_view, int> unmatched;
  for (const std::string& token : expected) ++unmatched[token];
  int common = 0;
  for (const std::string& token : predicted) {
    const auto found = unmatched.find(token);
    if (found != unmatched.end() && found->second > 0) {
      --found->second;
      ++common;
    }
  }
  if (common == 0) return 0.0;
  const double precision = static_cast<double>(common) / static_cast<double>(predicted.size());
  const double recall = static_cast<double>(common) / static_cast<double>(expected.size());
  return 2.0 * precision * recall / (precision + recall);
}

}  // namespace frontseat
