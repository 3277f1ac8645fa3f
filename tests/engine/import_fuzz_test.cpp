// Fuzz-style smoke tests: random and mutated inputs through the in-memory importers
// must either import (keeping the text invariants) or throw InputError; never anything
// else. The libFuzzer targets in tests/fuzz/ do the same at length.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "engine/core/errors.h"
#include "engine/import/docx_importer.h"
#include "engine/import/epub_importer.h"
#include "engine/import/html_importer.h"
#include "engine/import/imported_document.h"
#include "engine/import/pdf_importer.h"
#include "engine/import/text_importer.h"
#include "engine/text/utf8.h"
#include "tests/engine/test_paths.h"

namespace frontseat {
namespace {

std::string readFixture(const std::string& name) {
  std::ifstream in(testing::sourceDir() / "tests" / "fixtures" / "documents" / name,
                   std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class Mutator {
 public:
  explicit Mutator(unsigned seed) : rng_(seed) {}

  std::size_t below(std::size_t n) { return n == 0 ? 0 : rng_() % n; }

  std::string randomBytes(std::size_t maxLen) {
    std::string s(below(maxLen + 1), '\0');
    for (char& c : s) c = static_cast<char>(rng_());
    return s;
  }

  // Text-like random input: markup characters, UTF-8 fragments, controls.
  std::string randomText(std::size_t maxLen) {
    static const char* const kPieces[] = {
        "<",  ">",  "</", "/>",  "&",     "&amp;", "&#x",  ";",     "<p>", "<td>", "<tr>",
        "<table>", "<h1>", "</h1>", "<li>", "<script>", "</script>", "<pre>", "<br>", "#", "\n",
        "\r", "\t", " ", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xC3", "\xFF\xFE",
        "\xFE\xFF", "\xEF\xBB\xBF", "\0", "\x01", "---", "===", "```", "-\n", "a", "Z", "0"};
    std::string s;
    const std::size_t n = below(maxLen / 2 + 1);
    for (std::size_t i = 0; i < n && s.size() < maxLen; ++i) {
      const char* piece = kPieces[below(sizeof kPieces / sizeof *kPieces)];
      s.append(piece, piece[0] == '\0' ? 1 : std::char_traits<char>::length(piece));
    }
    return s;
  }

  std::string mutate(std::string s) {
    const std::size_t edits = 1 + below(8);
    for (std::size_t e = 0; e < edits; ++e) {
      switch (below(6)) {
        case 0:  // flip bits
          if (!s.empty()) s[below(s.size())] ^= static_cast<char>(1 << below(8));
          break;
        case 1:  // random byte
          if (!s.empty()) s[below(s.size())] = static_cast<char>(rng_());
          break;
        case 2:  // insert bytes
          s.insert(below(s.size() + 1), randomBytes(8));
          break;
        case 3:  // erase a range
          if (!s.empty()) {
            const std::size_t at = below(s.size());
            s.erase(at, below(s.size() - at + 1));
          }
          break;
        case 4:  // truncate
          s.resize(below(s.size() + 1));
          break;
        case 5: {  // duplicate a slice
          if (!s.empty()) {
            const std::size_t at = below(s.size());
            s.insert(below(s.size() + 1), s.substr(at, below(64)));
          }
          break;
        }
      }
    }
    return s;
  }

 private:
  std::mt19937 rng_;
};

void checkInvariants(const ImportedDocument& doc) {
  EXPECT_FALSE(findInvalidUtf8(doc.text).has_value());
  EXPECT_EQ(doc.text.find('\0'), std::string::npos);
  EXPECT_EQ(doc.text.find('\r'), std::string::npos);
  EXPECT_EQ(doc.text.find("\n\n\n"), std::string::npos);
  for (const auto& h : doc.headings) EXPECT_LE(h.offset, doc.text.size());
  for (const auto& p : doc.pages) {
    EXPECT_LE(p.begin, p.end);
    EXPECT_LE(p.end, doc.text.size());
  }
}

using Importer = std::function<ImportedDocument(const std::string&)>;

// Runs `importer` on `inputs`; returns how many imported without an error.
int runAll(const Importer& importer, const std::vector<std::string>& inputs) {
  int imported = 0;
  for (const std::string& input : inputs) {
    try {
      checkInvariants(importer(input));
      ++imported;
    } catch (const InputError&) {
    } catch (const std::exception& e) {
      ADD_FAILURE() << "unexpected exception: " << e.what();
    }
  }
  return imported;
}

std::vector<std::string> corpus(unsigned seed, const std::vector<std::string>& seeds, int count) {
  Mutator m(seed);
  std::vector<std::string> inputs;
  for (int i = 0; i < count; ++i) {
    switch (i % 4) {
      case 0:
        inputs.push_back(m.randomBytes(512));
        break;
      case 1:
        inputs.push_back(m.randomText(512));
        break;
      default:
        inputs.push_back(m.mutate(seeds[m.below(seeds.size())]));
    }
  }
  return inputs;
}

TEST(ImportFuzz, TextDecoder) {
  const std::vector<std::string> seeds = {readFixture("utf16le.txt"), readFixture("windows1252.txt"),
                                          readFixture("notes.md"), "plain ascii\n"};
  const auto inputs = corpus(1, seeds, 2000);
  const int a = runAll([](const std::string& b) { return importText("fuzz.txt", b); }, inputs);
  const int b = runAll([](const std::string& b) { return importMarkdown("fuzz.md", b); }, inputs);
  EXPECT_GT(a, 100);  // the decoder is lenient: most mutated text still imports
  EXPECT_EQ(a, b);
}

TEST(ImportFuzz, HtmlExtractor) {
  const std::vector<std::string> seeds = {readFixture("page.html"),
                                          "<table><tr><td>a<td>b<tr><td>c</table>",
                                          "<ul><li>x<ol><li>y</ol></ul><pre>p\n q</pre>"};
  const auto inputs = corpus(2, seeds, 2000);
  runAll([](const std::string& b) { return importHtml("fuzz.html", b); }, inputs);
  runAll([](const std::string& b) { return htmlToDocument(b, "fuzz.html"); }, inputs);
}

TEST(ImportFuzz, DocxAndEpub) {
  const auto docx = corpus(3, {readFixture("report.docx")}, 400);
  runAll([](const std::string& b) { return importDocx("fuzz.docx", b); }, docx);
  const auto epub = corpus(4, {readFixture("book.epub")}, 400);
  runAll([](const std::string& b) { return importEpub("fuzz.epub", b); }, epub);
}

TEST(ImportFuzz, Pdf) {
  const auto inputs = corpus(5, {readFixture("multipage.pdf")}, 300);
  runAll([](const std::string& b) { return importPdf("fuzz.pdf", b); }, inputs);
}

}  // namespace
}  // namespace frontseat
