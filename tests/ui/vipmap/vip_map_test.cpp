// Tests of the VIP map: column aggregation, exact colors of rendered and
// painted bands, the widget's pixels, hover text, clicks, zoom and scroll,
// markers, export to PNG and SVG, the legend, the summary and the panel.
#include <QImage>
#include <QPainter>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QToolButton>
#include <QToolTip>
#include <QWheelEvent>
#include <QtTest>
#include <memory>
#include <string>

#include "ui/theme/resolution_colors.h"
#include "ui/vipmap/vip_map_columns.h"
#include "ui/vipmap/vip_map_figure.h"
#include "ui/vipmap/vip_map_legend.h"
#include "ui/vipmap/vip_map_panel.h"
#include "ui/vipmap/vip_map_renderer.h"
#include "ui/vipmap/vip_map_text.h"
#include "ui/vipmap/vip_map_widget.h"

using namespace frontseat;
using namespace frontseat::ui;

namespace {

constexpr int64_t kTokens = 64;

// Tokens 0-3: the question (VIP); 4-62: the document, one word each ("w4",
// "café" for token 5, "w6", ...); 63: the end token.
std::string wordOf(int64_t token) { return token == 5 ? std::string("caf\xC3\xA9") : "w" + std::to_string(token); }

struct SmallTrace {
  std::shared_ptr<VccTrace> trace;
  std::shared_ptr<const std::string> document;
};

// Three layers: L1 local (all full resolution); L2 vcc: VIP 0-3, the block
// 16-31 refined (score 1), the rest coarse level 1 (score 0.8 for 32-63, 0.2
// before); L3 vcc: VIP, 16-31 refined (score 1), 32-47 coarse level 1 (score
// 0.5), the rest coarse level 2 (score 0.4 for 48-63, 0.1 for 4-15).
SmallTrace smallTrace() {
  auto trace = std::make_shared<VccTrace>();
  auto document = std::make_shared<std::string>();
  trace->attention = "vcc";
  trace->tokens = kTokens;
  trace->num_vip = 4;
  trace->block_size = 16;
  trace->fanout = 4;
  trace->levels = 2;
  trace->num_fine_blocks = 1;
  trace->num_local_layers = 1;
  for (int64_t t = 0; t < kTokens; ++t) {
    if (t < 4) {
      trace->roles.push_back(TokenRole::Question);
      trace->spans.push_back({});
    } else if (t == kTokens - 1) {
      trace->roles.push_back(TokenRole::End);
      trace->spans.push_back({});
    } else {
      if (!document->empty()) *document += ' ';
      const auto begin = static_cast<int64_t>(document->size());
      *document += wordOf(t);
      trace->roles.push_back(TokenRole::Document);
      trace->spans.push_back({begin, static_cast<int64_t>(document->size())});
    }
  }
  trace->layers.push_back(denseLayerTrace("local", kTokens));
  LayerTrace l2{"vcc", std::vector<uint8_t>(kTokens, coarseResolution(1)), std::vector<float>(kTokens, 0.2f)};
  LayerTrace l3{"vcc", std::vector<uint8_t>(kTokens, coarseResolution(2)), std::vector<float>(kTokens, 0.1f)};
  for (int64_t t = 0; t < kTokens; ++t) {
    for (LayerTrace* layer : {&l2, &l3}) {
      if (t < 4) {
        layer->resolution[t] = kResolutionVip;
        layer->score[t] = 0;
      } else if (t >= 16 && t < 32) {
        layer->resolution[t] = kResolutionFine;
        layer->score[t] = 1;
      }
    }
    if (t >= 32) l2.score[t] = 0.8f;
    if (t >= 32 && t < 48) {
      l3.resolution[t] = coarseResolution(1);
      l3.score[t] = 0.5f;
    }
    if (t >= 48) l3.score[t] = 0.4f;
  }
  trace->layers.push_back(l2);
  trace->layers.push_back(l3);
  return {trace, document};
}

// The color token `token` must have in `layer` of smallTrace(), worked out by
// hand: scores shade relative to the best score of the same resolution in the layer.
QColor expectedColor(int layer, int64_t token) {
  if (layer == 0) return resolutionColor(kResolutionFine);
  if (token < 4) return resolutionColor(kResolutionVip);
  if (token >= 16 && token < 32) return shadedResolutionColor(kResolutionFine, 1.0f);
  if (layer == 1) return shadedResolutionColor(coarseResolution(1), token < 16 ? 0.25f : 1.0f);
  if (token >= 32 && token < 48) return shadedResolutionColor(coarseResolution(1), 1.0f);
  return shadedResolutionColor(coarseResolution(2), token < 16 ? 0.25f : 1.0f);
}

QString describe(const QColor& c) { return c.name(QColor::HexArgb); }

// The viewport point at the middle of `token` in `layer`'s band.
QPoint tokenPoint(const VipMapWidget& map, int layer, int64_t token) {
  const QRect band = map.bandRect(layer);
  const TokenRange view = map.visibleTokens();
  const double x = band.left() + (token - view.first + 0.5) * band.width() / view.size();
  return {static_cast<int>(x), band.center().y()};
}

QColor grabbedColor(VipMapWidget& map, const QPoint& viewport_point) {
  const QImage image = map.grab().toImage();
  return image.pixelColor(map.viewport()->mapTo(&map, viewport_point));
}

// A widget at a fixed size, shown (offscreen) so that its layout is done.
void showAt(QWidget& widget, QSize size) {
  widget.resize(size);
  widget.show();
  QVERIFY(QTest::qWaitForWindowExposed(&widget));
}

void sendWheel(QWidget* target, QPoint pos, int delta_y, Qt::KeyboardModifiers modifiers) {
  QWheelEvent event(pos, target->mapToGlobal(pos), QPoint(), QPoint(0, delta_y), Qt::NoButton, modifiers,
                    Qt::NoScrollPhase, false);
  QApplication::sendEvent(target, &event);
}

}  // namespace

class VipMapTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void columnsCoverTheRangeInOrder();
  void cellTakesMostReadResolutionAndItsBestScore();
  void renderDrawsOneColumnPerToken();
  void renderZoomedInRepeatsTokens();
  void renderZoomedOutKeepsARefinedTokenVisible();
  void renderShowsASubRange();
  void scoresShadeRelativeToTheBestOfTheirResolution();
  void paintMatchesRender();
  void widgetShowsTheBands();
  void widgetPlaceholderWithoutTrace();
  void tooltipDescribesTheToken();
  void tooltipRoutesThroughHelpEvents();
  void clickActivatesTheToken();
  void zoomAndScroll();
  void dragScrollsWithoutActivating();
  void markerAndEnsureVisible();
  void exportPngWritesTheFigure();
  void exportSvgWritesAValidDrawing();
  void exportToAnUnwritablePathFails();
  void emptyTracesAreHarmless();
  void legendListsTheResolutionsInUse();
  void summaryLine();
  void panelForwardsAndSummarizes();
};

void VipMapTest::columnsCoverTheRangeInOrder() {
  for (const TokenRange range : {TokenRange{0, 64}, TokenRange{5, 37}, TokenRange{0, 131072}}) {
    for (int width : {1, 7, 32, 64, 100, 2000}) {
      int64_t covered = range.first;
      for (int c = 0; c < width; ++c) {
        const TokenRange column = columnTokens(range, width, c);
        QVERIFY(column.size() >= 1);
        QVERIFY(column.first >= range.first && column.last <= range.last);
        // Zoomed out each token is in exactly one column; zoomed in, a token
        // spans neighbouring columns.
        if (range.size() >= width) {
          QCOMPARE(column.first, covered);
        } else {
          QVERIFY(column.first == covered - 1 || column.first == covered);
          QCOMPARE(column.size(), int64_t{1});
        }
        covered = column.last;
      }
      QCOMPARE(covered, range.last);
    }
  }
}

void VipMapTest::cellTakesMostReadResolutionAndItsBestScore() {
  LayerTrace layer{"vcc", {3, 2, 1, 2, 1, 3}, {0.9f, 0.8f, 0.3f, 0.95f, 0.6f, 0.99f}};
  const VipMapCell cell = aggregateCell(layer, {0, 6});
  QCOMPARE(cell.code, kResolutionFine);
  QCOMPARE(cell.score, 0.6f);  // the best fine score, not the best overall
  QCOMPARE(cell.token, int64_t{4});
  const VipMapCell coarse = aggregateCell(layer, {0, 2});
  QCOMPARE(coarse.code, coarseResolution(1));
  QCOMPARE(coarse.token, int64_t{1});
  QCOMPARE(aggregateCell(layer, {5, 6}).token, int64_t{5});
}

