#include "engine/train/batching.h"

#include <algorithm>
#include <string>

#include "engine/core/errors.h"

namespace frontseat {

TrainingBatch makeTrainingBatch(const std::vector<TrainingExample>& examples, const T5Config& config) {
  if (examples.empty()) throw InputError("training batch: no examples");
  size_t input_len = 0, target_len = 0;
  for (size_t i = 0; i < examples.size(); ++i) {
    const auto& e = examples[i];
    const std::string where = "training example " + std::to_string(i) + ": ";
    if (e.input_ids.empty()) throw InputError(where + "no input tokens");
    if (e.target_ids.empty()) throw InputError(where + "no target tokens");
    if (e.vip.size() != e.input_ids.size()) throw InputError(where + "VIP mask and input differ in length");
    for (const auto* ids : {&e.input_ids, &e.target_ids}) {
      for (int32_t id : *ids) {
        if (id < 0 || id >= config.vocab_size) {
          throw InputError(where + "token id " + std::to_string(id) + " is outside the vocabulary (" +
                           std::to_string(config.vocab_size) + ")");
        }
      }
    }
    const auto checkInside = [&](const std::vector<int32_t>& positions, const char* what) {
      for (int32_t p : positions) {
        if (p < 0 || static_cast<size_t>(p) >= e.input_ids.size()) {
          throw InputError(where + what + " position " + std::to_string(p) + " is outside the input");
        }
      }
    };
    if (!e.alignment.empty()) {
      if (e.alignment.size() != e.target_ids.size()) throw InputError(where + "alignment and target differ in length");
      for (const auto& positions : e.alignment) checkInside(positions, "alignment");
    }
    checkInside(e.question_positions, "question");
    checkInside(e.question_country_positions, "question country");
    checkInside(e.country_mention_positions, "country mention");
    checkInside(e.other_country_mention_positions, "other country mention");
    if (e.question_country_positions.empty() != e.country_mention_positions.empty() ||
        (e.question_country_positions.empty() && !e.other_country_mention_positions.empty())) {
      throw InputError(where + "country mentions without the question's country, or the reverse");
    }
    for (const auto& section : e.sections) {
      if (section.first < 0 || section.first >= section.body || section.body >= section.end ||
          static_cast<size_t>(section.end) > e.input_ids.size()) {
        throw InputError(where + "a section is not a header and a body inside the input");
      }
    }
    if (e.evidence_first < 0 || e.evidence_first > e.evidence_end ||
        static_cast<size_t>(e.evidence_end) > e.input_ids.size()) {
      throw InputError(where + "the evidence range is not inside the input");
    }
    input_len = std::max(input_len, e.input_ids.size());
    target_len = std::max(target_len, e.target_ids.size());
  }

  const auto batch = static_cast<int64_t>(examples.size());
  // Sets `positions` of row b in a (B, S) mask, made on the first example that has any.
  const auto mark = [&](torch::Tensor& mask, int64_t b, const std::vector<int32_t>& positions) {
    if (positions.empty()) return;
    if (!mask.defined()) mask = torch::zeros({batch, static_cast<int64_t>(input_len)}, torch::kBool);
    auto rows = mask.accessor<bool, 2>();
    for (int32_t p : positions) rows[b][p] = true;
  };
  TrainingBatch out;
  out.input_ids = torch::full({batch, static_cast<int64_t>(input_len)}, config.pad_token_id, torch::kLong);
  out.attention_mask = torch::zeros({batch, static_cast<int64_t>(input_len)}, torch::kBool);
  out.vip = torch::zeros({batch, static_cast<int64_t>(input_len)}, torch::kBool);
  out.decoder_input_ids = torch::full({batch, static_cast<int64_t>(target_len)}, config.pad_token_id, torch::kLong);
  out.labels = torch::full({batch, static_cast<int64_t>(target_len)}, kIgnoredLabel, torch::kLong);
  auto input = out.input_ids.accessor<int64_t, 2>();
  auto mask = out.attention_mask.accessor<bool, 2>();
  auto vip = out.vip.accessor<bool, 2>();
  auto decoder_input = out.decoder_input_ids.accessor<int64_t, 2>();
  auto labels = out.labels.accessor<int64_t, 2>();
  for (int64_t b = 0; b < batch; ++b) {
    const auto& e = examples[b];
    for (size_t j = 0; j < e.input_ids.size(); ++j) {
      input[b][j] = e.input_ids[j];
      mask[b][j] = true;
      vip[b][j] = e.vip[j] != 0;
    }
    // Teacher forcing: position t sees the targets before t and predicts target t.
    decoder_input[b][0] = config.decoder_start_token_id;
    for (size_t t = 0; t < e.target_ids.size(); ++t) {
      labels[b][t] = e.target_ids[t];
      if (t + 1 < e.target_ids.size()) decoder_input[b][t + 1] = e.target_ids[t];
    }
    if (!e.alignment.empty()) {
      if (!out.alignment.defined()) {
        out.alignment = torch::zeros({batch, static_cast<int64_t>(target_len), static_cast<int64_t>(input_len)}, torch::kBool);
      }
      auto aligned = out.alignment.accessor<bool, 3>();
      for (size_t t = 0; t < e.alignment.size(); ++t) {
        for (int32_t p : e.alignment[t]) aligned[b][static_cast<int64_t>(t)][p] = true;
      }
    }
    mark(out.question_mask, b, e.question_positions);
    mark(out.question_country, b, e.question_country_positions);
    mark(out.country_mentions, b, e.country_mention_positions);
    mark(out.other_country_mentions, b, e.other_country_mention_positions);
    if (!e.sections.empty()) {
      if (!out.section_id.defined()) {
        out.section_id = torch::full({batch, static_cast<int64_t>(input_len)}, -1, torch::kLong);
        out.section_header = torch::zeros({batch, static_cast<int64_t>(input_len)}, torch::kBool);
      }
      auto id = out.section_id.accessor<int64_t, 2>();
      auto header = out.section_header.accessor<bool, 2>();
      for (size_t k = 0; k < e.sections.size(); ++k) {
        const auto& section = e.sections[k];
        for (int32_t p = section.first; p < section.end; ++p) {
          id[b][p] = static_cast<int64_t>(k);
          header[b][p] = p < section.body;
        }
      }
    }
    if (e.evidence_first < e.evidence_end) {
      if (!out.distractors.defined()) out.distractors = torch::zeros({batch, static_cast<int64_t>(input_len)}, torch::kBool);
      auto distractor = out.distractors.accessor<bool, 2>();
      for (size_t j = 0; j < e.input_ids.size(); ++j) {
        const auto p = static_cast<int32_t>(j);
        distractor[b][p] = e.vip[j] == 0 && (p < e.evidence_first || p >= e.evidence_end);
      }
    }
    out.input_tokens += static_cast<int64_t>(e.input_ids.size());
    out.target_tokens += static_cast<int64_t>(e.target_ids.size());
  }
  return out;
}

TrainingBatch batchOnDevice(const TrainingBatch& batch, const torch::Device& device) {
  TrainingBatch out = batch;
  for (torch::Tensor* t : {&out.input_ids, &out.attention_mask, &out.vip, &out.decoder_input_ids, &out.labels,
                           &out.alignment, &out.question_mask, &out.question_country, &out.country_mentions,
                           &out.other_country_mentions, &out.section_id, &out.section_header, &out.distractors}) {
    if (t->defined()) *t = t->to(device);
  }
  return out;
}

}  // namespace frontseat
