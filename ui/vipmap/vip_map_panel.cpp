#include "ui/vipmap/vip_map_panel.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/vipmap/vip_map_legend.h"
#include "ui/vipmap/vip_map_text.h"
#include "ui/vipmap/vip_map_widget.h"

namespace frontseat::ui {
namespace {

QToolButton* toolButton(QWidget* parent, const QString& text, const QString& tip) {
  auto* button = new QToolButton(parent);
  button->setText(text);
  button->setToolTip(tip);
  button->setAutoRaise(true);
  return button;
}

}  // namespace

VipMapPanel::VipMapPanel(QWidget* parent)
    : QWidget(parent),
      map_(new VipMapWidget(this)),
      legend_(new VipMapLegend(this)),
      summary_(new QLabel(this)),
      zoom_out_(toolButton(this, QStringLiteral("\u2212"), QStringLiteral("Zoom out (\u2212, Ctrl+wheel)"))),
      zoom_in_(toolButton(this, QStringLiteral("+"), QStringLiteral("Zoom in (+, Ctrl+wheel)"))),
      fit_(toolButton(this, QStringLiteral("Fit"), QStringLiteral("Show the whole document (0)"))),
      export_png_(
          toolButton(this, QStringLiteral("Export PNG\u2026"), QStringLiteral("Save the whole map as an image"))),
      export_svg_(toolButton(this, QStringLiteral("Export SVG\u2026"),
                             QStringLiteral("Save the whole map as a vector drawing"))),
      export_dir_(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)) {
  summary_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  auto* toolbar = new QHBoxLayout;
  toolbar->setSpacing(2);
  toolbar->addWidget(summary_, 1);
  for (QToolButton* button : {zoom_out_, zoom_in_, fit_}) toolbar->addWidget(button);
  toolbar->addSpacing(12);
  for (QToolButton* button : {export_png_, export_svg_}) toolbar->addWidget(button);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 4, 6, 6);
  layout->setSpacing(4);
  layout->addLayout(toolbar);
  layout->addWidget(map_);
  layout->addWidget(legend_);
  layout->addStretch(1);  // extra height goes below the legend, not between bands

  connect(zoom_out_, &QToolButton::clicked, map_, &VipMapWidget::zoomOut);
  connect(zoom_in_, &QToolButton::clicked, map_, &VipMapWidget::zoomIn);
  connect(fit_, &QToolButton::clicked, map_, &VipMapWidget::fitAll);
  connect(export_png_, &QToolButton::clicked, this, &VipMapPanel::exportPng);
  connect(export_svg_, &QToolButton::clicked, this, &VipMapPanel::exportSvg);
  connect(map_, &VipMapWidget::tokenActivated, this, &VipMapPanel::tokenActivated);
  setTrace(nullptr, nullptr);
}

void VipMapPanel::setTrace(std::shared_ptr<const VccTrace> trace, std::shared_ptr<const std::string> document_text,
                           const QString& placeholder) {
  summary_->setText(trace ? traceSummary(*trace) : QString());
  summary_->setToolTip(summary_->text());
  legend_->setTrace(trace);
  map_->setTrace(std::move(trace), std::move(document_text), placeholder);
  for (QToolButton* button : {zoom_out_, zoom_in_, fit_, export_png_, export_svg_}) button->setEnabled(map_->hasMap());
}

QString VipMapPanel::summaryText() const { return summary_->text(); }

void VipMapPanel::exportPng() {
  exportWith(QStringLiteral("Export VIP map as PNG"), QStringLiteral("PNG images (*.png)"), QStringLiteral("png"),
             &VipMapWidget::exportPng);
}

void VipMapPanel::exportSvg() {
  exportWith(QStringLiteral("Export VIP map as SVG"), QStringLiteral("SVG drawings (*.svg)"), QStringLiteral("svg"),
             &VipMapWidget::exportSvg);
}

void VipMapPanel::exportWith(const QString& caption, const QString& filter, const QString& suffix,
                             ExportFunction write) {
  const QString suggested = QDir(export_dir_).filePath(QStringLiteral("vip-map.") + suffix);
  QString path = QFileDialog::getSaveFileName(this, caption, suggested, filter);
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += QLatin1Char('.') + suffix;
  export_dir_ = QFileInfo(path).absolutePath();
  QString error;
  if (!(map_->*write)(path, &error)) QMessageBox::warning(this, QStringLiteral("Export failed"), error);
}

}  // namespace frontseat::ui
