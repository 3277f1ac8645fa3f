// libFuzzer entry point over the text decoder and the .txt/.md importers.
//
//   clang++ -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -I. \
//     tests/fuzz/text_import_fuzz.cpp engine/import/text_importer.cpp \
//     engine/import/text_decode.cpp engine/import/import_common.cpp \
//     engine/text/utf8.cpp -o /tmp/text_import_fuzz
//   mkdir -p /tmp/text_corpus && cp tests/fixtures/documents/*.txt \
//     tests/fixtures/documents/*.md /tmp/text_corpus/
//   /tmp/text_import_fuzz -max_total_time=60 -max_len=4096 /tmp/text_corpus
//
// Any input must import into normalized, valid UTF-8 text whose headings lie inside
// it, or throw InputError; nothing else (a crash, another exception, a sanitizer
// report).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "engine/core/errors.h"
#include "engine/import/text_importer.h"
#include "engine/text/utf8.h"

namespace {

void check(const frontseat::ImportedDocument& doc) {
  const std::string& t = doc.text;
  if (t.empty() || frontseat::findInvalidUtf8(t)) std::abort();
  if (t.find('\r') != std::string::npos || t.find('\0') != std::string::npos) std::abort();
  if (t.find("\n\n\n") != std::string::npos || t.find(" \n") != std::string::npos) std::abort();
  for (const auto& h : doc.headings) {
    if (h.offset >= t.size() || (h.offset > 0 && t[h.offset - 1] != '\n')) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  try {
    check(frontseat::importText("fuzz.txt", bytes));
  } catch (const frontseat::InputError&) {
  }
  try {
    check(frontseat::importMarkdown("fuzz.md", bytes));
  } catch (const frontseat::InputError&) {
  }
  return 0;
}
