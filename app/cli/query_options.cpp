#include "app/cli/query_options.h"

#include <iostream>

#include "app/cli/library_access.h"
#include "engine/core/errors.h"
#include "engine/session/answer_record.h"
#include "engine/session/bundled_model.h"
#include "engine/session/library_documents.h"
#include "engine/session/section_summary.h"

namespace frontseat::cli {

namespace {

PinnedRange parsePin(const std::string& text) {
  const auto colon = text.find(':');
  try {
    if (colon == std::string::npos) throw std::invalid_argument(text);
    size_t used = 0;
    const auto begin = std::stoull(text.substr(0, colon), &used);
    if (used != colon) throw std::invalid_argument(text);
    const auto end = std::stoull(text.substr(colon + 1), &used);
    if (used != text.size() - colon - 1) throw std::invalid_argument(text);
    return {begin, end};
  } catch (const std::exception&) {
    throw InputError("--pin '" + text + "' is not of the form BEGIN:END (byte offsets in the document)");
  }
}

// Only the first line: LibTorch's messages can carry a long backtrace.
std::string firstLine(const std::string& message) { return message.substr(0, message.find('\n')); }

}  // namespace

void addVccOptions(CLI::App& cmd, VccOptions& vcc) {
  cmd.add_option("--vcc-vip", vcc.num_vip, "VIP tokens kept at full resolution")->capture_default_str();
  cmd.add_option("--vcc-block-size", vcc.block_size, "Tokens per finest block")->capture_default_str();
  cmd.add_option("--vcc-fine-blocks", vcc.num_fine_blocks, "Blocks refined to tokens per layer (0: two fifths of the blocks, 90 to 400)")
      ->capture_default_str();
  cmd.add_option("--vcc-local-layers", vcc.num_local_layers, "Early layers on segments (-1: a third)")
      ->capture_default_str();
  cmd.add_option("--vcc-segment", vcc.segment_size, "Tokens per segment in the local layers")
      ->capture_default_str();
  cmd.add_option("--vcc-levels", vcc.levels, "Resolutions incl. tokens: 2 = token + block (0: by length)")
      ->capture_default_str();
  cmd.add_option("--vcc-fanout", vcc.fanout, "Blocks per parent block between levels")->capture_default_str();
}

void addQueryOptions(CLI::App& cmd, QueryOptions& o, QueryKind kind) {
  if (kind == QueryKind::Summarize) {
    o.prompt_template = kDefaultSummaryTemplate;
    o.generation.max_new_tokens = 128;
    o.generation.no_repeat_ngram_size = kSummaryNoRepeatNgram;
  }
  cmd.add_option("--model", o.model, "Model folder (Hugging Face layout); default: the bundled model");
  cmd.add_option("--doc", o.doc, "Document: a file (txt, md, html, pdf, docx, epub) or a library id")->required();
  if (kind == QueryKind::Ask) cmd.add_option("--question,-q", o.question, "The question")->required();
  cmd.add_option("--prompt-template", o.prompt_template, "Encoder input; {question} and {document} are replaced")
      ->capture_default_str();
  cmd.add_option("--device", o.device, "cpu, cuda or cuda:N")->capture_default_str();
  cmd.add_option("--dtype", o.dtype, "auto (float32 on CPU, bfloat16 on CUDA), float32, bfloat16")
      ->capture_default_str();
  cmd.add_option("--max-new-tokens", o.generation.max_new_tokens, "Longest answer, in tokens")
      ->check(CLI::Range(1, 4096))->capture_default_str();
  cmd.add_option("--beams", o.generation.num_beams, "Beam count (1 = greedy)")->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd.add_option("--length-penalty", o.generation.length_penalty, "Beam search length penalty")
      ->capture_default_str();
  cmd.add_option("--no-repeat-ngram", o.generation.no_repeat_ngram_size,
                 "Repeat no n-gram of this many tokens in the output (0: off)")
      ->check(CLI::Range(0, 16))
      ->capture_default_str();
  if (kind == QueryKind::Ask) {
    o.generation.quote_document = std::nullopt;  // as the model folder says, as the app answers
    cmd.add_flag_function(
        "--quote,!--no-quote", [&o](std::int64_t count) { o.generation.quote_document = count > 0; },
        "The answer quotes the document word for word; --no-quote lets the model answer in its own words. "
        "Default: as the model folder says (the bundled model quotes, other T5 folders do not)");
  }
  cmd.add_option("--threads", o.threads, "CPU threads (0 = every core)")->check(CLI::Range(0, 1024));
  cmd.add_option("--attention", o.attention, "auto (VCC when the input is long enough), full, vcc")
      ->check(CLI::IsMember({"auto", "full", "vcc"}))->capture_default_str();
  addVccOptions(cmd, o.vcc);
  cmd.add_option("--pin", o.pins, "Keep a document passage at full resolution: BEGIN:END byte offsets");
  cmd.add_option("--trace", o.trace, "Also write the VIP trace (JSON) here");
  if (kind == QueryKind::Summarize) {
    cmd.add_flag("--by-section", o.by_section,
                 "One summary for each top-level section (a country, a chapter), each read on its own; "
                 "the whole document at once where it has fewer than two");
  }
  cmd.add_flag("--json", o.json, "Print one JSON object instead of text");
}

QueryRun runQuery(const QueryOptions& o, const GlobalOptions& global, bool want_trace, const std::string& kind) {
  if (o.question.find_first_not_of(" \t\r\n") == std::string::npos &&
      o.prompt_template.find("{question}") != std::string::npos) {
    throw InputError("the question is empty");
  }
  auto library = openLibrary(global.db);
  const auto doc = resolveDocument(library, o.doc);
  QueryRun run;
  run.document_id = doc.record.id;
  run.title = doc.record.title;
  run.document = doc.text;
  AskRequest request;
  request.question = o.question;
  request.document = run.document;
  request.prompt_template = o.prompt_template;
  request.generation = o.generation;
  request.attention = parseAttentionMode(o.attention);
  request.vcc = o.vcc;
  for (const auto& pin : o.pins) request.pinned.push_back(parsePin(pin));
  request.want_trace = want_trace || !o.trace.empty();
  run.model_dir = o.model.empty() ? findBundledModel().string() : o.model;
  if (run.model_dir.empty()) throw InputError("no --model given and no bundled model found (set FRONTSEAT_MODEL_DIR)");
  if (o.by_section && (request.want_trace || !request.pinned.empty())) {
    throw InputError("--by-section reads each section on its own: it takes no --trace or --pin");
  }
  run.engine = Engine::load(ModelOptions{run.model_dir, o.device, o.dtype, o.threads});
  const auto sections =
      o.by_section ? summarySections(doc.text, documentStructure(doc).headings, doc.record.title)
                   : std::vector<SummarySection>{};
  if (sections.empty()) {
    request.document_tokens = cachedDocumentTokens(library, run.document_id, run.document, *run.engine, run.model_dir);
    run.result = run.engine->ask(request);
  } else {
    run.result = summarizeBySection(*run.engine, request, sections);
  }
  if (run.result.trace && !o.trace.empty()) writeTrace(*run.result.trace, o.trace);

  const auto trace_path = o.trace.empty() ? "" : std::filesystem::absolute(o.trace).string();
  run.record_id = library.recordAnswer(makeAnswerRecord(run.document_id, kind, o.question, run.result, *run.engine,
                                                        run.model_dir, o.generation, trace_path));
  return run;
}

nlohmann::json resultJson(const QueryOptions& o, const QueryRun& run) {
  const auto& r = run.result;
  nlohmann::json out = {{"answer", r.answer}, {"output_ids", r.output_ids}, {"model", run.model_dir}};
  out.update(answerTimingsJson(*run.engine, r));
  out.update(answerSettingsJson(*run.engine, r, o.generation));
  if (!o.trace.empty()) out["trace"] = o.trace;
  if (r.quoted) {
    out["quoted_at"] = nlohmann::json::array();  // byte ranges [begin, end) in the document
    for (const auto& place : r.quoted_at) out["quoted_at"].push_back({place.begin, place.end});
  }
  out["document_id"] = run.document_id;
  if (run.record_id) out["history_id"] = run.record_id;
  return out;
}

void printResult(const QueryOptions& options, const QueryRun& run, const nlohmann::json& extra) {
  if (!options.json) {
    std::cout << run.result.answer << '\n';
    return;
  }
  auto out = resultJson(options, run);
  out.update(extra);
  std::cout << out.dump(2) << '\n';
}

int reportError(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const Error& e) {
    std::cerr << "frontseat-cli: " << firstLine(e.what()) << '\n';
  } catch (const std::exception& e) {
    std::cerr << "frontseat-cli: internal error: " << firstLine(e.what()) << '\n';
  }
  return 1;
}

}  // namespace frontseat::cli
