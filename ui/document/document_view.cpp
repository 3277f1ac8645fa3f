#include "ui/document/document_view.h"

#include <QPlainTextEdit>
#include <QShortcut>
#include <QTextCursor>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/document/document_structure.h"
#include "ui/document/evidence_ranking.h"
#include "ui/document/find_bar.h"
#include "ui/document/navigation_bar.h"
#include "ui/document/reading_text_edit.h"
#include "ui/theme/resolution_colors.h"

namespace frontseat::ui {
namespace {

constexpr int kFlashMilliseconds = 1200;

const QColor kFindMatchColor(0x86, 0xef, 0xac, 160);    // pale green
const QColor kCurrentFindColor(0x15, 0x80, 0x3d, 220);  // deep green, white text
const QColor kFlashColor(0x3b, 0x82, 0xf6, 50);         // faint blue line

// Longest selection used to prefill the find query.
constexpr int kMaxPrefillCharacters = 80;

}  // namespace

DocumentView::DocumentView(QWidget* parent)
    : QWidget(parent),
      navigation_(new NavigationBar(this)),
      text_edit_(new ReadingTextEdit(this)),
      find_bar_(new FindBar(this)),
      highlights_(text_edit_) {
  text_edit_->setPlaceholderText(tr("Import a document (Ctrl+O) or drop a file here"));
  navigation_->hide();
  find_bar_->hide();

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addWidget(navigation_);
  layout->addWidget(text_edit_, 1);
  layout->addWidget(find_bar_);
  setFocusProxy(text_edit_);

  flash_timer_.setSingleShot(true);
  flash_timer_.setInterval(kFlashMilliseconds);
  connect(&flash_timer_, &QTimer::timeout, this, [this] { highlights_.clear(HighlightLayer::Flash); });

  connect(navigation_, &NavigationBar::headingChosen, this, &DocumentView::jumpToHeading);
  connect(navigation_, &NavigationBar::pageChosen, this, &DocumentView::jumpToPage);
  connect(navigation_, &NavigationBar::previousEvidenceRequested, this, &DocumentView::previousEvidence);
  connect(navigation_, &NavigationBar::nextEvidenceRequested, this, &DocumentView::nextEvidence);

  connect(find_bar_, &FindBar::queryChanged, this, &DocumentView::runFind);
  connect(find_bar_, &FindBar::nextRequested, this, &DocumentView::findNext);
  connect(find_bar_, &FindBar::previousRequested, this, &DocumentView::findPrevious);
  connect(find_bar_, &FindBar::closed, this, &DocumentView::endFind);

  connect(text_edit_, &QPlainTextEdit::copyAvailable, this, &DocumentView::selectionAvailable);
  // Scrolling repaints the whole viewport (QPlainTextEdit scrolls its bar with the
  // bar's signals blocked, so valueChanged misses jumps); smaller repaints, like the
  // cursor blinking, cannot move the top.
  connect(text_edit_, &QPlainTextEdit::updateRequest, this, [this](const QRect& rect) {
    if (rect.contains(text_edit_->viewport()->rect())) followScroll();
  });

  const auto shortcut = [this](const QKeySequence& keys, void (DocumentView::*slot)()) {
    auto* s = new QShortcut(keys, this);
    // Anywhere in the window: a reader presses Ctrl+F while typing a question too.
    // The window's menu therefore shows these keys without binding them again
    // (Qt ignores a key bound twice as ambiguous).
    s->setContext(Qt::WindowShortcut);
    connect(s, &QShortcut::activated, this, slot);
  };
  shortcut(QKeySequence::Find, &DocumentView::openFind);
  shortcut(QKeySequence(Qt::Key_F3), &DocumentView::findNext);
  shortcut(QKeySequence(Qt::SHIFT | Qt::Key_F3), &DocumentView::findPrevious);
}

ReadingTextEdit* DocumentView::textEdit() const { return text_edit_; }

void DocumentView::setDocument(const QString& title, std::shared_ptr<const std::string> text_utf8,
                               std::vector<DocumentPage> pages, std::vector<DocumentHeading> headings) {
  highlights_.clearAll();
  for (const auto which : {Backdrop::Evidence, Backdrop::AnswerPlaces, Backdrop::FindMatches}) {
    text_edit_->clearBackdrop(which);
  }
  flash_timer_.stop();
  evidence_.clear();
  current_evidence_ = -1;
  answer_places_.clear();
  find_matches_.clear();

  title_ = title;
  offsets_ = text_utf8 ? ByteOffsetMap(*text_utf8) : ByteOffsetMap();
  pages_ = std::move(pages);
  headings_ = std::move(headings);

  text_edit_->setPlainText(offsets_.text());
  emphasizeHeadings();
  navigation_->setTitle(title_);
  navigation_->setHeadings(headings_);
  navigation_->setPageNumbers(pages_);
  navigation_->showEvidencePosition(-1, 0);
  navigation_->setVisible(hasDocument());
  if (find_bar_->isVisible()) runFind(find_bar_->query());

  last_visible_byte_ = -1;
  followScroll();
}

void DocumentView::clearDocument() { setDocument(QString(), nullptr, {}, {}); }

void DocumentView::emphasizeHeadings() {
  QTextCursor cursor(text_edit_->document());
  cursor.beginEditBlock();
  for (const auto& heading : headings_) {
    QTextCharFormat format;
    format.setFontWeight(QFont::Bold);
    // Top-level headings a little larger, so the outline shows in the text too.
    if (heading.level <= 2) format.setFontPointSize(text_edit_->font().pointSizeF() * (heading.level == 1 ? 1.3 : 1.15));
    cursor.setPosition(static_cast<int>(offsets_.toUtf16(static_cast<int64_t>(heading.offset))));
    cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
    cursor.mergeCharFormat(format);
  }
  cursor.endEditBlock();
}

void DocumentView::setEvidence(std::vector<EvidencePassage> passages) {
  evidence_ = strongestFirst(std::move(passages));
  current_evidence_ = -1;
  highlightEvidence();
  highlights_.clear(HighlightLayer::CurrentEvidence);
  navigation_->showEvidencePosition(current_evidence_, static_cast<int>(evidence_.size()));
}

void DocumentView::clearEvidence() { setEvidence({}); }

void DocumentView::highlightEvidence() {
  std::vector<TextRange> ranges;
  ranges.reserve(evidence_.size());
  for (const auto& passage : evidence_) ranges.emplace_back(offsets_.toUtf16(passage.begin), offsets_.toUtf16(passage.end));
  text_edit_->setBackdrop(Backdrop::Evidence, std::move(ranges), evidenceHighlightColor());
}

void DocumentView::jumpToEvidence(int index) {
  if (index < 0 || index >= static_cast<int>(evidence_.size())) return;
  current_evidence_ = index;
  const auto& passage = evidence_[static_cast<size_t>(index)];
  const qsizetype begin = offsets_.toUtf16(passage.begin);
  // The current passage gets a second coat of the evidence color: same hue, deeper.
  highlights_.set(HighlightLayer::CurrentEvidence,
                  {highlights_.span(begin, offsets_.toUtf16(passage.end), evidenceHighlightColor())});
  moveCursorTo(begin, Placement::Center);
  navigation_->showEvidencePosition(current_evidence_, static_cast<int>(evidence_.size()));
  Q_EMIT currentEvidenceChanged(index);
}

void DocumentView::setAnswerPlaces(std::vector<PinnedRange> places) {
  answer_places_ = std::move(places);
  std::vector<TextRange> ranges;
  ranges.reserve(answer_places_.size());
  for (const auto& place : answer_places_) {
    ranges.emplace_back(offsets_.toUtf16(static_cast<int64_t>(place.begin)),
                        offsets_.toUtf16(static_cast<int64_t>(place.end)));
  }
  text_edit_->setBackdrop(Backdrop::AnswerPlaces, std::move(ranges), answerHighlightColor(), /*underline=*/true);
}

void DocumentView::jumpToAnswer() {
  if (answer_places_.empty()) return;
  for (size_t i = 0; i < evidence_.size(); ++i) {
    const auto& passage = evidence_[i];
    for (const auto& place : answer_places_) {
      if (static_cast<int64_t>(place.begin) >= passage.begin && static_cast<int64_t>(place.end) <= passage.end) {
        jumpToEvidence(static_cast<int>(i));
        moveCursorTo(offsets_.toUtf16(static_cast<int64_t>(place.begin)), Placement::Center);
        return;
      }
    }
  }
  moveCursorTo(offsets_.toUtf16(static_cast<int64_t>(answer_places_.front().begin)), Placement::Center);
}

void DocumentView::nextEvidence() {
  if (evidence_.empty()) return;
  jumpToEvidence((current_evidence_ + 1) % static_cast<int>(evidence_.size()));
}

void DocumentView::previousEvidence() {
  if (evidence_.empty()) return;
  jumpToEvidence(current_evidence_ <= 0 ? static_cast<int>(evidence_.size()) - 1 : current_evidence_ - 1);
}

void DocumentView::setPinned(std::vector<PinnedRange> ranges) {
  QList<QTextEdit::ExtraSelection> selections;
  for (const auto& range : ranges) {
    selections.append(highlights_.span(offsets_.toUtf16(static_cast<int64_t>(range.begin)),
                                       offsets_.toUtf16(static_cast<int64_t>(range.end)), pinnedHighlightColor()));
  }
  highlights_.set(HighlightLayer::Pinned, std::move(selections));
}

std::optional<PinnedRange> DocumentView::selectedByteRange() const {
  const QTextCursor cursor = text_edit_->textCursor();
  if (!cursor.hasSelection()) return std::nullopt;
  return PinnedRange{static_cast<size_t>(offsets_.toByte(cursor.selectionStart())),
                     static_cast<size_t>(offsets_.toByte(cursor.selectionEnd()))};
}

QString DocumentView::selectedText() const {
  // QTextCursor marks paragraph breaks with U+2029.
  return text_edit_->textCursor().selectedText().replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
}

int64_t DocumentView::visibleByteOffset() const {
  return offsets_.toByte(text_edit_->cursorForPosition(QPoint(0, 0)).position());
}

void DocumentView::jumpToByte(int64_t byte_offset) {
  const qsizetype position = offsets_.toUtf16(byte_offset);
  moveCursorTo(position, Placement::Center);
  flashLineAt(position);
}

void DocumentView::jumpToHeading(int index) {
  if (index < 0 || index >= static_cast<int>(headings_.size())) return;
  moveCursorTo(offsets_.toUtf16(static_cast<int64_t>(headings_[static_cast<size_t>(index)].offset)), Placement::Top);
}

void DocumentView::jumpToPage(int index) {
  if (index < 0 || index >= static_cast<int>(pages_.size())) return;
  moveCursorTo(offsets_.toUtf16(static_cast<int64_t>(pages_[static_cast<size_t>(index)].begin)), Placement::Top);
}

void DocumentView::moveCursorTo(qsizetype position, Placement placement) {
  QTextCursor cursor(text_edit_->document());
  cursor.setPosition(static_cast<int>(position));
  switch (placement) {
    case Placement::Center:
      text_edit_->setTextCursor(cursor);
      text_edit_->centerCursor();
      break;
    case Placement::CenterIfHidden: {
      const QRect visible = text_edit_->viewport()->rect();
      const int first = text_edit_->cursorForPosition(visible.topLeft()).position();
      const int last = text_edit_->cursorForPosition(visible.bottomRight()).position();
      text_edit_->setTextCursor(cursor);
      if (position < first || position > last) text_edit_->centerCursor();
      break;
    }
    case Placement::Top:
      // Scrolling to the end first makes the minimal scroll back up stop with the
      // target on the top line.
      text_edit_->moveCursor(QTextCursor::End);
      text_edit_->setTextCursor(cursor);
      break;
  }
}

void DocumentView::flashLineAt(qsizetype position) {
  highlights_.set(HighlightLayer::Flash, {highlights_.line(position, kFlashColor)});
  flash_timer_.start();
}

void DocumentView::openFind() {
  // A short selection is most likely what the user wants to find.
  const QString selection = selectedText();
  if (!selection.isEmpty() && selection.size() <= kMaxPrefillCharacters && !selection.contains(QLatin1Char('\n'))) {
    const QSignalBlocker quiet(find_bar_);  // showFindBar searches
    find_bar_->setQuery(selection);
  }
  showFindBar();
}

void DocumentView::find(const QString& query) {
  const QSignalBlocker quiet(find_bar_);  // showFindBar searches
  find_bar_->setQuery(query);
  showFindBar();
}

void DocumentView::showFindBar() {
  find_bar_->openAndFocus();
  runFind(find_bar_->query());
}

void DocumentView::findNext() { stepFind(&FindMatches::next); }

void DocumentView::findPrevious() { stepFind(&FindMatches::previous); }

void DocumentView::stepFind(void (FindMatches::*step)()) {
  if (!find_bar_->isVisible()) {
    showFindBar();  // F3 with the bar closed reopens it on the last query
    return;
  }
  (find_matches_.*step)();
  showCurrentFindMatch();
}

void DocumentView::runFind(const QString& query) {
  find_matches_.search(offsets_.text(), query, text_edit_->textCursor().selectionStart());
  std::vector<TextRange> matches;
  matches.reserve(static_cast<size_t>(find_matches_.count()));
  for (int i = 0; i < find_matches_.count(); ++i) {
    const qsizetype at = find_matches_.position(i);
    matches.emplace_back(at, at + find_matches_.length());
  }
  text_edit_->setBackdrop(Backdrop::FindMatches, std::move(matches), kFindMatchColor);
  showCurrentFindMatch();
}

void DocumentView::showCurrentFindMatch() {
  const int current = find_matches_.current();
  find_bar_->showMatchStatus(current, find_matches_.count());
  const qsizetype length = find_matches_.length();
  if (current < 0) {
    highlights_.clear(HighlightLayer::CurrentFindMatch);
    return;
  }

  const qsizetype at = find_matches_.position(current);
  auto current_match = highlights_.span(at, at + length, kCurrentFindColor);
  current_match.format.setForeground(Qt::white);
  highlights_.set(HighlightLayer::CurrentFindMatch, {current_match});
  moveCursorTo(at, Placement::CenterIfHidden);
}

void DocumentView::endFind() {
  text_edit_->clearBackdrop(Backdrop::FindMatches);
  highlights_.clear(HighlightLayer::CurrentFindMatch);
  // Leave the match found last selected, ready to copy or pin.
  if (find_matches_.current() >= 0) {
    QTextCursor cursor = text_edit_->textCursor();
    const qsizetype at = find_matches_.position(find_matches_.current());
    cursor.setPosition(static_cast<int>(at));
    cursor.setPosition(static_cast<int>(at + find_matches_.length()), QTextCursor::KeepAnchor);
    text_edit_->setTextCursor(cursor);
  }
  text_edit_->setFocus(Qt::OtherFocusReason);
}

void DocumentView::followScroll() {
  const int64_t byte_offset = visibleByteOffset();
  if (byte_offset == last_visible_byte_) return;
  last_visible_byte_ = byte_offset;
  navigation_->showHeading(headingIndexAt(headings_, byte_offset));
  navigation_->showPage(pageIndexAt(pages_, byte_offset));
  Q_EMIT visibleByteChanged(byte_offset);
}

}  // namespace frontseat::ui
