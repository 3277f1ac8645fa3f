// Tests of the SentencePiece tokenizer (engine/text/tokenizer.h). A tiny T5-style model
// is trained once, in the test, from a generated corpus (about 0.1 s).
#include "engine/text/tokenizer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "engine/core/errors.h"
#include "tests/engine/test_paths.h"

namespace frontseat {
namespace {

namespace fs = std::filesystem;

constexpr std::int32_t kVocab = 300;

// Words made of Latin syllables (some accented) plus a few fixed words, CJK included,
// so the model has multi-letter pieces and multibyte characters.
std::string makeCorpus() {
  const char* syllables[] = {"ka", "ri", "to", "na", "me", "su", "lo", "pe", "an", "er",
                             "in", "on", "th", "qu", "st", "ch", "sh", "ve", "ze", "ba",
                             "do", "fi", "gu", "hy", "ja", "ko", "lu", "mi", "no", "pu",
                             "ra", "se", "ti", "vo", "wa", "xe", "yo", "zu", "é", "è",
                             "ü", "ö", "ñ", "ç"};
  const char* fixed[] = {"the", "quick", "brown", "fox", "hello", "world", "café", "naïve",
                         "東京", "日本", "中文", "字", "42", "2024"};
  const char* ends[] = {".", "!", "?", ",", ""};
  std::mt19937 rng(7);
  std::vector<std::string> words;
  for (int w = 0; w < 600; ++w) {
    std::string word;
    const int n = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < n; ++k) word += syllables[rng() % std::size(syllables)];
    words.push_back(word);
  }
  for (const char* f : fixed) words.push_back(f);
  std::string corpus;
  for (int line = 0; line < 300; ++line) {
    const int n = 3 + static_cast<int>(rng() % 13);
    for (int k = 0; k < n; ++k) {
      if (k > 0) corpus += ' ';
      corpus += words[rng() % words.size()];
    }
    corpus += ends[rng() % std::size(ends)];
    corpus += '\n';
  }
  return corpus;
}

void writeFile(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Removes the model's folder when the test program exits.
struct RemoveOnExit {
  fs::path dir;
  ~RemoveOnExit() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

struct TinyModel {
  RemoveOnExit cleanup;
  fs::path dir;
  fs::path corpusPath;
  fs::path modelPath;
  std::string corpus;
  Tokenizer tokenizer;
};

TinyModel makeTinyModel() {
  // One folder per process: ctest may run the tests of this file in parallel.
  const auto dir = testing::scratchDir("tokenizer_tiny_model_" + std::to_string(::getpid()));
  const auto corpusPath = dir / "corpus, with a comma.txt";
  std::string corpus = makeCorpus();
  writeFile(corpusPath, corpus);
  TokenizerTrainingOptions options;
  options.vocabSize = kVocab;
  options.characterCoverage = 1.0;
  trainTokenizer({corpusPath}, dir / "out" / "spiece", options);
  const auto modelPath = dir / "out" / "spiece.model";
  return TinyModel{RemoveOnExit{dir}, dir, corpusPath, modelPath, std::move(corpus), Tokenizer::load(modelPath)};
}

const TinyModel& tiny() {
  static const TinyModel model = makeTinyModel();
  return model;
}

const Tokenizer& tok() { return tiny().tokenizer; }

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// --- the span invariant --------------------------------------------------------

// Whitespace as T5's "nmt_nfkc" normalizer sees it (each run becomes one "▁"), for the
// characters these tests use.
std::size_t whitespaceLength(std::string_view s, std::size_t i) {
  static const char* multi[] = {"\xC2\xA0", "\xE3\x80\x80", "\xE2\x80\x8B", "\xE2\x96\x81"};
  const char c = s[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') return 1;
  for (const char* m : multi) {
    if (s.substr(i, std::strlen(m)) == m) return std::strlen(m);
  }
  return 0;
}

// Characters the normalizer drops altogether (ASCII controls other than whitespace).
bool isDropped(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u < 0x20 && whitespaceLength(std::string_view(&c, 1), 0) == 0) || u == 0x7F;
}

bool onlyIgnorable(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (const auto w = whitespaceLength(s, i)) {
      i += w;
    } else if (isDropped(s[i])) {
      ++i;
    } else {
      return false;
    }
  }
  return true;
}

// Each maximal run of whitespace -> one space.
std::string collapseWhitespace(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (whitespaceLength(s, i)) {
      while (i < s.size() && whitespaceLength(s, i)) i += whitespaceLength(s, i);
      out += ' ';
    } else {
      out += s[i++];
    }
  }
  return out;
}

std::string pieceAsText(const std::string& piece) {
  std::string out;
  for (std::size_t i = 0; i < piece.size();) {
    if (piece.compare(i, 3, "\xE2\x96\x81") == 0) {
      out += ' ';
      i += 3;
    } else {
      out += piece[i++];
    }
  }
  return out;
}

bool isContinuationByte(std::string_view s, std::size_t i) {
  return i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
}

// Checks the invariant documented at TokenSpan. `nfkcStable`: `text` holds no character
// that NFKC changes and no dropped control, so each piece can be checked byte for byte.
void checkSpans(const Tokenizer& t, std::string_view text, bool nfkcStable) {
  SCOPED_TRACE("text: \"" + std::string(text) + "\"");
  const auto spans = t.encodeWithSpans(text);
  const auto ids = t.encode(text);
  ASSERT_EQ(spans.size(), ids.size());
  for (std::size_t i = 0; i < spans.size(); ++i) ASSERT_EQ(spans[i].id, ids[i]) << i;
  if (spans.empty()) {
    EXPECT_TRUE(onlyIgnorable(text));
    return;
  }
  // Uncovered text: whitespace (and dropped controls) before the first and after the
  // last piece only.
  EXPECT_TRUE(onlyIgnorable(text.substr(0, spans.front().begin)));
  EXPECT_TRUE(onlyIgnorable(text.substr(spans.back().end)));
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const auto& s = spans[i];
    SCOPED_TRACE("piece " + std::to_string(i) + " '" + t.piece(s.id) + "' [" +
                 std::to_string(s.begin) + ", " + std::to_string(s.end) + ")");
    ASSERT_LE(s.begin, s.end);
    ASSERT_LE(s.end, text.size());
    if (i > 0) {
      ASSERT_EQ(s.begin, spans[i - 1].end);  // in order, touching, no overlap
    }
    EXPECT_FALSE(isContinuationByte(text, s.begin));
    EXPECT_FALSE(isContinuationByte(text, s.end));
    const std::string_view surface = text.substr(s.begin, s.end - s.begin);
    if (s.id == t.unkId()) {
      EXPECT_FALSE(surface.empty());
      EXPECT_EQ(collapseWhitespace(surface), surface) << "an unknown piece holds whitespace";
      for (std::size_t k = 0; k < surface.size(); ++k) {
        EXPECT_EQ(whitespaceLength(surface, k), 0u);
      }
    } else if (nfkcStable) {
      // The exact rule: the piece, "▁" read as a space, is its bytes of the input with
      // each whitespace run collapsed to one space; the first piece's "▁" (the dummy
      // prefix) covers no byte.
      const std::string expected = (i == 0 ? " " : "") + collapseWhitespace(surface);
      EXPECT_EQ(pieceAsText(t.piece(s.id)), expected);
    }
  }
}

