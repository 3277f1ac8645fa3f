// The demo model's curriculum (engine/curriculum): Factbook examples tokenized
// with VIP marks, question positions and the attention alignment that points
// each copied target token at the same token in the document.
#include <gtest/gtest.h>

#include <fstream>

#include "engine/core/errors.h"
#include "engine/curriculum/demo_tokenizer.h"
#include "engine/curriculum/example_tokenizer.h"
#include "engine/curriculum/factbook_batches.h"
#include "engine/curriculum/reading_diagnosis.h"
#include "engine/curriculum/selection_diagnosis.h"
#include "engine/data/factbook_tasks.h"
#include "engine/data/profile_renderer.h"
#include "engine/model/t5_model.h"
#include "engine/text/prompt.h"
#include "tests/data/factbook_fixtures.h"
#include "tests/engine/test_models.h"
#include "tests/engine/test_paths.h"

namespace frontseat {
namespace {

using train::tokenizeExample;

// A tokenizer trained on the fixture countries' profiles and questions, once.
const Tokenizer& fixtureTokenizer() {
  static const Tokenizer tokenizer = [] {
    const auto dir = testing::scratchDir("curriculum-tokenizer");
    {
      std::ofstream corpus(dir / "corpus.txt");
      for (const auto& c : testing::fixtureCountries()) corpus << renderProfile(c) << "\n" << renderKeyFacts(c) << "\n";
      corpus << "question: What is the capital? context: summarize:\n";
    }
    TokenizerTrainingOptions options;
    options.vocabSize = 400;
    trainTokenizer({dir / "corpus.txt"}, dir / "spiece", options);
    return Tokenizer::load(dir / "spiece.model");
  }();
  return tokenizer;
}

std::vector<const CountryFacts*> fixturePointers() {
  std::vector<const CountryFacts*> pointers;
  for (const auto& c : testing::fixtureCountries()) pointers.push_back(&c);
  return pointers;
}

FactbookTasks tasks(uint64_t seed, double counterfactual, size_t bytes = 6000) {
  TaskOptions options;
  options.seed = seed;
  options.pool = fixturePointers();
  options.fillers = fixturePointers();
  options.target_bytes = bytes;
  options.counterfactual_rate = counterfactual;
  return FactbookTasks(options);
}

// The input positions of the target country's profile.
std::pair<int64_t, int64_t> profileTokens(const Tokenizer& tokenizer, const TextExample& e, size_t profile_bytes) {
  const auto prompt = buildPrompt(tokenizer, kDefaultQuestionTemplate, e.question, e.document);
  int64_t first = -1, last = -1;
  for (size_t j = 0; j < prompt.document_spans.size(); ++j) {
    const auto& s = prompt.document_spans[j];
    if (s.end > e.evidence_offset && s.begin < e.evidence_offset + profile_bytes) {
      if (first < 0) first = prompt.document_begin + static_cast<int64_t>(j);
      last = prompt.document_begin + static_cast<int64_t>(j);
    }
  }
  return {first, last};
}

// However rare a character of the corpus, the demo tokenizer has a piece for it
// (SentencePiece's default coverage drops some: "Queen" could not be answered).
TEST(DemoTokenizer, EveryCharacterOfItsCorpusHasAPiece) {
  const auto dir = testing::scratchDir("demo-tokenizer");
  trainDemoTokenizer(testing::fixtureCountries(), testing::factbookFixtureDir(), dir, 1000);
  const auto tokenizer = Tokenizer::load(dir / "spiece.model");
  std::ifstream corpus(dir / "tokenizer-corpus.txt");
  std::string line, unknown;
  size_t lines = 0;
  while (std::getline(corpus, line)) {
    ++lines;
    for (const auto& span : tokenizer.encodeWithSpans(line)) {
      if (span.id == tokenizer.unkId()) unknown += line.substr(span.begin, span.end - span.begin) + " ";
    }
  }
  EXPECT_GT(lines, 1000u);
  EXPECT_EQ(unknown, "");
  EXPECT_FALSE(std::filesystem::exists(dir / "spiece.vocab"));
}

TEST(ExampleTokenizer, AlignsEveryAnswerTokenWithItsCopyInTheTargetProfile) {
  const auto& tokenizer = fixtureTokenizer();
  auto generator = tasks(3, 0.5);
  int fully_aligned = 0;
  for (int i = 0; i < 40; ++i) {
    const auto e = generator.makeQuestion();
    const auto t = tokenizeExample(tokenizer, e, 1 << 20);
    ASSERT_FALSE(t.alignment.empty()) << e.question << " -> " << e.target;
    ASSERT_EQ(t.alignment.size(), t.target_ids.size());
    const auto& country = *std::find_if(testing::fixtureCountries().begin(), testing::fixtureCountries().end(),
                                        [&](const CountryFacts& c) { return c.name == e.country; });
    CountryFacts shown = country;
    const auto [first, last] = profileTokens(tokenizer, e, renderProfile(shown).size() + 64);
    bool all = true;
    for (size_t k = 0; k + 1 < t.target_ids.size(); ++k) {
      all = all && !t.alignment[k].empty();
      for (int32_t p : t.alignment[k]) {
        EXPECT_EQ(t.input_ids[p], t.target_ids[k]) << "target token " << k << " of " << e.target;
        EXPECT_GE(p, first);
        EXPECT_LE(p, last);
      }
    }
    // The EOS looks just past each copy of the whole answer.
    for (int32_t p : t.alignment.back()) {
      ASSERT_GE(p, 1);
      EXPECT_EQ(t.input_ids[p - 1], t.target_ids[t.target_ids.size() - 2]);
    }
    if (!all) {
      std::string pieces;
      for (auto id : t.target_ids) pieces += std::to_string(id) + " ";
      ADD_FAILURE() << "not aligned: " << e.target << " [" << pieces << "]";
    }
    fully_aligned += all ? 1 : 0;
  }
  EXPECT_EQ(fully_aligned, 40);
}

TEST(ExampleTokenizer, CounterfactualAnswersPointAtTheReplacedValue) {
  const auto& tokenizer = fixtureTokenizer();
  auto generator = tasks(5, 1.0);
  int seen = 0;
  for (int i = 0; i < 20; ++i) {
    const auto e = generator.makeQuestion();
    if (!e.counterfactual) continue;
    ++seen;
    const auto t = tokenizeExample(tokenizer, e, 1 << 20);
    ASSERT_FALSE(t.alignment.empty());
    for (int32_t p : t.alignment[0]) EXPECT_EQ(t.input_ids[p], t.target_ids[0]);
  }
  EXPECT_GT(seen, 10);
}

TEST(ExampleTokenizer, SummariesAlignTheNameAndValuesButNotTheLabels) {
  const auto& tokenizer = fixtureTokenizer();
  auto generator = tasks(7, 0.0);
  const auto e = generator.makeSummary(testing::fixtureCountry("fr"));
  const auto t = tokenizeExample(tokenizer, e, 1 << 20);
  ASSERT_EQ(t.alignment.size(), t.target_ids.size());
  const auto target = tokenizer.encodeWithSpans(e.target);
  const auto capital = e.target.find("capital ");
  ASSERT_NE(capital, std::string::npos);
  for (size_t k = 0; k < target.size(); ++k) {
    const bool in_label = target[k].end > capital && target[k].begin < capital + 7;
    if (in_label) {
      EXPECT_TRUE(t.alignment[k].empty()) << "label token " << k;
    }
    for (int32_t p : t.alignment[k]) EXPECT_EQ(t.input_ids[p], t.target_ids[k]);
  }
  EXPECT_FALSE(t.alignment[0].empty());  // "France" opens the summary and the profile
  EXPECT_TRUE(t.question_positions.empty());
}

TEST(ExampleTokenizer, MarksTheTemplateAndQuestionAsVipAndKeepsTheQuestionPositions) {
  const auto& tokenizer = fixtureTokenizer();
  auto generator = tasks(9, 0.0);
  const auto e = generator.makeQuestion();
  const auto t = tokenizeExample(tokenizer, e, 1 << 20);
  const auto prompt = buildPrompt(tokenizer, kDefaultQuestionTemplate, e.question, e.document);
  ASSERT_EQ(t.vip.size(), t.input_ids.size());
  std::vector<int32_t> question_ids;
  for (int32_t p : t.question_positions) question_ids.push_back(t.input_ids[p]);
  EXPECT_EQ(tokenizer.decode(question_ids), e.question);
  for (size_t i = 0; i < t.vip.size(); ++i) {
    const auto role = prompt.roles[i];
    EXPECT_EQ(t.vip[i] != 0, role == TokenRole::Template || role == TokenRole::Question) << "token " << i;
  }
  EXPECT_EQ(t.vip.back(), 0);  // EOS, as the engine marks it
}

TEST(ExampleTokenizer, CutInputsKeepEosLastAndDropAlignmentPastTheCut) {
  const auto& tokenizer = fixtureTokenizer();
  auto generator = tasks(11, 0.0, 12000);
  for (int i = 0; i < 10; ++i) {
    const auto e = generator.makeQuestion();
    const auto t = tokenizeExample(tokenizer, e, 300);
    ASSERT_EQ(t.input_ids.size(), 300u);
    EXPECT_EQ(t.input_ids.back(), tokenizer.eosId());
    for (const auto& positions : t.alignment) {
      for (int32_t p : positions) EXPECT_LT(p, 299);
    }
  }
}

// The question names its country, and each link points at that name inside
// the target's profile only, in whole documents and in excerpts among others.
TEST(ExampleTokenizer, LinksTheAskedCountrysMentionsInItsProfileToTheQuestion) {
  const auto& tokenizer = fixtureTokenizer();
  for (const size_t excerpt_lines : {size_t{0}, size_t{3}}) {
    TaskOptions options;
    options.seed = 11;
    options.pool = fixturePointers();
    options.fillers = fixturePointers();
    options.target_bytes = 6000;
    options.invented_name_rate = 0.5;
    options.excerpt_lines = excerpt_lines;
    options.excerpt_countries = excerpt_lines > 0 ? 4 : 1;
    FactbookTasks generator(options);
    for (int i = 0; i < 20; ++i) {
      const auto e = generator.makeQuestion();
      const auto [begin, end] = e.question_country;
      ASSERT_LT(begin, end) << e.question;
      const std::string name = e.question.substr(begin, end - begin);
      ASSERT_FALSE(e.country_mentions.empty()) << name;
      const size_t evidence_end = e.evidence_end;
      ASSERT_LT(e.evidence_offset, evidence_end);
      for (const auto& [from, to] : e.country_mentions) {
        EXPECT_EQ(e.document.substr(from, to - from), name);
        EXPECT_GE(from, e.evidence_offset);
        EXPECT_LE(to, evidence_end);
      }
      const auto t = tokenizeExample(tokenizer, e, 1 << 20);
      ASSERT_FALSE(t.question_country_positions.empty()) << e.question;
      std::vector<int32_t> asked;
      for (int32_t p : t.question_country_positions) {
        EXPECT_NE(std::find(t.question_positions.begin(), t.question_positions.end(), p), t.question_positions.end());
        asked.push_back(t.input_ids[static_cast<size_t>(p)]);
      }
      // (As the name decodes on its own: the fixture's tokenizer lacks some letters.)
      EXPECT_EQ(tokenizer.decode(asked), tokenizer.decode(tokenizer.encode(name)));
      // Sections: each blank-line separated block of two lines or more.
      size_t blocks = 0;
      for (size_t at = 0; at < e.document.size();) {
        const size_t block_end = std::min(e.document.find("\n\n", at), e.document.size());
        const size_t line_end = e.document.find('\n', at);
        blocks += line_end < block_end - 1 ? 1 : 0;
        at = e.document.find_first_not_of('\n', block_end);
      }
      EXPECT_EQ(t.sections.size(), blocks);
      if (excerpt_lines > 0) {
        EXPECT_EQ(t.sections.size(), 4u);  // one per country
      }
      for (const auto& section : t.sections) {
        EXPECT_LT(section.first, section.body);
        EXPECT_LT(section.body, section.end);
      }
      const auto [first, last] = profileTokens(tokenizer, e, evidence_end - e.evidence_offset);
      ASSERT_GE(t.country_mention_positions.size(), e.country_mentions.size());
      for (int32_t p : t.country_mention_positions) {
        EXPECT_GE(p, first);
        EXPECT_LE(p, last);
      }
      // The other countries' mentions: outside the target's part, each a name
      // that is not the asked one (at least one per other country), none a
      // mention of the asked one.
      EXPECT_GE(e.other_country_mentions.size(), excerpt_lines > 0 ? 3u : 1u);
      for (const auto& [from, to] : e.other_country_mentions) {
        EXPECT_TRUE(to <= e.evidence_offset || from >= evidence_end) << from;
        EXPECT_NE(e.document.substr(from, to - from), name);
      }
      ASSERT_GE(t.other_country_mention_positions.size(), e.other_country_mentions.size());
      for (int32_t p : t.other_country_mention_positions) {  // (a name's first token may hold the newlines before it)
        EXPECT_EQ(std::count(t.country_mention_positions.begin(), t.country_mention_positions.end(), p), 0) << p;
      }
      // The evidence range: the target's part, which holds its mentions and none of the others'.
      ASSERT_LT(t.evidence_first, t.evidence_end);
      for (int32_t p : t.country_mention_positions) {
        EXPECT_GE(p, t.evidence_first);
        EXPECT_LT(p, t.evidence_end);
      }
      for (int32_t p : t.other_country_mention_positions) EXPECT_TRUE(p < t.evidence_first || p >= t.evidence_end) << p;
    }
  }
}

// After the excerpt steps, the given share of steps (spread evenly) still
// reads excerpts of the given countries, three lines each.
TEST(FactbookBatches, MixExcerptStepsIntoWholeDocumentsAtTheirShare) {
  const auto& tokenizer = fixtureTokenizer();
  train::CurriculumOptions options;
  options.steps = 420, options.batch_size = 2, options.excerpt_steps = 20, options.excerpt_countries = 4;
  options.mixed_excerpt_share = 0.25, options.summary_rate = 0.0;
  const train::FactbookBatches batches(testing::fixtureCountries(), tokenizer, options);
  int mixed = 0, longest_run = 0, run = 0;
  for (int64_t step = 0; step < options.steps; ++step) {
    const bool is_mixed = batches.mixedExcerptStep(step);
    if (step < options.excerpt_steps) {
      EXPECT_FALSE(is_mixed) << step;
      continue;
    }
    mixed += is_mixed ? 1 : 0;
    run = is_mixed ? 0 : run + 1;
    longest_run = std::max(longest_run, run);
    EXPECT_EQ(batches.excerptLines(step), is_mixed ? 3u : 0u) << step;
    if (is_mixed) {
      EXPECT_EQ(batches.excerptCountries(step), 4u) << step;
    }
  }
  EXPECT_NEAR(mixed, 100, 1);
  EXPECT_LE(longest_run, 3);  // evenly: never more than 3 whole-document steps in a row
}

TEST(FactbookBatches, GrowDocumentsAfterTheExcerptsAndAreAFunctionOfTheStep) {
  const auto& tokenizer = fixtureTokenizer();
  train::CurriculumOptions options;
  options.steps = 100, options.batch_size = 4, options.excerpt_steps = 20;
  options.start_bytes = 1500, options.end_bytes = 6000, options.summary_rate = 0.0;
  // The fixture countries include held-out ones; training uses the others.
  const train::FactbookBatches batches(testing::fixtureCountries(), tokenizer, options);
  EXPECT_GT(batches.excerptLines(0), 0u);
  EXPECT_EQ(batches.excerptLines(20), 0u);
  EXPECT_EQ(batches.documentBytes(20), 1500u);
  EXPECT_EQ(batches.documentBytes(80), 6000u);
  EXPECT_LT(batches.documentBytes(60), 6000u);
  const auto a = batches.batch(42), b = batches.batch(42);
  ASSERT_EQ(a.size(), 4u);
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].input_ids, b[i].input_ids);
    EXPECT_EQ(a[i].alignment, b[i].alignment);
  }
}

