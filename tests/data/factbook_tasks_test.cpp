// Tests of the Factbook question and summary generator
// (engine/data/factbook_tasks.h).
#include "engine/data/factbook_tasks.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "engine/core/errors.h"
#include "engine/data/profile_renderer.h"
#include "tests/data/factbook_fixtures.h"

namespace frontseat {
namespace {

using testing::fetchedFactbookDir;
using testing::fixtureCountries;
using testing::fixtureCountry;

std::vector<const CountryFacts*> pointersTo(const std::vector<CountryFacts>& countries) {
  std::vector<const CountryFacts*> pointers;
  for (const CountryFacts& country : countries) pointers.push_back(&country);
  return pointers;
}

TaskOptions fixtureOptions(std::uint64_t seed) {
  TaskOptions options;
  options.seed = seed;
  options.pool = pointersTo(fixtureCountries());
  options.fillers = pointersTo(fixtureCountries());
  options.target_bytes = 6000;
  return options;
}

const CountryFacts& countryNamed(const std::vector<CountryFacts>& countries,
                                 const std::string& name) {
  for (const CountryFacts& country : countries) {
    if (country.name == name) return country;
  }
  throw std::out_of_range("no country named " + name);
}

std::string CountryFacts::*memberOf(const std::string& field) {
  static const std::map<std::string, std::string CountryFacts::*> kMembers = {
      {"capital", &CountryFacts::capital},
      {"population", &CountryFacts::population},
      {"area", &CountryFacts::area},
      {"coastline", &CountryFacts::coastline},
      {"highest_point", &CountryFacts::highest_point},
      {"highest_elevation", &CountryFacts::highest_elevation},
      {"languages", &CountryFacts::languages},
      {"life_expectancy", &CountryFacts::life_expectancy},
      {"government", &CountryFacts::government},
      {"independence", &CountryFacts::independence},
      {"national_holiday", &CountryFacts::national_holiday},
      {"head_of_state", &CountryFacts::head_of_state},
      {"internet_code", &CountryFacts::internet_code},
      {"currency", &CountryFacts::currency},
      {"gdp_per_capita", &CountryFacts::gdp_per_capita}};
  return kMembers.at(field);
}

// The facts a question's document shows for its country: its value for the
// field asked about is the target (the original unless counterfactual).
CountryFacts shownFacts(const CountryFacts& country, const TextExample& example) {
  CountryFacts shown = country;
  shown.*memberOf(example.field) = example.target;
  return shown;
}

// Whether `needle` occurs in `text` between non-alphanumeric characters, so
// that "0 km" is not found in "120 km".
bool containsWord(const std::string& text, const std::string& needle) {
  for (std::size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + 1)) {
    const bool starts = at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]));
    const std::size_t end = at + needle.size();
    const bool ends = end == text.size() || !std::isalnum(static_cast<unsigned char>(text[end]));
    if (starts && ends) return true;
  }
  return false;
}

std::size_t largestProfile(const std::vector<CountryFacts>& countries) {
  std::size_t largest = 0;
  for (const CountryFacts& country : countries) {
    largest = std::max(largest, renderProfile(country).size());
  }
  return largest;
}

