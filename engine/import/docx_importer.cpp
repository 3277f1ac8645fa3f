#include "engine/import/docx_importer.h"

#include <cstdlib>
#include <map>

#include "engine/import/import_common.h"
#include "engine/import/xml_util.h"
#include "engine/import/zip_archive.h"

namespace frontseat {

namespace {

using import::attrNamed;
using import::childNamed;
using import::isNamed;
using import::localName;

const char* const kKind = "Word document";
constexpr int kMaxDepth = 200;  // element nesting we follow (sdt, tables in tables, ...)

constexpr int kTitleLevel = 100;  // internal marker for the Title style

// "Heading 2", "heading2", "Heading2Char" -> 2; "Title" -> kTitleLevel; else 0.
int levelFromStyleName(const std::string& name) {
  const std::string lower = import::lowerAscii(name);
  if (lower == "title") return kTitleLevel;
  if (lower.rfind("heading", 0) != 0) return 0;
  std::size_t i = 7;
  while (i < lower.size() && lower[i] == ' ') ++i;
  if (i + 1 != lower.size() || lower[i] < '1' || lower[i] > '9') return 0;
  return lower[i] - '0';
}

// The directory part of a zip entry name, with a trailing slash ("word/").
std::string dirOf(const std::string& name) {
  const auto slash = name.rfind('/');
  return slash == std::string::npos ? std::string() : name.substr(0, slash + 1);
}

class DocxReader {
 public:
  DocxReader(const std::filesystem::path& path, const std::string& bytes)
      : path_(path), zip_(path, bytes, kKind) {}

  ImportedDocument read() {
    const std::string mainPart = findMainPart();
    const auto xml = zip_.read(mainPart);
    if (!xml) {
      import::fail(path_, "it is a zip archive but not a Word document (it has no " + mainPart +
                              ").");
    }
    loadStyles(dirOf(mainPart) + "styles.xml");
    pugi::xml_document dom;
    import::parseXml(dom, *xml, path_, kKind, mainPart);
    const pugi::xml_node body = childNamed(childNamed(dom, "document"), "body");
    if (!body) {
      import::fail(path_, "it is not a readable Word document (" + mainPart +
                              " has no document body).");
    }
    blocks(body, 0);

    ImportedDocument doc;
    doc.format = "docx";
    builder_.finish(doc);
    import::requireText(path_, doc);
    doc.title = coreTitle();
    if (doc.title.empty()) doc.title = titleParagraph_;
    if (doc.title.empty() && !doc.headings.empty()) doc.title = doc.headings.front().title;
    if (doc.title.empty()) doc.title = import::titleFromPath(path_);
    return doc;
  }

 private:
  void tooDeep() {
    import::fail(path_, "it is not a readable Word document (its XML is nested more than " +
                            std::to_string(kMaxDepth) + " levels deep).");
  }

  // The officeDocument target of _rels/.rels, else word/document.xml.
  std::string findMainPart() {
    const std::string fallback = "word/document.xml";
    const auto rels = zip_.read("_rels/.rels", std::size_t(4) << 20);
    if (!rels) return fallback;
    pugi::xml_document dom;
    if (!dom.load_buffer(rels->data(), rels->size())) return fallback;
    const pugi::xml_node root = childNamed(dom, "Relationships");
    for (pugi::xml_node r = root.first_child(); r; r = r.next_sibling()) {
      const std::string type = attrNamed(r, "Type");
      const std::string suffix = "/officeDocument";
      if (isNamed(r, "Relationship") && type.size() > suffix.size() &&
          type.compare(type.size() - suffix.size(), suffix.size(), suffix) == 0) {
        std::string target = attrNamed(r, "Target");
        while (!target.empty() && target.front() == '/') target.erase(0, 1);
        if (!target.empty() && zip_.contains(target)) return target;
      }
    }
    return fallback;
  }

  void loadStyles(const std::string& part) {
    const auto xml = zip_.read(part);
    if (!xml) return;
    pugi::xml_document dom;
    if (!dom.load_buffer(xml->data(), xml->size())) return;  // styles are optional
    for (pugi::xml_node s = childNamed(dom, "styles").first_child(); s; s = s.next_sibling()) {
      if (!isNamed(s, "style")) continue;
      int level = levelFromStyleName(attrNamed(childNamed(s, "name"), "val"));
      if (level == 0) level = outlineLevel(childNamed(s, "pPr"));
      if (level != 0) styleLevels_[attrNamed(s, "styleId")] = level;
    }
  }

  // w:outlineLvl w:val="0" -> heading level 1 (9 means body text).
  static int outlineLevel(const pugi::xml_node& pPr) {
    const pugi::xml_node lvl = childNamed(pPr, "outlineLvl");
    if (!lvl) return 0;
    const std::string val = attrNamed(lvl, "val");
    if (val.size() != 1 || val[0] < '0' || val[0] > '8') return 0;
    return val[0] - '0' + 1;
  }

