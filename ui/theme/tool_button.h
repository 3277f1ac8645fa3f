// The small flat icon buttons the views put in their bars (find, evidence steps).
#pragma once

#include <QStyle>
#include <QToolButton>

namespace frontseat::ui {

QToolButton* makeToolButton(QWidget* parent, QStyle::StandardPixmap icon, const QString& tip);

}  // namespace frontseat::ui