// The checks every question must pass, whatever the options.
void expectWellFormedQuestion(const std::vector<CountryFacts>& countries,
                              const TextExample& example) {
  SCOPED_TRACE(example.question + " -> " + example.target);
  EXPECT_EQ(example.task, "qa");
  EXPECT_FALSE(example.question.empty());
  EXPECT_FALSE(example.target.empty());
  const CountryFacts& country = countryNamed(countries, example.country);
  EXPECT_NE(example.question.find(country.name), std::string::npos);
  const std::string original = country.*memberOf(example.field);
  EXPECT_EQ(example.counterfactual, example.target != original);
  // The document holds the profile of the facts with the target, at the offset.
  const std::string profile = renderProfile(shownFacts(country, example));
  ASSERT_LE(example.evidence_offset + profile.size(), example.document.size());
  EXPECT_EQ(example.document.compare(example.evidence_offset, profile.size(), profile), 0);
  EXPECT_TRUE(containsWord(profile, example.target));
  // The country's profile is there once; profiles are separated by a blank line.
  const std::string title =
      example.document.substr(example.evidence_offset, profile.find('\n') + 1);
  EXPECT_EQ(example.document.find(title), example.evidence_offset);
  if (example.evidence_offset > 0) {
    EXPECT_EQ(example.document.compare(example.evidence_offset - 2, 2, "\n\n"), 0);
  }
  if (!example.counterfactual) return;
  // A counterfactual's original value is gone from the profile, unless another
  // of the country's facts (its name, say: Djibouti, capital Djibouti) or the
  // new value ("republic" -> "federal republic") holds it.
  bool elsewhere = containsWord(example.target, original);
  CountryFacts others = country;
  others.*memberOf(example.field) = "";
  for (const std::string* fact : {&others.name,
                                  &others.long_name,
                                  &others.region,
                                  &others.location,
                                  &others.climate,
                                  &others.terrain,
                                  &others.area,
                                  &others.coastline,
                                  &others.highest_point,
                                  &others.highest_elevation,
                                  &others.population,
                                  &others.languages,
                                  &others.life_expectancy,
                                  &others.capital,
                                  &others.government,
                                  &others.independence,
                                  &others.national_holiday,
                                  &others.head_of_state,
                                  &others.internet_code,
                                  &others.currency,
                                  &others.gdp_per_capita}) {
    elsewhere = elsewhere || containsWord(*fact, original);
  }
  if (!elsewhere) {
    EXPECT_FALSE(containsWord(profile, original)) << profile;
  }
}

TEST(QuestionFields, CoverAtLeastEightFields) {
  const std::vector<std::string> fields = questionFields();
  EXPECT_GE(fields.size(), 8u);
  for (const char* field : {"capital", "population", "area", "currency", "languages", "government",
                            "independence", "highest_point"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), field), fields.end()) << field;
  }
}

TEST(MakeQuestion, AsksEachFieldInSeveralPhrasings) {
  FactbookTasks tasks(fixtureOptions(1));
  const CountryFacts& france = fixtureCountry("fr");
  for (const std::string& field : questionFields()) {
    if ((france.*memberOf(field)).empty()) continue;  // France has no independence date
    std::set<std::string> phrasings;
    for (int i = 0; i < 60; ++i) {
      const TextExample example = tasks.makeQuestion(france, field);
      EXPECT_EQ(example.field, field);
      EXPECT_EQ(example.target, france.*memberOf(field));
      phrasings.insert(example.question);
    }
    EXPECT_GE(phrasings.size(), 3u) << field;
  }
}

TEST(MakeQuestion, PutsTheAnswerInTheTargetProfile) {
  FactbookTasks tasks(fixtureOptions(2));
  std::set<std::string> fields;
  for (int i = 0; i < 300; ++i) {
    const TextExample example = tasks.makeQuestion();
    expectWellFormedQuestion(fixtureCountries(), example);
    EXPECT_FALSE(example.counterfactual);
    fields.insert(example.field);
  }
  EXPECT_EQ(fields.size(), questionFields().size());
}

// The copies say where the document holds the answer word for word: only in
// the target country's profile.
TEST(MakeQuestion, CopiesPointAtTheAnswerInTheTargetProfile) {
  TaskOptions options = fixtureOptions(21);
  options.counterfactual_rate = 0.5;
  FactbookTasks tasks(options);
  for (int i = 0; i < 200; ++i) {
    const TextExample example = tasks.makeQuestion();
    SCOPED_TRACE(example.question + " -> " + example.target);
    ASSERT_EQ(example.copies.size(), 1u);
    const auto& copy = example.copies[0];
    EXPECT_EQ(copy.target_begin, 0u);
    EXPECT_EQ(copy.target_end, example.target.size());
    ASSERT_FALSE(copy.sources.empty());
    // The profile as shown (a counterfactual value may be longer than the real one).
    const std::size_t profile_end = example.evidence_offset +
                                    renderProfile(countryNamed(fixtureCountries(), example.country)).size() + 64;
    for (const auto& [begin, end] : copy.sources) {
      EXPECT_EQ(example.document.substr(begin, end - begin), example.target);
      EXPECT_GE(begin, example.evidence_offset);
      EXPECT_LE(end, profile_end);
    }
  }
}

