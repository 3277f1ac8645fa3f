#include "engine/import/text_decode.h"

#include <algorithm>
#include <cstdint>

#include "engine/import/import_common.h"

namespace frontseat::import {

namespace {

// Windows-1252 0x80..0x9F; 0 marks the five undefined bytes (kept as C1 controls).
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Length of the well-formed UTF-8 sequence at s[i], or 0.
std::size_t utf8SequenceLength(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const std::size_t left = s.size() - i;
  const unsigned char c = b(0);
  auto cont = [&](std::size_t k) { return k < left && (b(k) & 0xC0) == 0x80; };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if ((c == 0xE0 && b(1) < 0xA0) || (c == 0xED && b(1) >= 0xA0)) return 0;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if ((c == 0xF0 && b(1) < 0x90) || (c == 0xF4 && b(1) >= 0x90)) return 0;
    return 4;
  }
  return 0;
}

std::string decodeUtf16(std::string_view s, bool littleEndian) {
  std::string out;
  out.reserve(s.size() + s.size() / 2);
  const auto unit = [&](std::size_t i) -> char16_t {
    const auto a = static_cast<unsigned char>(s[i]);
    const auto b = static_cast<unsigned char>(s[i + 1]);
    return static_cast<char16_t>(littleEndian ? (a | (b << 8)) : ((a << 8) | b));
  };
  std::size_t i = 0;
  for (; i + 1 < s.size(); i += 2) {
    const char16_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < s.size()) {
      const char16_t v = unit(i + 2);
      if (v >= 0xDC00 && v <= 0xDFFF) {
        appendUtf8(out, 0x10000 + ((char32_t(u) - 0xD800) << 10) + (char32_t(v) - 0xDC00));
        i += 2;
        continue;
      }
    }
    appendUtf8(out, u);  // an unpaired surrogate becomes U+FFFD
  }
  if (i < s.size()) appendUtf8(out, 0xFFFD);  // odd trailing byte
  return out;
}

std::string decodeUtf32(std::string_view s, bool littleEndian) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  for (; i + 3 < s.size(); i += 4) {
    const auto b = [&](std::size_t k) { return char32_t(static_cast<unsigned char>(s[i + k])); };
    const char32_t cp = littleEndian ? (b(0) | b(1) << 8 | b(2) << 16 | b(3) << 24)
                                     : (b(3) | b(2) << 8 | b(1) << 16 | b(0) << 24);
    appendUtf8(out, cp);
  }
  if (i < s.size()) appendUtf8(out, 0xFFFD);
  return out;
}

// UTF-8 with each ill-formed byte replaced by U+FFFD.
std::string decodeUtf8Lenient(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = utf8SequenceLength(s, i);
    if (len == 0) {
      out.append("\xEF\xBF\xBD");
      ++i;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string decodeCp1252(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 4);
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else if (c < 0xA0) {
      const char16_t u = kCp1252High[c - 0x80];
      appendUtf8(out, u ? u : c);
    } else {
      appendUtf8(out, c);
    }
  }
  return out;
}

// UTF-16 without a byte order mark: ASCII-heavy text has a zero in every other byte.
// Returns 1 for little endian, 2 for big endian, 0 when it does not look like UTF-16.
int guessBomlessUtf16(std::string_view s) {
  const std::size_t n = std::min<std::size_t>(s.size(), 4096) & ~std::size_t(1);
  if (n < 8) return 0;
  std::size_t zeroEven = 0, zeroOdd = 0;
  for (std::size_t i = 0; i < n; i += 2) {
    zeroEven += s[i] == '\0';
    zeroOdd += s[i + 1] == '\0';
  }
  const std::size_t pairs = n / 2;
  if (zeroOdd * 10 >= pairs * 4 && zeroEven * 50 <= pairs) return 1;
  if (zeroEven * 10 >= pairs * 4 && zeroOdd * 50 <= pairs) return 2;
  return 0;
}

// Rejects text where over 5% of the characters (and at least 4) are control codes that
// do not occur in text (TAB, LF, CR, FF, VT and ESC, used by terminal colour codes, do).
void rejectBinary(const std::filesystem::path& path, const std::string& utf8) {
  std::size_t codepoints = 0, controls = 0;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if ((c & 0xC0) == 0x80) continue;
    ++codepoints;
    if (c < 0x20) {
      controls += !(c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x1B);
    } else if (c == 0x7F) {
      ++controls;
    } else if (c == 0xC2 && i + 1 < utf8.size() &&
               static_cast<unsigned char>(utf8[i + 1]) < 0xA0) {
      ++controls;  // C1 control
    }
  }
  if (controls >= 4 && controls * 20 > codepoints) {
    fail(path, "it looks like a binary file, not text (" + std::to_string(controls) + " of " +
                   std::to_string(codepoints) + " characters are control codes).");
  }
}

}  // namespace

void appendUtf8(std::string& out, char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

DecodedText decodeText(const std::filesystem::path& path, std::string_view bytes) {
  using namespace std::string_view_literals;
  DecodedText result;
  if (startsWith(bytes, "\xFF\xFE\0\0"sv)) {
    result = {decodeUtf32(bytes.substr(4), true), TextEncoding::Utf32LE, true};
  } else if (startsWith(bytes, "\0\0\xFE\xFF"sv)) {
    result = {decodeUtf32(bytes.substr(4), false), TextEncoding::Utf32BE, true};
  } else if (startsWith(bytes, "\xFF\xFE"sv)) {
    result = {decodeUtf16(bytes.substr(2), true), TextEncoding::Utf16LE, true};
  } else if (startsWith(bytes, "\xFE\xFF"sv)) {
    result = {decodeUtf16(bytes.substr(2), false), TextEncoding::Utf16BE, true};
  } else if (const int guess = guessBomlessUtf16(bytes)) {
    const bool le = guess == 1;
    result = {decodeUtf16(bytes, le), le ? TextEncoding::Utf16LE : TextEncoding::Utf16BE, false};
  } else {
    const bool bom = startsWith(bytes, "\xEF\xBB\xBF"sv);
    if (bom) bytes.remove_prefix(3);
    if (const auto nul = bytes.find('\0'); nul != std::string_view::npos) {
      fail(path, "it looks like a binary file, not text (NUL byte at byte offset " +
                     std::to_string(nul + (bom ? 3 : 0)) + ").");
    }
    std::size_t multibyte = 0, invalid = 0;
    for (std::size_t i = 0; i < bytes.size();) {
      const std::size_t len = utf8SequenceLength(bytes, i);
      if (len == 0) {
        ++invalid;
        ++i;
      } else {
        multibyte += len > 1;
        i += len;
      }
    }
    if (invalid == 0) {
      result = {std::string(bytes), TextEncoding::Utf8, bom};
    } else if (bom || multibyte > invalid) {
      result = {decodeUtf8Lenient(bytes), TextEncoding::Utf8, bom};
    } else {
      result = {decodeCp1252(bytes), TextEncoding::Windows1252, false};
    }
  }
  rejectBinary(path, result.text);
  return result;
}

}  // namespace frontseat::import
