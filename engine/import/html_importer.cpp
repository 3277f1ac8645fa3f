#include "engine/import/html_importer.h"

#include <gumbo.h>

#include <algorithm>
#include <memory>
#include <string_view>
#include <vector>

#include "engine/import/import_common.h"
#include "engine/import/text_decode.h"

namespace frontseat {

namespace {

enum class Kind { Inline, Skip, Block, Heading, Line, Table, Row, Cell, Pre, Break };

Kind kindOf(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_META:
      return Kind::Skip;
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
      return Kind::Heading;
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HTML:
      return Kind::Block;
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_OPTION:
      return Kind::Line;
    case GUMBO_TAG_TABLE:
      return Kind::Table;
    case GUMBO_TAG_TR:
      return Kind::Row;
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
      return Kind::Cell;
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_XMP:
      return Kind::Pre;
    case GUMBO_TAG_BR:
      return Kind::Break;
    default:
      return Kind::Inline;
  }
}

bool isHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

class Extractor {
 public:
  void run(const GumboNode* root) {
    struct Frame {
      const GumboNode* node;
      Kind kind;
      unsigned next;
    };
    std::vector<Frame> stack;
    auto enter = [&](const GumboNode* node) {
      if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
          node->type == GUMBO_NODE_WHITESPACE) {
        text(node->v.text.text);
        return;
      }
      if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) return;
      Kind kind = Kind::Block;
      if (node->type == GUMBO_NODE_ELEMENT) {
        kind = kindOf(node->v.element.tag);
        if (kind == Kind::Skip) return;
        open(node, kind);
      }
      stack.push_back({node, kind, 0});
    };
    enter(root);
    while (!stack.empty()) {
      Frame& top = stack.back();
      const GumboVector& children = top.node->type == GUMBO_NODE_DOCUMENT
                                        ? top.node->v.document.children
                                        : top.node->v.element.children;
      if (top.next < children.length) {
        const auto* child = static_cast<const GumboNode*>(children.data[top.next++]);
        enter(child);  // may reallocate `stack`; `top` is not used after this
      } else {
        if (top.node->type == GUMBO_NODE_ELEMENT) close(top.node, top.kind);
        stack.pop_back();
      }
    }
    flush();
  }

  import::TextBuilder builder;
  std::string firstH1;

 private:
  // Inside a table cell or a heading, breaks become spaces so the cell or heading
  // stays on one line.
  bool inline_() const { return cellDepth_ > 0 || headingLevel_ > 0; }

  void open(const GumboNode* node, Kind kind) {
    switch (kind) {
      case Kind::Block:
        inline_() ? softSpace() : flush();
        break;
      case Kind::Heading:
        if (inline_()) {
          softSpace();
        } else {
          flush();
          headingLevel_ = 1 + static_cast<int>(node->v.element.tag - GUMBO_TAG_H1);
        }
        break;
      case Kind::Line:
      case Kind::Break:
        inline_() ? softSpace() : lineBreak();
        break;
      case Kind::Table:
        if (inline_()) {
          softSpace();
        } else {
          flush();
        }
        ++tableDepth_;
        break;
      case Kind::Row:
        inline_() ? softSpace() : lineBreak();
        rowCells_.push_back(0);
        break;
      case Kind::Cell:
        if (cellDepth_ == 0 && !rowCells_.empty() && rowCells_.back()++ > 0) {
          while (!para_.empty() && para_.back() == ' ') para_.pop_back();
          para_.push_back('\t');
          space_ = false;
        } else {
          softSpace();
        }
        ++cellDepth_;
        break;
      case Kind::Pre:
        inline_() ? softSpace() : flush();
        ++preDepth_;
        break;
      default:
        break;
    }
  }

  void close(const GumboNode*, Kind kind) {
    switch (kind) {
      case Kind::Block:
        inline_() ? softSpace() : flush();
        break;
      case Kind::Heading:
        if (headingLevel_ > 0 && cellDepth_ == 0) {
          const std::string title = import::collapseWhitespace(para_);
          if (headingLevel_ == 1 && firstH1.empty()) firstH1 = title;
          builder.addHeading(headingLevel_, title);
          para_.clear();
          space_ = false;
          headingLevel_ = 0;
        } else {
          softSpace();
        }
        break;
      case Kind::Line:
        inline_() ? softSpace() : lineBreak();
        break;
      case Kind::Table:
        --tableDepth_;
        inline_() ? softSpace() : flush();
        break;
      case Kind::Row:
        if (!rowCells_.empty()) rowCells_.pop_back();
        inline_() ? softSpace() : lineBreak();
        break;
      case Kind::Cell:
        --cellDepth_;
        break;
      case Kind::Pre:
        --preDepth_;
        inline_() ? softSpace() : flush();
        break;
      default:
        break;
    }
  }

  void text(const char* s) {
    if (!s) return;
    if (preDepth_ > 0 && !inline_()) {
      if (space_ && !para_.empty() && para_.back() != '\n') para_.push_back(' ');
      space_ = false;
      para_.append(s);
      return;
    }
    for (; *s; ++s) {
      if (isHtmlSpace(*s)) {
        space_ = true;
      } else {
        if (space_ && !para_.empty() && para_.back() != '\n' && para_.back() != '\t') {
          para_.push_back(' ');
        }
        space_ = false;
        para_.push_back(*s);
      }
    }
  }

  void softSpace() { space_ = true; }

  void lineBreak() {
    space_ = false;
    while (!para_.empty() && para_.back() == ' ') para_.pop_back();
    if (!para_.empty() && para_.back() != '\n') para_.push_back('\n');
  }

  void flush() {
    builder.addBlock(para_);
    para_.clear();
    space_ = false;
  }

  std::string para_;
  bool space_ = false;
  int headingLevel_ = 0;
  int cellDepth_ = 0;
  int tableDepth_ = 0;
  int preDepth_ = 0;
  std::vector<int> rowCells_;
};

