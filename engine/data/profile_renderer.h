// Country facts as text: the readable profile that the training documents are
// made of, and the short key-facts summary that is the target of the
// `summarize:` task. Both are pure functions of the facts, so a document with a
// replaced (counterfactual) value is the profile of the changed facts. Plain C++.
#pragma once

#include <string>

#include "engine/data/factbook.h"

namespace frontseat {

// The country's name as it reads inside a sentence: "France", "the United
// States", "the Netherlands", "The Gambia" (the Factbook's own "The" stays).
std::string nameInSentence(const CountryFacts& country);

// A title line ("France (French Republic)"), then four sections, "Geography of
// France", "People of France", "Government of France" and "Economy of France",
// each a heading, a few sentences of prose built from the facts and
// "Field of <country>: value" lines ("Capital of France: Paris"). Every
// heading, sentence and line names the country
// (nameInSentence; capitalized at the start of a sentence), so
// any part of a long document says whose facts it holds. Facts the country
// lacks are left out. About 150 to 350 words; ends with a newline.
std::string renderProfile(const CountryFacts& country);

// The key facts in one line, in this fixed order and format:
//   "France: capital Paris; population 66,553,766; area 643,801 sq km;
//    currency euro; languages French."
// (one line; facts the country lacks are left out with their "; ").
std::string renderKeyFacts(const CountryFacts& country);

}  // namespace frontseat
