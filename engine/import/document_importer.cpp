// importDocument: the common file checks, then the importer for the file's format.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <system_error>

#include "engine/core/errors.h"
#include "engine/import/docx_importer.h"
#include "engine/import/epub_importer.h"
#include "engine/import/html_importer.h"
#include "engine/import/import_common.h"
#include "engine/import/imported_document.h"
#include "engine/import/pdf_importer.h"
#include "engine/import/text_importer.h"
#include "engine/import/zip_archive.h"

namespace frontseat {

namespace fs = std::filesystem;

namespace {

enum class Format { Unknown, Text, Markdown, Html, Pdf, Docx, Epub };

Format formatFromExtension(const fs::path& path) {
  const std::string ext = import::lowerAscii(path.extension().string());
  if (ext == ".txt" || ext == ".text") return Format::Text;
  if (ext == ".md" || ext == ".markdown" || ext == ".mdown" || ext == ".mkd") {
    return Format::Markdown;
  }
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return Format::Html;
  if (ext == ".pdf") return Format::Pdf;
  if (ext == ".docx") return Format::Docx;
  if (ext == ".epub") return Format::Epub;
  return Format::Unknown;
}

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool isPdf(std::string_view bytes) {
  // Acrobat accepts the header anywhere in the first 1024 bytes.
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

bool isZip(std::string_view bytes) {
  return startsWith(bytes, std::string_view("PK\x03\x04", 4)) ||
         startsWith(bytes, std::string_view("PK\x05\x06", 4));  // empty archive
}

// OLE2 compound file: a legacy .doc, or an encrypted Office document.
bool isOle(std::string_view bytes) {
  return startsWith(bytes, std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8));
}

bool looksLikeHtml(std::string_view bytes) {
  std::string head = import::lowerAscii(bytes.substr(0, 1024));
  std::size_t i = 0;
  if (startsWith(head, "\xEF\xBB\xBF")) i = 3;
  while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' ||
                             head[i] == '\r')) {
    ++i;
  }
  std::string_view rest = std::string_view(head).substr(i);
  return startsWith(rest, "<!doctype html") || startsWith(rest, "<html");
}

// Docx or EPUB, by the parts inside the zip.
Format zipFormat(const fs::path& path, const std::string& bytes) {
  try {
    const import::ZipArchive zip(path, bytes, "zip archive");
    if (zip.contains("word/document.xml")) return Format::Docx;
    if (zip.contains("META-INF/container.xml")) return Format::Epub;
    if (const auto mimetype = zip.read("mimetype", 256); mimetype &&
        mimetype->find("application/epub+zip") != std::string::npos) {
      return Format::Epub;
    }
  } catch (const InputError&) {
  }
  return Format::Unknown;
}

std::string readFile(const fs::path& path, std::uintmax_t expected, std::uintmax_t limit,
                     const std::string& limitText) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) import::fail(path, std::string(std::strerror(errno)) + ".");
  std::string bytes;
  if (expected <= limit) bytes.reserve(static_cast<std::size_t>(expected));
  char buffer[1 << 16];
  std::size_t n;
  // Read at most limit + 1 bytes so a file that grows while we read stays bounded.
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) {
    bytes.append(buffer, n);
    if (bytes.size() > limit) break;
  }
  const bool failed = std::ferror(f) != 0;
  const int err = errno;
  std::fclose(f);
  if (failed) import::fail(path, "read error: " + std::string(std::strerror(err)) + ".");
  if (bytes.size() > limit) import::fail(path, "the file grew larger than allowed; " + limitText);
  return bytes;
}

}  // namespace

ImportedDocument importDocument(const fs::path& path, const ImportLimits& limits) {
  std::error_code ec;
  const auto st = fs::status(path, ec);
  if (!fs::exists(st)) {
    if (ec && ec != std::errc::no_such_file_or_directory) import::fail(path, ec.message() + ".");
    import::fail(path, "the file does not exist.");
  }
  if (fs::is_directory(st)) import::fail(path, "it is a folder, not a file.");
  if (!fs::is_regular_file(st)) import::fail(path, "it is not a regular file.");
  const std::string limitText = "the largest document Frontseat reads is " +
                                import::describeSize(limits.max_file_bytes) + ".";
  const std::uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > limits.max_file_bytes) {
    import::fail(path, "the file is " + import::describeSize(size) + "; " + limitText);
  }
  const std::string bytes = readFile(path, ec ? 0 : size, limits.max_file_bytes, limitText);
  if (bytes.empty()) import::fail(path, "the file is empty.");

  const Format byExtension = formatFromExtension(path);
  Format format = byExtension;
  // Unmistakable content wins over a missing, unknown or wrong extension.
  if (isPdf(bytes)) {
    format = Format::Pdf;
  } else if (isZip(bytes)) {
    format = zipFormat(path, bytes);
    if (format == Format::Unknown) {
      // The importer says what is wrong: a damaged archive or missing parts.
      if (byExtension == Format::Docx) return importDocx(path, bytes);
      if (byExtension == Format::Epub) return importEpub(path, bytes);
      import::fail(path, "it is a zip archive that is neither a Word document (.docx) nor an "
                         "EPUB book.");
    }
  } else if (isOle(bytes)) {
    if (byExtension == Format::Docx) {
      import::fail(path, "the Word document is encrypted (password-protected); remove the "
                         "password to open it here.");
    }
    import::fail(path, "it is a legacy Microsoft Office file (.doc, .xls, .ppt); save it as "
                       ".docx or PDF to open it here.");
  } else if (byExtension == Format::Pdf) {
    import::fail(path, "it is not a readable PDF (it does not start with %PDF-).");
  } else if (byExtension == Format::Docx || byExtension == Format::Epub) {
    import::fail(path, std::string("it is not a readable ") +
                           (byExtension == Format::Docx ? "Word document" : "EPUB book") +
                           " (it is not a zip archive).");
  } else if (byExtension != Format::Html && looksLikeHtml(bytes)) {
    format = Format::Html;
  } else if (byExtension == Format::Unknown) {
    if (!path.extension().empty()) {
      import::fail(path, "the format '" + path.extension().string() +
                             "' is not supported; Frontseat reads .txt, .md, .html, .pdf, "
                             ".docx and .epub files.");
    }
    format = Format::Text;  // no extension: read it as text if it is text
  }

  switch (format) {
    case Format::Markdown:
      return importMarkdown(path, bytes);
    case Format::Html:
      return importHtml(path, bytes);
    case Format::Pdf:
      return importPdf(path, bytes);
    case Format::Docx:
      return importDocx(path, bytes);
    case Format::Epub:
      return importEpub(path, bytes);
    case Format::Text:
    case Format::Unknown:
      break;
  }
  return importText(path, bytes);
}

}  // namespace frontseat
