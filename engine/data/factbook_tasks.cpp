#include "engine/data/factbook_tasks.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <utility>

#include "engine/core/errors.h"
#include "engine/data/profile_renderer.h"

namespace frontseat {
namespace {

// A fact questions can ask about.
struct QuestionField {
  const char* name;
  std::string CountryFacts::*member;
  // A figure: its counterfactual is the figure scaled; other values are
  // replaced by another country's.
  bool figure;
  // "{country}" stands for the country's name as in a sentence ("the United States").
  std::vector<const char*> phrasings;
};

const std::vector<QuestionField>& fieldTable() {
  static const std::vector<QuestionField> kFields = {
      {"capital",
       &CountryFacts::capital,
       false,
       {"What is the capital of {country}?", "Which city is the capital of {country}?",
        "Name the capital of {country}.", "What city serves as the capital of {country}?"}},
      {"population",
       &CountryFacts::population,
       true,
       {"What is the population of {country}?", "How many people live in {country}?",
        "How many inhabitants does {country} have?", "How populous is {country}?"}},
      {"area",
       &CountryFacts::area,
       true,
       {"What is the area of {country}?", "How large is {country}?",
        "What is the total area of {country}?",
        "How many square kilometers does {country} cover?"}},
      {"coastline",
       &CountryFacts::coastline,
       true,
       {"How long is the coastline of {country}?",
        "What is the length of the coastline of {country}?",
        "How many kilometers of coastline does {country} have?"}},
      {"highest_point",
       &CountryFacts::highest_point,
       false,
       {"What is the highest point of {country}?", "What is the highest peak in {country}?",
        "Name the highest point in {country}.", "Where is the highest elevation of {country}?"}},
      {"highest_elevation",
       &CountryFacts::highest_elevation,
       true,
       {"How high is the highest point of {country}?",
        "What is the elevation of the highest point in {country}?",
        "How many meters high is the highest point of {country}?"}},
      {"languages",
       &CountryFacts::languages,
       false,
       {"What languages are spoken in {country}?", "What are the main languages of {country}?",
        "Which language does {country} use?", "Name the main languages of {country}."}},
      {"life_expectancy",
       &CountryFacts::life_expectancy,
       false,
       {"What is the life expectancy at birth in {country}?",
        "How long do people in {country} live on average?",
        "What is the average life expectancy in {country}?"}},
      {"government",
       &CountryFacts::government,
       false,
       {"What type of government does {country} have?",
        "What is the form of government of {country}?", "How is {country} governed?",
        "What is the government type of {country}?"}},
      {"independence",
       &CountryFacts::independence,
       false,
       {"When did {country} become independent?", "What is the independence date of {country}?",
        "When did {country} gain its independence?",
        "To what date does {country} date its independence?"}},
      {"national_holiday",
       &CountryFacts::national_holiday,
       false,
       {"What is the national holiday of {country}?",
        "Which day is the national holiday of {country}?",
        "What national holiday does {country} celebrate?"}},
      {"head_of_state",
       &CountryFacts::head_of_state,
       false,
       {"Who is the head of state of {country}?", "Who is the chief of state of {country}?",
        "Name the head of state of {country}."}},
      {"internet_code",
       &CountryFacts::internet_code,
       false,
       {"What is the internet country code of {country}?",
        "Which top-level domain does {country} use?", "What is the internet domain of {country}?"}},
      {"currency",
       &CountryFacts::currency,
       false,
       {"What is the currency of {country}?", "What currency is used in {country}?",
        "Which money does {country} use?", "Name the currency of {country}."}},
      {"gdp_per_capita",
       &CountryFacts::gdp_per_capita,
       true,
       {"What is the GDP per capita of {country}?",
        "What is the GDP per capita of {country} at purchasing power parity?",
        "How much is GDP per person in {country}?"}},
  };
  return kFields;
}

// The fields of the key-facts summary (renderKeyFacts).
const std::vector<const char*> kSummaryFields = {"capital", "population", "area", "currency",
                                                 "languages"};

const QuestionField* findField(const std::string& name) {
  for (const QuestionField& field : fieldTable()) {
    if (name == field.name) return &field;
  }
  return nullptr;
}

// Portable draws from the engine: std::uniform_*_distribution differ between
// standard libraries, which would make "same seed, same examples" local.
std::size_t uniformIndex(std::mt19937_64& rng, std::size_t count) {
  const std::uint64_t n = count;
  const std::uint64_t limit =
      std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % n;
  std::uint64_t draw = rng();
  while (draw >= limit) draw = rng();
  return static_cast<std::size_t>(draw % n);
}

double uniformUnit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

bool chance(std::mt19937_64& rng, double probability) { return uniformUnit(rng) < probability; }

template <typename T>
void shuffle(std::vector<T>& items, std::mt19937_64& rng) {
  for (std::size_t i = items.size(); i > 1; --i) {
    std::swap(items[i - 1], items[uniformIndex(rng, i)]);
  }
}

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// "1234567.5" -> "1,234,567.5": the Factbook groups thousands with commas.
std::string groupThousands(const std::string& number) {
  const std::size_t point = std::min(number.find('.'), number.size());
  std::string grouped;
  for (std::size_t i = 0; i < point; ++i) {
    grouped += number[i];
    const std::size_t digits_left = point - i - 1;
    if (digits_left > 0 && digits_left % 3 == 0) grouped += ',';
  }
  return grouped + number.substr(point);
}

// The first figure of `value` scaled by `factor`, written like the original:
// same decimals, thousands grouped, and rounded as coarsely as the original
// ("$40,400" stays a multiple of 100), so a replaced figure looks like a real
// one: "4,807 m" * 1.2 -> "5,768 m". "" when `value` holds no figure.
std::string scaleFigure(const std::string& value, double factor) {
  const std::size_t start = value.find_first_of("0123456789");
  if (start == std::string::npos) return "";
  std::size_t end = start;
  while (end < value.size() && (std::isdigit(static_cast<unsigned char>(value[end])) ||
                                value[end] == ',' || value[end] == '.')) {
    ++end;
  }
  while (end > start && !std::isdigit(static_cast<unsigned char>(value[end - 1]))) --end;
  std::string digits = value.substr(start, end - start);
  digits.erase(std::remove(digits.begin(), digits.end(), ','), digits.end());
  const std::size_t point = digits.find('.');
  const int decimals = point == std::string::npos ? 0 : static_cast<int>(digits.size() - point - 1);
  double scaled = std::strtod(digits.c_str(), nullptr) * factor;
  if (decimals == 0) {
    // Trailing zeros of the original, keeping at least one significant digit.
    double unit = 1;
    for (std::size_t i = digits.size(); i > 1 && digits[i - 1] == '0'; --i) unit *= 10;
    scaled = std::round(scaled / unit) * unit;
  }
  std::string written(64, '\0');
  written.resize(static_cast<std::size_t>(
      std::snprintf(written.data(), written.size(), "%.*f", decimals, scaled)));
  return value.substr(0, start) + groupThousands(written) + value.substr(end);
}

bool isWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// A pronounceable made-up word of about `letters` letters, lower case.
std::string inventWord(std::mt19937_64& rng, std::size_t letters) {
  static const char kConsonants[] = "bcdfghjklmnprstvwz";
  static const char kVowels[] = "aeiou";
  std::string word;
  bool vowel = chance(rng, 0.3);
  while (word.size() < std::max<std::size_t>(letters, 2)) {
    word += vowel ? kVowels[uniformIndex(rng, 5)] : kConsonants[uniformIndex(rng, 18)];
    vowel = !vowel;
  }
  return word;
}

// An invented word with a capital, for a country's name or a title.
std::string inventName(std::mt19937_64& rng) {
  std::string name = inventWord(rng, 5 + uniformIndex(rng, 4));
  name.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(name.front())));
  return name;
}

