// Tests of the document pane: byte <-> UTF-16 offsets, find, jumps, evidence and
// pin highlights (and that backdrops paint under their ranges only), selection to bytes, heading and page navigation, a 600 KB
// document, the empty state, and the evidence list.
#include <QComboBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <memory>
#include <string>

#include "ui/document/byte_offset_map.h"
#include "ui/document/document_structure.h"
#include "ui/document/document_view.h"
#include "ui/document/evidence_item_delegate.h"
#include "ui/document/evidence_list.h"
#include "ui/document/find_matches.h"
#include "ui/theme/resolution_colors.h"

using namespace frontseat;
using namespace frontseat::ui;

namespace {

// "a" (1 byte), "é" (2), "中" (3), "😀" (4: a surrogate pair in UTF-16), "b" (1).
// Bytes:  a=0  é=1..2  中=3..5  😀=6..9  b=10; 11 in all.
// UTF-16: a=0  é=1     中=2     😀=3,4   b=5;  6 in all.
const std::string kMixed = "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80" "b";

std::shared_ptr<const std::string> shared(std::string text) {
  return std::make_shared<const std::string>(std::move(text));
}

// `count` paragraphs of filler, so the text is taller than the view and scrolls.
std::string filler(int count) {
  std::string text;
  for (int i = 0; i < count; ++i) text += "Filler paragraph with some ordinary words in it.\n\n";
  return text;
}

EvidencePassage passage(int64_t begin, int64_t end, int layers, double strength) {
  EvidencePassage p;
  p.begin = begin;
  p.end = end;
  p.layers = layers;
  p.strength = strength;
  return p;
}

// The extra selections whose background is `color`.
QList<QTextEdit::ExtraSelection> selectionsColored(const QPlainTextEdit* edit, const QColor& color) {
  QList<QTextEdit::ExtraSelection> found;
  for (const auto& selection : edit->extraSelections()) {
    if (selection.format.background().color() == color) found.append(selection);
  }
  return found;
}

// A shown view, so scrolling and hit-testing have a real viewport.
std::unique_ptr<DocumentView> shownView() {
  auto view = std::make_unique<DocumentView>();
  view->resize(800, 600);
  view->show();
  return view;
}

}  // namespace

class DocumentViewTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void byteOffsetMapConvertsBytesToUtf16();
  void byteOffsetMapConvertsUtf16ToBytes();
  void byteOffsetMapReplacesInvalidBytes();
  void structureLookupsFindPageAndHeading();
  void findMatchesStepAndWrap();
  void findCountsMatchesCaseInsensitivelyAndSteps();
  void findBarKeysStepAndClose();
  void findShortcutsOpenAndStep();
  void jumpToByteLandsOnTheCharacter();
  void evidenceHighlightsCoverTheirSpans();
  void evidenceStepsStrongestFirstAndWraps();
  void backdropsMergeAndPaintUnderTheirRangesOnly();
  void pinnedHighlightsUsePinColor();
  void answerPlacesHighlightAndJumpWhereTheModelRead();
  void selectedByteRangeMapsTheSelection();
  void headingOutlineJumpsAndFollowsScrolling();
  void pageBoxJumpsBetweenThreePages();
  void navigationHidesWithoutStructure();
  void largeDocumentLoadsAndFinds();
  void clearDocumentShowsPlaceholder();
  void evidenceListShowsPassagesStrongestFirst();
  void evidenceListEmptyStateAndSnippetBoundaries();
};

void DocumentViewTest::byteOffsetMapConvertsBytesToUtf16() {
  const ByteOffsetMap map(kMixed);
  QCOMPARE(map.text(), QString::fromUtf8(kMixed.data(), qsizetype(kMixed.size())));
  QCOMPARE(map.byteLength(), 11);
  QCOMPARE(map.utf16Length(), 6);
  const std::vector<std::pair<int64_t, qsizetype>> expected = {
      {0, 0}, {1, 1}, {2, 1}, {3, 2}, {4, 2}, {5, 2}, {6, 3}, {7, 3}, {8, 3}, {9, 3}, {10, 5}, {11, 6}};
  for (const auto& [byte, position] : expected) QCOMPARE(map.toUtf16(byte), position);
  QCOMPARE(map.toUtf16(-7), 0);    // clamps
  QCOMPARE(map.toUtf16(1000), 6);  // clamps
}

