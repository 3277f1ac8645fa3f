// Turning the Factbook's raw field texts into short answers. The raw texts
// carry estimates, years, notes and alternatives ("39,542,166 (July 2015 est.)",
// "Porto-Novo (official capital); note - Cotonou (seat of government)"); a model
// trained on them would learn to copy that noise. Each function keeps the one
// value a person would give as the answer, or returns "" when the text holds
// none. Whitespace runs become single spaces. Plain C++.
#pragma once

#include <string>
#include <string_view>

namespace frontseat {

// The forms of a country's name the Factbook gives under "Country name".
struct CountryNameForms {
  std::string conventional_short;  // "France"; "none" when there is none
  std::string conventional_long;   // "French Republic"; "none" when there is none
  std::string abbreviation;        // "DRC", often empty
  std::string other_short;         // e.g. "English short form" for Sint Maarten
};

// The conventional short form, unless it is missing, "none" or just the
// abbreviation ("DRC"), then the conventional long form, then another short
// form. Parenthetical remarks of more than three words are dropped
// ("Svalbard (sometimes referred to as ...)" -> "Svalbard"); short ones are part
// of the name ("Congo (Brazzaville)", "Cocos (Keeling) Islands").
std::string cleanCountryName(const CountryNameForms& forms);

// The conventional long form when it differs from `name`, else "".
std::string cleanLongName(const CountryNameForms& forms, std::string_view name);

// The first city named, without notes, alternative spellings or qualifiers:
// "Porto-Novo (official capital); note - ..." -> "Porto-Novo",
// "Chisinau in Romanian (Kishinev in Russian)" -> "Chisinau", "Washington, DC"
// stays. "NA" -> "".
std::string cleanCapital(std::string_view text);

// The leading head count with its thousands separators: "39,542,166 (July 2015
// est.)" -> "39,542,166". Texts that do not start with a number ("uninhabited",
// "approximately 15,700 ...") -> "".
std::string cleanPopulation(std::string_view text);

// The leading figure with its unit, as written: cleanQuantity("643,801 sq km;
// 551,500 sq km (metropolitan France)", "sq km") -> "643,801 sq km",
// cleanQuantity("1.284 million sq km", "sq km") -> "1.284 million sq km",
// cleanQuantity("81.75 years", "years") -> "81.75 years". Used for area,
// coastline and life expectancy; a text that does not start with a figure
// ("less than 3 sq km") -> "".
std::string cleanQuantity(std::string_view text, std::string_view unit);

// The currency's common name in the singular, without its ISO code, from the
// "Exchange rates" text: "euros (EUR) per US dollar - ..." -> "euro",
// "Algerian dinars (DZD) per ..." -> "Algerian dinar", irregular plurals by
// table ("zlotych" -> "zloty", "lei" -> "leu", "maloti" -> "loti"), the CFA and
// CFP francs by their usual names ("Communaute Financiere Africaine francs" ->
// "CFA franc"), only the first of alternatives ("Tuvaluan dollars or Australian
// dollars" -> "Tuvaluan dollar"), and "the US dollar is used" -> "US dollar".
std::string cleanCurrency(std::string_view text);

// The official languages, in the Factbook's order, joined as "A", "A and B" or
// "A, B and C": those marked "(official ...)", "(de facto official)" or
// "(de jure official)", except regional ones ("official in Burgenland",
// "official, only in municipalities ...", "official working language of the
// State of ..."). Names lose their notes, alternative names and percentages
// ("Spanish (Castilian) 93% (official)" -> "Spanish") and keep the first of
// alternative names ("Kiswahili or Swahili" -> "Kiswahili"). When no language is
// marked official, the first language listed ("English 79.2%, Spanish ..." ->
// "English"): the field holds the country's main languages.
std::string cleanLanguages(std::string_view text);

// The form of government without notes or qualifications, as a noun phrase
// that follows "France is a ...": "republic; multiparty presidential regime" ->
// "republic", "constitutional monarchy with a parliamentary system ..." ->
// "constitutional monarchy", "republic in name, although ..." -> "republic",
// "a parliamentary government ..." -> "parliamentary government". "NA" and
// texts of more than eight words once cut -> "".
std::string cleanGovernment(std::string_view text);

// The leading date "5 July 1962" or year "1278" of the "Independence" text,
// without what follows ("(from France)", notes, other dates). Texts that start
// otherwise ("none (overseas territory of the UK)", "no official date ...",
// "ca. 965 ...") -> "".
std::string cleanIndependence(std::string_view text);

// The name and the elevation of the highest point, from "Mont Blanc 4,807 m".
struct HighestPoint {
  std::string name;       // "Mont Blanc"; "" for an "unnamed elevation"
  std::string elevation;  // "4,807 m"
};
// Only the first of several points separated by ";" counts; remarks in
// parentheses are dropped ("Kilimanjaro 5,895 m (highest point in Africa)" ->
// "Kilimanjaro", "5,895 m").
HighestPoint cleanHighestPoint(std::string_view text);

// The holiday's name and its day, written "<name>, <day> <month>": "Fete de la
// Federation, 14 July (1790); note - ..." -> "Fete de la Federation, 14 July",
// "Europe Day (also known as Schuman Day) 9 May (1950)" -> "Europe Day, 9 May",
// "Republic Day, July 14 (1958)" -> "Republic Day, 14 July". No name before the
// day, or no fixed day ("first Monday in July") -> "".
std::string cleanNationalHoliday(std::string_view text);

// The title and name of the first chief of state, without remarks: "President
// Francois HOLLANDE (since 15 May 2012)" -> "President Francois HOLLANDE",
// "President Idriss DEBY Itno, Lt. Gen. (since ...)" -> "President Idriss DEBY
// Itno". The Factbook writes surnames in capitals, and so does the answer; a
// text without such a name ("President (vacant)") -> "".
std::string cleanHeadOfState(std::string_view text);

// The first internet country code: "metropolitan France - .fr; French Guiana -
// .gf; ..." -> ".fr".
std::string cleanInternetCode(std::string_view text);

// The most recent GDP per capita figure: "$40,400 (2014 est.) ++ $40,200 ..." ->
// "$40,400".
std::string cleanGdpPerCapita(std::string_view text);

// A short description for the profile's prose (location, climate, terrain): the
// first clause before ";", without parenthetical remarks, at most 30 words
// (longer clauses are cut at their last comma within the limit).
std::string cleanDescription(std::string_view text);

}  // namespace frontseat
