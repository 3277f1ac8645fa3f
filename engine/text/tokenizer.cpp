#include "engine/text/tokenizer.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <utility>

#include "engine/core/errors.h"
#include "engine/text/sentencepiece_module.h"

namespace frontseat {

namespace fs = std::filesystem;

namespace {

std::string inQuotes(const fs::path& p) { return "'" + p.string() + "'"; }

void checkEncodable(std::string_view text) {
  if (text.size() > std::numeric_limits<std::uint32_t>::max()) {
    throw TokenizerError("Cannot tokenize a text of " + std::to_string(text.size()) +
                         " bytes: the tokenizer handles at most 4 GiB at a time.");
  }
}

}  // namespace

struct Tokenizer::Impl {
  std::unique_ptr<SentencePieceModel> sp;
  fs::path path;
  std::int32_t vocabSize = 0;
  std::int32_t pad = -1;
  std::int32_t eos = -1;
  std::int32_t unk = -1;
};

Tokenizer::Tokenizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;
Tokenizer::~Tokenizer() = default;

Tokenizer Tokenizer::load(const fs::path& spieceModel) {
  const std::string where = "Cannot load the tokenizer " + inQuotes(spieceModel) + ": ";
  std::error_code ec;
  const auto st = fs::status(spieceModel, ec);
  if (!fs::exists(st)) {
    if (ec && ec != std::errc::no_such_file_or_directory) {
      throw TokenizerError(where + ec.message() + ".");
    }
    throw TokenizerError(where + "the file does not exist.");
  }
  if (fs::is_directory(st)) {
    throw TokenizerError(where + "it is a folder; expected a SentencePiece model file "
                                 "such as spiece.model.");
  }
  if (!fs::is_regular_file(st)) throw TokenizerError(where + "it is not a regular file.");

  // Read the bytes ourselves so that I/O errors get an errno-based message and
  // SentencePiece only ever sees the bytes.
  std::string bytes;
  {
    std::FILE* f = std::fopen(spieceModel.c_str(), "rb");
    if (!f) throw TokenizerError(where + std::strerror(errno) + ".");
    char buffer[1 << 16];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) bytes.append(buffer, n);
    const bool failed = std::ferror(f) != 0;
    const int err = errno;
    std::fclose(f);
    if (failed) throw TokenizerError(where + "read error: " + std::strerror(err) + ".");
  }
  if (bytes.empty()) throw TokenizerError(where + "the file is empty.");

  auto impl = std::make_unique<Impl>();
  impl->path = spieceModel;
  impl->sp.reset(sentencePieceModule().create());
  std::string error;
  const bool ok = impl->sp->load(bytes, &error);
  if (!ok || impl->sp->pieceSize() <= 0) {
    throw TokenizerError(where +
                         "it is not a valid SentencePiece model (the file may be corrupt "
                         "or truncated)" +
                         (ok ? std::string(".") : std::string(": ") + error));
  }
  impl->vocabSize = impl->sp->pieceSize();
  impl->pad = impl->sp->padId();
  impl->eos = impl->sp->eosId();
  impl->unk = impl->sp->unkId();
  if (impl->pad < 0 || impl->pad >= impl->vocabSize) {
    throw TokenizerError(where + "the model has no padding piece; T5 needs one (id 0).");
  }
  if (impl->eos < 0 || impl->eos >= impl->vocabSize) {
    throw TokenizerError(where + "the model has no end-of-sequence piece; T5 needs one "
                                 "(id 1).");
  }
  return Tokenizer(std::move(impl));
}

std::vector<std::int32_t> Tokenizer::encode(std::string_view text) const {
  checkEncodable(text);
  std::vector<std::int32_t> ids;
  std::string error;
  if (!impl_->sp->encode(text, &ids, &error)) {
    throw TokenizerError("Tokenizing with " + inQuotes(impl_->path) + " failed: " + error);
  }
  return ids;
}

std::vector<TokenSpan> Tokenizer::encodeWithSpans(std::string_view text) const {
  checkEncodable(text);
  std::vector<TokenSpan> spans;
  std::string error;
  if (!impl_->sp->encodeWithSpans(text, &spans, &error)) {
    throw TokenizerError("Tokenizing with " + inQuotes(impl_->path) + " failed: " + error);
  }
  return spans;
}

