#include "ui/vipmap/vip_map_widget.h"

#include <QApplication>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "ui/vipmap/vip_map_export.h"
#include "ui/vipmap/vip_map_figure.h"
#include "ui/vipmap/vip_map_text.h"

namespace frontseat::ui {
namespace {

constexpr int kTopMargin = 4;
constexpr int kRightMargin = 10;
constexpr int kBottomMargin = 6;
constexpr int kMinBandHeight = 4;
constexpr int kMaxBandHeight = 22;
constexpr int kBandGap = 2;
constexpr int kMaxPixelsPerToken = 24;  // the deepest zoom
constexpr double kZoomStep = 1.5;       // buttons and keys
constexpr double kWheelZoomPerNotch = 0.8;
constexpr double kWheelPixelsPerNotch = 60;

QColor blend(const QColor& a, const QColor& b, double t) {
  return QColor::fromRgbF(static_cast<float>(a.redF() * (1 - t) + b.redF() * t),
                          static_cast<float>(a.greenF() * (1 - t) + b.greenF() * t),
                          static_cast<float>(a.blueF() * (1 - t) + b.blueF() * t));
}

}  // namespace

QString VipMapWidget::askPlaceholder() { return tr("Ask a question to see how the model read the document"); }

VipMapWidget::VipMapWidget(QWidget* parent) : QAbstractScrollArea(parent), placeholder_(askPlaceholder()) {
  setFrameShape(QFrame::NoFrame);
  setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
  setFocusPolicy(Qt::StrongFocus);
  viewport()->setMouseTracking(true);
  viewport()->setBackgroundRole(QPalette::Base);
  // Wider is always better; taller only up to the thickest bands.
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
  layoutBands();
}

VipMapWidget::~VipMapWidget() = default;

void VipMapWidget::setTrace(std::shared_ptr<const VccTrace> trace, std::shared_ptr<const std::string> document_text,
                            const QString& placeholder) {
  placeholder_ = placeholder.isEmpty() ? askPlaceholder() : placeholder;
  trace_ = std::move(trace);
  document_ = std::move(document_text);
  const bool drawable = trace_ && trace_->tokens > 0 && !trace_->layers.empty();
  renderer_ = drawable ? std::make_unique<VipMapRenderer>(trace_) : nullptr;
  cached_bands_ = QImage();
  marker_ = -1;
  hover_.reset();
  layoutBands();
  fitAll();
  updateGeometry();
  viewport()->update();
}

TokenRange VipMapWidget::visibleTokens() const {
  if (!renderer_) return {};
  const int64_t first = horizontalScrollBar()->value();
  return {first, first + span_};
}

void VipMapWidget::showTokens(TokenRange range) { setView(range.first, range.size()); }

QRect VipMapWidget::bandsRect() const { return bands_rect_; }

QRect VipMapWidget::bandRect(int layer) const {
  return QRect(bands_rect_.left(), bands_rect_.top() + bands_.top(layer), bands_rect_.width(), bands_.band_height);
}

void VipMapWidget::markPosition(int64_t token) {
  marker_ = token;
  viewport()->update();
}

void VipMapWidget::ensureTokenVisible(int64_t token) {
  if (!renderer_ || visibleTokens().contains(token)) return;
  setView(token - span_ / 2, span_);
}

bool VipMapWidget::canExport(QString* error) const {
  if (!renderer_ && error) *error = QStringLiteral("There is no VIP map to export yet: ask a question first.");
  return renderer_ != nullptr;
}

bool VipMapWidget::exportPng(const QString& path, QString* error) const {
  return canExport(error) && writeVipMapPng(VipMapFigure(*renderer_), path, error);
}

bool VipMapWidget::exportSvg(const QString& path, QString* error) const {
  return canExport(error) && writeVipMapSvg(VipMapFigure(*renderer_), path, error);
}

QSize VipMapWidget::sizeHint() const {
  const int layers = renderer_ ? renderer_->layerCount() : 12;
  const int bands = VipMapBands{kMaxBandHeight, kBandGap}.height(layers);
  return {800, kTopMargin + tokenRulerHeight(axisStyle()) + bands + kBottomMargin +
                   horizontalScrollBar()->sizeHint().height()};
}

QSize VipMapWidget::minimumSizeHint() const {
  const int layers = renderer_ ? renderer_->layerCount() : 1;
  const int bands = VipMapBands{kMinBandHeight, kBandGap}.height(layers);
  return {240, kTopMargin + tokenRulerHeight(axisStyle()) + bands + kBottomMargin};
}

void VipMapWidget::zoomIn() { zoomBy(1.0 / kZoomStep, bands_rect_.width() / 2.0); }

void VipMapWidget::zoomOut() { zoomBy(kZoomStep, bands_rect_.width() / 2.0); }

void VipMapWidget::fitAll() { setView(0, tokenCount()); }

VipMapAxisStyle VipMapWidget::axisStyle() const {
  const QPalette& p = palette();
  return {font(), p.color(QPalette::Text), blend(p.color(QPalette::Text), p.color(QPalette::Base), 0.45)};
}

void VipMapWidget::layoutBands() {
  const VipMapAxisStyle style = axisStyle();
  const QRect area = viewport()->rect();
  const int gutter = renderer_ ? layerLabelsWidth(style, renderer_->trace()) : 0;
  ruler_rect_ = QRect(gutter, kTopMargin, std::max(1, area.width() - gutter - kRightMargin), tokenRulerHeight(style));
  const int layers = renderer_ ? renderer_->layerCount() : 0;
  const int room = area.height() - ruler_rect_.bottom() - 1 - kBottomMargin;
  const int pitch = layers > 0 ? room / layers : 0;
  bands_ = {std::clamp(pitch - kBandGap, kMinBandHeight, kMaxBandHeight), kBandGap};
  bands_rect_ = QRect(ruler_rect_.left(), ruler_rect_.bottom() + 1, ruler_rect_.width(), bands_.height(layers));
  gutter_rect_ = QRect(0, bands_rect_.top(), gutter, bands_rect_.height());
}

int64_t VipMapWidget::tokenCount() const { return renderer_ ? renderer_->trace().tokens : 0; }

int64_t VipMapWidget::minimumSpan() const {
  return std::min<int64_t>(tokenCount(), std::max(1, bands_rect_.width() / kMaxPixelsPerToken));
}

void VipMapWidget::setView(int64_t first, int64_t span) {
  const int64_t tokens = tokenCount();
  span_ = std::clamp(span, minimumSpan(), tokens);
  QScrollBar* bar = horizontalScrollBar();
  bar->setRange(0, static_cast<int>(tokens - span_));
  bar->setPageStep(static_cast<int>(std::max<int64_t>(1, span_)));
  bar->setSingleStep(static_cast<int>(std::max<int64_t>(1, span_ / 20)));
  bar->setValue(static_cast<int>(std::clamp<int64_t>(first, 0, tokens - span_)));
  viewport()->update();
}

void VipMapWidget::zoomBy(double factor, double anchor_x) {
  if (!renderer_ || bands_rect_.width() <= 0) return;
  const double fraction = std::clamp(anchor_x / bands_rect_.width(), 0.0, 1.0);
  const TokenRange view = visibleTokens();
  const double anchor_token = view.first + fraction * view.size();
  const auto span = static_cast<int64_t>(std::llround(view.size() * factor));
  // Step at least one token so repeated zooming never stalls on rounding.
  const int64_t new_span = factor < 1 ? std::min(span, view.size() - 1) : std::max(span, view.size() + 1);
  setView(static_cast<int64_t>(std::llround(anchor_token - fraction * new_span)), new_span);
}

void VipMapWidget::scrollByPixels(double pixels) {
  if (!renderer_ || bands_rect_.width() <= 0) return;
  const double tokens = pixels * static_cast<double>(span_) / bands_rect_.width();
  QScrollBar* bar = horizontalScrollBar();
  bar->setValue(bar->value() + static_cast<int>(std::lround(tokens)));
}

std::optional<VipMapWidget::Hit> VipMapWidget::hitAt(const QPoint& pos) const {
  if (!renderer_ || !bands_rect_.contains(pos)) return std::nullopt;
  const int layer = bands_.layerAt(pos.y() - bands_rect_.top(), renderer_->layerCount());
  if (layer < 0) return std::nullopt;
  const TokenRange column = columnTokens(visibleTokens(), bands_rect_.width(), pos.x() - bands_rect_.left());
  return Hit{layer, column, aggregateCell(renderer_->trace().layers[layer], column)};
}

QString VipMapWidget::toolTipAt(const QPoint& viewport_pos) const {
  const auto hit = hitAt(viewport_pos);
  return hit ? cellToolTip(*renderer_, document_.get(), hit->layer, hit->cell, hit->column) : QString();
}

const QImage& VipMapWidget::bandsImage() const {
  const TokenRange view = visibleTokens();
  if (cached_bands_.size() != bands_rect_.size() || cached_range_ != view) {
    cached_bands_ = renderer_->render(view, bands_rect_.width(), bands_);
    cached_range_ = view;
  }
  return cached_bands_;
}

void VipMapWidget::paintEvent(QPaintEvent*) {
  QPainter painter(viewport());
  if (!renderer_) {
    paintPlaceholder(painter);
    return;
  }
  const VipMapAxisStyle style = axisStyle();
  paintTokenRuler(painter, ruler_rect_, visibleTokens(), style);
  paintLayerLabels(painter, gutter_rect_, bands_, renderer_->trace(), style);
  painter.drawImage(bands_rect_.topLeft(), bandsImage());
  paintHover(painter);
  paintMarker(painter);
}

void VipMapWidget::paintPlaceholder(QPainter& painter) const {
  painter.setPen(palette().color(QPalette::PlaceholderText));
  painter.drawText(viewport()->rect().adjusted(16, 16, -16, -16), Qt::AlignCenter | Qt::TextWordWrap,
                   placeholder_);
}

void VipMapWidget::paintMarker(QPainter& painter) const {
  if (marker_ < 0 || !visibleTokens().contains(marker_)) return;
  const double x = bands_rect_.left() + tokenColumn(visibleTokens(), bands_rect_.width(), marker_);
  const QColor ink = palette().color(QPalette::Text);
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing);
  // A line with a halo in the background color stays visible over every band color.
  painter.setPen(QPen(palette().color(QPalette::Base), 4));
  painter.drawLine(QPointF(x, bands_rect_.top()), QPointF(x, bands_rect_.bottom() + 1));
  painter.setPen(QPen(ink, 2));
  painter.drawLine(QPointF(x, bands_rect_.top()), QPointF(x, bands_rect_.bottom() + 1));
  QPainterPath arrow;  // points down at the bands from the ruler
  const double tip = bands_rect_.top();
  arrow.moveTo(x - 5, tip - 7);
  arrow.lineTo(x + 5, tip - 7);
  arrow.lineTo(x, tip);
  arrow.closeSubpath();
  painter.fillPath(arrow, ink);
  painter.restore();
}

