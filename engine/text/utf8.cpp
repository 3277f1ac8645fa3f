#include "engine/text/utf8.h"

#include <cstdint>
#include <cstring>

namespace frontseat {

namespace {

inline bool isContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

std::optional<std::size_t> findInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // Fast path: skip 8 ASCII bytes at a time.
    if (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, s + i, sizeof word);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    // Table 3-7 of the Unicode standard: allowed range of the second byte depends on
    // the lead byte; later bytes are always 80..BF.
    std::size_t length;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) lo = 0xA0;        // overlong
      else if (c == 0xED) hi = 0x9F;   // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) lo = 0x90;        // overlong
      else if (c == 0xF4) hi = 0x8F;   // > U+10FFFF
    } else {
      return i;  // continuation byte without lead, C0, C1, F5..FF
    }
    if (i + length > n) return i;
    if (s[i + 1] < lo || s[i + 1] > hi) return i;
    for (std::size_t k = 2; k < length; ++k) {
      if (!isContinuation(s[i + k])) return i;
    }
    i += length;
  }
  return std::nullopt;
}

std::size_t countCodepoints(std::string_view utf8) {
  std::size_t count = 0;
  for (char ch : utf8) {
    if (!isContinuation(static_cast<unsigned char>(ch))) ++count;
  }
  return count;
}

}  // namespace frontseat
