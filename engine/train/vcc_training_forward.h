// VCC in the training loop: the encoder of DESIGN.md §4 with two resolutions
// (tokens and blocks of block_size), written with out-of-place ops so autograd
// can differentiate it. Per example: local layers on segments, then in every
// other layer the VIP tokens' attention (this layer's norm, q/k projections and
// position bias) scores the block means, the best num_fine_blocks blocks run
// at full resolution and the rest as their means with +log(count) on their
// logits, and each coarse block's update moves all its tokens. It computes what
// encodeVcc (engine/vcc) computes with levels = 2, which the tests check.
//
// Training adds two things the authors' code has in some form: exploration
// (with explore_rate, a layer of an example refines random blocks instead of
// the best ones, so the model also learns from the blocks it would not pick)
// and a selector loss that teaches the VIP tokens to score highest the blocks
// the answer is copied from (the examples' alignment), so VCC keeps the
// evidence at full resolution. Internal to training (includes LibTorch).
#pragma once

#include <torch/torch.h>

#include <random>

#include "engine/model/t5_model.h"
#include "engine/train/batching.h"
#include "engine/train/vcc_training_options.h"

namespace frontseat {

// One VCC layer's self-attention: probabilities (B, heads, n, n) over its
// sequence [fine tokens; coarse blocks; VIP], and the input row each of the n
// positions is (B, n), the input length S where it is none (a coarse block,
// padding): what a loss on attention between input tokens needs.
struct VccLayerAttention {
  torch::Tensor probs, input_rows;
};

struct VccTrainingEncoding {
  torch::Tensor states;  // (B, S, d_model) like trainingEncode's; padded rows are 0
  // Mean over examples with copied tokens and VCC layers of -log(the
  // selector's probability mass on the blocks holding them); undefined when
  // the batch has no alignment or no VCC layer ran.
  torch::Tensor selector_loss;
  // Per VCC layer, per example (B), detached: the selector's mass on the
  // evidence blocks, and whether one of them was refined (0 for an example
  // without evidence): where selection goes wrong.
  std::vector<torch::Tensor> evidence_mass, evidence_refined;
  // (B): the evidence blocks' share of each example's real blocks, a blind
  // selector's mass; undefined when no VCC layer ran.
  torch::Tensor evidence_share;
  // Per encoder layer, when asked for (trainingEncodeVcc's keep_attention);
  // the local layers' are undefined.
  std::vector<VccLayerAttention> attention;
};

// InputError naming the setting when one is unusable: a size below 1,
// explore_rate outside [0, 1], more local layers than the encoder has.
void checkVccTrainingOptions(const VccTrainingOptions& options, const T5Config& config);

// Checks the options as above. `rng` draws the exploration. `key_boost` (B, S),
// when defined, is trainingEncode's: on tokens' logits, and on a block's as the
// copies its tokens stand for (log of the sum of exp(boost) over them, which is
// log(count) without one), in the selector too. `keep_attention` fills the
// encoding's `attention`.
VccTrainingEncoding trainingEncodeVcc(const T5Weights& weights, const TrainingBatch& batch,
                                      const VccTrainingOptions& options, std::mt19937_64& rng,
                                      const torch::Tensor& key_boost = {}, bool keep_attention = false);

}  // namespace frontseat
