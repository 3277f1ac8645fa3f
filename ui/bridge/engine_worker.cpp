#include "ui/bridge/engine_worker.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <optional>

#include "engine/core/errors.h"
#include "engine/runtime/heap_reuse.h"
#include "engine/session/answer_record.h"
#include "engine/session/library_documents.h"
#include "engine/session/section_summary.h"

namespace frontseat::ui {

namespace {

// LibTorch's messages can carry a long backtrace after the first line.
QString firstLine(const char* message) {
  const QString text = QString::fromUtf8(message);
  return text.left(text.indexOf('\n')).trimmed();
}

bool sameModel(const ModelOptions& a, const ModelOptions& b) {
  return a.dir == b.dir && a.device == b.device && a.dtype == b.dtype && a.threads == b.threads;
}

}  // namespace

EngineWorker::EngineWorker(QString database, QString trace_dir)
    : database_(std::move(database)), trace_dir_(std::move(trace_dir)) {}

EngineWorker::~EngineWorker() = default;

void EngineWorker::setModel(const ModelOptions& options) { model_ = options; }

void EngineWorker::run(const QueryRequest& request) {
  if (request.cancel && request.cancel->load()) {
    Q_EMIT failed(request.id, tr("Cancelled before it started."), true);
    return;
  }
  Q_EMIT started(request.id);
  std::optional<QueryReply> reply;
  QString error;
  bool cancelled = false;
  try {
    reply = answer(request);
  } catch (const CancelledError&) {
    error = tr("Cancelled.");
    cancelled = true;
  } catch (const Error& e) {
    error = firstLine(e.what());
  } catch (const std::exception& e) {
    error = tr("Internal error: %1").arg(firstLine(e.what()));
  }
  // An idle app should not hold the job's peak. The trim comes before the reply
  // goes out: it holds the heap's lock, which the GUI thread's allocations would
  // wait on while it shows the reply.
  returnFreedMemory();
  if (reply) {
    Q_EMIT finished(*reply);
  } else {
    Q_EMIT failed(request.id, error, cancelled);
  }
}

Engine& EngineWorker::engine(const QueryRequest& request, double* load_ms) {
  if (!engine_ || !sameModel(model_, loaded_model_)) {
    Q_EMIT progress({request.id, QStringLiteral("load"), 0, 1, 0});
    engine_.reset();  // free the old weights before loading new ones
    engine_ = Engine::load(model_);
    loaded_model_ = model_;
    *load_ms = engine_->loadMs();
    Q_EMIT modelLoaded(QString::fromStdString(engine_->config().summary()), QString::fromStdString(engine_->device()),
                       QString::fromStdString(engine_->dtype()), engine_->loadMs());
  }
  return *engine_;
}

Library& EngineWorker::library() {
  if (!library_) library_ = std::make_unique<Library>(Library::open(database_.toStdString()));
  return *library_;
}

QueryReply EngineWorker::answer(const QueryRequest& request) {
  QueryReply reply;
  reply.id = request.id;
  reply.kind = request.kind;
  reply.document_id = request.document_id;
  reply.question = request.question;
  if (model_.dir.empty()) throw InputError("No model is set: choose a model folder in Settings.");
  Engine& model = engine(request, &reply.load_ms);
  if (request.cancel && request.cancel->load()) throw CancelledError("cancelled");

  auto doc = library().document(request.document_id);
  if (!doc) throw InputError("The document is no longer in the library.");
  QElapsedTimer stage_timer;
  stage_timer.start();
  Q_EMIT progress({request.id, QStringLiteral("tokenize"), 0, 1, 0});

  AskRequest ask;
  const bool summary = request.kind == QueryKind::Summary;
  ask.question = summary ? std::string() : request.question.toStdString();
  ask.prompt_template = summary ? kDefaultSummaryTemplate : kDefaultQuestionTemplate;
  ask.document = doc->text;
  ask.generation = request.generation;
  ask.attention = request.attention;
  ask.vcc = request.vcc;
  ask.pinned = request.pinned;
  ask.want_trace = true;
  const auto sections = summary && request.by_section
                            ? summarySections(doc->text, documentStructure(*doc).headings, doc->record.title)
                            : std::vector<SummarySection>{};
  if (sections.empty()) {
    ask.document_tokens = cachedDocumentTokens(library(), request.document_id, doc->text, model, model_.dir);
  }

  JobControl control;
  control.cancel = request.cancel.get();
  QString stage;
  control.on_progress = [&](const Progress& p) {
    const QString now = QString::fromStdString(p.stage);
    if (now != stage) {
      stage = now;
      stage_timer.restart();
    }
    Q_EMIT progress({request.id, now, p.done, p.total, static_cast<double>(stage_timer.elapsed())});
  };
  reply.result = sections.empty() ? model.ask(ask, control) : summarizeBySection(model, ask, sections, control);
  reply.device = QString::fromStdString(model.device());
  reply.dtype = QString::fromStdString(model.dtype());
  std::string trace_path;
  if (reply.result.trace) {
    reply.trace = std::make_shared<const VccTrace>(std::move(*reply.result.trace));
    reply.result.trace.reset();
    reply.evidence = evidencePassages(*reply.trace);
    // The trace lets the history show the VIP map again later; an answer without
    // it is still worth keeping, so a failed write only loses the map.
    const QString file = QDir(trace_dir_).filePath(QStringLiteral("%1-%2-%3.json")
                                                       .arg(request.document_id)
                                                       .arg(QDateTime::currentMSecsSinceEpoch())
                                                       .arg(request.id));
    try {
      QDir().mkpath(trace_dir_);
      writeTrace(*reply.trace, file.toStdString());
      trace_path = file.toStdString();
    } catch (const Error&) {
    }
  }
  reply.record = makeAnswerRecord(request.document_id, summary ? "summary" : "answer", ask.question, reply.result,
                                  model, model_.dir, request.generation, trace_path);
  reply.record.id = library().recordAnswer(reply.record);
  return reply;
}

}  // namespace frontseat::ui
