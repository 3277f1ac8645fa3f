// Where the data tests find the Factbook: the trimmed country files under
// tests/fixtures/factbook, and the full package when scripts/fetch-factbook.sh
// has put it in data/factbook.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/data/factbook.h"
#include "tests/engine/test_paths.h"

namespace frontseat::testing {

inline std::filesystem::path factbookFixtureDir() {
  return sourceDir() / "tests/fixtures/factbook";
}

// Empty when the package has not been fetched.
inline std::filesystem::path fetchedFactbookDir() {
  const std::filesystem::path dir = sourceDir() / "data/factbook";
  return std::filesystem::is_directory(dir) ? dir : std::filesystem::path();
}

// The fixture countries, loaded once.
inline const std::vector<CountryFacts>& fixtureCountries() {
  static const std::vector<CountryFacts> countries = loadFactbook(factbookFixtureDir());
  return countries;
}

inline const CountryFacts& fixtureCountry(const std::string& code) {
  for (const CountryFacts& country : fixtureCountries()) {
    if (country.code == code) return country;
  }
  throw std::out_of_range("no fixture country " + code);
}

}  // namespace frontseat::testing
