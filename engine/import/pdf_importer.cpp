#include "engine/import/pdf_importer.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <climits>
#include <memory>
#include <mutex>

#include "engine/import/import_common.h"

namespace frontseat {

namespace {

void silence(const std::string&, void*) {}

std::string toUtf8(const poppler::ustring& s) {
  const poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

bool isAsciiLower(unsigned char c) { return c >= 'a' && c <= 'z'; }

// A lower-case letter starts at text[i]: a..z, or Latin-1 ß..ÿ (U+00DF..U+00FF but
// not ÷), or the Latin Extended-A lower-case letters (odd code points U+0101..).
bool startsLower(const std::string& text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (isAsciiLower(c)) return true;
  if (i + 1 >= text.size()) return false;
  const auto d = static_cast<unsigned char>(text[i + 1]);
  if (c == 0xC3) return d >= 0x9F && d <= 0xBF && d != 0xB7;
  if (c == 0xC4 || c == 0xC5) return (d & 1) == 1;
  return false;
}

// A letter ends at text[end-1]: ASCII letter, or the last byte of a multi-byte
// character (taken as a letter; punctuation there is rare).
bool endsWithLetter(const std::string& text, std::size_t end) {
  if (end == 0) return false;
  const auto c = static_cast<unsigned char>(text[end - 1]);
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return c >= 0x80 && (c & 0xC0) == 0x80;
}

}  // namespace

std::string joinHyphenatedLines(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t nl = text.find('\n', i);
    if (nl == std::string::npos) {
      out.append(text, i, std::string::npos);
      break;
    }
    // The line text[i, nl); does it end with a hyphen after a letter?
    std::size_t hyphen = std::string::npos;
    if (nl > i && text[nl - 1] == '-') {
      hyphen = nl - 1;
    } else if (nl >= i + 2 && text.compare(nl - 2, 2, "\xC2\xAD") == 0) {  // soft hyphen
      hyphen = nl - 2;
    } else if (nl >= i + 3 && text.compare(nl - 3, 3, "\xE2\x80\x90") == 0) {  // U+2010
      hyphen = nl - 3;
    }
    const std::size_t next = nl + 1;
    if (hyphen != std::string::npos && hyphen > i && endsWithLetter(text, hyphen) &&
        next < text.size() && startsLower(text, next)) {
      // Move the rest of the word up: "exam-\nple is" -> "example\nis".
      out.append(text, i, hyphen - i);
      std::size_t wordEnd = next;
      while (wordEnd < text.size() && text[wordEnd] != ' ' && text[wordEnd] != '\n' &&
             text[wordEnd] != '\t') {
        ++wordEnd;
      }
      out.append(text, next, wordEnd - next);
      std::size_t rest = wordEnd;
      while (rest < text.size() && (text[rest] == ' ' || text[rest] == '\t')) ++rest;
      if (rest < text.size() && text[rest] == '\n') {
        i = rest;  // the next line held only the word: continue at its line break
      } else if (rest < text.size()) {
        out.push_back('\n');
        i = rest;
      } else {
        i = rest;
      }
      continue;
    }
    out.append(text, i, next - i);
    i = next;
  }
  return out;
}

ImportedDocument importPdf(const std::filesystem::path& path, const std::string& bytes) {
  static std::once_flag quiet;
  std::call_once(quiet, [] { poppler::set_debug_error_function(silence, nullptr); });

  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    import::fail(path, "the PDF is too large (over 2 GB).");
  }
  std::unique_ptr<poppler::document> pdf(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!pdf) {
    if (bytes.find("/Encrypt") != std::string::npos) {
      import::fail(path, "the PDF is encrypted (password-protected); remove the password to "
                         "open it here.");
    }
    import::fail(path, "it is not a readable PDF (the file is damaged or not a PDF).");
  }
  if (pdf->is_locked()) {
    import::fail(path, "the PDF is encrypted (password-protected); remove the password to open "
                       "it here.");
  }
  const int pageCount = pdf->pages();
  if (pageCount <= 0) import::fail(path, "it is not a readable PDF (it has no pages).");

  ImportedDocument doc;
  doc.format = "pdf";
  import::TextBuilder builder;
  for (int i = 0; i < pageCount; ++i) {
    std::unique_ptr<poppler::page> page(pdf->create_page(i));
    std::string text;
    if (page) {
      text = toUtf8(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout));
    }
    const auto range = builder.addBlock(joinHyphenatedLines(import::normalizeText(text)));
    doc.pages.push_back(DocumentPage{range.first, range.second, i + 1});
  }
  builder.finish(doc);
  import::requireText(path, doc,
                      " (its pages may be scanned images; run OCR on it first).");
  doc.title = import::collapseWhitespace(toUtf8(pdf->info_key("Title")));
  if (doc.title.empty()) doc.title = import::titleFromPath(path);
  return doc;
}

}  // namespace frontseat