// --- tests ---------------------------------------------------------------------

TEST(Tokenizer, TrainsAT5StyleModel) {
  const auto& t = tok();
  EXPECT_EQ(t.vocabSize(), kVocab);
  EXPECT_EQ(t.padId(), 0);
  EXPECT_EQ(t.eosId(), 1);
  EXPECT_EQ(t.unkId(), 2);
  EXPECT_EQ(t.piece(0), "<pad>");
  EXPECT_EQ(t.piece(1), "</s>");
  EXPECT_EQ(t.piece(2), "<unk>");
  EXPECT_EQ(t.pieceId("</s>"), 1);
  EXPECT_EQ(t.pieceId("<s>"), t.unkId());  // no BOS piece
  EXPECT_EQ(t.piece(-1), "");
  EXPECT_EQ(t.piece(kVocab), "");
  EXPECT_EQ(t.path(), tiny().modelPath);
  EXPECT_TRUE(fs::exists(tiny().dir / "out" / "spiece.vocab"));
}

// SentencePiece skips lines over 4192 bytes with a warning that crashed it when
// loaded as our module; such lines are fed in pieces, so their text is learned.
TEST(Tokenizer, TrainsOnLinesLongerThanSentencePieceTakes) {
  const auto dir = testing::scratchDir("tokenizer_long_lines_" + std::to_string(::getpid()));
  std::string spaced, unbroken;
  for (int i = 0; i < 2000; ++i) spaced += "harbor" + std::to_string(i % 97) + " ";
  for (int i = 0; i < 3000; ++i) unbroken += "caf\xC3\xA9";  // no space, two-byte characters
  writeFile(dir / "long.txt", spaced + "\n" + unbroken + "\n" + makeCorpus());
  TokenizerTrainingOptions options;
  options.vocabSize = kVocab;
  options.characterCoverage = 1.0;
  trainTokenizer({dir / "long.txt"}, dir / "spiece", options);
  const auto tokenizer = Tokenizer::load(dir / "spiece.model");
  EXPECT_EQ(tokenizer.vocabSize(), kVocab);
  EXPECT_EQ(tokenizer.decode(tokenizer.encode("harbor42 café")), "harbor42 café");
  fs::remove_all(dir);
}