// A random model over the fixture tokenizer's vocabulary, for the diagnoses.
T5Weights diagnosedModel(int encoder_layers) {
  testing::TestShape shape;
  shape.vocab = fixtureTokenizer().vocabSize(), shape.encoder_layers = encoder_layers;
  return randomT5Weights(testing::testConfig(shape, true, true), 5);
}

// The diagnosis reads each link of the chain as an attention mass (in [0, 1])
// on every question it could link, and refuses what it cannot diagnose.
TEST(ReadingDiagnosis, MeasuresEachLinkOnExcerptsAndRefusesTooFewCountries) {
  const auto& tokenizer = fixtureTokenizer();
  const auto weights = diagnosedModel(3);
  const auto pool = fixturePointers();
  const auto d = train::diagnoseReading(weights, tokenizer, pool, 6, 3, 1);
  EXPECT_GT(d.questions, 0);
  EXPECT_LE(d.questions, 6);
  EXPECT_EQ(d.countries, 3);
  for (const double mass : {d.exact_match, d.wrong_from_document, d.link_asked, d.link_others, d.carry, d.query_country,
                            d.answer_on_target, d.answer_argmax_on_target}) {
    EXPECT_GE(mass, 0.0);
    EXPECT_LE(mass, 1.0 + 1e-6);
  }
  // Untrained, no head looks anywhere in particular: a section's header is a
  // few of its tokens, the question's country one or two of hundreds.
  EXPECT_LT(d.carry, 0.5);
  EXPECT_LT(d.link_asked, 0.2);
  EXPECT_GT(d.answer_on_target, 0.0);
  EXPECT_THROW(train::diagnoseReading(weights, tokenizer, pool, 6, 1, 1), InputError);
  EXPECT_THROW(train::diagnoseReading(weights, tokenizer, {pool[0], pool[1]}, 6, 3, 1), InputError);
  EXPECT_THROW(train::diagnoseReading(diagnosedModel(2), tokenizer, pool, 6, 3, 1), InputError);
}

