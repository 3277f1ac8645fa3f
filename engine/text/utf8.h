// UTF-8 validation and counting, with no dependencies beyond the standard library.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace frontseat {

// Returns the byte offset of the first byte of the first ill-formed UTF-8 sequence in
// `text`, or std::nullopt when all of `text` is well-formed UTF-8 (RFC 3629 / Unicode
// Table 3-7). Rejected: stray continuation bytes, the bytes C0, C1 and F5..FF, overlong
// forms, UTF-16 surrogates (U+D800..U+DFFF), code points above U+10FFFF, and sequences
// cut short by a bad continuation byte or by the end of the text (for those the offset
// is that of the sequence's lead byte). NUL bytes are valid UTF-8.
std::optional<std::size_t> findInvalidUtf8(std::string_view text);

// The number of Unicode code points in `utf8`, which must be valid UTF-8 (for invalid
// input the result is the number of bytes that are not continuation bytes).
std::size_t countCodepoints(std::string_view utf8);

}  // namespace frontseat
