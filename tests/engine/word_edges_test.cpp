// Word edges among tokens (engine/text/word_edges.h): where a quoted answer may
// start and end.
#include "engine/text/word_edges.h"

#include <gtest/gtest.h>

#include <string>

#include "engine/vcc/trace_summary.h"
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
TEST(WordEdges, WidenToWordsTakesInTheWordsItCuts) {
  const std::string text = "Population: 45,925,301 (2024 est.) in Kenya";
  const auto span = [&](std::string_view inside) {
    const size_t at = text.find(inside);
    const auto [begin, end] = widenToWords(text, at, at + inside.size());
    return text.substr(begin, end - begin);
  };
  EXPECT_EQ(span("5,9"), "45,925,301");        // cut on both sides
  EXPECT_EQ(span("ulation: 45"), "Population: 45,925,301");
  EXPECT_EQ(span(" (2024 "), " (2024 ");       // already on edges
  EXPECT_EQ(span("Ken"), "Kenya");             // to the end of the text
  EXPECT_EQ(widenToWords(text, 0, 3), std::make_pair(size_t(0), size_t(10)));
  EXPECT_EQ(widenToWords(text, 28, 999), std::make_pair(size_t(28), text.size()));  // clamped
  // No word edge near: at most max_widen bytes a side.
  const std::string run(100, 'x');
  EXPECT_EQ(widenToWords(run, 50, 52, 8), std::make_pair(size_t(42), size_t(60)));
}

// Evidence passages as the app and `inspect` show them: the same widening, the
// rest of each passage untouched.
TEST(WordEdges, EvidencePassagesWidenToWords) {
  const std::string text = "Population of Kenya: 45,925,301 (2024 est.)";
  std::vector<EvidencePassage> passages(2);
  passages[0].begin = 23, passages[0].end = 26, passages[0].layers = 3;  // "925" of "45,925,301"
  passages[1].begin = 0, passages[1].end = 10;                           // on edges already
  widenToWords(passages, text);
  EXPECT_EQ(text.substr(passages[0].begin, passages[0].end - passages[0].begin), "45,925,301");
  EXPECT_EQ(passages[0].layers, 3);
  EXPECT_EQ(passages[1].begin, 0);
  EXPECT_EQ(passages[1].end, 10);
}

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
