// The Factbook evaluation's bookkeeping: summary key facts, the table's shape,
// lengths near the requested token counts and the truncation baseline's window.
// A random-weight model answers, so the scores themselves are not checked.
#include <gtest/gtest.h>

#include "engine/data/factbook.h"
#include "engine/eval/factbook_eval.h"
#include "engine/model/t5_model.h"
#include "engine/text/tokenizer.h"
#include "test_models.h"
#include "test_paths.h"

namespace frontseat {
namespace {

std::filesystem::path evalModel() {
  auto dir = testing::scratchDir("factbook-eval-model");
  TokenizerTrainingOptions training;
  training.vocabSize = 300;
  trainTokenizer({testing::sourceDir() / "resources/samples/harbor-report.txt"}, dir / "spiece", training);
  auto config = testing::testConfig({300, 32, 8, 64, 4, 2, 1}, true, false);
  config.vocab_size = Tokenizer::load(dir / "spiece.model").vocabSize();
  saveT5Weights(randomT5Weights(config, 3), dir);
  return dir;
}

TEST(FactbookEval, SummaryKeyFactsAreTheSemicolonSeparatedFacts) {
  const auto facts =
      summaryKeyFacts("France: capital Paris; population 66,553,766; area 643,801 sq km; currency euro; languages French.");
  ASSERT_EQ(facts.size(), 5u);
  EXPECT_EQ(facts[0], "capital paris");
  EXPECT_EQ(facts[4], "languages french");
  EXPECT_TRUE(summaryKeyFacts("").empty());
}

TEST(FactbookEval, AnAnswerStandsInTheDocumentOnlyAsAWholeValue) {
  const std::string document =
      "Coastline of Chile: 6,435 km\nLife expectancy of Chile: 78.61 years.\nCapital: Lima";
  EXPECT_TRUE(standsInDocument("6,435 km", document));
  EXPECT_TRUE(standsInDocument("78.61 years", document));  // before a full stop
  EXPECT_TRUE(standsInDocument("Lima", document));         // at the very end
  EXPECT_FALSE(standsInDocument("435 km", document));      // inside a number
  EXPECT_FALSE(standsInDocument("6,43", document));
  EXPECT_FALSE(standsInDocument("Li", document));          // inside a word
  EXPECT_FALSE(standsInDocument("Peru", document));
  EXPECT_FALSE(standsInDocument("", document));
}

TEST(FactbookEval, HeldOutFillersAreTheHeldOutCountriesOnly) {
  const auto countries = loadFactbook(testing::sourceDir() / "tests/fixtures/factbook");
  const auto all = fillerCountries(countries, false);
  const auto held_out = fillerCountries(countries, true);
  EXPECT_EQ(all.size(), countries.size());
  ASSERT_FALSE(held_out.empty());
  EXPECT_LT(held_out.size(), all.size());
  for (const auto* c : held_out) EXPECT_TRUE(isHeldOut(*c)) << c->code;
}

TEST(FactbookEval, ReportsEveryCellWithLengthsNearTheRequest) {
  const auto countries = loadFactbook(testing::sourceDir() / "tests/fixtures/factbook");
  auto engine = Engine::load(ModelOptions{evalModel()});
  FactbookEvalOptions options;
  options.lengths = {1500, 3000};  // one profile is about 1,250 tokens with this tiny tokenizer
  options.positions = {EvidencePosition::Start, EvidencePosition::End};
  options.per_cell = 2;
  options.full_max_tokens = 2000;
  options.truncate_tokens = 256;
  options.summaries = 2;
  const auto report = evaluateFactbook(*engine, countries, options);
  // 1500: 3 modes; 3000: no full attention. Two positions, plain and counterfactual.
  ASSERT_EQ(report.rows.size(), (3u + 2u) * 2u * 2u);
  for (const auto& row : report.rows) {
    EXPECT_EQ(row.n, 2);
    EXPECT_GE(row.exact_match, 0.0);
    EXPECT_LE(row.f1, 1.0);
    if (row.mode == "truncate") {
      EXPECT_LE(row.input_tokens, 256.0);
    } else {
      // The fixtures hold few profiles, so long documents come out shorter; never much longer.
      EXPECT_LE(row.input_tokens, row.length * 1.5) << row.length;
      EXPECT_GT(row.input_tokens, 200.0);
    }
    // Every question is kept, and the shares agree with the answers.
    ASSERT_EQ(row.answers.size(), 2u);
    int exact = 0, wrong = 0, wrong_in_document = 0;
    for (const auto& answer : row.answers) {
      EXPECT_FALSE(answer.question.empty());
      EXPECT_FALSE(answer.target.empty());
      EXPECT_FALSE(answer.field.empty());
      // Only a wrong answer found in the document can be found in the asked country's part of it.
      if (answer.in_asked_profile) {
        EXPECT_TRUE(answer.in_document);
        EXPECT_FALSE(answer.exact);
      }
      if (answer.exact) {
        ++exact;
      } else {
        ++wrong, wrong_in_document += answer.in_document ? 1 : 0;
      }
    }
    EXPECT_DOUBLE_EQ(row.exact_match, exact / 2.0);
    EXPECT_DOUBLE_EQ(row.wrong_in_document, wrong > 0 ? static_cast<double>(wrong_in_document) / wrong : -1.0);
    if (row.length > options.full_max_tokens) {
      EXPECT_NE(row.mode, "full");
    }
    if (row.mode == "vcc") {
      EXPECT_GE(row.evidence_refined, 0.0);
      EXPECT_LE(row.evidence_refined, 1.0);
    } else {
      EXPECT_EQ(row.evidence_refined, -1.0);
    }
  }
  EXPECT_EQ(report.summaries.n, 2);
  // Every question is counted once in the field breakdown, in its mode.
  int counted = 0;
  for (const auto& f : fieldBreakdown(report.rows)) counted += f.n;
  EXPECT_EQ(counted, static_cast<int>(report.rows.size()) * 2);
}

TEST(FactbookEval, FieldBreakdownSortsEachWrongAnswerByWhereItStands) {
  const auto answer = [](const std::string& field, bool exact, bool in_document, bool in_asked_profile) {
    return FactbookEvalAnswer{"q", field, "t", "a", exact, in_document, in_asked_profile};
  };
  FactbookEvalRow vcc_short, vcc_long, truncate;
  vcc_short.mode = vcc_long.mode = "vcc";
  truncate.mode = "truncate";
  vcc_short.answers = {answer("capital", true, false, false), answer("area", false, true, true),
                       answer("capital", false, true, false)};
  vcc_long.answers = {answer("capital", false, false, false), answer("zz-unlisted", true, false, false),
                      answer("area", true, false, false)};
  truncate.answers = {answer("capital", false, true, false)};
  const auto fields = fieldBreakdown({vcc_short, truncate, vcc_long});
  ASSERT_EQ(fields.size(), 4u);
  // vcc first (the rows' order), its fields in questionFields()' order, an unlisted one last.
  EXPECT_EQ(fields[0].mode, "vcc");
  EXPECT_EQ(fields[0].field, "capital");
  EXPECT_EQ(fields[0].n, 3);
  EXPECT_DOUBLE_EQ(fields[0].exact_match, 1.0 / 3);
  EXPECT_DOUBLE_EQ(fields[0].wrong_in_asked_profile, 0.0);
  EXPECT_DOUBLE_EQ(fields[0].wrong_elsewhere_in_document, 1.0 / 3);
  EXPECT_DOUBLE_EQ(fields[0].wrong_not_in_document, 1.0 / 3);
  EXPECT_EQ(fields[1].field, "area");
  EXPECT_DOUBLE_EQ(fields[1].exact_match, 0.5);
  EXPECT_DOUBLE_EQ(fields[1].wrong_in_asked_profile, 0.5);
  EXPECT_EQ(fields[2].field, "zz-unlisted");
  EXPECT_EQ(fields[3].mode, "truncate");
  EXPECT_EQ(fields[3].n, 1);
  EXPECT_DOUBLE_EQ(fields[3].wrong_elsewhere_in_document, 1.0);
  EXPECT_TRUE(fieldBreakdown({}).empty());
}

// Evidence refined: 100% when VCC refines every block, and below that when it
// refines one block of a long document.
TEST(FactbookEval, EvidenceRefinedFollowsHowMuchVccKeeps) {
  const auto countries = loadFactbook(testing::sourceDir() / "tests/fixtures/factbook");
  auto engine = Engine::load(ModelOptions{evalModel()});
  FactbookEvalOptions options;
  options.lengths = {3000};
  options.positions = {EvidencePosition::Middle};
  options.modes = {"vcc"};
  options.per_cell = 4;
  options.counterfactual = false;
  options.summaries = 0;
  options.vcc.num_fine_blocks = 100000;
  const auto all = evaluateFactbook(*engine, countries, options);
  ASSERT_EQ(all.rows.size(), 1u);
  EXPECT_EQ(all.rows[0].evidence_refined, 1.0);
  options.vcc.num_fine_blocks = 1;
  const auto one = evaluateFactbook(*engine, countries, options);
  ASSERT_EQ(one.rows.size(), 1u);
  EXPECT_LT(one.rows[0].evidence_refined, 1.0);
}

}  // namespace
}  // namespace frontseat