void VipMapWidget::paintHover(QPainter& painter) const {
  const auto hit = hover_ && !press_ ? hitAt(*hover_) : std::nullopt;
  if (!hit) return;
  const TokenRange view = visibleTokens();
  const double left = tokenColumn(view, bands_rect_.width(), hit->column.first);
  const double right = std::max(left + 1, tokenColumn(view, bands_rect_.width(), hit->column.last));
  QColor ink = palette().color(QPalette::Text);
  ink.setAlpha(150);
  painter.save();
  painter.setPen(QPen(ink, 1));
  painter.setBrush(Qt::NoBrush);
  // Outlines the hovered token(s) through all layers, and the hovered cell more strongly.
  painter.drawRect(
      QRectF(bands_rect_.left() + left - 1.5, bands_rect_.top() - 1.5, right - left + 2, bands_rect_.height() + 2));
  ink.setAlpha(255);
  painter.setPen(QPen(ink, 1));
  const QRect band = bandRect(hit->layer);
  painter.drawRect(QRectF(bands_rect_.left() + left - 1.5, band.top() - 1.5, right - left + 2, band.height() + 2));
  painter.restore();
}

void VipMapWidget::resizeEvent(QResizeEvent* event) {
  QAbstractScrollArea::resizeEvent(event);
  layoutBands();
  setView(horizontalScrollBar()->value(), span_);
}

