// The VIP map: a zoomable strip over the whole input, one band per encoder
// layer, each token colored by the resolution it had in that layer (VIP, full
// resolution, coarse level k) and shaded by its block's selector score.
// Ctrl+wheel or +/- zoom, the wheel, scroll bar and dragging pan, hovering
// tells what a token is and how it was read, clicking activates it.
#pragma once

#include <QAbstractScrollArea>
#include <QImage>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "engine/vcc/vcc_trace.h"
#include "ui/vipmap/vip_map_axes.h"
#include "ui/vipmap/vip_map_columns.h"
#include "ui/vipmap/vip_map_renderer.h"

namespace frontseat::ui {

class VipMapWidget : public QAbstractScrollArea {
  Q_OBJECT

 public:
  explicit VipMapWidget(QWidget* parent = nullptr);
  ~VipMapWidget() override;

  // Shows `trace` whole (fit). `document_text` is the document the trace's
  // spans point into (null: tooltips name tokens by role only). A null trace
  // clears the map and shows `placeholder` (empty: what to do to get a map).
  void setTrace(std::shared_ptr<const VccTrace> trace, std::shared_ptr<const std::string> document_text,
                const QString& placeholder = {});
  QString placeholder() const { return placeholder_; }
  static QString askPlaceholder();  // the placeholder by default
  const std::shared_ptr<const VccTrace>& trace() const { return trace_; }
  // Whether there is anything to draw (a trace with layers and tokens).
  bool hasMap() const { return renderer_ != nullptr; }

  // The tokens in view; empty without a map.
  TokenRange visibleTokens() const;
  // Zooms and scrolls so that `range` fills the view, as far as zoom limits allow.
  void showTokens(TokenRange range);

  // Geometry in viewport coordinates: all bands, and one layer's band.
  QRect bandsRect() const;
  QRect bandRect(int layer) const;
  // The hover text for a viewport position; empty off the bands.
  QString toolTipAt(const QPoint& viewport_pos) const;

  // A marker line at `token` (where the document view is); -1 removes it.
  void markPosition(int64_t token);
  int64_t markedPosition() const { return marker_; }
  // Scrolls (centering the token) when `token` is out of view.
  void ensureTokenVisible(int64_t token);

  // The whole trace as a figure (labels, ruler, legend) 2000 pixels of bands
  // wide. False with a readable message when there is no map or the file can't be written.
  bool exportPng(const QString& path, QString* error) const;
  bool exportSvg(const QString& path, QString* error) const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 public Q_SLOTS:
  void zoomIn();
  void zoomOut();
  void fitAll();

 Q_SIGNALS:
  // A click on a band: the token under the cursor (the column's most-read
  // token in that layer) and its byte span in the document (-1, -1 for
  // question, prompt and end tokens).
  void tokenActivated(int64_t token, int64_t byte_begin, int64_t byte_end);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  bool viewportEvent(QEvent* event) override;
  void scrollContentsBy(int dx, int dy) override;

 private:
  struct Hit {
    int layer;
    TokenRange column;  // the tokens of the column under the cursor
    VipMapCell cell;
  };
  std::optional<Hit> hitAt(const QPoint& viewport_pos) const;

  bool canExport(QString* error) const;
  VipMapAxisStyle axisStyle() const;
  void layoutBands();
  int64_t tokenCount() const;  // of the map; 0 without one
  int64_t minimumSpan() const;
  // Shows `span` tokens from `first`, clamped to the trace and zoom limits.
  void setView(int64_t first, int64_t span);
  // Multiplies the span by `factor`, keeping the token at `anchor_x` in place.
  void zoomBy(double factor, double anchor_x);
  // Scrolls by a distance in pixels (positive: toward the end).
  void scrollByPixels(double pixels);
  const QImage& bandsImage() const;
  void paintPlaceholder(QPainter& painter) const;
  void paintMarker(QPainter& painter) const;
  void paintHover(QPainter& painter) const;

  std::shared_ptr<const VccTrace> trace_;
  QString placeholder_;
  std::shared_ptr<const std::string> document_;
  std::unique_ptr<VipMapRenderer> renderer_;
  int64_t span_ = 0;     // tokens in view; the first is the scroll bar's value
  int64_t marker_ = -1;  // token marked by markPosition
  VipMapBands bands_;
  QRect bands_rect_, ruler_rect_, gutter_rect_;  // viewport coordinates, set by layoutBands
  std::optional<QPoint> hover_;
  std::optional<QPoint> press_;  // where the left button went down, while it is down
  int press_first_ = 0;          // first visible token at that moment
  bool dragging_ = false;
  // The bands image for cached_range_ at the current size, redrawn when either changes.
  mutable QImage cached_bands_;
  mutable TokenRange cached_range_;
};

}  // namespace frontseat::ui
