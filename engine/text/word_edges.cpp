#include "engine/text/word_edges.h"

#include <algorithm>

namespace frontseat {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
}
bool isWordChar(char c) { return isDigit(c) || isLetter(c); }

// A character that joins the word characters on both sides of it.
bool joins(std::string_view text, std::size_t at) {
  if (at == 0 || at + 1 >= text.size()) return false;
  const char before = text[at - 1], c = text[at], after = text[at + 1];
  if (c == ',' || c == '.') return isDigit(before) && isDigit(after);
  if (c == '\'') return isLetter(before) && isLetter(after);
  return false;
}

}  // namespace

bool insideWord(std::string_view text, std::size_t pos) {
  if (pos == 0 || pos >= text.size()) return false;
  const char before = text[pos - 1], after = text[pos];
  if (isWordChar(before) && isWordChar(after)) return true;
  return joins(text, pos) || joins(text, pos - 1);
}

std::vector<bool> wordEdges(std::string_view text, const std::vector<TokenSpan>& spans) {
  std::vector<bool> edges(spans.size() + 1, true);
  for (std::size_t i = 0; i < spans.size(); ++i) {
    if (spans[i].begin < spans[i].end) edges[i] = !insideWord(text, spans[i].begin);
  }
  return edges;
}

std::pair<std::size_t, std::size_t> widenToWords(std::string_view text, std::size_t begin, std::size_t end,
                                                 std::size_t max_widen) {
  end = std::min(end, text.size());
  begin = std::min(begin, end);
  for (std::size_t room = max_widen; room > 0 && insideWord(text, begin); --room) --begin;
  for (std::size_t room = max_widen; room > 0 && insideWord(text, end); --room) ++end;
  return {begin, end};
}

}  // namespace frontseat