// Questions about France's capital on excerpts of 4 countries drawn from
// `countries`: each shows every country's title and the others' capital lines.
std::vector<TextExample> excerptsAboutFrancesCapital(const std::vector<CountryFacts>& countries,
                                                     std::uint64_t seed, int rounds) {
  TaskOptions options = fixtureOptions(seed);
  options.pool = pointersTo(countries);
  options.fillers = pointersTo(countries);
  options.excerpt_lines = 6;
  options.excerpt_countries = 4;
  FactbookTasks tasks(options);
  std::vector<TextExample> examples;
  for (int i = 0; i < rounds; ++i) {
    const TextExample example = tasks.makeQuestion(fixtureCountry("fr"), "capital");
    SCOPED_TRACE(example.document);
    std::size_t titles = 0;
    for (const CountryFacts& c : countries) {
      const std::string title = renderProfile(c).substr(0, renderProfile(c).find('\n') + 1);
      if (example.document.find(title) == std::string::npos) continue;
      ++titles;
      if (c.code != "fr") {
        EXPECT_NE(example.document.find("Capital of " + nameInSentence(c) + ": " + c.capital), std::string::npos)
            << c.name;
      }
    }
    EXPECT_EQ(titles, 4u);
    examples.push_back(example);
  }
  return examples;
}

// Excerpts among other countries: every country's title, the others' lines
// about the same field, and copies only from the target's own excerpt.
TEST(MakeQuestion, ExcerptsAmongOtherCountriesShowTheSameFieldOfEach) {
  for (const TextExample& example : excerptsAboutFrancesCapital(fixtureCountries(), 23, 50)) {
    SCOPED_TRACE(example.document);
    ASSERT_EQ(example.copies.size(), 1u);
    const std::size_t own_title = example.document.find("France (");
    ASSERT_EQ(own_title, example.evidence_offset);
    for (const auto& [begin, end] : example.copies[0].sources) {
      EXPECT_EQ(example.document.substr(begin, end - begin), "Paris");
      EXPECT_GE(begin, example.evidence_offset);
    }
  }
}

// A field line's kind drops its country even when the name itself holds
// " of ": the others' "Capital of Isle of ...:" lines are still capital lines.
TEST(MakeQuestion, ExcerptsFindTheSameFieldWhenANameHoldsOf) {
  std::vector<CountryFacts> countries = fixtureCountries();
  for (CountryFacts& c : countries) {
    if (c.code != "fr") c.name = "Isle of " + c.name;
  }
  excerptsAboutFrancesCapital(countries, 27, 20);
}

TEST(MakeSummary, CopiesPointAtTheNameAndEachValueInTheFirstProfile) {
  TaskOptions options = fixtureOptions(22);
  options.max_summary_profiles = 3;
  FactbookTasks tasks(options);
  const TextExample example = tasks.makeSummary(fixtureCountry("fr"));
  const std::size_t profile_size = renderProfile(fixtureCountry("fr")).size();
  std::vector<std::string> copied;
  for (const auto& copy : example.copies) {
    const std::string part = example.target.substr(copy.target_begin, copy.target_end - copy.target_begin);
    copied.push_back(part);
    ASSERT_FALSE(copy.sources.empty()) << part;
    for (const auto& [begin, end] : copy.sources) {
      EXPECT_EQ(example.document.substr(begin, end - begin), part);
      EXPECT_LE(end, profile_size);
    }
  }
  const CountryFacts& fr = fixtureCountry("fr");
  EXPECT_EQ(copied, (std::vector<std::string>{fr.name, fr.capital, fr.population, fr.area, fr.currency, fr.languages}));
}

