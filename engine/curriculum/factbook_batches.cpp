#include "engine/curriculum/factbook_batches.h"

#include <algorithm>
#include <cmath>

#include "engine/data/factbook_tasks.h"
#include "engine/curriculum/example_tokenizer.h"

namespace frontseat::train {

FactbookBatches::FactbookBatches(const std::vector<CountryFacts>& countries, const Tokenizer& tokenizer,
                                 CurriculumOptions options)
    : train_(countriesInSplit(countries, /*held_out=*/false)), tokenizer_(tokenizer), options_(options) {}

bool FactbookBatches::mixedExcerptStep(int64_t step) const {
  if (step < options_.excerpt_steps || options_.mixed_excerpt_share <= 0) return false;
  // Step k is one when floor(k * share) grows at it: the share, spread evenly.
  const double share = std::min(1.0, options_.mixed_excerpt_share);
  return std::floor(static_cast<double>(step + 1) * share) > std::floor(static_cast<double>(step) * share);
}

size_t FactbookBatches::excerptLines(int64_t step) const {
  if (mixedExcerptStep(step)) return 3;
  if (step >= options_.excerpt_steps) return 0;
  constexpr double kFirst = 3, kLast = 24;
  // Lines of each country's excerpt; all countries' together stay under
  // kMostLines, so that full attention over them stays cheap.
  constexpr double kMostLines = 24;
  const double lines =
      kFirst + (kLast - kFirst) * static_cast<double>(step) / static_cast<double>(options_.excerpt_steps);
  return static_cast<size_t>(
      std::max(kFirst, std::min(lines, kMostLines / static_cast<double>(excerptCountries(step)))));
}

size_t FactbookBatches::excerptCountries(int64_t step) const {
  if (mixedExcerptStep(step)) return std::max<size_t>(1, options_.excerpt_countries);
  if (step >= options_.excerpt_steps || options_.excerpt_countries <= 1) return 1;
  // One country for the first half: a model first learns to read the field
  // asked about; telling countries apart only pays once it does.
  const double t = 2.0 * static_cast<double>(step) / static_cast<double>(options_.excerpt_steps) - 1.0;
  if (t < 0) return 1;
  return 1 + static_cast<size_t>(t * static_cast<double>(options_.excerpt_countries));
}

size_t FactbookBatches::documentBytes(int64_t step) const {
  const double ramp_start = static_cast<double>(options_.excerpt_steps);
  const double ramp_end = std::max(ramp_start + 1, 0.8 * static_cast<double>(options_.steps));
  const double t = std::clamp((static_cast<double>(step) - ramp_start) / (ramp_end - ramp_start), 0.0, 1.0);
  return static_cast<size_t>(options_.start_bytes + t * (options_.end_bytes - options_.start_bytes));
}

std::vector<TrainingExample> FactbookBatches::batch(int64_t step) const {
  TaskOptions tasks;
  tasks.seed = options_.seed * 1000003u + static_cast<uint64_t>(step);
  tasks.pool = train_;
  tasks.fillers = train_;
  tasks.target_bytes = documentBytes(step);
  tasks.counterfactual_rate = options_.counterfactual_rate;
  tasks.invented_rate = options_.invented_rate;
  tasks.augment_rate = options_.augment_rate;
  tasks.invented_name_rate = options_.invented_name_rate;
  tasks.title_rate = options_.title_rate;
  tasks.excerpt_lines = excerptLines(step);
  tasks.excerpt_countries = excerptCountries(step);
  tasks.summary_rate = tasks.excerpt_lines > 0 ? 0.0 : options_.summary_rate;
  // Summaries of several profiles only once questions' documents are as long:
  // a batch is padded to its longest input, and attention grows with its square.
  tasks.max_summary_profiles = std::max<size_t>(1, tasks.target_bytes / 1800);
  FactbookTasks generator(tasks);
  std::vector<TrainingExample> out;
  out.reserve(static_cast<size_t>(options_.batch_size));
  for (int64_t i = 0; i < options_.batch_size; ++i) {
    out.push_back(tokenizeExample(tokenizer_, generator.next(), options_.max_input_tokens));
  }
  return out;
}

}  // namespace frontseat::train
