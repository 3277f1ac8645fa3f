// Small pugixml helpers shared by the DOCX and EPUB importers (namespace prefixes vary
// between producers, so elements and attributes are matched by local name).
#pragma once

#include <pugixml.hpp>

#include <cstring>
#include <filesystem>
#include <string>

#include "engine/import/import_common.h"

namespace frontseat::import {

// "w:p" -> "p".
inline const char* localName(const char* qualified) {
  const char* colon = std::strrchr(qualified, ':');
  return colon ? colon + 1 : qualified;
}

inline bool isNamed(const pugi::xml_node& node, const char* local) {
  return node.type() == pugi::node_element && std::strcmp(localName(node.name()), local) == 0;
}

inline pugi::xml_node childNamed(const pugi::xml_node& node, const char* local) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (isNamed(c, local)) return c;
  }
  return {};
}

inline const char* attrNamed(const pugi::xml_node& node, const char* local) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    if (std::strcmp(localName(a.name()), local) == 0) return a.value();
  }
  return "";
}

// The first element named `local` in document order (iterative).
inline pugi::xml_node findFirst(const pugi::xml_node& root, const char* local) {
  pugi::xml_node node = root.first_child();
  while (node) {
    if (isNamed(node, local)) return node;
    if (node.first_child()) {
      node = node.first_child();
      continue;
    }
    while (node && !node.next_sibling() && node != root) node = node.parent();
    if (!node || node == root) break;
    node = node.next_sibling();
  }
  return {};
}

// All text below `node`, concatenated.
inline std::string allText(const pugi::xml_node& node) {
  std::string out;
  for (pugi::xml_node n = node.first_child(); n;) {
    if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) out += n.value();
    if (n.first_child()) {
      n = n.first_child();
      continue;
    }
    while (n && !n.next_sibling() && n != node) n = n.parent();
    if (!n || n == node) break;
    n = n.next_sibling();
  }
  return out;
}

// Parses `xml` into `doc`; throws InputError naming `path` and `part` when malformed.
inline void parseXml(pugi::xml_document& doc, const std::string& xml,
                     const std::filesystem::path& path, const std::string& kind,
                     const std::string& part) {
  const pugi::xml_parse_result result =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!result) {
    fail(path, "it is not a readable " + kind + " (its part '" + part + "' is not valid XML: " +
                   result.description() + " at byte " + std::to_string(result.offset) + ").");
  }
}

}  // namespace frontseat::import
