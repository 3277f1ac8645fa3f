#include "ui/window/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

#include "engine/core/errors.h"
#include "engine/runtime/engine.h"
#include "engine/session/library_documents.h"
#include "engine/vcc/trace_summary.h"
#include "ui/ask/answer_details.h"
#include "ui/ask/ask_panel.h"
#include "ui/ask/progress_estimate.h"
#include "ui/bridge/engine_client.h"
#include "ui/compare/compare_view.h"
#include "ui/document/document_view.h"
#include "ui/document/evidence_list.h"
#include "ui/library/import_runner.h"
#include "ui/library/library_sidebar.h"
#include "ui/settings/settings_dialog.h"
#include "ui/summary/summary_panel.h"
#include "ui/vipmap/vip_map_panel.h"
#include "ui/vipmap/vip_map_widget.h"

namespace frontseat::ui {

namespace {

constexpr const char* kImportFilter =
    "Documents (*.txt *.text *.md *.markdown *.html *.htm *.xhtml *.pdf *.docx *.epub);;All files (*)";

// The input token whose document span holds `byte` (spans are in document order).
int64_t tokenAtByte(const VccTrace& trace, int64_t byte) {
  const auto& spans = trace.spans;
  auto it = std::lower_bound(spans.begin(), spans.end(), byte,
                             [](const TokenSpanRange& s, int64_t b) { return s.begin < 0 || s.end <= b; });
  if (it == spans.end()) return -1;
  return it - spans.begin();
}

std::shared_ptr<const VccTrace> loadTrace(const std::string& path) {
  try {
    return std::make_shared<const VccTrace>(readTrace(path));
  } catch (const Error&) {
    return nullptr;  // a deleted or damaged trace file only loses the map
  }
}

// Where a quoted answer stands in the document (none when it quotes nothing).
std::vector<PinnedRange> answerPlaces(const AnswerRecord& record) {
  std::vector<PinnedRange> places;
  places.reserve(record.quoted_at.size());
  for (const auto& [begin, end] : record.quoted_at) places.push_back({begin, end});
  return places;
}

}  // namespace

MainWindow::MainWindow(AppPaths paths, QSettings& settings, QWidget* parent)
    : QMainWindow(parent), paths_(std::move(paths)), store_(settings) {
  AppSettings::setDefaultModelDir(paths_.bundled_model);
  settings_ = AppSettings::load(store_);
  setWindowTitle(tr("Frontseat"));
  setAcceptDrops(true);

  engine_ = new EngineClient(paths_.database, paths_.traces, this);
  importer_ = new ImportRunner(paths_.database, this);

  sidebar_ = new LibrarySidebar(this);
  document_view_ = new DocumentView(this);
  vip_map_ = new VipMapPanel(this);
  ask_panel_ = new AskPanel(this);
  summary_panel_ = new SummaryPanel(this);
  evidence_list_ = new EvidenceList(this);
  compare_view_ = new CompareView(this);

  auto* center = new QSplitter(Qt::Vertical, this);
  center->addWidget(document_view_);
  center->addWidget(vip_map_);
  center->setStretchFactor(0, 3);
  center->setStretchFactor(1, 1);
  center->setChildrenCollapsible(false);
  setCentralWidget(center);

  auto* library_dock = new QDockWidget(tr("Library"), this);
  library_dock->setObjectName(QStringLiteral("library"));
  library_dock->setWidget(sidebar_);
  library_dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
  addDockWidget(Qt::LeftDockWidgetArea, library_dock);

  panels_ = new QTabWidget(this);
  panels_->addTab(ask_panel_, tr("Ask"));
  panels_->addTab(summary_panel_, tr("Summary"));
  panels_->addTab(evidence_list_, tr("Evidence"));
  panels_->addTab(compare_view_, tr("Compare"));
  auto* panel_dock = new QDockWidget(tr("Questions"), this);
  panel_dock->setObjectName(QStringLiteral("panels"));
  panel_dock->setWidget(panels_);
  panel_dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
  addDockWidget(Qt::RightDockWidgetArea, panel_dock);
  resizeDocks({library_dock, panel_dock}, {230, 420}, Qt::Horizontal);

  model_status_ = new QLabel(this);
  statusBar()->addPermanentWidget(model_status_);
  buildMenus();

  connect(sidebar_, &LibrarySidebar::documentActivated, this, &MainWindow::openDocument);
  connect(sidebar_, &LibrarySidebar::importRequested, this, &MainWindow::chooseFilesToImport);
  connect(sidebar_, &LibrarySidebar::removeConfirmed, this, &MainWindow::removeDocument);
  connect(importer_, &ImportRunner::imported, this, [this](const QString& path, qint64 id, bool created) {
    statusBar()->showMessage(created ? tr("Imported %1").arg(QFileInfo(path).fileName())
                                     : tr("%1 is already in the library").arg(QFileInfo(path).fileName()),
                             5000);
    settings_.addRecentFile(path);
    settings_.save(store_);
    updateRecentMenu();
    refreshLibrary();
    if (path == open_after_import_) openDocument(id);
    Q_EMIT documentImported(id);
  });
  connect(importer_, &ImportRunner::failed, this, [this](const QString&, const QString& message) {
    showMessage(tr("Import failed"), message);
  });

  connect(ask_panel_, &AskPanel::askRequested, this, [this](const QString& q) { ask(q, Purpose::Ask); });
  connect(ask_panel_, &AskPanel::compareRequested, this, [this](const QString& q) {
    compare_view_->clear();
    compare_view_->setQuestion(q);
    compare_view_->setPending(true, true);
    ask(q, Purpose::CompareFull);
    ask(q, Purpose::CompareVcc);
    panels_->setCurrentWidget(compare_view_);
  });
  connect(ask_panel_, &AskPanel::cancelRequested, this, &MainWindow::cancelRunning);
  connect(ask_panel_, &AskPanel::clearPinsRequested, this, &MainWindow::clearPins);
  connect(ask_panel_, &AskPanel::historyActivated, this, &MainWindow::showHistoryEntry);
  connect(summary_panel_, &SummaryPanel::summarizeRequested, this, &MainWindow::summarize);
  connect(summary_panel_, &SummaryPanel::cancelRequested, this, &MainWindow::cancelRunning);

  connect(evidence_list_, &EvidenceList::passageActivated, document_view_, &DocumentView::jumpToEvidence);
  connect(vip_map_, &VipMapPanel::tokenActivated, this, [this](int64_t, int64_t begin, int64_t) {
    if (begin >= 0) document_view_->jumpToByte(begin);
  });
  connect(document_view_, &DocumentView::visibleByteChanged, this, &MainWindow::followDocumentScroll);

  connect(engine_, &EngineClient::progress, this, &MainWindow::onProgress);
  connect(engine_, &EngineClient::finished, this, &MainWindow::onFinished);
  connect(engine_, &EngineClient::failed, this, &MainWindow::onFailed);
  connect(engine_, &EngineClient::modelLoaded, this,
          [this](const QString& summary, const QString& device, const QString& dtype, double load_ms) {
            model_status_->setText(tr("Model: %1 · %2 %3 · loaded in %4 s")
                                       .arg(QFileInfo(settings_.modelDir()).fileName(), device, dtype,
                                            QString::number(load_ms / 1000.0, 'f', 1)));
            model_status_->setToolTip(summary);
          });

  try {
    library_ = std::make_unique<Library>(Library::open(paths_.database.toStdString()));
  } catch (const Error& e) {
    showMessage(tr("The library could not be opened"), QString::fromUtf8(e.what()));
  }
  applySettings(settings_);
  refreshLibrary();
  updateBusy();
  if (!restoreGeometry(store_.value(QStringLiteral("window/geometry")).toByteArray())) resize(1400, 880);
  restoreState(store_.value(QStringLiteral("window/state")).toByteArray());
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
  auto* file = menuBar()->addMenu(tr("&File"));
  auto* import_action = file->addAction(tr("&Import…"), this, &MainWindow::chooseFilesToImport);
  import_action->setShortcut(QKeySequence::Open);
  recent_menu_ = file->addMenu(tr("Open &Recent"));
  file->addSeparator();
  file->addAction(tr("Export VIP Map as &PNG…"), this, [this] { exportVipMap(false); });
  file->addAction(tr("Export VIP Map as &SVG…"), this, [this] { exportVipMap(true); });
  file->addSeparator();
  auto* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);

