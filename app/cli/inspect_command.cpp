#include "app/cli/inspect_command.h"

#include <cstdio>
#include <iostream>

#include "app/cli/query_options.h"
#include "engine/vcc/trace_summary.h"

namespace frontseat::cli {

namespace {

// A passage as one short line: whitespace folded (none at either end), cut at `limit` bytes on a UTF-8 boundary.
std::string excerpt(const std::string& document, int64_t begin, int64_t end, size_t limit = 70) {
  std::string out;
  for (int64_t i = begin; i < end && out.size() < limit; ++i) {
    const char c = document[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
  if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

int runInspect(const QueryOptions& options, const GlobalOptions& global, int top) {
  try {
    const auto run = runQuery(options, global, true);
    const auto& trace = *run.result.trace;
    const auto counts = countResolutions(trace);
    auto passages = evidencePassages(trace);
    if (static_cast<int>(passages.size()) > top) passages.resize(top);
    widenToWords(passages, run.document);  // whole words, as the app shows them
    if (options.json) {
      auto out = resultJson(options, run);
      nlohmann::json layers = nlohmann::json::array();
      for (const auto& c : counts) {
        layers.push_back({{"kind", c.kind}, {"vip", c.vip}, {"fine", c.fine}, {"coarse_by_level", c.coarse}});
      }
      out["layers"] = layers;
      nlohmann::json evidence = nlohmann::json::array();
      for (const auto& p : passages) {
        evidence.push_back({{"begin", p.begin}, {"end", p.end}, {"layers", p.layers}, {"strength", p.strength},
                            {"text", excerpt(run.document, p.begin, p.end, 400)}});
      }
      out["evidence"] = evidence;
      std::cout << out.dump(2) << '\n';
      return 0;
    }
    std::cout << "answer: " << run.result.answer << "\n";
    std::printf("attention: %s, %lld input tokens, encode %.0f ms, decode %.0f ms; trace written to %s\n\n",
                run.result.attention.c_str(), static_cast<long long>(run.result.input_tokens),
                run.result.encode_ms, run.result.decode_ms, options.trace.c_str());
    std::printf("%-6s %-6s %7s %9s  %s\n", "layer", "kind", "vip", "fine", "coarse tokens by block level");
    for (size_t i = 0; i < counts.size(); ++i) {
      std::string coarse;
      for (size_t k = 0; k < counts[i].coarse.size(); ++k) {
        coarse += (k ? "  " : "") + std::string("L") + std::to_string(k + 1) + ":" + std::to_string(counts[i].coarse[k]);
      }
      std::printf("%-6zu %-6s %7lld %9lld  %s\n", i, counts[i].kind.c_str(), static_cast<long long>(counts[i].vip),
                  static_cast<long long>(counts[i].fine), coarse.c_str());
    }
    if (!passages.empty()) {
      std::printf("\nPassages read at full resolution, strongest first:\n");
      for (const auto& p : passages) {
        std::printf("  [%lld, %lld) in %d layer(s): %s\n", static_cast<long long>(p.begin),
                    static_cast<long long>(p.end), p.layers, excerpt(run.document, p.begin, p.end).c_str());
      }
    }
    return 0;
  } catch (...) {
    return reportError(std::current_exception());
  }
}

}  // namespace

void addInspectCommand(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<QueryOptions>();
  auto top = std::make_shared<int>(8);
  auto* cmd = app.add_subcommand("inspect", "Answer and show how the model read the document (VIP trace)");
  addQueryOptions(*cmd, *options);
  cmd->get_option("--trace")->required();  // inspect always writes one
  cmd->add_option("--top", *top, "Evidence passages to list")->check(CLI::Range(0, 1000))->capture_default_str();
  cmd->callback([options, top, &global, &exit_code] { exit_code = runInspect(*options, global, *top); });
}

}  // namespace frontseat::cli
