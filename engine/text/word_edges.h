// Where a text's words start and end among its tokens, so that a quoted answer
// starts and ends on a word's edge: "Nairobi", never "Nairo" or "robi", and
// "126,919,659" whole rather than "126,919".
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/text/tokenizer.h"

namespace frontseat {

// Whether byte offset `pos` of `text` falls inside a word: between two word
// characters (ASCII letters and digits, and any non-ASCII byte), a digit group's
// separator ("1,098" and "3.5" are one word each) or a letter's apostrophe ("d'Ivoire").
bool insideWord(std::string_view text, std::size_t pos);

// One flag per token of `spans` (encodeWithSpans of `text`) and one more: [i]
// says whether a word edge lies before token i, the last flag that one lies at
// the end. A token whose span is empty (a lone "▁") stands on an edge.
std::vector<bool> wordEdges(std::string_view text, const std::vector<TokenSpan>& spans);

// Byte span [begin, end) of `text` widened to the edges of the words it cuts, by at
// most `max_widen` bytes a side (text with no spaces, such as Chinese, has no word
// edges to find): evidence read at token edges then shows "45,925,301", not "9".
std::pair<std::size_t, std::size_t> widenToWords(std::string_view text, std::size_t begin, std::size_t end,
                                                 std::size_t max_widen = 32);

}  // namespace frontseat