  auto* edit = menuBar()->addMenu(tr("&Edit"));
  // The document view binds Ctrl+F and F3 itself (window-wide); the tab shows the key.
  edit->addAction(tr("&Find…\tCtrl+F"), document_view_, &DocumentView::openFind);
  edit->addAction(tr("Find &Next\tF3"), document_view_, &DocumentView::findNext);
  auto* pin = edit->addAction(tr("&Pin Selection as VIP"), this, &MainWindow::pinSelection);
  pin->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
  pin->setEnabled(false);
  connect(document_view_, &DocumentView::selectionAvailable, pin, &QAction::setEnabled);
  edit->addAction(tr("&Clear Pins"), this, &MainWindow::clearPins);
  edit->addSeparator();
  auto* settings = edit->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
  settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));

  auto* query = menuBar()->addMenu(tr("&Question"));
  auto* focus = query->addAction(tr("&Ask a Question"), this, [this] {
    panels_->setCurrentWidget(ask_panel_);
    ask_panel_->questionBox()->setFocus();
    ask_panel_->questionBox()->selectAll();
  });
  focus->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
  auto* summarize_action = query->addAction(tr("&Summarize Document"), this, [this] {
    panels_->setCurrentWidget(summary_panel_);
    summarize(summary_panel_->maxNewTokens(), summary_panel_->numBeams(), summary_panel_->bySection());
  });
  summarize_action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
  auto* compare = query->addAction(tr("&Compare Full Attention and VCC"), this, [this] {
    ask_panel_->submitQuestion(true);
  });
  compare->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
  auto* next = query->addAction(tr("&Next Evidence"), document_view_, &DocumentView::nextEvidence);
  next->setShortcut(QKeySequence(Qt::Key_F8));
  auto* previous = query->addAction(tr("&Previous Evidence"), document_view_, &DocumentView::previousEvidence);
  previous->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F8));
  query->addSeparator();
  auto* cancel = query->addAction(tr("&Cancel"), this, &MainWindow::cancelRunning);
  cancel->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));

  auto* view = menuBar()->addMenu(tr("&View"));
  view->addAction(tr("Zoom VIP Map &In"), vip_map_->map(), &VipMapWidget::zoomIn);
  view->addAction(tr("Zoom VIP Map &Out"), vip_map_->map(), &VipMapWidget::zoomOut);
  view->addAction(tr("&Fit VIP Map"), vip_map_->map(), &VipMapWidget::fitAll);

  auto* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About Frontseat"), this, [this] {
    QMessageBox::about(this, tr("About Frontseat"),
                       tr("<h3>Frontseat %1</h3><p>Ask questions about, and summarize, very long documents on your "
                          "own machine.</p><p>Long inputs are made affordable with VCC (VIP-token centric "
                          "compression): the question's tokens keep full resolution, the blocks of the document "
                          "that matter to them are refined, the rest is compressed. The VIP map shows that "
                          "selection, layer by layer.</p>")
                           .arg(QApplication::applicationVersion()));
  });
  updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
  recent_menu_->clear();
  for (const QString& path : settings_.recent_files) {
    recent_menu_->addAction(QFileInfo(path).fileName(), this, [this, path] { importFiles({path}); })
        ->setToolTip(path);
  }
  recent_menu_->setEnabled(!settings_.recent_files.isEmpty());
}