void VipMapTest::renderDrawsOneColumnPerToken() {
  const VipMapRenderer renderer(smallTrace().trace);
  const VipMapBands bands{5, 1};
  const QImage image = renderer.render(renderer.allTokens(), kTokens, bands);
  QCOMPARE(image.size(), QSize(int{kTokens}, bands.height(3)));
  for (int layer = 0; layer < 3; ++layer) {
    for (int64_t t = 0; t < kTokens; ++t) {
      for (int y = bands.top(layer); y < bands.top(layer) + bands.band_height; ++y) {
        QCOMPARE(describe(image.pixelColor(static_cast<int>(t), y)), describe(expectedColor(layer, t)));
      }
    }
  }
  QCOMPARE(image.pixelColor(0, bands.top(1) - 1).alpha(), 0);  // the gap between bands
}

void VipMapTest::renderZoomedInRepeatsTokens() {
  const VipMapRenderer renderer(smallTrace().trace);
  const QImage image = renderer.render(renderer.allTokens(), 2 * kTokens, VipMapBands{4, 0});
  for (int layer = 0; layer < 3; ++layer) {
    for (int64_t t = 0; t < kTokens; ++t) {
      QCOMPARE(describe(image.pixelColor(static_cast<int>(2 * t), 4 * layer)), describe(expectedColor(layer, t)));
      QCOMPARE(describe(image.pixelColor(static_cast<int>(2 * t + 1), 4 * layer + 3)),
               describe(expectedColor(layer, t)));
    }
  }
}

void VipMapTest::renderZoomedOutKeepsARefinedTokenVisible() {
  SmallTrace small = smallTrace();
  small.trace->layers[2].resolution[50] = kResolutionFine;  // one refined token among coarse ones
  small.trace->layers[2].score[50] = 0.9f;
  const VipMapRenderer renderer(small.trace);
  const VipMapBands bands{1, 0};
  // Four columns of 16 tokens.
  const QImage quarters = renderer.render(renderer.allTokens(), 4, bands);
  QCOMPARE(describe(quarters.pixelColor(0, 1)), describe(resolutionColor(kResolutionVip)));  // VIP beats coarse
  QCOMPARE(describe(quarters.pixelColor(1, 1)), describe(shadedResolutionColor(kResolutionFine, 1.0f)));
  QCOMPARE(describe(quarters.pixelColor(2, 1)), describe(shadedResolutionColor(coarseResolution(1), 1.0f)));
  QCOMPARE(describe(quarters.pixelColor(3, 2)), describe(shadedResolutionColor(kResolutionFine, 0.9f)));
  QCOMPARE(describe(quarters.pixelColor(2, 2)), describe(shadedResolutionColor(coarseResolution(1), 1.0f)));
  // One column for everything: the most-read resolution anywhere.
  const QImage whole = renderer.render(renderer.allTokens(), 1, bands);
  QCOMPARE(describe(whole.pixelColor(0, 0)), describe(resolutionColor(kResolutionFine)));
  QCOMPARE(describe(whole.pixelColor(0, 2)), describe(resolutionColor(kResolutionVip)));
}

void VipMapTest::renderShowsASubRange() {
  const VipMapRenderer renderer(smallTrace().trace);
  const QImage image = renderer.render({30, 50}, 20, VipMapBands{1, 0});
  for (int x = 0; x < 20; ++x) QCOMPARE(describe(image.pixelColor(x, 2)), describe(expectedColor(2, 30 + x)));
}

void VipMapTest::scoresShadeRelativeToTheBestOfTheirResolution() {
  SmallTrace small = smallTrace();
  for (float& score : small.trace->layers[1].score) score *= 0.01f;  // raw probabilities are small
  small.trace->layers[1].score[10] = 0.0013f;                        // shades round to steps of 1/20
  const VipMapRenderer renderer(small.trace);
  const QImage image = renderer.render(renderer.allTokens(), kTokens, VipMapBands{1, 0});
  for (int64_t t = 0; t < kTokens; ++t) {
    const QColor expected = t == 10 ? shadedResolutionColor(coarseResolution(1), 0.15f) : expectedColor(1, t);
    QCOMPARE(describe(image.pixelColor(static_cast<int>(t), 1)), describe(expected));
  }
  QCOMPARE(*renderer.relativeScore(1, {coarseResolution(1), 0.0013f, 10}), 0.15f);
  QVERIFY(!renderer.relativeScore(0, {kResolutionFine, 0.0f, 10}).has_value());  // dense layer
  QVERIFY(!renderer.relativeScore(1, {kResolutionVip, 0.0f, 1}).has_value());
}