// A renamed country's summary opens with the name its profile shows, and the
// first copy points at that name.
TEST(MakeSummary, CopiesTheNameARenamedCountryShows) {
  TaskOptions options = fixtureOptions(23);
  options.invented_name_rate = 1.0;
  FactbookTasks tasks(options);
  const TextExample example = tasks.makeSummary(fixtureCountry("fr"));
  ASSERT_FALSE(example.copies.empty());
  const auto& first = example.copies.front();
  EXPECT_EQ(first.target_begin, 0u);
  const std::string name = example.target.substr(0, first.target_end);
  EXPECT_NE(name, "France");
  EXPECT_EQ(example.target.substr(0, name.size() + 1), name + ":");
  ASSERT_FALSE(first.sources.empty());
  for (const auto& [begin, end] : first.sources) EXPECT_EQ(example.document.substr(begin, end - begin), name);
}

TEST(MakeQuestion, NamesTheCountryAsInASentence) {
  FactbookTasks tasks(fixtureOptions(3));
  const TextExample example = tasks.makeQuestion(fixtureCountry("us"), "capital");
  EXPECT_NE(example.question.find("the United States"), std::string::npos) << example.question;
  EXPECT_EQ(example.target, "Washington, DC");
  EXPECT_EQ(example.country, "United States");
}

TEST(MakeQuestion, ExcerptsKeepTheTitleAndTheAnswerLines) {
  TaskOptions options = fixtureOptions(4);
  options.excerpt_lines = 4;
  options.counterfactual_rate = 0.5;
  FactbookTasks tasks(options);
  for (int i = 0; i < 100; ++i) {
    const TextExample example = tasks.makeQuestion();
    const std::string profile = renderProfile(countryNamed(fixtureCountries(), example.country));
    std::vector<std::string> lines;
    std::istringstream in(example.document);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    ASSERT_GE(lines.size(), 2u) << example.document;
    EXPECT_EQ(lines.front(), profile.substr(0, profile.find('\n')));
    // Every line holding the answer is kept, so answer lines may exceed the budget.
    std::size_t answer_lines = 0;
    for (const auto& line : lines) answer_lines += line.find(example.target) != std::string::npos;
    EXPECT_GE(answer_lines, 1u) << example.target << "\n" << example.document;
    EXPECT_LE(lines.size(), std::max<std::size_t>(4, 1 + answer_lines));
    EXPECT_EQ(example.evidence_offset, 0u);
  }
}

TEST(MakeQuestion, CounterfactualsReplaceTheValueInDocumentAndAnswer) {
  TaskOptions options = fixtureOptions(4);
  options.counterfactual_rate = 1.0;
  FactbookTasks tasks(options);
  int counterfactuals = 0;
  for (int i = 0; i < 300; ++i) {
    const TextExample example = tasks.makeQuestion();
    expectWellFormedQuestion(fixtureCountries(), example);
    counterfactuals += example.counterfactual ? 1 : 0;
  }
  // Only a value no other country has differently stays as it is.
  EXPECT_GT(counterfactuals, 280);
}