void MainWindow::refreshLibrary() {
  if (!library_) return;
  try {
    sidebar_->setDocuments(library_->listDocuments());
  } catch (const Error& e) {
    showMessage(tr("The library could not be read"), QString::fromUtf8(e.what()));
  }
}

void MainWindow::refreshHistory() {
  history_.clear();
  if (library_ && document_id_) {
    try {
      history_ = library_->history(document_id_, 200);
    } catch (const Error& e) {
      showMessage(tr("The history could not be read"), QString::fromUtf8(e.what()));
    }
  }
  ask_panel_->setHistory(history_);
}

void MainWindow::chooseFilesToImport() {
  const QStringList files = QFileDialog::getOpenFileNames(this, tr("Import documents"), QString(), tr(kImportFilter));
  importFiles(files);
}

void MainWindow::importFiles(const QStringList& paths) {
  if (paths.isEmpty()) return;
  open_after_import_ = paths.back();
  for (const QString& path : paths) importer_->importFile(path);
  statusBar()->showMessage(tr("Importing %n file(s)…", nullptr, static_cast<int>(paths.size())));
}

void MainWindow::openDocument(int64_t id) {
  if (!library_ || id == document_id_) return;
  std::optional<StoredDocument> doc;
  try {
    doc = library_->document(id);
  } catch (const Error& e) {
    showMessage(tr("The document could not be read"), QString::fromUtf8(e.what()));
    return;
  }
  if (!doc) return;
  document_id_ = id;
  document_title_ = QString::fromStdString(doc->record.title);
  auto structure = documentStructure(*doc);
  document_text_ = std::make_shared<const std::string>(std::move(doc->text));
  document_view_->setDocument(document_title_, document_text_, std::move(structure.pages),
                              std::move(structure.headings));
  sidebar_->selectDocument(id);
  setWindowTitle(tr("%1 — Frontseat").arg(document_title_));
  ask_panel_->setDocumentTitle(document_title_);
  summary_panel_->setDocumentTitle(document_title_);
  summary_panel_->clearSummary();
  compare_view_->clear();
  pins_.clear();
  document_view_->setPinned(pins_);
  ask_panel_->setPinnedCount(0);
  showTrace(nullptr, {});
  refreshHistory();
  // Show the latest answer and its map, so reopening a document picks up where the user was.
  for (const auto& record : history_) {
    if (record.kind == "answer") {
      showHistoryEntry(record.id);
      break;
    }
  }
}

