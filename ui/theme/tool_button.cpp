#include "ui/theme/tool_button.h"

namespace frontseat::ui {

QToolButton* makeToolButton(QWidget* parent, QStyle::StandardPixmap icon, const QString& tip) {
  auto* button = new QToolButton(parent);
  button->setIcon(parent->style()->standardIcon(icon));
  button->setToolTip(tip);
  button->setAutoRaise(true);
  return button;
}

}  // namespace frontseat::ui
