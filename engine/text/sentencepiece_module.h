// Finds and loads the SentencePiece module (see sentencepiece_backend.h) once per
// process. Search order: $FRONTSEAT_SENTENCEPIECE_MODULE, then next to the running
// program (../lib/frontseat, ../lib, its own folder), then the build tree.
#pragma once

#include "engine/text/sentencepiece_backend.h"

namespace frontseat {

struct SentencePieceModule {
  CreateSentencePieceModelFn create = nullptr;
  TrainSentencePieceFn train = nullptr;
};

// TokenizerError, listing the places searched, when the module cannot be loaded.
const SentencePieceModule& sentencePieceModule();

}  // namespace frontseat