void VipMapTest::paintMatchesRender() {
  SmallTrace small = smallTrace();
  small.trace->layers[2].resolution[50] = kResolutionFine;
  const VipMapRenderer renderer(small.trace);
  const VipMapBands bands{3, 1};
  for (int width : {5, 40, 64, 150}) {
    const QImage rendered = renderer.render({2, 60}, width, bands);
    QImage painted(rendered.size(), QImage::Format_ARGB32_Premultiplied);
    painted.fill(Qt::transparent);
    {
      QPainter painter(&painted);
      renderer.paint(painter, QPoint(0, 0), {2, 60}, width, bands);
    }
    QCOMPARE(painted, rendered);
  }
}

void VipMapTest::widgetShowsTheBands() {
  const SmallTrace small = smallTrace();
  VipMapWidget map;
  map.setTrace(small.trace, small.document);
  showAt(map, QSize(700, 260));
  QCOMPARE(map.visibleTokens(), (TokenRange{0, kTokens}));
  QVERIFY(map.bandsRect().width() > 500);
  for (int layer = 0; layer < 3; ++layer) {
    QVERIFY(map.bandRect(layer).height() >= 8);
    for (int64_t t : {0, 3, 4, 15, 16, 31, 32, 47, 48, 63}) {
      QCOMPARE(describe(grabbedColor(map, tokenPoint(map, layer, t))), describe(expectedColor(layer, t)));
    }
  }
}

void VipMapTest::widgetPlaceholderWithoutTrace() {
  VipMapWidget map;
  showAt(map, QSize(500, 200));
  const QImage image = map.grab().toImage();
  const QColor base = map.palette().color(QPalette::Base);
  int ink = 0;  // the placeholder text draws something other than the background
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x) ink += image.pixelColor(x, y) != base;
  }
  QVERIFY(ink > 50);
}

void VipMapTest::tooltipDescribesTheToken() {
  const SmallTrace small = smallTrace();
  VipMapWidget map;
  map.setTrace(small.trace, small.document);
  showAt(map, QSize(700, 260));
  const QString fine = map.toolTipAt(tokenPoint(map, 1, 20));
  QVERIFY2(fine.contains(QStringLiteral("\u201Cw20\u201D")), qPrintable(fine));
  QVERIFY2(fine.contains(QStringLiteral("w19 <u>w20</u> w21")), qPrintable(fine));  // context
  QVERIFY2(fine.contains(QStringLiteral("L2 vcc")), qPrintable(fine));
  QVERIFY2(fine.contains(QStringLiteral("full resolution")), qPrintable(fine));
  QVERIFY2(fine.contains(QStringLiteral("selector score 1 ")), qPrintable(fine));
  QVERIFY2(fine.contains(QStringLiteral("100%")), qPrintable(fine));

  const QString coarse = map.toolTipAt(tokenPoint(map, 2, 50));
  QVERIFY2(coarse.contains(QStringLiteral("\u201Cw50\u201D")), qPrintable(coarse));
  QVERIFY2(coarse.contains(QStringLiteral("L3 vcc")), qPrintable(coarse));
  QVERIFY2(coarse.contains(resolutionLabel(coarseResolution(2), 16, 4)), qPrintable(coarse));
  QVERIFY2(coarse.contains(QStringLiteral("selector score 0.4 ")), qPrintable(coarse));
  QVERIFY2(coarse.contains(QStringLiteral("100%")), qPrintable(coarse));
  const QString weak = map.toolTipAt(tokenPoint(map, 2, 10));
  QVERIFY2(weak.contains(QStringLiteral("selector score 0.1 ")) && weak.contains(QStringLiteral("25%")),
           qPrintable(weak));

  const QString utf8 = map.toolTipAt(tokenPoint(map, 0, 5));
  QVERIFY2(utf8.contains(QStringLiteral("\u201Ccaf\u00E9\u201D")), qPrintable(utf8));
  QVERIFY2(utf8.contains(QStringLiteral("L1 local")), qPrintable(utf8));
  QVERIFY2(!utf8.contains(QStringLiteral("selector score")), qPrintable(utf8));  // dense layers have none

  QVERIFY(map.toolTipAt(tokenPoint(map, 1, 2)).contains(QStringLiteral("question token")));
  QVERIFY(map.toolTipAt(tokenPoint(map, 1, 2)).contains(QStringLiteral("VIP")));
  QVERIFY(map.toolTipAt(tokenPoint(map, 1, 63)).contains(QStringLiteral("end token")));
  QVERIFY(map.toolTipAt(map.bandsRect().topLeft() - QPoint(0, 3)).isEmpty());  // the ruler

  // Without the document the token is named by its role.
  map.setTrace(small.trace, nullptr);
  QVERIFY(map.toolTipAt(tokenPoint(map, 1, 20)).contains(QStringLiteral("document token")));
}