void DocumentViewTest::byteOffsetMapConvertsUtf16ToBytes() {
  const ByteOffsetMap map(kMixed);
  const std::vector<std::pair<qsizetype, int64_t>> expected = {{0, 0}, {1, 1}, {2, 3}, {3, 6}, {4, 6}, {5, 10}, {6, 11}};
  for (const auto& [position, byte] : expected) QCOMPARE(map.toByte(position), byte);
  QCOMPARE(map.toByte(-1), 0);
  QCOMPARE(map.toByte(99), 11);

  const ByteOffsetMap empty;
  QCOMPARE(empty.utf16Length(), 0);
  QCOMPARE(empty.toUtf16(5), 0);
  QCOMPARE(empty.toByte(5), 0);
}

void DocumentViewTest::byteOffsetMapReplacesInvalidBytes() {
  // A stray 0xFF, then a 3-byte sequence cut short: one U+FFFD per bad byte, so
  // the offsets after them still line up.
  const ByteOffsetMap map(std::string("a\xFF" "b\xE4\xB8"));
  QCOMPARE(map.text(), QStringLiteral("a\uFFFDb\uFFFD\uFFFD"));
  QCOMPARE(map.toByte(2), 2);
  QCOMPARE(map.toUtf16(4), 4);
}

void DocumentViewTest::structureLookupsFindPageAndHeading() {
  const std::vector<DocumentPage> pages = {{0, 10, 1}, {12, 20, 2}, {22, 30, 3}};
  QCOMPARE(pageIndexAt(pages, 0), 0);
  QCOMPARE(pageIndexAt(pages, 11), 0);  // the gap belongs to the earlier page
  QCOMPARE(pageIndexAt(pages, 12), 1);
  QCOMPARE(pageIndexAt(pages, 500), 2);
  QCOMPARE(pageIndexAt({}, 5), -1);

  const std::vector<DocumentHeading> headings = {{5, 1, "One"}, {40, 2, "Two"}};
  QCOMPARE(headingIndexAt(headings, 0), -1);
  QCOMPARE(headingIndexAt(headings, 5), 0);
  QCOMPARE(headingIndexAt(headings, 39), 0);
  QCOMPARE(headingIndexAt(headings, 40), 1);
}

void DocumentViewTest::findMatchesStepAndWrap() {
  FindMatches matches;
  matches.search(QString(5000, QLatin1Char('x')), QStringLiteral("X"), 4990);
  QCOMPARE(matches.count(), 5000);
  QCOMPARE(matches.current(), 4990);
  QCOMPARE(matches.position(4990), 4990);
  for (int step = 0; step < 10; ++step) matches.next();
  QCOMPARE(matches.current(), 0);  // wrapped
  matches.previous();
  QCOMPARE(matches.current(), 4999);

  matches.search(QStringLiteral("abc"), QStringLiteral("z"), 0);
  QCOMPARE(matches.count(), 0);
  QCOMPARE(matches.current(), -1);
}

