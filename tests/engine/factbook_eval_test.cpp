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
