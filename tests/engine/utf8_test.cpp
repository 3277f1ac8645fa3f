// Tests of UTF-8 validation (engine/text/utf8.h).
#include "engine/text/utf8.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <random>
#include <string>

#include "engine/core/errors.h"
#include "tests/engine/test_paths.h"

namespace frontseat {
namespace {

namespace fs = std::filesystem;

// A slow, obviously correct validator to compare against: decode each sequence to
// a code point and check the ranges.
std::optional<std::size_t> referenceInvalid(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    int len;
    std::uint32_t cp;
    std::uint32_t min;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, cp = c & 0x07, min = 0x10000;
    } else {
      return i;
    }
    if (i + len > text.size()) return i;
    for (int k = 1; k < len; ++k) {
      const auto d = static_cast<unsigned char>(text[i + k]);
      if ((d & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (d & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::nullopt;
}

TEST(Utf8, AcceptsValidText) {
  EXPECT_EQ(findInvalidUtf8(""), std::nullopt);
  EXPECT_EQ(findInvalidUtf8("plain ASCII text, long enough for the fast path"), std::nullopt);
  EXPECT_EQ(findInvalidUtf8(std::string("nul\0inside", 10)), std::nullopt);
  EXPECT_EQ(findInvalidUtf8("café naïve Straße"), std::nullopt);
  EXPECT_EQ(findInvalidUtf8("東京 中文 日本語"), std::nullopt);
  EXPECT_EQ(findInvalidUtf8("emoji 😀 and 𝄞"), std::nullopt);
  EXPECT_EQ(findInvalidUtf8("\xC2\x80"), std::nullopt);              // U+0080
  EXPECT_EQ(findInvalidUtf8("\xDF\xBF"), std::nullopt);              // U+07FF
  EXPECT_EQ(findInvalidUtf8("\xE0\xA0\x80"), std::nullopt);          // U+0800
  EXPECT_EQ(findInvalidUtf8("\xED\x9F\xBF"), std::nullopt);          // U+D7FF
  EXPECT_EQ(findInvalidUtf8("\xEE\x80\x80"), std::nullopt);          // U+E000
  EXPECT_EQ(findInvalidUtf8("\xEF\xBF\xBF"), std::nullopt);          // U+FFFF
  EXPECT_EQ(findInvalidUtf8("\xF0\x90\x80\x80"), std::nullopt);      // U+10000
  EXPECT_EQ(findInvalidUtf8("\xF4\x8F\xBF\xBF"), std::nullopt);      // U+10FFFF
}

TEST(Utf8, ReportsTheFirstBadSequence) {
  EXPECT_EQ(findInvalidUtf8("\x80"), 0u);                          // stray continuation
  EXPECT_EQ(findInvalidUtf8("ab\xBF"), 2u);
  EXPECT_EQ(findInvalidUtf8("\xC0\x80"), 0u);                      // overlong NUL
  EXPECT_EQ(findInvalidUtf8("\xC1\xBF"), 0u);                      // overlong
  EXPECT_EQ(findInvalidUtf8("x\xE0\x80\x80"), 1u);                 // overlong 3-byte
  EXPECT_EQ(findInvalidUtf8("x\xE0\x9F\xBF"), 1u);                 // overlong 3-byte
  EXPECT_EQ(findInvalidUtf8("xy\xF0\x80\x80\x80"), 2u);            // overlong 4-byte
  EXPECT_EQ(findInvalidUtf8("xy\xF0\x8F\xBF\xBF"), 2u);            // overlong 4-byte
  EXPECT_EQ(findInvalidUtf8("\xED\xA0\x80"), 0u);                  // U+D800 surrogate
  EXPECT_EQ(findInvalidUtf8("ok \xED\xBF\xBF"), 3u);               // U+DFFF surrogate
  EXPECT_EQ(findInvalidUtf8("\xF4\x90\x80\x80"), 0u);              // U+110000
  EXPECT_EQ(findInvalidUtf8("\xF5\x80\x80\x80"), 0u);
  EXPECT_EQ(findInvalidUtf8("\xF8\x88\x80\x80\x80"), 0u);          // old 5-byte form
  EXPECT_EQ(findInvalidUtf8("\xFE"), 0u);
  EXPECT_EQ(findInvalidUtf8("\xFF"), 0u);
  EXPECT_EQ(findInvalidUtf8("euro \xE2\x82"), 5u);                 // truncated at end
  EXPECT_EQ(findInvalidUtf8("\xF0\x9F\x98"), 0u);                  // truncated emoji
  EXPECT_EQ(findInvalidUtf8("\xE2\x28\xA1"), 0u);                  // bad continuation
  EXPECT_EQ(findInvalidUtf8("\xC3"), 0u);
  EXPECT_EQ(findInvalidUtf8("é\xC3("), 2u);
  // After the 8-bytes-at-a-time ASCII path, and inside the last partial word.
  EXPECT_EQ(findInvalidUtf8("0123456789abcdef\xFF"), 16u);
  EXPECT_EQ(findInvalidUtf8("0123456789abcdefghi\x80xyz"), 19u);
  EXPECT_EQ(findInvalidUtf8("01234567é89abcdef\xE9tail"), 18u);   // Latin-1 é
}

TEST(Utf8, AgreesWithAReferenceOnRandomBytes) {
  std::mt19937 rng(12345);
  const std::string pieces[] = {"a", "Z", " ", "\n", "é", "東", "😀", "\xF4\x8F\xBF\xBF",
                                "\x80", "\xC0", "\xE0", "\xED", "\xF0", "\xF4", "\xFF",
                                "\xBF", "\xA0", "\x90"};
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 24);
    for (int k = 0; k < n; ++k) {
      if (rng() % 4 == 0) {
        text.push_back(static_cast<char>(rng() & 0xFF));
      } else {
        text += pieces[rng() % (sizeof pieces / sizeof pieces[0])];
      }
    }
    ASSERT_EQ(findInvalidUtf8(text), referenceInvalid(text)) << "round " << round;
  }
}

TEST(Utf8, CountsCodepoints) {
  EXPECT_EQ(countCodepoints(""), 0u);
  EXPECT_EQ(countCodepoints("abc"), 3u);
  EXPECT_EQ(countCodepoints("café"), 4u);
  EXPECT_EQ(countCodepoints("東京"), 2u);
  EXPECT_EQ(countCodepoints("a😀b"), 3u);
  EXPECT_EQ(countCodepoints("e\xCC\x81"), 2u);  // e + combining acute
}

}  // namespace
}  // namespace frontseat