void DocumentViewTest::findCountsMatchesCaseInsensitivelyAndSteps() {
  auto view = shownView();
  // "Penalty" at UTF-16 positions 3, 15 and 30 (é and 中 are one unit each).
  const std::string text = "\xC3\xA9. Penalty one penalty \xE4\xB8\xAD two PENALTY.";
  view->setDocument(QStringLiteral("Penalties"), shared(text), {}, {});
  const QString decoded = view->offsets().text();
  const qsizetype first = decoded.indexOf(QLatin1String("Penalty"));
  const qsizetype second = decoded.indexOf(QLatin1String("penalty"));
  const qsizetype third = decoded.indexOf(QLatin1String("PENALTY"));

  view->find(QStringLiteral("penalty"));
  QCOMPARE(view->findMatchCount(), 3);
  QCOMPARE(view->currentFindMatch(), 0);
  QCOMPARE(view->textEdit()->textCursor().position(), first);
  QCOMPARE(view->findChild<QLabel*>(QStringLiteral("findStatus"))->text(), QStringLiteral("1 of 3"));

  view->findNext();
  QCOMPARE(view->textEdit()->textCursor().position(), second);
  view->findNext();
  QCOMPARE(view->textEdit()->textCursor().position(), third);
  QCOMPARE(view->findChild<QLabel*>(QStringLiteral("findStatus"))->text(), QStringLiteral("3 of 3"));
  view->findNext();  // wraps
  QCOMPARE(view->textEdit()->textCursor().position(), first);
  view->findPrevious();  // wraps back
  QCOMPARE(view->textEdit()->textCursor().position(), third);

  // All matches highlighted, the current one in a color of its own on top.
  const std::vector<TextRange> all = {{first, first + 7}, {second, second + 7}, {third, third + 7}};
  QCOMPARE(view->textEdit()->backdrop(Backdrop::FindMatches), all);
  QCOMPARE(view->textEdit()->extraSelections().size(), 1);
  QCOMPARE(view->textEdit()->extraSelections()[0].cursor.selectionStart(), third);

  view->find(QStringLiteral("absent"));
  QCOMPARE(view->findMatchCount(), 0);
  QCOMPARE(view->findChild<QLabel*>(QStringLiteral("findStatus"))->text(), QStringLiteral("No matches"));
  QVERIFY(view->textEdit()->backdrop(Backdrop::FindMatches).empty());
}

void DocumentViewTest::findBarKeysStepAndClose() {
  auto view = shownView();
  view->setDocument(QStringLiteral("Keys"), shared("one two one two one"), {}, {});
  view->openFind();
  auto* query = view->findChild<QLineEdit*>(QStringLiteral("findQuery"));
  QVERIFY(query->isVisible());
  QTest::keyClicks(query, QStringLiteral("ONE"));
  QCOMPARE(view->findMatchCount(), 3);
  QCOMPARE(view->currentFindMatch(), 0);
  QTest::keyClick(query, Qt::Key_Return);
  QCOMPARE(view->currentFindMatch(), 1);
  QTest::keyClick(query, Qt::Key_Return, Qt::ShiftModifier);
  QCOMPARE(view->currentFindMatch(), 0);
  QTest::keyClick(query, Qt::Key_Return, Qt::ShiftModifier);
  QCOMPARE(view->currentFindMatch(), 2);

  QTest::keyClick(query, Qt::Key_Escape);
  QVERIFY(!query->isVisible());
  QVERIFY(view->textEdit()->extraSelections().isEmpty());
  QVERIFY(view->textEdit()->backdrop(Backdrop::FindMatches).empty());
  QCOMPARE(view->selectedText(), QStringLiteral("one"));  // the last match stays selected
  QCOMPARE(view->textEdit()->textCursor().selectionStart(), 16);
}

void DocumentViewTest::findShortcutsOpenAndStep() {
  auto view = shownView();
  view->setDocument(QStringLiteral("Shortcuts"), shared("Harbor, harbor, HARBOR."), {}, {});
  view->activateWindow();
  QVERIFY(QTest::qWaitForWindowActive(view.get()));
  view->textEdit()->setFocus();

  // Ctrl+F opens the bar with the selected word as its query.
  QTextCursor word = view->textEdit()->textCursor();
  word.setPosition(8);
  word.setPosition(14, QTextCursor::KeepAnchor);
  view->textEdit()->setTextCursor(word);
  QTest::keyClick(view->textEdit(), Qt::Key_F, Qt::ControlModifier);
  auto* query = view->findChild<QLineEdit*>(QStringLiteral("findQuery"));
  QVERIFY(query->isVisible());
  QCOMPARE(query->text(), QStringLiteral("harbor"));
  QCOMPARE(view->findMatchCount(), 3);
  QCOMPARE(view->currentFindMatch(), 1);  // the selected one

  view->textEdit()->setFocus();
  QTest::keyClick(view->textEdit(), Qt::Key_F3);
  QCOMPARE(view->currentFindMatch(), 2);
  QTest::keyClick(view->textEdit(), Qt::Key_F3, Qt::ShiftModifier);
  QCOMPARE(view->currentFindMatch(), 1);
}

