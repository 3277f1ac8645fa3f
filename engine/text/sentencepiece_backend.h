// The boundary to the SentencePiece library. Debian's libsentencepiece carries its
// own copy of protobuf-lite with exported symbols, which collide with the
// libprotobuf that LibTorch loads: in one process with both, protobuf's start-up
// code runs into SentencePiece's copy and crashes. So everything that touches
// SentencePiece lives in a separate module, loaded on first use with
// RTLD_LOCAL | RTLD_DEEPBIND (sentencepiece_module.cpp), and reached only through
// this interface of plain types. No exceptions cross it: errors are strings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace frontseat {

struct TokenSpan;

class SentencePieceModel {
 public:
  virtual ~SentencePieceModel() = default;
  // False with *error set when `serialized` is not a SentencePiece model.
  virtual bool load(const std::string& serialized, std::string* error) = 0;
  virtual int32_t pieceSize() const = 0;
  virtual int32_t padId() const = 0;
  virtual int32_t eosId() const = 0;
  virtual int32_t unkId() const = 0;
  virtual bool isControl(int32_t id) const = 0;
  virtual std::string idToPiece(int32_t id) const = 0;
  virtual int32_t pieceToId(std::string_view piece) const = 0;
  virtual bool encode(std::string_view text, std::vector<int32_t>* ids, std::string* error) const = 0;
  virtual bool encodeWithSpans(std::string_view text, std::vector<TokenSpan>* spans, std::string* error) const = 0;
  virtual bool decode(const std::vector<int32_t>& ids, std::string* text, std::string* error) const = 0;
};

// Entry points the module exports (extern "C", looked up with dlsym).
using CreateSentencePieceModelFn = SentencePieceModel* (*)();
// Trains from the lines of `files` with SentencePiece trainer flags `options`.
using TrainSentencePieceFn = bool (*)(const std::vector<std::pair<std::string, std::string>>& options,
                                      const std::vector<std::string>& files, std::string* error);

inline constexpr const char* kCreateSentencePieceModelSymbol = "frontseat_create_sentencepiece_model";
inline constexpr const char* kTrainSentencePieceSymbol = "frontseat_train_sentencepiece";

}  // namespace frontseat