// Invented values: no country has them, the document holds them in place of
// the real one, and they keep the real one's shape (case, digits, short words).
TEST(MakeQuestion, InventedValuesAreNoCountrysAndKeepTheirShape) {
  TaskOptions options = fixtureOptions(24);
  options.counterfactual_rate = 1.0;
  options.invented_rate = 1.0;
  FactbookTasks tasks(options);
  const std::regex shape_of_figure("[^0-9]*[0-9][0-9,.]*[^0-9]*");
  int invented = 0;
  for (int i = 0; i < 200; ++i) {
    const TextExample example = tasks.makeQuestion();
    SCOPED_TRACE(example.question + " -> " + example.target);
    ASSERT_TRUE(example.counterfactual);
    const CountryFacts& real = countryNamed(fixtureCountries(), example.country);
    const std::string original = real.*memberOf(example.field);
    EXPECT_NE(example.target, original);
    const std::string profile = example.document.substr(example.evidence_offset, renderProfile(real).size());
    EXPECT_NE(profile.find(example.target), std::string::npos);
    EXPECT_EQ(profile.find(": " + original + "\n"), std::string::npos);
    if (std::regex_match(original, shape_of_figure)) continue;
    ++invented;
    if (original.size() > 4) {  // two invented letters may happen to spell a real ".za"
      for (const CountryFacts& c : fixtureCountries()) EXPECT_NE(example.target, c.*memberOf(example.field));
    }
    EXPECT_EQ(example.target.size(), original.size());
    for (std::size_t k = 0; k < original.size(); ++k) {
      const auto a = static_cast<unsigned char>(original[k]), b = static_cast<unsigned char>(example.target[k]);
      EXPECT_EQ(std::isdigit(a) != 0, std::isdigit(b) != 0) << k;
      if (k == 0 || !std::isalpha(static_cast<unsigned char>(original[k - 1]))) {
        EXPECT_EQ(std::isupper(a) != 0, std::isupper(b) != 0) << k;  // a word's first letter
      }
      if (!std::isalnum(a)) {
        EXPECT_EQ(a, b) << k;
      }
    }
  }
  EXPECT_GT(invented, 50);
}

// Augmentation replaces the other values of every profile as well, so the
// asked value is not the only one that looks replaced.
TEST(MakeQuestion, AugmentationReplacesOtherValuesOfEveryProfile) {
  TaskOptions options = fixtureOptions(26);
  options.augment_rate = 1.0;
  options.invented_rate = 1.0;
  FactbookTasks tasks(options);
  const TextExample example = tasks.makeQuestion(fixtureCountry("fr"), "capital");
  EXPECT_EQ(example.target, "Paris");  // the counterfactual rate is 0: the asked value stays
  EXPECT_NE(example.document.find("Capital of France: Paris\n"), std::string::npos);
  for (const CountryFacts& c : fixtureCountries()) {
    const std::string of = " of " + nameInSentence(c) + ": ";
    EXPECT_EQ(example.document.find("Population" + of + c.population + "\n"), std::string::npos) << c.name;
    if (c.code != "fr") {
      EXPECT_EQ(example.document.find("Capital" + of + c.capital + "\n"), std::string::npos) << c.name;
    }
  }
}

TEST(MakeQuestion, InventedNamesRenameTheCountryEverywhere) {
  TaskOptions options = fixtureOptions(25);
  options.invented_name_rate = 1.0;
  FactbookTasks tasks(options);
  for (int i = 0; i < 30; ++i) {
    const TextExample example = tasks.makeQuestion(fixtureCountry("fr"), "capital");
    SCOPED_TRACE(example.question);
    EXPECT_EQ(example.question.find("France"), std::string::npos);
    const std::string title = example.document.substr(example.evidence_offset, 20);
    EXPECT_EQ(title.find("France"), std::string::npos) << title;
    const std::string name = title.substr(0, title.find('\n'));
    EXPECT_NE(example.question.find(name), std::string::npos) << name;
    EXPECT_NE(example.document.find("The capital of " + name + " is Paris."), std::string::npos);
    EXPECT_EQ(example.target, "Paris");
  }
}

TEST(MakeQuestion, CounterfactualFiguresKeepTheirForm) {
  TaskOptions options = fixtureOptions(5);
  options.counterfactual_rate = 1.0;
  FactbookTasks tasks(options);
  const std::regex population(R"(\d{1,3}(,\d{3})*)");
  const std::regex gdp(R"(\$\d{1,3}(,\d{3})*)");
  for (int i = 0; i < 50; ++i) {
    const TextExample people = tasks.makeQuestion(fixtureCountry("fr"), "population");
    EXPECT_TRUE(std::regex_match(people.target, population)) << people.target;
    EXPECT_NE(people.target, "66,553,766");
    const TextExample money = tasks.makeQuestion(fixtureCountry("fr"), "gdp_per_capita");
    EXPECT_TRUE(std::regex_match(money.target, gdp)) << money.target;
    // "$40,400" is rounded to hundreds, and so is its replacement.
    EXPECT_EQ(money.target.substr(money.target.size() - 2), "00") << money.target;
  }
}

