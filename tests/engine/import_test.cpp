// Document importers on committed fixtures (tests/fixtures/documents; sources and the
// commands that made them in tests/fixtures/documents/sources/make_fixtures.sh), and
// the one-line errors for bad input.
#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/errors.h"
#include "engine/import/html_importer.h"
#include "engine/import/import_common.h"
#include "engine/import/imported_document.h"
#include "engine/import/pdf_importer.h"
#include "engine/import/text_importer.h"
#include "engine/text/utf8.h"
#include "tests/engine/test_paths.h"

namespace frontseat {
namespace {

namespace fs = std::filesystem;
using frontseat::testing::scratchDir;
using frontseat::testing::sourceDir;

fs::path fixture(const std::string& name) {
  return sourceDir() / "tests" / "fixtures" / "documents" / name;
}

std::string readBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeBytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// The invariants every imported document keeps.
void expectNormalized(const ImportedDocument& doc) {
  const std::string& t = doc.text;
  ASSERT_FALSE(t.empty());
  EXPECT_FALSE(findInvalidUtf8(t).has_value());
  EXPECT_EQ(t.find('\r'), std::string::npos);
  EXPECT_EQ(t.find('\0'), std::string::npos);
  EXPECT_EQ(t.find("\n\n\n"), std::string::npos);
  EXPECT_EQ(t.find(" \n"), std::string::npos);
  EXPECT_EQ(t.find("\t\n"), std::string::npos);
  EXPECT_NE(t.front(), '\n');
  EXPECT_TRUE(t.back() != '\n' && t.back() != ' ' && t.back() != '\t');
  for (unsigned char c : t) EXPECT_TRUE(c >= 0x20 || c == '\n' || c == '\t') << int(c);
  for (const auto& h : doc.headings) {
    ASSERT_LT(h.offset, t.size());
    EXPECT_TRUE(h.offset == 0 || t[h.offset - 1] == '\n');
    EXPECT_FALSE(h.title.empty());
  }
  std::size_t previous = 0;
  for (const auto& p : doc.pages) {
    EXPECT_LE(previous, p.begin);
    EXPECT_LE(p.begin, p.end);
    EXPECT_LE(p.end, t.size());
    previous = p.end;
  }
}

// Runs `f`, which must throw InputError with a one-line message naming `file`
// and containing `part`.
template <typename F>
void expectInputError(F f, const fs::path& file, const std::string& part) {
  try {
    f();
    ADD_FAILURE() << "no InputError for " << file;
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(file.filename().string()), std::string::npos) << message;
    EXPECT_NE(message.find(part), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
}

void expectImportError(const fs::path& file, const std::string& part,
                       const ImportLimits& limits = {}) {
  expectInputError([&] { importDocument(file, limits); }, file, part);
}

TEST(ImportPdf, MultiPageFixture) {
  const ImportedDocument doc = importDocument(fixture("multipage.pdf"));
  expectNormalized(doc);
  EXPECT_EQ(doc.format, "pdf");
  EXPECT_EQ(doc.title, "Three Pages of Frontseat");
  ASSERT_EQ(doc.pages.size(), 3u);
  auto page = [&](int i) {
    const auto& p = doc.pages[static_cast<std::size_t>(i)];
    EXPECT_EQ(p.number, i + 1);
    return doc.text.substr(p.begin, p.end - p.begin);
  };
  EXPECT_EQ(page(0),
            "Page one begins here. We met at a caf\u00e9 in Z\u00fcrich.\n"
            "This line ends with an example of a hyphenated line break.");
  EXPECT_EQ(page(1), "Page two talks about a na\u00efve reader.");
  EXPECT_EQ(page(2), "Page three is the last page.");
  EXPECT_EQ(doc.pages[0].begin, 0u);
  EXPECT_EQ(doc.pages[2].end, doc.text.size());
  EXPECT_EQ(doc.text.substr(doc.pages[0].end, doc.pages[1].begin - doc.pages[0].end), "\n\n");
}

TEST(ImportPdf, JoinsHyphenatedLineBreaks) {
  EXPECT_EQ(joinHyphenatedLines("an exam-\nple of it"), "an example\nof it");
  EXPECT_EQ(joinHyphenatedLines("an exam-\nple\nnext"), "an example\nnext");
  EXPECT_EQ(joinHyphenatedLines("end exam-\nple"), "end example");
  EXPECT_EQ(joinHyphenatedLines("na\u00ef-\nve reader"), "na\u00efve\nreader");
  EXPECT_EQ(joinHyphenatedLines("caf-\n\u00e9s here"), "caf\u00e9s\nhere");
  EXPECT_EQ(joinHyphenatedLines("soft\u00ad\nhyphen x"), "softhyphen\nx");
  // Not joined: upper case next, a lone dash, a number, the last line.
  EXPECT_EQ(joinHyphenatedLines("Z\u00fcrich-\nBern"), "Z\u00fcrich-\nBern");
  EXPECT_EQ(joinHyphenatedLines("a list -\nitem"), "a list -\nitem");
  EXPECT_EQ(joinHyphenatedLines("pages 10-\n12"), "pages 10-\n12");
  EXPECT_EQ(joinHyphenatedLines("trailing-"), "trailing-");
  EXPECT_EQ(joinHyphenatedLines("-\nx"), "-\nx");
}

TEST(ImportPdf, EncryptedIsRejected) {
  expectImportError(fixture("encrypted.pdf"), "encrypted");
}

TEST(ImportPdf, TruncatedIsRejected) {
  const auto dir = scratchDir("import_pdf_truncated");
  const std::string bytes = readBytes(fixture("multipage.pdf"));
  for (const std::size_t keep : {bytes.size() / 10, bytes.size() / 2, bytes.size() * 9 / 10}) {
    const auto file = dir / ("truncated-" + std::to_string(keep) + ".pdf");
    writeBytes(file, bytes.substr(0, keep));
    expectImportError(file, "is not a readable PDF");
  }
}

TEST(ImportPdf, NotAPdfIsRejected) {
  const auto file = scratchDir("import_pdf_fake") / "fake.pdf";
  writeBytes(file, "just some text\n");
  expectImportError(file, "is not a readable PDF");
}

TEST(ImportDocx, Fixture) {
  const ImportedDocument doc = importDocument(fixture("report.docx"));
  expectNormalized(doc);
  EXPECT_EQ(doc.format, "docx");
  EXPECT_EQ(doc.title, "Quarterly Report \u00dcn\u00efcode");
  EXPECT_EQ(doc.text,
            "Quarterly Report \u00dcn\u00efcode\n\n"
            "Frontseat tests\n\n"
            "Introduction\n\n"
            "The caf\u00e9 in Z\u00fcrich served cr\u00e8me br\u00fbl\u00e9e to a na\u00efve "
            "visitor.\n\n"
            "Details\n\n"
            "City\tDish\nZ\u00fcrich\tR\u00f6sti\nParis\tCr\u00eape\n\n"
            "Conclusion\n\n"
            "Ends here \u2014 with an em dash.\nA second line after a break.");
  ASSERT_EQ(doc.headings.size(), 4u);
  const std::pair<int, std::string> expected[] = {
      {1, "Quarterly Report \u00dcn\u00efcode"}, {1, "Introduction"}, {2, "Details"},
      {1, "Conclusion"}};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(doc.headings[i].level, expected[i].first);
    EXPECT_EQ(doc.headings[i].title, expected[i].second);
    EXPECT_EQ(doc.text.compare(doc.headings[i].offset, expected[i].second.size(),
                               expected[i].second),
              0);
  }
}

TEST(ImportDocx, ZipThatIsNotAWordDocument) {
  expectImportError(fixture("not_a_docx.docx"), "not a Word document");
}

TEST(ImportDocx, DamagedZip) {
  const auto file = scratchDir("import_docx_damaged") / "damaged.docx";
  const std::string bytes = readBytes(fixture("report.docx"));
  writeBytes(file, bytes.substr(0, bytes.size() / 2));
  expectImportError(file, "not a readable Word document");
}

TEST(ImportDocx, OleFileIsEncryptedOrLegacy) {
  const auto dir = scratchDir("import_docx_ole");
  const std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + std::string(504, '\0'));
  writeBytes(dir / "locked.docx", ole);
  writeBytes(dir / "old.doc", ole);
  expectImportError(dir / "locked.docx", "encrypted");
  expectImportError(dir / "old.doc", "legacy");
}

TEST(ImportEpub, Fixture) {
  const ImportedDocument doc = importDocument(fixture("book.epub"));
  expectNormalized(doc);
  EXPECT_EQ(doc.format, "epub");
  EXPECT_EQ(doc.title, "A Small Book");
  const std::string chapters =
      "The First Chapter\n\n"
      "It was a na\u00efve beginning in Z\u00fcrich.\n\n"
      "Second paragraph of chapter one.\n\n"
      "The Second Chapter\n\n"
      "The caf\u00e9 closed at night & everyone left.\n\n"
      "apples\npears";
  ASSERT_GE(doc.text.size(), chapters.size());
  EXPECT_EQ(doc.text.substr(doc.text.size() - chapters.size()), chapters);
  std::vector<std::string> titles;
  for (const auto& h : doc.headings) {
    titles.push_back(h.title);
    EXPECT_EQ(doc.text.compare(h.offset, h.title.size(), h.title), 0);
  }
  const std::vector<std::string> expected = {"A Small Book", "The First Chapter",
                                             "The Second Chapter"};
  EXPECT_EQ(titles, expected);
}

TEST(ImportEpub, ZipWithoutContainer) {
  const auto file = scratchDir("import_epub_plain_zip") / "plain.epub";
  fs::copy_file(fixture("not_a_docx.docx"), file);
  expectImportError(file, "not an EPUB book");
}

TEST(ImportHtml, Fixture) {
  const ImportedDocument doc = importDocument(fixture("page.html"));
  expectNormalized(doc);
  EXPECT_EQ(doc.format, "html");
  EXPECT_EQ(doc.title, "Caf\u00e9 Guide & Notes");
  EXPECT_EQ(doc.text,
            "Welcome to Z\u00fcrich\n\n"
            "Fish & chips cost \u20ac5 \u2014 a great deal.\n\n"
            "Menu\n\n"
            "Coffee\nTea <hot>\n\n"
            "Item\tPrice\nCroissant\t2\u00a0CHF\n\n"
            "Line one\nline two\n\n"
            "  code  block\n    indented");
  ASSERT_EQ(doc.headings.size(), 2u);
  EXPECT_EQ(doc.headings[0].level, 1);
  EXPECT_EQ(doc.headings[0].title, "Welcome to Z\u00fcrich");
  EXPECT_EQ(doc.headings[0].offset, 0u);
  EXPECT_EQ(doc.headings[1].level, 2);
  EXPECT_EQ(doc.headings[1].title, "Menu");
  EXPECT_EQ(doc.text.compare(doc.headings[1].offset, 4, "Menu"), 0);
}

TEST(ImportHtml, InMemoryEdgeCases) {
  // No <title>: the first h1; headings inside table cells stay in the cell.
  ImportedDocument doc =
      htmlToDocument("<h2>Sub</h2><h1>Main <i>Title</i></h1><table><tr><td><h3>x</h3></td>"
                     "<td><p>a</p><p>b</p></td></tr></table>");
  EXPECT_EQ(doc.title, "Main Title");
  EXPECT_EQ(doc.text, "Sub\n\nMain Title\n\nx\ta b");
  // Unclosed script swallows nothing visible; empty input gives empty text.
  EXPECT_EQ(htmlToDocument("<script>alert(1)").text, "");
  EXPECT_EQ(htmlToDocument("").text, "");
  // Nesting beyond the limit is refused (gumbo would take minutes).
  std::string deep;
  for (int i = 0; i <= kMaxHtmlNesting + 10; ++i) deep += "<div>";
  expectInputError([&] { htmlToDocument(deep, "deep.html"); }, "deep.html", "nested");
  // Windows-1252 HTML is decoded.
  doc = importHtml("legacy.html", "<p>caf\xe9 \x93quoted\x94</p>");
  EXPECT_EQ(doc.text, "caf\u00e9 \u201cquoted\u201d");
  EXPECT_EQ(doc.title, "legacy");
}

TEST(ImportText, Utf16LittleEndianWithBom) {
  const ImportedDocument doc = importDocument(fixture("utf16le.txt"));
  expectNormalized(doc);
  EXPECT_EQ(doc.format, "txt");
  EXPECT_EQ(doc.title, "utf16le");
  EXPECT_EQ(doc.text,
            "Hello UTF-16 world.\nCaf\u00e9 in Z\u00fcrich, na\u00efve \u20ac \U0001F600.");
  EXPECT_TRUE(doc.headings.empty());
  EXPECT_TRUE(doc.pages.empty());
}

TEST(ImportText, Windows1252Fallback) {
  const ImportedDocument doc = importDocument(fixture("windows1252.txt"));
  expectNormalized(doc);
  EXPECT_EQ(doc.text,
            "\u201cQuoted\u201d caf\u00e9 \u2014 na\u00efve.\nSecond line \u20ac5.");
}

TEST(ImportText, InMemoryEncodings) {
  using namespace std::string_literals;
  EXPECT_EQ(importText("a.txt", "\xEF\xBB\xBFhi\r\nthere\r").text, "hi\nthere");
  EXPECT_EQ(importText("a.txt", "\xFE\xFF\0h\0i\0\n\x00\xe9"s).text, "hi\n\u00e9");
  EXPECT_EQ(importText("a.txt", "h\0e\0l\0l\0o\0 \0w\0o\0r\0l\0d\0"s).text, "hello world");
  EXPECT_EQ(importText("a.txt", "\xFF\xFE\0\0h\0\0\0"s).text, "h");
  // Mostly UTF-8 with one stray byte: kept as UTF-8, the byte replaced.
  EXPECT_EQ(importText("a.txt", "caf\xC3\xA9 na\xC3\xAFve \xFF end").text,
            "caf\u00e9 na\u00efve \uFFFD end");
  // Lone CR, form feeds, controls, blank-line runs and trailing spaces.
  EXPECT_EQ(importText("a.txt", "\n\n  a  \r\rb\x01\x7f\n\n\n\n\fc\t \n\n").text,
            "  a\n\nb\n\nc");
  expectInputError([] { importText("blank.txt", " \n\t\n"); }, "blank.txt", "no text");
}

TEST(ImportText, NormalizeTextIsIdempotent) {
  const std::string once = import::normalizeText("x \r\n\r\n\r\n y\xC2\x85z\xE2\x80\xA8w\xC0");
  EXPECT_EQ(once, "x\n\n y\nz\nw\uFFFD");  // NEL and LS are line breaks
  EXPECT_EQ(import::normalizeText(once), once);
}

TEST(ImportMarkdown, Fixture) {
  const ImportedDocument doc = importDocument(fixture("notes.md"));
  expectNormalized(doc);
  EXPECT_EQ(doc.format, "md");
  EXPECT_EQ(doc.title, "Notes on Caf\u00e9s");
  EXPECT_EQ(doc.text,
            "# Notes on Caf\u00e9s\n\nIntro text.\n\n## Z\u00fcrich\n\nThe old town.\n\n"
            "```\n# not a heading\n```\n\nSetext Heading\n---\n\nBody.");
  ASSERT_EQ(doc.headings.size(), 3u);
  EXPECT_EQ(doc.headings[0].level, 1);
  EXPECT_EQ(doc.headings[0].title, "Notes on Caf\u00e9s");
  EXPECT_EQ(doc.headings[0].offset, 0u);
  EXPECT_EQ(doc.headings[1].level, 2);
  EXPECT_EQ(doc.headings[1].title, "Z\u00fcrich");
  EXPECT_EQ(doc.text.compare(doc.headings[1].offset, 3, "## "), 0);
  EXPECT_EQ(doc.headings[2].level, 2);
  EXPECT_EQ(doc.headings[2].title, "Setext Heading");
  EXPECT_EQ(doc.text.compare(doc.headings[2].offset, 14, "Setext Heading"), 0);
}

TEST(ImportMarkdown, AtxDetails) {
  const ImportedDocument doc =
      importMarkdown("m.md", "#NotHeading\n### Three ###\n    # indented code\n####### seven\n");
  ASSERT_EQ(doc.headings.size(), 1u);
  EXPECT_EQ(doc.headings[0].level, 3);
  EXPECT_EQ(doc.headings[0].title, "Three");
  EXPECT_EQ(doc.title, "Three");
}

TEST(ImportDispatch, SniffsContentOverExtension) {
  const auto dir = scratchDir("import_sniff");
  fs::copy_file(fixture("multipage.pdf"), dir / "actually-pdf.txt");
  fs::copy_file(fixture("report.docx"), dir / "report.zip");
  fs::copy_file(fixture("book.epub"), dir / "book");
  writeBytes(dir / "page", "<!DOCTYPE html><title>T</title><p>Hello</p>");
  writeBytes(dir / "README", "plain words\n");
  writeBytes(dir / "UPPER.MD", "# Big\n");
  EXPECT_EQ(importDocument(dir / "actually-pdf.txt").format, "pdf");
  EXPECT_EQ(importDocument(dir / "report.zip").format, "docx");
  EXPECT_EQ(importDocument(dir / "book").format, "epub");
  EXPECT_EQ(importDocument(dir / "page").format, "html");
  EXPECT_EQ(importDocument(dir / "README").format, "txt");
  EXPECT_EQ(importDocument(dir / "UPPER.MD").format, "md");
}

TEST(ImportErrors, FileLevelProblems) {
  const auto dir = scratchDir("import_errors");
  expectImportError(dir / "missing.txt", "does not exist");
  fs::create_directories(dir / "folder.txt");
  expectImportError(dir / "folder.txt", "folder");
  writeBytes(dir / "empty.txt", "");
  expectImportError(dir / "empty.txt", "empty");
  writeBytes(dir / "notes.rtf", "{\\rtf1 hello}");
  expectImportError(dir / "notes.rtf", "not supported");
  // A sparse file over the limit: refused from its size, without reading it.
  const auto big = dir / "huge.txt";
  writeBytes(big, "x");
  fs::resize_file(big, std::uintmax_t(3) << 20);
  ImportLimits limits;
  limits.max_file_bytes = std::uintmax_t(1) << 20;
  expectImportError(big, "the largest document Frontseat reads is 1 MB", limits);
}

TEST(ImportErrors, BinaryJunkNamedTxt) {
  const auto dir = scratchDir("import_junk");
  std::mt19937 rng(7);
  std::string junk(4096, '\0');
  for (char& c : junk) c = static_cast<char>(rng());
  writeBytes(dir / "junk.txt", junk);
  expectImportError(dir / "junk.txt", "binary");
  // Without NUL bytes, caught by the share of control characters.
  for (char& c : junk) {
    if (c == '\0') c = 1;
  }
  writeBytes(dir / "junk2.txt", junk);
  expectImportError(dir / "junk2.txt", "binary");
  // An ELF-like header with NULs, named .md.
  writeBytes(dir / "prog.md", std::string("\x7F" "ELF\x02\x01\x01\0\0\0\0\0", 12));
  expectImportError(dir / "prog.md", "binary");
}

TEST(ImportErrors, UnreadableFile) {
  if (::getuid() == 0) GTEST_SKIP() << "root can read any file";
  const auto file = scratchDir("import_unreadable") / "secret.txt";
  writeBytes(file, "hidden");
  fs::permissions(file, fs::perms::none);
  expectImportError(file, "ermission");
}

TEST(ImportText, TitleIsAShortFirstLineElseTheFileName) {
  const auto doc = importDocument(testing::sourceDir() / "resources/samples/harbor-report.txt");
  EXPECT_EQ(doc.title, "Annual Report of the Saltmarsh Harbor Cooperative");
  const auto sentence = importDocument(testing::sourceDir() / "tests/fixtures/documents/utf16le.txt");
  EXPECT_EQ(sentence.title, "utf16le");  // its first line is a sentence
}

std::vector<std::pair<int, std::string>> levelsAndTitles(const ImportedDocument& doc) {
  std::vector<std::pair<int, std::string>> out;
  for (const auto& h : doc.headings) {
    EXPECT_EQ(doc.text.compare(h.offset, h.title.size(), h.title), 0) << h.title;
    out.emplace_back(h.level, h.title);
  }
  return out;
}

// Plain text has headings by layout: the sample report's numbered sections stand
// alone; the Factbook sample's countries stand alone over sections whose first line
// heads their prose, while its "Field: value" lines head nothing.
TEST(ImportText, HeadingsFromLayout) {
  const auto report = importDocument(sourceDir() / "resources/samples/harbor-report.txt");
  expectNormalized(report);
  const auto sections = levelsAndTitles(report);
  ASSERT_EQ(sections.size(), 9u);
  EXPECT_EQ(sections[0], std::make_pair(1, std::string("Annual Report of the Saltmarsh Harbor Cooperative")));
  EXPECT_EQ(sections[1], std::make_pair(1, std::string("1. Overview")));
  EXPECT_EQ(sections[8], std::make_pair(1, std::string("8. Key figures")));

  const auto profiles = importDocument(sourceDir() / "resources/samples/world-factbook-profiles.txt");
  const auto outline = levelsAndTitles(profiles);
  ASSERT_GE(outline.size(), 6u);
  EXPECT_EQ(outline[1], std::make_pair(1, std::string("Andorra (Principality of Andorra)")));
  EXPECT_EQ(outline[2], std::make_pair(2, std::string("Geography of Andorra")));
  EXPECT_EQ(outline[5], std::make_pair(2, std::string("Economy of Andorra")));
  EXPECT_EQ(outline.size(), 226u);  // the title, and every country with its 4 sections
  for (const auto& [level, title] : outline) EXPECT_EQ(title.find(':'), std::string::npos) << title;
}

// Hard-wrapped prose, sentences, lists and verse head nothing.
TEST(ImportText, NoHeadingsWhereLayoutShowsNone) {
  const auto dir = scratchDir("import_text_headings");
  writeBytes(dir / "prose.txt",
             "It was a bright cold day in April, and the clocks were striking\n"
             "thirteen. Winston Smith, his chin nuzzled into his breast in an\n"
             "effort to escape the vile wind, slipped quickly through the glass\n\n"
             "The hallway smelt of boiled cabbage and old rag mats. At one end of\n"
             "it a coloured poster, too large for indoor display, had been tacked\n\n"
             "Then it stopped.\n\n"
             "- Milk\n\n"
             "and so it went on\n");
  EXPECT_TRUE(importDocument(dir / "prose.txt").headings.empty());
  writeBytes(dir / "list.txt", "Apples\n\nPears\n\nPlums\n\nThe end of the list, which is short.\n");
  EXPECT_TRUE(importDocument(dir / "list.txt").headings.empty());
}

}  // namespace
}  // namespace frontseat