void MainWindow::removeDocument(int64_t id) {
  if (!library_) return;
  try {
    library_->removeDocument(id);
  } catch (const Error& e) {
    showMessage(tr("The document could not be removed"), QString::fromUtf8(e.what()));
    return;
  }
  if (id == document_id_) {
    document_id_ = 0;
    document_text_.reset();
    document_view_->clearDocument();
    ask_panel_->setDocumentTitle({});
    ask_panel_->setHistory({});
    summary_panel_->setDocumentTitle({});
    showTrace(nullptr, {});
    setWindowTitle(tr("Frontseat"));
  }
  refreshLibrary();
}

QueryRequest MainWindow::baseRequest() const {
  QueryRequest request;
  request.document_id = document_id_;
  request.attention = settings_.attention;
  request.vcc = settings_.effectiveVcc();
  request.pinned = pins_;
  return request;
}

void MainWindow::ask(const QString& question, Purpose purpose) {
  if (!document_id_) return;
  QueryRequest request = baseRequest();
  request.kind = QueryKind::Answer;
  request.question = question;
  request.generation = settings_.answer_generation;
  if (purpose == Purpose::CompareFull) request.attention = AttentionMode::Full;
  if (purpose == Purpose::CompareVcc) request.attention = AttentionMode::Vcc;
  running_[engine_->submit(request)] = purpose;
  updateBusy();
}

void MainWindow::summarize(int max_new_tokens, int num_beams, bool by_section) {
  if (!document_id_ || !running_.empty()) return;
  QueryRequest request = baseRequest();
  request.kind = QueryKind::Summary;
  request.generation = settings_.summary_generation;
  request.generation.max_new_tokens = max_new_tokens;
  request.generation.num_beams = num_beams;
  request.by_section = by_section;
  running_[engine_->submit(request)] = Purpose::Summary;
  updateBusy();
}

void MainWindow::cancelRunning() {
  for (const auto& [id, purpose] : running_) engine_->cancel(id);
  statusBar()->showMessage(tr("Cancelling…"), 3000);
}

void MainWindow::updateBusy() {
  const bool busy = !running_.empty();
  ask_panel_->setBusy(busy);
  summary_panel_->setBusy(busy);
}

void MainWindow::onProgress(const QueryProgress& progress) {
  const auto it = running_.find(progress.id);
  if (it == running_.end()) return;
  if (it->second == Purpose::Summary) {
    const auto view = describeProgress(progress);
    summary_panel_->showProgress(view.text, view.value, view.maximum);
  } else {
    ask_panel_->showProgress(progress);
  }
}