void VipMapWidget::wheelEvent(QWheelEvent* event) {
  if (!renderer_) return QAbstractScrollArea::wheelEvent(event);
  const QPoint angle = event->angleDelta();
  if (event->modifiers() & Qt::ControlModifier) {
    const double notches = angle.y() / 120.0;
    zoomBy(std::pow(kWheelZoomPerNotch, notches), event->position().x() - bands_rect_.left());
  } else {
    // Touchpads give pixels; mice give notches. Either direction scrolls along the strip.
    const QPoint pixels = event->pixelDelta().isNull() ? angle * (kWheelPixelsPerNotch / 120.0) : event->pixelDelta();
    const int along = std::abs(pixels.x()) > std::abs(pixels.y()) ? pixels.x() : pixels.y();
    scrollByPixels(-along);
  }
  event->accept();
}

void VipMapWidget::keyPressEvent(QKeyEvent* event) {
  switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
      zoomIn();
      break;
    case Qt::Key_Minus:
    case Qt::Key_Underscore:
      zoomOut();
      break;
    case Qt::Key_0:
      fitAll();
      break;
    case Qt::Key_Home:
      horizontalScrollBar()->setValue(0);
      break;
    case Qt::Key_End:
      horizontalScrollBar()->setValue(horizontalScrollBar()->maximum());
      break;
    default:
      QAbstractScrollArea::keyPressEvent(event);
      return;
  }
  event->accept();
}