TEST(MakeQuestion, IsDeterministicForASeed) {
  TaskOptions options = fixtureOptions(6);
  options.counterfactual_rate = 0.5;
  options.summary_rate = 0.3;
  FactbookTasks first(options);
  FactbookTasks second(options);
  options.seed = 7;
  FactbookTasks other(options);
  bool differs = false;
  for (int i = 0; i < 50; ++i) {
    const TextExample a = first.next();
    const TextExample b = second.next();
    const TextExample c = other.next();
    EXPECT_EQ(a.question, b.question);
    EXPECT_EQ(a.document, b.document);
    EXPECT_EQ(a.target, b.target);
    EXPECT_EQ(a.counterfactual, b.counterfactual);
    EXPECT_EQ(a.evidence_offset, b.evidence_offset);
    differs = differs || a.document != c.document || a.question != c.question;
  }
  EXPECT_TRUE(differs);
}

TEST(MakeQuestion, MakesDocumentsNearTheTargetLength) {
  const std::size_t slack = largestProfile(fixtureCountries()) / 2 + 1;
  for (std::size_t target_bytes : {3000u, 6000u, 9000u}) {
    TaskOptions options = fixtureOptions(8);
    options.target_bytes = target_bytes;
    FactbookTasks tasks(options);
    for (int i = 0; i < 30; ++i) {
      const TextExample example = tasks.makeQuestion();
      EXPECT_LE(example.document.size(), target_bytes + slack) << target_bytes;
      EXPECT_GE(example.document.size() + slack, target_bytes) << target_bytes;
    }
  }
  // Fewer fillers than asked for: every other profile, once.
  TaskOptions options = fixtureOptions(9);
  options.target_bytes = 1000000;
  const TextExample all = FactbookTasks(options).makeQuestion();
  std::size_t profiles = 0;
  for (const CountryFacts& country : fixtureCountries()) {
    profiles += renderProfile(country).size() + 1;
  }
  EXPECT_EQ(all.document.size() + 1, profiles);
}

TEST(MakeQuestion, HonorsTheEvidencePosition) {
  const std::size_t slack = largestProfile(fixtureCountries());
  for (EvidencePosition position :
       {EvidencePosition::Start, EvidencePosition::Middle, EvidencePosition::End}) {
    TaskOptions options = fixtureOptions(10);
    options.position = position;
    FactbookTasks tasks(options);
    for (int i = 0; i < 30; ++i) {
      const TextExample example = tasks.makeQuestion();
      expectWellFormedQuestion(fixtureCountries(), example);
      const std::size_t profile =
          renderProfile(shownFacts(countryNamed(fixtureCountries(), example.country), example))
              .size();
      ASSERT_GT(example.document.size(), 2 * profile);  // there are fillers
      switch (position) {
        case EvidencePosition::Start:
          EXPECT_EQ(example.evidence_offset, 0u);
          break;
        case EvidencePosition::End:
          EXPECT_EQ(example.evidence_offset + profile, example.document.size());
          break;
        case EvidencePosition::Middle: {
          const double center = static_cast<double>(example.evidence_offset) + profile / 2.0;
          EXPECT_LT(std::abs(center - example.document.size() / 2.0), static_cast<double>(slack));
          EXPECT_GT(example.evidence_offset, 0u);
          EXPECT_LT(example.evidence_offset + profile, example.document.size());
          break;
        }
        case EvidencePosition::Random:
          break;
      }
    }
  }
}

TEST(MakeQuestion, RejectsUnknownOrMissingFields) {
  FactbookTasks tasks(fixtureOptions(11));
  EXPECT_THROW(tasks.makeQuestion(fixtureCountry("fr"), "favourite_food"), InputError);
  EXPECT_THROW(tasks.makeQuestion(fixtureCountry("fr"), "independence"), InputError);
}