std::string Tokenizer::decode(const std::vector<std::int32_t>& ids) const {
  std::vector<std::int32_t> kept;
  kept.reserve(ids.size());
  for (std::int32_t id : ids) {
    if (id < 0 || id >= impl_->vocabSize) continue;
    if (id == impl_->pad || id == impl_->eos) continue;
    if (id != impl_->unk && impl_->sp->isControl(id)) continue;
    kept.push_back(id);
  }
  std::string out;
  std::string error;
  if (!impl_->sp->decode(kept, &out, &error)) {
    throw TokenizerError("Decoding with " + inQuotes(impl_->path) + " failed: " + error);
  }
  return out;
}

std::string Tokenizer::piece(std::int32_t id) const {
  if (id < 0 || id >= impl_->vocabSize) return {};
  return impl_->sp->idToPiece(id);
}

std::int32_t Tokenizer::pieceId(std::string_view piece) const {
  return impl_->sp->pieceToId(piece);
}

std::int32_t Tokenizer::vocabSize() const { return impl_->vocabSize; }
std::int32_t Tokenizer::padId() const { return impl_->pad; }
std::int32_t Tokenizer::eosId() const { return impl_->eos; }
std::int32_t Tokenizer::unkId() const { return impl_->unk; }
const fs::path& Tokenizer::path() const { return impl_->path; }

void trainTokenizer(const std::vector<fs::path>& textFiles, const fs::path& outputPrefix,
                    const TokenizerTrainingOptions& options) {
  if (textFiles.empty()) throw InputError("No text files were given to train a tokenizer on.");
  for (const auto& file : textFiles) {
    std::error_code ec;
    const auto st = fs::status(file, ec);
    if (!fs::exists(st)) {
      throw InputError("Cannot train a tokenizer on " + inQuotes(file) +
                       ": the file does not exist.");
    }
    if (!fs::is_regular_file(st)) {
      throw InputError("Cannot train a tokenizer on " + inQuotes(file) + ": it is not a file.");
    }
    std::ifstream probe(file, std::ios::binary);
    if (!probe) {
      throw InputError("Cannot train a tokenizer on " + inQuotes(file) + ": " +
                       std::strerror(errno) + ".");
    }
  }
  if (options.vocabSize < 4) {
    throw TokenizerError("A tokenizer needs a vocabulary of at least 4 pieces, not " +
                         std::to_string(options.vocabSize) + ".");
  }
  if (outputPrefix.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(outputPrefix.parent_path(), ec);
    if (ec) {
      throw TokenizerError("Cannot create the folder " + inQuotes(outputPrefix.parent_path()) +
                           " for the tokenizer: " + ec.message() + ".");
    }
  }

  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  const std::vector<std::pair<std::string, std::string>> flags = {
      {"model_prefix", outputPrefix.string()},
      {"vocab_size", std::to_string(options.vocabSize)},
      {"model_type", options.modelType},
      {"character_coverage", std::to_string(options.characterCoverage)},
      {"input_sentence_size", std::to_string(options.inputSentenceSize)},
      {"shuffle_input_sentence", "true"},
      {"num_threads", std::to_string(threads)},
      {"normalization_rule_name", "nmt_nfkc"},
      {"pad_id", "0"},
      {"eos_id", "1"},
      {"unk_id", "2"},
      {"bos_id", "-1"},
      {"pad_piece", "<pad>"},
      {"eos_piece", "</s>"},
      {"unk_piece", "<unk>"},
      {"minloglevel", "1"},  // SentencePiece logs every training step at INFO
  };
  const std::vector<std::string> files(textFiles.begin(), textFiles.end());
  std::string error;
  if (!sentencePieceModule().train(flags, files, &error)) {
    throw TokenizerError("Training a tokenizer to " + inQuotes(fs::path(outputPrefix.string() + ".model")) +
                         " failed: " + error);
  }
  if (!fs::exists(outputPrefix.string() + ".model")) {
    throw TokenizerError("Training a tokenizer did not write " +
                         inQuotes(fs::path(outputPrefix.string() + ".model")) + ".");
  }
}

}  // namespace frontseat