void DocumentViewTest::jumpToByteLandsOnTheCharacter() {
  auto view = shownView();
  const std::string text = filler(300) + kMixed + "\n" + filler(300);
  view->setDocument(QStringLiteral("Jump"), shared(text), {}, {});
  const int64_t mixed_at = static_cast<int64_t>(filler(300).size());
  const qsizetype mixed_position = view->offsets().toUtf16(mixed_at);
  QCOMPARE(view->visibleByteOffset(), 0);

  QSignalSpy visible(view.get(), &DocumentView::visibleByteChanged);
  view->jumpToByte(mixed_at + 10);  // "b", after the emoji's surrogate pair
  QCOMPARE(view->textEdit()->textCursor().position(), mixed_position + 5);
  QCOMPARE(view->textEdit()->document()->characterAt(int(mixed_position + 5)), QLatin1Char('b'));
  QVERIFY(!visible.isEmpty());
  const int64_t top = visible.last().first().toLongLong();
  QCOMPARE(top, view->visibleByteOffset());
  QVERIFY(top > 0 && top < mixed_at);  // centered: the target is below the top line

  view->jumpToByte(mixed_at + 4);  // inside 中: its start
  QCOMPARE(view->textEdit()->textCursor().position(), mixed_position + 2);
  view->jumpToByte(mixed_at + 8);  // inside 😀: the high surrogate
  QCOMPARE(view->textEdit()->textCursor().position(), mixed_position + 3);
  view->jumpToByte(-3);
  QCOMPARE(view->textEdit()->textCursor().position(), 0);
}

void DocumentViewTest::evidenceHighlightsCoverTheirSpans() {
  DocumentView view;
  // The weaker passage spans "é中" (bytes 1..6), the stronger one "😀b" (6..11).
  view.setDocument(QStringLiteral("Evidence"), shared(kMixed), {}, {});
  view.setEvidence({passage(1, 6, 1, 0.4), passage(6, 11, 3, 2.5)});

  // In UTF-16 positions, in document order: "é中" is [1, 3), "😀b" [3, 6).
  const std::vector<TextRange> spans = {{1, 3}, {3, 6}};
  QCOMPARE(view.textEdit()->backdrop(Backdrop::Evidence), spans);
  QCOMPARE(view.textEdit()->backdropColor(Backdrop::Evidence), evidenceHighlightColor());
  QCOMPARE(view.evidence()[0].begin, 6);  // strongest first

  view.clearEvidence();
  QVERIFY(view.textEdit()->backdrop(Backdrop::Evidence).empty());
  QVERIFY(view.textEdit()->extraSelections().isEmpty());
  QVERIFY(view.evidence().empty());
}

void DocumentViewTest::evidenceStepsStrongestFirstAndWraps() {
  DocumentView view;
  view.setDocument(QStringLiteral("Evidence"), shared(kMixed), {}, {});
  view.setEvidence({passage(1, 3, 1, 0.4), passage(3, 6, 2, 0.1), passage(6, 10, 2, 0.9)});
  QCOMPARE(view.evidence()[0].begin, 6);
  QCOMPARE(view.evidence()[1].begin, 3);
  QCOMPARE(view.evidence()[2].begin, 1);
  QCOMPARE(view.currentEvidence(), -1);

  QSignalSpy current(&view, &DocumentView::currentEvidenceChanged);
  view.nextEvidence();
  QCOMPARE(view.currentEvidence(), 0);
  QCOMPARE(view.textEdit()->textCursor().position(), 3);  // 😀
  // The current passage gets a second coat on top of its highlight.
  QCOMPARE(view.textEdit()->backdrop(Backdrop::Evidence).size(), size_t(3));
  const auto coat = selectionsColored(view.textEdit(), evidenceHighlightColor());
  QCOMPARE(coat.size(), 1);
  QCOMPARE(coat[0].cursor.selectionStart(), 3);
  QCOMPARE(coat[0].cursor.selectionEnd(), 5);

  view.previousEvidence();  // wraps to the weakest
  QCOMPARE(view.currentEvidence(), 2);
  QCOMPARE(view.textEdit()->textCursor().position(), 1);
  view.nextEvidence();  // wraps to the strongest
  QCOMPARE(view.currentEvidence(), 0);
  view.jumpToEvidence(1);
  QCOMPARE(view.textEdit()->textCursor().position(), 2);
  view.jumpToEvidence(7);  // out of range: ignored
  QCOMPARE(view.currentEvidence(), 1);
  QCOMPARE(current.size(), 4);
  QCOMPARE(current.last().first().toInt(), 1);
}

