// Where VCC's selection goes wrong on held-out whole documents: per VCC layer,
// how much of the selector's mass lands on the blocks the answer is copied
// from, and how often one of them is refined. A selector that matches the
// field asked about but not the country shares its mass among every
// country's line of that field. Companion of reading_diagnosis.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/data/factbook.h"
#include "engine/model/t5_model.h"
#include "engine/text/tokenizer.h"
#include "engine/train/vcc_training_options.h"

namespace frontseat::train {

struct SelectionDiagnosis {
  int questions = 0;
  double input_tokens = 0;    // mean
  double evidence_share = 0;  // mean share of the blocks that hold the evidence: a blind selector's mass
  // One entry per VCC layer (encoder layers num_local_layers.. in order), means over the questions.
  std::vector<double> evidence_mass, evidence_refined;
};

// `questions` questions about countries of `pool`, each over a whole document of
// about `document_bytes` of their profiles, read by the training VCC encoder
// with `vcc` (no exploration). InputError for an empty pool, fewer than 1
// document byte, or VCC settings the model cannot run.
SelectionDiagnosis diagnoseSelection(const T5Weights& weights, const Tokenizer& tokenizer,
                                     const std::vector<const CountryFacts*>& pool, int questions,
                                     size_t document_bytes, VccTrainingOptions vcc, uint64_t seed);

}  // namespace frontseat::train