TEST(FactbookTasks, RejectsUnusableOptions) {
  TaskOptions empty_pool = fixtureOptions(12);
  empty_pool.pool.clear();
  EXPECT_THROW(FactbookTasks{empty_pool}, InputError);
  TaskOptions null_filler = fixtureOptions(12);
  null_filler.fillers.push_back(nullptr);
  EXPECT_THROW(FactbookTasks{null_filler}, InputError);
  TaskOptions bad_rate = fixtureOptions(12);
  bad_rate.counterfactual_rate = 1.5;
  EXPECT_THROW(FactbookTasks{bad_rate}, InputError);
}

TEST(MakeSummary, SummarizesTheFirstProfileInTheFixedFormat) {
  TaskOptions options = fixtureOptions(13);
  options.max_summary_profiles = 3;
  FactbookTasks tasks(options);
  const std::regex format(
      "^[^:;]+: capital [^;]+; population [0-9,]+; area [0-9.,]+( million)? sq km; "
      "currency [^;]+; languages [^;]+\\.$");
  std::set<std::size_t> profile_counts;
  for (int i = 0; i < 100; ++i) {
    const TextExample example = tasks.makeSummary();
    SCOPED_TRACE(example.target);
    EXPECT_EQ(example.task, "summary");
    EXPECT_EQ(example.field, "summary");
    EXPECT_TRUE(example.question.empty());
    EXPECT_FALSE(example.counterfactual);
    EXPECT_EQ(example.evidence_offset, 0u);
    const CountryFacts& country = countryNamed(fixtureCountries(), example.country);
    EXPECT_EQ(example.target, renderKeyFacts(country));
    EXPECT_TRUE(std::regex_match(example.target, format));
    EXPECT_EQ(example.document.rfind(renderProfile(country), 0), 0u);
    // Each profile has exactly one "Geography of" section.
    std::size_t profiles = 0;
    for (std::size_t at = example.document.find("\nGeography of "); at != std::string::npos;
         at = example.document.find("\nGeography of ", at + 1)) {
      ++profiles;
    }
    EXPECT_GE(profiles, 1u);
    EXPECT_LE(profiles, 3u);
    profile_counts.insert(profiles);
  }
  EXPECT_EQ(profile_counts.size(), 3u);
}

TEST(MakeSummary, CounterfactualSummariesFollowTheDocument) {
  TaskOptions options = fixtureOptions(14);
  options.counterfactual_rate = 1.0;
  options.max_summary_profiles = 1;
  FactbookTasks tasks(options);
  for (int i = 0; i < 50; ++i) {
    const TextExample example = tasks.makeSummary(fixtureCountry("fr"));
    EXPECT_TRUE(example.counterfactual);
    EXPECT_NE(example.target, renderKeyFacts(fixtureCountry("fr")));
    // The document is the profile of facts whose key facts are the target.
    const std::regex key_facts(
        R"(^France: capital (.+); population (.+); area (.+); currency (.+); languages (.+)\.$)");
    std::smatch parts;
    ASSERT_TRUE(std::regex_match(example.target, parts, key_facts)) << example.target;
    CountryFacts shown = fixtureCountry("fr");
    shown.capital = parts[1];
    shown.population = parts[2];
    shown.area = parts[3];
    shown.currency = parts[4];
    shown.languages = parts[5];
    EXPECT_EQ(example.document, renderProfile(shown));
  }
}

TEST(Next, MixesSummariesAndQuestionsAtTheSummaryRate) {
  TaskOptions options = fixtureOptions(15);
  options.summary_rate = 0.25;
  FactbookTasks tasks(options);
  int summaries = 0;
  for (int i = 0; i < 400; ++i) summaries += tasks.next().task == "summary" ? 1 : 0;
  EXPECT_GT(summaries, 70);
  EXPECT_LT(summaries, 130);
}

