// Training and evaluation examples made from the Factbook: fact questions over
// long documents that concatenate many country profiles, and `summarize:` of a
// few profiles. Deterministic: the same options (seed included) give the same
// examples in the same order, on every platform (the generator draws from
// std::mt19937_64 through its own integer and real mappings, not the
// implementation-defined std distributions). Plain C++.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "engine/data/factbook.h"
#include "engine/data/text_example.h"

namespace frontseat {

// Where a question's document puts the profile of the country asked about:
// anywhere, first, in the middle (its center nearest the document's center) or
// last. The evaluation measures accuracy by position with Start/Middle/End.
enum class EvidencePosition { Random, Start, Middle, End };

struct TaskOptions {
  std::uint64_t seed = 0;
  // The countries questions and summaries are about.
  std::vector<const CountryFacts*> pool;
  // The countries whose profiles pad documents (may overlap `pool`; the country
  // asked about is never used as its own filler). Counterfactual values are
  // drawn from `pool` and `fillers` only, so keeping both on one side of the
  // hold-out keeps the other side's values out of the examples.
  std::vector<const CountryFacts*> fillers;
  // The question documents' length in bytes: profiles are added while the
  // total stays nearer to this than without them (never fewer than the target
  // profile; shorter when the fillers run out).
  std::size_t target_bytes = 16 * 1024;
  // The probability that the value asked about (for a summary: one of its key
  // facts) is replaced in the document and the answer by another country's
  // value or, for figures, by the figure scaled by 0.6-0.9 or 1.1-1.6.
  double counterfactual_rate = 0.0;
  // The probability that each other value of every profile in a document (the
  // target's other fields, and every filler's) is replaced the same way, and
  // that a filler country is renamed at invented_name_rate. Equal to the
  // counterfactual rate, a replaced or invented value tells nothing about which
  // one the question asks for: only reading the question does.
  double augment_rate = 0.0;
  // The share of counterfactual values that are made up rather than another
  // country's: words of invented letters (function words such as "and" kept, case
  // kept), digits drawn at random, figures scaled by 0.05-20. Held-out
  // countries' values hold tokens no training country has; a model that has
  // copied invented ones copies those too, instead of writing a value it knows.
  double invented_rate = 0.0;
  // The probability that the country asked about is renamed, in its profile,
  // the question and the summary, to an invented name: matching the question's
  // country to the document must then work for names never seen.
  double invented_name_rate = 0.0;
  // The probability that next() makes a summary rather than a question.
  double summary_rate = 0.0;
  // The probability that next() opens the document with a title line, such as
  // a user's document has ("Country profiles from the CIA World Factbook"):
  // words of the field names in it must not pull the answer to that field.
  double title_rate = 0.0;
  EvidencePosition position = EvidencePosition::Random;
  // A summary's document holds 1 to this many profiles, the summarized one first.
  std::size_t max_summary_profiles = 3;
  // When not 0, a question's document is an excerpt of the target profile
  // alone: its title line, every line holding the answer, and other lines of it
  // drawn at random up to this many lines, in the profile's order. Training
  // starts on such short inputs: attention learned from scratch over hundreds
  // of tokens gets too little signal from the few that matter.
  std::size_t excerpt_lines = 0;
  // With excerpts: the document also holds excerpts of this many minus one
  // other countries, with the same kinds of lines as the target's (title,
  // the same fields, the same sections' prose), all in random order. They are
  // the hard cases of a long document (the same sentence about another
  // country) without its length, and only the question tells them apart.
  std::size_t excerpt_countries = 1;
};

// The fields questions ask about, e.g. "capital", "population", "currency".
std::vector<std::string> questionFields();

// Pointers to one side of the hold-out (see isHeldOut), in the order given:
// the training countries (held_out = false) or the evaluation countries.
std::vector<const CountryFacts*> countriesInSplit(const std::vector<CountryFacts>& countries,
                                                  bool held_out);

class FactbookTasks {
 public:
  // The countries behind the pointers must outlive the generator. InputError
  // when the pool is empty, a pointer is null or a rate is not in [0, 1].
  explicit FactbookTasks(TaskOptions options);

  // A summary with probability summary_rate, else a question; its document
  // opens with a title line with probability title_rate.
  TextExample next();

  // A question about a random country of the pool and a random field it has,
  // in one of the field's phrasings ("What is the capital of France?"). The
  // target is the field's value; `country` is the country's name, `field` the
  // field's, and `evidence_offset` where the country's profile starts in the
  // document.
  TextExample makeQuestion();
  // The same about a given country and field; InputError when the country
  // lacks that field or the field is not one of questionFields().
  TextExample makeQuestion(const CountryFacts& country, const std::string& field);

  // A `summarize:` example (empty question) about a random country of the pool:
  // its profile first, then up to max_summary_profiles - 1 filler profiles; the
  // target is renderKeyFacts of the country (with the replaced value, when
  // counterfactual).
  TextExample makeSummary();
  TextExample makeSummary(const CountryFacts& country);

 private:
  void maybeAddTitle(TextExample& example);
  // A filler country's profile and the name it shows (maybe invented).
  struct Filler {
    std::string profile, name;
  };
  struct Document {
    std::string text;
    std::size_t evidence_offset = 0, evidence_end = 0;  // the target's part of the text
    // The other countries' parts of the text: [begin, end) bytes and the name each shows.
    struct Other {
      std::size_t begin = 0, end = 0;
      std::string name;
    };
    std::vector<Other> others;
  };
  // `parts` in order, one line apart; part `target_at` is the evidence, the others' names are recorded.
  static Document joinParts(const std::vector<Filler>& parts, std::size_t target_at);
  Document questionDocument(const std::string& target_profile, const std::string& target_code);
  // The title line, every line holding `answer` and random other lines of
  // `profile` up to `lines`, in the profile's order; `kinds` (when given)
  // receives what each kept line is (a field's label, a section's prose, ...).
  std::string excerpt(const std::string& profile, const std::string& answer, std::size_t lines,
                      std::vector<std::string>* kinds = nullptr);
  // The target's excerpt among other countries' excerpts of the same kinds of
  // lines (excerpt_countries).
  Document excerptDocument(const std::string& target_profile, const std::string& answer, const CountryFacts& target);
  // Gives `facts` an invented name with probability invented_name_rate.
  void maybeRename(CountryFacts& facts);
  // Replaces each question field's value but `kept` at augment_rate (see
  // TaskOptions), then maybe renames the country.
  void augment(CountryFacts& facts, const std::string& kept);
  // Filler i's profile: rendered once when nothing is augmented, else augmented anew.
  Filler fillerProfile(std::size_t i);
  // Replaces `field` of `facts` by a counterfactual value; false when there is none.
  bool replaceValue(CountryFacts& facts, const std::string& field);
  std::vector<std::size_t> shuffledFillers(const std::string& excluded_code);

  TaskOptions options_;
  std::mt19937_64 rng_;
  std::vector<std::string> filler_profiles_;        // renderProfile of each filler, computed once
  std::vector<const CountryFacts*> value_sources_;  // pool and fillers, each country once
};

}  // namespace frontseat
