// libFuzzer entry point over the HTML importer (decoding + gumbo + text extraction).
//
//   clang++ -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -I. \
//     tests/fuzz/html_import_fuzz.cpp engine/import/html_importer.cpp \
//     engine/import/text_decode.cpp engine/import/import_common.cpp \
//     engine/text/utf8.cpp -lgumbo -o /tmp/html_import_fuzz
//   mkdir -p /tmp/html_corpus && cp tests/fixtures/documents/*.html /tmp/html_corpus/
//   /tmp/html_import_fuzz -max_total_time=60 -max_len=8192 /tmp/html_corpus
//
// (libgumbo itself is not instrumented; only our code and its calls into gumbo are.)
// Any input must import into normalized, valid UTF-8 text, or throw InputError.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "engine/core/errors.h"
#include "engine/import/html_importer.h"
#include "engine/text/utf8.h"

namespace {

void check(const frontseat::ImportedDocument& doc) {
  const std::string& t = doc.text;
  if (frontseat::findInvalidUtf8(t)) std::abort();
  if (t.find('\r') != std::string::npos || t.find('\0') != std::string::npos) std::abort();
  if (t.find("\n\n\n") != std::string::npos || t.find(" \n") != std::string::npos) std::abort();
  for (const auto& h : doc.headings) {
    if (h.offset >= t.size() || t.compare(h.offset, h.title.size(), h.title) != 0) std::abort();
  }
  if (frontseat::findInvalidUtf8(doc.title)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  try {
    check(frontseat::importHtml("fuzz.html", bytes));
  } catch (const frontseat::InputError&) {
  }
  try {
    check(frontseat::htmlToDocument(bytes, "fuzz.html"));  // raw bytes, not decoded
  } catch (const frontseat::InputError&) {
  }
  return 0;
}
