#include "engine/data/factbook_cleaning.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <regex>
#include <sstream>
#include <utility>
#include <vector>

namespace frontseat {
namespace {

bool isSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isLetter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

std::string lowerAscii(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// Runs of whitespace become one space; none at either end.
std::string collapseSpaces(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (char c : text) {
    if (isSpace(c)) {
      pending_space = !out.empty();
    } else {
      if (pending_space) out += ' ';
      pending_space = false;
      out += c;
    }
  }
  return out;
}

// Also drops a trailing comma, period or dash left behind by a cut.
std::string trimmed(std::string_view text) {
  std::string out = collapseSpaces(text);
  while (!out.empty() &&
         (out.back() == ',' || out.back() == '.' || out.back() == '-' || out.back() == ' ')) {
    out.pop_back();
  }
  return out;
}

std::size_t wordCount(std::string_view text) {
  std::istringstream words{std::string(text)};
  return static_cast<std::size_t>(std::distance(std::istream_iterator<std::string>(words),
                                                std::istream_iterator<std::string>()));
}

// The text before the earliest of `markers` (all of it when none occurs).
std::string_view cutAtFirst(std::string_view text,
                            std::initializer_list<std::string_view> markers) {
  std::size_t end = text.size();
  for (std::string_view marker : markers) end = std::min(end, text.find(marker));
  return text.substr(0, end);
}

// The contents of the top-level parenthesized groups, nested groups included.
std::vector<std::string_view> parentheticals(std::string_view text) {
  std::vector<std::string_view> groups;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '(') {
      if (depth++ == 0) start = i + 1;
    } else if (text[i] == ')' && depth > 0) {
      if (--depth == 0) groups.push_back(text.substr(start, i - start));
    }
  }
  if (depth > 0) groups.push_back(text.substr(start));
  return groups;
}

// The text without its top-level parenthesized groups, except those `keep`
// accepts. An unclosed group runs to the end; a stray ")" is dropped.
std::string removeParentheticals(
    std::string_view text,
    const std::function<bool(std::string_view)>& keep = [](std::string_view) { return false; }) {
  std::string out;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '(') {
      if (depth++ == 0) start = i;
    } else if (c == ')') {
      if (depth > 0 && --depth == 0) {
        const std::string_view group = text.substr(start, i - start + 1);
        if (keep(group.substr(1, group.size() - 2))) out += group;
      }
    } else if (depth == 0) {
      out += c;
    }
  }
  // "plateau (...), hills" leaves "plateau , hills".
  std::string tidy = collapseSpaces(out);
  for (std::size_t at = tidy.find(" ,"); at != std::string::npos; at = tidy.find(" ,", at)) {
    tidy.erase(at, 1);
  }
  return tidy;
}

// Splits at any of `separators` outside parentheses.
std::vector<std::string> splitTopLevel(std::string_view text,
                                       std::initializer_list<std::string_view> separators) {
  std::vector<std::string> parts;
  int depth = 0;
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '(') ++depth;
    if (text[i] == ')' && depth > 0) --depth;
    bool split = false;
    if (depth == 0) {
      for (std::string_view separator : separators) {
        if (text.compare(i, separator.size(), separator) == 0) {
          parts.emplace_back(text.substr(start, i - start));
          i += separator.size();
          start = i;
          split = true;
          break;
        }
      }
    }
    if (!split) ++i;
  }
  parts.emplace_back(text.substr(start));
  return parts;
}

// "NA", "none" and the like stand for "no value".
bool isPlaceholder(std::string_view text) {
  const std::string lower = lowerAscii(trimmed(text));
  return lower.empty() || lower == "na" || lower == "none" || lower == "n/a";
}

// The leading number of `text` ("4,807", "1.284 million", "-2"), with the
// number of bytes it spans; "" when `text` does not start with a digit.
std::pair<std::string, std::size_t> leadingNumber(std::string_view text) {
  std::size_t end = 0;
  if (end < text.size() && text[end] == '-') ++end;
  if (end >= text.size() || !isDigit(text[end])) return {"", 0};
  while (end < text.size() && (isDigit(text[end]) || text[end] == ',' || text[end] == '.')) ++end;
  while (end > 0 && !isDigit(text[end - 1])) --end;  // "1,234." ends at the 4
  std::string number(text.substr(0, end));
  for (std::string_view scale : {" million", " billion", " trillion"}) {
    if (text.compare(end, scale.size(), scale) == 0) {
      number += scale;
      end += scale.size();
      break;
    }
  }
  return {number, end};
}

