// Tests of country profiles and key-facts summaries
// (engine/data/profile_renderer.h).
#include "engine/data/profile_renderer.h"

#include <gtest/gtest.h>

#include <cctype>
#include <sstream>
#include <utility>

#include "tests/data/factbook_fixtures.h"

namespace frontseat {
namespace {

using testing::fetchedFactbookDir;
using testing::fixtureCountries;
using testing::fixtureCountry;

// The profile's blocks, split at blank lines.
std::vector<std::string> blocks(const std::string& profile) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t blank = profile.find("\n\n"); blank != std::string::npos;
       blank = profile.find("\n\n", start)) {
    parts.push_back(profile.substr(start, blank + 1 - start));
    start = blank + 2;
  }
  parts.push_back(profile.substr(start));
  return parts;
}

std::size_t wordCount(const std::string& text) {
  std::istringstream words(text);
  std::size_t count = 0;
  for (std::string word; words >> word;) ++count;
  return count;
}

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// Every section names the country in its heading and in every sentence of its
// prose, so a block read far from the title still says whose facts it holds.
void expectSectionsNameTheirCountry(const CountryFacts& country) {
  const std::string profile = renderProfile(country);
  const std::string name = nameInSentence(country);
  const std::vector<std::string> parts = blocks(profile);
  ASSERT_EQ(parts.size(), 5u) << profile;  // title + four sections
  EXPECT_EQ(parts[0].rfind(country.name, 0), 0u) << parts[0];
  const char* const kSections[] = {"Geography of ", "People of ", "Government of ", "Economy of "};
  // Sentences are told apart at periods once the name and the values, which
  // may hold periods ("Barack H. OBAMA", "81.75 years"), are taken out.
  std::string capitalized = name;
  capitalized.front() =
      static_cast<char>(std::toupper(static_cast<unsigned char>(capitalized.front())));
  std::vector<std::string> values;
  for (const std::string* value :
       {&country.location, &country.area, &country.coastline, &country.climate, &country.terrain,
        &country.highest_point, &country.highest_elevation, &country.population, &country.languages,
        &country.life_expectancy, &country.capital, &country.government, &country.independence,
        &country.national_holiday, &country.head_of_state, &country.internet_code,
        &country.currency, &country.gdp_per_capita}) {
    if (!value->empty()) values.push_back(*value);
  }
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const std::string& section = parts[i];
    EXPECT_EQ(section.substr(0, section.find('\n')), kSections[i - 1] + name);
    std::istringstream lines(section);
    std::string line;
    std::getline(lines, line);  // the heading
    std::getline(lines, line);  // the prose, unless the section has only field lines
    if (line.empty() || line.back() != '.') continue;
    std::string prose = replaceAll(replaceAll(line, capitalized, "<country>"), name, "<country>");
    for (const std::string& value : values) prose = replaceAll(prose, value, "");
    std::istringstream sentences(prose);
    std::string sentence;
    while (std::getline(sentences, sentence, '.')) {
      if (sentence.find_first_not_of(' ') == std::string::npos) continue;
      EXPECT_NE(sentence.find("<country>"), std::string::npos)
          << country.code << ": a sentence without the country: " << line;
    }
  }
}

TEST(RenderProfile, EverySectionNamesItsCountry) {
  for (const CountryFacts& country : fixtureCountries()) {
    SCOPED_TRACE(country.code);
    expectSectionsNameTheirCountry(country);
  }
}

TEST(RenderProfile, ShowsTheFactsAsFieldLines) {
  const std::string profile = renderProfile(fixtureCountry("fr"));
  EXPECT_EQ(profile.rfind("France (French Republic)\n\nGeography of France\n", 0), 0u) << profile;
  for (const char* line :
       {"Area of France: 643,801 sq km\n", "Highest point of France: Mont Blanc\n",
        "Population of France: 66,553,766\n", "Languages of France: French\n", "Capital of France: Paris\n",
        "Government type of France: republic\n", "Currency of France: euro\n",
        "Internet country code of France: .fr\n"}) {
    EXPECT_NE(profile.find(line), std::string::npos) << line;
  }
  EXPECT_NE(profile.find("The capital of France is Paris."), std::string::npos);
  EXPECT_NE(profile.find("The currency of France is the euro."), std::string::npos);
  // France has no independence date; neither its line nor its sentence appear.
  EXPECT_EQ(profile.find("Independence"), std::string::npos);
  EXPECT_EQ(profile.back(), '\n');
}