TEST(Tokenizer, EmptyAndBlankTextGiveNoIds) {
  EXPECT_TRUE(tok().encode("").empty());
  EXPECT_TRUE(tok().encodeWithSpans("").empty());
  EXPECT_TRUE(tok().encode(" \n\t  ").empty());
  EXPECT_TRUE(tok().encodeWithSpans(" \n\t  ").empty());
  EXPECT_EQ(tok().decode({}), "");
}

TEST(Tokenizer, NoEosIsAppended) {
  const auto ids = tok().encode("hello world");
  ASSERT_FALSE(ids.empty());
  for (auto id : ids) {
    EXPECT_NE(id, tok().eosId());
    EXPECT_NE(id, tok().padId());
  }
}

TEST(Tokenizer, RoundTripsNormalizedText) {
  int checked = 0;
  for (const auto& line : lines(tiny().corpus)) {
    const auto ids = tok().encode(line);
    for (auto id : ids) ASSERT_NE(id, tok().unkId()) << line;
    ASSERT_EQ(tok().decode(ids), line);
    ++checked;
  }
  EXPECT_EQ(checked, 300);
  // Normalization: whitespace runs, newlines and the ends are folded.
  EXPECT_EQ(tok().decode(tok().encode("  hello \n\n world\t")), "hello world");
}

TEST(Tokenizer, DecodeSkipsSpecialAndOutOfRangeIds) {
  const auto ids = tok().encode("the quick brown fox");
  std::vector<std::int32_t> noisy = {tok().padId()};
  noisy.insert(noisy.end(), ids.begin(), ids.end());
  noisy.push_back(tok().eosId());
  noisy.push_back(kVocab);       // e.g. T5's <extra_id_N> above the vocabulary
  noisy.push_back(kVocab + 99);
  noisy.push_back(-1);
  noisy.push_back(tok().padId());
  EXPECT_EQ(tok().decode(noisy), "the quick brown fox");
}

TEST(Tokenizer, UnknownCharactersBecomeUnk) {
  const std::string text = "fox 😀 Ω";
  const auto ids = tok().encode(text);
  int unknown = 0;
  for (auto id : ids) unknown += id == tok().unkId();
  EXPECT_EQ(unknown, 2);
  // Each unknown decodes as " ⁇ ", after the "▁" before it.
  EXPECT_EQ(tok().decode(ids), "fox  \xE2\x81\x87   \xE2\x81\x87 ");
}

TEST(Tokenizer, SpansOfAMixedText) {
  const std::string text =
      "  hello world. Café naïve straße garçon\n\n"
      "東京 日本語 中文字   😀 emoji 👍🏽 and\ttabs\r\n"
      "  indented line, 42!  2024?\n\n\n";
  checkSpans(tok(), text, /*nfkcStable=*/true);

  // The documented shape: leading whitespace is outside every span, a whitespace run
  // belongs to the piece after it, trailing whitespace to none.
  const std::string spaced = "  ka   ri  ";
  const auto spans = tok().encodeWithSpans(spaced);
  ASSERT_FALSE(spans.empty());
  EXPECT_EQ(spans.front().begin, 2u);
  EXPECT_EQ(spans.back().end, spaced.size() - 2);
  bool found = false;
  for (const auto& s : spans) {
    if (s.begin == 4) {
      found = true;
      EXPECT_EQ(tok().piece(s.id).rfind("\xE2\x96\x81", 0), 0u) << tok().piece(s.id);
      EXPECT_GE(s.end, 7u);
    }
  }
  EXPECT_TRUE(found) << "no piece starts at the whitespace run";
}