void VipMapTest::tooltipRoutesThroughHelpEvents() {
  const SmallTrace small = smallTrace();
  VipMapWidget map;
  map.setTrace(small.trace, small.document);
  showAt(map, QSize(700, 260));
  const QPoint pos = tokenPoint(map, 1, 20);
  QHelpEvent help(QEvent::ToolTip, pos, map.viewport()->mapToGlobal(pos));
  QApplication::sendEvent(map.viewport(), &help);
  QTRY_VERIFY(QToolTip::isVisible());
  QCOMPARE(QToolTip::text(), map.toolTipAt(pos));
  QToolTip::hideText();
}

void VipMapTest::clickActivatesTheToken() {
  const SmallTrace small = smallTrace();
  VipMapWidget map;
  map.setTrace(small.trace, small.document);
  showAt(map, QSize(700, 260));
  QSignalSpy spy(&map, &VipMapWidget::tokenActivated);

  QTest::mouseClick(map.viewport(), Qt::LeftButton, {}, tokenPoint(map, 1, 20));
  QCOMPARE(spy.count(), 1);
  const auto span = small.trace->spans[20];
  QCOMPARE(small.document->substr(span.begin, span.end - span.begin), std::string("w20"));
  QCOMPARE(spy.at(0).at(0).value<int64_t>(), int64_t{20});
  QCOMPARE(spy.at(0).at(1).value<int64_t>(), span.begin);
  QCOMPARE(spy.at(0).at(2).value<int64_t>(), span.end);

  QTest::mouseClick(map.viewport(), Qt::LeftButton, {}, tokenPoint(map, 2, 2));
  QCOMPARE(spy.count(), 2);
  QCOMPARE(spy.at(1).at(0).value<int64_t>(), int64_t{2});
  QCOMPARE(spy.at(1).at(1).value<int64_t>(), int64_t{-1});
  QCOMPARE(spy.at(1).at(2).value<int64_t>(), int64_t{-1});

  QTest::mouseClick(map.viewport(), Qt::LeftButton, {}, QPoint(map.bandsRect().left() + 10, 2));  // the ruler
  QTest::mouseClick(map.viewport(), Qt::RightButton, {}, tokenPoint(map, 1, 20));
  QCOMPARE(spy.count(), 2);
}