// `value` with each word of two or more letters (but a few function words)
// replaced by an invented one of the same length and case, and each digit by a
// random one (a leading digit stays non-zero).
std::string inventLike(const std::string& value, std::mt19937_64& rng) {
  static const std::vector<std::string> kKept = {"and", "the", "of", "de", "la", "del", "des", "du", "et"};
  std::string out;
  for (std::size_t i = 0; i < value.size();) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (std::isdigit(c)) {
      const bool leading = i == 0 || !std::isdigit(static_cast<unsigned char>(value[i - 1]));
      out += static_cast<char>('0' + (leading ? 1 + uniformIndex(rng, 9) : uniformIndex(rng, 10)));
      ++i;
      continue;
    }
    if (!std::isalpha(c)) {
      out += value[i++];
      continue;
    }
    std::size_t end = i;
    while (end < value.size() && std::isalpha(static_cast<unsigned char>(value[end]))) ++end;
    const std::string word = value.substr(i, end - i);
    if (word.size() < 2 || std::find(kKept.begin(), kKept.end(), word) != kKept.end()) {
      out += word;
    } else {
      std::string made = inventWord(rng, word.size());
      const bool upper = std::all_of(word.begin(), word.end(), [](char ch) { return std::isupper(static_cast<unsigned char>(ch)); });
      for (std::size_t k = 0; k < made.size(); ++k) {
        if (upper || (k == 0 && std::isupper(static_cast<unsigned char>(word[0])))) {
          made[k] = static_cast<char>(std::toupper(static_cast<unsigned char>(made[k])));
        }
      }
      out += made;
    }
    i = end;
  }
  return out;
}