const char* const kMonths =
    "(January|February|March|April|May|June|July|August|September|October|November|December)";

std::string joinNames(const std::vector<std::string>& names) {
  std::string joined;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) joined += i + 1 == names.size() ? " and " : ", ";
    joined += names[i];
  }
  return joined;
}

// --- Currency ---------------------------------------------------------------

// A currency word in the singular: irregular plurals by table, else without a
// final "s" ("dinars" -> "dinar"); words already singular ("kwanza", "yen")
// stay.
std::string singularCurrencyWord(const std::string& word) {
  static const std::vector<std::pair<std::string, std::string>> kIrregular = {
      {"colones", "colon"},    {"emalangeni", "lilangeni"},
      {"koruny", "koruna"},    {"kroner", "krone"},
      {"kronor", "krona"},     {"kronur", "krona"},
      {"lati", "lats"},        {"lei", "leu"},
      {"leke", "lek"},         {"leva", "lev"},
      {"litai", "litas"},      {"maloti", "loti"},
      {"meticais", "metical"}, {"quetzales", "quetzal"},
      {"zlotych", "zloty"},
  };
  for (const auto& [plural, singular] : kIrregular) {
    if (word == plural) return singular;
  }
  if (word.size() > 1 && word.back() == 's') return word.substr(0, word.size() - 1);
  return word;
}

// "Algerian dinars" -> "Algerian dinar": the last word carries the plural.
std::string singularCurrencyName(std::string_view name) {
  std::string text(name);
  const std::size_t last_space = text.rfind(' ');
  const std::size_t word_start = last_space == std::string::npos ? 0 : last_space + 1;
  return text.substr(0, word_start) + singularCurrencyWord(text.substr(word_start));
}

// Currencies better known by another name than the Factbook's.
std::string commonCurrencyName(const std::string& name) {
  static const std::vector<std::pair<std::string, std::string>> kCommon = {
      {"Communaute Financiere Africaine franc", "CFA franc"},
      {"Cooperation Financiere en Afrique Centrale franc", "CFA franc"},
      {"Comptoirs Francais du Pacifique franc", "CFP franc"},
      {"konvertibilna marka", "convertible mark"},
      {"NZ dollar", "New Zealand dollar"},
  };
  for (const auto& [factbook, common] : kCommon) {
    if (name == factbook) return common;
  }
  return name;
}

// --- Languages --------------------------------------------------------------

// Whether a parenthetical remark makes the language official nationwide.
bool marksOfficial(std::string_view remark) {
  std::string head = lowerAscii(cutAtFirst(collapseSpaces(remark), {",", ";"}));
  for (std::string_view qualifier : {"de facto ", "de jure "}) {
    if (head.compare(0, qualifier.size(), qualifier) == 0) head.erase(0, qualifier.size());
  }
  if (head.compare(0, 8, "official") != 0) return false;
  for (std::string_view regional : {" in ", "of the state"}) {
    if (head.find(regional) != std::string::npos) return false;
  }
  return lowerAscii(remark).find("only in") == std::string::npos;
}

// Leading words that name something else than a language ("other 5%",
// "unspecified", "local languages", "many ...").
bool isNonLanguage(const std::string& first_word) {
  static const std::vector<std::string> kWords = {
      "other",    "others",       "unspecified", "unknown",    "none",   "local",
      "many",     "numerous",     "some",        "various",    "more",   "much",
      "minority", "small",        "regional",    "indigenous", "native", "all",
      "two",      "multilingual", "undeclared",  "foreign",    "sign"};
  return std::find(kWords.begin(), kWords.end(), lowerAscii(first_word)) != kWords.end();
}

struct LanguageEntry {
  std::string name;
  bool official = false;
};

// One entry of the list, e.g. "Kirundi 29.7% (official)": the name is the
// leading words up to a figure or a qualifier ("only", "less than 1%").
LanguageEntry parseLanguageEntry(std::string_view entry) {
  LanguageEntry parsed;
  for (std::string_view remark : parentheticals(entry)) {
    if (marksOfficial(remark)) parsed.official = true;
  }
  static const std::vector<std::string> kStopWords = {"only",          "less", "more", "about",
                                                      "approximately", "and",  "is",   "are"};
  std::istringstream words(removeParentheticals(entry));
  std::vector<std::string> name_words;
  std::string word;
  while (words >> word) {
    if (!isLetter(word.front()) || word.find('%') != std::string::npos) break;
    if (std::find(kStopWords.begin(), kStopWords.end(), lowerAscii(word)) != kStopWords.end()) {
      break;
    }
    name_words.push_back(word);
  }
  if (name_words.empty() || isNonLanguage(name_words.front())) return parsed;
  std::string name;
  for (const std::string& name_word : name_words) name += (name.empty() ? "" : " ") + name_word;
  // "Kiswahili or Swahili": the first of alternative names.
  parsed.name = trimmed(cutAtFirst(name, {" or "}));
  return parsed;
}

}  // namespace

