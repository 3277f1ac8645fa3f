// The correspondence between UTF-8 byte offsets of a document (what the engine
// speaks: evidence spans, pins, pages, headings) and positions in its QString
// (UTF-16 code units, what Qt's text widgets speak).
#pragma once

#include <QString>
#include <cstdint>
#include <string_view>
#include <vector>

namespace frontseat::ui {

class ByteOffsetMap {
 public:
  ByteOffsetMap() = default;  // the empty document

  // Decodes `utf8` into text() and records where every UTF-16 unit came from, in
  // one O(n) pass so the two always agree. A byte that does not start a well-formed
  // sequence becomes one U+FFFD (the engine's normalized text has none).
  explicit ByteOffsetMap(std::string_view utf8);

  const QString& text() const { return text_; }
  int64_t byteLength() const { return byte_length_; }
  qsizetype utf16Length() const { return text_.size(); }

  // The UTF-16 position of the character holding byte `byte_offset` (its start when
  // the offset falls inside a multi-byte character); offsets outside the text clamp
  // to 0 or utf16Length(). O(log n).
  qsizetype toUtf16(int64_t byte_offset) const;

  // The byte offset where the character at UTF-16 position `position` starts (the
  // low half of a surrogate pair maps to its pair's start); positions outside the
  // text clamp to 0 or byteLength(). O(1).
  int64_t toByte(qsizetype position) const;

 private:
  QString text_;
  int64_t byte_length_ = 0;
  // byte_of_unit_[i]: byte offset of the character holding UTF-16 unit i; one more
  // entry, byte_length_, stands for the end. Non-decreasing, so it also answers
  // byte -> unit by binary search. 32 bits: documents are megabytes, not gigabytes.
  std::vector<uint32_t> byte_of_unit_{0};
};

}  // namespace frontseat::ui
