// The document pane: the imported text, read-only, with navigation by heading
// and page, find-in-document, and highlights for the evidence passages the model
// read at full resolution and for the passages the user pinned as VIP. Speaks the
// engine's UTF-8 byte offsets at its edges; Qt's UTF-16 positions stay inside.
#pragma once

#include <QTimer>
#include <QWidget>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/import/imported_document.h"
#include "engine/runtime/engine.h"  // PinnedRange only; the header is LibTorch-free
#include "engine/vcc/trace_summary.h"
#include "ui/document/byte_offset_map.h"
#include "ui/document/find_matches.h"
#include "ui/document/highlight_layers.h"
#include "ui/document/reading_text_edit.h"


namespace frontseat::ui {

class FindBar;
class NavigationBar;

class DocumentView : public QWidget {
  Q_OBJECT

 public:
  explicit DocumentView(QWidget* parent = nullptr);

  // Shows a document, replacing the previous one with its evidence, pins and find
  // matches. `text_utf8` is the engine's normalized text; pages (PDFs) and headings
  // fill the navigation boxes, which hide when there are none.
  void setDocument(const QString& title, std::shared_ptr<const std::string> text_utf8,
                   std::vector<DocumentPage> pages, std::vector<DocumentHeading> headings);
  // Back to the empty state, with its "import a document" placeholder.
  void clearDocument();

  bool hasDocument() const { return offsets_.byteLength() > 0; }
  QString title() const { return title_; }
  int64_t byteLength() const { return offsets_.byteLength(); }
  const ByteOffsetMap& offsets() const { return offsets_; }

  // Highlights the passages with evidenceHighlightColor(), in strongestFirst()
  // order, which is also what evidence indices below refer to.
  void setEvidence(std::vector<EvidencePassage> passages);
  const std::vector<EvidencePassage>& evidence() const { return evidence_; }
  int currentEvidence() const { return current_evidence_; }  // -1 before any jump

  // Highlights the passages the user pinned as VIP with pinnedHighlightColor().
  void setPinned(std::vector<PinnedRange> ranges);

  // Highlights where a quoted answer stands (AskResult::quoted_at) with
  // answerHighlightColor(), underlined; an empty list clears them.
  void setAnswerPlaces(std::vector<PinnedRange> places);
  const std::vector<PinnedRange>& answerPlaces() const { return answer_places_; }

  // The selection's byte range (so the app can pin it); nullopt when nothing is
  // selected.
  std::optional<PinnedRange> selectedByteRange() const;
  QString selectedText() const;  // with '\n' line breaks

  // Byte offset of the first character at the top-left of the visible text.
  int64_t visibleByteOffset() const;

  // Opens the find bar with `query` and goes to its first match at or after the
  // cursor (then to the first one).
  void find(const QString& query);
  int findMatchCount() const { return find_matches_.count(); }
  int currentFindMatch() const { return find_matches_.current(); }  // -1 when none

  ReadingTextEdit* textEdit() const;

 public Q_SLOTS:
  // Scrolls so the character holding `byte_offset` is centered, puts the text
  // cursor on it and briefly marks its line.
  void jumpToByte(int64_t byte_offset);
  void jumpToEvidence(int index);
  // Shows the answer where the model most likely read it: its first place inside
  // the strongest evidence passage that holds one (which becomes the current
  // passage), else its first place. Does nothing without answer places.
  void jumpToAnswer();
  void nextEvidence();
  void previousEvidence();
  void clearEvidence();

  void openFind();  // Ctrl+F; a short selection becomes the query
  void findNext();  // Enter in the find bar, F3
  void findPrevious();  // Shift+Enter, Shift+F3

 Q_SIGNALS:
  void selectionAvailable(bool available);
  // The top of the view moved to another character (scrolling, jumps).
  void visibleByteChanged(int64_t byte_offset);
  void currentEvidenceChanged(int index);

 private:
  enum class Placement { Center, CenterIfHidden, Top };

  void moveCursorTo(qsizetype position, Placement placement);
  void jumpToHeading(int index);
  void jumpToPage(int index);
  void emphasizeHeadings();
  void highlightEvidence();
  void flashLineAt(qsizetype position);
  void showFindBar();
  void runFind(const QString& query);
  void stepFind(void (FindMatches::*step)());
  void showCurrentFindMatch();
  void endFind();
  void followScroll();

  NavigationBar* navigation_;
  ReadingTextEdit* text_edit_;
  FindBar* find_bar_;
  HighlightLayers highlights_;
  QTimer flash_timer_;

  QString title_;
  ByteOffsetMap offsets_;
  std::vector<DocumentPage> pages_;
  std::vector<DocumentHeading> headings_;
  std::vector<EvidencePassage> evidence_;
  int current_evidence_ = -1;
  std::vector<PinnedRange> answer_places_;
  FindMatches find_matches_;
  int64_t last_visible_byte_ = -1;
};

}  // namespace frontseat::ui
