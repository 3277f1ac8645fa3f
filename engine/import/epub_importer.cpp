#include "engine/import/epub_importer.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <vector>

#include "engine/import/html_importer.h"
#include "engine/import/import_common.h"
#include "engine/import/text_decode.h"
#include "engine/import/xml_util.h"
#include "engine/import/zip_archive.h"

namespace frontseat {

namespace {

using import::attrNamed;
using import::childNamed;
using import::isNamed;

const char* const kKind = "EPUB book";

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Resolves an href from a file in `baseDir` ("OEBPS/") to a zip entry name: drops the
// fragment, decodes %XX escapes, resolves "." and "..".
std::string resolveHref(const std::string& baseDir, std::string href) {
  if (const auto hash = href.find('#'); hash != std::string::npos) href.resize(hash);
  std::string decoded;
  for (std::size_t i = 0; i < href.size(); ++i) {
    if (href[i] == '%' && i + 2 < href.size() && hexValue(href[i + 1]) >= 0 &&
        hexValue(href[i + 2]) >= 0) {
      decoded.push_back(static_cast<char>(hexValue(href[i + 1]) * 16 + hexValue(href[i + 2])));
      i += 2;
    } else {
      decoded.push_back(href[i]);
    }
  }
  const std::string full = (!decoded.empty() && decoded[0] == '/') ? decoded.substr(1)
                                                                  : baseDir + decoded;
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= full.size()) {
    std::size_t slash = full.find('/', start);
    if (slash == std::string::npos) slash = full.size();
    const std::string part = full.substr(start, slash - start);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

// In XHTML `<title/>` or `<script src="x"/>` is an empty element, but an HTML parser
// takes it as an open tag whose raw text runs to the end of the file; write those
// as `<title></title>` before parsing.
std::string closeRawTextTags(const std::string& xhtml) {
  static const char* const kRaw[] = {"title",   "script", "style",    "textarea", "xmp",
                                     "iframe",  "noembed", "noframes", "noscript", "plaintext"};
  std::string out;
  out.reserve(xhtml.size());
  std::size_t i = 0;
  while (i < xhtml.size()) {
    const std::size_t lt = xhtml.find('<', i);
    if (lt == std::string::npos) break;
    out.append(xhtml, i, lt - i);
    i = lt;
    std::size_t end = lt + 1;
    while (end < xhtml.size() && std::isalnum(static_cast<unsigned char>(xhtml[end]))) ++end;
    const std::string name = import::lowerAscii(std::string_view(xhtml).substr(lt + 1, end - lt - 1));
    bool raw = false;
    for (const char* r : kRaw) raw = raw || name == r;
    const std::size_t gt = raw ? xhtml.find('>', end) : std::string::npos;
    if (gt != std::string::npos && xhtml[gt - 1] == '/') {
      out.append(xhtml, lt, gt - 1 - lt);
      out.append("></" + name + ">");
      i = gt + 1;
    } else {
      out.push_back('<');
      i = lt + 1;
    }
  }
  out.append(xhtml, std::min(i, xhtml.size()), std::string::npos);
  return out;
}

class EpubReader {
 public:
  EpubReader(const std::filesystem::path& path, const std::string& bytes)
      : path_(path), zip_(path, bytes, kKind) {}

  ImportedDocument read() {
    const std::string containerName = "META-INF/container.xml";
    const auto container = zip_.read(containerName, std::size_t(4) << 20);
    if (!container) {
      import::fail(path_, "it is a zip archive but not an EPUB book (it has no " + containerName +
                              ").");
    }
    pugi::xml_document containerDom;
    import::parseXml(containerDom, *container, path_, kKind, containerName);
    const std::string opfName = attrNamed(import::findFirst(containerDom, "rootfile"), "full-path");
    if (opfName.empty()) {
      import::fail(path_, "it is not a readable EPUB book (" + containerName +
                              " names no package file).");
    }
    const auto opf = zip_.read(opfName, std::size_t(64) << 20);
    if (!opf) {
      import::fail(path_, "it is not a readable EPUB book (its package file '" + opfName +
                              "' is missing).");
    }
    pugi::xml_document opfDom;
    import::parseXml(opfDom, *opf, path_, kKind, opfName);
    const pugi::xml_node package = childNamed(opfDom, "package");
    const std::string baseDir = opfName.substr(0, opfName.rfind('/') + 1);

    std::map<std::string, std::pair<std::string, std::string>> manifest;  // id -> href, type
    for (pugi::xml_node item = childNamed(package, "manifest").first_child(); item;
         item = item.next_sibling()) {
      if (isNamed(item, "item")) {
        manifest[attrNamed(item, "id")] = {resolveHref(baseDir, attrNamed(item, "href")),
                                           attrNamed(item, "media-type")};
      }
    }
    rejectDrm();

    import::TextBuilder builder;
    std::set<std::string> seen;
    for (pugi::xml_node ref = childNamed(package, "spine").first_child(); ref;
         ref = ref.next_sibling()) {
      if (!isNamed(ref, "itemref")) continue;
      const auto it = manifest.find(attrNamed(ref, "idref"));
      if (it == manifest.end()) continue;
      const std::string& name = it->second.first;
      const std::string type = import::lowerAscii(it->second.second);
      if (type.find("html") == std::string::npos || !seen.insert(name).second) continue;
      const auto chapter = zip_.read(name);
      if (!chapter) continue;  // a missing chapter: read what is there
      const std::string html = closeRawTextTags(import::decodeText(path_, *chapter).text);
      builder.addDocument(htmlToDocument(html, path_));
    }

    ImportedDocument doc;
    doc.format = "epub";
    builder.finish(doc);
    import::requireText(path_, doc, " (its chapters may hold only images).");
    doc.title = import::collapseWhitespace(
        import::allText(import::findFirst(childNamed(package, "metadata"), "title")));
    if (doc.title.empty() && !doc.headings.empty()) doc.title = doc.headings.front().title;
    if (doc.title.empty()) doc.title = import::titleFromPath(path_);
    return doc;
  }

 private:
  // META-INF/encryption.xml lists encrypted parts; font obfuscation is harmless,
  // anything else is DRM.
  void rejectDrm() {
    const auto xml = zip_.read("META-INF/encryption.xml", std::size_t(4) << 20);
    if (!xml) return;
    pugi::xml_document dom;
    if (!dom.load_buffer(xml->data(), xml->size())) return;
    for (pugi::xml_node data = childNamed(dom, "encryption").first_child(); data;
         data = data.next_sibling()) {
      const std::string algorithm = attrNamed(childNamed(data, "EncryptionMethod"), "Algorithm");
      if (algorithm.empty() || algorithm == "http://www.idpf.org/2008/embedding" ||
          algorithm == "http://ns.adobe.com/pdf/enc#RC") {
        continue;
      }
      import::fail(path_, "it is encrypted (DRM-protected); Frontseat can only read books "
                          "without DRM.");
    }
  }

  std::filesystem::path path_;
  import::ZipArchive zip_;
};

}  // namespace

ImportedDocument importEpub(const std::filesystem::path& path, const std::string& bytes) {
  return EpubReader(path, bytes).read();
}

}  // namespace frontseat