// The mean color of `box` in `image`.
QColor meanColor(const QImage& image, const QRect& box) {
  double red = 0, green = 0, blue = 0;
  for (int y = box.top(); y <= box.bottom(); ++y) {
    for (int x = box.left(); x <= box.right(); ++x) {
      const QColor pixel = image.pixelColor(x, y);
      red += pixel.redF();
      green += pixel.greenF();
      blue += pixel.blueF();
    }
  }
  const double n = double(box.width()) * box.height();
  return QColor::fromRgbF(float(red / n), float(green / n), float(blue / n));
}

void DocumentViewTest::backdropsMergeAndPaintUnderTheirRangesOnly() {
  auto view = shownView();
  ReadingTextEdit* edit = view->textEdit();
  // Overlapping and touching ranges: overlaps merge, touching ones stay apart, empty ones go.
  edit->setBackdrop(Backdrop::Evidence, {{8, 12}, {2, 5}, {4, 6}, {12, 14}, {9, 9}}, Qt::red);
  const std::vector<TextRange> merged = {{2, 6}, {8, 12}, {12, 14}};
  QCOMPARE(edit->backdrop(Backdrop::Evidence), merged);

  // The same words twice on a line, a backdrop under the second pair only; then
  // a paragraph that wraps onto several lines, under a backdrop from its middle on.
  std::string wrapping;
  for (int i = 0; i < 40; ++i) wrapping += "plain words ";
  const std::string text = "plain words plain words\n" + filler(1) + wrapping + "last\n" + filler(2);
  view->setDocument(QStringLiteral("Paint"), shared(text), {}, {});
  const int wrap_at = int(text.find(wrapping)), last_at = int(text.find("last"));
  edit->setBackdrop(Backdrop::Evidence, {{12, 23}, {wrap_at + 240, last_at + 4}}, QColor(255, 0, 0, 120));
  QVERIFY(QTest::qWaitForWindowExposed(view.get()));
  const QImage image = edit->viewport()->grab().toImage();
  QTextCursor cursor(edit->document());
  const auto boxOf = [&](int begin, int end) {
    cursor.setPosition(begin);
    const QRect left = edit->cursorRect(cursor);
    cursor.setPosition(end);
    return QRect(left.topLeft(), QPoint(edit->cursorRect(cursor).left() - 1, left.bottom()));
  };
  const QColor under = meanColor(image, boxOf(12, 23));
  const QColor bare = meanColor(image, boxOf(0, 11));
  QVERIFY2(under.redF() - under.blueF() > bare.redF() - bare.blueF() + 0.2,
           qPrintable(QStringLiteral("under %1, bare %2").arg(under.name(), bare.name())));
  // The next paragraph, outside every range, stays the page's color.
  const QColor next = meanColor(image, boxOf(25, 31));
  QVERIFY(std::abs((next.redF() - next.blueF()) - (bare.redF() - bare.blueF())) < 0.05);
  // The wrapped paragraph: bare on its first line, tinted on its last one.
  QVERIFY(boxOf(wrap_at, wrap_at + 11).top() < boxOf(last_at, last_at + 4).top());
  const QColor wrapped_bare = meanColor(image, boxOf(wrap_at, wrap_at + 11));
  const QColor wrapped_under = meanColor(image, boxOf(last_at, last_at + 4));
  QVERIFY(std::abs((wrapped_bare.redF() - wrapped_bare.blueF()) - (bare.redF() - bare.blueF())) < 0.05);
  QVERIFY2(wrapped_under.redF() - wrapped_under.blueF() > bare.redF() - bare.blueF() + 0.2,
           qPrintable(wrapped_under.name()));
}

