#include "app/cli/summarize_command.h"

#include <ctime>

#include "app/cli/query_options.h"
#include "engine/core/atomic_file.h"
#include "engine/core/errors.h"

namespace frontseat::cli {

namespace {

std::string htmlEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// The summary in the format the file name asks for.
std::string renderSummary(const std::string& extension, const std::string& title, const std::string& summary,
                          const std::string& model) {
  if (extension == ".md") {
    return "# Summary: " + title + "\n\n" + summary + "\n\n*Summarized by Frontseat with " + model + ".*\n";
  }
  if (extension == ".html" || extension == ".htm") {
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Summary: " + htmlEscape(title) +
           "</title></head>\n<body>\n<h1>Summary: " + htmlEscape(title) + "</h1>\n<p>" + htmlEscape(summary) +
           "</p>\n<p><em>Summarized by Frontseat with " + htmlEscape(model) + ".</em></p>\n</body></html>\n";
  }
  return summary + "\n";
}

int runSummarize(const QueryOptions& options, const GlobalOptions& global, const std::string& out_file) {
  try {
    std::string extension;
    if (!out_file.empty()) {
      extension = std::filesystem::path(out_file).extension().string();
      for (auto& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (extension != ".md" && extension != ".html" && extension != ".htm" && extension != ".txt") {
        throw InputError("--out " + out_file + ": use a .md, .html or .txt file name");
      }
    }
    const auto run = runQuery(options, global, false, "summary");
    if (!out_file.empty()) {
      const auto text = renderSummary(extension, run.title, run.result.answer, run.model_dir);
      writeFileAtomically(out_file, {{text.data(), text.size()}});
    }
    nlohmann::json extra{{"summary", run.result.answer}};
    if (!out_file.empty()) extra["out"] = out_file;
    printResult(options, run, extra);
    return 0;
  } catch (...) {
    return reportError(std::current_exception());
  }
}

}  // namespace

void addSummarizeCommand(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<QueryOptions>();
  auto out_file = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("summarize", "Summarize a document");
  addQueryOptions(*cmd, *options, QueryKind::Summarize);
  cmd->add_option("--out", *out_file, "Also write the summary to FILE.md, FILE.html or FILE.txt");
  cmd->callback([options, out_file, &global, &exit_code] { exit_code = runSummarize(*options, global, *out_file); });
}

}  // namespace frontseat::cli