void MainWindow::onFinished(const QueryReply& reply) {
  const auto it = running_.find(reply.id);
  if (it == running_.end()) return;
  const Purpose purpose = it->second;
  running_.erase(it);
  updateBusy();
  if (reply.document_id == document_id_) {
    ++shown_answer_;
    const QString details = describeAnswerSettings(reply.record);
    switch (purpose) {
      case Purpose::Ask:
        ask_panel_->showAnswer(reply.record);
        showTrace(reply.trace, reply.evidence);
        // Show where the answer came from: where a quoted answer stands, else
        // the strongest passage, as F8 would.
        if (!showAnswerPlaces(reply.record)) document_view_->jumpToEvidence(0);
        break;
      case Purpose::Summary:
        summary_panel_->showSummary(QString::fromStdString(reply.record.answer), details, reply.result.sections > 0);
        showTrace(reply.trace, reply.evidence,
                  tr("Summarized section by section: each section was read on its own, so there is no one map "
                     "of the document."));
        break;
      case Purpose::CompareFull:
      case Purpose::CompareVcc:
        compare_view_->setSide(purpose == Purpose::CompareVcc,
                               {QString::fromStdString(reply.record.answer), reply.result.encode_ms,
                                reply.result.decode_ms, reply.result.input_tokens, details});
        if (purpose == Purpose::CompareVcc) showTrace(reply.trace, reply.evidence);
        break;
    }
    refreshHistory();
  }
  statusBar()->showMessage(tr("Done in %1 s").arg(
                               QString::number((reply.result.encode_ms + reply.result.decode_ms) / 1000.0, 'f', 1)),
                           5000);
  Q_EMIT replyShown(reply.id);
}

void MainWindow::onFailed(quint64 id, const QString& message, bool cancelled) {
  const auto it = running_.find(id);
  if (it == running_.end()) return;
  const Purpose purpose = it->second;
  running_.erase(it);
  updateBusy();
  const QString text = cancelled ? tr("Cancelled.") : message;
  switch (purpose) {
    case Purpose::Ask:
      ask_panel_->showError(text);
      break;
    case Purpose::Summary:
      summary_panel_->showError(text);
      break;
    case Purpose::CompareFull:
    case Purpose::CompareVcc:
      compare_view_->setSideError(purpose == Purpose::CompareVcc, text);
      break;
  }
  statusBar()->showMessage(text, 8000);
  Q_EMIT requestFailed(id, text);
}

void MainWindow::showTrace(std::shared_ptr<const VccTrace> trace, std::vector<EvidencePassage> evidence,
                           const QString& without_map) {
  trace_ = trace;
  // Blocks start and end on token edges; a highlight reads better on whole words
  // (the VIP map still shows exactly what was refined).
  if (document_text_) widenToWords(evidence, *document_text_);
  document_view_->setAnswerPlaces({});  // they belong to the answer shown before
  vip_map_->setTrace(trace, trace ? document_text_ : nullptr, without_map);
  evidence_list_->setPassages(evidence, document_text_ ? std::string_view(*document_text_) : std::string_view());
  document_view_->setEvidence(std::move(evidence));
}

void MainWindow::showHistoryEntry(qint64 record_id) {
  const auto it = std::find_if(history_.begin(), history_.end(), [&](const AnswerRecord& r) { return r.id == record_id; });
  if (it == history_.end()) return;
  ask_panel_->showAnswer(*it);
  const quint64 shown = ++shown_answer_;
  // Nothing of the answer shown before stays beside this one while its trace loads.
  showTrace(nullptr, {}, it->trace_path.empty() ? tr("No map was kept for this answer (a summary made section by "
                                                     "section reads each section on its own).")
                                                : tr("Reading this answer's map…"));
  if (it->trace_path.empty()) {
    showAnswerPlaces(*it);
    return;
  }
  // Reading a 128K-token trace takes a moment: off the GUI thread. Its places are
  // underlined now; the view goes to one once the passages read are known.
  document_view_->setAnswerPlaces(answerPlaces(*it));
  auto* watcher = new QFutureWatcher<std::shared_ptr<const VccTrace>>(this);
  const int64_t doc = document_id_;
  connect(watcher, &QFutureWatcher<std::shared_ptr<const VccTrace>>::finished, this,
          [this, watcher, doc, shown, record = *it] {
            auto trace = watcher->result();
            watcher->deleteLater();
            if (doc != document_id_ || shown != shown_answer_) return;
            showTrace(trace, trace ? evidencePassages(*trace) : std::vector<EvidencePassage>{},
                      tr("This answer's map could not be read: its file is gone or damaged."));
            showAnswerPlaces(record);
          });
  watcher->setFuture(QtConcurrent::run(loadTrace, it->trace_path));
}

