// Tests of turning raw Factbook texts into short answers
// (engine/data/factbook_cleaning.h), on texts taken from the package.
#include "engine/data/factbook_cleaning.h"

#include <gtest/gtest.h>

namespace frontseat {
namespace {

TEST(CleanCountryName, PrefersTheConventionalShortForm) {
  EXPECT_EQ(cleanCountryName({"France", "French Republic", "", ""}), "France");
  EXPECT_EQ(cleanCountryName({"Congo (Brazzaville)", "Republic of the Congo", "", ""}),
            "Congo (Brazzaville)");
}

TEST(CleanCountryName, FallsBackWhenTheShortFormIsMissingOrAnAbbreviation) {
  EXPECT_EQ(cleanCountryName({"none", "Central African Republic", "CAR", ""}),
            "Central African Republic");
  EXPECT_EQ(cleanCountryName({"DRC", "Democratic Republic of the Congo", "DRC", ""}),
            "Democratic Republic of the Congo");
  EXPECT_EQ(cleanCountryName({"", "", "", "Sint Maarten"}), "Sint Maarten");
  EXPECT_EQ(cleanCountryName({"", "", "", ""}), "");
}

TEST(CleanCountryName, DropsLongRemarksOnly) {
  EXPECT_EQ(cleanCountryName({"Svalbard (sometimes referred to as Spitsbergen, the largest island "
                              "in the archipelago)",
                              "none", "", ""}),
            "Svalbard");
  EXPECT_EQ(cleanCountryName({"Cocos (Keeling) Islands", "", "", ""}), "Cocos (Keeling) Islands");
}

TEST(CleanLongName, IsEmptyWhenItAddsNothing) {
  EXPECT_EQ(cleanLongName({"France", "French Republic", "", ""}, "France"), "French Republic");
  EXPECT_EQ(cleanLongName({"none", "Central African Republic", "", ""}, "Central African Republic"),
            "");
  EXPECT_EQ(cleanLongName({"Libya", "none", "", ""}, "Libya"), "");
}

TEST(CleanCapital, KeepsTheFirstCityOnly) {
  EXPECT_EQ(cleanCapital("Paris"), "Paris");
  EXPECT_EQ(cleanCapital("Porto-Novo (official capital); note - Cotonou (seat of government)"),
            "Porto-Novo");
  EXPECT_EQ(cleanCapital("Pretoria (administrative capital); Cape Town (legislative capital); "
                         "Bloemfontein (judicial capital)"),
            "Pretoria");
  EXPECT_EQ(cleanCapital("Jerusalem: note - Israel proclaimed Jerusalem as its capital in 1950"),
            "Jerusalem");
  EXPECT_EQ(cleanCapital("Chisinau in Romanian (Kishinev in Russian)"), "Chisinau");
  EXPECT_EQ(cleanCapital("Pristina (Prishtine, Prishtina)"), "Pristina");
  EXPECT_EQ(cleanCapital("Washington, DC"), "Washington, DC");
  EXPECT_EQ(cleanCapital("NA"), "");
}

TEST(CleanPopulation, KeepsTheHeadCount) {
  EXPECT_EQ(cleanPopulation("39,542,166 (July 2015 est.)"), "39,542,166");
  EXPECT_EQ(cleanPopulation("66,553,766"), "66,553,766");
  EXPECT_EQ(
      cleanPopulation("8,049,314 (includes populations of the Golan Heights) (July 2014 est.)"),
      "8,049,314");
  EXPECT_EQ(cleanPopulation("uninhabited"), "");
  EXPECT_EQ(cleanPopulation("approximately 15,700 live on the Sovereign Base Areas"), "");
}

TEST(CleanQuantity, KeepsTheLeadingFigureWithItsUnit) {
  EXPECT_EQ(cleanQuantity("643,801 sq km; 551,500 sq km (metropolitan France)", "sq km"),
            "643,801 sq km");
  EXPECT_EQ(cleanQuantity("1.284 million sq km", "sq km"), "1.284 million sq km");
  EXPECT_EQ(cleanQuantity("442.6 sq km (Antigua 280 sq km; Barbuda 161 sq km)", "sq km"),
            "442.6 sq km");
  EXPECT_EQ(cleanQuantity("0 km (landlocked)", "km"), "0 km");
  EXPECT_EQ(cleanQuantity("81.75 years", "years"), "81.75 years");
  EXPECT_EQ(cleanQuantity("less than 3 sq km", "sq km"), "");
  EXPECT_EQ(cleanQuantity("Caribbean Sea 669 km; Gulf of Fonseca 163 km", "km"), "");
  EXPECT_EQ(cleanQuantity("3,000 kmh", "km"), "");
}

TEST(CleanCurrency, GivesTheSingularNameWithoutCode) {
  EXPECT_EQ(
      cleanCurrency("euros (EUR) per US dollar - ++ 0.7489 (2014 est.) ++ 0.7634 (2013 est.)"),
      "euro");
  EXPECT_EQ(cleanCurrency("Algerian dinars (DZD) per US dollar - ++ 79.6 (2014 est.)"),
            "Algerian dinar");
  EXPECT_EQ(cleanCurrency("kwanza (AOA) per US dollar - ++ 98.15 (2014 est.)"), "kwanza");
  EXPECT_EQ(cleanCurrency("North Korean won (KPW) per US dollar (average market rate) ++ 8,000"),
            "North Korean won");
}

TEST(CleanCurrency, HandlesIrregularPluralsAndAlternatives) {
  EXPECT_EQ(cleanCurrency("zlotych (PLN) per US dollar - ++ 3.139"), "zloty");
  EXPECT_EQ(cleanCurrency("lei (RON) per US dollar - ++ 3.3492"), "leu");
  EXPECT_EQ(cleanCurrency("maloti (LSL) per US dollar - ++ 10.6"), "loti");
  EXPECT_EQ(cleanCurrency("quetzales (GTQ) per US dollar - ++ 7.833"), "quetzal");
  EXPECT_EQ(cleanCurrency("Aruban guilders/florins per US dollar - ++ 1.79"),
            "Aruban guilder/florin");
  EXPECT_EQ(cleanCurrency("Tuvaluan dollars or Australian dollars (AUD) per US dollar - ++ 1.098"),
            "Tuvaluan dollar");
}

TEST(CleanCurrency, UsesCommonNamesAndBorrowedCurrencies) {
  EXPECT_EQ(cleanCurrency("Communaute Financiere Africaine francs (XOF) per US dollar - ++ 491.2"),
            "CFA franc");
  EXPECT_EQ(cleanCurrency("Cooperation Financiere en Afrique Centrale francs (XAF) per US dollar"),
            "CFA franc");
  EXPECT_EQ(cleanCurrency("NZ dollars (NZD) per US dollar - ++ 1.206"), "New Zealand dollar");
  EXPECT_EQ(cleanCurrency("the US dollar is used"), "US dollar");
  EXPECT_EQ(cleanCurrency("the US dollar became Ecuador's currency in 2001"), "US dollar");
  EXPECT_EQ(cleanCurrency("uses the euro"), "euro");
  EXPECT_EQ(cleanCurrency("see entry for West Bank"), "");
}

TEST(CleanLanguages, ListsTheOfficialLanguages) {
  EXPECT_EQ(cleanLanguages("French (official) 100%, rapidly declining regional dialects and "
                           "languages (Provencal, Breton, Alsatian, Corsican, Catalan, Basque, "
                           "Flemish)"),
            "French");
  EXPECT_EQ(cleanLanguages("Dutch (official) 60%, French (official) 40%, German (official) less "
                           "than 1%"),
            "Dutch, French and German");
  EXPECT_EQ(cleanLanguages("Spanish (Castilian) 93% (official), Quechua 4.1%, other indigenous "
                           "0.7%, foreign 2.2%"),
            "Spanish");
  EXPECT_EQ(cleanLanguages("English (de facto official) 89.8%, Maori (de jure official) 3.5%, "
                           "Samoan 2%"),
            "English and Maori");
  EXPECT_EQ(cleanLanguages("Filipino (official; based on Tagalog) and English (official); eight "
                           "major dialects - Tagalog, Cebuano"),
            "Filipino and English");
  EXPECT_EQ(cleanLanguages("Kiswahili or Swahili (official), Kiunguja (name for Swahili in "
                           "Zanzibar), English (official, primary language of commerce)"),
            "Kiswahili and English");
}

TEST(CleanLanguages, LeavesOutRegionalOfficialLanguages) {
  EXPECT_EQ(cleanLanguages("German (official nationwide) 88.6%, Turkish 2.3%, Croatian (official "
                           "in Burgenland) 1.6%"),
            "German");
  EXPECT_EQ(cleanLanguages("Slovenian (official) 91.1%, Serbo-Croatian 4.5%, Italian (official, "
                           "only in municipalities where Italian national communities reside)"),
            "Slovenian");
  EXPECT_EQ(cleanLanguages("Oromo (official working language in the State of Oromiya) 33.8%, "
                           "Amharic (official national language) 29.3%, Somali (official working "
                           "language of the State of Sumale) 6.2%"),
            "Amharic");
}

TEST(CleanLanguages, FallsBackToTheFirstLanguageListed) {
  EXPECT_EQ(cleanLanguages("English 79.2%, Spanish 12.9%, other Indo-European 3.8% (2011 est.)"),
            "English");
  EXPECT_EQ(cleanLanguages("Spanish only 92.7%, Spanish and indigenous languages 5.7%"), "Spanish");
  EXPECT_EQ(cleanLanguages("Japanese"), "Japanese");
  EXPECT_EQ(cleanLanguages(""), "");
}

TEST(CleanGovernment, KeepsTheFormWithoutQualifications) {
  EXPECT_EQ(cleanGovernment("republic"), "republic");
  EXPECT_EQ(cleanGovernment("republic; multiparty presidential regime"), "republic");
  EXPECT_EQ(cleanGovernment("constitutional monarchy with a parliamentary system of government "
                            "and a Commonwealth realm"),
            "constitutional monarchy");
  EXPECT_EQ(cleanGovernment("a parliamentary government with a constitutional monarchy"),
            "parliamentary government");
  EXPECT_EQ(cleanGovernment("republic in name, although in fact an authoritarian system"),
            "republic");
  EXPECT_EQ(cleanGovernment("NA"), "");
  EXPECT_EQ(cleanGovernment("in the process of building a federal parliamentary republic under a "
                            "provisional constitution adopted in 2012"),
            "");
}

TEST(CleanIndependence, KeepsTheLeadingDateOrYear) {
  EXPECT_EQ(cleanIndependence("5 July 1962 (from France)"), "5 July 1962");
  EXPECT_EQ(cleanIndependence("4 July 1776 (declared); 3 September 1783 (recognized by Great "
                              "Britain)"),
            "4 July 1776");
  EXPECT_EQ(
      cleanIndependence("1278 (formed under the joint sovereignty of the French Count of Foix "
                        "and the Spanish Bishop of Urgell)"),
      "1278");
  EXPECT_EQ(cleanIndependence("3 September 301 (traditional founding date)"), "3 September 301");
  EXPECT_EQ(cleanIndependence("none (overseas territory of the UK)"), "");
  EXPECT_EQ(cleanIndependence("no official date of independence: 486 (Frankish tribes unified)"),
            "");
  EXPECT_EQ(cleanIndependence("ca. 965 (unified and Christianized under HARALD I Gormson)"), "");
}

TEST(CleanHighestPoint, SplitsNameAndElevation) {
  const HighestPoint blanc = cleanHighestPoint("Mont Blanc 4,807 m");
  EXPECT_EQ(blanc.name, "Mont Blanc");
  EXPECT_EQ(blanc.elevation, "4,807 m");
  const HighestPoint kilimanjaro =
      cleanHighestPoint("Kilimanjaro 5,895 m (highest point in Africa)");
  EXPECT_EQ(kilimanjaro.name, "Kilimanjaro");
  EXPECT_EQ(kilimanjaro.elevation, "5,895 m");
  const HighestPoint k2 = cleanHighestPoint("K2 (Mt. Godwin-Austen) 8,611 m");
  EXPECT_EQ(k2.name, "K2");
  EXPECT_EQ(k2.elevation, "8,611 m");
  EXPECT_EQ(cleanHighestPoint("Mt. Christoffel 372m").elevation, "372 m");
  const HighestPoint first = cleanHighestPoint(
      "Queen Mary's Peak on Tristan da Cunha 2,060 m; Green Mountain on Ascension Island 859 m");
  EXPECT_EQ(first.name, "Queen Mary's Peak on Tristan da Cunha");
  EXPECT_EQ(first.elevation, "2,060 m");
}

TEST(CleanHighestPoint, LeavesUnnamedPointsWithoutName) {
  const HighestPoint unnamed = cleanHighestPoint("unnamed elevation 53 m");
  EXPECT_EQ(unnamed.name, "");
  EXPECT_EQ(unnamed.elevation, "53 m");
  const HighestPoint sentence = cleanHighestPoint(
      "Soufriere Hills volcano pre-eruption height was 915 m; current lava dome is subject to "
      "periodic build up and collapse");
  EXPECT_EQ(sentence.name, "");
  EXPECT_EQ(sentence.elevation, "915 m");
  EXPECT_EQ(cleanHighestPoint("NA").elevation, "");
}

TEST(CleanNationalHoliday, KeepsNameAndDay) {
  EXPECT_EQ(cleanNationalHoliday("Fete de la Federation, 14 July (1790); note - although often "
                                 "incorrectly referred to as Bastille Day"),
            "Fete de la Federation, 14 July");
  EXPECT_EQ(cleanNationalHoliday("Europe Day (also known as Schuman Day) 9 May (1950)"),
            "Europe Day, 9 May");
  EXPECT_EQ(cleanNationalHoliday("National Day, the anniversary of the founding of the People's "
                                 "Republic of China, 1 October (1949)"),
            "National Day, 1 October");
  EXPECT_EQ(cleanNationalHoliday("Republic Day, July 14 (1958); note - the Government of Iraq"),
            "Republic Day, 14 July");
  EXPECT_EQ(cleanNationalHoliday("Constitution Day, first Monday in July"), "");
  EXPECT_EQ(cleanNationalHoliday("21 July (1831) ascension to the Throne of King LEOPOLD I"), "");
}

TEST(CleanHeadOfState, KeepsTitleAndName) {
  EXPECT_EQ(cleanHeadOfState("President Francois HOLLANDE (since 15 May 2012)"),
            "President Francois HOLLANDE");
  EXPECT_EQ(cleanHeadOfState("Queen ELIZABETH II (since 6 February 1952); represented by Governor "
                             "General Sir Peter COSGROVE"),
            "Queen ELIZABETH II");
  EXPECT_EQ(cleanHeadOfState("President Brig. Gen. (Ret.) Teodoro Obiang NGUEMA MGASOGO (since 3 "
                             "August 1979)"),
            "President Brig. Gen. Teodoro Obiang NGUEMA MGASOGO");
  EXPECT_EQ(cleanHeadOfState("President Idriss DEBY Itno, Lt. Gen. (since 4 December 1990)"),
            "President Idriss DEBY Itno");
  EXPECT_EQ(cleanHeadOfState("President (vacant); note - President Michel SULAYMAN's term expired"),
            "");
}

TEST(CleanInternetCode, KeepsTheFirstCode) {
  EXPECT_EQ(cleanInternetCode(".dz"), ".dz");
  EXPECT_EQ(cleanInternetCode("metropolitan France - .fr; French Guiana - .gf; Guadeloupe - .gp"),
            ".fr");
  EXPECT_EQ(cleanInternetCode(".eu; note - see country entries of member states"), ".eu");
  EXPECT_EQ(cleanInternetCode("none"), "");
}

TEST(CleanGdpPerCapita, KeepsTheLatestFigure) {
  EXPECT_EQ(cleanGdpPerCapita("$40,400 (2014 est.) ++ $40,200 (2013 est.) ++ $40,100 (2012 est.)"),
            "$40,400");
  EXPECT_EQ(cleanGdpPerCapita("$5,000 (2005 est.)"), "$5,000");
  EXPECT_EQ(cleanGdpPerCapita("NA"), "");
}

TEST(CleanDescription, KeepsTheFirstClauseWithoutRemarks) {
  EXPECT_EQ(
      cleanDescription("tropical; rainy season (March to June); dry season (June to October)"),
      "tropical");
  EXPECT_EQ(cleanDescription("rugged Andes Mountains with a highland plateau (altiplano), hills, "
                             "lowland plains of the Amazon Basin"),
            "rugged Andes Mountains with a highland plateau, hills, lowland plains of the Amazon "
            "Basin");
  const std::string long_clause =
      "one two three four five six seven eight nine ten, eleven twelve thirteen fourteen fifteen "
      "sixteen seventeen eighteen nineteen twenty, twenty-one twenty-two twenty-three twenty-four "
      "twenty-five twenty-six twenty-seven twenty-eight twenty-nine thirty thirty-one thirty-two";
  EXPECT_EQ(cleanDescription(long_clause),
            "one two three four five six seven eight nine ten, eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen twenty");
  EXPECT_EQ(cleanDescription("NA"), "");
}

TEST(Cleaning, CollapsesWhitespace) {
  EXPECT_EQ(cleanCapital("  Port  of\tSpain \n"), "Port of Spain");
  EXPECT_EQ(cleanPopulation(" 1,222,363  (July 2015 est.)"), "1,222,363");
}

}  // namespace
}  // namespace frontseat