std::string cleanCountryName(const CountryNameForms& forms) {
  const auto usable = [](const std::string& form) { return !isPlaceholder(form); };
  std::string chosen;
  if (usable(forms.conventional_short) && forms.conventional_short != forms.abbreviation) {
    chosen = forms.conventional_short;
  } else if (usable(forms.conventional_long)) {
    chosen = forms.conventional_long;
  } else if (usable(forms.other_short)) {
    chosen = forms.other_short;
  }
  const auto short_remark = [](std::string_view remark) { return wordCount(remark) <= 3; };
  return trimmed(removeParentheticals(cutAtFirst(chosen, {";"}), short_remark));
}

std::string cleanLongName(const CountryNameForms& forms, std::string_view name) {
  if (isPlaceholder(forms.conventional_long)) return "";
  std::string long_name = trimmed(cutAtFirst(forms.conventional_long, {";"}));
  return long_name == name ? "" : long_name;
}

std::string cleanCapital(std::string_view text) {
  if (isPlaceholder(text)) return "";
  const std::string flat = collapseSpaces(text);
  return trimmed(cutAtFirst(flat, {";", ":", " (", " in "}));
}

std::string cleanPopulation(std::string_view text) {
  const std::string flat = collapseSpaces(text);
  std::size_t end = 0;
  while (end < flat.size() && (isDigit(flat[end]) || flat[end] == ',')) ++end;
  if (end == 0 || !isDigit(flat[0])) return "";
  // A following letter or period means another kind of figure ("1.2 million").
  if (end < flat.size() && (flat[end] == '.' || isLetter(flat[end]))) return "";
  return trimmed(flat.substr(0, end));
}

std::string cleanQuantity(std::string_view text, std::string_view unit) {
  const std::string flat = collapseSpaces(text);
  auto [number, end] = leadingNumber(flat);
  if (number.empty()) return "";
  if (end < flat.size() && flat[end] == ' ') ++end;
  if (flat.compare(end, unit.size(), unit) != 0) return "";
  end += unit.size();
  if (end < flat.size() && isLetter(flat[end])) return "";
  return number + " " + std::string(unit);
}

std::string cleanCurrency(std::string_view text) {
  const std::string flat = collapseSpaces(text);
  const std::size_t per = flat.find(" per ");
  if (per != std::string::npos) {
    std::string name = removeParentheticals(flat.substr(0, per));
    name = trimmed(cutAtFirst(name, {" or "}));
    // "guilders/florins": each alternative name takes the singular.
    std::string singular;
    for (const std::string& part : splitTopLevel(name, {"/"})) {
      singular += (singular.empty() ? "" : "/") + singularCurrencyName(part);
    }
    return commonCurrencyName(singular);
  }
  // Territories without a currency of their own: "the US dollar is used",
  // "the US dollar became Ecuador's currency in 2001", "uses the euro".
  static const std::regex kUsed(R"(\bthe ([A-Za-z]+(?: [A-Za-z]+)?) (?:is used|became)\b)");
  static const std::regex kUses(R"(\buses the ([A-Za-z]+(?: dollar| pound| franc)?)\b)");
  std::smatch match;
  if (std::regex_search(flat, match, kUsed) || std::regex_search(flat, match, kUses)) {
    return match[1].str();
  }
  return "";
}

std::string cleanLanguages(std::string_view text) {
  std::vector<std::string> official;
  std::string first;
  for (const std::string& item : splitTopLevel(collapseSpaces(text), {",", ";"})) {
    for (const std::string& entry : splitTopLevel(item, {" and "})) {
      const LanguageEntry parsed = parseLanguageEntry(entry);
      if (parsed.name.empty()) continue;
      if (first.empty()) first = parsed.name;
      if (parsed.official &&
          std::find(official.begin(), official.end(), parsed.name) == official.end()) {
        official.push_back(parsed.name);
      }
    }
  }
  return official.empty() ? first : joinNames(official);
}