// One entry per VCC layer, masses in [0, 1]; with every block refined the
// evidence always is; an untrained selector puts about a blind share on it.
TEST(SelectionDiagnosis, MeasuresEachVccLayersSelectionOfTheEvidence) {
  const auto& tokenizer = fixtureTokenizer();
  const auto weights = diagnosedModel(3);
  const auto pool = fixturePointers();
  VccTrainingOptions vcc;
  vcc.num_fine_blocks = 2, vcc.num_local_layers = 1;
  const auto d = train::diagnoseSelection(weights, tokenizer, pool, 6, 4000, vcc, 1);
  ASSERT_GT(d.questions, 0);
  ASSERT_EQ(d.evidence_mass.size(), 2u);
  EXPECT_GT(d.evidence_share, 0.0);
  EXPECT_LT(d.evidence_share, 0.2);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_GT(d.evidence_mass[i], 0.0);
    EXPECT_LT(d.evidence_mass[i], 0.5);
    EXPECT_LT(d.evidence_refined[i], 1.0);
  }
  vcc.num_fine_blocks = 100000;
  const auto all = train::diagnoseSelection(weights, tokenizer, pool, 6, 4000, vcc, 1);
  for (const double refined : all.evidence_refined) EXPECT_EQ(refined, 1.0);
  EXPECT_THROW(train::diagnoseSelection(weights, tokenizer, {}, 6, 4000, vcc, 1), InputError);
  vcc.num_local_layers = 4;
  EXPECT_THROW(train::diagnoseSelection(weights, tokenizer, pool, 6, 4000, vcc, 1), InputError);
}

}  // namespace
}  // namespace frontseat
