// Tests of reading the Factbook package into country facts and of the
// evaluation hold-out (engine/data/factbook.h), on trimmed country files from
// the package in tests/fixtures/factbook, and on the whole package when fetched.
#include "engine/data/factbook.h"

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>

#include "engine/core/errors.h"
#include "tests/data/factbook_fixtures.h"

namespace frontseat {
namespace {

using testing::factbookFixtureDir;
using testing::fetchedFactbookDir;
using testing::fixtureCountries;
using testing::fixtureCountry;
using testing::scratchDir;

TEST(LoadFactbook, KeepsCountriesSortedByCode) {
  std::vector<std::string> codes;
  for (const CountryFacts& country : fixtureCountries()) codes.push_back(country.code);
  // oceans/xo.json (the Indian Ocean) has no name, capital or population.
  EXPECT_EQ(codes, (std::vector<std::string>{"bn", "cg", "ch", "fr", "iz", "mh", "sf", "us"}));
}

TEST(LoadFactbook, CleansEveryFieldOfFrance) {
  const CountryFacts& france = fixtureCountry("fr");
  EXPECT_EQ(france.region, "Europe");
  EXPECT_EQ(france.name, "France");
  EXPECT_EQ(france.long_name, "French Republic");
  // France's location, climate and terrain are given per territory; the first,
  // metropolitan France, counts.
  EXPECT_EQ(france.location,
            "Western Europe, bordering the Bay of Biscay and English Channel, between Belgium and "
            "Spain, southeast of the UK");
  EXPECT_EQ(france.climate,
            "generally cool winters and mild summers, but mild winters and hot summers along the "
            "Mediterranean");
  EXPECT_EQ(france.terrain, "mostly flat plains or gently rolling hills in north and west");
  EXPECT_EQ(france.area, "643,801 sq km");
  EXPECT_EQ(france.coastline, "4,853 km");
  EXPECT_EQ(france.highest_point, "Mont Blanc");
  EXPECT_EQ(france.highest_elevation, "4,807 m");
  EXPECT_EQ(france.population, "66,553,766");
  EXPECT_EQ(france.languages, "French");
  EXPECT_EQ(france.life_expectancy, "81.75 years");
  EXPECT_EQ(france.capital, "Paris");
  EXPECT_EQ(france.government, "republic");
  EXPECT_EQ(france.independence, "");  // "no official date of independence: ..."
  EXPECT_EQ(france.national_holiday, "Fete de la Federation, 14 July");
  EXPECT_EQ(france.head_of_state, "President Francois HOLLANDE");
  EXPECT_EQ(france.internet_code, ".fr");
  EXPECT_EQ(france.currency, "euro");
  EXPECT_EQ(france.gdp_per_capita, "$40,400");
}

TEST(LoadFactbook, CleansTheOtherFixtureCountries) {
  const CountryFacts& south_africa = fixtureCountry("sf");
  EXPECT_EQ(south_africa.region, "Africa");
  EXPECT_EQ(south_africa.capital, "Pretoria");
  EXPECT_EQ(south_africa.languages,
            "IsiZulu, IsiXhosa, Afrikaans, English, Sepedi, Setswana, Sesotho, Xitsonga, siSwati, "
            "Tshivenda and isiNdebele");
  EXPECT_EQ(south_africa.currency, "rand");
  EXPECT_EQ(south_africa.independence, "31 May 1910");
  EXPECT_EQ(south_africa.national_holiday, "Freedom Day, 27 April");

  const CountryFacts& benin = fixtureCountry("bn");
  EXPECT_EQ(benin.capital, "Porto-Novo");
  EXPECT_EQ(benin.currency, "CFA franc");
  EXPECT_EQ(benin.population, "10,448,647");
  EXPECT_EQ(benin.independence, "1 August 1960");
  EXPECT_EQ(benin.highest_point, "Mont Sokbaro");

  const CountryFacts& congo = fixtureCountry("cg");
  EXPECT_EQ(congo.name, "Democratic Republic of the Congo");  // short form "DRC"
  EXPECT_EQ(congo.long_name, "");
  EXPECT_EQ(congo.currency, "Congolese franc");
  EXPECT_EQ(congo.highest_point, "Pic Marguerite on Mont Ngaliema");
  EXPECT_EQ(congo.highest_elevation, "5,110 m");

  const CountryFacts& china = fixtureCountry("ch");
  EXPECT_EQ(china.region, "East and Southeast Asia");
  EXPECT_EQ(china.languages, "Standard Chinese");
  EXPECT_EQ(china.currency, "Renminbi yuan");
  EXPECT_EQ(china.population, "1,367,485,388");
  EXPECT_EQ(china.independence, "1 October 1949");
  EXPECT_EQ(china.government, "Communist state");
  EXPECT_EQ(china.head_of_state, "President XI Jinping");

  const CountryFacts& iraq = fixtureCountry("iz");
  EXPECT_EQ(iraq.languages, "Arabic and Kurdish");
  EXPECT_EQ(iraq.national_holiday, "Republic Day, 14 July");
  EXPECT_EQ(iraq.highest_point, "Cheekha Dar");
  EXPECT_EQ(iraq.currency, "Iraqi dinar");

  const CountryFacts& montserrat = fixtureCountry("mh");
  EXPECT_EQ(montserrat.region, "Central America and the Caribbean");
  EXPECT_EQ(montserrat.highest_point, "");
  EXPECT_EQ(montserrat.highest_elevation, "915 m");
  EXPECT_EQ(montserrat.government, "");
  EXPECT_EQ(montserrat.independence, "");
  EXPECT_EQ(montserrat.currency, "East Caribbean dollar");

  const CountryFacts& united_states = fixtureCountry("us");
  EXPECT_EQ(united_states.capital, "Washington, DC");
  EXPECT_EQ(united_states.currency, "US dollar");  // an erratum: the entry lists other currencies
  EXPECT_EQ(united_states.languages, "English");   // none is marked official
  EXPECT_EQ(united_states.independence, "4 July 1776");
  EXPECT_EQ(united_states.government, "constitution-based federal republic");
}

TEST(LoadFactbook, MissingFolderIsAnInputError) {
  try {
    loadFactbook(factbookFixtureDir() / "no-such-folder");
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("no-such-folder"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("fetch-factbook.sh"), std::string::npos);
  }
}

TEST(LoadFactbook, FolderWithoutCountriesIsAnInputError) {
  const auto dir = scratchDir("factbook-empty");
  std::filesystem::create_directories(dir / "europe");
  std::ofstream(dir / "europe" / "notes.txt") << "not a country";
  EXPECT_THROW(loadFactbook(dir), InputError);
}

TEST(LoadFactbook, MalformedCountryFileIsAnInputErrorNamingIt) {
  const auto dir = scratchDir("factbook-malformed");
  std::filesystem::create_directories(dir / "europe");
  std::ofstream(dir / "europe" / "zz.json") << "{\"Government\": {";
  try {
    loadFactbook(dir);
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("zz.json"), std::string::npos);
  }
  std::ofstream(dir / "europe" / "zz.json", std::ios::trunc) << "[1, 2, 3]";
  EXPECT_THROW(loadFactbook(dir), InputError);
}

TEST(HeldOut, DependsOnTheCodeAlone) {
  // FNV-1a of the code modulo 5: fixed values, the same on every machine.
  CountryFacts country;
  country.code = "us";
  EXPECT_TRUE(isHeldOut(country));
  country.name = "Another Name";
  country.capital = "Elsewhere";
  EXPECT_TRUE(isHeldOut(country));
  country.code = "fr";
  EXPECT_FALSE(isHeldOut(country));
  EXPECT_EQ(heldOutCountries(fixtureCountries()), std::vector<std::string>{"United States"});
}

TEST(HeldOut, PicksAboutOneCountryInFiveOfThePackage) {
  const auto package = fetchedFactbookDir();
  if (package.empty()) GTEST_SKIP() << "data/factbook not fetched (scripts/fetch-factbook.sh)";
  const std::vector<CountryFacts> countries = loadFactbook(package);
  ASSERT_GT(countries.size(), 200u);
  const std::vector<std::string> held_out = heldOutCountries(countries);
  const double fraction =
      static_cast<double>(held_out.size()) / static_cast<double>(countries.size());
  EXPECT_GT(fraction, 0.17);
  EXPECT_LT(fraction, 0.23);
  // Stable: a second load selects the same countries.
  EXPECT_EQ(heldOutCountries(loadFactbook(package)), held_out);
}

TEST(LoadFactbook, CleansEveryCountryOfThePackage) {
  const auto package = fetchedFactbookDir();
  if (package.empty()) GTEST_SKIP() << "data/factbook not fetched (scripts/fetch-factbook.sh)";
  // No answer keeps the Factbook's notes, estimates or stray punctuation.
  for (const CountryFacts& country : loadFactbook(package)) {
    for (const std::string* value :
         {&country.name, &country.capital, &country.population, &country.area, &country.coastline,
          &country.highest_point, &country.highest_elevation, &country.languages,
          &country.life_expectancy, &country.government, &country.independence,
          &country.national_holiday, &country.head_of_state, &country.internet_code,
          &country.currency, &country.gdp_per_capita}) {
      SCOPED_TRACE(country.code + ": " + *value);
      EXPECT_EQ(value->find("est."), std::string::npos);
      EXPECT_EQ(value->find("note -"), std::string::npos);
      EXPECT_EQ(value->find(';'), std::string::npos);
      EXPECT_EQ(value->find("++"), std::string::npos);
      EXPECT_LT(value->size(), 120u);
      if (!value->empty()) {
        EXPECT_NE(value->front(), ' ');
        const char last = value->back();
        EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(last)) || last == '\'' || last == ')');
      }
    }
  }
}

}  // namespace
}  // namespace frontseat
