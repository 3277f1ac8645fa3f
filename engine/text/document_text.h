// Plain-text documents (.txt, .md) read as UTF-8. Other formats (HTML, PDF, DOCX,
// UTF-16, Latin-1) have their own importers.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace frontseat {

struct PlainTextLimits {
  std::uintmax_t maxBytes = 64ull << 20;  // size of the file on disk
};

// Reads a .txt/.md file as UTF-8 and returns its text: a leading UTF-8 byte order mark
// is dropped and every CRLF becomes LF (a lone CR is kept). Nothing else is changed.
// Throws InputError with a one-line message naming the file when the path does not
// exist, is a folder or not a regular file, cannot be read, is empty or holds only
// whitespace, is larger than limits.maxBytes (the message states the limit), holds NUL
// bytes (binary data, or UTF-16 text, which the message names when a UTF-16 byte order
// mark is present), or is not valid UTF-8 (the message gives the byte offset in the
// file and the line number of the first bad byte).
std::string loadPlainTextDocument(const std::filesystem::path& path,
                                  const PlainTextLimits& limits = {});

}  // namespace frontseat
