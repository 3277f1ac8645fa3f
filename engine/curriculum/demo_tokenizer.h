// The demo model's tokenizer: a SentencePiece unigram model trained on the
// training countries' Factbook text (never the held-out ones).
#pragma once

#include <filesystem>
#include <vector>

#include "engine/data/factbook.h"

namespace frontseat {

// Writes `out_dir`/tokenizer-corpus.txt (the training countries' whole Factbook
// entries, their profiles, key facts, and questions and answers in all their
// phrasings) and trains `out_dir`/spiece.model on it with `vocab` pieces.
// Every character of the corpus gets a piece, however rare: a value holding a
// dropped one ("Queen", "ALEXANDER") could never be answered. `factbook` is the
// unpacked package (one folder per region). Throws IoError or TokenizerError.
void trainDemoTokenizer(const std::vector<CountryFacts>& countries, const std::filesystem::path& factbook,
                        const std::filesystem::path& out_dir, int vocab);

}  // namespace frontseat