// The text of the first <title> in <head>.
std::string findTitle(const GumboNode* root) {
  if (root->type != GUMBO_NODE_ELEMENT) return {};
  const GumboVector& top = root->v.element.children;
  for (unsigned i = 0; i < top.length; ++i) {
    const auto* head = static_cast<const GumboNode*>(top.data[i]);
    if (head->type != GUMBO_NODE_ELEMENT || head->v.element.tag != GUMBO_TAG_HEAD) continue;
    const GumboVector& items = head->v.element.children;
    for (unsigned j = 0; j < items.length; ++j) {
      const auto* title = static_cast<const GumboNode*>(items.data[j]);
      if (title->type != GUMBO_NODE_ELEMENT || title->v.element.tag != GUMBO_TAG_TITLE) continue;
      std::string text;
      const GumboVector& parts = title->v.element.children;
      for (unsigned k = 0; k < parts.length; ++k) {
        const auto* part = static_cast<const GumboNode*>(parts.data[k]);
        if (part->type == GUMBO_NODE_TEXT || part->type == GUMBO_NODE_WHITESPACE) {
          text += part->v.text.text;
        }
      }
      return import::collapseWhitespace(text);
    }
  }
  return {};
}

bool isAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// An upper bound, roughly, of how deeply `html` nests elements: open tags count up and
// end tags down, except void elements, self-closing tags and the ones whose end tag is
// usually left out (p, li, td, ...). Script and style content is skipped.
int estimateNesting(std::string_view html) {
  static const char* const kFlat[] = {"area", "base", "br", "col", "embed", "hr", "img",
                                      "input", "link", "meta", "param", "source", "track",
                                      "wbr", "p", "li", "td", "th", "tr", "option", "dt",
                                      "dd", "!", "?"};
  int depth = 0, deepest = 0;
  std::size_t i = 0;
  while ((i = html.find('<', i)) != std::string_view::npos) {
    ++i;
    if (i >= html.size()) break;
    if (html[i] == '/') {
      if (depth > 0) --depth;
      continue;
    }
    if (!isAsciiAlpha(html[i])) continue;
    std::size_t end = i;
    while (end < html.size() && (isAsciiAlpha(html[end]) || (html[end] >= '0' && html[end] <= '9'))) {
      ++end;
    }
    const std::string name = import::lowerAscii(html.substr(i, end - i));
    const std::size_t close = html.find('>', end);
    if (close == std::string_view::npos) break;
    i = close + 1;
    if (html[close - 1] == '/') continue;
    bool flat = false;
    for (const char* f : kFlat) flat = flat || name == f;
    if (flat) continue;
    if (name == "script" || name == "style") {
      const std::string endTag = "</" + name;
      std::size_t stop = i;
      while ((stop = html.find("</", stop)) != std::string_view::npos &&
             import::lowerAscii(html.substr(stop, endTag.size())) != endTag) {
        stop += 2;
      }
      if (stop == std::string_view::npos) break;
      i = stop;
      continue;
    }
    deepest = std::max(deepest, ++depth);
  }
  return deepest;
}

}  // namespace

ImportedDocument htmlToDocument(const std::string& html, const std::filesystem::path& source) {
  if (estimateNesting(html) > kMaxHtmlNesting) {
    import::fail(source, "its HTML is nested more than " + std::to_string(kMaxHtmlNesting) +
                             " levels deep, which Frontseat does not read.");
  }
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // we do not read parse errors; do not collect them
  struct Deleter {
    GumboOptions options;
    void operator()(GumboOutput* out) const { gumbo_destroy_output(&options, out); }
  };
  std::unique_ptr<GumboOutput, Deleter> output(
      gumbo_parse_with_options(&options, html.data(), html.size()), Deleter{options});
  ImportedDocument doc;
  doc.format = "html";
  if (!output) return doc;
  Extractor extractor;
  extractor.run(output->document);
  extractor.builder.finish(doc);
  doc.title = findTitle(output->root);
  if (doc.title.empty()) doc.title = extractor.firstH1;
  return doc;
}

ImportedDocument importHtml(const std::filesystem::path& path, const std::string& bytes) {
  ImportedDocument doc = htmlToDocument(import::decodeText(path, bytes).text, path);
  import::requireText(path, doc);
  if (doc.title.empty()) doc.title = import::titleFromPath(path);
  return doc;
}

}  // namespace frontseat