void VipMapTest::zoomAndScroll() {
  const SmallTrace small = smallTrace();
  VipMapWidget map;
  map.setTrace(small.trace, small.document);
  showAt(map, QSize(700, 260));

  map.zoomIn();
  const TokenRange zoomed = map.visibleTokens();
  QVERIFY(zoomed.size() < kTokens);
  QVERIFY(zoomed.contains(32));  // zooms around the middle
  map.zoomOut();
  QCOMPARE(map.visibleTokens().size(), kTokens);

  // Ctrl+wheel zooms around the cursor: the token under it stays under it.
  const QPoint at = tokenPoint(map, 1, 48);
  sendWheel(map.viewport(), at, 240, Qt::ControlModifier);
  QVERIFY(map.visibleTokens().size() < kTokens);
  QVERIFY2(map.toolTipAt(at).contains(QStringLiteral("w48")), qPrintable(map.toolTipAt(at)));

  // The plain wheel scrolls toward the end when turned down.
  const int64_t first = map.visibleTokens().first;
  sendWheel(map.viewport(), at, -120, Qt::NoModifier);
  QVERIFY(map.visibleTokens().first > first || map.visibleTokens().last == kTokens);
  QTRY_VERIFY(map.horizontalScrollBar()->isVisible());

  QTest::keyClick(&map, Qt::Key_0);
  QCOMPARE(map.visibleTokens(), (TokenRange{0, kTokens}));
  QTest::keyClick(&map, Qt::Key_Plus);
  QVERIFY(map.visibleTokens().size() < kTokens);
  QTest::keyClick(&map, Qt::Key_End);
  QCOMPARE(map.visibleTokens().last, kTokens);
  QTest::keyClick(&map, Qt::Key_Minus);
  QTest::keyClick(&map, Qt::Key_Minus);
  QCOMPARE(map.visibleTokens(), (TokenRange{0, kTokens}));  // zooming out stops at the whole trace

  for (int i = 0; i < 20; ++i) map.zoomIn();  // stops at the deepest zoom
  const int64_t deepest = map.visibleTokens().size();
  QVERIFY(deepest >= 1 && deepest < kTokens);
  QVERIFY(map.bandsRect().width() / deepest <= 24);
  map.showTokens({10, 11});
  QCOMPARE(map.visibleTokens().size(), deepest);

  map.showTokens({10, 42});
  QCOMPARE(map.visibleTokens(), (TokenRange{10, 42}));
  QCOMPARE(describe(grabbedColor(map, tokenPoint(map, 2, 16))), describe(expectedColor(2, 16)));
  QCOMPARE(describe(grabbedColor(map, tokenPoint(map, 2, 12))), describe(expectedColor(2, 12)));
}

void VipMapTest::dragScrollsWithoutActivating() {
  const SmallTrace small = smallTrace();
  VipMapWidget map;
  map.setTrace(small.trace, small.document);
  showAt(map, QSize(700, 260));
  map.showTokens({32, 48});
  QSignalSpy spy(&map, &VipMapWidget::tokenActivated);
  const QPoint start = tokenPoint(map, 1, 40);
  QTest::mousePress(map.viewport(), Qt::LeftButton, {}, start);
  QMouseEvent move(QEvent::MouseMove, start + QPoint(200, 0), map.viewport()->mapToGlobal(start + QPoint(200, 0)),
                   Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(map.viewport(), &move);
  QTest::mouseRelease(map.viewport(), Qt::LeftButton, {}, start + QPoint(200, 0));
  QVERIFY(map.visibleTokens().first < 32);  // dragging right shows earlier tokens
  QCOMPARE(spy.count(), 0);
}

void VipMapTest::markerAndEnsureVisible() {
  const SmallTrace small = smallTrace();
  VipMapWidget map;
  map.setTrace(small.trace, small.document);
  showAt(map, QSize(700, 260));
  map.showTokens({0, 32});
  map.ensureTokenVisible(50);
  QVERIFY(map.visibleTokens().contains(50));
  QCOMPARE(map.visibleTokens().size(), int64_t{32});
  map.ensureTokenVisible(52);  // already in view: nothing moves
  const TokenRange view = map.visibleTokens();
  map.ensureTokenVisible(view.first);
  QCOMPARE(map.visibleTokens(), view);

  const QRect band = map.bandRect(1);
  const int x = band.left() + static_cast<int>((50 - view.first) * band.width() / view.size());
  const QPoint on_marker(x, band.center().y());
  const QColor before = grabbedColor(map, on_marker);
  QCOMPARE(describe(before), describe(expectedColor(1, 50)));
  map.markPosition(50);
  QCOMPARE(map.markedPosition(), int64_t{50});
  QCOMPARE(describe(grabbedColor(map, on_marker)), describe(map.palette().color(QPalette::Text)));
  map.markPosition(-1);
  QCOMPARE(describe(grabbedColor(map, on_marker)), describe(before));
}

void VipMapTest::exportPngWritesTheFigure() {
  const SmallTrace small = smallTrace();
  VipMapWidget map;
  map.setTrace(small.trace, small.document);
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("map.png"));
  QString error;
  QVERIFY2(map.exportPng(path, &error), qPrintable(error));
  const QImage image(path);
  QVERIFY(!image.isNull());
  const VipMapRenderer renderer(small.trace);
  const VipMapFigure figure(renderer);
  QCOMPARE(image.size(), figure.size());
  QCOMPARE(figure.bandsRect().width(), VipMapFigure::kDefaultBandWidth);
  QVERIFY(image.width() > VipMapFigure::kDefaultBandWidth);
  for (int layer = 0; layer < 3; ++layer) {
    for (int64_t t : {2, 20, 40, 60}) {
      const QRect bands = figure.bandsRect();
      const QPoint p(bands.left() + static_cast<int>((t + 0.5) * bands.width() / kTokens),
                     bands.top() + figure.bands().top(layer) + figure.bands().band_height / 2);
      QCOMPARE(describe(image.pixelColor(p)), describe(expectedColor(layer, t)));
    }
  }
  QCOMPARE(image.pixelColor(2, 2), QColor(Qt::white));
  QVERIFY(QFileInfo(path).size() < 100 * 1024);
}