// Underlines where a quoted answer stands and opens its place inside the
// passages the model read. False when the answer quotes nothing.
bool MainWindow::showAnswerPlaces(const AnswerRecord& record) {
  document_view_->setAnswerPlaces(answerPlaces(record));
  if (record.quoted_at.empty()) return false;
  document_view_->jumpToAnswer();
  return true;
}

void MainWindow::pinSelection() {
  const auto range = document_view_->selectedByteRange();
  if (!range || range->end <= range->begin) return;
  pins_.push_back(*range);
  document_view_->setPinned(pins_);
  ask_panel_->setPinnedCount(static_cast<int>(pins_.size()));
  statusBar()->showMessage(tr("Pinned: the passage stays at full resolution for the next questions"), 4000);
}

void MainWindow::clearPins() {
  pins_.clear();
  document_view_->setPinned(pins_);
  ask_panel_->setPinnedCount(0);
}

void MainWindow::openSettings() {
  QStringList devices;
  for (const auto& d : availableDevices()) devices << QString::fromStdString(d);
  SettingsDialog dialog(settings_, devices, this);
  if (dialog.exec() != QDialog::Accepted) return;
  applySettings(dialog.settings());
  settings_.save(store_);
}

void MainWindow::applySettings(const AppSettings& settings) {
  settings_ = settings;
  engine_->setModel(settings_.model);
  summary_panel_->setGeneration(settings_.summary_generation.max_new_tokens, settings_.summary_generation.num_beams);
  const QString dir = settings_.modelDir();
  model_status_->setText(dir.isEmpty() ? tr("No model: choose one in Settings (Ctrl+,)")
                                       : tr("Model: %1 (loads with the first question)").arg(QFileInfo(dir).fileName()));
  model_status_->setToolTip(dir);
  updateRecentMenu();
}

void MainWindow::exportVipMap(bool svg) {
  if (!trace_) {
    showMessage(tr("Nothing to export"), tr("Ask a question first: the VIP map shows how the model read the document."));
    return;
  }
  const QString suffix = svg ? QStringLiteral("svg") : QStringLiteral("png");
  const QString path = QFileDialog::getSaveFileName(this, tr("Export VIP map"),
                                                    tr("%1 VIP map.%2").arg(document_title_, suffix),
                                                    svg ? tr("SVG images (*.svg)") : tr("PNG images (*.png)"));
  if (path.isEmpty()) return;
  QString error;
  const bool ok = svg ? vip_map_->map()->exportSvg(path, &error) : vip_map_->map()->exportPng(path, &error);
  if (!ok) showMessage(tr("Export failed"), error);
}

void MainWindow::followDocumentScroll(int64_t byte_offset) {
  if (!trace_) return;
  const int64_t token = tokenAtByte(*trace_, byte_offset);
  if (token >= 0) vip_map_->map()->markPosition(token);
}

void MainWindow::showMessage(const QString& title, const QString& message) {
  QMessageBox::warning(this, title, message);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  QStringList files;
  for (const QUrl& url : event->mimeData()->urls()) {
    if (url.isLocalFile()) files << url.toLocalFile();
  }
  importFiles(files);
  event->acceptProposedAction();
}

void MainWindow::closeEvent(QCloseEvent* event) {
  store_.setValue(QStringLiteral("window/geometry"), saveGeometry());
  store_.setValue(QStringLiteral("window/state"), saveState());
  settings_.save(store_);
  engine_->cancelAll();
  event->accept();
}

}  // namespace frontseat::ui
