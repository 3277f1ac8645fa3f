#include "engine/text/document_text.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <system_error>

#include "engine/core/errors.h"
#include "engine/text/utf8.h"

namespace frontseat {

namespace fs = std::filesystem;

namespace {

// "12 bytes", "1.5 KB", "64 MB", "2.3 GB" (1 KB = 1024 bytes).
std::string describeSize(std::uintmax_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
  const char* units[] = {"KB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  int unit = -1;
  while (value >= 1024 && unit < 3) {
    value /= 1024;
    ++unit;
  }
  char buffer[32];
  if (value == static_cast<double>(static_cast<std::uintmax_t>(value))) {
    std::snprintf(buffer, sizeof buffer, "%.0f %s", value, units[unit]);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f %s", value, units[unit]);
  }
  return buffer;
}

[[noreturn]] void fail(const fs::path& path, const std::string& why) {
  throw InputError("Cannot open the document '" + path.string() + "': " + why);
}

// Whitespace as a reader sees it: ASCII spaces and controls used as spaces, and the
// Unicode space characters (including the zero-width ones and a stray BOM).
bool isWhitespace(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

// `text` is valid UTF-8.
bool isBlank(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = s[i];
    char32_t cp;
    std::size_t len;
    if (c < 0x80) {
      cp = c;
      len = 1;
    } else if (c < 0xE0) {
      cp = c & 0x1F;
      len = 2;
    } else if (c < 0xF0) {
      cp = c & 0x0F;
      len = 3;
    } else {
      cp = c & 0x07;
      len = 4;
    }
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    if (!isWhitespace(cp)) return false;
    i += len;
  }
  return true;
}

}  // namespace

std::string loadPlainTextDocument(const fs::path& path, const PlainTextLimits& limits) {
  std::error_code ec;
  const auto st = fs::status(path, ec);
  if (!fs::exists(st)) {
    if (ec && ec != std::errc::no_such_file_or_directory) fail(path, ec.message() + ".");
    fail(path, "the file does not exist.");
  }
  if (fs::is_directory(st)) fail(path, "it is a folder, not a file.");
  if (!fs::is_regular_file(st)) fail(path, "it is not a regular file.");
  const std::string limitText =
      "the largest plain-text document Frontseat reads is " + describeSize(limits.maxBytes) + ".";
  const auto size = fs::file_size(path, ec);
  if (!ec && size > limits.maxBytes) {
    fail(path, "the file is " + describeSize(size) + "; " + limitText);
  }

  std::string bytes;
  {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) fail(path, std::string(std::strerror(errno)) + ".");
    if (!ec) bytes.reserve(static_cast<std::size_t>(size));
    char buffer[1 << 16];
    std::size_t n;
    // Read at most maxBytes + 1 so a file that grows while we read is still bounded.
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) {
      bytes.append(buffer, n);
      if (bytes.size() > limits.maxBytes) break;
    }
    const bool failed = std::ferror(f) != 0;
    const int err = errno;
    std::fclose(f);
    if (failed) fail(path, "read error: " + std::string(std::strerror(err)) + ".");
  }
  if (bytes.size() > limits.maxBytes) {
    fail(path, "the file is larger than allowed; " + limitText);
  }
  if (bytes.empty()) fail(path, "the file is empty.");

  std::string_view text(bytes);
  std::size_t skipped = 0;  // bytes dropped from the front (BOM)
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    text.remove_prefix(3);
    skipped = 3;
  } else if (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF") {
    fail(path, "the file is UTF-16 text; save it as UTF-8 to open it here.");
  }

  auto lineOf = [&](std::size_t offset) {
    return 1 + std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(offset),
                          '\n');
  };
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    fail(path, "it looks like a binary file, not text (NUL byte at byte offset " +
                   std::to_string(nul + skipped) + ").");
  }
  if (const auto bad = findInvalidUtf8(text)) {
    const std::size_t offset = *bad + skipped;
    fail(path, "the text is not valid UTF-8 (first bad byte at byte offset " +
                   std::to_string(offset) + ", line " + std::to_string(lineOf(offset)) +
                   "); it may use another encoding such as Latin-1: save it as UTF-8 to open it "
                   "here.");
  }
  if (isBlank(text)) fail(path, "the file contains no text, only whitespace.");

  // CRLF -> LF.
  std::string out;
  out.reserve(text.size());
  std::size_t start = 0;
  while (true) {
    const auto cr = text.find("\r\n", start);
    if (cr == std::string_view::npos) {
      out.append(text.substr(start));
      break;
    }
    out.append(text.substr(start, cr - start));
    out.push_back('\n');
    start = cr + 2;
  }
  return out;
}

}  // namespace frontseat