// The byte ranges where `part` stands as a whole word in `doc` inside [from, to).
std::vector<std::pair<std::size_t, std::size_t>> wholeWordsIn(const std::string& doc, const std::string& part,
                                                              std::size_t from, std::size_t to) {
  std::vector<std::pair<std::size_t, std::size_t>> found;
  if (part.empty()) return found;
  for (std::size_t at = doc.find(part, from); at != std::string::npos && at + part.size() <= to;
       at = doc.find(part, at + 1)) {
    const bool starts = at == 0 || !isWordChar(doc[at - 1]) || !isWordChar(part.front());
    const std::size_t after = at + part.size();
    const bool ends = after >= doc.size() || !isWordChar(doc[after]) || !isWordChar(part.back());
    if (starts && ends) found.emplace_back(at, after);
  }
  return found;
}

// Records that target[begin, end) can be read from `document` wherever it stands
// as a whole word inside [from, to); nothing when it does not.
void addCopy(TextExample& example, std::size_t begin, std::size_t end, std::size_t from, std::size_t to) {
  TextExample::Copy copy{begin, end, wholeWordsIn(example.document, example.target.substr(begin, end - begin), from, to)};
  if (!copy.sources.empty()) example.copies.push_back(std::move(copy));
}

// Records where the question and the evidence in [from, to) name `name`, and
// where the other countries' parts of the document name their own.
template <typename Others>
void addCountryMentions(TextExample& example, const std::string& name, std::size_t from, std::size_t to,
                        const Others& others) {
  const auto asked = wholeWordsIn(example.question, name, 0, example.question.size());
  if (asked.empty()) return;
  example.question_country = asked.front();
  example.country_mentions = wholeWordsIn(example.document, name, from, to);
  for (const auto& other : others) {
    for (const auto& span : wholeWordsIn(example.document, other.name, other.begin, other.end)) {
      example.other_country_mentions.push_back(span);
    }
  }
}