// A title line opens about title_rate of the documents, and every byte range
// (evidence, copies, country mentions) still points at the same text.
TEST(Next, OpensDocumentsWithATitleAtTheTitleRateAndKeepsEveryRange) {
  TaskOptions plain_options = fixtureOptions(16);
  plain_options.summary_rate = 0.2;
  plain_options.position = EvidencePosition::Start;  // untitled, the evidence opens the document
  TaskOptions titled_options = plain_options;
  titled_options.title_rate = 0.5;
  FactbookTasks plain(plain_options), titled(titled_options);
  int with_title = 0;
  for (int i = 0; i < 200; ++i) {
    const TextExample a = titled.next();
    SCOPED_TRACE(a.document.substr(0, 80));
    if (a.evidence_offset > 0) {  // one title line and a blank line before the profile
      ++with_title;
      EXPECT_EQ(a.document.find('\n'), a.evidence_offset - 2);
      EXPECT_EQ(a.document.substr(a.evidence_offset - 2, 2), "\n\n");
    }
    for (const auto& copy : a.copies) {
      for (const auto& [begin, end] : copy.sources) {
        EXPECT_EQ(a.document.substr(begin, end - begin), a.target.substr(copy.target_begin, copy.target_end - copy.target_begin));
        EXPECT_GE(begin, a.evidence_offset);
        EXPECT_LE(end, a.evidence_end);
      }
    }
    for (const auto& [begin, end] : a.country_mentions) {
      EXPECT_GE(begin, a.evidence_offset);
      EXPECT_LE(end, a.evidence_end);
    }
    for (const auto& [begin, end] : a.other_country_mentions) EXPECT_LE(end, a.document.size());
  }
  EXPECT_GT(with_title, 60);
  EXPECT_LT(with_title, 140);
  // At rate 0 nothing is drawn: the examples are those of earlier versions.
  FactbookTasks again(plain_options), untitled([&] {
    TaskOptions o = plain_options;
    o.title_rate = 0.0;
    return o;
  }());
  for (int i = 0; i < 20; ++i) EXPECT_EQ(again.next().document, untitled.next().document);
}

TEST(CountriesInSplit, PartitionsByTheHoldOut) {
  const std::vector<const CountryFacts*> training = countriesInSplit(fixtureCountries(), false);
  const std::vector<const CountryFacts*> held_out = countriesInSplit(fixtureCountries(), true);
  EXPECT_EQ(training.size() + held_out.size(), fixtureCountries().size());
  ASSERT_EQ(held_out.size(), 1u);
  EXPECT_EQ(held_out[0]->code, "us");
  for (const CountryFacts* country : training) EXPECT_FALSE(isHeldOut(*country));
}

TEST(FactbookTasks, TrainingExamplesOnThePackageNeverShowHeldOutCountries) {
  const auto package = fetchedFactbookDir();
  if (package.empty()) GTEST_SKIP() << "data/factbook not fetched (scripts/fetch-factbook.sh)";
  const std::vector<CountryFacts> countries = loadFactbook(package);
  TaskOptions options;
  options.seed = 16;
  options.pool = countriesInSplit(countries, false);
  options.fillers = options.pool;
  options.target_bytes = 64 * 1024;
  options.counterfactual_rate = 0.5;
  options.summary_rate = 0.1;
  FactbookTasks tasks(options);
  const std::vector<std::string> held_out = heldOutCountries(countries);
  const std::size_t slack = largestProfile(countries) / 2 + 1;
  for (int i = 0; i < 100; ++i) {
    const TextExample example = tasks.next();
    if (example.task == "qa") {
      expectWellFormedQuestion(countries, example);
      EXPECT_LE(example.document.size(), options.target_bytes + slack);
      EXPECT_GE(example.document.size() + slack, options.target_bytes);
    }
    const std::string text = "\n" + example.document;
    for (const std::string& name : held_out) {
      // A profile starts with its title, "<name> (<long name>)" or "<name>".
      EXPECT_EQ(text.find("\n" + name + " ("), std::string::npos) << name;
      EXPECT_EQ(text.find("\n" + name + "\n\nGeography of "), std::string::npos) << name;
      EXPECT_NE(example.country, name);
    }
  }
}

}  // namespace
}  // namespace frontseat
