// The T5 tokenizer: a SentencePiece model (`spiece.model` in a Hugging Face checkpoint
// folder), with byte spans for every token so evidence can be highlighted in the text.
// This header does not include SentencePiece.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace frontseat {

// One token of an encoded text and the bytes of the input it came from.
//
// [begin, end) are byte offsets into the UTF-8 text given to encodeWithSpans(). They
// come from SentencePiece, which maps every piece back to the ORIGINAL (unnormalized)
// input. "Whitespace" below is what T5's normalizer folds into "▁": space, tab, LF,
// CR, FF, and the Unicode spaces NFKC maps to a space (NBSP, U+3000, ...), plus
// U+200B and a literal "▁". What holds (tests/engine/tokenizer_test.cpp checks it on
// hand-written and on random texts with ASCII, accented Latin, CJK, emoji, unknown
// characters, runs of spaces/tabs/newlines/CRLF):
//  1. Spans tile the text: spans[0].begin <= spans[0].end == spans[1].begin <= ... ;
//     they never overlap, never leave a gap between two pieces, and lie within the
//     text. Only whitespace (and ASCII control characters, which the normalizer drops)
//     can lie before the first span or after the last. Offsets never fall inside a
//     UTF-8 character.
//  2. A whitespace run belongs wholly to the piece after it, which starts with "▁":
//     in "a  b" the pieces "▁a", "▁b" cover "a" = [0,1) and "  b" = [1,4). Leading and
//     trailing whitespace of the text belongs to no piece. The first piece's "▁" is
//     SentencePiece's dummy prefix and covers no byte (a lone first "▁" piece has an
//     empty span). A dropped control character belongs to the piece before it (or to
//     the first piece).
//  3. Exact rule, for text that NFKC leaves unchanged and that has no dropped control
//     characters (most text): for every piece i that is not unkId(),
//        piece(id) with each "▁" replaced by " "
//          == (i == 0 ? " " : "") + text.substr(begin, end - begin) with each
//             whitespace run replaced by one " ".
//  4. unkId() pieces: the span is the unknown characters, never empty and never
//     holding whitespace; adjacent unknown characters share one unkId() token
//     ("😀😀" is one token). Ill-formed UTF-8 bytes are read as U+FFFD, unknown to T5.
//  5. NFKC changes ("ﬁ" -> "fi", "ｋａ" -> "ka", "e" + U+0301 -> "é"): a piece covers the
//     original characters it was normalized from. When one character becomes several
//     pieces ("ﬃ" -> "f", "fi"), the last of them covers the whole character and the
//     others get an empty span at its start.
// So to highlight tokens [i, j) of a text, show text[spans[i].begin, spans[j-1].end)
// (trimming leading whitespace if wanted).
struct TokenSpan {
  std::int32_t id;
  std::size_t begin;
  std::size_t end;
};

// A loaded SentencePiece model. Encoding and decoding are const and safe to call from
// several threads at once. Moving leaves the moved-from tokenizer unusable (only
// destruction and assignment are allowed).
class Tokenizer {
 public:
  // Loads a SentencePiece model file (e.g. `spiece.model`). Throws TokenizerError,
  // naming the file, when it is missing, not a file, unreadable, not a SentencePiece
  // model (corrupt or truncated), or has no pad or EOS piece (T5 needs both).
  static Tokenizer load(const std::filesystem::path& spieceModel);

  Tokenizer(Tokenizer&&) noexcept;
  Tokenizer& operator=(Tokenizer&&) noexcept;
  ~Tokenizer();

  // The token ids of `text` (UTF-8), normalized the way the model was trained (T5:
  // NFKC, whitespace runs collapsed, leading/trailing whitespace dropped). No EOS is
  // appended. Empty or whitespace-only text gives no ids. Ill-formed UTF-8 does not
  // throw: each bad byte is read as U+FFFD (which T5 maps to unkId()).
  // Throws TokenizerError for text over 4 GiB (SentencePiece's offsets are 32-bit).
  std::vector<std::int32_t> encode(std::string_view text) const;

  // The same ids as encode(text), each with its byte span in `text` (see TokenSpan).
  std::vector<TokenSpan> encodeWithSpans(std::string_view text) const;

  // The text of `ids`: "▁" becomes a space, the leading space of the text is dropped.
  // Ids of pad and EOS (and of any control piece), and ids outside [0, vocabSize())
  // such as T5's `<extra_id_N>` sentinels (which live above the SentencePiece
  // vocabulary), are skipped. unkId() decodes as SentencePiece renders it: " ⁇ ".
  std::string decode(const std::vector<std::int32_t>& ids) const;

  // The piece of `id` as stored in the model ("▁the", "</s>", "<unk>"); an empty
  // string for an id outside [0, vocabSize()).
  std::string piece(std::int32_t id) const;

  // The id of `piece`, or unkId() when the model has no such piece.
  std::int32_t pieceId(std::string_view piece) const;

  // The number of pieces in the SentencePiece model (32000 for T5; the model's
  // embedding table may be larger, e.g. 32128, for the sentinel ids).
  std::int32_t vocabSize() const;
  std::int32_t padId() const;  // 0 for T5
  std::int32_t eosId() const;  // 1 for T5
  std::int32_t unkId() const;  // 2 for T5

  // The file this tokenizer was loaded from.
  const std::filesystem::path& path() const;

 private:
  struct Impl;
  explicit Tokenizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct TokenizerTrainingOptions {
  std::int32_t vocabSize = 8000;
  std::string modelType = "unigram";  // "unigram", "bpe", "char" or "word"
  double characterCoverage = 0.9995;
  std::int32_t inputSentenceSize = 0;  // lines sampled for training; 0 = all
};

// Trains a T5-style SentencePiece model (pad=0 "<pad>", eos=1 "</s>", unk=2 "<unk>", no
// BOS; T5's "nmt_nfkc" normalization) on the lines of UTF-8 text files and writes
// `<outputPrefix>.model` and `<outputPrefix>.vocab`, creating the parent folder if
// needed. Throws InputError, naming the file, when a text file is missing or
// unreadable, and TokenizerError when training fails (e.g. the text is too small for
// `vocabSize` pieces; the message says so) or the output cannot be written.
void trainTokenizer(const std::vector<std::filesystem::path>& textFiles,
                    const std::filesystem::path& outputPrefix,
                    const TokenizerTrainingOptions& options);

}  // namespace frontseat
