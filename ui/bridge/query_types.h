// What the window sends to the engine thread and what comes back. Plain values
// (copied across threads by queued signals); the trace is shared read-only.
#pragma once

#include <QMetaType>
#include <QString>
#include <atomic>
#include <memory>
#include <vector>

#include "engine/runtime/engine.h"
#include "engine/store/library.h"
#include "engine/vcc/trace_summary.h"

namespace frontseat::ui {

enum class QueryKind { Answer, Summary };

struct QueryRequest {
  quint64 id = 0;  // set by EngineClient::submit
  QueryKind kind = QueryKind::Answer;
  int64_t document_id = 0;
  QString question;  // empty for summaries
  AttentionMode attention = AttentionMode::Auto;
  VccOptions vcc;
  GenerationOptions generation;
  std::vector<PinnedRange> pinned;
  // Summaries: one for each top-level section, each read on its own
  // (summarizeBySection); the whole document where it has fewer than two.
  bool by_section = false;
  // Set from the GUI thread to stop the request at the next layer (or before it starts).
  std::shared_ptr<std::atomic<bool>> cancel;
};

struct QueryReply {
  quint64 id = 0;
  QueryKind kind = QueryKind::Answer;
  int64_t document_id = 0;
  QString question;
  AnswerRecord record;  // as stored in the library's history (id set)
  AskResult result;     // what the engine returned (trace moved out to `trace`)
  double load_ms = 0;   // model load time when this request loaded the model, else 0
  QString device, dtype;
  std::shared_ptr<const VccTrace> trace;  // also written to record.trace_path
  std::vector<EvidencePassage> evidence;  // strongest first; empty for full attention
};

// Stage of a running request: "load" (model), "tokenize", "encode" (layers),
// "decode" (steps), "section" (a summary by section's parts), with its own
// elapsed time so the window can estimate the rest.
struct QueryProgress {
  quint64 id = 0;
  QString stage;
  int done = 0, total = 0;
  double stage_elapsed_ms = 0;
};

}  // namespace frontseat::ui

Q_DECLARE_METATYPE(frontseat::ui::QueryRequest)
Q_DECLARE_METATYPE(frontseat::ui::QueryReply)
Q_DECLARE_METATYPE(frontseat::ui::QueryProgress)
Q_DECLARE_METATYPE(frontseat::ModelOptions)
