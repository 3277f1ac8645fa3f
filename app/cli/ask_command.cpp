#include "app/cli/ask_command.h"

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "engine/core/errors.h"
#include "engine/runtime/engine.h"
#include "engine/text/document_text.h"

namespace frontseat::cli {

namespace {

struct AskOptions {
  std::string model;
  std::string doc;
  std::string question;
  std::string prompt_template = kDefaultQuestionTemplate;
  std::string device = "cpu";
  std::string dtype = "auto";
  int threads = 0;
  GenerationOptions generation;
  bool json = false;
};

// Only the first line: LibTorch's messages can carry a long backtrace.
std::string firstLine(const std::string& message) { return message.substr(0, message.find('\n')); }

int runAsk(const AskOptions& opt) {
  try {
    if (opt.question.find_first_not_of(" \t\r\n") == std::string::npos) throw InputError("the question is empty");
    const std::string document = loadPlainTextDocument(opt.doc);
    auto engine = Engine::load(ModelOptions{opt.model, opt.device, opt.dtype, opt.threads});
    AskRequest request{opt.question, document, opt.prompt_template, opt.generation};
    const AskResult result = engine->ask(request);
    if (opt.json) {
      nlohmann::json out = {
          {"answer", result.answer},
          {"output_ids", result.output_ids},
          {"input_tokens", result.input_tokens},
          {"load_ms", engine->loadMs()},
          {"encode_ms", result.encode_ms},
          {"decode_ms", result.decode_ms},
          {"device", engine->device()},
          {"dtype", engine->dtype()},
          {"attention", result.attention},
          {"model", opt.model},
          {"num_beams", opt.generation.num_beams},
          {"max_new_tokens", opt.generation.max_new_tokens},
      };
      std::cout << out.dump(2) << '\n';
    } else {
      std::cout << result.answer << '\n';
    }
    return 0;
  } catch (const Error& e) {
    std::cerr << "frontseat-cli: " << firstLine(e.what()) << '\n';
  } catch (const std::exception& e) {
    std::cerr << "frontseat-cli: internal error: " << firstLine(e.what()) << '\n';
  }
  return 1;
}

}  // namespace

void addAskCommand(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<AskOptions>();
  auto* cmd = app.add_subcommand("ask", "Answer a question about a document");
  cmd->add_option("--model", opt->model, "Model folder (Hugging Face layout)")->required();
  cmd->add_option("--doc", opt->doc, "Document file (.txt or .md, UTF-8)")->required();
  cmd->add_option("--question,-q", opt->question, "The question")->required();
  cmd->add_option("--prompt-template", opt->prompt_template, "Encoder input; {question} and {document} are replaced")
      ->capture_default_str();
  cmd->add_option("--device", opt->device, "cpu, cuda or cuda:N")->capture_default_str();
  cmd->add_option("--dtype", opt->dtype, "auto (float32 on CPU, bfloat16 on CUDA), float32, bfloat16")
      ->capture_default_str();
  cmd->add_option("--max-new-tokens", opt->generation.max_new_tokens, "Longest answer, in tokens")
      ->check(CLI::Range(1, 4096))->capture_default_str();
  cmd->add_option("--beams", opt->generation.num_beams, "Beam count (1 = greedy)")
      ->check(CLI::Range(1, 64))->capture_default_str();
  cmd->add_option("--length-penalty", opt->generation.length_penalty, "Beam search length penalty")
      ->capture_default_str();
  cmd->add_option("--threads", opt->threads, "CPU threads (0 = every core)")->check(CLI::Range(0, 1024));
  cmd->add_flag("--json", opt->json, "Print one JSON object with the answer and timings");
  cmd->callback([opt, &exit_code] { exit_code = runAsk(*opt); });
}

}  // namespace frontseat::cli