void DocumentViewTest::answerPlacesHighlightAndJumpWhereTheModelRead() {
  auto view = shownView();
  // "Nairobi" stands three times; the model read the second place at full
  // resolution (inside the strongest passage), so that is where the view goes.
  const std::string head = "Nairobi is large.\n\n" + filler(40);
  const std::string middle = "Capital of Kenya: Nairobi\n\n" + filler(40);
  const std::string text = head + middle + "Nairobi again.\n";
  view->setDocument(QStringLiteral("Answer"), shared(text), {}, {});
  const size_t second = head.size() + 18, third = head.size() + middle.size();
  QCOMPARE(text.substr(second, 7), std::string("Nairobi"));
  view->setEvidence({passage(0, 17, 1, 0.2), passage(int64_t(head.size()), int64_t(second + 7), 3, 2.0)});
  view->setAnswerPlaces({PinnedRange{0, 7}, PinnedRange{second, second + 7}, PinnedRange{third, third + 7}});

  const auto& places = view->textEdit()->backdrop(Backdrop::AnswerPlaces);
  QCOMPARE(places.size(), size_t(3));
  for (const auto& [begin, end] : places) {
    QCOMPARE(view->offsets().text().mid(begin, end - begin), QStringLiteral("Nairobi"));
  }
  QVERIFY(view->textEdit()->backdropUnderlined(Backdrop::AnswerPlaces));
  QCOMPARE(view->textEdit()->backdropColor(Backdrop::AnswerPlaces), answerHighlightColor());
  view->jumpToAnswer();
  QCOMPARE(view->textEdit()->textCursor().position(), qsizetype(second));  // ASCII: bytes are UTF-16 positions
  QCOMPARE(view->currentEvidence(), 0);

  // No evidence (full attention): the first place.
  view->setEvidence({});
  view->jumpToAnswer();
  QCOMPARE(view->textEdit()->textCursor().position(), 0);

  view->setAnswerPlaces({});
  QVERIFY(view->textEdit()->backdrop(Backdrop::AnswerPlaces).empty());
  view->jumpToByte(int64_t(third));
  view->jumpToAnswer();  // nothing to show: stays
  QCOMPARE(view->textEdit()->textCursor().position(), qsizetype(third));
}

void DocumentViewTest::pinnedHighlightsUsePinColor() {
  DocumentView view;
  view.setDocument(QStringLiteral("Pins"), shared(kMixed), {}, {});
  view.setPinned({PinnedRange{3, 10}});
  const auto pinned = selectionsColored(view.textEdit(), pinnedHighlightColor());
  QCOMPARE(pinned.size(), 1);
  QCOMPARE(pinned[0].cursor.selectionStart(), 2);
  QCOMPARE(pinned[0].cursor.selectionEnd(), 5);
  view.setPinned({});
  QVERIFY(view.textEdit()->extraSelections().isEmpty());
}

void DocumentViewTest::selectedByteRangeMapsTheSelection() {
  DocumentView view;
  view.setDocument(QStringLiteral("Selection"), shared(kMixed + "\nnext line"), {}, {});
  QVERIFY(!view.selectedByteRange());

  QSignalSpy available(&view, &DocumentView::selectionAvailable);
  QTextCursor cursor = view.textEdit()->textCursor();
  cursor.setPosition(2);                             // 中
  cursor.setPosition(8, QTextCursor::KeepAnchor);    // through "b\nn"
  view.textEdit()->setTextCursor(cursor);
  QCOMPARE(available.size(), 1);
  QCOMPARE(available.first().first().toBool(), true);

  const auto range = view.selectedByteRange();
  QVERIFY(range);
  QCOMPARE(range->begin, size_t{3});
  QCOMPARE(range->end, size_t{13});
  QCOMPARE(view.selectedText(), QString::fromUtf8("\xE4\xB8\xAD\xF0\x9F\x98\x80" "b\nn"));
}

