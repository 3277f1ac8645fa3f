// Tests of SQuAD-style answer comparison (engine/text/answer_match.h).
#include "engine/text/answer_match.h"

#include <gtest/gtest.h>

namespace frontseat {
namespace {

TEST(NormalizeAnswer, LowerCasesAsciiLetters) {
  EXPECT_EQ(normalizeAnswer("Paris IS Big"), "paris is big");
}

TEST(NormalizeAnswer, RemovesPunctuationWithoutLeavingSpaces) {
  EXPECT_EQ(normalizeAnswer("don't"), "dont");
  EXPECT_EQ(normalizeAnswer("1,000.5"), "10005");
  EXPECT_EQ(normalizeAnswer("(a) [b] {c}!?"), "b c");
  EXPECT_EQ(normalizeAnswer("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"), "");
}

TEST(NormalizeAnswer, DropsArticlesAsWholeTokensOnly) {
  EXPECT_EQ(normalizeAnswer("The cat ate a mouse and an apple"), "cat ate mouse and apple");
  EXPECT_EQ(normalizeAnswer("theory about an anthem"), "theory about anthem");
  // Punctuation goes first, so "the," is an article and "a-b" is the token "ab".
  EXPECT_EQ(normalizeAnswer("the, a-b"), "ab");
  EXPECT_EQ(normalizeAnswer("THE An A"), "");
}

TEST(NormalizeAnswer, CollapsesWhitespace) {
  EXPECT_EQ(normalizeAnswer("  new\t\tyork \n city\r\n"), "new york city");
  EXPECT_EQ(normalizeAnswer(""), "");
  EXPECT_EQ(normalizeAnswer(" \t\n"), "");
}

TEST(NormalizeAnswer, KeepsNonAsciiBytes) {
  // "Élan" and "café" in UTF-8; É is not ASCII, so it keeps its case.
  EXPECT_EQ(normalizeAnswer("\xC3\x89lan, Caf\xC3\xA9!"), "\xC3\x89lan caf\xC3\xA9");
  // A non-ASCII punctuation mark (the em dash) is not removed.
  EXPECT_EQ(normalizeAnswer("yes \xE2\x80\x94 no"), "yes \xE2\x80\x94 no");
}

TEST(ExactMatch, ComparesNormalizedAnswers) {
  EXPECT_TRUE(exactMatch("The Eiffel Tower.", "eiffel   tower"));
  EXPECT_TRUE(exactMatch("", "the"));
  EXPECT_FALSE(exactMatch("Eiffel Tower", "the tower"));
  EXPECT_FALSE(exactMatch("tower eiffel", "eiffel tower"));  // order matters
}

TEST(TokenF1, IsOneForEqualAnswers) {
  EXPECT_DOUBLE_EQ(tokenF1("The Eiffel Tower", "eiffel tower!"), 1.0);
}

TEST(TokenF1, WorkedExamples) {
  // Prediction "eiffel tower in paris" (4 tokens), reference "eiffel tower" (2):
  // 2 in common, precision 2/4, recall 2/2, F1 = 2 * 0.5 * 1 / 1.5 = 2/3.
  EXPECT_DOUBLE_EQ(tokenF1("the Eiffel Tower in Paris", "Eiffel Tower"), 2.0 / 3.0);
  // Prediction "in 1889" (2), reference "march 1889" (2): 1 in common,
  // precision 1/2, recall 1/2, F1 = 1/2.
  EXPECT_DOUBLE_EQ(tokenF1("in 1889", "March 1889"), 0.5);
  // Order does not matter: the same bag of tokens scores 1.
  EXPECT_DOUBLE_EQ(tokenF1("tower eiffel", "eiffel tower"), 1.0);
}

TEST(TokenF1, CountsRepeatedTokensAsABag) {
  // Prediction "new new york" (3), reference "new york" (2): "new" is common once
  // and "york" once, so 2 in common: precision 2/3, recall 1, F1 = 0.8.
  EXPECT_DOUBLE_EQ(tokenF1("new new york", "new york"), 0.8);
  // Prediction "new new" (2), reference "new new new york" (4): 2 in common,
  // precision 1, recall 1/2, F1 = 2/3.
  EXPECT_DOUBLE_EQ(tokenF1("new new", "new new new york"), 2.0 / 3.0);
}

TEST(TokenF1, IsZeroWithoutCommonTokens) {
  EXPECT_DOUBLE_EQ(tokenF1("London", "Paris"), 0.0);
  EXPECT_DOUBLE_EQ(tokenF1("the capital", "a city"), 0.0);
}

TEST(TokenF1, EmptyAnswers) {
  EXPECT_DOUBLE_EQ(tokenF1("", ""), 1.0);
  EXPECT_DOUBLE_EQ(tokenF1("the", "a"), 1.0);  // both empty after normalization
  EXPECT_DOUBLE_EQ(tokenF1("", "Paris"), 0.0);
  EXPECT_DOUBLE_EQ(tokenF1("Paris", ""), 0.0);
  EXPECT_DOUBLE_EQ(tokenF1("An...", "Paris"), 0.0);  // empty after normalization
}

}  // namespace
}  // namespace frontseat
