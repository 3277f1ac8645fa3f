// Writing a VIP map figure to disk. Both writers replace the file atomically
// and, on failure, return false with a message that names the path.
#pragma once

#include <QString>

namespace frontseat::ui {

class VipMapFigure;

bool writeVipMapPng(const VipMapFigure& figure, const QString& path, QString* error);
bool writeVipMapSvg(const VipMapFigure& figure, const QString& path, QString* error);

}  // namespace frontseat::ui
