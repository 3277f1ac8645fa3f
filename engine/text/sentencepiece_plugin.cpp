// The only code that calls SentencePiece: built as its own module
// (libfrontseat_sentencepiece.so); see sentencepiece_backend.h for why.
#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

#include <fstream>

#include "engine/text/sentencepiece_backend.h"
#include "engine/text/tokenizer.h"

namespace frontseat {
namespace {

class Model final : public SentencePieceModel {
 public:
  bool load(const std::string& serialized, std::string* error) override {
    const auto status = sp_.LoadFromSerializedProto(serialized);
    if (!status.ok()) *error = status.ToString();
    return status.ok();
  }
  int32_t pieceSize() const override { return sp_.GetPieceSize(); }
  int32_t padId() const override { return sp_.pad_id(); }
  int32_t eosId() const override { return sp_.eos_id(); }
  int32_t unkId() const override { return sp_.unk_id(); }
  bool isControl(int32_t id) const override { return sp_.IsControl(id); }
  std::string idToPiece(int32_t id) const override { return sp_.IdToPiece(id); }
  int32_t pieceToId(std::string_view piece) const override { return sp_.PieceToId(piece); }

  bool encode(std::string_view text, std::vector<int32_t>* ids, std::string* error) const override {
    std::vector<int> out;
    const auto status = sp_.Encode(text, &out);
    if (!status.ok()) *error = status.ToString();
    ids->assign(out.begin(), out.end());
    return status.ok();
  }

  bool encodeWithSpans(std::string_view text, std::vector<TokenSpan>* spans, std::string* error) const override {
    sentencepiece::ImmutableSentencePieceText spt;
    const auto status = sp_.Encode(text, spt.mutable_proto());
    if (!status.ok()) {
      *error = status.ToString();
      return false;
    }
    const size_t n = spt.pieces_size();
    spans->clear();
    spans->reserve(n);
    for (size_t i = 0; i < n; ++i) {
      const auto p = spt.pieces(static_cast<int>(i));
      spans->push_back(TokenSpan{static_cast<int32_t>(p.id()), p.begin(), p.end()});
    }
    return true;
  }

  bool decode(const std::vector<int32_t>& ids, std::string* text, std::string* error) const override {
    const std::vector<int> in(ids.begin(), ids.end());
    const auto status = sp_.Decode(in, text);
    if (!status.ok()) *error = status.ToString();
    return status.ok();
  }

 private:
  sentencepiece::SentencePieceProcessor sp_;
};

// Feeds SentencePiece the lines of the training files (so file names may contain
// commas, which its "input" flag would split on). Lines longer than its
// max_sentence_length (4192 bytes) are fed in pieces: SentencePiece would skip
// them with a warning, and that warning crashes it when loaded as this module.
class FileLineIterator : public sentencepiece::SentenceIterator {
 public:
  static constexpr size_t kMaxLineBytes = 4000;

  explicit FileLineIterator(const std::vector<std::string>& files) : files_(files) { Next(); }
  bool done() const override { return done_; }
  void Next() override {
    if (!rest_.empty()) {
      takePiece();
      return;
    }
    while (true) {
      if (file_.is_open() && std::getline(file_, rest_)) {
        if (!rest_.empty() && rest_.back() == '\r') rest_.pop_back();
        if (first_line_ && rest_.compare(0, 3, "\xEF\xBB\xBF") == 0) rest_.erase(0, 3);
        first_line_ = false;
        takePiece();
        return;
      }
      if (file_.is_open() && file_.bad()) {
        status_ = sentencepiece::util::Status(sentencepiece::util::StatusCode::kDataLoss,
                                              "read error in '" + files_[index_ - 1] + "'");
        done_ = true;
        return;
      }
      if (!openNext()) {
        done_ = true;
        return;
      }
    }
  }
  const std::string& value() const override { return line_; }
  sentencepiece::util::Status status() const override { return status_; }

 private:
  // Moves the next piece of rest_ (all of it when short) into line_, cut at a
  // space, else at a UTF-8 character boundary.
  void takePiece() {
    if (rest_.size() <= kMaxLineBytes) {
      line_ = std::move(rest_);
      rest_.clear();
      return;
    }
    size_t cut = rest_.rfind(' ', kMaxLineBytes);
    if (cut == std::string::npos || cut == 0) {
      cut = kMaxLineBytes;
      while (cut > 0 && (static_cast<unsigned char>(rest_[cut]) & 0xC0) == 0x80) --cut;
      if (cut == 0) cut = kMaxLineBytes;  // not UTF-8: any cut will do
    }
    line_ = rest_.substr(0, cut);
    rest_.erase(0, cut + (rest_[cut] == ' ' ? 1 : 0));
  }

  bool openNext() {
    file_.close();
    file_.clear();
    if (index_ >= files_.size()) return false;
    file_.open(files_[index_++], std::ios::binary);
    if (!file_.is_open()) {
      status_ = sentencepiece::util::Status(sentencepiece::util::StatusCode::kNotFound,
                                            "cannot open '" + files_[index_ - 1] + "'");
      return false;
    }
    first_line_ = true;
    return true;
  }

  const std::vector<std::string>& files_;
  size_t index_ = 0;
  std::ifstream file_;
  std::string line_;
  std::string rest_;  // what is left of the current file line
  bool done_ = false;
  bool first_line_ = false;
  sentencepiece::util::Status status_;
};

}  // namespace
}  // namespace frontseat

extern "C" __attribute__((visibility("default"))) frontseat::SentencePieceModel* frontseat_create_sentencepiece_model() {
  return new frontseat::Model();
}

extern "C" __attribute__((visibility("default"))) bool frontseat_train_sentencepiece(
    const std::vector<std::pair<std::string, std::string>>& options, const std::vector<std::string>& files,
    std::string* error) {
  const std::unordered_map<std::string, std::string> kwargs(options.begin(), options.end());
  frontseat::FileLineIterator lines(files);
  const auto status = sentencepiece::SentencePieceTrainer::Train(kwargs, &lines);
  if (!status.ok()) *error = status.ToString();
  return status.ok();
}