void VipMapTest::exportSvgWritesAValidDrawing() {
  const SmallTrace small = smallTrace();
  VipMapWidget map;
  map.setTrace(small.trace, small.document);
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("map.svg"));
  QString error;
  QVERIFY2(map.exportSvg(path, &error), qPrintable(error));
  QSvgRenderer svg(path);
  QVERIFY(svg.isValid());
  const VipMapRenderer renderer(small.trace);
  const VipMapFigure figure(renderer);
  QCOMPARE(svg.viewBox(), QRect(QPoint(0, 0), figure.size()));
  QImage image(figure.size(), QImage::Format_RGB32);
  image.fill(Qt::black);
  {
    QPainter painter(&image);
    svg.render(&painter);
  }
  const QRect bands = figure.bandsRect();
  for (int layer = 0; layer < 3; ++layer) {
    for (int64_t t : {2, 20, 40, 60}) {
      const QPoint p(bands.left() + static_cast<int>((t + 0.5) * bands.width() / kTokens),
                     bands.top() + figure.bands().top(layer) + figure.bands().band_height / 2);
      QCOMPARE(describe(image.pixelColor(p)), describe(expectedColor(layer, t)));
    }
  }
  // Equal neighbouring columns are one rectangle: a few per layer, not 2000.
  QVERIFY(QFileInfo(path).size() < 60 * 1024);
}

void VipMapTest::exportToAnUnwritablePathFails() {
  const SmallTrace small = smallTrace();
  VipMapWidget map;
  map.setTrace(small.trace, small.document);
  QTemporaryDir dir;
  const QString png = dir.filePath(QStringLiteral("missing/folder/map.png"));
  QString error;
  QVERIFY(!map.exportPng(png, &error));
  QVERIFY2(error.contains(png), qPrintable(error));
  const QString svg = dir.filePath(QStringLiteral("missing/folder/map.svg"));
  error.clear();
  QVERIFY(!map.exportSvg(svg, &error));
  QVERIFY2(error.contains(svg), qPrintable(error));
  QVERIFY(!QFileInfo::exists(png) && !QFileInfo::exists(svg));
}