  int paragraphLevel(const pugi::xml_node& p) const {
    const pugi::xml_node pPr = childNamed(p, "pPr");
    if (!pPr) return 0;
    if (const int own = outlineLevel(pPr)) return own;
    const std::string style = attrNamed(childNamed(pPr, "pStyle"), "val");
    if (style.empty()) return 0;
    const auto it = styleLevels_.find(style);
    if (it != styleLevels_.end()) return it->second;
    return levelFromStyleName(style);
  }

  // Block-level content: paragraphs, tables and the containers around them.
  void blocks(const pugi::xml_node& parent, int depth) {
    if (depth > kMaxDepth) tooDeep();
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      const std::string name = localName(c.name());
      if (name == "p") {
        paragraph(c, depth);
      } else if (name == "tbl") {
        std::string table;
        tableText(c, table, depth + 1);
        builder_.addBlock(table);
      } else if (name == "sdt") {
        blocks(childNamed(c, "sdtContent"), depth + 1);
      } else if (name == "customXml" || name == "ins" || name == "moveTo" || name == "smartTag" ||
                 name == "AlternateContent" || name == "Choice") {
        blocks(c, depth + 1);
      }
    }
  }

  void paragraph(const pugi::xml_node& p, int depth) {
    std::string text;
    runs(p, text, depth + 1);
    const int level = paragraphLevel(p);
    if (level == 0) {
      builder_.addBlock(text);
    } else {
      builder_.addHeading(level == kTitleLevel ? 1 : level, text);
      if (level == kTitleLevel && titleParagraph_.empty()) {
        titleParagraph_ = import::collapseWhitespace(text);
      }
    }
  }

  // Rows on lines, cells separated by TABs, each cell on one line.
  void tableText(const pugi::xml_node& node, std::string& out, int depth) {
    if (depth > kMaxDepth) tooDeep();
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
      if (isNamed(c, "tr")) {
        if (!out.empty()) out.push_back('\n');
        bool first = true;
        cells(c, out, first, depth + 1);
      } else if (isNamed(c, "sdt") || isNamed(c, "sdtContent") || isNamed(c, "customXml")) {
        tableText(c, out, depth + 1);
      }
    }
  }

  void cells(const pugi::xml_node& row, std::string& out, bool& first, int depth) {
    if (depth > kMaxDepth) tooDeep();
    for (pugi::xml_node c = row.first_child(); c; c = c.next_sibling()) {
      if (isNamed(c, "tc")) {
        std::string cell;
        runs(c, cell, depth + 1);
        if (!first) out.push_back('\t');
        first = false;
        out += import::collapseWhitespace(cell);
      } else if (isNamed(c, "sdt") || isNamed(c, "sdtContent") || isNamed(c, "customXml")) {
        cells(c, out, first, depth + 1);
      }
    }
  }

  // The text of a paragraph's runs (or a cell's paragraphs), in document order.
  void runs(const pugi::xml_node& node, std::string& out, int depth) {
    if (depth > kMaxDepth) tooDeep();
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      const char* name = localName(c.name());
      const std::string n = name;
      if (n == "t") {
        out += import::allText(c);
      } else if (n == "tab" || n == "ptab") {
        out.push_back('\t');
      } else if (n == "br" || n == "cr") {
        out.push_back('\n');
      } else if (n == "noBreakHyphen") {
        out.push_back('-');
      } else if (n == "p") {  // paragraphs in a cell or a text box
        if (!out.empty() && out.back() != '\n') out.push_back('\n');
        runs(c, out, depth + 1);
      } else if (n == "tbl") {
        std::string table;
        tableText(c, table, depth + 1);
        if (!out.empty() && out.back() != '\n') out.push_back('\n');
        out += table;
      } else if (n == "pPr" || n == "rPr" || n == "del" || n == "moveFrom" || n == "delText" ||
                 n == "instrText" || n == "Fallback" || n == "sectPr" || n == "tblPr" ||
                 n == "tcPr" || n == "trPr" || n == "tblGrid" || n == "fldChar") {
        continue;
      } else {
        runs(c, out, depth + 1);
      }
    }
  }

  // dc:title from the core properties part.
  std::string coreTitle() {
    const auto xml = zip_.read("docProps/core.xml", std::size_t(4) << 20);
    if (!xml) return {};
    pugi::xml_document dom;
    if (!dom.load_buffer(xml->data(), xml->size(), pugi::parse_default)) return {};
    return import::collapseWhitespace(import::allText(import::findFirst(dom, "title")));
  }

  std::filesystem::path path_;
  import::ZipArchive zip_;
  std::map<std::string, int> styleLevels_;
  import::TextBuilder builder_;
  std::string titleParagraph_;
};

}  // namespace

ImportedDocument importDocx(const std::filesystem::path& path, const std::string& bytes) {
  return DocxReader(path, bytes).read();
}

}  // namespace frontseat
