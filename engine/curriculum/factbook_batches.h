// Turns Factbook tasks into tokenized training examples: the question (and the
// prompt's own words) as VIP tokens, the document after it, the answer or
// summary as the decoder target. Batches are a function of the step, so a
// resumed run sees the same data, and documents grow over the run (short ones
// first teach reading a profile; long ones teach finding it among many).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/data/factbook.h"
#include "engine/data/text_example.h"
#include "engine/text/tokenizer.h"
#include "engine/curriculum/example_tokenizer.h"

namespace frontseat::train {

struct CurriculumOptions {
  uint64_t seed = 1;
  int64_t steps = 1000;            // of the run; the schedule of lengths follows it
  int64_t batch_size = 8;
  // Questions' documents are first excerpts of one profile, growing from 3 to
  // 24 lines over these steps (summaries start after them); then whole
  // documents, growing from start_bytes to end_bytes until 80% of the run.
  int64_t excerpt_steps = 0;
  // Excerpts are among other countries' excerpts of the same kinds of lines:
  // one country (none) for the first half of the excerpt steps, then up to
  // this many at their end; all countries' lines together stay under 24.
  size_t excerpt_countries = 1;
  // After the excerpt steps, this share of the steps (spread evenly) still
  // reads excerpts: of excerpt_countries countries, 3 lines each (the title and
  // the lines that hold the answer, or the same kinds of lines). Telling the
  // country asked about among many is far cheaper to learn on them than on
  // whole documents, which teach reading at length.
  double mixed_excerpt_share = 0;
  size_t start_bytes = 1500;       // document length when excerpts end (about one profile)
  size_t end_bytes = 6000;         // document length from 80% of the run on
  int64_t max_input_tokens = 2048; // longer inputs are cut at the end of the document
  double counterfactual_rate = 0.5;
  double augment_rate = 0.0;        // every other value replaced likewise (TaskOptions)
  double invented_rate = 0.0;       // of counterfactual values, made up (TaskOptions)
  double invented_name_rate = 0.0;  // countries asked about renamed (TaskOptions)
  double summary_rate = 0.1;
  double title_rate = 0.0;          // documents opened by a title line (TaskOptions)
};

class FactbookBatches {
 public:
  // `countries` must outlive the batches; training uses the countries that are
  // not held out, as questions and as fillers.
  FactbookBatches(const std::vector<CountryFacts>& countries, const Tokenizer& tokenizer, CurriculumOptions options);
  std::vector<TrainingExample> batch(int64_t step) const;
  size_t documentBytes(int64_t step) const;
  // The excerpt lines of this step's questions, 0 once documents are whole.
  size_t excerptLines(int64_t step) const;
  // The countries in this step's excerpt documents.
  size_t excerptCountries(int64_t step) const;
  // Whether this step comes after the excerpt steps and still reads excerpts.
  bool mixedExcerptStep(int64_t step) const;

 private:
  std::vector<const CountryFacts*> train_;
  const Tokenizer& tokenizer_;
  CurriculumOptions options_;
};

}  // namespace frontseat::train
