// Summaries section by section: which parts a document is cut into, and the
// engine run over them (a tiny random model: what matters is that each part is
// summarized as it would be alone, in order, with progress and cancel).
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <sstream>

#include "engine/core/errors.h"
#include "engine/import/imported_document.h"
#include "engine/session/library_documents.h"
#include "engine/session/section_summary.h"
#include "tests/engine/test_models.h"
#include "tests/engine/test_paths.h"

namespace frontseat {
namespace {

std::vector<std::string> titles(const std::vector<SummarySection>& sections) {
  std::vector<std::string> out;
  for (const auto& s : sections) out.push_back(s.title);
  return out;
}

// The Factbook sample: its title stands alone (no part), each country is one.
TEST(SummarySections, CountriesOfTheFactbookSample) {
  const auto doc = importDocument(testing::sourceDir() / "resources/samples/world-factbook-profiles.txt");
  const auto sections = summarySections(doc.text, doc.headings, doc.title);
  ASSERT_EQ(sections.size(), 45u);
  EXPECT_EQ(sections[0].title, "Andorra (Principality of Andorra)");
  EXPECT_EQ(doc.text.compare(sections[0].begin, 7, "Andorra"), 0);
  for (size_t i = 0; i + 1 < sections.size(); ++i) EXPECT_EQ(sections[i].end, sections[i + 1].begin);
  EXPECT_EQ(sections.back().end, doc.text.size());
  const std::string kenya = "Kenya (Republic of Kenya)";
  bool found = false;
  for (const auto& s : sections) {
    if (s.title != kenya) continue;
    found = true;
    const auto part = doc.text.substr(s.begin, s.end - s.begin);
    EXPECT_NE(part.find("Capital of Kenya: Nairobi"), std::string::npos);
    EXPECT_EQ(part.find("Andorra"), std::string::npos);
  }
  EXPECT_TRUE(found);
}

// The shallowest level with two headings decides; shallower headings still cut,
// text before the first heading is a part titled by the document, and a heading
// with nothing under it is none.
TEST(SummarySections, LevelsPreambleAndEmptyParts) {
  const std::string text =
      "Preface line one\nand two\n\n# Book\nIntro text.\n\n## One\nFirst.\n\n## Two\n\n## Three\nThird.";
  auto at = [&](const std::string& s) { return text.find(s); };
  const std::vector<DocumentHeading> headings = {
      {at("# Book"), 1, "Book"}, {at("## One"), 2, "One"}, {at("## Two"), 2, "Two"}, {at("## Three"), 2, "Three"}};
  const auto sections = summarySections(text, headings, "My file");
  EXPECT_EQ(titles(sections), (std::vector<std::string>{"My file", "Book", "One", "Three"}));
  EXPECT_EQ(sections[0].begin, 0u);
  EXPECT_EQ(sections[2].end, at("## Two"));
  EXPECT_EQ(sections[3].end, text.size());
}

TEST(SummarySections, FewerThanTwoPartsMeansWhole) {
  EXPECT_TRUE(summarySections("Just text.", {}, "t").empty());
  const std::string one = "# Only\nText under it.";
  EXPECT_TRUE(summarySections(one, {{0, 1, "Only"}}, "t").empty());
  // Two headings, but one of them heads nothing.
  const std::string two = "# A\nText.\n\n# B";
  EXPECT_TRUE(summarySections(two, {{0, 1, "A"}, {two.find("# B"), 1, "B"}}, "t").empty());
}

// Plain text stored before plain text had headings gets them when read back, so
// its outline and its summary by section work without importing it again; stored
// headings, and other formats, are taken as stored.
TEST(DocumentStructure, PlainTextStoredWithoutHeadingsGetsThem) {
  StoredDocument doc;
  doc.record.format = "txt";
  doc.text = "Report\n\n1. Money\n\nWe spent little.\n\nThe roof held.\n\n2. People\n\nWe hired two.\n\nNone left.";
  doc.structure_json = R"({"pages": [], "headings": []})";
  const auto derived = documentStructure(doc).headings;
  ASSERT_EQ(derived.size(), 3u);
  EXPECT_EQ(derived[1].title, "1. Money");
  EXPECT_EQ(derived[1].offset, doc.text.find("1. Money"));
  doc.structure_json = R"({"headings": [{"level": 2, "title": "Kept", "offset": 0}]})";
  ASSERT_EQ(documentStructure(doc).headings.size(), 1u);
  EXPECT_EQ(documentStructure(doc).headings[0].title, "Kept");
  doc.record.format = "md";
  doc.structure_json = "not json";
  EXPECT_TRUE(documentStructure(doc).headings.empty());
}

TEST(SummarizeBySection, EachPartAsAloneInOrderWithProgress) {
  auto engine = Engine::load(ModelOptions{testing::makeEngineModel("section-summary", true)});
  AskRequest request;
  request.question.clear();
  request.prompt_template = kDefaultSummaryTemplate;
  request.generation.max_new_tokens = 6;
  request.document = "1. Harbor\nThe harbor is open all year.\n\n2. Boats\nSixty-one boats fish from it.";
  const std::vector<SummarySection> sections = {{"1. Harbor", 0, request.document.find("2. Boats")},
                                                {"2. Boats", request.document.find("2. Boats"), request.document.size()}};
  std::vector<Progress> reports;
  JobControl control{[&](const Progress& p) { reports.push_back(p); }, nullptr};
  const auto result = summarizeBySection(*engine, request, sections, control);

  std::string expected;
  int64_t tokens = 0;
  for (const auto& s : sections) {
    AskRequest alone = request;
    alone.document = request.document.substr(s.begin, s.end - s.begin);
    const auto part = engine->ask(alone);
    expected += (expected.empty() ? "" : "\n\n") + s.title + "\n" + part.answer;
    tokens += part.input_tokens;
  }
  EXPECT_EQ(result.answer, expected);
  EXPECT_EQ(result.input_tokens, tokens);
  EXPECT_EQ(result.sections, 2);
  EXPECT_TRUE(result.output_ids.empty());
  EXPECT_FALSE(result.trace.has_value());
  ASSERT_EQ(reports.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(reports[static_cast<size_t>(i)].stage, "section");
    EXPECT_EQ(reports[static_cast<size_t>(i)].done, i);
    EXPECT_EQ(reports[static_cast<size_t>(i)].total, 2);
  }
}

TEST(SummarizeBySection, CancelStopsBetweenParts) {
  auto engine = Engine::load(ModelOptions{testing::makeEngineModel("section-summary-cancel", false)});
  AskRequest request;
  request.prompt_template = kDefaultSummaryTemplate;
  request.document = "A\nfirst part.\n\nB\nsecond part.";
  const auto b = request.document.find("B\n");
  const std::vector<SummarySection> sections = {{"A", 0, b}, {"B", b, request.document.size()}};
  std::atomic<bool> cancel{false};
  int reports = 0;
  JobControl control{[&](const Progress&) {
                       if (++reports == 2) cancel = true;  // as the second part starts
                     },
                     &cancel};
  EXPECT_THROW(summarizeBySection(*engine, request, sections, control), CancelledError);
  EXPECT_EQ(reports, 2);
}

}  // namespace
}  // namespace frontseat
