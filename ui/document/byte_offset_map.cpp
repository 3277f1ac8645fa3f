#include "ui/document/byte_offset_map.h"

#include <algorithm>

namespace frontseat::ui {
namespace {

constexpr char32_t kReplacementCharacter = 0xFFFD;

bool isContinuation(unsigned char byte, unsigned char low = 0x80, unsigned char high = 0xBF) {
  return byte >= low && byte <= high;
}

// Decodes the well-formed sequence (Unicode Table 3-7) starting at `utf8[at]`;
// returns its code point and sets `length`, or U+FFFD with length 1 when the bytes
// there are ill-formed (stray continuation, overlong form, surrogate, beyond U+10FFFF,
// cut short).
char32_t decodeAt(std::string_view utf8, size_t at, size_t& length) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(utf8[at + i]); };
  const size_t left = utf8.size() - at;
  const unsigned char lead = byte(0);
  length = 1;
  if (lead < 0x80) return lead;
  if (lead >= 0xC2 && lead <= 0xDF && left >= 2 && isContinuation(byte(1))) {
    length = 2;
    return (char32_t(lead & 0x1F) << 6) | (byte(1) & 0x3F);
  }
  if (lead >= 0xE0 && lead <= 0xEF && left >= 3) {
    const unsigned char low = lead == 0xE0 ? 0xA0 : 0x80, high = lead == 0xED ? 0x9F : 0xBF;
    if (isContinuation(byte(1), low, high) && isContinuation(byte(2))) {
      length = 3;
      return (char32_t(lead & 0x0F) << 12) | (char32_t(byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
    }
  }
  if (lead >= 0xF0 && lead <= 0xF4 && left >= 4) {
    const unsigned char low = lead == 0xF0 ? 0x90 : 0x80, high = lead == 0xF4 ? 0x8F : 0xBF;
    if (isContinuation(byte(1), low, high) && isContinuation(byte(2)) && isContinuation(byte(3))) {
      length = 4;
      return (char32_t(lead & 0x07) << 18) | (char32_t(byte(1) & 0x3F) << 12) |
             (char32_t(byte(2) & 0x3F) << 6) | (byte(3) & 0x3F);
    }
  }
  return kReplacementCharacter;
}

}  // namespace

ByteOffsetMap::ByteOffsetMap(std::string_view utf8) : byte_length_(static_cast<int64_t>(utf8.size())) {
  // Every byte yields at most one UTF-16 unit (a 4-byte sequence yields two), so
  // utf8.size() bounds both buffers.
  text_.resize(static_cast<qsizetype>(utf8.size()));
  byte_of_unit_.clear();
  byte_of_unit_.reserve(utf8.size() + 1);
  QChar* out = text_.data();
  for (size_t at = 0; at < utf8.size();) {
    size_t length = 0;
    const char32_t code_point = decodeAt(utf8, at, length);
    const auto start = static_cast<uint32_t>(at);
    if (QChar::requiresSurrogates(code_point)) {
      *out++ = QChar(QChar::highSurrogate(code_point));
      *out++ = QChar(QChar::lowSurrogate(code_point));
      byte_of_unit_.insert(byte_of_unit_.end(), 2, start);
    } else {
      *out++ = QChar(static_cast<char16_t>(code_point));
      byte_of_unit_.push_back(start);
    }
    at += length;
  }
  text_.truncate(out - text_.constData());
  byte_of_unit_.push_back(static_cast<uint32_t>(utf8.size()));
}

qsizetype ByteOffsetMap::toUtf16(int64_t byte_offset) const {
  if (byte_offset <= 0) return 0;
  if (byte_offset >= byte_length_) return utf16Length();
  // The last unit starting at or before the byte holds it; the character starts at
  // the first unit with that same byte offset (the high half of a surrogate pair).
  const auto holder = std::upper_bound(byte_of_unit_.begin(), byte_of_unit_.end(),
                                       static_cast<uint32_t>(byte_offset)) - 1;
  const auto first = std::lower_bound(byte_of_unit_.begin(), holder, *holder);
  return first - byte_of_unit_.begin();
}

int64_t ByteOffsetMap::toByte(qsizetype position) const {
  if (position <= 0) return 0;
  if (position >= utf16Length()) return byte_length_;
  return byte_of_unit_[static_cast<size_t>(position)];
}

}  // namespace frontseat::ui