// The non-empty lines of a profile.
std::vector<std::string> profileLines(const std::string& profile) {
  std::vector<std::string> lines;
  for (std::size_t start = 0; start < profile.size();) {
    const std::size_t end = std::min(profile.find('\n', start), profile.size());
    if (end > start) lines.push_back(profile.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// What a profile line is, the same for every country: "title", a section
// heading ("Geography"), a section's prose ("prose Geography") or a field
// line's label without its country ("Capital" for "Capital of France: Paris").
std::string lineKind(const std::vector<std::string>& lines, std::size_t index) {
  static const std::vector<std::string> kSections = {"Geography of ", "People of ", "Government of ",
                                                     "Economy of "};
  if (index == 0) return "title";
  const auto section = [&](const std::string& line) -> std::string {
    for (const auto& heading : kSections) {
      if (line.rfind(heading, 0) == 0) return heading.substr(0, heading.find(' '));
    }
    return "";
  };
  if (const auto heading = section(lines[index]); !heading.empty()) return heading;
  const std::size_t colon = lines[index].find(": ");
  if (colon != std::string::npos && lines[index].find('.') > colon) {
    // The country as the headings name it ("the United States"), which the
    // label ends with; a name may itself hold " of " ("Isle of Man").
    std::string label = lines[index].substr(0, colon);
    for (const std::string& line : lines) {
      const std::string heading = section(line);
      if (heading.empty()) continue;
      const std::string suffix = " of " + line.substr(heading.size() + 4);
      if (label.size() > suffix.size() && label.compare(label.size() - suffix.size(), suffix.size(), suffix) == 0) {
        label.resize(label.size() - suffix.size());
      }
      break;
    }
    return label;
  }
  for (std::size_t i = index; i-- > 0;) {
    if (const auto heading = section(lines[i]); !heading.empty()) return "prose " + heading;
  }
  return "prose";
}

}  // namespace

std::vector<std::string> questionFields() {
  std::vector<std::string> names;
  for (const QuestionField& field : fieldTable()) names.emplace_back(field.name);
  return names;
}

std::vector<const CountryFacts*> countriesInSplit(const std::vector<CountryFacts>& countries,
                                                  bool held_out) {
  std::vector<const CountryFacts*> split;
  for (const CountryFacts& country : countries) {
    if (isHeldOut(country) == held_out) split.push_back(&country);
  }
  return split;
}

FactbookTasks::FactbookTasks(TaskOptions options)
    : options_(std::move(options)), rng_(options_.seed) {
  if (options_.pool.empty()) {
    throw InputError("Factbook tasks need at least one country to ask about");
  }
  for (const auto* list : {&options_.pool, &options_.fillers}) {
    for (const CountryFacts* country : *list) {
      if (country == nullptr) throw InputError("Factbook tasks were given a null country");
    }
  }
  for (double rate : {options_.counterfactual_rate, options_.summary_rate, options_.invented_rate,
                      options_.invented_name_rate, options_.augment_rate}) {
    if (!(rate >= 0.0 && rate <= 1.0)) {
      throw InputError("Factbook task rates must be between 0 and 1, got " + std::to_string(rate));
    }
  }
  for (const CountryFacts* filler : options_.fillers) {
    filler_profiles_.push_back(renderProfile(*filler));
  }
  for (const auto* list : {&options_.pool, &options_.fillers}) {
    for (const CountryFacts* country : *list) {
      const bool seen =
          std::any_of(value_sources_.begin(), value_sources_.end(),
                      [&](const CountryFacts* c) { return c->code == country->code; });
      if (!seen) value_sources_.push_back(country);
    }
  }
}

TextExample FactbookTasks::next() {
  TextExample example = chance(rng_, options_.summary_rate) ? makeSummary() : makeQuestion();
  maybeAddTitle(example);
  return example;
}

// Titles of the kind documents of profiles open with; several name fields
// ("country code", "capitals") that a question may or may not ask about.
void FactbookTasks::maybeAddTitle(TextExample& example) {
  // No draw at rate 0: the examples stay those of earlier versions.
  if (options_.title_rate <= 0 || !chance(rng_, options_.title_rate)) return;
  static const std::vector<const char*> kTitles = {
      "Country profiles from the CIA World Factbook (public domain)",
      "The World Factbook: country profiles",
      "Countries of the world",
      "Country facts, codes and figures",
      "Capitals, currencies and populations of the world",
      "Notes on {word} and other countries",
      "Internet country codes, languages and governments",
      "{word} report: country profiles",
      "Reference profiles",
      "Geography, people, government and economy of selected countries"};
  std::string title = kTitles[uniformIndex(rng_, kTitles.size())];
  title = replaceAll(title, "{word}", inventName(rng_)) + "\n\n";
  const std::size_t shift = title.size();
  example.document = title + example.document;
  example.evidence_offset += shift;
  example.evidence_end += shift;
  for (auto& copy : example.copies) {
    for (auto& [begin, end] : copy.sources) begin += shift, end += shift;
  }
  for (auto* mentions : {&example.country_mentions, &example.other_country_mentions}) {
    for (auto& [begin, end] : *mentions) begin += shift, end += shift;
  }
}

TextExample FactbookTasks::makeQuestion() {
  const CountryFacts& country = *options_.pool[uniformIndex(rng_, options_.pool.size())];
  std::vector<const QuestionField*> present;
  for (const QuestionField& field : fieldTable()) {
    if (!(country.*field.member).empty()) present.push_back(&field);
  }
  if (present.empty()) {
    throw InputError("The Factbook gives no answerable fact for " + country.name);
  }
  return makeQuestion(country, present[uniformIndex(rng_, present.size())]->name);
}

TextExample FactbookTasks::makeQuestion(const CountryFacts& country,
                                        const std::string& field_name) {
  const QuestionField* field = findField(field_name);
  if (field == nullptr) throw InputError("No Factbook question asks about \"" + field_name + "\"");
  if ((country.*field->member).empty()) {
    throw InputError("The Factbook gives no " + field_name + " for " + country.name);
  }
  CountryFacts facts = country;
  const bool counterfactual =
      chance(rng_, options_.counterfactual_rate) && replaceValue(facts, field_name);
  augment(facts, field_name);
  const char* phrasing = field->phrasings[uniformIndex(rng_, field->phrasings.size())];
  const std::string profile = renderProfile(facts);
  Document document = options_.excerpt_lines > 0
                          ? excerptDocument(profile, facts.*field->member, country)
                          : questionDocument(profile, country.code);

  TextExample example;
  example.task = "qa";
  example.question = replaceAll(phrasing, "{country}", nameInSentence(facts));
  example.document = std::move(document.text);
  example.target = facts.*field->member;
  example.country = country.name;
  example.field = field_name;
  example.counterfactual = counterfactual;
  example.evidence_offset = document.evidence_offset;
  example.evidence_end = document.evidence_end;
  addCopy(example, 0, example.target.size(), example.evidence_offset, example.evidence_end);
  addCountryMentions(example, facts.name, example.evidence_offset, example.evidence_end, document.others);
  return example;
}

TextExample FactbookTasks::makeSummary() {
  return makeSummary(*options_.pool[uniformIndex(rng_, options_.pool.size())]);
}

TextExample FactbookTasks::makeSummary(const CountryFacts& country) {
  CountryFacts facts = country;
  augment(facts, "");
  bool counterfactual = false;
  if (chance(rng_, options_.counterfactual_rate)) {
    std::vector<std::string> present;
    for (const char* name : kSummaryFields) {
      if (!(facts.*findField(name)->member).empty()) present.emplace_back(name);
    }
    counterfactual =
        !present.empty() && replaceValue(facts, present[uniformIndex(rng_, present.size())]);
  }
  const std::size_t profiles =
      1 + uniformIndex(rng_, std::max<std::size_t>(1, options_.max_summary_profiles));
  std::string document = renderProfile(facts);
  const std::size_t profile_end = document.size();
  const std::vector<std::size_t> fillers = shuffledFillers(country.code);
  for (std::size_t i = 0; i + 1 < profiles && i < fillers.size(); ++i) {
    document += "\n" + fillerProfile(fillers[i]).profile;
  }

  TextExample example;
  example.task = "summary";
  example.document = std::move(document);
  example.target = renderKeyFacts(facts);
  example.country = country.name;
  example.field = "summary";
  example.counterfactual = counterfactual;
  example.evidence_offset = 0;
  example.evidence_end = profile_end;
  // The name that opens the summary, then each key fact's value ("capital Paris").
  addCopy(example, 0, facts.name.size(), 0, profile_end);
  for (const char* name : kSummaryFields) {
    const std::string& value = facts.*findField(name)->member;
    if (value.empty()) continue;
    const std::string label = std::string(name) + " ";  // renderKeyFacts labels a value by its field
    const std::size_t at = example.target.find(label + value);
    if (at != std::string::npos) addCopy(example, at + label.size(), at + label.size() + value.size(), 0, profile_end);
  }
  return example;
}

std::vector<std::size_t> FactbookTasks::shuffledFillers(const std::string& excluded_code) {
  std::vector<std::size_t> indices;
  for (std::size_t i = 0; i < options_.fillers.size(); ++i) {
    if (options_.fillers[i]->code != excluded_code) indices.push_back(i);
  }
  shuffle(indices, rng_);
  return indices;
}

FactbookTasks::Document FactbookTasks::excerptDocument(const std::string& target_profile, const std::string& answer,
                                                       const CountryFacts& target) {
  std::vector<std::string> kinds;
  std::vector<Filler> parts{{excerpt(target_profile, answer, options_.excerpt_lines, &kinds), ""}};
  if (options_.excerpt_countries <= 1) return joinParts(parts, 0);
  // The others show the same kinds of lines, so that only the question tells
  // which country and field are asked about.
  const std::vector<std::size_t> fillers = shuffledFillers(target.code);
  for (std::size_t i = 0; i + 1 < options_.excerpt_countries && i < fillers.size(); ++i) {
    Filler filler = fillerProfile(fillers[i]);
    std::string part;
    const auto lines = profileLines(filler.profile);
    for (std::size_t k = 0; k < lines.size(); ++k) {
      if (std::find(kinds.begin(), kinds.end(), lineKind(lines, k)) != kinds.end()) part += lines[k] + "\n";
    }
    parts.push_back({std::move(part), std::move(filler.name)});
  }
  const std::size_t target_at = uniformIndex(rng_, parts.size());
  std::swap(parts[0], parts[target_at]);
  return joinParts(parts, target_at);
}

FactbookTasks::Document FactbookTasks::joinParts(const std::vector<Filler>& parts, std::size_t target_at) {
  Document document;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (k > 0) document.text += '\n';
    const std::size_t begin = document.text.size();
    document.text += parts[k].profile;
    if (k == target_at) {
      document.evidence_offset = begin;
      document.evidence_end = document.text.size();
    } else {
      document.others.push_back({begin, document.text.size(), parts[k].name});
    }
  }
  return document;
}

std::string FactbookTasks::excerpt(const std::string& profile, const std::string& answer, std::size_t max_lines,
                                   std::vector<std::string>* kinds) {
  const std::vector<std::string> lines = profileLines(profile);
  std::vector<bool> kept(lines.size(), false);
  std::size_t count = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i == 0 || (!answer.empty() && lines[i].find(answer) != std::string::npos)) {
      kept[i] = true;
      ++count;
    }
  }
  std::vector<std::size_t> others;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!kept[i]) others.push_back(i);
  }
  shuffle(others, rng_);
  for (std::size_t i = 0; i < others.size() && count < max_lines; ++i, ++count) {
    kept[others[i]] = true;
  }
  std::string text;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!kept[i]) continue;
    text += lines[i] + "\n";
    if (kinds) kinds->push_back(lineKind(lines, i));
  }
  return text;
}

