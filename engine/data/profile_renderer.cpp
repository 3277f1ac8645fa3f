#include "engine/data/profile_renderer.h"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <utility>
#include <vector>

namespace frontseat {
namespace {

// One section of a profile: heading, prose, then "Field of <country>: value"
// lines. Each line names its country because VCC reads a line's block apart
// from the section heading: "Capital: Nairobi" alone is every country's line.
class Section {
 public:
  Section(const char* heading, std::string name)
      : heading_(std::string(heading) + " of " + name), name_(std::move(name)) {}

  void say(const std::string& sentence) { prose_ += (prose_.empty() ? "" : " ") + sentence; }

  void field(const char* label, const std::string& value) {
    if (!value.empty()) lines_ += std::string(label) + " of " + name_ + ": " + value + "\n";
  }

  std::string text() const {
    return heading_ + "\n" + (prose_.empty() ? "" : prose_ + "\n") + lines_;
  }

 private:
  std::string heading_;
  std::string name_;
  std::string prose_;
  std::string lines_;
};

// The name at the start of a sentence: "The United States".
std::string subject(const CountryFacts& c) {
  std::string name = nameInSentence(c);
  name.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(name.front())));
  return name;
}

std::string withArticle(const std::string& noun) {
  const char first = static_cast<char>(std::tolower(static_cast<unsigned char>(noun.front())));
  const bool vowel = first == 'a' || first == 'e' || first == 'i' || first == 'o' || first == 'u';
  return (vowel ? "an " : "a ") + noun;
}

// "French" is one language; "Dutch, French and German" are several.
bool namesSeveral(const std::string& list) {
  return list.find(" and ") != std::string::npos || list.find(", ") != std::string::npos;
}

std::string geography(const CountryFacts& c) {
  const std::string name = nameInSentence(c);
  Section section("Geography", name);
  if (!c.area.empty()) {
    std::string sentence = subject(c) + " covers an area of " + c.area;
    if (c.coastline == "0 km") {
      sentence += " and is landlocked";
    } else if (!c.coastline.empty()) {
      sentence += " and has a coastline of " + c.coastline;
    }
    section.say(sentence + ".");
  }
  if (!c.highest_point.empty() && !c.highest_elevation.empty()) {
    section.say("The highest point of " + name + " is " + c.highest_point + ", at " +
                c.highest_elevation + ".");
  } else if (!c.highest_point.empty()) {
    section.say("The highest point of " + name + " is " + c.highest_point + ".");
  } else if (!c.highest_elevation.empty()) {
    section.say("The highest point of " + name + " rises to " + c.highest_elevation + ".");
  }
  if (!c.climate.empty()) {
    // Most entries are noun phrases ("temperate"); some start with a verb
    // ("varies with altitude"), which "is" would garble.
    const bool verb = c.climate.rfind("varies", 0) == 0 || c.climate.rfind("ranges", 0) == 0;
    section.say("The climate of " + name + (verb ? " " : " is ") + c.climate + ".");
  }
  section.field("Region", c.region);
  section.field("Location", c.location);
  section.field("Area", c.area);
  section.field("Coastline", c.coastline);
  section.field("Terrain", c.terrain);
  section.field("Highest point", c.highest_point);
  section.field("Highest elevation", c.highest_elevation);
  return section.text();
}

std::string people(const CountryFacts& c) {
  const std::string name = nameInSentence(c);
  Section section("People", name);
  if (!c.population.empty()) section.say(subject(c) + " has a population of " + c.population + ".");
  if (!c.languages.empty()) {
    section.say(namesSeveral(c.languages)
                    ? "The main languages of " + name + " are " + c.languages + "."
                    : "The main language of " + name + " is " + c.languages + ".");
  }
  if (!c.life_expectancy.empty()) {
    section.say("Life expectancy at birth in " + name + " is " + c.life_expectancy + ".");
  }
  section.field("Population", c.population);
  section.field("Languages", c.languages);
  section.field("Life expectancy", c.life_expectancy);
  return section.text();
}

std::string government(const CountryFacts& c) {
  const std::string name = nameInSentence(c);
  Section section("Government", name);
  if (!c.capital.empty()) section.say("The capital of " + name + " is " + c.capital + ".");
  if (!c.government.empty()) section.say(subject(c) + " is " + withArticle(c.government) + ".");
  if (!c.independence.empty()) {
    section.say(subject(c) + " dates its independence to " + c.independence + ".");
  }
  if (!c.national_holiday.empty()) {
    section.say("The national holiday of " + name + " is " + c.national_holiday + ".");
  }
  if (!c.head_of_state.empty()) {
    section.say("The head of state of " + name + " is " + c.head_of_state + ".");
  }
  section.field("Capital", c.capital);
  section.field("Government type", c.government);
  section.field("Independence", c.independence);
  section.field("National holiday", c.national_holiday);
  section.field("Head of state", c.head_of_state);
  section.field("Internet country code", c.internet_code);
  return section.text();
}

std::string economy(const CountryFacts& c) {
  const std::string name = nameInSentence(c);
  Section section("Economy", name);
  if (!c.currency.empty()) section.say("The currency of " + name + " is the " + c.currency + ".");
  if (!c.gdp_per_capita.empty()) {
    section.say("GDP per capita in " + name + " is " + c.gdp_per_capita +
                " at purchasing power parity.");
  }
  section.field("Currency", c.currency);
  section.field("GDP per capita (PPP)", c.gdp_per_capita);
  return section.text();
}

}  // namespace

std::string nameInSentence(const CountryFacts& country) {
  // Names that are plural or a title take "the": "the Netherlands", "the
  // United Kingdom", "the Cook Islands", "the Holy See (Vatican City)".
  static const std::vector<std::string> kTakesThe = {
      "Islands",     "Republic", "Kingdom",    "States",  "Emirates", "Netherlands",
      "Philippines", "Maldives", "Seychelles", "Comoros", "See"};
  std::istringstream words(country.name);
  std::string word;
  bool takes_the = false;
  while (words >> word) {
    if (std::find(kTakesThe.begin(), kTakesThe.end(), word) != kTakesThe.end()) takes_the = true;
  }
  const bool has_the = country.name.compare(0, 4, "The ") == 0;
  return takes_the && !has_the ? "the " + country.name : country.name;
}

std::string renderProfile(const CountryFacts& country) {
  const std::string title =
      country.long_name.empty() ? country.name : country.name + " (" + country.long_name + ")";
  return title + "\n\n" + geography(country) + "\n" + people(country) + "\n" + government(country) +
         "\n" + economy(country);
}

std::string renderKeyFacts(const CountryFacts& country) {
  std::string facts;
  const auto add = [&facts](const char* label, const std::string& value) {
    if (!value.empty()) facts += std::string(facts.empty() ? "" : "; ") + label + " " + value;
  };
  add("capital", country.capital);
  add("population", country.population);
  add("area", country.area);
  add("currency", country.currency);
  add("languages", country.languages);
  return country.name + (facts.empty() ? "" : ": " + facts) + ".";
}

}  // namespace frontseat