void VipMapWidget::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return QAbstractScrollArea::mousePressEvent(event);
  press_ = event->position().toPoint();
  press_first_ = horizontalScrollBar()->value();
  dragging_ = false;
  event->accept();
}

void VipMapWidget::mouseMoveEvent(QMouseEvent* event) {
  hover_ = event->position().toPoint();
  if (press_ && !dragging_ && (*hover_ - *press_).manhattanLength() >= QApplication::startDragDistance()) {
    dragging_ = true;
    viewport()->setCursor(Qt::ClosedHandCursor);
  }
  if (dragging_ && bands_rect_.width() > 0) {
    const double tokens = (hover_->x() - press_->x()) * static_cast<double>(span_) / bands_rect_.width();
    horizontalScrollBar()->setValue(press_first_ - static_cast<int>(std::lround(tokens)));
  }
  viewport()->update();
}

void VipMapWidget::mouseReleaseEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton || !press_) return QAbstractScrollArea::mouseReleaseEvent(event);
  const bool clicked = !dragging_;
  press_.reset();
  dragging_ = false;
  viewport()->unsetCursor();
  viewport()->update();
  if (const auto hit = clicked ? hitAt(event->position().toPoint()) : std::nullopt) {
    const TokenSpanRange& span = renderer_->trace().spans[hit->cell.token];
    Q_EMIT tokenActivated(hit->cell.token, span.begin, span.end);
  }
  event->accept();
}

bool VipMapWidget::viewportEvent(QEvent* event) {
  switch (event->type()) {
    case QEvent::ToolTip: {
      const auto* help = static_cast<QHelpEvent*>(event);
      const QString text = toolTipAt(help->pos());
      if (text.isEmpty()) {
        QToolTip::hideText();
      } else {
        QToolTip::showText(help->globalPos(), text, viewport());
      }
      return true;
    }
    case QEvent::Leave:
      hover_.reset();
      viewport()->update();
      break;
    default:
      break;
  }
  return QAbstractScrollArea::viewportEvent(event);
}

void VipMapWidget::scrollContentsBy(int, int) { viewport()->update(); }

}  // namespace frontseat::ui