void DocumentViewTest::headingOutlineJumpsAndFollowsScrolling() {
  auto view = shownView();
  std::string text;
  std::vector<DocumentHeading> headings;
  for (int i = 0; i < 3; ++i) {
    headings.push_back({text.size(), 1, "Chapter " + std::to_string(i + 1) + " \xE2\x80\x94 caf\xC3\xA9"});
    text += headings.back().title + "\n\n" + filler(80);
  }
  text.pop_back();
  view->setDocument(QStringLiteral("Book"), shared(text), {}, headings);

  auto* outline = view->findChild<QComboBox*>(QStringLiteral("outline"));
  QVERIFY(outline->isVisible());
  QCOMPARE(outline->count(), 3);
  QCOMPARE(outline->itemText(2), QString::fromUtf8("Chapter 3 \xE2\x80\x94 caf\xC3\xA9"));

  Q_EMIT outline->activated(2);  // as if the user picked it
  const qsizetype heading = view->offsets().toUtf16(static_cast<int64_t>(headings[2].offset));
  QCOMPARE(view->textEdit()->textCursor().position(), heading);
  QCOMPARE(view->visibleByteOffset(), static_cast<int64_t>(headings[2].offset));  // at the top
  QCOMPARE(outline->currentIndex(), 2);

  view->jumpToByte(static_cast<int64_t>(headings[1].offset) + 2000);  // centered: top still past it
  QCOMPARE(outline->currentIndex(), 1);  // follows the scrolling

  // Dragging the scroll bar back to the top, as a user would.
  QSignalSpy visible(view.get(), &DocumentView::visibleByteChanged);
  view->textEdit()->verticalScrollBar()->setValue(0);
  QCOMPARE(visible.size(), 1);
  QCOMPARE(visible.last().first().toLongLong(), 0);
  QCOMPARE(outline->currentIndex(), 0);
}

void DocumentViewTest::pageBoxJumpsBetweenThreePages() {
  auto view = shownView();
  std::string text;
  std::vector<DocumentPage> pages;
  for (int page = 1; page <= 3; ++page) {
    const size_t begin = text.size();
    text += "Page " + std::to_string(page) + " \xC2\xA7 text.\n\n" + filler(60);
    pages.push_back({begin, text.size(), page});
  }
  view->setDocument(QStringLiteral("Paper"), shared(text), pages, {});

  auto* page_box = view->findChild<QSpinBox*>(QStringLiteral("page"));
  QVERIFY(page_box->isVisible());
  QCOMPARE(page_box->text(), QStringLiteral("Page 1 of 3"));
  QCOMPARE(page_box->maximum(), 3);

  page_box->setValue(3);
  QCOMPARE(view->textEdit()->textCursor().position(), view->offsets().toUtf16(static_cast<int64_t>(pages[2].begin)));
  QCOMPARE(view->visibleByteOffset(), static_cast<int64_t>(pages[2].begin));

  page_box->setValue(2);
  QCOMPARE(view->visibleByteOffset(), static_cast<int64_t>(pages[1].begin));
  view->jumpToByte(static_cast<int64_t>(pages[0].begin) + 300);
  QCOMPARE(page_box->value(), 1);  // follows the scrolling
}

void DocumentViewTest::navigationHidesWithoutStructure() {
  auto view = shownView();
  view->setDocument(QStringLiteral("Plain"), shared(filler(10)), {}, {});
  QVERIFY(view->findChild<QComboBox*>(QStringLiteral("outline"))->isHidden());
  QVERIFY(view->findChild<QSpinBox*>(QStringLiteral("page"))->isHidden());
  QVERIFY(!view->findChild<QLabel*>(QStringLiteral("evidencePosition"))->isVisible());
}

void DocumentViewTest::largeDocumentLoadsAndFinds() {
  auto view = shownView();
  // ~600 KB: paragraphs of mixed scripts, with "Needle" in every 50th one.
  std::string text;
  std::vector<DocumentHeading> headings;
  int needles = 0;
  for (int i = 0; text.size() < 600 * 1024; ++i) {
    if (i % 100 == 0) headings.push_back({text.size(), 2, "Section " + std::to_string(i / 100)});
    text += "Paragraph " + std::to_string(i) + ": caf\xC3\xA9, \xE4\xB8\xAD\xE6\x96\x87, \xF0\x9F\x98\x80 and plain words";
    if (i % 50 == 0) {
      text += " Needle";
      ++needles;
    }
    text += ".\n\n";
  }
  text.resize(text.size() - 2);
  view->setDocument(QStringLiteral("Large"), shared(text), {}, headings);
  QCOMPARE(view->byteLength(), static_cast<int64_t>(text.size()));

  view->find(QStringLiteral("needle"));
  QCOMPARE(view->findMatchCount(), needles);
  view->findPrevious();  // wraps to the last one, near the end
  QCOMPARE(view->currentFindMatch(), needles - 1);
  QVERIFY(view->visibleByteOffset() > static_cast<int64_t>(text.size()) / 2);

  // Tens of thousands of matches: all counted and highlighted, without a selection each.
  view->find(QStringLiteral("a"));
  QVERIFY(view->findMatchCount() > 20000);
  QCOMPARE(view->textEdit()->backdrop(Backdrop::FindMatches).size(), size_t(view->findMatchCount()));
  QCOMPARE(view->textEdit()->extraSelections().size(), 1);

  view->jumpToByte(static_cast<int64_t>(text.size()) - 3);
  QCOMPARE(view->textEdit()->textCursor().position(), view->offsets().utf16Length() - 3);
}

