#include "ui/vipmap/vip_map_export.h"

#include <QBuffer>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

#include "ui/vipmap/vip_map_figure.h"

namespace frontseat::ui {
namespace {

bool fail(QString* error, const QString& path, const QString& reason) {
  if (error) *error = QStringLiteral("Could not write %1: %2").arg(path, reason);
  return false;
}

// Writes `bytes` to `path` through a temporary file renamed into place.
bool saveBytes(const QByteArray& bytes, const QString& path, QString* error) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return fail(error, path, file.errorString());
  if (file.write(bytes) != bytes.size() || !file.commit()) return fail(error, path, file.errorString());
  return true;
}

}  // namespace

bool writeVipMapPng(const VipMapFigure& figure, const QString& path, QString* error) {
  QImage image(figure.size(), QImage::Format_RGB32);
  {
    QPainter painter(&image);
    figure.paint(painter);
  }
  QBuffer buffer;
  buffer.open(QIODevice::WriteOnly);
  QImageWriter writer(&buffer, "png");
  if (!writer.write(image)) return fail(error, path, writer.errorString());
  return saveBytes(buffer.data(), path, error);
}

bool writeVipMapSvg(const VipMapFigure& figure, const QString& path, QString* error) {
  QBuffer buffer;
  buffer.open(QIODevice::WriteOnly);
  QSvgGenerator generator;
  generator.setOutputDevice(&buffer);
  generator.setSize(figure.size());
  generator.setViewBox(QRect(QPoint(0, 0), figure.size()));
  generator.setResolution(96);
  generator.setTitle(QStringLiteral("VIP map"));
  generator.setDescription(QStringLiteral("Resolution of every token in every encoder layer (Frontseat)"));
  {
    QPainter painter;
    if (!painter.begin(&generator)) return fail(error, path, QStringLiteral("the SVG generator did not start"));
    figure.paint(painter);
  }
  return saveBytes(buffer.data(), path, error);
}

}  // namespace frontseat::ui