FactbookTasks::Document FactbookTasks::questionDocument(const std::string& target_profile,
                                                        const std::string& target_code) {
  // Profiles end with a newline; one more between them leaves a blank line.
  constexpr std::size_t kSeparator = 1;
  std::vector<Filler> chosen;
  std::size_t total = target_profile.size();
  for (std::size_t index : shuffledFillers(target_code)) {
    const std::size_t shortfall = options_.target_bytes > total ? options_.target_bytes - total : 0;
    if (shortfall == 0) break;
    Filler filler = fillerProfile(index);
    const std::size_t grown = total + kSeparator + filler.profile.size();
    if (grown > options_.target_bytes && grown - options_.target_bytes >= shortfall) break;
    chosen.push_back(std::move(filler));
    total = grown;
  }

  // The number of fillers before the target profile.
  std::size_t before = 0;
  switch (options_.position) {
    case EvidencePosition::Random:
      before = uniformIndex(rng_, chosen.size() + 1);
      break;
    case EvidencePosition::Start:
      before = 0;
      break;
    case EvidencePosition::End:
      before = chosen.size();
      break;
    case EvidencePosition::Middle: {
      // The target's center nearest the document's center.
      double best = std::numeric_limits<double>::max();
      std::size_t offset = 0;
      for (std::size_t k = 0; k <= chosen.size(); ++k) {
        const double distance =
            std::abs(static_cast<double>(offset) + static_cast<double>(target_profile.size()) / 2 -
                     static_cast<double>(total) / 2);
        if (distance < best) {
          best = distance;
          before = k;
        }
        if (k < chosen.size()) offset += chosen[k].profile.size() + kSeparator;
      }
      break;
    }
  }

  chosen.insert(chosen.begin() + static_cast<std::ptrdiff_t>(before), Filler{target_profile, ""});
  return joinParts(chosen, before);
}