void DocumentViewTest::clearDocumentShowsPlaceholder() {
  DocumentView view;
  view.setDocument(QStringLiteral("Gone"), shared(kMixed), {}, {});
  view.setEvidence({passage(0, 3, 1, 1.0)});
  view.clearDocument();
  QVERIFY(!view.hasDocument());
  QCOMPARE(view.byteLength(), 0);
  QVERIFY(view.textEdit()->toPlainText().isEmpty());
  QVERIFY(view.textEdit()->placeholderText().startsWith(QStringLiteral("Import a document (Ctrl+O)")));
  QVERIFY(view.evidence().empty());
  QVERIFY(view.textEdit()->extraSelections().isEmpty());
  QVERIFY(view.textEdit()->backdrop(Backdrop::Evidence).empty());
  QVERIFY(!view.selectedByteRange());
}

void DocumentViewTest::evidenceListShowsPassagesStrongestFirst() {
  EvidenceList list;
  list.resize(420, 300);
  list.show();
  const std::string text = "Section 9 imposes penalties.\n\nFines double on repeat offences.";
  list.setPassages({passage(30, 63, 1, 0.5), passage(0, 28, 3, 2.5)}, text);

  QCOMPARE(list.count(), 2);
  QCOMPARE(list.item(0)->text(), QStringLiteral("Section 9 imposes penalties."));
  QCOMPARE(list.item(0)->data(EvidenceRankRole).toInt(), 1);
  QCOMPARE(list.item(0)->data(EvidenceDetailRole).toString(), QString::fromUtf8("refined in 3 layers \xC2\xB7 strength 2.50"));
  QCOMPARE(list.item(1)->text(), QStringLiteral("Fines double on repeat offences."));
  QCOMPARE(list.item(1)->data(EvidenceDetailRole).toString(), QString::fromUtf8("refined in 1 layer \xC2\xB7 strength 0.50"));

  QSignalSpy activated(&list, &EvidenceList::passageActivated);
  QTest::mouseClick(list.viewport(), Qt::LeftButton, {}, list.visualItemRect(list.item(1)).center());
  QCOMPARE(activated.size(), 1);
  QCOMPARE(activated.first().first().toInt(), 1);

  list.showCurrent(0);
  QCOMPARE(list.currentRow(), 0);
  QCOMPARE(activated.size(), 1);  // only the user's choices activate
}

void DocumentViewTest::evidenceListEmptyStateAndSnippetBoundaries() {
  EvidenceList list;
  QCOMPARE(list.count(), 0);
  QVERIFY(list.placeholderText().startsWith(QStringLiteral("No evidence yet")));

  // Offsets inside a character stand for its start (as in ByteOffsetMap); spans
  // past the end clamp; long ones are cut with an ellipsis.
  const std::string long_text(1000, 'w');
  list.setPassages({passage(4, 9, 1, 1.0), passage(8, 500, 1, 0.5)}, kMixed);
  QCOMPARE(list.item(0)->text(), QString::fromUtf8("\xE4\xB8\xAD"));
  QCOMPARE(list.item(1)->text(), QString::fromUtf8("\xF0\x9F\x98\x80" "b"));
  list.setPassages({passage(0, 1000, 1, 1.0)}, long_text);
  QVERIFY(list.item(0)->text().endsWith(QChar(0x2026)));
  QVERIFY(list.item(0)->text().size() < 500);

  list.clearPassages();
  QCOMPARE(list.count(), 0);
}

QTEST_MAIN(DocumentViewTest)
#include "document_view_test.moc"
