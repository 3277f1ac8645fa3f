// Importing user documents (.txt, .md, .html, .pdf, .docx, .epub) into normalized
// UTF-8 text plus the structure the GUI navigates by (pages, headings).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace frontseat {

// A page of a paginated source (PDF): the byte range [begin, end) of `text` that came
// from it, and its 1-based page number. A page without text has begin == end.
struct DocumentPage {
  std::size_t begin = 0, end = 0;
  int number = 0;
};

// A heading (or chapter title): the byte offset in `text` where its line starts, its
// level (1 = top) and its title on one line.
struct DocumentHeading {
  std::size_t offset = 0;
  int level = 1;
  std::string title;
};

struct ImportedDocument {
  std::string format;  // "txt", "md", "html", "pdf", "docx", "epub"
  std::string title;   // from metadata or the first heading, else the file name
  // Normalized UTF-8: LF line ends, no NUL or other control characters except TAB and
  // LF, no trailing spaces on a line, paragraphs separated by one blank line, no blank
  // lines at the start, no whitespace at the end. Never empty.
  std::string text;
  std::vector<DocumentPage> pages;  // PDF: one per page, in order; others: empty
  std::vector<DocumentHeading> headings;  // in text order
};

struct ImportLimits {
  std::uintmax_t max_file_bytes = 256ull << 20;  // size of the file on disk
};

// Reads and imports the document at `path`. The importer is picked by the extension
// (case-insensitive): .txt/.text, .md/.markdown, .html/.htm/.xhtml, .pdf, .docx,
// .epub; the content decides instead where it is unmistakable (a file starting with
// %PDF-, a zip holding a Word document or an EPUB, a file starting with <!doctype html
// or <html) and the extension is missing, unknown or wrong. A file with no extension
// that is none of these is read as plain text.
//
// Throws InputError, with a one-line message naming the file, when the path does not
// exist, is a folder or not a regular file, cannot be read, is empty, is larger than
// limits.max_file_bytes (the message states the limit), is in an unsupported format,
// is corrupt, encrypted or binary junk, or yields no text.
ImportedDocument importDocument(const std::filesystem::path& path, const ImportLimits& limits = {});

}  // namespace frontseat
