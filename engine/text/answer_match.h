// Comparing a predicted answer with a reference answer the way the SQuAD
// evaluation does: exact match and token F1 after normalization. The compare
// view uses it to tell whether full attention and VCC agree; the model
// evaluation scores answers with it.
#pragma once

#include <string>
#include <string_view>

namespace frontseat {

// SQuAD's normalization, byte-wise on UTF-8: ASCII letters lower-cased, ASCII
// punctuation removed (without a space in its place: "don't" -> "dont"), the
// tokens "a", "an" and "the" dropped, and runs of ASCII whitespace collapsed to
// single spaces with none at either end. Bytes of 0x80 and above (non-ASCII
// characters) are kept as they are.
std::string normalizeAnswer(std::string_view answer);

// Whether the two answers are equal after normalization.
bool exactMatch(std::string_view prediction, std::string_view reference);

// The harmonic mean of precision and recall of the normalized tokens, counted as
// bags (a token that appears twice in both counts twice). Two answers that are
// both empty after normalization score 1; one empty answer scores 0.
double tokenF1(std::string_view prediction, std::string_view reference);

}  // namespace frontseat