TEST(RenderProfile, ReadsLikeEnglish) {
  const std::string profile = renderProfile(fixtureCountry("us"));
  EXPECT_NE(profile.find("Government of the United States\nThe capital of the United States is "
                         "Washington, DC. The United States is a constitution-based federal "
                         "republic. The United States dates its independence to 4 July 1776."),
            std::string::npos)
      << profile;
  EXPECT_NE(renderProfile(fixtureCountry("iz"))
                .find("The main languages of Iraq are Arabic and "
                      "Kurdish."),
            std::string::npos);
  EXPECT_NE(renderProfile(fixtureCountry("ch")).find("China is a Communist state."),
            std::string::npos);
  CountryFacts varied = fixtureCountry("fr");
  varied.climate = "varies from tropical in south to cool temperate in north";
  EXPECT_NE(renderProfile(varied).find("The climate of France varies from tropical"), std::string::npos);
}

TEST(RenderProfile, KeepsProfilesBetween150And450Words) {
  for (const CountryFacts& country : fixtureCountries()) {
    const std::size_t words = wordCount(renderProfile(country));
    EXPECT_GE(words, 150u) << country.code;
    EXPECT_LE(words, 450u) << country.code;
  }
}

TEST(RenderProfile, HoldsForEveryCountryOfThePackage) {
  const auto package = fetchedFactbookDir();
  if (package.empty()) GTEST_SKIP() << "data/factbook not fetched (scripts/fetch-factbook.sh)";
  for (const CountryFacts& country : loadFactbook(package)) {
    SCOPED_TRACE(country.code);
    expectSectionsNameTheirCountry(country);
    const std::size_t words = wordCount(renderProfile(country));
    EXPECT_GE(words, 150u);
    EXPECT_LE(words, 450u);
  }
}

TEST(NameInSentence, AddsTheArticleWhereEnglishNeedsIt) {
  CountryFacts country;
  for (const auto& [name, expected] : std::vector<std::pair<std::string, std::string>>{
           {"France", "France"},
           {"United States", "the United States"},
           {"Netherlands", "the Netherlands"},
           {"Cook Islands", "the Cook Islands"},
           {"Democratic Republic of the Congo", "the Democratic Republic of the Congo"},
           {"Holy See (Vatican City)", "the Holy See (Vatican City)"},
           {"The Gambia", "The Gambia"},
           {"Isle of Man", "Isle of Man"}}) {
    country.name = name;
    EXPECT_EQ(nameInSentence(country), expected);
  }
}

TEST(RenderKeyFacts, FollowsTheFixedFormat) {
  EXPECT_EQ(renderKeyFacts(fixtureCountry("fr")),
            "France: capital Paris; population 66,553,766; area 643,801 sq km; currency euro; "
            "languages French.");
  EXPECT_EQ(renderKeyFacts(fixtureCountry("iz")),
            "Iraq: capital Baghdad; population 37,056,169; area 438,317 sq km; currency Iraqi "
            "dinar; languages Arabic and Kurdish.");
}

TEST(RenderKeyFacts, LeavesOutMissingFacts) {
  CountryFacts country;
  country.name = "Atlantis";
  country.capital = "Poseidonia";
  country.currency = "orichalcum";
  EXPECT_EQ(renderKeyFacts(country), "Atlantis: capital Poseidonia; currency orichalcum.");
  country.capital.clear();
  country.currency.clear();
  EXPECT_EQ(renderKeyFacts(country), "Atlantis.");
}

}  // namespace
}  // namespace frontseat
