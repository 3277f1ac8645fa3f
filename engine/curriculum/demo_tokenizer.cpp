#include "engine/curriculum/demo_tokenizer.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/core/errors.h"
#include "engine/data/factbook_tasks.h"
#include "engine/data/profile_renderer.h"
#include "engine/text/tokenizer.h"

namespace fs = std::filesystem;

namespace frontseat {

namespace {

// Every "text" string of a Factbook country file, one per line.
void writeFactbookTexts(const nlohmann::json& node, std::ostream& out) {
  if (!node.is_object()) return;
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (it.key() == "text" && it.value().is_string()) {
      out << it.value().get_ref<const std::string&>() << "\n";
    } else {
      writeFactbookTexts(it.value(), out);
    }
  }
}

// The rendered profiles alone are too little text for 8K unigram pieces: the
// whole entries come too.
void writeTokenizerCorpus(const std::vector<CountryFacts>& countries, const fs::path& factbook,
                          const fs::path& file) {
  std::ofstream out(file);
  const auto train = countriesInSplit(countries, false);
  for (const auto* c : train) {
    out << renderProfile(*c) << "\n" << renderKeyFacts(*c) << "\n";
    for (const auto& region : fs::directory_iterator(factbook)) {
      const auto entry = region.path() / (c->code + ".json");
      if (!region.is_directory() || !fs::exists(entry)) continue;
      std::ifstream in(entry);
      writeFactbookTexts(nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false), out);
    }
  }
  TaskOptions options;
  options.seed = 99;
  options.pool = train;
  options.fillers = train;
  options.target_bytes = 1;
  options.counterfactual_rate = 0.5;
  FactbookTasks tasks(options);
  for (int i = 0; i < 4000; ++i) {
    const auto example = tasks.makeQuestion();
    out << example.question << "\n" << example.target << "\n";
  }
  if (!out) throw IoError("cannot write " + file.string());
}

}  // namespace

void trainDemoTokenizer(const std::vector<CountryFacts>& countries, const fs::path& factbook, const fs::path& out_dir,
                        int vocab) {
  const auto corpus = out_dir / "tokenizer-corpus.txt";
  writeTokenizerCorpus(countries, factbook, corpus);
  TokenizerTrainingOptions options;
  options.vocabSize = vocab;
  // SentencePiece's default (0.9995) dropped "Q" and "X" from the Factbook's
  // characters: "Queen ELIZABETH II" came back as " ⁇ ueen ELIZABETH II".
  options.characterCoverage = 1.0;
  trainTokenizer({corpus}, out_dir / "spiece", options);
  fs::remove(out_dir / "spiece.vocab");
}

}  // namespace frontseat
