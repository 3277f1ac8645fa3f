// What the trainer minimizes for one batch: the token cross-entropy plus the
// attention alignment losses that teach the model where to read, with full
// attention or with VCC in the encoder. Internal to training (includes LibTorch).
#pragma once

#include <torch/torch.h>

#include <random>

#include "engine/model/t5_model.h"
#include "engine/train/batching.h"
#include "engine/train/vcc_training_forward.h"

namespace frontseat {

struct LossOptions {
  // Weight of the alignment and selector losses; 0: the token loss alone.
  double alignment_weight = 0;
  // Weight of the country-link loss; 0: off.
  double country_link_weight = 0;
  // Whether the encoder's half of it applies to VCC steps too: on the fine
  // tokens and VIP of the VCC layers, where those see both ends of a link.
  bool country_link_under_vcc = false;
  // When given, the encoder runs VCC in the loop (trainingEncodeVcc), drawing
  // its exploration from `rng`; else full attention.
  const VccTrainingOptions* vcc = nullptr;
  // Simulated length, 1: off. Above 1, each example of a batch with
  // distractors draws k log-uniform in [1, dilution] from `rng`, and every
  // attention over the input (encoder, selector, decoder) weighs each token
  // outside the asked country's part as k copies of it (+log k on its logits):
  // the pull a document k times as long would have. A model trained on short
  // documents spreads its attention over a long one's many more tokens (it
  // answered from neighbouring profiles); this teaches it margins that hold
  // there, at the cost of a short document's step.
  double dilution = 1;
  std::mt19937_64* rng = nullptr;  // for VCC and dilution
};

// `total` = `tokens` + alignment_weight * (`alignment` + `selector`)
//           + country_link_weight * `country_link`.
// - tokens: mean token cross-entropy over the real target positions.
// - alignment: the sum of two means of -log(cross-attention mass, averaged over
//   heads): the last decoder layer's on the input positions each copied target
//   token is copied from, and the first layer's on the question's tokens at
//   every target position of a question (so the last layer's queries can know
//   the question; not with a one-layer decoder). It teaches the decoder where to
//   read, which the token loss alone teaches only after a long plateau.
// - selector: with VCC, trainingEncodeVcc's selector loss (VIP tokens score the
//   evidence blocks highest).
// - country_link: with full attention (and with VCC when asked, over the
//   positions each VCC layer holds at full resolution), means of -log(head 0's attention
//   mass): in encoder layer kCountryLinkLayer, from each mention of the asked
//   country in the evidence on the question's naming of it, plus the mean of
//   -log(1 - that mass) from the other countries' mentions of their own (else
//   the head can look at the question from every name, which tells nothing);
//   in layer
//   kCountryCarryLayer, from each token of a section (TrainingBatch's) on its
//   header, for every country's sections. Matching a name to the question's
//   is one step for one head (the same tokens); the second carries a header's
//   match to its section's values (and, shown every country, cannot just look
//   at the asked country's mentions from everywhere). On every step (VCC too),
//   head 0 of the first decoder layer from each target position on the
//   question's naming of its country, so the last layer's queries hold the
//   name that the carried headers hold (without it that head put no mass
//   there: the decoder knew the field asked, not the country).
//   Without them a small model reads the field asked about but not whose, and
//   answers from whichever country it likes (a plateau the token loss does
//   not leave). Layer 1 because VCC's local layer 0 sees the question only in
//   its segment. (The carry needs three encoder layers.)
// A term is undefined when it is off or the batch gives it nothing to align.
inline constexpr int kCountryLinkLayer = 1;
inline constexpr int kCountryCarryLayer = 2;
struct TrainingLosses {
  torch::Tensor total, tokens, alignment, selector, country_link;
};
TrainingLosses trainingLosses(const T5Weights& weights, const TrainingBatch& batch, const LossOptions& options);

}  // namespace frontseat