void VipMapTest::emptyTracesAreHarmless() {
  auto no_tokens = std::make_shared<VccTrace>();
  auto no_layers = std::make_shared<VccTrace>(*smallTrace().trace);
  no_layers->layers.clear();
  VipMapWidget map;
  showAt(map, QSize(500, 200));
  QSignalSpy spy(&map, &VipMapWidget::tokenActivated);
  for (const std::shared_ptr<const VccTrace>& trace :
       {std::shared_ptr<const VccTrace>(), std::shared_ptr<const VccTrace>(no_tokens),
        std::shared_ptr<const VccTrace>(no_layers)}) {
    map.setTrace(trace, nullptr);
    QVERIFY(!map.hasMap());
    QCOMPARE(map.visibleTokens().size(), int64_t{0});
    QVERIFY(!map.grab().isNull());
    QVERIFY(map.toolTipAt(QPoint(250, 100)).isEmpty());
    QTest::mouseClick(map.viewport(), Qt::LeftButton, {}, QPoint(250, 100));
    sendWheel(map.viewport(), QPoint(250, 100), 120, Qt::ControlModifier);
    map.zoomIn();
    map.zoomOut();
    map.fitAll();
    map.ensureTokenVisible(10);
    map.markPosition(10);
    QTest::keyClick(&map, Qt::Key_Plus);
    QString error;
    QVERIFY(!map.exportPng(QDir::temp().filePath(QStringLiteral("never.png")), &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!map.exportSvg(QDir::temp().filePath(QStringLiteral("never.svg")), &error));
    QVERIFY(!error.isEmpty());
  }
  QCOMPARE(spy.count(), 0);
}

void VipMapTest::legendListsTheResolutionsInUse() {
  const SmallTrace small = smallTrace();
  QCOMPARE(legendCodes(small.trace.get()),
           (std::vector<uint8_t>{kResolutionVip, kResolutionFine, coarseResolution(1), coarseResolution(2)}));
  QCOMPARE(legendCodes(nullptr), (std::vector<uint8_t>{kResolutionVip, kResolutionFine}));
  const QStringList labels = legendLabels(small.trace.get());
  QCOMPARE(labels.size(), 5);
  QCOMPARE(labels.front(), resolutionLabel(kResolutionVip, 16, 4));
  QCOMPARE(labels.at(3), resolutionLabel(coarseResolution(2), 16, 4));
  QCOMPARE(labels.back(), QStringLiteral("lighter = lower selector score"));

  VccTrace full = *small.trace;  // full attention: no VIP tokens, no coarse levels, no scores
  full.layers = {denseLayerTrace("full", kTokens), denseLayerTrace("full", kTokens)};
  QCOMPARE(legendLabels(&full), QStringList{resolutionLabel(kResolutionFine, 16, 4)});

  VipMapLegend legend;
  legend.setTrace(small.trace);
  const QSize one_row = legend.sizeHint();
  QVERIFY(legend.heightForWidth(one_row.width()) == one_row.height());
  QVERIFY(legend.heightForWidth(one_row.width() / 3) > one_row.height());  // wraps
  showAt(legend, one_row);
  const QImage image = legend.grab().toImage();
  bool vip_swatch = false;
  for (int y = 0; y < image.height() && !vip_swatch; ++y) {
    for (int x = 0; x < 30 && !vip_swatch; ++x) vip_swatch = image.pixelColor(x, y) == resolutionColor(kResolutionVip);
  }
  QVERIFY(vip_swatch);
}

void VipMapTest::summaryLine() {
  QCOMPARE(traceSummary(*smallTrace().trace),
           QStringLiteral("3 layers \u00B7 1 local \u00B7 VCC: 4 VIP, 1 fine block of 16, 2 levels \u00B7 64 tokens"));
  VccTrace big;
  big.tokens = 131072;
  big.num_vip = 48;
  big.num_fine_blocks = 90;
  big.block_size = 16;
  big.levels = 2;
  for (int i = 0; i < 12; ++i) big.layers.push_back({i < 4 ? "local" : "vcc", {}, {}});
  QCOMPARE(traceSummary(big), QStringLiteral("12 layers \u00B7 4 local \u00B7 VCC: 48 VIP, 90 fine blocks of 16, "
                                             "2 levels \u00B7 131\u202F072 tokens"));
  big.layers.assign(6, LayerTrace{"full", {}, {}});
  QCOMPARE(traceSummary(big), QStringLiteral("6 layers \u00B7 full attention \u00B7 131\u202F072 tokens"));
  QCOMPARE(groupedNumber(1234567), QStringLiteral("1\u202F234\u202F567"));
  QCOMPARE(groupedNumber(999), QStringLiteral("999"));
}

void VipMapTest::panelForwardsAndSummarizes() {
  const SmallTrace small = smallTrace();
  VipMapPanel panel;
  const auto buttons = panel.findChildren<QToolButton*>();
  QCOMPARE(buttons.size(), 5);
  for (QToolButton* button : buttons) QVERIFY(!button->isEnabled());
  QVERIFY(panel.summaryText().isEmpty());

  panel.setTrace(small.trace, small.document);
  showAt(panel, QSize(900, 360));
  for (QToolButton* button : buttons) QVERIFY(button->isEnabled());
  QCOMPARE(panel.summaryText(), traceSummary(*small.trace));
  QCOMPARE(panel.legend()->labels(), legendLabels(small.trace.get()));
  QCOMPARE(panel.map()->trace(), std::shared_ptr<const VccTrace>(small.trace));

  QSignalSpy spy(&panel, &VipMapPanel::tokenActivated);
  QTest::mouseClick(panel.map()->viewport(), Qt::LeftButton, {}, tokenPoint(*panel.map(), 0, 30));
  QCOMPARE(spy.count(), 1);
  QCOMPARE(spy.at(0).at(0).value<int64_t>(), int64_t{30});
}

QTEST_MAIN(VipMapTest)
#include "vip_map_test.moc"
