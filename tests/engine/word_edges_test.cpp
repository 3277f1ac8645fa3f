// Word edges among tokens (engine/text/word_edges.h): where a quoted answer may
// start and end.
#include "engine/text/word_edges.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/engine/test_paths.h"

namespace frontseat {
namespace {

TEST(WordEdges, InsideWordsAndNumbers) {
  EXPECT_TRUE(insideWord("Nairobi", 3));
  EXPECT_FALSE(insideWord("Nairobi", 0));
  EXPECT_FALSE(insideWord("Nairobi", 7));
  EXPECT_FALSE(insideWord("Kenya: Nairobi", 5));  // before ':'
  EXPECT_FALSE(insideWord("Kenya: Nairobi", 7));  // after the space
  EXPECT_TRUE(insideWord("1,098", 1));            // before a digit group's comma
  EXPECT_TRUE(insideWord("1,098", 2));            // after it
  EXPECT_TRUE(insideWord("3.5 m", 2));
  EXPECT_FALSE(insideWord("Lome, Togo", 4));      // a comma between words
  EXPECT_FALSE(insideWord("Lome, Togo", 5));
  EXPECT_FALSE(insideWord("7. Then", 2));
  EXPECT_TRUE(insideWord("d'Ivoire", 1));
  EXPECT_TRUE(insideWord("d'Ivoire", 2));
  EXPECT_FALSE(insideWord("'Ivoire", 1));
  EXPECT_TRUE(insideWord("Sao Tom\xC3\xA9", 8));  // inside a two-byte letter
  EXPECT_TRUE(insideWord("caf\xC3\xA9s", 3));
}

// On the demo model's tokenizer, a whole word or number starts at an edge, holds
// none and ends at one, whatever pieces it is cut into.
TEST(WordEdges, WholeWordsOnTheDemoTokenizer) {
  const auto tokenizer = Tokenizer::load(testing::sourceDir() / "models/frontseat-demo/spiece.model");
  const std::string text = "Capital of Cote d'Ivoire: Yamoussoukro; population 126,919,659 (2024 est.), area 3.5 sq km";
  const auto spans = tokenizer.encodeWithSpans(text);
  const auto edges = wordEdges(text, spans);
  ASSERT_EQ(edges.size(), spans.size() + 1);
  EXPECT_TRUE(edges.back());
  for (const std::string word : {"Capital", "d'Ivoire", "Yamoussoukro", "126,919,659", "2024", "3.5"}) {
    const size_t begin = text.find(word), end = begin + word.size();
    size_t first = spans.size(), after = spans.size();
    for (size_t i = 0; i < spans.size(); ++i) {
      if (spans[i].end > begin && first == spans.size()) first = i;
      if (spans[i].begin >= end && spans[i].end > spans[i].begin) {
        after = i;
        break;
      }
    }
    ASSERT_LT(first, spans.size()) << word;
    EXPECT_TRUE(edges[first]) << word << " starts";
    for (size_t i = first + 1; i < after; ++i) EXPECT_FALSE(edges[i]) << word << ": token " << i;
    EXPECT_TRUE(edges[after]) << word << " ends";
  }
}

}  // namespace
}  // namespace frontseat
