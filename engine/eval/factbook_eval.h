// The demo model's evaluation (issue 5): exact match and token F1 on questions
// about held-out Factbook countries, by document length (in tokens) and by where
// the answer's profile sits (start, middle, end), for VCC, full attention where
// it fits, and truncation to the first 512 tokens (the short-input baseline);
// the same on counterfactual documents; and key-fact precision and recall of
// summaries. Uses the public Engine API, so it measures what users get.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/data/factbook.h"
#include "engine/data/factbook_tasks.h"
#include "engine/runtime/engine.h"

namespace frontseat {

struct FactbookEvalOptions {
  std::vector<int64_t> lengths{4096, 16384, 32768, 65536, 131072};  // input tokens, approximately
  std::vector<EvidencePosition> positions{EvidencePosition::Start, EvidencePosition::Middle,
                                          EvidencePosition::End};
  std::vector<std::string> modes{"vcc", "full", "truncate"};
  int per_cell = 10;                 // questions per (length, position, mode, counterfactual)
  int64_t full_max_tokens = 16384;   // full attention only up to this length (quadratic time)
  int64_t truncate_tokens = 512;     // the truncation baseline's whole input
  bool counterfactual = true;        // also evaluate on counterfactual documents
  // Fill the documents with held-out countries only, as in the sample document:
  // nothing in them was seen in training (by default every country fills).
  bool held_out_fillers = false;
  int summaries = 10;                // summaries to score (0: none)
  int num_beams = 1;                 // beam search width for answers and summaries (1 = greedy)
  int summary_no_repeat_ngram = kSummaryNoRepeatNgram;  // summaries' no_repeat_ngram_size (0: off)
  bool quote_answers = true;         // answers quote the document, as the app's and `ask`'s do
  uint64_t seed = 2024;
  VccOptions vcc;
};

// One question as asked, for reading the errors: what was wanted, what came
// back, and whether a wrong answer stands verbatim in the document (another
// line's value read for the asked one) or not (made up, or cut short), and if
// so whether in the asked country's own part (the wrong line of the right
// country: another field) or elsewhere (another country's value).
struct FactbookEvalAnswer {
  std::string question, field, target, answer;
  bool exact = false, in_document = false, in_asked_profile = false;
};

struct FactbookEvalRow {
  int64_t length = 0;  // the requested length
  std::string position, mode;
  bool counterfactual = false;
  int n = 0;
  double exact_match = 0, f1 = 0;     // means over the n questions
  double input_tokens = 0;            // mean encoder input length
  double seconds = 0;                 // mean encode + decode time
  // VCC rows: the share of questions whose answer, where the asked profile
  // holds it, was at full resolution in the last VCC layer (what the decoder
  // reads it from); -1 for rows that do not compress.
  double evidence_refined = -1;
  // The share of the wrong answers that stand in the document; -1 when none is wrong.
  double wrong_in_document = -1;
  std::vector<FactbookEvalAnswer> answers;
};

// One mode's questions about one field, over every length, position and
// document kind of the rows: which fields the model reads, and whether its
// wrong answers are the asked country's other lines or other countries' values.
struct FactbookFieldRow {
  std::string mode, field;
  int n = 0;
  double exact_match = 0;  // shares of the n questions
  double wrong_in_asked_profile = 0, wrong_elsewhere_in_document = 0, wrong_not_in_document = 0;
};

// The rows' answers by mode (in the rows' order) and field (questionFields()'
// order, fields it does not list after them by name).
std::vector<FactbookFieldRow> fieldBreakdown(const std::vector<FactbookEvalRow>& rows);

struct FactbookSummaryRow {
  int n = 0;
  double precision = 0, recall = 0;  // of the key facts, means over the n summaries
};

struct FactbookEvalReport {
  std::vector<FactbookEvalRow> rows;
  FactbookSummaryRow summaries;
};

// Key facts of a summary in renderKeyFacts' format ("France: capital Paris;
// population 66,553,766; ..."), normalized for comparison.
std::vector<std::string> summaryKeyFacts(const std::string& summary);

// The countries whose profiles fill the documents around the asked one: every
// country, or the held-out ones only (FactbookEvalOptions::held_out_fillers).
std::vector<const CountryFacts*> fillerCountries(const std::vector<CountryFacts>& countries, bool held_out_only);

// Whether a wrong answer stands in the document as a whole value, not inside a
// longer word or number ("0 km" is not in "19,924 km"): another line's value
// read for the asked one, rather than one made up or cut short.
bool standsInDocument(const std::string& answer, const std::string& document);

// `log` hears one line per finished row (progress for long runs).
FactbookEvalReport evaluateFactbook(Engine& engine, const std::vector<CountryFacts>& countries,
                                    const FactbookEvalOptions& options,
                                    const std::function<void(const std::string&)>& log = nullptr);

std::string positionName(EvidencePosition position);

}  // namespace frontseat
