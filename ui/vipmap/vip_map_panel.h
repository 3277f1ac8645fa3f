// The VIP map as the app shows it: a toolbar (zoom, fit, export), a one-line
// summary of the run, the map itself and its legend.
#pragma once

#include <QString>
#include <QWidget>
#include <cstdint>
#include <memory>
#include <string>

#include "engine/vcc/vcc_trace.h"

class QLabel;
class QToolButton;

namespace frontseat::ui {

class VipMapLegend;
class VipMapWidget;

class VipMapPanel : public QWidget {
  Q_OBJECT

 public:
  explicit VipMapPanel(QWidget* parent = nullptr);

  // As VipMapWidget::setTrace; also updates the summary and the legend.
  void setTrace(std::shared_ptr<const VccTrace> trace, std::shared_ptr<const std::string> document_text,
                const QString& placeholder = {});

  VipMapWidget* map() const { return map_; }
  VipMapLegend* legend() const { return legend_; }
  // "12 layers · 4 local · VCC: …"; empty without a trace.
  QString summaryText() const;

 public Q_SLOTS:
  // Ask for a file name, then write the whole map there; failures show a message.
  void exportPng();
  void exportSvg();

 Q_SIGNALS:
  void tokenActivated(int64_t token, int64_t byte_begin, int64_t byte_end);

 private:
  using ExportFunction = bool (VipMapWidget::*)(const QString&, QString*) const;
  void exportWith(const QString& caption, const QString& filter, const QString& suffix, ExportFunction write);

  VipMapWidget* map_;
  VipMapLegend* legend_;
  QLabel* summary_;
  QToolButton *zoom_out_, *zoom_in_, *fit_, *export_png_, *export_svg_;
  QString export_dir_;  // where the last export went
};

}  // namespace frontseat::ui