std::string cleanGovernment(std::string_view text) {
  if (isPlaceholder(text)) return "";
  std::string government = trimmed(
      cutAtFirst(collapseSpaces(text), {";", ":", " (", " - ", ", which", ", although", " with ",
                                        " that ", " ruled by ", " in name", " took "}));
  // "a parliamentary government", "operates under a transitional government".
  for (std::string_view lead : {"a ", "an ", "operates under a "}) {
    if (government.compare(0, lead.size(), lead) == 0) government.erase(0, lead.size());
  }
  if (isPlaceholder(government) || wordCount(government) > 8) return "";
  return government;
}

std::string cleanIndependence(std::string_view text) {
  const std::string flat = collapseSpaces(text);
  static const std::regex kDate("^(\\d{1,2} " + std::string(kMonths) + " \\d{1,4})(?![\\d,.])");
  static const std::regex kYear(R"(^(\d{3,4})(?![\d,.]))");
  std::smatch match;
  if (std::regex_search(flat, match, kDate) || std::regex_search(flat, match, kYear)) {
    return match[1].str();
  }
  return "";
}

HighestPoint cleanHighestPoint(std::string_view text) {
  const std::string bare = removeParentheticals(cutAtFirst(text, {";"}));
  static const std::regex kElevation(R"((-?\d[\d,.]*) ?m\b)");
  std::smatch match;
  if (!std::regex_search(bare, match, kElevation)) return {};
  HighestPoint point;
  point.elevation = trimmed(match[1].str()) + " m";
  point.name = trimmed(match.prefix().str());
  // "unnamed elevation 53 m"; "Soufriere Hills volcano pre-eruption height was 915 m".
  const std::string lower = " " + lowerAscii(point.name) + " ";
  if (lower.compare(0, 8, " unnamed") == 0 || lower.find(" was ") != std::string::npos) {
    point.name.clear();
  }
  return point;
}

std::string cleanNationalHoliday(std::string_view text) {
  const std::string bare = removeParentheticals(cutAtFirst(text, {";"}));
  // "14 July", or "July 14" written as "14 July".
  static const std::regex kDayMonth("\\b(\\d{1,2}) " + std::string(kMonths) + "\\b");
  static const std::regex kMonthDay("\\b" + std::string(kMonths) + " (\\d{1,2})\\b");
  std::smatch match;
  std::string day;
  if (std::regex_search(bare, match, kDayMonth)) {
    day = match[1].str() + " " + match[2].str();
  } else if (std::regex_search(bare, match, kMonthDay)) {
    day = match[2].str() + " " + match[1].str();
  } else {
    return "";
  }
  const std::string name = trimmed(cutAtFirst(match.prefix().str(), {","}));
  return name.empty() ? "" : name + ", " + day;
}

std::string cleanHeadOfState(std::string_view text) {
  const std::string head =
      trimmed(cutAtFirst(removeParentheticals(cutAtFirst(text, {";"})), {","}));
  // A name has a surname in capitals ("President (vacant)" leaves only a title).
  static const std::regex kSurname(R"(\b[A-Z][A-Z'-]*[A-Z]\b)");
  return std::regex_search(head, kSurname) ? head : "";
}

std::string cleanInternetCode(std::string_view text) {
  const std::string flat = collapseSpaces(text);
  static const std::regex kCode(R"((^|[\s,;-])(\.[a-z]{2,3})\b)");
  std::smatch match;
  return std::regex_search(flat, match, kCode) ? match[2].str() : "";
}

std::string cleanGdpPerCapita(std::string_view text) {
  const std::string flat = collapseSpaces(text);
  if (flat.empty() || flat.front() != '$') return "";
  const std::string number = leadingNumber(std::string_view(flat).substr(1)).first;
  return number.empty() ? "" : "$" + number;
}

std::string cleanDescription(std::string_view text) {
  constexpr std::size_t kMaxWords = 30;
  std::string description = trimmed(removeParentheticals(cutAtFirst(text, {";"})));
  if (isPlaceholder(description) || wordCount(description) <= kMaxWords) {
    return isPlaceholder(description) ? "" : description;
  }
  // Cut within the limit, at the last comma when there is one.
  std::size_t end = 0;
  for (std::size_t words = 0; words < kMaxWords && end != std::string::npos; ++words) {
    end = description.find(' ', end + 1);
  }
  std::string shortened = description.substr(0, end);
  const std::size_t comma = shortened.rfind(',');
  if (comma != std::string::npos) shortened.erase(comma);
  return trimmed(shortened);
}

}  // namespace frontseat
