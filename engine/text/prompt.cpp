#include "engine/text/prompt.h"

#include "engine/core/errors.h"
#include "engine/text/utf8.h"

namespace frontseat {

namespace {

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

void append(PromptTokens& out, const std::vector<int32_t>& ids, TokenRole role) {
  out.ids.insert(out.ids.end(), ids.begin(), ids.end());
  out.roles.insert(out.roles.end(), ids.size(), role);
}

}  // namespace

PromptTokens buildPrompt(const Tokenizer& tokenizer, const std::string& prompt_template,
                         const std::string& question, const std::string& document,
                         const std::vector<TokenSpan>* document_tokens) {
  if (prompt_template.find("{document}") == std::string::npos) {
    throw InputError("the prompt template must contain {document}: '" + prompt_template + "'");
  }
  const bool wants_question = prompt_template.find("{question}") != std::string::npos;
  if (wants_question && trim(question).empty()) throw InputError("the question is empty");
  if (auto bad = findInvalidUtf8(question)) {
    throw InputError("the question is not valid UTF-8 (byte " + std::to_string(*bad) + ")");
  }
  if (trim(document).empty()) throw InputError("the document has no text");

  PromptTokens out;
  size_t pos = 0;
  int documents = 0;
  while (pos < prompt_template.size()) {
    const size_t open = prompt_template.find('{', pos);
    const std::string literal = trim(prompt_template.substr(pos, open == std::string::npos ? std::string::npos : open - pos));
    if (!literal.empty()) append(out, tokenizer.encode(literal), TokenRole::Template);
    if (open == std::string::npos) break;
    const size_t close = prompt_template.find('}', open);
    if (close == std::string::npos) throw InputError("the prompt template has an unclosed '{': '" + prompt_template + "'");
    const std::string name = prompt_template.substr(open + 1, close - open - 1);
    if (name == "question") {
      append(out, tokenizer.encode(trim(question)), TokenRole::Question);
    } else if (name == "document") {
      if (++documents > 1) throw InputError("the prompt template may contain {document} only once");
      out.document_begin = static_cast<int64_t>(out.ids.size());
      out.document_spans = document_tokens ? *document_tokens : tokenizer.encodeWithSpans(document);
      for (const auto& span : out.document_spans) {
        if (span.end > document.size() || span.begin > span.end || span.id < 0 || span.id >= tokenizer.vocabSize()) {
          throw InputError("the cached tokens do not belong to this document and tokenizer");
        }
      }
      for (const auto& span : out.document_spans) {
        out.ids.push_back(span.id);
        out.roles.push_back(TokenRole::Document);
      }
    } else {
      throw InputError("unknown placeholder {" + name + "} in the prompt template: use {question} and {document}");
    }
    pos = close + 1;
  }
  out.ids.push_back(tokenizer.eosId());
  out.roles.push_back(TokenRole::End);
  return out;
}

}  // namespace frontseat