TEST(Tokenizer, SpansOfRandomTexts) {
  const std::vector<std::string> stable = {
      "ka", "ri", "to", "na", "me", "su", "fi", "qu", "é", "ü", "ç", "hello", "world",
      "東", "京", "中", "文", "字", "😀", "Ω", "Z", ".", ",", "!", "4", " ", " ", " ",
      "  ", "\n", "\n\n", "\t", "\r\n", "\f"};
  // Characters that NFKC changes or the normalizer drops, and an invalid byte.
  const std::vector<std::string> unstable = {
      "\xEF\xAC\x81" /* ﬁ */, "e\xCC\x81" /* e + combining acute */,
      "\xEF\xBD\x8B\xEF\xBD\x81" /* fullwidth ka */, "\xE2\x91\xA0" /* ① */,
      "\xC2\xA0" /* NBSP */, "\xE3\x80\x80" /* ideographic space */,
      "\xE2\x80\x8B" /* zero-width space */, "\xE2\x96\x81" /* ▁ */, "\x01", "\x0B",
      "\x7F", "\xFF"};
  std::mt19937 rng(2024);
  for (int round = 0; round < 400; ++round) {
    const bool nfkcStable = round % 2 == 0;
    std::string text;
    const int n = static_cast<int>(rng() % 30);
    for (int k = 0; k < n; ++k) {
      if (!nfkcStable && rng() % 3 == 0) {
        text += unstable[rng() % unstable.size()];
      } else {
        text += stable[rng() % stable.size()];
      }
    }
    checkSpans(tok(), text, nfkcStable);
    if (::testing::Test::HasFailure()) break;
  }
}

TEST(Tokenizer, SpansThroughNormalization) {
  // NFKC maps these to text the model knows; the span covers the original bytes.
  const std::string ligature = "\xEF\xAC\x81";  // ﬁ
  EXPECT_EQ(tok().encode(ligature), tok().encode("fi"));
  const std::string fullwidth = "\xEF\xBD\x8B\xEF\xBD\x81";  // ｋａ
  EXPECT_EQ(tok().encode(fullwidth), tok().encode("ka"));
  const std::string decomposed = "caf" "e\xCC\x81";  // café with a combining accent
  EXPECT_EQ(tok().encode(decomposed), tok().encode("café"));
  for (const auto& text : {ligature, fullwidth, decomposed}) {
    const auto spans = tok().encodeWithSpans(text);
    ASSERT_FALSE(spans.empty());
    EXPECT_EQ(spans.front().begin, 0u);
    EXPECT_EQ(spans.back().end, text.size());
  }
  // One character that becomes several pieces: the last covers it, the others get an
  // empty span at its start.
  for (const std::string text : {"\xEF\xAC\x83" /* ﬃ */, "ka\xE3\x8E\x8F" /* ka㎏ */}) {
    SCOPED_TRACE(text);
    const std::size_t start = text.size() - 3;
    std::vector<TokenSpan> inChar;
    for (const auto& s : tok().encodeWithSpans(text)) {
      if (s.end > start || s.begin >= start) inChar.push_back(s);
    }
    ASSERT_GE(inChar.size(), 2u);  // "f" + "fi", "k" + "g" with this vocabulary
    for (std::size_t i = 0; i + 1 < inChar.size(); ++i) {
      EXPECT_EQ(inChar[i].begin, start);
      EXPECT_EQ(inChar[i].end, start);
    }
    EXPECT_EQ(inChar.back().begin, start);
    EXPECT_EQ(inChar.back().end, text.size());
  }
  // Ill-formed UTF-8 does not throw; the bad byte is an unknown piece.
  const std::string bad = "ka\xFFri";
  checkSpans(tok(), bad, false);
  bool unknown = false;
  for (const auto& s : tok().encodeWithSpans(bad)) {
    if (s.id == tok().unkId()) {
      unknown = true;
      EXPECT_EQ(s.begin, 2u);
      EXPECT_EQ(s.end, 3u);
    }
  }
  EXPECT_TRUE(unknown);
}

