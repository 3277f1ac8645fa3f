// The main window: library sidebar on the left, the document with its VIP map in
// the middle, and the Ask / Summary / Evidence / Compare panels on the right.
// It owns the engine thread's client and a read connection to the library, and
// wires the views together; the work itself lives in the panels and the engine.
#pragma once

#include <QMainWindow>
#include <QPointer>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "engine/store/library.h"
#include "ui/bridge/query_types.h"
#include "ui/settings/app_settings.h"
#include "ui/window/app_paths.h"

class QLabel;
class QMenu;
class QTabWidget;
class QSettings;

namespace frontseat::ui {

class AskPanel;
class CompareView;
class DocumentView;
class EngineClient;
class EvidenceList;
class ImportRunner;
class LibrarySidebar;
class SummaryPanel;
class VipMapPanel;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  // Opens (or creates) the library at paths.database; a library that cannot be
  // opened leaves the window usable with the error shown, never a crash.
  MainWindow(AppPaths paths, QSettings& settings, QWidget* parent = nullptr);
  ~MainWindow() override;

  // Imports files (as File > Import or a drop would); the last one opens.
  void importFiles(const QStringList& paths);
  void openDocument(int64_t id);
  int64_t currentDocument() const { return document_id_; }
  const AppSettings& settings() const { return settings_; }
  void applySettings(const AppSettings& settings);

  // The parts, for tests and the screenshot script.
  LibrarySidebar* librarySidebar() const { return sidebar_; }
  DocumentView* documentView() const { return document_view_; }
  VipMapPanel* vipMapPanel() const { return vip_map_; }
  AskPanel* askPanel() const { return ask_panel_; }
  SummaryPanel* summaryPanel() const { return summary_panel_; }
  CompareView* compareView() const { return compare_view_; }
  EvidenceList* evidenceList() const { return evidence_list_; }
  QTabWidget* panels() const { return panels_; }
  EngineClient* engine() const { return engine_; }

 Q_SIGNALS:
  // After an answer or summary is shown (tests and the screenshot script wait on it).
  void replyShown(quint64 id);
  void requestFailed(quint64 id, const QString& message);
  void documentImported(qint64 id);

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void closeEvent(QCloseEvent* event) override;

 private:
  enum class Purpose { Ask, Summary, CompareFull, CompareVcc };

  void buildMenus();
  void refreshLibrary();
  void refreshHistory();
  void updateRecentMenu();
  void chooseFilesToImport();
  void removeDocument(int64_t id);
  void ask(const QString& question, Purpose purpose);
  void summarize(int max_new_tokens, int num_beams, bool by_section);
  void cancelRunning();
  void onProgress(const QueryProgress& progress);
  void onFinished(const QueryReply& reply);
  void onFailed(quint64 id, const QString& message, bool cancelled);
  // `without_map`: what the VIP map says when there is no trace (empty: how to get one).
  void showTrace(std::shared_ptr<const VccTrace> trace, std::vector<EvidencePassage> evidence,
                 const QString& without_map = {});
  void showHistoryEntry(qint64 record_id);
  bool showAnswerPlaces(const AnswerRecord& record);
  void pinSelection();
  void clearPins();
  void openSettings();
  void exportVipMap(bool svg);
  void followDocumentScroll(int64_t byte_offset);
  void updateBusy();
  void showMessage(const QString& title, const QString& message);
  QueryRequest baseRequest() const;

  AppPaths paths_;
  QSettings& store_;
  AppSettings settings_;
  std::unique_ptr<Library> library_;  // the GUI thread's read/write connection
  EngineClient* engine_;
  ImportRunner* importer_;

  LibrarySidebar* sidebar_;
  DocumentView* document_view_;
  VipMapPanel* vip_map_;
  QTabWidget* panels_;
  AskPanel* ask_panel_;
  SummaryPanel* summary_panel_;
  EvidenceList* evidence_list_;
  CompareView* compare_view_;
  QLabel* model_status_;
  QMenu* recent_menu_ = nullptr;

  int64_t document_id_ = 0;
  QString document_title_;
  std::shared_ptr<const std::string> document_text_;
  std::vector<AnswerRecord> history_;
  std::vector<PinnedRange> pins_;
  std::shared_ptr<const VccTrace> trace_;
  // Bumped whenever another answer is shown, so a history entry's trace that
  // loads after the user moved on is dropped.
  quint64 shown_answer_ = 0;
  std::map<quint64, Purpose> running_;
  QString open_after_import_;  // the file of the latest import request: it opens when imported
};

}  // namespace frontseat::ui
