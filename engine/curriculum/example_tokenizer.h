// Turns a text example (engine/data) into a training example: the engine's
// default prompt around question and document, VIP marks where the engine puts
// them (the template and the question), the target with EOS, and where the
// decoder should look while writing it (the alignment) and where the question
// is. Plain C++ (no LibTorch).
#pragma once

#include <cstdint>

#include "engine/data/text_example.h"
#include "engine/text/tokenizer.h"
#include "engine/train/training_example.h"

namespace frontseat::train {

// Inputs longer than max_input_tokens are cut at the end of the document (EOS
// stays last); alignment positions past the cut are dropped.
TrainingExample tokenizeExample(const Tokenizer& tokenizer, const TextExample& example, int64_t max_input_tokens);

}  // namespace frontseat::train