void FactbookTasks::augment(CountryFacts& facts, const std::string& kept) {
  if (options_.augment_rate > 0) {
    for (const QuestionField& field : fieldTable()) {
      if (field.name != kept && !(facts.*field.member).empty() && chance(rng_, options_.augment_rate)) {
        replaceValue(facts, field.name);
      }
    }
  }
  maybeRename(facts);
}

FactbookTasks::Filler FactbookTasks::fillerProfile(std::size_t i) {
  if (options_.augment_rate <= 0 && options_.invented_name_rate <= 0) {
    return {filler_profiles_[i], options_.fillers[i]->name};
  }
  CountryFacts facts = *options_.fillers[i];
  augment(facts, "");
  return {renderProfile(facts), facts.name};
}

void FactbookTasks::maybeRename(CountryFacts& facts) {
  // No draw at rate 0: the examples stay those of earlier versions.
  if (options_.invented_name_rate <= 0 || !chance(rng_, options_.invented_name_rate)) return;
  facts.name = inventName(rng_);
  facts.long_name.clear();
}

bool FactbookTasks::replaceValue(CountryFacts& facts, const std::string& field_name) {
  const QuestionField& field = *findField(field_name);
  std::string& value = facts.*field.member;
  const bool invent = options_.invented_rate > 0 && chance(rng_, options_.invented_rate);
  if (invent && !field.figure) {
    std::string made = inventLike(value, rng_);
    if (made != value) {
      value = std::move(made);
      return true;
    }
  }
  if (field.figure) {
    const double factor = invent ? std::exp(std::log(0.05) + std::log(400.0) * uniformUnit(rng_))
                          : chance(rng_, 0.5) ? 0.6 + 0.3 * uniformUnit(rng_)
                                               : 1.1 + 0.5 * uniformUnit(rng_);
    std::string scaled = scaleFigure(value, factor);
    if (!scaled.empty() && scaled != value) {
      value = std::move(scaled);
      return true;
    }
  }
  // Another country's value, different from this one's.
  std::vector<const std::string*> others;
  for (const CountryFacts* source : value_sources_) {
    const std::string& other = source->*field.member;
    if (source->code != facts.code && !other.empty() && other != value) others.push_back(&other);
  }
  if (others.empty()) return false;
  value = *others[uniformIndex(rng_, others.size())];
  return true;
}

}  // namespace frontseat