TEST(Tokenizer, EncodesALongTextQuickly) {
  // About 600 KB. Timing is printed, not asserted (benchmarks are separate programs).
  std::string text;
  while (text.size() < 600'000) text += tiny().corpus;
  const auto t0 = std::chrono::steady_clock::now();
  const auto spans = tok().encodeWithSpans(text);
  const auto t1 = std::chrono::steady_clock::now();
  const auto ids = tok().encode(text);
  const auto t2 = std::chrono::steady_clock::now();
  ASSERT_EQ(spans.size(), ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) ASSERT_EQ(spans[i].id, ids[i]);
  EXPECT_EQ(spans.back().end, text.size() - 1);  // all but the final newline
  const double withSpans = std::chrono::duration<double>(t1 - t0).count();
  const double idsOnly = std::chrono::duration<double>(t2 - t1).count();
  std::cout << "[ timing   ] " << text.size() << " bytes -> " << ids.size()
            << " tokens: encodeWithSpans " << withSpans << " s, encode " << idsOnly
            << " s\n";
  RecordProperty("encode_with_spans_ms", static_cast<int>(withSpans * 1000));
}

TEST(Tokenizer, IsSafeToShareBetweenThreads) {
  const std::string text = tiny().corpus;
  const auto expected = tok().encodeWithSpans(text);
  std::vector<std::vector<TokenSpan>> results(4);
  std::vector<std::thread> threads;
  for (auto& r : results) {
    threads.emplace_back([&r, &text] { r = tok().encodeWithSpans(text); });
  }
  for (auto& th : threads) th.join();
  for (const auto& r : results) {
    ASSERT_EQ(r.size(), expected.size());
    for (std::size_t i = 0; i < r.size(); ++i) {
      ASSERT_EQ(r[i].id, expected[i].id);
      ASSERT_EQ(r[i].begin, expected[i].begin);
      ASSERT_EQ(r[i].end, expected[i].end);
    }
  }
}

TEST(Tokenizer, Moves) {
  Tokenizer a = Tokenizer::load(tiny().modelPath);
  const auto ids = a.encode("hello world");
  Tokenizer b(std::move(a));
  EXPECT_EQ(b.encode("hello world"), ids);
  Tokenizer c = Tokenizer::load(tiny().modelPath);
  c = std::move(b);
  EXPECT_EQ(c.decode(ids), "hello world");
}

// Runs `f`, expects a TokenizerError naming `path`, and returns its message.
template <typename F>
std::string tokenizerErrorOf(F&& f, const fs::path& path) {
  try {
    f();
  } catch (const TokenizerError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(path.string()), std::string::npos) << message;
    return message;
  }
  ADD_FAILURE() << "no TokenizerError was thrown";
  return {};
}

TEST(Tokenizer, LoadRejectsMissingAndNonFiles) {
  const auto dir = testing::scratchDir("tokenizer_load_missing");
  const auto missing = dir / "spiece.model";
  EXPECT_NE(tokenizerErrorOf([&] { Tokenizer::load(missing); }, missing).find("does not exist"),
            std::string::npos);
  EXPECT_NE(tokenizerErrorOf([&] { Tokenizer::load(dir); }, dir).find("folder"),
            std::string::npos);
  const auto empty = dir / "empty.model";
  writeFile(empty, "");
  EXPECT_NE(tokenizerErrorOf([&] { Tokenizer::load(empty); }, empty).find("empty"),
            std::string::npos);
}

TEST(Tokenizer, LoadRejectsCorruptFiles) {
  const auto dir = testing::scratchDir("tokenizer_load_corrupt");
  std::mt19937 rng(99);
  for (int round = 0; round < 20; ++round) {
    std::string junk(1 + rng() % 4096, '\0');
    for (auto& c : junk) c = static_cast<char>(rng() & 0xFF);
    const auto path = dir / ("random" + std::to_string(round) + ".model");
    writeFile(path, junk);
    const auto message = tokenizerErrorOf([&] { Tokenizer::load(path); }, path);
    EXPECT_NE(message.find("not a valid SentencePiece model"), std::string::npos) << message;
  }
  // A real model cut in half, and a text file.
  const std::string model = readFile(tiny().modelPath);
  const auto truncated = dir / "truncated.model";
  writeFile(truncated, model.substr(0, model.size() / 2));
  tokenizerErrorOf([&] { Tokenizer::load(truncated); }, truncated);
  tokenizerErrorOf([&] { Tokenizer::load(tiny().corpusPath); }, tiny().corpusPath);
}

TEST(Tokenizer, TrainingReportsBadInput) {
  const auto dir = testing::scratchDir("tokenizer_train_errors");
  const auto missing = dir / "no such corpus.txt";
  try {
    trainTokenizer({missing}, dir / "m", {});
    ADD_FAILURE() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(missing.string()), std::string::npos) << e.what();
  }
  EXPECT_THROW(trainTokenizer({}, dir / "m", {}), InputError);

  const auto small = dir / "small.txt";
  writeFile(small, "a tiny text\nwith two lines\n");
  TokenizerTrainingOptions options;
  options.vocabSize = 5000;
  try {
    trainTokenizer({small}, dir / "m", options);
    ADD_FAILURE() << "no TokenizerError";
  } catch (const TokenizerError& e) {
    EXPECT_NE(std::string(e.what()).find("Vocabulary size"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(dir / "m.model"));
}

}  // namespace
}  // namespace frontseat
