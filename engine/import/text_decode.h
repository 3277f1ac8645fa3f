// Decoding the bytes of a text file (or an HTML file) into UTF-8.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace frontseat::import {

enum class TextEncoding { Utf8, Utf16LE, Utf16BE, Utf32LE, Utf32BE, Windows1252 };

struct DecodedText {
  std::string text;  // UTF-8, not yet normalized (may hold CR, controls)
  TextEncoding encoding = TextEncoding::Utf8;
  bool hadBom = false;
};

// Decodes `bytes`: a UTF-8 byte order mark is dropped; UTF-16 and UTF-32 with a byte
// order mark (and UTF-16 without one, recognized by its zero bytes) are converted;
// otherwise valid UTF-8 is kept, text that is mostly UTF-8 has its stray bad bytes
// replaced by U+FFFD, and anything else is read as Windows-1252 (a superset of
// Latin-1). The result is always valid UTF-8. Throws InputError naming `path` for
// binary data: NUL bytes in a file that is not UTF-16/32, or a high share of control
// characters.
DecodedText decodeText(const std::filesystem::path& path, std::string_view bytes);

// Appends the UTF-8 encoding of `cp` (U+FFFD for surrogates and values past U+10FFFF).
void appendUtf8(std::string& out, char32_t cp);

}  // namespace frontseat::import
