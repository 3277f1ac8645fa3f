// Builds the encoder input from a prompt template, a question and a document,
// remembering which tokens came from where: the question's tokens are the VIP
// tokens of VCC, and document tokens keep their character spans for evidence.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/text/tokenizer.h"

namespace frontseat {

inline constexpr const char* kDefaultQuestionTemplate = "question: {question} context: {document}";
inline constexpr const char* kDefaultSummaryTemplate = "summarize: {document}";

enum class TokenRole : uint8_t { Template, Question, Document, End };

struct PromptTokens {
  std::vector<int32_t> ids;            // encoder input, EOS last
  std::vector<TokenRole> roles;        // one per id
  int64_t document_begin = 0;          // index in ids of the first document token
  std::vector<TokenSpan> document_spans;  // byte spans in the document, one per document token
};

// The template holds `{document}` once and optionally `{question}`; text between
// placeholders is tokenized as written. Each part is tokenized on its own, split
// at the template's whitespace, which is what tokenizing the whole string gives.
// `document_tokens`, when given, are the document's tokens from an earlier
// encodeWithSpans with this tokenizer (a library's cache), used as they are.
// InputError for an unusable template, question or document.
PromptTokens buildPrompt(const Tokenizer& tokenizer, const std::string& prompt_template,
                         const std::string& question, const std::string& document,
                         const std::vector<TokenSpan>* document_tokens = nullptr);

}  // namespace frontseat
